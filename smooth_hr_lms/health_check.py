# Copyright (c) 2026, Smooth HR LMS contributors and contributors
# For license information, please see license.txt

"""The account health check: who lacks LMS access or training they should have, and the safe fixes.

Available as a whitelisted method for System Manager and HR Manager and as the bench command
`bench --site SITE lms-health-check [--fix]`.
"""

import frappe
from frappe import _

from smooth_hr_lms.hrms_integration import assign_onboarding_courses
from smooth_hr_lms.provisioning import (
	STANDARD_USERS,
	enroll_learner,
	get_published_mandatory_courses,
	grant_lms_student_role_in_bulk,
	run_isolated,
	users_lacking_lms_student,
)
from smooth_hr_lms.smooth_hr_lms.doctype.lms_training_assignment.lms_training_assignment import (
	CLOSED_STATUSES,
)
from smooth_hr_lms.training_rules import EMPLOYEE_FIELDS, MATCH_FIELDS, get_enabled_rules, plan_for

HEALTH_CHECK_ROLES = ("System Manager", "HR Manager")


@frappe.whitelist(methods=["GET", "POST"])
def run_health_check() -> dict:
	"""List what keeps active employees from LMS access or the mandatory training they should have."""
	require_health_check_role()
	return find_problems()


@frappe.whitelist(methods=["POST"])
def fix_health_problems() -> dict:
	"""Repair what is safe to repair and say what changed; the rest is listed for HR to decide."""
	require_health_check_role()
	problems = find_problems()
	return {"problems": problems, "fixed": fix_problems(problems)}


def require_health_check_role():
	if frappe.session.user != "Administrator" and not set(HEALTH_CHECK_ROLES) & set(frappe.get_roles()):
		frappe.throw(
			_("Only System Managers and HR Managers can run the LMS health check."), frappe.PermissionError
		)


def find_problems() -> dict:
	"""Every kind of problem, each found with a fixed number of queries."""
	employees, linked, users = load_active_employees()
	return {
		"employees_without_user": [
			{"employee": row.name, "employee_name": row.employee_name} for row in employees if not row.user_id
		],
		"users_without_lms_student": find_users_without_lms_student(linked, users),
		"hires_missing_mandatory_enrollments": find_hires_missing_enrollments(linked, users),
		"assignments_without_enrollment": find_assignments_without_enrollment(),
		"email_mismatches": [
			{"employee": row.name, "user": row.user_id, "company_email": row.company_email}
			for row in linked
			if row.company_email
			and row.user_id in users
			and (users[row.user_id].email or "").lower() != row.company_email.strip().lower()
		],
	}


def load_active_employees() -> tuple[list, list, dict]:
	"""Active employees, those linked to a real user, and those users by name."""
	employees = frappe.get_all(
		"Employee",
		filters={"status": "Active"},
		fields=["name", "employee_name", "user_id", "company_email", *MATCH_FIELDS],
	)
	linked = [row for row in employees if row.user_id and row.user_id not in STANDARD_USERS]
	users = {}
	if linked:
		users = {
			row.name: row
			for row in frappe.get_all(
				"User",
				filters={"name": ("in", [row.user_id for row in linked])},
				fields=["name", "enabled", "email"],
			)
		}
	return employees, linked, users


def find_users_without_lms_student(linked: list, users: dict) -> list[dict]:
	lacking = set(users_lacking_lms_student([name for name, user in users.items() if user.enabled]))
	missing = {}
	for row in linked:
		if row.user_id in lacking:
			missing.setdefault(row.user_id, {"employee": row.name, "user": row.user_id})
	return list(missing.values())


