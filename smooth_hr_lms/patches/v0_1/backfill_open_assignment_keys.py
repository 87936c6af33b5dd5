# Copyright (c) 2026, Smooth HR LMS contributors and contributors
# For license information, please see license.txt

import frappe
from frappe import _

from smooth_hr_lms.provisioning import close_assignments
from smooth_hr_lms.smooth_hr_lms.doctype.lms_training_assignment.lms_training_assignment import (
	CLOSED_STATUSES,
	make_open_assignment_key,
)


def execute():
	"""Give open assignments made before the key existed their key, so its unique index guards them too.

	Where a learner already has two open assignments for one course, the earliest stays open and the
	later ones are cancelled, since the index cannot hold both.
	"""
	open_without_key = frappe.get_all(
		"LMS Training Assignment",
		filters={"status": ("not in", CLOSED_STATUSES), "open_assignment_key": ("is", "not set")},
		fields=["name", "employee", "course"],
		order_by="creation asc",
	)
	keyed = set(
		frappe.get_all(
			"LMS Training Assignment",
			filters={"open_assignment_key": ("is", "set")},
			pluck="open_assignment_key",
		)
	)
	duplicates = []
	for row in open_without_key:
		key = make_open_assignment_key(row.employee, row.course)
		if key in keyed:
			duplicates.append(row.name)
			continue
		keyed.add(key)
		# One write per row: each key is different. The patch runs once, over existing rows only.
		frappe.db.set_value(
			"LMS Training Assignment", row.name, "open_assignment_key", key, update_modified=False
		)

	if duplicates:
		close_assignments(duplicates, _("Duplicate of an earlier open assignment for the same course."))
