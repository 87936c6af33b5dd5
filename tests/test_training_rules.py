# Copyright (c) 2026, Smooth HR LMS contributors and contributors
# For license information, please see license.txt

"""Training rules: attribute matching, onboarding, transfers, recurrence, deactivation, overlap, cost."""

import frappe
import pytest
from factories import (
	days_from_today,
	ensure_branch,
	ensure_department,
	ensure_designation,
	ensure_employment_type,
	make_assignment,
	make_course,
	make_employee,
	make_onboarding,
	make_training_rule,
	make_user,
)
from frappe.utils import add_months, getdate, today
from helpers import assignments_of
from query_counter import count_queries

from smooth_hr_lms import provisioning, tasks, training_rules


def assigned_courses(employee) -> list[str]:
	return sorted(row.course for row in assignments_of(employee.user_id) if row.status != "Cancelled")


@pytest.mark.parametrize(
	"field, make_value, make_other",
	[
		("department", lambda: ensure_department("Warehouse"), lambda: ensure_department("Finance")),
		("designation", lambda: ensure_designation("Forklift Driver"), lambda: ensure_designation("Clerk")),
		("branch", lambda: ensure_branch("Rotterdam"), lambda: ensure_branch("Lisbon")),
		(
			"employment_type",
			lambda: ensure_employment_type("Contract"),
			lambda: ensure_employment_type("Intern"),
		),
	],
)
def test_rule_assigns_only_to_employees_matching_the_field(field, make_value, make_other):
	course = make_course("Forklift Safety")
	value, other = make_value(), make_other()
	matching = make_employee(make_user("Match"), **{field: value})
	not_matching = make_employee(make_user("Other"), **{field: other})
	unset = make_employee(make_user("Unset"))
	make_training_rule([course], **{field: value})

	training_rules.apply_training_rules()

	assert assigned_courses(matching) == [course]
	assert assigned_courses(not_matching) == []
	assert assigned_courses(unset) == []


def test_rule_with_no_fields_applies_to_everyone_and_by_company():
	course = make_course("Code of Ethics")
	first, second = make_employee(make_user("One")), make_employee(make_user("Two"))
	make_training_rule([course], company=first.company)

	training_rules.apply_training_rules()

	assert assigned_courses(first) == assigned_courses(second) == [course]


def test_inactive_employees_and_employees_without_user_are_left_out():
	course = make_course("Everyone")
	left = make_employee(make_user("Gone"))
	frappe.db.set_value("Employee", left.name, "status", "Left")
	make_employee(None)
	make_training_rule([course])

	summary = training_rules.apply_training_rules()

	assert assigned_courses(left) == []
	assert summary.failed == []


def test_onboarding_uses_rules_for_the_courses_they_name():
	warehouse, office = ensure_department("Warehouse"), ensure_department("Office")
	forklift = make_course("Forklift", is_mandatory=1)
	privacy = make_course("Privacy", is_mandatory=1)
	make_training_rule([forklift], due_in_days=7, department=warehouse)
	clerk = make_employee(make_user("Clerk"), department=office)
	driver = make_employee(make_user("Driver"), department=warehouse)

	make_onboarding(clerk.name)
	make_onboarding(driver.name)

	assert assigned_courses(clerk) == [privacy]
	assert assigned_courses(driver) == sorted([forklift, privacy])
	due = {row.course: getdate(row.due_date) for row in assignments_of(driver.user_id)}
	assert due == {forklift: days_from_today(7), privacy: days_from_today(30)}


def test_transfer_assigns_what_the_new_department_requires_and_keeps_history():
	sales, finance = ensure_department("Sales"), ensure_department("Finance")
	sales_course, finance_course = make_course("Negotiation"), make_course("Sarbanes-Oxley")
	make_training_rule([sales_course], department=sales)
	make_training_rule([finance_course], department=finance)
	employee = make_employee(make_user("Mover"), department=sales)
	training_rules.apply_training_rules()
	[sales_assignment] = assignments_of(employee.user_id)
	frappe.db.set_value("LMS Training Assignment", sales_assignment.name, "status", "Completed")

	employee.reload()
	employee.department = finance
	employee.save()

	statuses = {row.course: row.status for row in assignments_of(employee.user_id)}
	assert statuses == {sales_course: "Completed", finance_course: "Assigned"}


def test_overlapping_rules_give_one_assignment_with_the_earliest_due_date():
	course = make_course("Shared")
	warehouse = ensure_department("Warehouse")
	make_training_rule([course], due_in_days=60)
	make_training_rule([course], due_in_days=10, department=warehouse)
	employee = make_employee(make_user("Both"), department=warehouse)

	training_rules.apply_training_rules()
	training_rules.apply_training_rules()

	[assignment] = assignments_of(employee.user_id)
	assert getdate(assignment.due_date) == days_from_today(10)


