# Copyright (c) 2026, Smooth HR LMS contributors and contributors
# For license information, please see license.txt

"""HRMS event handlers that provision LMS learning, and the provisioning they share.

Every handler runs inside HR's own save. Nothing here may make that save fail: each unit of
work runs under its own savepoint, and a failure is rolled back to it, written to the Error
Log and noted on the HR document's timeline, so HR can fix the cause and save again to retry.
"""

from collections.abc import Callable
from contextlib import contextmanager

import frappe
from frappe import _
from frappe.utils import add_days, flt, getdate, today

from smooth_hr_lms.smooth_hr_lms.doctype.lms_training_assignment.lms_training_assignment import (
	CLOSED_STATUSES,
	make_open_assignment_key,
)

LMS_STUDENT_ROLE = "LMS Student"
STANDARD_USERS = ("Administrator", "Guest")
DEFAULT_DAYS_UNTIL_DUE = 30
PROVISIONED_FLAG = "smooth_hr_lms_provisioned"


# Event handlers


def grant_lms_student_role(doc, method=None):
	"""After an Employee is inserted: give the linked login user the LMS Student role."""
	if not doc.user_id:
		# Common during data migration; a later save with the user linked picks it up.
		return

	run_isolated(doc, _grant_lms_student_role_to_employee_user, doc, learner=doc.user_id)


def sync_employee_learning(doc, method=None):
	"""After an Employee is saved: follow HR's changes to its user and status into LMS.

	Covers the orders real hiring takes: a user linked days after the Employee, an onboarding
	submitted before the Employee existed, a corrected user_id, and people who leave.
	"""
	if doc.status != "Active":
		run_isolated(doc, _cancel_assignments_of_inactive_employee, doc)
		return

	if doc.user_id:
		run_isolated(doc, _provision_employee, doc, learner=doc.user_id)


def enroll_in_mandatory_courses(doc, method=None):
	"""After an Employee Onboarding is inserted, saved or submitted: enroll the hire in mandatory courses."""
	if doc.docstatus == 2 or doc.flags.get(PROVISIONED_FLAG):
		return

	# Insert runs after_insert and then on_update: provision once per request.
	doc.flags[PROVISIONED_FLAG] = True
	run_isolated(doc, _provision_onboarding, doc)


def cancel_onboarding_assignments(doc, method=None):
	"""After an Employee Onboarding is cancelled: cancel the open assignments it created."""
	run_isolated(
		doc,
		cancel_open_assignments,
		doc,
		{"employee_onboarding": doc.name},
		_("Employee Onboarding {0} was cancelled.").format(doc.name),
	)


# Provisioning


def _grant_lms_student_role_to_employee_user(employee):
	learner, reason = get_provisionable_learner(employee.user_id, employee=employee.name)
	if not learner:
		add_timeline_note(employee, reason)
		return

	ensure_lms_student_role(learner)


def _provision_employee(employee):
	learner, reason = get_provisionable_learner(employee.user_id, employee=employee.name)
	if not learner:
		add_timeline_note(employee, reason)
		return

	ensure_lms_student_role(learner)

	previous = employee.get_doc_before_save()
	if previous and previous.user_id and previous.user_id != learner:
		move_open_assignments(employee, previous.user_id, learner)

	# HRMS writes the employee into an onboarding submitted before the Employee existed,
	# without running the onboarding's own events, so the Employee side looks for it.
	onboarding = frappe.get_all(
		"Employee Onboarding",
		filters={"employee": employee.name, "docstatus": ("<", 2), "boarding_status": ("!=", "Completed")},
		fields=["name", "date_of_joining"],
		order_by="creation desc",
		limit=1,
	)
	if onboarding:
		assign_mandatory_courses(
			hr_doc=employee,
			employee=employee,
			learner=learner,
			date_of_joining=onboarding[0].date_of_joining,
			employee_onboarding=onboarding[0].name,
		)


