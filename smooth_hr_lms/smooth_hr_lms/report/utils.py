# Copyright (c) 2026, Smooth HR LMS contributors and contributors
# For license information, please see license.txt

"""Reads and arithmetic the training reports share: overdue days and the Employees behind assignments."""

import frappe
from frappe import _

from smooth_hr_lms.smooth_hr_lms.doctype.lms_training_assignment.lms_training_assignment import (
	mark_overdue,  # noqa: F401 -- the reports import it from here
)

OPEN_STATUSES = ("Assigned", "In Progress")
EMPLOYEE_FIELDS = ["name", "employee_name", "user_id", "company", "department", "reports_to"]


def get_assignment_employees(assignments: list, filters: dict | None = None) -> "EmployeeLookup":
	"""The Employees behind the assignments, in one query, narrowed by Employee filters when given.

	An assignment names its Employee, and its learner is that Employee's user; assignments made by
	hand may lack the Employee, so the learner's user finds it too.
	"""
	records = sorted({row.employee_record for row in assignments if row.employee_record})
	users = sorted({row.employee for row in assignments if row.employee and not row.employee_record})
	or_filters = []
	if records:
		or_filters.append(["name", "in", records])
	if users:
		or_filters.append(["user_id", "in", users])
	if not or_filters:
		return EmployeeLookup([])
	employees = frappe.get_all(
		"Employee", filters=filters or {}, or_filters=or_filters, fields=EMPLOYEE_FIELDS
	)
	return EmployeeLookup(employees)


def get_employee_names(names) -> dict:
	"""Employee ID -> employee name for a set of IDs (managers, typically), in one query."""
	names = sorted({name for name in names if name})
	if not names:
		return {}
	return {
		row.name: row.employee_name
		for row in frappe.get_all(
			"Employee", filters={"name": ("in", names)}, fields=["name", "employee_name"]
		)
	}


class EmployeeLookup:
	def __init__(self, employees: list):
		self.by_name = {row.name: row for row in employees}
		self.by_user = {row.user_id: row for row in employees if row.user_id}

	def of(self, assignment):
		if assignment.employee_record:
			return self.by_name.get(assignment.employee_record)
		return self.by_user.get(assignment.employee)


def department_label(department: str | None) -> str:
	return department or _("No Department")
