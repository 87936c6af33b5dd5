# Copyright (c) 2026, Smooth HR LMS contributors and contributors
# For license information, please see license.txt

import json

import frappe
import pytest
from factories import (
	days_from_today,
	ensure_designation,
	make_course,
	make_employee,
	make_hr_manager,
	make_hr_user,
	make_user,
)
from frappe.utils import getdate
from helpers import assignments_of, enrolled_courses

from smooth_hr_lms import api


@pytest.fixture
def moderator():
	return make_user("Moe", roles=("Moderator",))


@pytest.fixture
def courses():
	return sorted([make_course("Harassment Prevention"), make_course("Fire Safety")])


def test_assigns_each_course_to_each_employee_with_the_caller_as_assigner(moderator, courses, as_user):
	staff = [make_employee(make_user("Ann")), make_employee(make_user("Ben"))]

	with as_user(moderator):
		result = api.assign_mandatory_training(employees=[e.name for e in staff], courses=courses)

	assert result["queued"] is False
	assert (result["created"], result["skipped"], result["failed"]) == (4, 0, 0)
	for employee in staff:
		assert enrolled_courses(employee.user_id) == courses
		rows = frappe.get_all(
			"LMS Training Assignment",
			filters={"employee": employee.user_id},
			fields=["source", "assigned_by", "employee_record", "due_date"],
		)
		assert {(r.source, r.assigned_by, r.employee_record) for r in rows} == {
			("Manual", moderator, employee.name)
		}
		assert {getdate(r.due_date) for r in rows} == {days_from_today(30)}


def test_json_text_from_the_desk_works_like_lists(moderator, courses, as_user):
	employee = make_employee(make_user("Cat"))

	with as_user(moderator):
		result = api.assign_mandatory_training(
			employees=json.dumps([employee.name]), courses=json.dumps(courses), due_in_days="10"
		)

	assert result["created"] == 2
	assert {getdate(r.due_date) for r in assignments_of(employee.user_id)} == {days_from_today(10)}


def test_targets_by_user_and_by_hr_filters_only_active_employees(moderator, courses, as_user):
	designation = ensure_designation("Forklift Operator")
	operator = make_employee(make_user("Dan"), designation=designation)
	make_employee(make_user("Eli"), designation=designation, status="Inactive")
	by_user = make_employee(make_user("Fin"))
	make_employee(make_user("Gia"))

	with as_user(moderator):
		result = api.assign_mandatory_training(
			users=[by_user.user_id], designation=designation, courses=courses[:1]
		)

	assigned = sorted(row["employee"] for row in result["created_assignments"])
	assert assigned == sorted([operator.name, by_user.name])


def test_every_published_mandatory_course_by_default(moderator, as_user):
	mandatory = make_course("Induction", is_mandatory=1)
	make_course("Elective")
	employee = make_employee(make_user("Hal"))

	with as_user(moderator):
		api.assign_mandatory_training(employees=[employee.name])

	assert [row.course for row in assignments_of(employee.user_id)] == [mandatory]


def test_summary_says_why_rows_were_skipped_or_failed(moderator, courses, as_user):
	assigned = make_employee(make_user("Ivy"))
	no_user = make_employee(None)
	with as_user(moderator):
		api.assign_mandatory_training(employees=[assigned.name], courses=courses[:1])
	done = frappe.get_all("LMS Training Assignment", filters={"employee": assigned.user_id}, pluck="name")[0]
	frappe.db.set_value("LMS Training Assignment", done, "status", "Completed")

	with as_user(moderator):
		result = api.assign_mandatory_training(
			employees=[assigned.name, no_user.name, "HR-EMP-NOPE"], courses=courses
		)

	assert result["created"] == 1
	assert [(r["course"], r["reason"]) for r in result["skipped_assignments"]] == [
		(courses[0], "already completed")
	]
	reasons = {r["employee"]: r["reason"] for r in result["failures"]}
	assert reasons == {no_user.name: "employee has no User ID", "HR-EMP-NOPE": "not an active employee"}


