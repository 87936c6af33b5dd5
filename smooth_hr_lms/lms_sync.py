# Copyright (c) 2026, Smooth HR LMS contributors and contributors
# For license information, please see license.txt

"""LMS event handlers: enrollment progress and certificates flow back into assignments and HR."""

import frappe
from frappe import _
from frappe.utils import flt, getdate, today

from smooth_hr_lms.provisioning import get_status_for_progress, run_isolated
from smooth_hr_lms.smooth_hr_lms.doctype.lms_training_assignment.lms_training_assignment import (
	CLOSED_STATUSES,
)
from smooth_hr_lms.smooth_hr_lms.doctype.smooth_hr_lms_settings.smooth_hr_lms_settings import get_settings
from smooth_hr_lms.training_rules import renew_completed_assignments

ASSIGNMENT_FIELDS = ["name", "employee", "course", "status", "progress", "previous_assignment"]


def sync_assignment_progress(doc, method=None):
	"""After LMS saves an enrollment's progress: the learner's open assignment for the course follows."""
	# LMS saves progress inside the learner's lesson request; a failure here must not undo it.
	run_isolated(sync_enrollments, [doc], learner=doc.member, course=doc.course)


def sync_enrollments(enrollments: list) -> int:
	"""Bring the open assignments of these enrollments in line with their progress; return rows changed."""
	users = list({row.member for row in enrollments})
	courses = list({row.course for row in enrollments})
	open_assignments = frappe.get_all(
		"LMS Training Assignment",
		filters={"employee": ("in", users), "course": ("in", courses), "status": ("not in", CLOSED_STATUSES)},
		fields=ASSIGNMENT_FIELDS,
	)
	return apply_progress(open_assignments, {(row.member, row.course): row for row in enrollments})


def apply_progress(open_assignments: list, enrollments_by_pair: dict) -> int:
	"""Write progress and status, one update per distinct (status, progress) rather than per row."""
	changes = {}
	for assignment in open_assignments:
		enrollment = enrollments_by_pair.get((assignment.employee, assignment.course))
		# A renewal shares the enrollment its first pass completed; a new certificate completes it.
		if not enrollment or assignment.previous_assignment or enrollment.progress is None:
			continue

		progress = min(max(flt(enrollment.progress), 0), 100)
		status = get_status_for_progress(progress)
		# Progress does not lift an assignment out of Overdue; only completing it does.
		if assignment.status == "Overdue" and status != "Completed":
			status = "Overdue"
		if status != assignment.status or progress != flt(assignment.progress):
			changes.setdefault((status, progress), []).append(assignment.name)

	for (status, progress), names in changes.items():
		values = {"status": status, "progress": progress}
		if status == "Completed":
			values.update({"completion_date": today(), "open_assignment_key": None})
		frappe.db.set_value("LMS Training Assignment", {"name": ("in", names)}, values)

	completed = [
		name for (status, _progress), names in changes.items() if status == "Completed" for name in names
	]
	if completed:
		renew_completed_assignments(completed)
	return sum(len(names) for names in changes.values())


def link_certificate(doc, method=None):
	"""After LMS issues a certificate: the assignment links it, and HR gets it as evidence."""
	run_isolated(_link_certificate, doc, learner=doc.member, course=doc.course)


def _link_certificate(certificate):
	if certificate.course:
		link_certificate_to_assignment(certificate)

	if get_settings().hand_certificates_to_hr:
		frappe.enqueue(
			"smooth_hr_lms.lms_sync.hand_certificate_to_hr",
			certificate=certificate.name,
			enqueue_after_commit=True,
			now=frappe.flags.in_test,
		)


