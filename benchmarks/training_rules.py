# Copyright (c) 2026, Smooth HR LMS contributors and contributors
# For license information, please see license.txt

"""Reports queries and wall time of applying a training rule that matches 500 and 5,000 employees.

Two measurements per size: the first run, which enrolls and assigns everyone (its writes are the
inserts themselves), and a second run, which finds everything assigned and must read as little as
the first. Employees and users are bulk-inserted to keep set-up short; on a real site they are
rolled back afterwards like everything else.

Run from the repository root: python benchmarks/training_rules.py [--sizes 500,5000]
"""

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))

import frappe_connection  # noqa: E402

frappe_connection.connect()

import frappe  # noqa: E402
from factories import ensure_company, ensure_gender, make_course, make_training_rule  # noqa: E402
from frappe.utils import now, today  # noqa: E402
from query_counter import count_queries  # noqa: E402

from smooth_hr_lms import training_rules  # noqa: E402


def bulk_employees(count: int) -> None:
	"""Users and Active employees written straight to the tables: no per-row controllers in set-up."""
	stamp, run = now(), frappe.generate_hash(length=6)
	common = {"owner": "Administrator", "modified_by": "Administrator", "creation": stamp, "modified": stamp}
	users = [f"bench.{run}.{number}@example.com" for number in range(count)]
	frappe.db.bulk_insert(
		"User",
		["name", "email", "first_name", "enabled", "user_type", *common],
		[(user, user, "Bench", 1, "Website User", *common.values()) for user in users],
	)
	frappe.db.bulk_insert(
		"Employee",
		["name", "first_name", "employee_name", "gender", "date_of_birth", "date_of_joining", "status"]
		+ ["company", "user_id", *common],
		[
			(f"BENCH-{run}-{number}", "Bench", "Bench", ensure_gender(), "1990-01-01", today(), "Active")
			+ (ensure_company(), user, *common.values())
			for number, user in enumerate(users)
		],
	)


def measure(count: int, course_count: int = 2) -> list[tuple]:
	courses = [make_course(f"Rule Course {number}") for number in range(course_count)]
	rule = make_training_rule(courses)
	bulk_employees(count)

	rows = []
	for label in ("first run", "second run"):
		started = time.perf_counter()
		with count_queries() as queries:
			summary = training_rules.apply_training_rules(rule=rule.name)
		elapsed = time.perf_counter() - started
		rows.append((count, label, len(summary.created), queries.reads, queries.writes, elapsed * 1000))
	return rows


def main():
	parser = argparse.ArgumentParser()
	parser.add_argument("--sizes", default="500,5000")
	sizes = [int(size) for size in parser.parse_args().sizes.split(",")]

	frappe.set_user("Administrator")
	print(f"Training rule application on {frappe_connection.TEST_SITE or 'in-memory double'} (2 courses)")
	print(f"{'employees':>9} {'run':>11} {'created':>8} {'reads':>7} {'writes':>7} {'ms':>10}")
	for size in sizes:
		for count, label, created, reads, writes, ms in measure(size):
			print(f"{count:>9} {label:>11} {created:>8} {reads:>7} {writes:>7} {ms:>10.1f}")
		frappe.db.rollback()


if __name__ == "__main__":
	main()
