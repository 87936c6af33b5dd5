# Copyright (c) 2026, Smooth HR LMS contributors and contributors
# For license information, please see license.txt

"""Read-side helpers the tests share: what a learner ended up with, what HR sees on a record."""

import frappe


def roles_of(user: str) -> list[str]:
	return frappe.get_all("Has Role", filters={"parent": user, "parenttype": "User"}, pluck="role")


def assignments_of(learner: str) -> list:
	return frappe.get_all(
		"LMS Training Assignment",
		filters={"employee": learner},
		fields=["name", "course", "status", "due_date", "source", "enrollment", "employee_onboarding"],
		order_by="course asc",
	)


def enrolled_courses(learner: str) -> list[str]:
	return sorted(frappe.get_all("LMS Enrollment", filters={"member": learner}, pluck="course"))


def timeline_notes(doctype: str, name: str) -> list[str]:
	return frappe.get_all(
		"Comment",
		filters={"reference_doctype": doctype, "reference_name": name, "comment_type": "Comment"},
		pluck="content",
	)


def error_logs_for(doctype: str, name: str) -> list:
	return frappe.get_all(
		"Error Log",
		filters={"reference_doctype": doctype, "reference_name": name},
		fields=["method", "error"],
	)


def drop_lms_student_role(user: str):
	"""Like a user created before LMS was installed, or edited by hand: no LMS Student role."""
	user_doc = frappe.get_doc("User", user)
	user_doc.remove_roles("LMS Student")
