# Copyright (c) 2026, Smooth HR LMS contributors and contributors
# For license information, please see license.txt

"""Bad input and odd orders found in review, each held to the behaviour HR expects."""

import frappe
import pytest
from factories import (
	days_from_today,
	issue_certificate,
	make_assignment,
	make_course,
	make_employee,
	make_onboarding,
	make_user,
)
from frappe.utils import today
from helpers import assignments_of, roles_of, timeline_notes

from smooth_hr_lms import api, hrms_integration, lms_sync, notifications, provisioning, tasks


@pytest.fixture
def mandatory_courses():
	return sorted([make_course("Ethics", is_mandatory=1), make_course("Security", is_mandatory=1)])


@pytest.fixture
def moderator():
	return make_user("Mod", roles=("Moderator",))


def open_courses(user: str) -> list[str]:
	return sorted(row.course for row in assignments_of(user) if row.status not in ("Completed", "Cancelled"))


def test_user_cleared_then_corrected_moves_open_training_to_the_new_user(mandatory_courses):
	employee = make_employee(make_user("Wrong"))
	make_onboarding(employee.name)
	wrong = employee.user_id
	employee.reload()
	employee.user_id = None
	employee.save()
	right = make_user("Right")

	employee.reload()
	employee.user_id = right
	employee.save()

	assert open_courses(right) == mandatory_courses
	assert open_courses(wrong) == []


def test_onboarding_moved_to_another_employee_withdraws_what_it_opened_for_the_first(mandatory_courses):
	wrong, right = make_employee(make_user("Wrong")), make_employee(make_user("Right"))
	onboarding = make_onboarding(wrong.name)

	onboarding.reload()
	onboarding.employee = right.name
	onboarding.save()

	assert open_courses(right.user_id) == mandatory_courses
	assert open_courses(wrong.user_id) == []


def test_submitting_an_onboarding_provisions_once(mandatory_courses, monkeypatch):
	onboarding = make_onboarding(make_employee(make_user("Once")).name)
	calls = []
	real = hrms_integration._provision_onboarding
	monkeypatch.setattr(
		hrms_integration, "_provision_onboarding", lambda doc: calls.append(doc.name) or real(doc)
	)

	onboarding.reload()
	onboarding.submit()

	assert len(calls) == 1


def test_historic_leaver_imported_gets_no_lms_access():
	user = make_user("Historic", lms_student=False)

	make_employee(user, status="Left", relieving_date=today(), date_of_joining="2015-01-01")

	assert "LMS Student" not in roles_of(user)


def test_a_failing_timeline_note_still_does_not_fail_hrs_save(mandatory_courses, monkeypatch):
	employee = make_employee(make_user("Noted"))

	def broken_assign(*args, **kwargs):
		frappe.throw("LMS is down")

	def broken_note(*args, **kwargs):
		raise frappe.ValidationError("timeline is down")

	monkeypatch.setattr(hrms_integration, "assign_onboarding_courses", broken_assign)
	monkeypatch.setattr(provisioning, "add_timeline_note", broken_note)

	onboarding = make_onboarding(employee.name)

	assert frappe.db.exists("Employee Onboarding", onboarding.name)
	assert frappe.db.count("Error Log", {"reference_name": onboarding.name}) == 1


def test_indirect_flag_accepts_what_the_desk_sends():
	assert [api.is_truthy(value) for value in ("true", "True", "yes", "on", "1", 1, True)] == [True] * 7
	assert [api.is_truthy(value) for value in ("false", "0", "", "no", 0, None, False)] == [False] * 7


def test_manager_cannot_probe_for_employee_ids(as_user):
	boss = make_employee(make_user("Boss"))
	make_employee(make_user("Report"), reports_to=boss.name)

	with as_user(boss.user_id), pytest.raises(frappe.PermissionError):
		api.get_team_training_status(manager="HR-EMP-NOPE")


def test_api_refuses_disabled_and_built_in_users_with_a_reason_and_grants_lms_access(moderator, as_user):
	course = make_course("Privacy")
	disabled = make_employee(make_user("Off"))
	frappe.db.set_value("User", disabled.user_id, "enabled", 0)
	administrator = make_employee(None)
	frappe.db.set_value("Employee", administrator.name, "user_id", "Administrator")
	learner = make_employee(make_user("On", lms_student=False))

	with as_user(moderator):
		result = api.assign_mandatory_training(
			employees=[disabled.name, administrator.name, learner.name], courses=[course]
		)

	assert result["created"] == 1
	reasons = {row["employee"]: row["reason"] for row in result["failures"]}
	assert "is disabled" in reasons[disabled.name]
	assert "built-in user" in reasons[administrator.name]
	assert "LMS Student" in roles_of(learner.user_id)


