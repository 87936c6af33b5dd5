# Copyright (c) 2026, Smooth HR LMS contributors and contributors
# For license information, please see license.txt

from collections import Counter

import frappe
from frappe import _
from frappe.utils import cint

from smooth_hr_lms import api

# Display order and colours of the chart, matching the states of LMS Training Assignment.
STATUS_COLORS = {
	"Assigned": "#449CF0",
	"In Progress": "#ECAD4B",
	"Overdue": "#E24C4C",
	"Completed": "#48BB74",
}


def execute(filters=None):
	"""A manager's team (HR: anyone's), one row per person and assignment; the team API does the reading."""
	filters = frappe._dict(filters or {})
	# The API checks who may see which team (authorize_team_view), finds it (get_team) and totals it.
	status = api.get_team_training_status(
		manager=filters.manager or None, include_indirect=cint(filters.include_indirect)
	)
	data = get_data(status["team"])
	return get_columns(), data, None, get_chart(data), get_report_summary(status)


def get_columns() -> list[dict]:
	return [
		{
			"label": _("Employee"),
			"fieldname": "employee",
			"fieldtype": "Link",
			"options": "Employee",
			"width": 130,
		},
		{"label": _("Employee Name"), "fieldname": "employee_name", "fieldtype": "Data", "width": 170},
		{
			"label": _("Reports To"),
			"fieldname": "reports_to",
			"fieldtype": "Link",
			"options": "Employee",
			"width": 130,
		},
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
		{"label": _("Completed On"), "fieldname": "completion_date", "fieldtype": "Date", "width": 120},
		{"label": _("Compliance"), "fieldname": "compliance", "fieldtype": "Data", "width": 110},
		{
			"label": _("Assignment"),
			"fieldname": "assignment",
			"fieldtype": "Link",
			"options": "LMS Training Assignment",
			"width": 150,
		},
	]


def get_data(team: list[dict]) -> list[dict]:
	"""One row per member and assignment; a member with nothing assigned still gets a row, so no one is missed."""
	data = []
	for member in team:
		person = {
			"employee": member["employee"],
			"employee_name": member["employee_name"],
			"reports_to": member["reports_to"],
		}
		if not member["assignments"]:
			data.append(frappe._dict(person))
		for row in member["assignments"]:
			data.append(
				frappe._dict(
					person,
					course=row.course,
					course_title=row.course_title,
					# Past due is Overdue now, not only after the nightly job has marked it.
					status="Overdue" if row.is_overdue else row.status,
					progress=row.progress,
					due_date=row.due_date,
					days_overdue=row.days_overdue,
					completion_date=row.completion_date,
					compliance=row.get("compliance"),
					assignment=row.name,
				)
			)
	return data


def get_chart(data: list[dict]) -> dict | None:
	counts = Counter(row.status for row in data if row.status)
	statuses = [status for status in STATUS_COLORS if counts[status]]
	if not statuses:
		return None
	return {
		"data": {
			"labels": [_(status) for status in statuses],
			"datasets": [{"name": _("Assignments"), "values": [counts[status] for status in statuses]}],
		},
		"type": "donut",
		"colors": [STATUS_COLORS[status] for status in statuses],
	}


def get_report_summary(status: dict) -> list[dict]:
	totals = status["totals"]
	return [
		{"value": len(status["team"]), "label": _("Team Members"), "datatype": "Int", "indicator": "Blue"},
		{"value": totals["assigned"], "label": _("Assignments"), "datatype": "Int", "indicator": "Blue"},
		{"value": totals["completed"], "label": _("Completed"), "datatype": "Int", "indicator": "Green"},
		{"value": totals["in_progress"], "label": _("In Progress"), "datatype": "Int", "indicator": "Orange"},
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