def find_hires_missing_enrollments(linked: list, users: dict) -> list[dict]:
	"""Hires with an open onboarding who lack an enrollment in a course onboarding gives them: the
	mandatory courses no rule names, and the courses of the rules matching them."""
	rules = get_enabled_rules()
	ruled_courses = {course for rule in rules for course in rule.courses}
	blanket = [course for course in get_published_mandatory_courses() if course not in ruled_courses]
	courses = blanket + sorted(ruled_courses)
	if not courses or not linked:
		return []
	employees = {row.name: row for row in linked}

	employee_user = {
		row.name: row.user_id for row in linked if row.user_id in users and users[row.user_id].enabled
	}
	onboardings = frappe.get_all(
		"Employee Onboarding",
		filters={
			"employee": ("in", list(employee_user)),
			"docstatus": ("<", 2),
			"boarding_status": ("!=", "Completed"),
		},
		fields=["name", "employee", "date_of_joining"],
		order_by="creation asc",
	)
	if not onboardings:
		return []

	hire_users = [employee_user[row.employee] for row in onboardings]
	enrolled = {
		(row.member, row.course)
		for row in frappe.get_all(
			"LMS Enrollment",
			filters={"member": ("in", hire_users), "course": ("in", courses)},
			fields=["member", "course"],
		)
	}
	missing = {}
	for onboarding in onboardings:
		user = employee_user[onboarding.employee]
		expected = blanket + [item.course for item in plan_for([employees[onboarding.employee]], rules)]
		absent = [course for course in expected if (user, course) not in enrolled]
		if absent:
			# The latest onboarding of an employee wins, as it does when provisioning.
			missing[onboarding.employee] = {
				"employee": onboarding.employee,
				"user": user,
				"onboarding": onboarding.name,
				"date_of_joining": onboarding.date_of_joining,
				"courses": absent,
			}
	return list(missing.values())


def find_assignments_without_enrollment() -> list[dict]:
	open_assignments = frappe.get_all(
		"LMS Training Assignment",
		filters={"status": ("not in", CLOSED_STATUSES)},
		fields=["name", "employee", "employee_record", "course", "enrollment"],
	)
	if not open_assignments:
		return []

	existing = set(
		frappe.get_all(
			"LMS Enrollment",
			filters={"name": ("in", [row.enrollment for row in open_assignments if row.enrollment])},
			pluck="name",
		)
	)
	return [
		{"assignment": row.name, "user": row.employee, "employee": row.employee_record, "course": row.course}
		for row in open_assignments
		if row.enrollment not in existing
	]


def fix_problems(findings: dict) -> dict:
	"""Repair what needs no human judgement; missing users and mismatched emails are HR's to decide."""
	granted = grant_lms_student_role_in_bulk([row["user"] for row in findings["users_without_lms_student"]])

	assigned = 0
	# TODO: one provisioning pass per hire; hires with the same onboarding date could share one.
	for hire in findings["hires_missing_mandatory_enrollments"]:
		onboarding = frappe.get_doc("Employee Onboarding", hire["onboarding"])
		employee = frappe.db.get_value("Employee", hire["employee"], EMPLOYEE_FIELDS, as_dict=True)
		summary = assign_onboarding_courses(onboarding, employee, onboarding)
		assigned += len(summary.created) if summary else 0

	relinked = 0
	for row in findings["assignments_without_enrollment"]:
		succeeded, _outcome = run_isolated(
			_reenroll, row, employee=row["employee"], learner=row["user"], course=row["course"]
		)
		relinked += succeeded

	return {
		"lms_student_role_granted": granted,
		"mandatory_assignments_created": assigned,
		"assignments_reenrolled": relinked,
	}


def _reenroll(row: dict):
	enrollment = frappe.db.get_value("LMS Enrollment", {"member": row["user"], "course": row["course"]})
	if not enrollment:
		enrollment = enroll_learner(row["user"], row["course"]).name
	frappe.db.set_value("LMS Training Assignment", row["assignment"], "enrollment", enrollment)


def grant_lms_student_to_active_employees() -> int:
	"""Backfill: every active employee's enabled user that lacks LMS Student gets it; returns how many."""
	_employees, linked, users = load_active_employees()
	return grant_lms_student_role_in_bulk(
		[row["user"] for row in find_users_without_lms_student(linked, users)]
	)
