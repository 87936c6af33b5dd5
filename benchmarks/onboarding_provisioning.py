# Copyright (c) 2026, Smooth HR LMS contributors and contributors
# For license information, please see license.txt

"""Reports queries and wall time of the Employee Onboarding hook for 1, 10 and 50 mandatory courses.

Run from the repository root: python benchmarks/onboarding_provisioning.py
On a real site, set SMOOTH_HR_LMS_TEST_SITE and FRAPPE_SITES_PATH first; everything it writes is
rolled back.
"""

import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))

import frappe_connection  # noqa: E402

frappe_connection.connect()

import frappe  # noqa: E402
from factories import make_course, make_employee, make_onboarding, make_user  # noqa: E402
from query_counter import count_queries  # noqa: E402

from smooth_hr_lms import hrms_integration  # noqa: E402

COURSE_COUNTS = (1, 10, 50)


def measure(course_count: int) -> dict:
	for number in range(course_count):
		make_course(f"Benchmark Course {number}", is_mandatory=1)
	employee = make_employee(make_user("Bench"))
	onboarding = make_onboarding(None)
	onboarding.db_set("employee", employee.name)
	onboarding = frappe.get_doc("Employee Onboarding", onboarding.name)

	started = time.perf_counter()
	with count_queries() as queries:
		hrms_integration.enroll_in_mandatory_courses(onboarding)
	elapsed = time.perf_counter() - started

	created = frappe.db.count("LMS Training Assignment", {"employee": employee.user_id})
	return {
		"courses": course_count,
		"assignments": created,
		"reads": queries.reads,
		"writes": queries.writes,
		"total": queries.total,
		"ms": elapsed * 1000,
	}


def main():
	frappe.set_user("Administrator")
	backend = frappe_connection.TEST_SITE or "in-memory double"
	print(f"Onboarding hook cost on {backend}")
	print(f"{'courses':>8} {'assigned':>9} {'reads':>6} {'writes':>7} {'queries':>8} {'ms':>9}")
	for course_count in COURSE_COUNTS:
		row = measure(course_count)
		frappe.db.rollback()
		print(
			f"{row['courses']:>8} {row['assignments']:>9} {row['reads']:>6} {row['writes']:>7} "
			f"{row['total']:>8} {row['ms']:>9.1f}"
		)


if __name__ == "__main__":
	main()
