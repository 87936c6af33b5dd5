# Copyright (c) 2026, Smooth HR LMS contributors and contributors
# For license information, please see license.txt

"""Training rules: the right courses for the people whose Employee fields match, again as they change.

A rule names courses and the Employee fields (company, department, designation, branch,
employment type) its people share; empty fields match everyone. A course marked Is Mandatory that
no enabled rule names keeps its plain meaning: everyone, once, at onboarding.
"""

import frappe
from frappe.utils import add_months, getdate, today

from smooth_hr_lms.provisioning import (
	Learner,
	PlannedAssignment,
	assign_planned,
	get_due_date,
	get_published_mandatory_courses,
	run_isolated,
)

MATCH_FIELDS = ("company", "department", "designation", "branch", "employment_type")
EMPLOYEE_FIELDS = ["name", "user_id", *MATCH_FIELDS]


def get_enabled_rules(names: list[str] | None = None) -> list:
	"""Enabled rules with their published courses, in three queries."""
	filters = {"enabled": 1}
	if names:
		filters["name"] = ("in", names)
	rules = frappe.get_all(
		"LMS Training Rule",
		filters=filters,
		fields=["name", "due_in_days", "recurrence_months", *MATCH_FIELDS],
	)
	if not rules:
		return []

	rows = frappe.get_all(
		"LMS Training Rule Course",
		filters={"parenttype": "LMS Training Rule", "parent": ("in", [rule.name for rule in rules])},
		fields=["parent", "course"],
		order_by="idx asc",
	)
	# A rule may be prepared before its courses are published; it assigns them once they are.
	published = (
		set(
			frappe.get_all(
				"LMS Course",
				filters={"name": ("in", [row.course for row in rows]), "published": 1},
				pluck="name",
			)
		)
		if rows
		else set()
	)
	courses = {}
	for row in rows:
		if row.course in published:
			courses.setdefault(row.parent, []).append(row.course)
	for rule in rules:
		rule.courses = courses.get(rule.name, [])
	return rules


def rule_matches(rule, employee) -> bool:
	return all(not rule.get(field) or rule.get(field) == employee.get(field) for field in MATCH_FIELDS)


def plan_for(employees: list, rules: list, date_of_joining=None) -> list[PlannedAssignment]:
	"""One planned assignment per employee and course. Where rules overlap, the earliest due date
	and the shortest recurrence win, each on its own: the stricter demand of every rule holds."""
	plan = {}
	for employee in employees:
		learner = Learner(employee.name, employee.user_id)
		for rule in rules:
			if not rule_matches(rule, employee):
				continue
			due_date = getdate(get_due_date(date_of_joining, days=rule.due_in_days or 0))
			for course in rule.courses:
				current = plan.get((learner, course))
				if current is None:
					plan[(learner, course)] = PlannedAssignment(
						learner, course, due_date, rule.name, rule.recurrence_months or 0
					)
					continue
				recurrences = [
					months for months in (current.recurrence_months, rule.recurrence_months) if months
				]
				earlier = due_date < current.due_date
				plan[(learner, course)] = PlannedAssignment(
					learner,
					course,
					due_date if earlier else current.due_date,
					rule.name if earlier else current.training_rule,
					min(recurrences) if recurrences else 0,
				)
	return list(plan.values())


def plan_onboarding(employee, date_of_joining) -> tuple[list[PlannedAssignment], list[str]]:
	"""What onboarding assigns: rule courses that match the hire, and mandatory courses no rule names.

	Returns the rule plan and the blanket mandatory courses separately, as they are due differently.
	"""
	rules = get_enabled_rules()
	ruled_courses = {course for rule in rules for course in rule.courses}
	blanket = [course for course in get_published_mandatory_courses() if course not in ruled_courses]
	return plan_for([employee], rules, date_of_joining), blanket


