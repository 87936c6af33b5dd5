# Copyright (c) 2026, Smooth HR LMS contributors and contributors
# For license information, please see license.txt

"""Provisioning shared by the HR event handlers and the L&D APIs: LMS access, enrollments, assignments.

Nothing here may make HR's save fail. Each unit of work runs under its own savepoint; a failure
is rolled back to it, written to the Error Log and, when an HR document is being saved, noted on
its timeline so HR can fix the cause and save again to retry.
"""

from collections.abc import Callable
from contextlib import contextmanager
from dataclasses import dataclass, field

import frappe
from frappe import _
from frappe.utils import add_days, add_months, flt, getdate, now, today

from smooth_hr_lms.smooth_hr_lms.doctype.lms_training_assignment.lms_training_assignment import (
	CLOSED_STATUSES,
	make_open_assignment_key,
)
from smooth_hr_lms.smooth_hr_lms.doctype.smooth_hr_lms_settings.smooth_hr_lms_settings import get_settings

LMS_STUDENT_ROLE = "LMS Student"
STANDARD_USERS = ("Administrator", "Guest")
ROLE_GRANT_BATCH_SIZE = 500


@dataclass(frozen=True)
class Learner:
	employee: str
	user: str


@dataclass(frozen=True)
class PlannedAssignment:
	learner: Learner
	course: str
	due_date: object
	training_rule: str | None = None
	recurrence_months: int = 0


@dataclass
class AssignmentSummary:
	"""What a run of assign_courses did, pair by pair, for a person and for a script."""

	created: list[dict] = field(default_factory=list)
	skipped: list[dict] = field(default_factory=list)
	failed: list[dict] = field(default_factory=list)

	def as_dict(self) -> dict:
		return {
			"created": len(self.created),
			"skipped": len(self.skipped),
			"failed": len(self.failed),
			"created_assignments": self.created,
			"skipped_assignments": self.skipped,
			"failures": self.failed,
		}


# Who may learn


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


def grant_lms_student_role_in_bulk(users: list[str]) -> int:
	"""Add LMS Student to users lacking it, one insert per batch rather than one User save each.

	Saving every User would run every app's User hooks per user; a Has Role row is all the grant
	is, and LMS Student carries no desk access, so the users' type does not change.
	"""
	users = [user for user in dict.fromkeys(users) if user and user not in STANDARD_USERS]
	if not users:
		return 0

	timestamp = now()
	fields = ["name", "parent", "parenttype", "parentfield", "role", "idx", "owner", "modified_by"]
	fields += ["creation", "modified", "docstatus"]
	rows = [
		(frappe.generate_hash(length=10), user, "User", "roles", LMS_STUDENT_ROLE, 0, "Administrator")
		+ ("Administrator", timestamp, timestamp, 0)
		for user in users
	]
	frappe.db.bulk_insert("Has Role", fields, rows, chunk_size=ROLE_GRANT_BATCH_SIZE)
	for user in users:
		frappe.clear_cache(user=user)
	return len(users)


def users_lacking_lms_student(users: list[str]) -> list[str]:
	if not users:
		return []
	with_role = set(
		frappe.get_all(
			"Has Role",
			filters={"parenttype": "User", "parent": ("in", users), "role": LMS_STUDENT_ROLE},
			pluck="parent",
		)
	)
	return [user for user in users if user not in with_role]


# What to learn and by when


def get_published_mandatory_courses() -> list[str]:
	return frappe.get_all(
		"LMS Course",
		filters={"published": 1, "is_mandatory": 1},
		order_by="title asc",
		pluck="name",
	)


def get_due_date(date_of_joining=None, days: int | None = None):
	"""Due a number of days after today, or after joining when that is later: nobody is overdue before day one."""
	if days is None:
		days = get_days_until_due()
	start = getdate(today())
	if date_of_joining and getdate(date_of_joining) > start:
		start = getdate(date_of_joining)
	return add_days(start, days)


def get_days_until_due() -> int:
	return get_settings().days_until_due or 0


def get_status_for_progress(progress: float) -> str:
	if progress >= 100:
		return "Completed"
	return "In Progress" if progress > 0 else "Assigned"


# Enrolling and assigning


def assign_courses(
	learners: list[Learner],
	courses: list[str],
	due_date,
	source: str,
	employee_onboarding: str | None = None,
	hr_doc=None,
	on_progress: Callable[[int, int], None] | None = None,
) -> AssignmentSummary:
	"""Enroll each learner in each course and open one assignment per pair, skipping what exists."""
	plan = [PlannedAssignment(learner, course, due_date) for learner in learners for course in courses]
	return assign_planned(plan, source, employee_onboarding, hr_doc, on_progress)