def test_disabled_rule_assigns_nothing_new_and_keeps_open_assignments_until_asked():
	course = make_course("Retired Topic")
	rule = make_training_rule([course])
	first = make_employee(make_user("Early"))
	training_rules.apply_training_rules()
	rule.reload()
	rule.enabled = 0
	rule.save()
	later = make_employee(make_user("Later"))

	training_rules.apply_training_rules()
	assert assigned_courses(later) == []
	assert assigned_courses(first) == [course]

	assert rule.cancel_open_assignments() == 1
	assert {row.status for row in assignments_of(first.user_id)} == {"Cancelled"}


def test_a_run_from_a_stale_view_cannot_duplicate_an_open_assignment(monkeypatch):
	course = make_course("Concurrent")
	employee = make_employee(make_user("Race"))
	make_training_rule([course])
	training_rules.apply_training_rules()
	# As a daily job that read before a rule edit's run committed: it sees no assignment yet.
	monkeypatch.setattr(provisioning, "get_existing_assignments", lambda learners, courses: {})

	summary = training_rules.apply_training_rules()

	assert len(summary.failed) == 1
	assert len(assignments_of(employee.user_id)) == 1


def complete_through_lms(assignment_name: str):
	enrollment = frappe.db.get_value("LMS Training Assignment", assignment_name, "enrollment")
	frappe.db.set_value("LMS Enrollment", enrollment, "progress", 100)
	frappe.get_doc("LMS Enrollment", enrollment).run_method("on_update")


def test_recurring_training_is_renewed_after_completion():
	course = make_course("Data Protection Refresher")
	make_training_rule([course], recurrence_months=12)
	employee = make_employee(make_user("Annual"))
	training_rules.apply_training_rules()
	[first] = assignments_of(employee.user_id)

	complete_through_lms(first.name)

	rows = {row.name: row for row in assignments_of(employee.user_id)}
	[renewal] = [row for name, row in rows.items() if name != first.name]
	assert rows[first.name].status == "Completed"
	assert renewal.status == "Assigned"
	assert getdate(renewal.due_date) == getdate(add_months(today(), 12))
	assert frappe.db.get_value("LMS Training Assignment", renewal.name, "previous_assignment") == first.name
	assert renewal.enrollment == first.enrollment

	# The first pass's 100% does not complete the renewal; a second daily run renews nothing more.
	tasks.reconcile_assignment_progress()
	tasks.apply_training_rules_daily()
	assert len(assignments_of(employee.user_id)) == 2
	assert frappe.db.get_value("LMS Training Assignment", renewal.name, "status") == "Assigned"


def test_lapsed_completion_is_assigned_again_by_the_daily_job():
	course = make_course("Fire Drill")
	rule = make_training_rule([course], recurrence_months=6)
	employee = make_employee(make_user("Lapsed"))
	old = frappe.get_doc(
		{
			"doctype": "LMS Training Assignment",
			"employee": employee.user_id,
			"employee_record": employee.name,
			"course": course,
			"assigned_on": days_from_today(-400),
			"due_date": days_from_today(-370),
			"status": "Completed",
			"completion_date": days_from_today(-380),
			"source": "Manual",
		}
	).insert()

	training_rules.apply_training_rules(rule=rule.name)

	open_rows = [row for row in assignments_of(employee.user_id) if row.name != old.name]
	assert [row.status for row in open_rows] == ["Assigned"]


def test_compliance_is_compliant_due_or_lapsed():
	rows = [
		frappe._dict(
			employee="a",
			course="c",
			status="Completed",
			completion_date=days_from_today(-10),
			due_date=days_from_today(-20),
			training_rule="yearly",
		),
		frappe._dict(
			employee="b", course="c", status="Assigned", due_date=days_from_today(5), training_rule=None
		),
		frappe._dict(
			employee="c", course="c", status="Overdue", due_date=days_from_today(-5), training_rule=None
		),
		frappe._dict(
			employee="d",
			course="c",
			status="Completed",
			completion_date=days_from_today(-400),
			due_date=days_from_today(-420),
			training_rule="yearly",
		),
	]

	state = training_rules.get_compliance(rows, {"yearly": 12})

	assert state == {("a", "c"): "Compliant", ("b", "c"): "Due", ("c", "c"): "Lapsed", ("d", "c"): "Lapsed"}


def test_rule_reads_do_not_grow_with_matching_employees():
	course = make_course("Scale Rule")
	make_training_rule([course])

	def rerun_reads(count):
		for number in range(count):
			make_employee(make_user(f"S{number}"))
		training_rules.apply_training_rules()
		with count_queries() as queries:
			summary = training_rules.apply_training_rules()
		assert summary.created == []
		return queries.reads

	small = rerun_reads(3)
	frappe.db.rollback()
	course = make_course("Scale Rule")
	make_training_rule([course])
	assert rerun_reads(15) == small