def apply_training_rules(rule: str | None = None, employees: list | None = None, hr_doc=None):
	"""Assign what the enabled rules (or one rule) require of active employees; returns the summary.

	The daily job calls it with no arguments, a rule's save with that rule, a transfer with the
	one employee. Reads do not grow with the number of employees; the unique key on open
	assignments keeps a concurrent run from doubling any of them.
	"""
	rules = get_enabled_rules([rule] if rule else None)
	if not rules:
		return None

	if employees is None:
		filters = {"status": "Active", "user_id": ("is", "set")}
		if len(rules) == 1:
			filters.update({field: rules[0][field] for field in MATCH_FIELDS if rules[0].get(field)})
		employees = frappe.get_all("Employee", filters=filters, fields=EMPLOYEE_FIELDS)

	return assign_planned(plan_for(employees, rules), source="Training Rule", hr_doc=hr_doc)


def renew_completed_assignments(names: list[str] | None = None):
	"""Each completed assignment of a recurring rule gets its successor, due N months after completion.

	LMS keeps one enrollment per learner and course and derives progress from lesson records, so a
	second pass cannot start from a fresh enrollment: the successor tracks the same enrollment and
	is completed by a new LMS Certificate (see lms_sync.link_certificate) or by HR.
	"""
	recurring = {
		rule.name: rule.recurrence_months
		for rule in frappe.get_all(
			"LMS Training Rule",
			filters={"enabled": 1, "recurrence_months": (">", 0)},
			fields=["name", "recurrence_months"],
		)
	}
	if not recurring:
		return []

	filters = {"status": "Completed", "training_rule": ("in", list(recurring))}
	if names is not None:
		filters["name"] = ("in", names or [""])
	completed = frappe.get_all(
		"LMS Training Assignment",
		filters=filters,
		fields=[
			"name",
			"employee",
			"employee_record",
			"course",
			"enrollment",
			"training_rule",
			"completion_date",
		],
	)
	renewed = (
		set(
			frappe.get_all(
				"LMS Training Assignment",
				filters={"previous_assignment": ("in", [row.name for row in completed])},
				pluck="previous_assignment",
			)
		)
		if completed
		else set()
	)

	already_open = (
		{
			(row.employee, row.course)
			for row in frappe.get_all(
				"LMS Training Assignment",
				filters={
					"employee": ("in", list({row.employee for row in completed})),
					"course": ("in", list({row.course for row in completed})),
					"status": ("not in", ("Completed", "Cancelled")),
				},
				fields=["employee", "course"],
			)
		}
		if completed
		else set()
	)

	created = []
	for row in completed:
		if row.name in renewed or not row.completion_date or (row.employee, row.course) in already_open:
			continue
		succeeded, outcome = run_isolated(
			_renew,
			row,
			recurring[row.training_rule],
			employee=row.employee_record,
			learner=row.employee,
			course=row.course,
		)
		if succeeded:
			created.append(outcome.name)
			already_open.add((row.employee, row.course))
	return created


def _renew(row, recurrence_months: int):
	due_date = getdate(add_months(row.completion_date, recurrence_months))
	return frappe.get_doc(
		{
			"doctype": "LMS Training Assignment",
			"employee": row.employee,
			"employee_record": row.employee_record,
			"course": row.course,
			"enrollment": row.enrollment,
			"status": "Assigned",
			"assigned_on": min(getdate(today()), due_date),
			"due_date": due_date,
			"source": "Training Rule",
			"training_rule": row.training_rule,
			"previous_assignment": row.name,
			"assigned_by": frappe.session.user,
		}
	).insert(ignore_permissions=True)


def get_compliance(assignments: list, recurrence_by_rule: dict) -> dict:
	"""(user, course) -> Compliant, Due or Lapsed, from the person's assignments of that course."""
	current_day = getdate(today())
	state = {}
	for row in sorted(assignments, key=lambda row: getdate(row.due_date or current_day)):
		key = (row.employee, row.course)
		months = recurrence_by_rule.get(row.get("training_rule")) or 0
		if row.status == "Completed":
			expires = add_months(row.completion_date, months) if months and row.completion_date else None
			compliant = not expires or getdate(expires) > current_day
			state[key] = "Compliant" if compliant else state.get(key, "Lapsed")
		elif row.status == "Cancelled":
			continue
		elif state.get(key) != "Compliant":
			overdue = row.status == "Overdue" or (row.due_date and getdate(row.due_date) < current_day)
			state[key] = "Lapsed" if overdue else "Due"
	return state
