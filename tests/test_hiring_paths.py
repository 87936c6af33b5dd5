# Copyright (c) 2026, Smooth HR LMS contributors and contributors
# For license information, please see license.txt

"""Whichever order HR works in, the hire ends provisioned once all of Employee, user and onboarding exist."""

import frappe
import pytest
from factories import (
	days_from_today,
	make_assignment,
	make_course,
	make_employee,
	make_job_applicant,
	make_onboarding,
	make_user,
)
from frappe.utils import getdate
from helpers import assignments_of, drop_lms_student_role, enrolled_courses, roles_of, timeline_notes

from smooth_hr_lms import hrms_integration


@pytest.fixture
def mandatory_courses():
	return sorted([make_course("Ethics", is_mandatory=1), make_course("Security", is_mandatory=1)])


def test_employee_made_from_a_submitted_onboarding_is_provisioned_at_insert(mandatory_courses):
	applicant = make_job_applicant()
	onboarding = make_onboarding(None, job_applicant=applicant, submit=True)
	user = make_user("Ayo")
	drop_lms_student_role(user)

	employee = make_employee(user, job_applicant=applicant)

	assert frappe.db.get_value("Employee Onboarding", onboarding.name, "employee") == employee.name
	assert "LMS Student" in roles_of(user)
	assert enrolled_courses(user) == mandatory_courses
	assert {row.employee_onboarding for row in assignments_of(user)} == {onboarding.name}


def test_user_linked_days_later_provisions_at_that_save(mandatory_courses):
	applicant = make_job_applicant()
	make_onboarding(None, job_applicant=applicant, submit=True)
	employee = make_employee(None, job_applicant=applicant)
	user = make_user("Bea")
	drop_lms_student_role(user)
	assert assignments_of(user) == []

	employee.reload()
	employee.user_id = user
	employee.save()

	assert "LMS Student" in roles_of(user)
	assert enrolled_courses(user) == mandatory_courses
	assert len(assignments_of(user)) == 2


def test_draft_onboarding_pointed_at_an_existing_employee_provisions_at_save(mandatory_courses):
	employee = make_employee(make_user("Cyd"))
	onboarding = make_onboarding(None)
	assert assignments_of(employee.user_id) == []

	onboarding.employee = employee.name
	onboarding.save()

	assert enrolled_courses(employee.user_id) == mandatory_courses


def test_onboarding_submitted_after_its_employee_exists_provisions_at_submit(mandatory_courses):
	applicant = make_job_applicant()
	onboarding = make_onboarding(None, job_applicant=applicant)
	# HRMS links only submitted onboardings when the Employee is created, so this one stays empty.
	employee = make_employee(make_user("Dee"), job_applicant=applicant)
	assert assignments_of(employee.user_id) == []

	onboarding.reload()
	onboarding.submit()

	assert frappe.db.get_value("Employee Onboarding", onboarding.name, "employee") == employee.name
	assert enrolled_courses(employee.user_id) == mandatory_courses


def test_corrected_user_takes_over_open_assignments_and_history_stays(mandatory_courses):
	personal = make_user("Eve", email=f"eve.{frappe.generate_hash(length=6)}@personal.example")
	employee = make_employee(personal)
	make_onboarding(employee.name)
	done, still_open = assignments_of(personal)
	frappe.db.set_value("LMS Training Assignment", done.name, "status", "Completed")
	corporate = make_user("Eve", email=f"eve.{frappe.generate_hash(length=6)}@corp.example")
	drop_lms_student_role(corporate)

	employee.reload()
	employee.user_id = corporate
	employee.save()

	assert "LMS Student" in roles_of(corporate)
	[moved] = assignments_of(corporate)
	assert moved.name == still_open.name
	assert moved.course == still_open.course
	assert frappe.db.get_value("LMS Enrollment", moved.enrollment, "member") == corporate
	assert [row.name for row in assignments_of(personal)] == [done.name]
	assert enrolled_courses(personal) == mandatory_courses


def test_corrected_user_who_already_has_the_course_open_keeps_one_assignment(mandatory_courses):
	first = make_user("Fay")
	employee = make_employee(first)
	make_onboarding(employee.name)
	second = make_user("Fay")
	other_employee = make_employee(second)
	make_onboarding(other_employee.name)
	frappe.db.set_value("Employee", other_employee.name, "user_id", None)

	employee.reload()
	employee.user_id = second
	employee.save()

	for course in mandatory_courses:
		assert (
			frappe.db.count(
				"LMS Training Assignment", {"employee": second, "course": course, "status": "Assigned"}
			)
			== 1
		)
	assert {row.status for row in assignments_of(first)} == {"Cancelled"}


