# Copyright (c) 2026, Smooth HR LMS contributors and contributors
# For license information, please see license.txt

import frappe
import pytest
from factories import days_from_today, make_course, make_employee, make_hr_manager, make_onboarding, make_user
from frappe.utils import getdate
from helpers import assignments_of, enrolled_courses, error_logs_for, roles_of, timeline_notes

from smooth_hr_lms import hrms_integration, provisioning, training_rules


@pytest.fixture
def mandatory_course():
	return make_course("Code of Conduct", is_mandatory=1)


@pytest.fixture
def hire():
	user = make_user("Kofi")
	return make_employee(user)


def test_onboarding_enrolls_only_published_mandatory_courses(hire):
	mandatory = make_course("Safety", is_mandatory=1)
	make_course("Optional Excel", is_mandatory=0)
	make_course("Draft Policy", published=0, is_mandatory=1)

	make_onboarding(hire.name)

	assert enrolled_courses(hire.user_id) == [mandatory]
	[assignment] = assignments_of(hire.user_id)
	assert assignment.course == mandatory
	assert assignment.status == "Assigned"
	assert assignment.source == "Onboarding"
	assert frappe.db.get_value("LMS Enrollment", assignment.enrollment, "member") == hire.user_id


def test_assignment_is_due_thirty_days_after_it_is_created(hire, mandatory_course):
	make_onboarding(hire.name)

	[assignment] = assignments_of(hire.user_id)
	assert getdate(assignment.due_date) == days_from_today(30)


def test_due_date_counts_from_a_later_joining_date(hire, mandatory_course):
	make_onboarding(hire.name, date_of_joining=days_from_today(14))

	[assignment] = assignments_of(hire.user_id)
	assert getdate(assignment.due_date) == days_from_today(44)


def test_onboarding_links_the_assignment_back_to_hr_records(hire, mandatory_course):
	onboarding = make_onboarding(hire.name)

	assignment = frappe.get_doc("LMS Training Assignment", assignments_of(hire.user_id)[0].name)
	assert assignment.employee_onboarding == onboarding.name
	assert assignment.employee_record == hire.name
	assert assignment.employee_name == hire.employee_name
	assert assignment.course_title == frappe.db.get_value("LMS Course", mandatory_course, "title")
	assert assignment.assigned_by == "Administrator"


def test_restricted_mandatory_courses_are_enrolled_when_hr_saves(hire, as_user):
	self_learning_off = make_course("Forklift", is_mandatory=1, disable_self_learning=1)
	paid = make_course("Certified First Aid", is_mandatory=1, paid_course=1)
	hr_manager = make_hr_manager()

	with as_user(hr_manager):
		make_onboarding(hire.name)

	assert enrolled_courses(hire.user_id) == sorted([self_learning_off, paid])
	assert len(assignments_of(hire.user_id)) == 2
	assert frappe.session.user == "Administrator"


def test_enrollment_switch_to_staff_is_undone_even_on_failure(as_user):
	hr_manager = make_hr_manager()

	with as_user(hr_manager):
		with pytest.raises(frappe.ValidationError):
			with provisioning.acting_as_lms_staff():
				frappe.throw("enrollment refused")
		assert frappe.session.user == hr_manager


def test_existing_enrollment_is_tracked_not_duplicated(hire, mandatory_course):
	frappe.get_doc(
		{
			"doctype": "LMS Enrollment",
			"member": hire.user_id,
			"course": mandatory_course,
			"member_type": "Student",
		}
	).insert(ignore_permissions=True)

	make_onboarding(hire.name)

	assert enrolled_courses(hire.user_id) == [mandatory_course]
	[assignment] = assignments_of(hire.user_id)
	assert assignment.enrollment == frappe.db.get_value(
		"LMS Enrollment", {"member": hire.user_id, "course": mandatory_course}
	)


def test_saving_again_creates_nothing_new(hire, mandatory_course):
	onboarding = make_onboarding(hire.name)
	first = assignments_of(hire.user_id)

	onboarding.reload()
	onboarding.save()
	hrms_integration.enroll_in_mandatory_courses(frappe.get_doc("Employee Onboarding", onboarding.name))

	assert assignments_of(hire.user_id) == first
	assert enrolled_courses(hire.user_id) == [mandatory_course]