def assign_planned(
	plan: list[PlannedAssignment],
	source: str,
	employee_onboarding: str | None = None,
	hr_doc=None,
	on_progress: Callable[[int, int], None] | None = None,
) -> AssignmentSummary:
	"""Make each planned assignment (enrolling the learner first) unless one already stands.

	Reads are a fixed number of queries whatever the size of the plan; each assignment is then
	written under its own savepoint, so one failing pair leaves the others in place.
	"""
	learners = list(dict.fromkeys(item.learner for item in plan))
	courses = list(dict.fromkeys(item.course for item in plan))
	summary = AssignmentSummary()
	if not plan:
		return summary

	enrollments = get_enrollments([learner.user for learner in learners], courses)
	existing = get_existing_assignments(learners, courses)

	for done, item in enumerate(plan, start=1):
		learner, course = item.learner, item.course
		pair = {"employee": learner.employee, "user": learner.user, "course": course}
		rows = existing.get((learner.user, course), ())
		reason = get_standing_reason(rows, employee_onboarding, item)
		if reason:
			summary.skipped.append({**pair, "reason": reason})
		else:
			succeeded, outcome = run_isolated(
				_enroll_and_assign,
				item,
				enrollments.get((learner.user, course)),
				source,
				employee_onboarding,
				get_lapsed_completion(rows),
				hr_doc=hr_doc,
				employee=learner.employee,
				learner=learner.user,
				course=course,
			)
			if succeeded:
				summary.created.append({**pair, "assignment": outcome.name})
			else:
				summary.failed.append({**pair, "reason": outcome})

		if on_progress:
			on_progress(done, len(plan))

	return summary


def get_enrollments(users: list[str], courses: list[str]) -> dict:
	"""LMS Enrollments of these users in these courses, by (user, course), in one query."""
	return {
		(row.member, row.course): row
		for row in frappe.get_all(
			"LMS Enrollment",
			filters={"member": ("in", users), "course": ("in", courses)},
			fields=["name", "member", "course", "progress"],
		)
	}


def get_existing_assignments(learners: list[Learner], courses: list[str]) -> dict:
	"""Assignments of these learners in these courses by (user, course), in one query.

	They are matched by user and by Employee, so training completed under a user that HR later
	corrected still counts for the person.
	"""
	by_user = {learner.user: learner for learner in learners}
	by_employee = {learner.employee: learner for learner in learners}
	existing = {}
	for row in frappe.get_all(
		"LMS Training Assignment",
		filters={"course": ("in", courses)},
		or_filters={"employee": ("in", list(by_user)), "employee_record": ("in", list(by_employee))},
		fields=[
			"name",
			"employee",
			"employee_record",
			"course",
			"status",
			"employee_onboarding",
			"completion_date",
		],
	):
		learner = by_user.get(row.employee) or by_employee.get(row.employee_record)
		existing.setdefault((learner.user, row.course), []).append(row)
	return existing


def get_standing_reason(rows, employee_onboarding, item: PlannedAssignment) -> str | None:
	"""Why the planned assignment must not be made again, or None when it may be.

	A completion stands until its recurrence period lapses. A cancellation stands for the
	onboarding that made it (a leaver who returns is not re-enrolled by it); anything else may
	assign the course again.
	"""
	statuses = {row.status for row in rows}
	for row in rows:
		if row.status == "Completed" and not has_lapsed(row.completion_date, item.recurrence_months):
			return _("already completed")
	if statuses - set(CLOSED_STATUSES):
		return _("already assigned")
	if employee_onboarding and any(
		row.status == "Cancelled" and row.employee_onboarding == employee_onboarding for row in rows
	):
		return _("cancelled for this onboarding")
	return None


def get_lapsed_completion(rows) -> str | None:
	"""The latest completed assignment of a course being assigned again, which the new one renews."""
	completed = [row for row in rows if row.status == "Completed"]
	if not completed:
		return None
	return max(completed, key=lambda row: getdate(row.completion_date or "1900-01-01")).name


def has_lapsed(completion_date, recurrence_months: int) -> bool:
	"""A completion lapses recurrence_months after it; without recurrence it never does."""
	if not recurrence_months or not completion_date:
		return False
	return getdate(add_months(completion_date, recurrence_months)) <= getdate(today())


def _enroll_and_assign(item: PlannedAssignment, enrollment, source, employee_onboarding, renews=None):
	learner, course = item.learner, item.course
	if not enrollment:
		enrollment = enroll_learner(learner.user, course)

	# A renewal starts from nothing: the enrollment's 100% is the earlier pass's, not this one's.
	progress = 0 if renews else flt(enrollment.progress)
	assignment = frappe.get_doc(
		{
			"doctype": "LMS Training Assignment",
			"employee": learner.user,
			"employee_record": learner.employee,
			"course": course,
			"enrollment": enrollment.name,
			"status": get_status_for_progress(progress),
			"progress": progress,
			"assigned_on": today(),
			"due_date": item.due_date,
			"source": source,
			"assigned_by": frappe.session.user,
			"employee_onboarding": employee_onboarding,
			"training_rule": item.training_rule,
			"previous_assignment": renews,
		}
	)
	# assign_planned has already read every open assignment of these learners in one query.
	assignment.flags.open_assignments_checked = True
	assignment.insert(ignore_permissions=True)
	return assignment


