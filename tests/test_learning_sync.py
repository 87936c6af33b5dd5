# Copyright (c) 2026, Smooth HR LMS contributors and contributors
# For license information, please see license.txt

"""Assignments follow LMS: progress, completion, overdue, and the nightly repair of drift."""

import frappe
import pytest
from factories import days_from_today, make_course, make_employee, make_onboarding, make_user
from frappe.utils import getdate, today

from smooth_hr_lms import tasks


@pytest.fixture
def onboarded():
	course = make_course("Anti-Bribery", is_mandatory=1)
	employee = make_employee(make_user("Noa"))
	make_onboarding(employee.name)
	assignment = frappe.get_all(
		"LMS Training Assignment", filters={"employee": employee.user_id}, fields=["name", "enrollment"]
	)[0]
	return frappe._dict(
		course=course, employee=employee, assignment=assignment.name, enrollment=assignment.enrollment
	)


def save_progress(enrollment: str, progress: float):
	"""As LMS does when a lesson is completed: a raw write, then the enrollment's update events."""
	frappe.db.set_value("LMS Enrollment", enrollment, "progress", progress)
	doc = frappe.get_doc("LMS Enrollment", enrollment)
	doc.run_method("on_update")


def assignment_state(name: str):
	return frappe.db.get_value(
		"LMS Training Assignment", name, ["status", "progress", "completion_date"], as_dict=True
	)


def test_progress_moves_the_assignment_from_zero_to_forty_to_complete(onboarded):
	assert assignment_state(onboarded.assignment).status == "Assigned"

	save_progress(onboarded.enrollment, 40)
	assert (
		assignment_state(onboarded.assignment).status,
		assignment_state(onboarded.assignment).progress,
	) == (
		"In Progress",
		40,
	)

	save_progress(onboarded.enrollment, 100)
	state = assignment_state(onboarded.assignment)
	assert (state.status, state.progress, getdate(state.completion_date)) == (
		"Completed",
		100,
		getdate(today()),
	)


def test_completed_assignment_never_goes_backwards(onboarded):
	save_progress(onboarded.enrollment, 100)

	save_progress(onboarded.enrollment, 30)

	assert assignment_state(onboarded.assignment).status == "Completed"


def test_completion_after_the_due_date_is_completed_not_overdue(onboarded):
	frappe.db.set_value(
		"LMS Training Assignment",
		onboarded.assignment,
		{"assigned_on": days_from_today(-40), "due_date": days_from_today(-10)},
	)
	tasks.mark_overdue_assignments()
	assert assignment_state(onboarded.assignment).status == "Overdue"

	save_progress(onboarded.enrollment, 50)
	assert assignment_state(onboarded.assignment).status == "Overdue"
	save_progress(onboarded.enrollment, 100)

	assert assignment_state(onboarded.assignment).status == "Completed"


def test_overdue_starts_the_day_after_the_due_date(onboarded):
	frappe.db.set_value("LMS Training Assignment", onboarded.assignment, "due_date", today())
	tasks.mark_overdue_assignments()
	assert assignment_state(onboarded.assignment).status == "Assigned"

	frappe.db.set_value("LMS Training Assignment", onboarded.assignment, "due_date", days_from_today(-1))
	tasks.mark_overdue_assignments()
	assert assignment_state(onboarded.assignment).status == "Overdue"


def test_nightly_reconcile_repairs_progress_written_without_events(onboarded):
	frappe.db.set_value("LMS Enrollment", onboarded.enrollment, "progress", 100)
	assert assignment_state(onboarded.assignment).status == "Assigned"

	assert tasks.reconcile_assignment_progress() == 1

	assert assignment_state(onboarded.assignment).status == "Completed"
	assert tasks.reconcile_assignment_progress() == 0


def test_reconcile_writes_once_per_distinct_state_not_per_row():
	from query_counter import count_queries

	course = make_course("Bulk", is_mandatory=1)
	learners = []
	for number in range(6):
		employee = make_employee(make_user(f"R{number}"))
		make_onboarding(employee.name)
		learners.append(employee.user_id)
	frappe.db.set_value("LMS Enrollment", {"course": course}, "progress", 60)

	with count_queries() as queries:
		changed = tasks.reconcile_assignment_progress()

	assert changed == 6
	assert queries.reads == 2
	assert queries.writes == 1
