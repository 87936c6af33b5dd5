# Copyright (c) 2026, Smooth HR LMS contributors and contributors
# For license information, please see license.txt

"""The main job, end to end, on realistic records and with the roles that really do each step."""

import frappe
from factories import (
	days_from_today,
	make_course,
	make_employee,
	make_hr_manager,
	make_hr_user,
	make_onboarding,
	make_user,
)
from frappe.utils import getdate
from helpers import assignments_of, drop_lms_student_role, enrolled_courses, roles_of


def test_new_hire_is_provisioned_once_from_hr_records_alone(as_user):
	hr_user = make_hr_user()
	hr_manager = make_hr_manager()
	for hr_person in (hr_user, hr_manager):
		assert not {"LMS Student", "Moderator", "Course Creator", "Batch Evaluator"} & set(
			frappe.get_roles(hr_person)
		)

	# L&D's catalogue: two published mandatory courses (one with self-learning off),
	# one optional course and one mandatory course still in draft.
	conduct = make_course("Code of Conduct", is_mandatory=1)
	safety = make_course("Warehouse Safety", is_mandatory=1, disable_self_learning=1)
	make_course("Spreadsheet Tips", is_mandatory=0)
	make_course("New Privacy Policy", published=0, is_mandatory=1)

	# IT creates the login (as users predating LMS, without LMS Student); HR creates the Employee.
	learner = make_user("Zanele", email=f"zanele.{frappe.generate_hash(length=6)}@example.com")
	drop_lms_student_role(learner)
	with as_user(hr_user):
		employee = make_employee(learner, first_name="Zanele", ignore_permissions=False)
	assert "LMS Student" in roles_of(learner)

	# HRMS lets HR Manager, not HR User, create onboardings.
	with as_user(hr_manager):
		onboarding = make_onboarding(employee.name)

	assert enrolled_courses(learner) == sorted([conduct, safety])
	assignments = assignments_of(learner)
	assert sorted(row.course for row in assignments) == sorted([conduct, safety])
	for assignment in assignments:
		assert assignment.status == "Assigned"
		assert getdate(assignment.due_date) == days_from_today(30)
		assert assignment.employee_onboarding == onboarding.name

	with as_user(hr_manager):
		onboarding.reload()
		onboarding.save()
		employee.reload()
		employee.save()

	assert assignments_of(learner) == assignments
	assert enrolled_courses(learner) == sorted([conduct, safety])
	assert roles_of(learner).count("LMS Student") == 1