def enroll_learner(user: str, course: str):
	"""Create the learner's LMS Enrollment the way LMS's own server code does."""
	enrollment = frappe.get_doc(
		{
			"doctype": "LMS Enrollment",
			"member": user,
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


# Moving and closing


def move_open_assignments(hr_doc, learner: str):
	"""Open assignments of this Employee held by another user move to the Employee's user now.

	HR corrected the Employee's user. Completed and cancelled assignments, and everything the
	other account did in LMS, stay as they are: they are that account's audit trail.
	"""
	moving = frappe.get_all(
		"LMS Training Assignment",
		filters={
			"employee_record": hr_doc.name,
			"employee": ("!=", learner),
			"status": ("not in", CLOSED_STATUSES),
		},
		fields=["name", "course"],
	)
	if not moving:
		return

	courses = [row.course for row in moving]
	enrollments = get_enrollments([learner], courses)
	already_open = set(
		frappe.get_all(
			"LMS Training Assignment",
			filters={"employee": learner, "course": ("in", courses), "status": ("not in", CLOSED_STATUSES)},
			pluck="course",
		)
	)
	for row in moving:
		succeeded, _outcome = run_isolated(
			_move_assignment,
			row,
			learner,
			enrollments.get((learner, row.course)),
			row.course in already_open,
			hr_doc=hr_doc,
			employee=hr_doc.name,
			learner=learner,
			course=row.course,
		)
		# A second row of the same course moves no more: the first one holds its place now.
		if succeeded:
			already_open.add(row.course)


def _move_assignment(row, learner: str, enrollment, learner_has_open_assignment: bool):
	if learner_has_open_assignment:
		close_assignments(
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
		close_assignments(names, reason)
		add_timeline_note(
			hr_doc,
			_("Cancelled {0} open training assignments. {1}").format(len(names), reason),
		)
	return names


def close_assignments(names: list[str], reason: str):
	# Nothing is deleted: enrollments, quiz submissions and certificates stay for audit.
	frappe.db.set_value(
		"LMS Training Assignment",
		{"name": ("in", names)},
		{"status": "Cancelled", "cancellation_reason": reason, "open_assignment_key": None},
	)


# Failure isolation


def run_isolated(
	work: Callable,
	*args,
	hr_doc=None,
	employee: str | None = None,
	learner: str | None = None,
	course: str | None = None,
) -> tuple[bool, object]:
	"""Run work under a savepoint: (True, its result), or on failure undo only that work and (False, why).

	A failure is written to the Error Log naming employee, user and course, and noted on hr_doc.
	"""
	savepoint = "smooth_hr_lms_" + frappe.generate_hash(length=10)
	message_log = frappe.local.message_log
	messages_before = len(message_log)
	frappe.db.savepoint(savepoint)
	try:
		return True, work(*args)
	except Exception as error:
		frappe.db.rollback(save_point=savepoint)
		# A swallowed frappe.throw must not reach HR as an error dialog on a save that succeeded.
		del message_log[messages_before:]
		reason = str(error) or error.__class__.__name__
		report_provisioning_failure(reason, hr_doc=hr_doc, employee=employee, learner=learner, course=course)
		return False, reason


def report_provisioning_failure(
	reason: str,
	hr_doc=None,
	employee: str | None = None,
	learner: str | None = None,
	course: str | None = None,
):
	details = "\n".join(
		f"{label}: {value}"
		for label, value in (("Employee", employee), ("User", learner), ("Course", course))
		if value
	)
	reference_doctype, reference_name = (hr_doc.doctype, hr_doc.name) if hr_doc else ("Employee", employee)
	frappe.log_error(
		title=_("LMS provisioning failed for {0}").format(learner or employee or reference_name),
		message=f"{details}\n\n{frappe.get_traceback()}",
		reference_doctype=reference_doctype,
		reference_name=reference_name,
	)
	if not hr_doc:
		return

	if course:
		note = _("Could not assign course {0} to {1}: {2}").format(
			frappe.bold(course), frappe.bold(learner), reason
		)
	else:
		note = _("LMS provisioning failed for {0}: {1}").format(frappe.bold(learner or employee), reason)
	try:
		add_timeline_note(
			hr_doc,
			note + " " + _("Details are in the Error Log. Fix the cause and save this document again."),
		)
	except Exception:
		# The Error Log above already holds the failure; a timeline that refuses it must not fail HR's save.
		frappe.logger("smooth_hr_lms").exception(
			"Could not note an LMS provisioning failure on %s", hr_doc.name
		)


def add_timeline_note(hr_doc, text: str):
	"""Comment on the HR document's timeline, once: saving again must not repeat the same note."""
	already_noted = frappe.db.exists(
		"Comment",
		{"reference_doctype": hr_doc.doctype, "reference_name": hr_doc.name, "content": text},
	)
	if not already_noted:
		hr_doc.add_comment("Comment", text=text)
