# Copyright (c) 2026, Smooth HR LMS contributors and contributors
# For license information, please see license.txt

import frappe
import pytest
from factories import make_employee, make_hr_user, make_user
from helpers import drop_lms_student_role, error_logs_for, roles_of, timeline_notes

from smooth_hr_lms import hrms_integration


@pytest.fixture
def learner_without_lms_role():
	user = make_user("Amara")
	drop_lms_student_role(user)
	assert "LMS Student" not in roles_of(user)
	return user


def test_employee_insert_grants_lms_student_role(learner_without_lms_role):
	make_employee(learner_without_lms_role)

	assert "LMS Student" in roles_of(learner_without_lms_role)


def test_hr_user_without_lms_role_still_provisions(learner_without_lms_role, as_user):
	hr_user = make_hr_user()
	assert not {"LMS Student", "Moderator", "System Manager"} & set(frappe.get_roles(hr_user))

	with as_user(hr_user):
		make_employee(learner_without_lms_role, ignore_permissions=False)

	assert "LMS Student" in roles_of(learner_without_lms_role)


def test_granting_twice_adds_no_second_role_row(learner_without_lms_role):
	employee = make_employee(learner_without_lms_role)

	hrms_integration.grant_lms_student_role(employee)
	hrms_integration.grant_lms_student_role(employee)

	assert roles_of(learner_without_lms_role).count("LMS Student") == 1


def test_employee_without_user_is_saved_and_nothing_is_noted():
	employee = make_employee(None)

	assert frappe.db.exists("Employee", employee.name)
	assert timeline_notes("Employee", employee.name) == []


def test_user_disabled_after_linking_is_not_granted_and_hr_sees_why(learner_without_lms_role):
	# ERPNext refuses to link a disabled user, so the user is disabled after the link is made.
	employee = make_employee(None)
	frappe.db.set_value("Employee", employee.name, "user_id", learner_without_lms_role)
	frappe.db.set_value("User", learner_without_lms_role, "enabled", 0)
	employee.reload()

	hrms_integration.grant_lms_student_role(employee)

	assert "LMS Student" not in roles_of(learner_without_lms_role)
	assert any("is disabled" in note for note in timeline_notes("Employee", employee.name))


def test_administrator_linked_by_mistake_is_never_provisioned():
	administrator_roles = roles_of("Administrator")

	employee = make_employee("Administrator")

	assert roles_of("Administrator").count("LMS Student") == administrator_roles.count("LMS Student")
	assert any("built-in user" in note for note in timeline_notes("Employee", employee.name))


def test_failed_grant_keeps_the_employee_and_is_logged(learner_without_lms_role, monkeypatch):
	def broken_grant(user):
		frappe.throw("Role service unavailable")

	monkeypatch.setattr(hrms_integration, "ensure_lms_student_role", broken_grant)

	employee = make_employee(learner_without_lms_role)

	assert frappe.db.exists("Employee", employee.name)
	logs = error_logs_for("Employee", employee.name)
	assert len(logs) == 1
	assert learner_without_lms_role in logs[0].error
	assert employee.name in logs[0].error
	assert any("Role service unavailable" in note for note in timeline_notes("Employee", employee.name))
	assert not any("Role service unavailable" in str(m) for m in frappe.local.message_log)
