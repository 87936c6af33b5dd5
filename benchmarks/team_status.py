# Copyright (c) 2026, Smooth HR LMS contributors and contributors
# For license information, please see license.txt

"""Reports queries and wall time of get_team_training_status for teams of 10, 100 and 1,000.

Each member has 5 assignments and the team is asked for at any depth (half the team reports to
a team lead). Run from the repository root: python benchmarks/team_status.py
"""

import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))

import frappe_connection  # noqa: E402

frappe_connection.connect()

import frappe  # noqa: E402
from factories import days_from_today, make_course, make_employee, make_user  # noqa: E402
from query_counter import count_queries  # noqa: E402

from smooth_hr_lms import api  # noqa: E402

TEAM_SIZES = (10, 100, 1000)
ASSIGNMENTS_EACH = 5


def build_team(size: int, courses: list[str]):
	manager = make_employee(make_user("Manager"))
	lead = manager
	for number in range(size):
		member = make_employee(make_user(f"Member{number}"), reports_to=lead.name)
		if number == 0:
			lead = member
		for course in courses:
			frappe.get_doc(
				{
					"doctype": "LMS Training Assignment",
					"employee": member.user_id,
					"employee_record": member.name,
					"course": course,
					"due_date": days_from_today(30),
					"source": "Manual",
				}
			).insert(ignore_permissions=True)
	return manager


def main():
	frappe.set_user("Administrator")
	print(f"get_team_training_status on {frappe_connection.TEST_SITE or 'in-memory double'}")
	print(f"{'team':>6} {'rows':>6} {'queries':>8} {'ms':>9}")
	for size in TEAM_SIZES:
		courses = [make_course(f"Course {n}") for n in range(ASSIGNMENTS_EACH)]
		manager = build_team(size, courses)
		frappe.set_user(manager.user_id)
		started = time.perf_counter()
		with count_queries() as queries:
			result = api.get_team_training_status(include_indirect=1)
		elapsed = time.perf_counter() - started
		rows = sum(len(member["assignments"]) for member in result["team"])
		print(f"{size:>6} {rows:>6} {queries.total:>8} {elapsed * 1000:>9.1f}")
		frappe.set_user("Administrator")
		frappe.db.rollback()


if __name__ == "__main__":
	main()
