# Copyright (c) 2026, Smooth HR LMS contributors and contributors
# For license information, please see license.txt

"""HRMS event handlers that keep LMS learning in step with HR records.

Each handler runs inside HR's own save and hands its work to provisioning.run_isolated, so a
failure on the LMS side is logged and noted on the record, never raised into HR's save.
"""

import frappe
from frappe import _

# The product documents the two L&D and manager methods under this module; they live in api.py.
from smooth_hr_lms.api import assign_mandatory_training, get_team_training_status  # noqa: F401
from smooth_hr_lms.notifications import send_welcome_email
from smooth_hr_lms.provisioning import (
	Learner,
	PlannedAssignment,
	add_timeline_note,
	assign_planned,
	cancel_open_assignments,
	ensure_lms_student_role,
	get_due_date,
	get_provisionable_learner,
	move_open_assignments,
	run_isolated,
)
from smooth_hr_lms.smooth_hr_lms.doctype.smooth_hr_lms_settings.smooth_hr_lms_settings import get_settings
from smooth_hr_lms.training_rules import MATCH_FIELDS, apply_training_rules, plan_onboarding

PROVISIONED_FLAG = "smooth_hr_lms_provisioned"
ROLE_GRANTED_FLAG = "smooth_hr_lms_role_granted"


def grant_lms_student_role(doc, method=None):
	"""After an Employee is inserted: give the linked login user the LMS Student role."""
	if not doc.user_id or doc.status != "Active" or not get_settings().grant_lms_student_role:
		# No user is common during data migration; a later save with the user linked picks it up.
		# Leavers imported with their history get no access.
		return

	# Insert runs on_update right after this; the role needs granting once.
	doc.flags[ROLE_GRANTED_FLAG] = True
	run_isolated(_grant_role_to_employee_user, doc, hr_doc=doc, employee=doc.name, learner=doc.user_id)


def sync_employee_learning(doc, method=None):
	"""After an Employee is saved: follow HR's changes to its user and status into LMS.

	Covers the orders real hiring takes: a user linked days after the Employee, an onboarding
	submitted before the Employee existed, a corrected user_id, and people who leave.
	"""
	role_just_granted = bool(doc.flags.pop(ROLE_GRANTED_FLAG, None))
	if doc.status != "Active":
		run_isolated(_cancel_assignments_of_inactive_employee, doc, hr_doc=doc, employee=doc.name)
	elif doc.user_id:
		run_isolated(
			_provision_employee,
			doc,
			not role_just_granted,
			hr_doc=doc,
			employee=doc.name,
			learner=doc.user_id,
		)


def enroll_in_mandatory_courses(doc, method=None):
	"""After an Employee Onboarding is inserted, saved or submitted: enroll the hire in mandatory courses."""
	# Frappe runs on_update right after after_insert, and on_submit right after on_update when
	# submitting: provision once for each of those pairs.
	if doc.flags.pop(PROVISIONED_FLAG, None) and method in ("on_update", "on_submit"):
		return
	if method == "after_insert" or (method == "on_update" and doc.docstatus == 1):
		doc.flags[PROVISIONED_FLAG] = True

	if doc.docstatus == 2 or not get_settings().enroll_on_onboarding:
		return

	run_isolated(_provision_onboarding, doc, hr_doc=doc, employee=doc.employee)


def cancel_onboarding_assignments(doc, method=None):
	"""After an Employee Onboarding is cancelled: cancel the open assignments it created."""
	reason = _("Employee Onboarding {0} was cancelled.").format(doc.name)
	run_isolated(
		cancel_open_assignments,
		doc,
		{"employee_onboarding": doc.name},
		reason,
		hr_doc=doc,
		employee=doc.employee,
	)


def _grant_role_to_employee_user(employee):
	learner, reason = get_provisionable_learner(employee.user_id, employee=employee.name)
	if learner:
		ensure_lms_student_role(learner)
	else:
		add_timeline_note(employee, reason)


