# Copyright (c) 2026, Smooth HR LMS contributors and contributors
# For license information, please see license.txt

"""Whitelisted methods for L&D (bulk assignment) and for managers and HR (team training status)."""

import json

import frappe
from frappe import _
from frappe.utils import cint, escape_html, getdate, today

from smooth_hr_lms.provisioning import (
	STANDARD_USERS,
	Learner,
	assign_courses,
	get_due_date,
	get_published_mandatory_courses,
	grant_lms_student_role_in_bulk,
	users_lacking_lms_student,
)
from smooth_hr_lms.smooth_hr_lms.doctype.lms_training_assignment.lms_training_assignment import (
	mark_overdue,
)
from smooth_hr_lms.smooth_hr_lms.doctype.smooth_hr_lms_settings.smooth_hr_lms_settings import get_settings
from smooth_hr_lms.training_rules import get_compliance

TRAINING_ASSIGNER_ROLES = ("Moderator", "System Manager")
TEAM_STATUS_HR_ROLES = ("HR Manager", "System Manager")
# Above this many learner × course pairs the work leaves the web request for a background worker.
INLINE_ASSIGNMENT_LIMIT = 200
MAX_DAYS_UNTIL_DUE = 3650
HR_TARGET_FIELDS = ("company", "department", "designation", "branch")


# assign_mandatory_training


@frappe.whitelist(methods=["POST"])
def assign_mandatory_training(
	employees: list[str] | str | None = None,
	users: list[str] | str | None = None,
	company: str | None = None,
	department: str | None = None,
	designation: str | None = None,
	branch: str | None = None,
	courses: list[str] | str | None = None,
	due_date: str | None = None,
	due_in_days: int | str | None = None,
) -> dict:
	"""Assign courses to many active employees at once; every published mandatory course by default.

	Targets are the union of the Employee IDs, the users and the employees matching the HR filters.
	Small runs answer with the summary; large ones are queued and answer with the job id.
	"""
	require_any_role(TRAINING_ASSIGNER_ROLES, _("Only Moderators and System Managers can assign training."))

	hr_filters = {
		fieldname: value
		for fieldname, value in zip(HR_TARGET_FIELDS, (company, department, designation, branch), strict=True)
		if value
	}
	employees, users = parse_name_list(employees, "employees"), parse_name_list(users, "users")
	courses = validate_courses(parse_name_list(courses, "courses"))
	due_date = resolve_due_date(due_date, due_in_days)
	targets, unmatched = resolve_targets(employees, users, hr_filters)

	if not targets and not unmatched:
		frappe.throw(_("No active employees match the given employees, users or filters."))

	learners, refused = split_learners(targets)
	refused += [
		{"employee": name, "user": None, "course": None, "reason": _("not an active employee")}
		for name in unmatched
	]
	if learners and get_settings().grant_lms_student_role:
		# The assignments are no use to someone the /lms portal keeps out.
		grant_lms_student_role_in_bulk(users_lacking_lms_student([learner.user for learner in learners]))

	if len(learners) * len(courses) > INLINE_ASSIGNMENT_LIMIT:
		job_id = "smooth_hr_lms-assign-training-" + frappe.generate_hash(length=10)
		frappe.enqueue(
			"smooth_hr_lms.api.run_bulk_assignment",
			queue="long",
			timeout=3600,
			job_id=job_id,
			enqueue_after_commit=True,
			learners=[(learner.employee, learner.user) for learner in learners],
			courses=courses,
			due_date=str(due_date),
			assigned_by=frappe.session.user,
			prior_failures=refused,
		)
		return {"queued": True, "job_id": job_id, "pairs": len(learners) * len(courses)}

	summary = assign_courses(learners, courses, due_date=due_date, source="Manual")
	summary.failed.extend(refused)
	return {"queued": False, **summary.as_dict()}