def test_rule_needs_courses_and_no_duplicates():
	course = make_course("Once")
	with pytest.raises(frappe.ValidationError):
		make_training_rule([course, course])


def test_renewal_skips_a_course_already_open_and_the_daily_job_goes_on():
	first_course, second_course = make_course("Renewed"), make_course("Also Ruled")
	make_training_rule([first_course], recurrence_months=12)
	employee = make_employee(make_user("Busy"))
	training_rules.apply_training_rules()
	[first] = assignments_of(employee.user_id)
	frappe.db.set_value(
		"LMS Training Assignment",
		first.name,
		{"status": "Completed", "completion_date": today(), "open_assignment_key": None},
	)
	manual = make_assignment(employee, first_course, due_date=days_from_today(20))
	make_training_rule([second_course])

	tasks.apply_training_rules_daily()

	open_rows = {row.course: row.name for row in assignments_of(employee.user_id) if row.status == "Assigned"}
	assert sorted(open_rows) == sorted([first_course, second_course])
	assert open_rows[first_course] == manual.name


def test_lapsed_course_assigned_again_starts_from_zero():
	course = make_course("Licence")
	make_training_rule([course], recurrence_months=12)
	employee = make_employee(make_user("Relapse"))
	training_rules.apply_training_rules()
	[first] = assignments_of(employee.user_id)
	complete_through_lms(first.name)
	frappe.db.set_value("LMS Training Assignment", first.name, "completion_date", days_from_today(-400))
	frappe.db.delete("LMS Training Assignment", {"previous_assignment": first.name})

	training_rules.apply_training_rules()

	[again] = [row for row in assignments_of(employee.user_id) if row.name != first.name]
	assert again.status == "Assigned"
	assert frappe.db.get_value("LMS Training Assignment", again.name, "previous_assignment") == first.name


def test_first_pass_certificate_stays_with_the_first_pass(monkeypatch):
	monkeypatch.setattr(frappe, "get_print", lambda *args, **kwargs: b"%PDF")
	from factories import issue_certificate

	course = make_course("Certified Yearly")
	make_training_rule([course], recurrence_months=12)
	employee = make_employee(make_user("Cert"))
	training_rules.apply_training_rules()
	[first] = assignments_of(employee.user_id)
	complete_through_lms(first.name)

	certificate = issue_certificate(employee.user_id, course)

	assert frappe.db.get_value("LMS Training Assignment", first.name, "certificate") == certificate.name
	renewal = frappe.db.get_value(
		"LMS Training Assignment",
		{"previous_assignment": first.name},
		["status", "certificate"],
		as_dict=True,
	)
	assert (renewal.status, renewal.certificate) == ("Assigned", None)


@pytest.mark.parametrize("values", [{"due_in_days": 10_000_000}, {"recurrence_months": 200_000}])
def test_out_of_range_periods_are_refused(values):
	with pytest.raises(frappe.ValidationError):
		make_training_rule([make_course("Range")], **values)


def test_overlapping_rules_keep_the_shortest_recurrence():
	course = make_course("Both Recur")
	warehouse = ensure_department("Warehouse")
	make_training_rule([course], due_in_days=10, recurrence_months=24)
	make_training_rule([course], due_in_days=30, recurrence_months=6, department=warehouse)
	employee = make_employee(make_user("Strict"), department=warehouse)

	[item] = training_rules.plan_for(
		[frappe.db.get_value("Employee", employee.name, training_rules.EMPLOYEE_FIELDS, as_dict=True)],
		training_rules.get_enabled_rules(),
	)

	assert (getdate(item.due_date), item.recurrence_months) == (days_from_today(10), 6)


def test_unpublished_rule_course_waits_until_it_is_published():
	draft = make_course("Not Yet", published=0)
	make_training_rule([draft])
	employee = make_employee(make_user("Wait"))

	training_rules.apply_training_rules()
	assert assignments_of(employee.user_id) == []

	frappe.db.set_value("LMS Course", draft, "published", 1)
	training_rules.apply_training_rules()
	assert [row.course for row in assignments_of(employee.user_id)] == [draft]


def test_health_check_respects_rules_for_mandatory_courses():
	from smooth_hr_lms import health_check

	warehouse, office = ensure_department("Warehouse"), ensure_department("Office")
	forklift = make_course("Forklift Only", is_mandatory=1)
	make_training_rule([forklift], department=warehouse)
	clerk = make_employee(make_user("Desk"), department=office)
	make_onboarding(clerk.name)

	assert health_check.run_health_check()["hires_missing_mandatory_enrollments"] == []
	health_check.fix_health_problems()
	assert assignments_of(clerk.user_id) == []
