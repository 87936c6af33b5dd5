# Copyright (c) 2026, Smooth HR LMS contributors and contributors
# For license information, please see license.txt

import frappe
from frappe import _
from frappe.model.document import Document
from frappe.utils import date_diff, getdate, today

CLOSED_STATUSES = ("Completed", "Cancelled")


class DuplicateOpenAssignmentError(frappe.ValidationError):
	pass


class LMSTrainingAssignment(Document):
	def validate(self):
		self.validate_due_date()
		self.validate_completed_stays_completed()
		self.set_completion_date()
		self.set_open_assignment_key()
		self.validate_single_open_assignment()

	def validate_due_date(self):
		if self.assigned_on and getdate(self.due_date) < getdate(self.assigned_on):
			frappe.throw(
				_("Due Date {0} cannot be before the assignment date {1}.").format(
					frappe.bold(self.due_date), frappe.bold(self.assigned_on)
				)
			)

	def validate_completed_stays_completed(self):
		before = self.get_doc_before_save()
		if before and before.status == "Completed" and self.status != "Completed":
			frappe.throw(_("A completed training assignment cannot be reopened."))

	def set_completion_date(self):
		if self.status == "Completed" and not self.completion_date:
			self.completion_date = today()

	def set_open_assignment_key(self):
		# The unique index on this key is what stops two concurrent saves from both opening an assignment.
		self.open_assignment_key = (
			None if self.status in CLOSED_STATUSES else make_open_assignment_key(self.employee, self.course)
		)

	def validate_single_open_assignment(self):
		if not self.open_assignment_key or self.flags.open_assignments_checked:
			return

		existing = frappe.db.exists(
			"LMS Training Assignment",
			{"open_assignment_key": self.open_assignment_key, "name": ("!=", self.name)},
		)
		if existing:
			frappe.throw(
				_("{0} already has an open assignment for course {1}: {2}.").format(
					frappe.bold(self.employee), frappe.bold(self.course), existing
				),
				DuplicateOpenAssignmentError,
			)


def make_open_assignment_key(learner: str, course: str) -> str:
	return f"{learner}|{course}"


def mark_overdue(rows: list, current_day=None) -> list:
	"""Set days_overdue and is_overdue on assignment rows: open and past due counts even before the
	daily job has marked it Overdue."""
	current_day = current_day or getdate(today())
	for row in rows:
		days_overdue = 0
		if row.status not in CLOSED_STATUSES and row.due_date and getdate(row.due_date) < current_day:
			days_overdue = date_diff(current_day, row.due_date)
		row.days_overdue = days_overdue
		row.is_overdue = bool(days_overdue) or row.status == "Overdue"
	return rows