def test_already_open_assignment_is_left_alone(moderator, courses, as_user):
	employee = make_employee(make_user("Jan"))
	with as_user(moderator):
		first = api.assign_mandatory_training(employees=[employee.name], courses=courses[:1], due_in_days=5)
		second = api.assign_mandatory_training(employees=[employee.name], courses=courses[:1], due_in_days=60)

	assert (first["created"], second["created"], second["skipped"]) == (1, 0, 1)
	assert second["skipped_assignments"][0]["reason"] == "already assigned"
	assert {getdate(r.due_date) for r in assignments_of(employee.user_id)} == {days_from_today(5)}


@pytest.mark.parametrize(
	"arguments",
	[
		{"courses": ["NO-SUCH-COURSE"]},
		{"due_date": "2001-01-01"},
		{"due_in_days": 0},
		{"employees": '["unterminated'},
	],
)
def test_bad_arguments_raise_a_clear_error_and_write_nothing(moderator, courses, as_user, arguments):
	employee = make_employee(make_user("Kim"))
	arguments = {"employees": [employee.name], "courses": courses, **arguments}

	with as_user(moderator), pytest.raises(frappe.ValidationError):
		api.assign_mandatory_training(**arguments)

	assert assignments_of(employee.user_id) == []


def test_unpublished_course_is_refused(moderator, as_user):
	draft = make_course("Draft", published=0)
	employee = make_employee(make_user("Lou"))

	with as_user(moderator), pytest.raises(frappe.ValidationError, match="Publish"):
		api.assign_mandatory_training(employees=[employee.name], courses=[draft])


def test_empty_target_set_is_refused(moderator, courses, as_user):
	with as_user(moderator), pytest.raises(frappe.ValidationError, match="No active employees"):
		api.assign_mandatory_training(designation=ensure_designation("Nobody Has This"), courses=courses)


def test_large_runs_are_queued_and_the_job_reports_progress_and_a_summary(
	moderator, courses, as_user, monkeypatch
):
	staff = [make_employee(make_user(f"Q{n}")) for n in range(2)]
	queued, progress = [], []
	monkeypatch.setattr(api, "INLINE_ASSIGNMENT_LIMIT", 3)
	monkeypatch.setattr(frappe, "enqueue", lambda method, **kwargs: queued.append((method, kwargs)))
	monkeypatch.setattr(frappe, "publish_progress", lambda percent, **kwargs: progress.append(percent))

	with as_user(moderator):
		result = api.assign_mandatory_training(employees=[e.name for e in staff], courses=courses)

	assert result["queued"] is True and result["pairs"] == 4
	[(method, kwargs)] = queued
	assert method == "smooth_hr_lms.api.run_bulk_assignment"
	assert kwargs["queue"] == "long" and kwargs["job_id"] == result["job_id"]
	assert assignments_of(staff[0].user_id) == []

	job_arguments = {
		k: kwargs[k] for k in ("learners", "courses", "due_date", "assigned_by", "prior_failures")
	}
	summary = api.run_bulk_assignment(**job_arguments)

	assert summary["created"] == 4
	assert progress[-1] == 100
	notes = frappe.get_all("Notification Log", filters={"for_user": moderator}, pluck="subject")
	assert any("4 created" in subject for subject in notes)


@pytest.mark.parametrize(
	"make_caller, allowed",
	[
		(lambda: make_user("Mod", roles=("Moderator",)), True),
		(lambda: make_user("Sys", roles=("System Manager",)), True),
		(make_hr_manager, False),
		(make_hr_user, False),
		(lambda: make_user("Stu"), False),
		(lambda: "Guest", False),
	],
)
def test_only_moderators_and_system_managers_may_assign(courses, as_user, make_caller, allowed):
	employee = make_employee(make_user("Pat"))
	caller = make_caller()

	with as_user(caller):
		if allowed:
			assert api.assign_mandatory_training(employees=[employee.name], courses=courses)["created"] == 2
		else:
			with pytest.raises(frappe.PermissionError):
				api.assign_mandatory_training(employees=[employee.name], courses=courses)


def test_assign_is_whitelisted_for_post_only():
	frappe.is_whitelisted(api.assign_mandatory_training)
	assert frappe.allowed_http_methods_for_whitelisted_func[api.assign_mandatory_training] == ["POST"]


def test_guest_cannot_reach_the_apis(as_user):
	with as_user("Guest"):
		for method in (api.assign_mandatory_training, api.get_team_training_status):
			with pytest.raises(frappe.PermissionError):
				frappe.is_whitelisted(method)
