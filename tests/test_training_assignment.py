# Copyright (c) 2026, Smooth HR LMS contributors and contributors
# For license information, please see license.txt

import frappe
import pytest
from factories import days_from_today, make_course, make_employee, make_hr_manager, make_hr_user, make_user
from frappe.utils import today

from smooth_hr_lms.smooth_hr_lms.doctype.lms_training_assignment.lms_training_assignment import (
	DuplicateOpenAssignmentError,
)


def new_assignment(learner: str, course: str, **values):
	return frappe.get_doc(
		{
			"doctype": "LMS Training Assignment",
			"employee": learner,
			"course": course,
			"due_date": days_from_today(30),
			"source": "Manual",
			**values,
		}
	)


@pytest.fixture
def learner():
	return make_user("Ines")


@pytest.fixture
def course():
	return make_course("Privacy Basics")


def test_second_open_assignment_for_same_course_is_refused(learner, course):
	new_assignment(learner, course).insert()

	with pytest.raises(DuplicateOpenAssignmentError):
		new_assignment(learner, course).insert()


def test_database_refuses_a_second_open_assignment_when_validation_is_bypassed(learner, course):
	new_assignment(learner, course).insert()
	duplicate = new_assignment(learner, course)
	duplicate.flags.open_assignments_checked = True

	with pytest.raises(frappe.UniqueValidationError):
		duplicate.insert()


def test_completed_and_cancelled_assignments_do_not_block_a_new_one(learner, course):
	new_assignment(learner, course, status="Completed").insert()
	new_assignment(learner, course, status="Cancelled").insert()

	new_assignment(learner, course).insert()

	assert frappe.db.count("LMS Training Assignment", {"employee": learner, "course": course}) == 3


def test_completion_sets_the_completion_date(learner, course):
	assignment = new_assignment(learner, course).insert()

	assignment.status = "Completed"
	assignment.save()

	assert str(assignment.completion_date) == today()
	assert assignment.open_assignment_key is None


def test_completed_assignment_cannot_be_reopened(learner, course):
	assignment = new_assignment(learner, course, status="Completed").insert()

	assignment.status = "In Progress"
	with pytest.raises(frappe.ValidationError):
		assignment.save()


def test_due_date_before_assignment_date_is_refused(learner, course):
	with pytest.raises(frappe.ValidationError):
		new_assignment(learner, course, assigned_on=today(), due_date=days_from_today(-1)).insert()


def test_status_outside_the_options_is_refused(learner, course):
	with pytest.raises(frappe.ValidationError):
		new_assignment(learner, course, status="Done").insert()


def test_learner_sees_only_their_own_assignments(learner, course, as_user):
	other = make_user("Other")
	mine = new_assignment(learner, course).insert()
	theirs = new_assignment(other, course).insert()

	with as_user(learner):
		visible = frappe.get_list("LMS Training Assignment", pluck="name")
		assert visible == [mine.name]
		assert frappe.has_permission("LMS Training Assignment", "read", doc=mine)
		assert not frappe.has_permission("LMS Training Assignment", "read", doc=theirs)
		assert not frappe.has_permission("LMS Training Assignment", "write", doc=mine)


def test_hr_user_reads_every_assignment_but_cannot_change_them(learner, course, as_user):
	assignment = new_assignment(learner, course).insert()
	hr_user = make_hr_user()
	third = make_user("Third")

	with as_user(hr_user):
		assert frappe.get_list("LMS Training Assignment", pluck="name") == [assignment.name]
		assert not frappe.has_permission("LMS Training Assignment", "write", doc=assignment)
		with pytest.raises(frappe.PermissionError):
			new_assignment(third, course).insert()


def test_hr_manager_can_reschedule_an_assignment(learner, course, as_user):
	assignment = new_assignment(learner, course).insert()
	hr_manager = make_hr_manager()

	with as_user(hr_manager):
		doc = frappe.get_doc("LMS Training Assignment", assignment.name)
		doc.due_date = days_from_today(60)
		doc.save()

	assert frappe.db.get_value("LMS Training Assignment", assignment.name, "due_date") == days_from_today(60)


def test_moderator_can_assign_training(learner, course, as_user):
	moderator = make_user("Mo", roles=("Moderator",))

	with as_user(moderator):
		new_assignment(learner, course).insert()

	assert frappe.db.exists("LMS Training Assignment", {"employee": learner, "course": course})


def test_employee_name_is_fetched_from_the_employee_record(course):
	employee = make_employee(make_user("Fetch"))

	assignment = new_assignment(employee.user_id, course, employee_record=employee.name).insert()

	assert assignment.employee_name == employee.employee_name
