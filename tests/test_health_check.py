# Copyright (c) 2026, Smooth HR LMS contributors and contributors
# For license information, please see license.txt

import frappe
import pytest
from factories import make_course, make_employee, make_hr_manager, make_hr_user, make_onboarding, make_user
from helpers import drop_lms_student_role, enrolled_courses, roles_of

from smooth_hr_lms import health_check
from smooth_hr_lms.install import after_install
from smooth_hr_lms.patches.v0_1 import backfill_open_assignment_keys, grant_lms_student_to_employee_users


@pytest.fixture
def mixed_workforce():
	"""Employees as a migration leaves them: some fine, some without users, some broken."""
	fine = make_employee(make_user("Fine"))
	lacking_role = make_employee(make_user("Lacking"))
	drop_lms_student_role(lacking_role.user_id)
	disabled = make_employee(make_user("Disabled"))
	drop_lms_student_role(disabled.user_id)
	frappe.db.set_value("User", disabled.user_id, "enabled", 0)
	without_user = make_employee(None)
	administrator = make_employee(None)
	frappe.db.set_value("Employee", administrator.name, "user_id", "Administrator")
	left = make_employee(make_user("Left"))
	drop_lms_student_role(left.user_id)
	frappe.db.set_value("Employee", left.name, "status", "Left")
	return frappe._dict(
		fine=fine,
		lacking_role=lacking_role,
		disabled=disabled,
		without_user=without_user,
		administrator=administrator,
		left=left,
	)


def test_role_patch_grants_only_active_enabled_real_users_and_is_safe_twice(mixed_workforce):
	administrator_roles = roles_of("Administrator")

	grant_lms_student_to_employee_users.execute()
	assert health_check.grant_lms_student_to_active_employees() == 0

	assert roles_of(mixed_workforce.lacking_role.user_id).count("LMS Student") == 1
	assert "LMS Student" not in roles_of(mixed_workforce.disabled.user_id)
	assert "LMS Student" not in roles_of(mixed_workforce.left.user_id)
	assert roles_of("Administrator") == administrator_roles
	assert "LMS Student" in frappe.get_roles(mixed_workforce.lacking_role.user_id)


def test_after_install_is_idempotent():
	after_install()
	after_install()

	for template in ("Smooth HR LMS Welcome", "Smooth HR LMS Reminder", "Smooth HR LMS Manager Overdue"):
		assert frappe.db.count("Email Template", {"name": template}) == 1
	settings = frappe.get_single("Smooth HR LMS Settings")
	assert settings.welcome_email_template == "Smooth HR LMS Welcome"


def test_after_install_keeps_an_admins_template_edits():
	after_install()
	frappe.db.set_value("Email Template", "Smooth HR LMS Welcome", "subject", "Hello from our L&D team")

	after_install()

	assert (
		frappe.db.get_value("Email Template", "Smooth HR LMS Welcome", "subject") == "Hello from our L&D team"
	)


def test_health_check_finds_each_kind_of_problem(mixed_workforce):
	course = make_course("Mandatory Basics", is_mandatory=1)
	hire = make_employee(make_user("Hire"))
	make_onboarding(hire.name)
	frappe.db.delete("LMS Enrollment", {"member": hire.user_id})
	frappe.db.set_value("User", mixed_workforce.fine.user_id, "email", "someone.else@example.com")
	frappe.db.set_value("Employee", mixed_workforce.fine.name, "company_email", "fine@company.example")

	problems = health_check.run_health_check()

	assert {row["employee"] for row in problems["employees_without_user"]} >= {
		mixed_workforce.without_user.name
	}
	assert [row["user"] for row in problems["users_without_lms_student"]] == [
		mixed_workforce.lacking_role.user_id
	]
	[missing] = problems["hires_missing_mandatory_enrollments"]
	assert (missing["employee"], missing["courses"]) == (hire.name, [course])
	[orphan] = problems["assignments_without_enrollment"]
	assert (orphan["user"], orphan["course"]) == (hire.user_id, course)
	assert [row["employee"] for row in problems["email_mismatches"]] == [mixed_workforce.fine.name]


def test_fix_repairs_what_is_safe_and_says_what_changed(mixed_workforce):
	course = make_course("Mandatory Basics", is_mandatory=1)
	hire = make_employee(make_user("Hire"))
	make_onboarding(hire.name)
	frappe.db.delete("LMS Enrollment", {"member": hire.user_id})

	result = health_check.fix_health_problems()

	assert result["fixed"] == {
		"lms_student_role_granted": 1,
		"mandatory_assignments_created": 0,
		"assignments_reenrolled": 1,
	}
	assert enrolled_courses(hire.user_id) == [course]
	assert "LMS Student" in roles_of(mixed_workforce.lacking_role.user_id)
	after = health_check.run_health_check()
	assert after["users_without_lms_student"] == []
	assert after["hires_missing_mandatory_enrollments"] == []
	assert after["assignments_without_enrollment"] == []
	assert {row["employee"] for row in after["employees_without_user"]} >= {mixed_workforce.without_user.name}


def test_fix_assigns_mandatory_courses_a_hire_never_got(monkeypatch):
	hire = make_employee(make_user("Late"))
	make_onboarding(hire.name)
	course = make_course("Published Later", is_mandatory=1)

	result = health_check.fix_health_problems()

	assert result["fixed"]["mandatory_assignments_created"] == 1
	assert enrolled_courses(hire.user_id) == [course]


@pytest.mark.parametrize("make_caller", [make_hr_user, lambda: make_user("Student"), lambda: "Guest"])
def test_health_check_is_for_system_and_hr_managers_only(as_user, make_caller):
	with as_user(make_caller()):
		with pytest.raises(frappe.PermissionError):
			health_check.run_health_check()
		with pytest.raises(frappe.PermissionError):
			health_check.fix_health_problems()


def test_hr_manager_may_run_the_health_check(as_user):
	with as_user(make_hr_manager()):
		assert "users_without_lms_student" in health_check.run_health_check()


def test_fix_is_post_only():
	assert frappe.allowed_http_methods_for_whitelisted_func[health_check.fix_health_problems] == ["POST"]


def test_key_patch_keys_old_open_assignments_and_cancels_duplicates():
	learner = make_user("Old")
	course = make_course("Legacy")
	names = []
	for _number in range(2):
		assignment = frappe.get_doc(
			{
				"doctype": "LMS Training Assignment",
				"employee": learner,
				"course": course,
				"due_date": frappe.utils.add_days(frappe.utils.today(), 30),
				"source": "Manual",
				"status": "Cancelled",
			}
		).insert()
		names.append(assignment.name)
	# As rows from before the key existed: open, and without a key.
	frappe.db.set_value("LMS Training Assignment", {"name": ("in", names)}, "status", "Assigned")

	backfill_open_assignment_keys.execute()
	backfill_open_assignment_keys.execute()

	statuses = [frappe.db.get_value("LMS Training Assignment", name, "status") for name in names]
	assert statuses == ["Assigned", "Cancelled"]
	assert (
		frappe.db.get_value("LMS Training Assignment", names[0], "open_assignment_key")
		== f"{learner}|{course}"
	)


def test_bench_command_is_registered_with_a_fix_option():
	from smooth_hr_lms.commands import commands

	[command] = commands
	assert command.name == "lms-health-check"
	assert [option.name for option in command.params] == ["fix"]
