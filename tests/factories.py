# Copyright (c) 2026, Smooth HR LMS contributors and contributors
# For license information, please see license.txt

"""Record factories that work on the double and on a real HRMS + LMS site alike.

Every factory inserts as the current session user unless it says otherwise; the
records it needs around it (company, gender, designation) are reused when they exist.
"""

import frappe
from frappe.utils import add_days, getdate, today

TEST_COMPANY = "Smooth Test Company"


def unique_suffix() -> str:
	return frappe.generate_hash(length=8)


def get_or_create(doctype: str, name: str, values: dict) -> str:
	if not frappe.db.exists(doctype, name):
		frappe.get_doc({"doctype": doctype, **values}).insert(ignore_permissions=True)
	return name


def ensure_company() -> str:
	existing = frappe.db.get_value("Company", {}, "name")
	if existing:
		return existing
	return get_or_create(
		"Company",
		TEST_COMPANY,
		{"company_name": TEST_COMPANY, "abbr": "STC", "default_currency": "USD", "country": "United States"},
	)


def ensure_gender() -> str:
	return get_or_create("Gender", "Female", {"gender": "Female"})


def ensure_designation(name: str = "Analyst") -> str:
	return get_or_create("Designation", name, {"designation_name": name})


def make_user(
	first_name: str = "Learner",
	roles=(),
	enabled: int = 1,
	email: str | None = None,
	lms_student: bool = True,
) -> str:
	"""A login user; LMS gives every new user LMS Student, so lms_student=False takes it away again."""
	email = email or f"{first_name.lower()}.{unique_suffix()}@example.com"
	user = frappe.get_doc(
		{
			"doctype": "User",
			"email": email,
			"first_name": first_name,
			"enabled": enabled,
			"send_welcome_email": 0,
			"roles": [{"role": role} for role in roles],
		}
	)
	user.insert(ignore_permissions=True)
	if not lms_student:
		user.remove_roles("LMS Student")
	return user.name


def make_hr_user() -> str:
	return make_user("Hilda", roles=("HR User",), lms_student=False)


def make_hr_manager() -> str:
	return make_user("Hamid", roles=("HR Manager", "HR User"), lms_student=False)


def ensure_holiday_list() -> str:
	"""HRMS needs a holiday list to plan onboarding tasks when an onboarding is submitted."""
	name = f"Smooth Test Holidays {getdate(today()).year}"
	return get_or_create(
		"Holiday List",
		name,
		{
			"holiday_list_name": name,
			"from_date": f"{getdate(today()).year - 1}-01-01",
			"to_date": f"{getdate(today()).year + 1}-12-31",
		},
	)


def make_employee(user_id: str | None = None, first_name: str = "Nia", ignore_permissions=True, **values):
	employee = frappe.get_doc(
		{
			"doctype": "Employee",
			"first_name": first_name,
			"last_name": unique_suffix(),
			"gender": ensure_gender(),
			"date_of_birth": "1994-05-17",
			"date_of_joining": today(),
			"status": "Active",
			"company": ensure_company(),
			"holiday_list": ensure_holiday_list(),
			"user_id": user_id,
			**values,
		}
	)
	employee.insert(ignore_permissions=ignore_permissions)
	return employee


def make_course(
	title: str,
	published: int = 1,
	is_mandatory: int = 0,
	disable_self_learning: int = 0,
	paid_course: int = 0,
) -> str:
	values = {
		"doctype": "LMS Course",
		"title": f"{title} {unique_suffix()}",
		"short_introduction": f"{title} for every new colleague.",
		"description": f"<p>{title}</p>",
		"published": published,
		"is_mandatory": is_mandatory,
		"disable_self_learning": disable_self_learning,
		"paid_course": paid_course,
		"instructors": [{"instructor": "Administrator"}],
	}
	if paid_course:
		values.update({"course_price": 50, "currency": "USD"})
	course = frappe.get_doc(values)
	course.insert(ignore_permissions=True)
	return course.name


