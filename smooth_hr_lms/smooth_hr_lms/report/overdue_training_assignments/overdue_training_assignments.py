# Copyright (c) 2026, Smooth HR LMS contributors and contributors
# For license information, please see license.txt

from collections import Counter

import frappe
from frappe import _
from frappe.utils import today

from smooth_hr_lms.smooth_hr_lms.report.utils import (
	OPEN_STATUSES,
	department_label,
	get_assignment_employees,
	get_employee_names,
	mark_overdue,
)


def execute(filters=None):
	filters = frappe._dict(filters or {})
	data = get_data(filters)
	return get_columns(), data, None, get_chart(data)


def get_columns() -> list[dict]:
	return [
		{
			"label": _("Assignment"),
			"fieldname": "assignment",
			"fieldtype": "Link",
			"options": "LMS Training Assignment",
			"width": 150,
		},
		{
			"label": _("Employee"),
			"fieldname": "employee",
			"fieldtype": "Link",
			"options": "Employee",
			"width": 130,
		},
		{"label": _("Employee Name"), "fieldname": "employee_name", "fieldtype": "Data", "width": 170},
		{
			"label": _("Department"),
			"fieldname": "department",
			"fieldtype": "Link",
			"options": "Department",
			"width": 150,
		},
		{
			"label": _("Manager"),
			"fieldname": "manager",
			"fieldtype": "Link",
			"options": "Employee",
			"width": 130,
		},
		{"label": _("Manager Name"), "fieldname": "manager_name", "fieldtype": "Data", "width": 170},
		{
			"label": _("Course"),
			"fieldname": "course",
			"fieldtype": "Link",
			"options": "LMS Course",
			"width": 130,
		},
		{"label": _("Course Title"), "fieldname": "course_title", "fieldtype": "Data", "width": 200},
		{"label": _("Status"), "fieldname": "status", "fieldtype": "Data", "width": 100},
		{"label": _("Progress"), "fieldname": "progress", "fieldtype": "Percent", "width": 100},
		{"label": _("Due Date"), "fieldname": "due_date", "fieldtype": "Date", "width": 110},
		{"label": _("Days Overdue"), "fieldname": "days_overdue", "fieldtype": "Int", "width": 110},
	]


def get_data(filters) -> list[dict]:
	"""One query for the overdue assignments, one for their Employees, one for the managers' names."""
	assignments = get_overdue_assignments(filters)
	if not assignments:
		return []

	employee_filters = get_employee_filters(filters)
	employees = get_assignment_employees(assignments, employee_filters)
	data = []
	for row in mark_overdue(assignments):
		employee = employees.of(row)
		if employee_filters and not employee:
			continue
		data.append(
			frappe._dict(
				assignment=row.name,
				employee=employee.name if employee else row.employee_record,
				employee_name=(employee.employee_name if employee else None) or row.employee_name,
				department=employee.department if employee else None,
				manager=employee.reports_to if employee else None,
				course=row.course,
				course_title=row.course_title,
				status=row.status,
				progress=row.progress,
				due_date=row.due_date,
				days_overdue=row.days_overdue,
			)
		)

	manager_names = get_employee_names(row.manager for row in data)
	for row in data:
		row.manager_name = manager_names.get(row.manager)
	return data


def get_overdue_assignments(filters) -> list:
	"""Marked Overdue, or still open with the due date passed (the nightly job has not run yet)."""
	assignment_filters = {"status": ("in", (*OPEN_STATUSES, "Overdue"))}
	if filters.course:
		assignment_filters["course"] = filters.course
	return frappe.get_list(
		"LMS Training Assignment",
		filters=assignment_filters,
		or_filters=[["status", "=", "Overdue"], ["due_date", "<", today()]],
		fields=[
			"name",
			"employee",
			"employee_record",
			"employee_name",
			"course",
			"course_title",
			"status",
			"progress",
			"due_date",
		],
		order_by="due_date asc",
		limit_page_length=0,
	)


def get_employee_filters(filters) -> dict:
	employee_filters = {}
	if filters.company:
		employee_filters["company"] = filters.company
	if filters.department:
		employee_filters["department"] = filters.department
	if filters.manager:
		employee_filters["reports_to"] = filters.manager
	return employee_filters


def get_chart(data) -> dict | None:
	if not data:
		return None
	counts = Counter(department_label(row.department) for row in data).most_common()
	return {
		"data": {
			"labels": [label for label, _count in counts],
			"datasets": [{"name": _("Overdue Assignments"), "values": [count for _label, count in counts]}],
		},
		"type": "bar",
		"colors": ["#E24C4C"],
		"fieldtype": "Int",
	}