def run_bulk_assignment(learners, courses, due_date, assigned_by, prior_failures=()):
	"""Background job behind a large assign_mandatory_training: progress in the desk, summary at the end."""
	frappe.set_user(assigned_by)
	title = _("Assigning training")

	def publish_progress(done: int, total: int):
		# Every pair would flood the socket; a percent step is enough for the progress bar.
		if done == total or done % max(total // 100, 1) == 0:
			frappe.publish_progress(done * 100 / total, title=title, description=f"{done}/{total}")

	summary = assign_courses(
		[Learner(employee, user) for employee, user in learners],
		courses,
		due_date=getdate(due_date),
		source="Manual",
		on_progress=publish_progress,
	)
	summary.failed.extend(prior_failures)
	result = summary.as_dict()
	notify_assignment_summary(assigned_by, result)
	return result


def notify_assignment_summary(user: str, result: dict):
	subject = _("Training assignment finished: {0} created, {1} skipped, {2} failed").format(
		result["created"], result["skipped"], result["failed"]
	)
	failures = "".join(
		"<li>{}</li>".format(
			_("{0}, course {1}: {2}").format(row["employee"], row["course"] or "-", row["reason"])
		)
		for row in result["failures"]
	)
	frappe.get_doc(
		{
			"doctype": "Notification Log",
			"for_user": user,
			"type": "Alert",
			"document_type": "LMS Training Assignment",
			"subject": subject,
			"email_content": f"<ul>{failures}</ul>" if failures else subject,
		}
	).insert(ignore_permissions=True)


def parse_name_list(value, argument: str) -> list[str]:
	"""Accept a list or its JSON text (what the desk sends) and return the distinct non-empty names."""
	if value in (None, ""):
		return []
	if isinstance(value, str):
		try:
			value = json.loads(value) if value.lstrip().startswith("[") else [value]
		except ValueError:
			frappe.throw(_("{0} is not a valid JSON list.").format(frappe.bold(argument)))
	if not isinstance(value, list | tuple) or not all(isinstance(item, str) for item in value):
		frappe.throw(_("{0} must be a list of names.").format(frappe.bold(argument)))
	return list(dict.fromkeys(item.strip() for item in value if item and item.strip()))


def validate_courses(courses: list[str]) -> list[str]:
	"""The given courses, each existing and published, or every published mandatory course."""
	if not courses:
		mandatory = get_published_mandatory_courses()
		if not mandatory:
			frappe.throw(_("No course was given and there are no published courses marked Is Mandatory."))
		return mandatory

	published = {
		row.name: row.published
		for row in frappe.get_all(
			"LMS Course", filters={"name": ("in", courses)}, fields=["name", "published"]
		)
	}
	unknown = [course for course in courses if course not in published]
	if unknown:
		frappe.throw(_("Unknown courses: {0}").format(", ".join(escape_html(course) for course in unknown)))
	unpublished = [course for course in courses if not published[course]]
	if unpublished:
		frappe.throw(
			_("Publish these courses before assigning them: {0}").format(
				", ".join(escape_html(course) for course in unpublished)
			)
		)
	return courses


def resolve_due_date(due_date: str | None, due_in_days) -> object:
	if due_date:
		try:
			due = getdate(due_date)
		except Exception:
			due = None
		if not due:
			frappe.throw(_("Due Date {0} is not a date.").format(frappe.bold(escape_html(str(due_date)))))
		if due < getdate(today()):
			frappe.throw(_("Due Date {0} is in the past.").format(frappe.bold(due_date)))
		return due

	if due_in_days in (None, ""):
		return get_due_date()
	if not 0 < cint(due_in_days) <= MAX_DAYS_UNTIL_DUE:
		frappe.throw(_("Due in days must be a number of days from 1 to {0}.").format(MAX_DAYS_UNTIL_DUE))
	return get_due_date(days=cint(due_in_days))


def split_learners(targets: list) -> tuple[list[Learner], list[dict]]:
	"""Targets whose user may learn, and the others with the reason, reading their users in one query."""
	user_ids = [row.user_id for row in targets if row.user_id and row.user_id not in STANDARD_USERS]
	enabled = (
		{
			row.name: row.enabled
			for row in frappe.get_all("User", filters={"name": ("in", user_ids)}, fields=["name", "enabled"])
		}
		if user_ids
		else {}
	)

	learners, refused = [], []
	for row in targets:
		if not row.user_id:
			reason = _("employee has no User ID")
		elif row.user_id in STANDARD_USERS:
			reason = _("employee is linked to the built-in user {0}").format(row.user_id)
		elif row.user_id not in enabled:
			reason = _("user {0} does not exist").format(row.user_id)
		elif not enabled[row.user_id]:
			reason = _("user {0} is disabled").format(row.user_id)
		else:
			learners.append(Learner(row.name, row.user_id))
			continue
		refused.append({"employee": row.name, "user": row.user_id, "course": None, "reason": reason})
	return learners, refused


def resolve_targets(employees: list[str], users: list[str], hr_filters: dict) -> tuple[list, list[str]]:
	"""Active employees named by ID, by user or by HR filters, and the IDs and users that matched none."""
	fields = ["name", "user_id"]
	found = {}
	if employees:
		for row in frappe.get_all(
			"Employee", filters={"name": ("in", employees), "status": "Active"}, fields=fields
		):
			found[row.name] = row
	if users:
		for row in frappe.get_all(
			"Employee", filters={"user_id": ("in", users), "status": "Active"}, fields=fields
		):
			found[row.name] = row
	if hr_filters:
		for row in frappe.get_all("Employee", filters={**hr_filters, "status": "Active"}, fields=fields):
			found[row.name] = row

	matched_users = {row.user_id for row in found.values()}
	unmatched = [name for name in employees if name not in found]
	unmatched += [user for user in users if user not in matched_users]
	return list(found.values()), unmatched


# get_team_training_status


@frappe.whitelist(methods=["GET", "POST"])
def get_team_training_status(manager: str | None = None, include_indirect: bool | int | str = False) -> dict:
	"""Training of everyone reporting to a manager, directly or at any depth, with team totals."""
	manager = authorize_team_view(manager)
	include_indirect = is_truthy(include_indirect)
	team = get_team(manager, include_indirect=include_indirect)

	users = [member.user_id for member in team if member.user_id]
	assignments = (
		frappe.get_all(
			"LMS Training Assignment",
			filters={"employee": ("in", users), "status": ("!=", "Cancelled")},
			fields=[
				"name",
				"employee",
				"course",
				"course_title",
				"status",
				"progress",
				"due_date",
				"completion_date",
				"training_rule",
			],
			order_by="due_date asc",
		)
		if users
		else []
	)

	by_user = {}
	for row in mark_overdue(assignments):
		by_user.setdefault(row.employee, []).append(row)

	compliance = get_compliance(assignments, get_recurrence_by_rule(assignments))
	for row in assignments:
		row["compliance"] = compliance.get((row.employee, row.course))

	members = [
		{
			"employee": member.name,
			"employee_name": member.employee_name,
			"user": member.user_id,
			"reports_to": member.reports_to,
			"assignments": by_user.get(member.user_id, []),
		}
		for member in team
	]
	return {
		"manager": manager,
		"include_indirect": include_indirect,
		"team": members,
		"totals": summarize(assignments),
	}


def get_recurrence_by_rule(assignments: list) -> dict:
	rules = list({row.training_rule for row in assignments if row.training_rule})
	if not rules:
		return {}
	return {
		row.name: row.recurrence_months
		for row in frappe.get_all(
			"LMS Training Rule", filters={"name": ("in", rules)}, fields=["name", "recurrence_months"]
		)
	}


def authorize_team_view(manager: str | None) -> str:
	"""The manager whose team the caller may see; HR sees any team, a manager only their own."""
	user = frappe.session.user
	is_hr = user == "Administrator" or bool(set(TEAM_STATUS_HR_ROLES) & set(frappe.get_roles(user)))
	own_employee = frappe.db.get_value("Employee", {"user_id": user, "status": "Active"}, "name")

	if is_hr:
		if manager and not frappe.db.exists("Employee", manager):
			frappe.throw(
				_("Employee {0} does not exist.").format(frappe.bold(escape_html(manager))),
				frappe.DoesNotExistError,
			)
		if not (manager or own_employee):
			frappe.throw(_("Name the manager whose team you want to see."))
		return manager or own_employee

	if not own_employee:
		raise_not_permitted(_("Only managers and HR can see team training status."))
	if manager and manager != own_employee:
		raise_not_permitted(_("You can only see the training status of your own team."))
	if not frappe.db.exists("Employee", {"reports_to": own_employee}):
		raise_not_permitted(_("Only managers and HR can see team training status."))
	return own_employee


def get_team(manager: str, include_indirect: bool) -> list:
	"""Employees reporting to manager; at any depth through the nested set when asked, never looping."""
	fields = ["name", "employee_name", "user_id", "reports_to", "lft", "rgt"]
	if not include_indirect:
		return frappe.get_all(
			"Employee",
			filters={"reports_to": manager, "status": "Active"},
			fields=fields,
			order_by="employee_name asc",
		)

	bounds = frappe.db.get_value("Employee", manager, ["lft", "rgt"], as_dict=True)
	if bounds and cint(bounds.lft) and cint(bounds.rgt) > cint(bounds.lft) + 1:
		team = frappe.get_all(
			"Employee",
			filters={"lft": (">", bounds.lft), "rgt": ("<", bounds.rgt), "status": "Active"},
			fields=fields,
			order_by="employee_name asc",
		)
		if team:
			return team

	return walk_reports_to(manager, fields)


def walk_reports_to(manager: str, fields: list[str]) -> list:
	"""Breadth-first over reports_to, one query per level, for a tree whose lft/rgt are not maintained.

	The visited set ends a reports_to loop instead of following it forever.
	"""
	visited = {manager}
	team = []
	level = [manager]
	while level:
		rows = frappe.get_all(
			"Employee", filters={"reports_to": ("in", level), "status": "Active"}, fields=fields
		)
		level = [row.name for row in rows if row.name not in visited]
		visited.update(level)
		team.extend(row for row in rows if row.name in level)
	return sorted(team, key=lambda row: row.employee_name or row.name)


def summarize(assignments: list) -> dict:
	total = len(assignments)
	completed = sum(row.status == "Completed" for row in assignments)
	return {
		"assigned": total,
		"completed": completed,
		"in_progress": sum(row.status == "In Progress" and not row.is_overdue for row in assignments),
		"overdue": sum(row.is_overdue for row in assignments),
		"completion_rate": round(completed * 100 / total, 1) if total else 0.0,
	}


# Shared checks


def is_truthy(value) -> bool:
	"""A flag as the desk sends it: 1, "1", "true", "yes" or "on" (any case) mean yes."""
	if isinstance(value, str):
		return value.strip().lower() in ("1", "true", "yes", "on")
	return bool(value)


def require_any_role(roles, message: str):
	# Not frappe.only_for: on v15 it lets everyone through while tests run.
	if frappe.session.user != "Administrator" and not set(roles) & set(frappe.get_roles()):
		raise_not_permitted(message)


def raise_not_permitted(message: str):
	frappe.throw(message, frappe.PermissionError, title=_("Not Permitted"))