def test_two_provisioning_paths_still_give_one_of_each(mandatory_courses):
	applicant = make_job_applicant()
	onboarding = make_onboarding(None, job_applicant=applicant, submit=True)
	employee = make_employee(make_user("Gus"), job_applicant=applicant)

	onboarding.reload()
	hrms_integration.enroll_in_mandatory_courses(onboarding)
	employee.reload()
	employee.save()

	assert enrolled_courses(employee.user_id) == mandatory_courses
	assert sorted(row.course for row in assignments_of(employee.user_id)) == mandatory_courses


def test_due_date_waits_for_a_later_joining_date_on_the_employee_path(mandatory_courses):
	applicant = make_job_applicant()
	make_onboarding(None, job_applicant=applicant, date_of_joining=days_from_today(10), submit=True)

	employee = make_employee(make_user("Hal"), job_applicant=applicant)

	assert {getdate(row.due_date) for row in assignments_of(employee.user_id)} == {days_from_today(40)}


@pytest.mark.parametrize("status", ["Left", "Inactive", "Suspended"])
def test_leaving_cancels_open_assignments_and_deletes_nothing(mandatory_courses, status):
	employee = make_employee(make_user("Ida"))
	make_onboarding(employee.name)
	done, still_open = assignments_of(employee.user_id)
	frappe.db.set_value("LMS Training Assignment", done.name, "status", "Completed")

	employee.reload()
	employee.status = status
	if status == "Left":
		employee.relieving_date = frappe.utils.today()
	employee.save()

	statuses = {row.name: row.status for row in assignments_of(employee.user_id)}
	assert statuses == {done.name: "Completed", still_open.name: "Cancelled"}
	assert status in frappe.db.get_value("LMS Training Assignment", still_open.name, "cancellation_reason")
	assert enrolled_courses(employee.user_id) == mandatory_courses
	assert frappe.db.get_value("User", employee.user_id, "enabled") == 1


def test_returning_to_active_reopens_nothing_but_allows_new_assignments(mandatory_courses):
	employee = make_employee(make_user("Jo"))
	onboarding = make_onboarding(employee.name)
	employee.reload()
	employee.status = "Suspended"
	employee.save()

	employee.reload()
	employee.status = "Active"
	employee.save()
	onboarding.reload()
	onboarding.save()
	assert {row.status for row in assignments_of(employee.user_id)} == {"Cancelled"}

	make_assignment(employee, mandatory_courses[0])
	assert sorted(row.status for row in assignments_of(employee.user_id)) == [
		"Assigned",
		"Cancelled",
		"Cancelled",
	]


def test_cancelled_onboarding_cancels_the_open_assignments_it_created(mandatory_courses):
	employee = make_employee(make_user("Kai"))
	onboarding = make_onboarding(employee.name, submit=True)

	onboarding.cancel()

	assert {row.status for row in assignments_of(employee.user_id)} == {"Cancelled"}
	assert enrolled_courses(employee.user_id) == mandatory_courses


def test_user_removed_before_provisioning_leaves_a_note_and_keeps_the_employee(mandatory_courses):
	employee = make_employee(None)
	onboarding = make_onboarding(employee.name)
	user = make_user("Lev")
	employee.user_id = user
	frappe.delete_doc("User", user, force=True)

	hrms_integration.sync_employee_learning(employee)

	assert frappe.db.exists("Employee", employee.name)
	assert frappe.db.exists("Employee Onboarding", onboarding.name)
	assert any("does not exist" in note for note in timeline_notes("Employee", employee.name))


def test_employee_whose_user_was_disabled_gets_nothing_at_the_next_provisioning(mandatory_courses):
	employee = make_employee(make_user("Mia"))
	frappe.db.set_value("User", employee.user_id, "enabled", 0)

	hrms_integration.sync_employee_learning(employee)
	onboarding = make_onboarding(employee.name)

	assert enrolled_courses(employee.user_id) == []
	assert any("is disabled" in note for note in timeline_notes("Employee Onboarding", onboarding.name))


def test_onboarding_for_an_employee_that_does_not_exist_is_noted(mandatory_courses):
	onboarding = make_onboarding(None)
	onboarding.db_set("employee", "HR-EMP-DOES-NOT-EXIST")
	onboarding = frappe.get_doc("Employee Onboarding", onboarding.name)

	hrms_integration.enroll_in_mandatory_courses(onboarding)

	assert any("does not exist" in note for note in timeline_notes("Employee Onboarding", onboarding.name))