def _cancel_assignments_of_inactive_employee(employee):
	cancel_open_assignments(
		employee,
		{"employee_record": employee.name},
		_("Employee status changed to {0}.").format(_(employee.status)),
	)


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
		"Employee", onboarding.employee, ["name", "employee_name", "user_id", "status"], as_dict=True
	)
	if not employee:
		add_timeline_note(
			onboarding,
			_("No mandatory training was assigned: Employee {0} does not exist.").format(
				frappe.bold(onboarding.employee)
			),
		)
		return

	if employee.status != "Active":
		add_timeline_note(
			onboarding,
			_("No mandatory training was assigned: Employee {0} is {1}.").format(
				frappe.bold(employee.name), _(employee.status)
			),
		)
		return

	learner, reason = get_provisionable_learner(employee.user_id, employee=employee.name)
	if not learner:
		add_timeline_note(onboarding, reason)
		return

	ensure_lms_student_role(learner)
	assign_mandatory_courses(
		hr_doc=onboarding,
		employee=employee,
		learner=learner,
		date_of_joining=onboarding.date_of_joining,
		employee_onboarding=onboarding.name,
	)


def assign_mandatory_courses(hr_doc, employee, learner: str, date_of_joining, employee_onboarding: str):
	courses = get_published_mandatory_courses()
	if not courses:
		add_timeline_note(
			hr_doc,
			_(
				"No mandatory training was assigned: there are no published courses marked Is Mandatory. "
				"Publish the courses with Is Mandatory checked, then save this document again."
			),
		)
		return

	assign_courses(
		hr_doc=hr_doc,
		employee=employee,
		learner=learner,
		courses=courses,
		due_date=get_due_date(date_of_joining),
		source="Onboarding",
		employee_onboarding=employee_onboarding,
	)


def get_provisionable_learner(user_id: str | None, employee: str | None = None) -> tuple[str | None, str]:
	"""Return (user, "") when the user may be given LMS access, else (None, the reason for HR)."""
	if not user_id:
		return None, _(
			"No training was assigned: Employee {0} has no User ID. "
			"Link the employee's user on the Employee and save it again."
		).format(frappe.bold(employee))

	if user_id in STANDARD_USERS:
		return None, _("No training was assigned: {0} is a built-in user and never gets LMS access.").format(
			frappe.bold(user_id)
		)

	enabled = frappe.db.get_value("User", user_id, "enabled")
	if enabled is None:
		return None, _("No training was assigned: User {0} does not exist.").format(frappe.bold(user_id))

	if not enabled:
		return None, _("No training was assigned: User {0} is disabled.").format(frappe.bold(user_id))

	return user_id, ""


def ensure_lms_student_role(user: str) -> bool:
	"""Give the user the LMS Student role unless they have it; return True when it was added."""
	if LMS_STUDENT_ROLE in frappe.get_roles(user):
		return False

	user_doc = frappe.get_doc("User", user)
	user_doc.append_roles(LMS_STUDENT_ROLE)
	# HR users hold no permission on User; the grant is the app's job, not theirs.
	user_doc.save(ignore_permissions=True)
	return True


def get_published_mandatory_courses() -> list[frappe._dict]:
	return frappe.get_all(
		"LMS Course",
		filters={"published": 1, "is_mandatory": 1},
		fields=["name", "title"],
		order_by="title asc",
	)


def get_due_date(date_of_joining=None, days: int = DEFAULT_DAYS_UNTIL_DUE):
	"""Due a number of days after today, or after joining when that is later: nobody is overdue before day one."""
	start = getdate(today())
	if date_of_joining and getdate(date_of_joining) > start:
		start = getdate(date_of_joining)
	return add_days(start, days)