@pytest.mark.parametrize(
	"arguments",
	[
		{"due_date": "0000-00-00"},
		{"due_date": "not-a-date"},
		{"due_in_days": 10**7},
		{"due_in_days": "99999999"},
	],
)
def test_impossible_due_dates_get_a_clear_error(moderator, as_user, arguments):
	employee = make_employee(make_user("Due"))
	with as_user(moderator), pytest.raises(frappe.ValidationError):
		api.assign_mandatory_training(employees=[employee.name], courses=[make_course("Any")], **arguments)


def test_names_echoed_in_errors_are_escaped(moderator, as_user):
	employee = make_employee(make_user("Esc"))
	with as_user(moderator), pytest.raises(frappe.ValidationError) as error:
		api.assign_mandatory_training(employees=[employee.name], courses=["<img src=x onerror=alert(1)>"])
	assert "<img" not in str(error.value)


def test_progress_outside_zero_to_hundred_is_clamped_and_none_changes_nothing(mandatory_courses):
	employee = make_employee(make_user("Prog"))
	make_onboarding(employee.name)
	row = assignments_of(employee.user_id)[0]

	lms_sync.apply_progress(
		[
			frappe._dict(
				name=row.name, employee=employee.user_id, course=row.course, status="Assigned", progress=0
			)
		],
		{(employee.user_id, row.course): frappe._dict(progress=None)},
	)
	assert frappe.db.get_value("LMS Training Assignment", row.name, "status") == "Assigned"

	lms_sync.apply_progress(
		[
			frappe._dict(
				name=row.name, employee=employee.user_id, course=row.course, status="Assigned", progress=0
			)
		],
		{(employee.user_id, row.course): frappe._dict(progress=150)},
	)
	assert frappe.db.get_value("LMS Training Assignment", row.name, "progress") == 100


def test_one_broken_digest_does_not_stop_the_others(monkeypatch):
	first, second = make_employee(make_user("First")), make_employee(make_user("Second"))
	for employee in (first, second):
		make_assignment(
			employee, make_course("Late"), assigned_on=days_from_today(-30), due_date=days_from_today(-2)
		)
	real_send = notifications.send_from_template

	def fail_for_first(template, recipient, context):
		if recipient == first.user_id:
			frappe.throw("template error")
		return real_send(template, recipient, context)

	monkeypatch.setattr(notifications, "send_from_template", fail_for_first)

	notifications.send_training_reminders()

	reminded = frappe.get_all(
		"LMS Training Assignment", filters={"last_reminder_date": ("is", "set")}, pluck="employee"
	)
	assert reminded == [second.user_id]
	assert frappe.db.count("Error Log") >= 1


def test_overdue_marking_is_its_own_daily_job():
	from smooth_hr_lms import hooks

	assert "smooth_hr_lms.tasks.mark_overdue_assignments" in hooks.scheduler_events["daily"]
	assert callable(tasks.mark_overdue_assignments)


def test_certificate_of_a_rehire_goes_to_the_active_employee_record(monkeypatch):
	monkeypatch.setattr(frappe, "get_print", lambda *args, **kwargs: b"%PDF")
	user = make_user("Rehire")
	old = make_employee(user)
	old.reload()
	old.status = "Left"
	old.relieving_date = today()
	old.save()
	new = make_employee(user)
	frappe.db.set_value("Employee", old.name, "relieving_date", today())

	issue_certificate(user, make_course("Rehire Course"))

	attached = frappe.get_all("File", filters={"attached_to_doctype": "Employee"}, pluck="attached_to_name")
	assert attached == [new.name]


def test_failing_pdf_keeps_the_certificate_link(monkeypatch, mandatory_courses):
	def no_pdf(*args, **kwargs):
		raise OSError("wkhtmltopdf missing")

	monkeypatch.setattr(frappe, "get_print", no_pdf)
	employee = make_employee(make_user("Pdf"))
	make_onboarding(employee.name)
	certificate = issue_certificate(employee.user_id, mandatory_courses[0])

	linked = frappe.db.get_value("LMS Training Assignment", {"certificate": certificate.name}, "status")
	assert linked == "Completed"
	assert timeline_notes("Employee", employee.name) == []