def test_onboarding_for_employee_without_user_notes_why(mandatory_course):
	employee = make_employee(None)

	onboarding = make_onboarding(employee.name)

	assert frappe.db.count("LMS Training Assignment", {"employee_record": employee.name}) == 0
	assert any("has no User ID" in note for note in timeline_notes("Employee Onboarding", onboarding.name))


def test_onboarding_without_employee_waits_for_one(mandatory_course):
	onboarding = make_onboarding(None)

	assert frappe.db.exists("Employee Onboarding", onboarding.name)
	assert any("has no Employee" in note for note in timeline_notes("Employee Onboarding", onboarding.name))


def test_saving_again_does_not_repeat_the_same_note(mandatory_course):
	onboarding = make_onboarding(None)
	onboarding.reload()
	onboarding.save()

	assert len(timeline_notes("Employee Onboarding", onboarding.name)) == 1


def test_user_disabled_before_onboarding_gets_no_training(hire, mandatory_course):
	frappe.db.set_value("User", hire.user_id, "enabled", 0)

	onboarding = make_onboarding(hire.name)

	assert enrolled_courses(hire.user_id) == []
	assert any("is disabled" in note for note in timeline_notes("Employee Onboarding", onboarding.name))


def test_administrator_as_employee_user_gets_no_training(mandatory_course):
	employee = make_employee("Administrator")

	onboarding = make_onboarding(employee.name)

	assert assignments_of("Administrator") == []
	assert any("built-in user" in note for note in timeline_notes("Employee Onboarding", onboarding.name))


def test_no_published_mandatory_course_is_explained(hire):
	make_course("Optional Only", is_mandatory=0)

	onboarding = make_onboarding(hire.name)

	assert assignments_of(hire.user_id) == []
	assert any("Is Mandatory" in note for note in timeline_notes("Employee Onboarding", onboarding.name))


def test_course_deleted_between_listing_and_enrolling_fails_alone(hire, monkeypatch):
	kept = make_course("Kept", is_mandatory=1)
	deleted = make_course("Withdrawn", is_mandatory=1)
	listed = provisioning.get_published_mandatory_courses()
	frappe.delete_doc("LMS Course", deleted, force=True)
	monkeypatch.setattr(training_rules, "get_published_mandatory_courses", lambda: listed)

	onboarding = make_onboarding(hire.name)

	assert frappe.db.exists("Employee Onboarding", onboarding.name)
	assert enrolled_courses(hire.user_id) == [kept]
	assert [row.course for row in assignments_of(hire.user_id)] == [kept]
	[log] = error_logs_for("Employee Onboarding", onboarding.name)
	for detail in (hire.name, hire.user_id, deleted):
		assert detail in log.error
	assert any(deleted in note for note in timeline_notes("Employee Onboarding", onboarding.name))


def test_one_failing_course_leaves_no_half_written_rows(hire, monkeypatch):
	make_course("Fine", is_mandatory=1)
	make_course("Broken", is_mandatory=1)
	real_enroll_and_assign = provisioning._enroll_and_assign

	def enroll_then_fail_for_broken(item, *args):
		if frappe.db.get_value("LMS Course", item.course, "title").startswith("Broken"):
			provisioning.enroll_learner(item.learner.user, item.course)
			frappe.throw("assignment store full")
		return real_enroll_and_assign(item, *args)

	monkeypatch.setattr(provisioning, "_enroll_and_assign", enroll_then_fail_for_broken)

	make_onboarding(hire.name)

	assert len(enrolled_courses(hire.user_id)) == 1
	assert len(assignments_of(hire.user_id)) == 1


def test_onboarding_also_grants_lms_student_role(mandatory_course):
	user = make_user("Late")
	employee = make_employee(None)
	frappe.db.set_value("Employee", employee.name, "user_id", user)
	frappe.get_doc("User", user).remove_roles("LMS Student")

	make_onboarding(employee.name)

	assert "LMS Student" in roles_of(user)