def assign_courses(
	hr_doc,
	employee,
	learner: str,
	courses: list,
	due_date,
	source: str,
	employee_onboarding: str | None = None,
) -> dict:
	"""Enroll the learner in each course and open one assignment per course, skipping what exists.

	Reads are a fixed number of queries whatever the number of courses; each course is then
	written under its own savepoint so one failing course leaves the others in place.
	"""
	course_names = [course.name for course in courses]
	enrollments = get_enrollments_by_course(learner, course_names)
	already_assigned = {
		row.course
		for row in frappe.get_all(
			"LMS Training Assignment",
			filters={"employee": learner, "course": ("in", course_names)},
			fields=["course", "status", "employee_onboarding"],
		)
		# A cancellation stands: the same onboarding does not reopen what was cancelled (a leaver
		# who returns), while any other assignment of the course may be made again.
		if row.status != "Cancelled"
		or (employee_onboarding and row.employee_onboarding == employee_onboarding)
	}

	summary = {"created": [], "skipped": [], "failed": []}
	for course in courses:
		if course.name in already_assigned:
			summary["skipped"].append(course.name)
			continue

		created = run_isolated(
			hr_doc,
			_enroll_and_assign,
			employee,
			learner,
			course.name,
			enrollments.get(course.name),
			due_date,
			source,
			employee_onboarding,
			learner=learner,
			course=course.name,
		)
		summary["created" if created else "failed"].append(course.name)

	return summary


def get_enrollments_by_course(learner: str, courses: list[str]) -> dict:
	return {
		row.course: row
		for row in frappe.get_all(
			"LMS Enrollment",
			filters={"member": learner, "course": ("in", courses)},
			fields=["name", "course", "progress"],
		)
	}


def _enroll_and_assign(employee, learner, course, enrollment, due_date, source, employee_onboarding):
	if not enrollment:
		enrollment = enroll_learner(learner, course)

	progress = flt(enrollment.progress)
	assignment = frappe.get_doc(
		{
			"doctype": "LMS Training Assignment",
			"employee": learner,
			"employee_record": employee.name,
			"course": course,
			"enrollment": enrollment.name,
			"status": get_status_for_progress(progress),
			"progress": progress,
			"assigned_on": today(),
			"due_date": due_date,
			"source": source,
			"assigned_by": frappe.session.user,
			"employee_onboarding": employee_onboarding,
		}
	)
	# assign_courses has already read every open assignment of this learner in one query.
	assignment.flags.open_assignments_checked = True
	assignment.insert(ignore_permissions=True)
	return assignment


def enroll_learner(learner: str, course: str):
	"""Create the learner's LMS Enrollment the way LMS's own server code does."""
	enrollment = frappe.get_doc(
		{
			"doctype": "LMS Enrollment",
			"member": learner,
			"course": course,
			"member_type": "Student",
			"role": "Member",
		}
	)
	with acting_as_lms_staff():
		enrollment.insert(ignore_permissions=True)
	return enrollment


@contextmanager
def acting_as_lms_staff():
	"""Run as Administrator for the duration of the block.

	LMS Enrollment refuses restricted courses (self-learning disabled, unpublished, paid) unless the
	session user holds an LMS staff role, and it checks that in the controller, so ignoring
	permissions is not enough. Only session.user is switched: frappe.set_user would also wipe the
	request's form_dict and session data.
	"""
	session_user = frappe.session.user
	frappe.session.user = "Administrator"
	try:
		yield
	finally:
		frappe.session.user = session_user


def get_status_for_progress(progress: float) -> str:
	if progress >= 100:
		return "Completed"
	return "In Progress" if progress > 0 else "Assigned"


def move_open_assignments(hr_doc, previous_user: str, learner: str):
	"""HR corrected the Employee's user: open assignments follow the person to the new user.

	Completed and cancelled assignments, and everything the previous user did in LMS, stay as
	they are: they are that account's audit trail.
	"""
	moving = frappe.get_all(
		"LMS Training Assignment",
		filters={
			"employee": previous_user,
			"employee_record": hr_doc.name,
			"status": ("not in", CLOSED_STATUSES),
		},
		fields=["name", "course"],
	)
	if not moving:
		return

	courses = [row.course for row in moving]
	enrollments = get_enrollments_by_course(learner, courses)
	already_open = set(
		frappe.get_all(
			"LMS Training Assignment",
			filters={"employee": learner, "course": ("in", courses), "status": ("not in", CLOSED_STATUSES)},
			pluck="course",
		)
	)
	for row in moving:
		run_isolated(
			hr_doc,
			_move_assignment,
			row,
			learner,
			enrollments.get(row.course),
			row.course in already_open,
			learner=learner,
			course=row.course,
		)