def _provision_employee(employee, grant_role: bool):
	learner, reason = get_provisionable_learner(employee.user_id, employee=employee.name)
	if not learner:
		add_timeline_note(employee, reason)
		return

	if grant_role and get_settings().grant_lms_student_role:
		ensure_lms_student_role(learner)

	# Open assignments follow the person to the user HR linked now, even when the user_id was
	# cleared in between; completed ones stay with the account that completed them.
	move_open_assignments(employee, learner)

	# HRMS writes the employee into an onboarding submitted before the Employee existed,
	# without running the onboarding's events, so the Employee side looks for it.
	onboarding = frappe.get_all(
		"Employee Onboarding",
		filters={"employee": employee.name, "docstatus": ("<", 2), "boarding_status": ("!=", "Completed")},
		fields=["name", "date_of_joining"],
		order_by="creation desc",
		limit=1,
	)
	if onboarding and get_settings().enroll_on_onboarding:
		assign_onboarding_courses(employee, employee, onboarding[0])

	previous = employee.get_doc_before_save()
	if previous and any(previous.get(field) != employee.get(field) for field in MATCH_FIELDS):
		# A transfer or promotion: assign what the new position requires; history stays as it is.
		apply_training_rules(employees=[employee], hr_doc=employee)


def _cancel_assignments_of_inactive_employee(employee):
	reason = _("Employee status changed to {0}.").format(_(employee.status))
	cancel_open_assignments(employee, {"employee_record": employee.name}, reason)


def _provision_onboarding(onboarding):
	if not onboarding.employee:
		add_timeline_note(
			onboarding,
			_(
				"No mandatory training was assigned yet: this onboarding has no Employee. "
				"It will be assigned once the Employee and its user are linked."
			),
		)
		return

	employee = frappe.db.get_value(
		"Employee", onboarding.employee, ["name", "user_id", "status", *MATCH_FIELDS], as_dict=True
	)
	if not employee:
		reason = _("No mandatory training was assigned: Employee {0} does not exist.")
		add_timeline_note(onboarding, reason.format(frappe.bold(onboarding.employee)))
		return

	if employee.status != "Active":
		reason = _("No mandatory training was assigned: Employee {0} is {1}.")
		add_timeline_note(onboarding, reason.format(frappe.bold(employee.name), _(employee.status)))
		return

	learner, reason = get_provisionable_learner(employee.user_id, employee=employee.name)
	if not learner:
		add_timeline_note(onboarding, reason)
		return

	# The onboarding was pointed at another employee before: what it opened there is withdrawn.
	cancel_open_assignments(
		onboarding,
		{"employee_onboarding": onboarding.name, "employee_record": ("!=", employee.name)},
		_("Employee Onboarding {0} now belongs to Employee {1}.").format(onboarding.name, employee.name),
	)
	if get_settings().grant_lms_student_role:
		ensure_lms_student_role(learner)
	assign_onboarding_courses(onboarding, employee, onboarding)


def assign_onboarding_courses(hr_doc, employee, onboarding):
	"""Assign the hire's onboarding courses, or say on hr_doc why there are none.

	Those are the courses of every training rule matching the hire, and the published mandatory
	courses that no rule names.
	"""
	learner = Learner(employee.name, employee.user_id)
	rule_plan, blanket_courses = plan_onboarding(employee, onboarding.date_of_joining)
	due_date = get_due_date(onboarding.date_of_joining)
	plan = rule_plan + [PlannedAssignment(learner, course, due_date) for course in blanket_courses]
	if not plan:
		add_timeline_note(
			hr_doc,
			_(
				"No mandatory training was assigned: there are no published courses marked Is Mandatory "
				"and no training rule matches this employee. Publish the courses with Is Mandatory "
				"checked, then save this document again."
			),
		)
		return

	first_assignments = not frappe.db.exists("LMS Training Assignment", {"employee": learner.user})
	summary = assign_planned(plan, source="Onboarding", employee_onboarding=onboarding.name, hr_doc=hr_doc)
	if first_assignments and summary.created:
		run_isolated(
			send_welcome_email,
			learner.user,
			[row["assignment"] for row in summary.created],
			hr_doc=hr_doc,
			employee=learner.employee,
			learner=learner.user,
		)
	return summary
