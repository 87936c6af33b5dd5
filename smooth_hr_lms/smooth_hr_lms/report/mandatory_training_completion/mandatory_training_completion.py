# Copyright (c) 2026, Smooth HR LMS contributors and contributors
# For license information, please see license.txt

import frappe
from frappe import _

from smooth_hr_lms.api import get_recurrence_by_rule
from smooth_hr_lms.smooth_hr_lms.report.utils import department_label, get_assignment_employees
from smooth_hr_lms.training_rules import get_compliance


def execute(filters=None):
	filters = frappe._dict(filters or {})
	courses = get_mandatory_courses(filters)
	if filters.course and not courses:
		message = _("Course {0} is not a published mandatory course.").format(frappe.bold(filters.course))
		return get_columns(), [], message, None, None

	data, totals = get_data(filters, courses)
	return get_columns(), data, None, get_chart(data), get_report_summary(totals, len(courses))


def get_columns() -> list[dict]:
	return [
		{
			"label": _("Department"),
			"fieldname": "department",
			"fieldtype": "Link",
			"options": "Department",
			"width": 200,
		},
		{"label": _("Learners"), "fieldname": "learners", "fieldtype": "Int", "width": 100},
		{"label": _("Assigned"), "fieldname": "assigned", "fieldtype": "Int", "width": 100},
		{"label": _("Completed"), "fieldname": "completed", "fieldtype": "Int", "width": 100},
		{"label": _("Due"), "fieldname": "due", "fieldtype": "Int", "width": 100},
		{"label": _("Overdue"), "fieldname": "overdue", "fieldtype": "Int", "width": 100},
		{
			"label": _("Completion Rate"),
			"fieldname": "completion_rate",
			"fieldtype": "Percent",
			"width": 130,
		},
	]


def get_mandatory_courses(filters) -> list[str]:
	course_filters = {"published": 1, "is_mandatory": 1}
	if filters.course:
		course_filters["name"] = filters.course
	return frappe.get_all("LMS Course", filters=course_filters, pluck="name")


def get_data(filters, courses: list[str]) -> tuple[list[dict], dict]:
	"""Per department, each learner and course counted once by where they stand now.

	A recurring course leaves a completed assignment and its renewal behind; counting assignments
	would halve the rate of a team that is fully trained, so the pairs are counted by compliance:
	Compliant is completed, Lapsed is overdue, Due is still open in time.
	Reads: the courses' assignments, their rules' recurrence, their Employees; totalled in Python.
	"""
	if not courses:
		return [], count_pairs([])

	assignments = frappe.get_list(
		"LMS Training Assignment",
		filters={"course": ("in", courses), "status": ("!=", "Cancelled")},
		fields=[
			"name",
			"employee",
			"employee_record",
			"course",
			"status",
			"due_date",
			"completion_date",
			"training_rule",
		],
		limit_page_length=0,
	)
	compliance = get_compliance(assignments, get_recurrence_by_rule(assignments))
	employee_filters = {"company": filters.company} if filters.company else None
	employees = get_assignment_employees(assignments, employee_filters)

	pairs = {}
	for row in assignments:
		employee = employees.of(row)
		if employee_filters and not employee:
			continue
		pairs[(row.employee, row.course)] = frappe._dict(
			learner=row.employee,
			department=employee.department if employee else None,
			compliance=compliance[(row.employee, row.course)],
		)

	by_department = {}
	for pair in pairs.values():
		by_department.setdefault(pair.department, []).append(pair)

	data = []
	# Named departments alphabetically, then the learners whose Employee has none.
	for department in sorted(by_department, key=lambda name: (name is None, name or "")):
		department_pairs = by_department[department]
		data.append(
			frappe._dict(
				department=department,
				learners=len({pair.learner for pair in department_pairs}),
				**count_pairs(department_pairs),
			)
		)
	return data, count_pairs(list(pairs.values()))


def count_pairs(pairs: list) -> dict:
	assigned = len(pairs)
	completed = sum(pair.compliance == "Compliant" for pair in pairs)
	return {
		"assigned": assigned,
		"completed": completed,
		"due": sum(pair.compliance == "Due" for pair in pairs),
		"overdue": sum(pair.compliance == "Lapsed" for pair in pairs),
		"completion_rate": round(completed * 100 / assigned, 1) if assigned else 0.0,
	}


def get_chart(data: list[dict]) -> dict | None:
	if not data:
		return None
	return {
		"data": {
			"labels": [department_label(row.department) for row in data],
			"datasets": [{"name": _("Completion Rate"), "values": [row.completion_rate for row in data]}],
		},
		"type": "bar",
		"colors": ["#48BB74"],
		"fieldtype": "Percent",
	}


def get_report_summary(totals: dict, course_count: int) -> list[dict]:
	return [
		{"value": course_count, "label": _("Mandatory Courses"), "datatype": "Int", "indicator": "Blue"},
		{"value": totals["assigned"], "label": _("Assigned"), "datatype": "Int", "indicator": "Blue"},
		{"value": totals["completed"], "label": _("Completed"), "datatype": "Int", "indicator": "Green"},
		{
			"value": totals["overdue"],
			"label": _("Overdue"),
			"datatype": "Int",
			"indicator": "Red" if totals["overdue"] else "Green",
		},
		{
			"value": totals["completion_rate"],
			"label": _("Completion Rate"),
			"datatype": "Percent",
			"indicator": "Green" if totals["completion_rate"] >= 100 else "Blue",
		},
	]