def link_certificate_to_assignment(certificate):
	"""Link the certificate on the assignment of the pass it certifies, completing it if still open."""
	issued_on = getdate(certificate.issue_date or today())
	candidates = frappe.get_all(
		"LMS Training Assignment",
		filters={"employee": certificate.member, "course": certificate.course, "status": ("!=", "Cancelled")},
		fields=["name", "status", "assigned_on", "previous_assignment", "certificate"],
		order_by="creation desc",
	)
	completed_on = (
		{
			row.name: row.completion_date
			for row in frappe.get_all(
				"LMS Training Assignment",
				filters={
					"name": ("in", [row.previous_assignment for row in candidates if row.previous_assignment])
				},
				fields=["name", "completion_date"],
			)
		}
		if any(row.previous_assignment for row in candidates)
		else {}
	)

	assignment = next((row for row in candidates if certifies(row, issued_on, completed_on)), None)
	if not assignment:
		return

	values = {"certificate": certificate.name}
	if assignment.status != "Completed":
		values.update(
			{
				"status": "Completed",
				"progress": 100,
				"completion_date": issued_on,
				"open_assignment_key": None,
			}
		)
	frappe.db.set_value("LMS Training Assignment", assignment.name, values)
	if assignment.status != "Completed":
		renew_completed_assignments([assignment.name])


def certifies(assignment, issued_on, completed_on: dict) -> bool:
	"""Whether a certificate issued on that day belongs to this assignment's pass.

	A renewal is certified only by a certificate issued after the pass it renews was completed;
	LMS issues the first pass's certificate the same day that pass completes, and that one is not it.
	"""
	if assignment.certificate or (assignment.assigned_on and getdate(assignment.assigned_on) > issued_on):
		return False
	previous_completion = completed_on.get(assignment.previous_assignment)
	return not (
		assignment.previous_assignment and previous_completion and getdate(previous_completion) >= issued_on
	)


def hand_certificate_to_hr(certificate: str):
	"""Attach the certificate's PDF to the learner's Employee record, once; add a compliance entry."""
	certificate = frappe.get_doc("LMS Certificate", certificate)
	run_isolated(_hand_certificate_to_hr, certificate, learner=certificate.member, course=certificate.course)


def _hand_certificate_to_hr(certificate):
	# A rehire has a Left record and an Active one with the same user: the Active one is the file.
	employee = frappe.get_all(
		"Employee",
		filters={"user_id": certificate.member},
		fields=["name"],
		order_by="status asc, modified desc",
		limit=1,
	)
	if not employee:
		return
	employee = employee[0].name

	file_name = f"{certificate.name}.pdf"
	if not frappe.db.exists(
		"File", {"attached_to_doctype": "Employee", "attached_to_name": employee, "file_name": file_name}
	):
		pdf = frappe.get_print(
			"LMS Certificate", certificate.name, print_format=certificate.template, as_pdf=True
		)
		frappe.get_doc(
			{
				"doctype": "File",
				"file_name": file_name,
				"attached_to_doctype": "Employee",
				"attached_to_name": employee,
				"is_private": 1,
				"content": pdf,
			}
		).insert(ignore_permissions=True)

	add_compliance_entry(employee, certificate, file_name)


def add_compliance_entry(employee: str, certificate, file_name: str):
	"""Record the certificate in Employee Compliance on sites that have that DocType."""
	if not frappe.db.exists("DocType", "Employee Compliance"):
		return

	meta = frappe.get_meta("Employee Compliance")
	# TODO: Employee Compliance is not part of upstream HRMS; only these common fields are mapped.
	candidates = {
		"employee": employee,
		"lms_certificate": certificate.name,
		"issue_date": certificate.issue_date,
		"expiry_date": certificate.expiry_date,
		"description": _("LMS certificate {0} for course {1}").format(certificate.name, certificate.course),
	}
	values = {field: value for field, value in candidates.items() if meta.has_field(field)}
	missing = [
		df.fieldname for df in meta.fields if df.reqd and not df.default and df.fieldname not in values
	]
	if missing or "employee" not in values:
		frappe.logger("smooth_hr_lms").info(
			"Employee Compliance entry skipped for %s: fields %s cannot be filled", certificate.name, missing
		)
		return
	if "lms_certificate" in values and frappe.db.exists(
		"Employee Compliance", {"lms_certificate": certificate.name}
	):
		return
	frappe.get_doc({"doctype": "Employee Compliance", **values}).insert(ignore_permissions=True)
