# Copyright (c) 2026, Smooth HR LMS contributors and contributors
# For license information, please see license.txt

"""Scheduled jobs that keep assignments true without anyone reconciling by hand."""

import frappe
from frappe.utils import today

from smooth_hr_lms.lms_sync import ASSIGNMENT_FIELDS, apply_progress
from smooth_hr_lms.notifications import send_training_reminders
from smooth_hr_lms.smooth_hr_lms.doctype.lms_training_assignment.lms_training_assignment import (
	CLOSED_STATUSES,
)
from smooth_hr_lms.training_rules import apply_training_rules, renew_completed_assignments


def reconcile_assignment_progress():
	"""Nightly: repair drift the enrollment events missed (raw progress writes, events off), in bulk."""
	open_assignments = frappe.get_all(
		"LMS Training Assignment",
		filters={"status": ("not in", CLOSED_STATUSES)},
		fields=ASSIGNMENT_FIELDS,
	)
	if not open_assignments:
		return 0

	enrollments = frappe.get_all(
		"LMS Enrollment",
		filters={
			"member": ("in", list({row.employee for row in open_assignments})),
			"course": ("in", list({row.course for row in open_assignments})),
		},
		fields=["member", "course", "progress"],
	)
	changed = apply_progress(open_assignments, {(row.member, row.course): row for row in enrollments})
	frappe.logger("smooth_hr_lms").info("Reconciled progress of %s training assignments", changed)
	return changed


def mark_overdue_assignments():
	"""Daily: open assignments whose due date has passed become Overdue, in one update."""
	frappe.db.set_value(
		"LMS Training Assignment",
		{"status": ("in", ("Assigned", "In Progress")), "due_date": ("<", today())},
		"status",
		"Overdue",
	)


def apply_training_rules_daily():
	"""Daily: renew recurring training that was completed, and assign what any rule now requires."""
	renew_completed_assignments()
	apply_training_rules()


def send_daily_reminders():
	"""Daily, after the Overdue marking: reminder digests to learners and managers."""
	send_training_reminders()
