# Copyright (c) 2026, Smooth HR LMS contributors and contributors
# For license information, please see license.txt

import frappe

# Roles that see every training assignment; anyone else (an LMS Student) sees only their own.
ASSIGNMENT_OVERSEER_ROLES = frozenset({"System Manager", "Moderator", "HR Manager", "HR User"})


def is_assignment_overseer(user: str) -> bool:
	return user == "Administrator" or bool(ASSIGNMENT_OVERSEER_ROLES.intersection(frappe.get_roles(user)))


def get_training_assignment_conditions(user: str | None = None) -> str:
	"""List filter for LMS Training Assignment: learners see only the rows where they are the learner."""
	user = user or frappe.session.user
	if is_assignment_overseer(user):
		return ""
	return f"`tabLMS Training Assignment`.`employee` = {frappe.db.escape(user)}"


def has_training_assignment_permission(doc, ptype: str | None = None, user: str | None = None) -> bool:
	"""Document check matching the list filter, so a learner cannot open another learner's assignment."""
	user = user or frappe.session.user
	return is_assignment_overseer(user) or doc.employee == user