def make_job_applicant(name: str = "Nia Okafor") -> str:
	applicant = frappe.get_doc(
		{
			"doctype": "Job Applicant",
			"applicant_name": name,
			"email_id": f"applicant.{unique_suffix()}@example.com",
			"status": "Accepted",
		}
	)
	applicant.insert(ignore_permissions=True)
	return applicant.name


def make_job_offer(job_applicant: str) -> str:
	offer = frappe.get_doc(
		{
			"doctype": "Job Offer",
			"job_applicant": job_applicant,
			"designation": ensure_designation(),
			"company": ensure_company(),
			"offer_date": today(),
			"status": "Accepted",
		}
	)
	offer.insert(ignore_permissions=True)
	return offer.name


def make_onboarding(employee=None, date_of_joining=None, submit: bool = False, **values):
	"""An Employee Onboarding as HRMS requires it: applicant and offer first, employee optional."""
	job_applicant = values.pop("job_applicant", None) or make_job_applicant()
	onboarding = frappe.get_doc(
		{
			"doctype": "Employee Onboarding",
			"job_applicant": job_applicant,
			"job_offer": make_job_offer(job_applicant),
			"employee_name": "Nia Okafor",
			"employee": employee,
			"company": ensure_company(),
			"date_of_joining": date_of_joining or today(),
			"boarding_begins_on": today(),
			"holiday_list": ensure_holiday_list(),
			**values,
		}
	)
	onboarding.insert()
	if submit:
		onboarding.submit()
	return onboarding


def days_from_today(days: int):
	return getdate(add_days(today(), days))


def ensure_department(department_name: str) -> str:
	"""ERPNext names departments "<name> - <company abbr>"; the name is looked up, not assumed."""
	company = ensure_company()
	existing = frappe.db.get_value("Department", {"department_name": department_name, "company": company})
	if existing:
		return existing
	department = frappe.get_doc(
		{
			"doctype": "Department",
			"department_name": department_name,
			"company": company,
			"parent_department": "All Departments",
		}
	)
	department.insert(ignore_permissions=True)
	return department.name


def ensure_branch(name: str) -> str:
	return get_or_create("Branch", name, {"branch": name})


def ensure_employment_type(name: str) -> str:
	return get_or_create("Employment Type", name, {"employee_type_name": name})


def make_training_rule(courses: list[str], due_in_days: int = 30, recurrence_months: int = 0, **applies_to):
	rule = frappe.get_doc(
		{
			"doctype": "LMS Training Rule",
			"rule_name": f"Rule {unique_suffix()}",
			"courses": [{"course": course} for course in courses],
			"due_in_days": due_in_days,
			"recurrence_months": recurrence_months,
			**applies_to,
		}
	)
	rule.insert()
	return rule


def ensure_print_format() -> str:
	existing = frappe.db.get_value("Print Format", {"doc_type": "LMS Certificate"}, "name")
	if existing:
		return existing
	frappe.get_doc(
		{"doctype": "Print Format", "name": "Smooth Test Certificate", "doc_type": "LMS Certificate"}
	).insert(ignore_permissions=True)
	return "Smooth Test Certificate"


def issue_certificate(member: str, course: str):
	return frappe.get_doc(
		{
			"doctype": "LMS Certificate",
			"member": member,
			"course": course,
			"issue_date": today(),
			"template": ensure_print_format(),
		}
	).insert(ignore_permissions=True)


def make_assignment(employee, course: str, **values):
	"""A manual LMS Training Assignment for an Employee's user, due in 30 days unless told otherwise."""
	return frappe.get_doc(
		{
			"doctype": "LMS Training Assignment",
			"employee": employee.user_id,
			"employee_record": employee.name,
			"course": course,
			"due_date": days_from_today(30),
			"source": "Manual",
			**values,
		}
	).insert()
