# Copyright (c) 2026, Smooth HR LMS contributors and contributors
# For license information, please see license.txt

"""The onboarding hook reads a fixed number of times whatever the number of courses."""

import frappe
from factories import make_course, make_employee, make_onboarding, make_user
from query_counter import count_queries

from smooth_hr_lms import hrms_integration


def provision_and_count(course_count: int):
	for number in range(course_count):
		make_course(f"Course {number}", is_mandatory=1)
	employee = make_employee(make_user("Cost"))
	onboarding = make_onboarding(None)
	onboarding.db_set("employee", employee.name)

	with count_queries() as first_run:
		hrms_integration.enroll_in_mandatory_courses(frappe.get_doc("Employee Onboarding", onboarding.name))
	with count_queries() as second_run:
		hrms_integration.enroll_in_mandatory_courses(frappe.get_doc("Employee Onboarding", onboarding.name))

	assert frappe.db.count("LMS Training Assignment", {"employee": employee.user_id}) == course_count
	return first_run, second_run


def test_rerun_reads_the_same_for_one_and_ten_courses():
	_first, rerun_one = provision_and_count(1)
	frappe.db.rollback()
	_first, rerun_ten = provision_and_count(10)

	assert rerun_ten.reads == rerun_one.reads
	assert rerun_ten.writes == rerun_one.writes == 0


def test_first_run_grows_only_by_the_inserts_per_course():
	one, _rerun = provision_and_count(1)
	frappe.db.rollback()
	two, _rerun = provision_and_count(2)
	frappe.db.rollback()
	ten, _rerun = provision_and_count(10)

	per_course_reads = two.reads - one.reads
	assert ten.reads - one.reads == 9 * per_course_reads
	assert ten.writes - one.writes == 9 * (two.writes - one.writes)