def _move_assignment(row, learner: str, enrollment, learner_has_open_assignment: bool):
	if learner_has_open_assignment:
		_close_assignments(
			[row.name], _("{0} already has an open assignment for this course.").format(learner)
		)
		return

	if not enrollment:
		enrollment = enroll_learner(learner, row.course)

	progress = flt(enrollment.progress)
	frappe.db.set_value(
		"LMS Training Assignment",
		row.name,
		{
			"employee": learner,
			"enrollment": enrollment.name,
			"progress": progress,
			"status": get_status_for_progress(progress),
			"open_assignment_key": make_open_assignment_key(learner, row.course),
		},
	)


def cancel_open_assignments(hr_doc, filters: dict, reason: str) -> list[str]:
	"""Cancel the open assignments matching filters, in one read and one write, and say so on hr_doc."""
	names = frappe.get_all(
		"LMS Training Assignment",
		filters={**filters, "status": ("not in", CLOSED_STATUSES)},
		pluck="name",
	)
	if names:
		_close_assignments(names, reason)
		add_timeline_note(
			hr_doc,
			_("Cancelled {0} open training assignments. {1}").format(len(names), reason),
		)
	return names


def _close_assignments(names: list[str], reason: str):
	# Nothing is deleted: enrollments, quiz submissions and certificates stay for audit.
	frappe.db.set_value(
		"LMS Training Assignment",
		{"name": ("in", names)},
		{"status": "Cancelled", "cancellation_reason": reason, "open_assignment_key": None},
	)


# Failure isolation


def run_isolated(hr_doc, work: Callable, *args, learner: str | None = None, course: str | None = None):
	"""Run work under a savepoint; on failure undo only that work, log it, note it on hr_doc, return None."""
	savepoint = "smooth_hr_lms_" + frappe.generate_hash(length=10)
	message_log = frappe.local.message_log
	messages_before = len(message_log)
	frappe.db.savepoint(savepoint)
	try:
		return work(*args) or True
	except Exception as error:
		frappe.db.rollback(save_point=savepoint)
		# A swallowed frappe.throw must not reach HR as an error dialog on a save that succeeded.
		del message_log[messages_before:]
		report_provisioning_failure(hr_doc, error, learner=learner, course=course)
		return None


def report_provisioning_failure(hr_doc, error: Exception, learner: str | None, course: str | None):
	employee = hr_doc.name if hr_doc.doctype == "Employee" else hr_doc.get("employee")
	details = "\n".join(
		f"{label}: {value}"
		for label, value in (("Employee", employee), ("User", learner), ("Course", course))
		if value
	)
	frappe.log_error(
		title=_("LMS provisioning failed for {0}").format(learner or employee or hr_doc.name),
		message=f"{details}\n\n{frappe.get_traceback()}",
		reference_doctype=hr_doc.doctype,
		reference_name=hr_doc.name,
	)

	if course:
		note = _("Could not assign course {0} to {1}: {2}").format(
			frappe.bold(course), frappe.bold(learner), error
		)
	else:
		note = _("LMS provisioning failed for {0}: {1}").format(frappe.bold(learner or employee), error)
	add_timeline_note(
		hr_doc, note + " " + _("Details are in the Error Log. Fix the cause and save this document again.")
	)


def add_timeline_note(hr_doc, text: str):
	"""Comment on the HR document's timeline, once: saving again must not repeat the same note."""
	already_noted = frappe.db.exists(
		"Comment",
		{"reference_doctype": hr_doc.doctype, "reference_name": hr_doc.name, "content": text},
	)
	if not already_noted:
		hr_doc.add_comment("Comment", text=text)
