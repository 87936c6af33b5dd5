# Copyright (c) 2026, Smooth HR LMS contributors and contributors
# For license information, please see license.txt

"""Emails to learners and managers, rendered from Email Templates the admin can edit."""

import frappe
from frappe import _
from frappe.utils import add_days, get_url, getdate, today

from smooth_hr_lms.smooth_hr_lms.doctype.smooth_hr_lms_settings.smooth_hr_lms_settings import get_settings

WELCOME_TEMPLATE = "Smooth HR LMS Welcome"
REMINDER_TEMPLATE = "Smooth HR LMS Reminder"
MANAGER_TEMPLATE = "Smooth HR LMS Manager Overdue"
OPEN_STATUSES = ("Assigned", "In Progress", "Overdue")


def course_url(course: str) -> str:
	return get_url(f"/lms/courses/{course}")


def send_from_template(template: str, recipient: str, context: dict):
	email = frappe.get_doc("Email Template", template).get_formatted_email(context)
	frappe.sendmail(
		recipients=[recipient],
		subject=email["subject"],
		message=email["message"],
		reference_doctype="LMS Training Assignment",
		reference_name=context["items"][0]["name"] if context.get("items") else None,
	)


def base_context(settings) -> dict:
	return {"portal_url": get_url("/lms"), "learning_contact": settings.learning_contact_email}


# Welcome


def send_welcome_email(learner: str, assignment_names: list[str]):
	"""One email when a hire's first assignments are made: where to learn, how to sign in, what is due."""
	settings = get_settings()
	if not settings.send_welcome_email or not assignment_names:
		return

	items = frappe.get_all(
		"LMS Training Assignment",
		filters={"name": ("in", assignment_names)},
		fields=["name", "course", "course_title", "due_date"],
		order_by="due_date asc",
	)
	for item in items:
		item["url"] = course_url(item.course)
	context = {
		**base_context(settings),
		"learner_name": frappe.db.get_value("User", learner, "full_name") or learner,
		"items": items,
	}
	send_from_template(settings.welcome_email_template or WELCOME_TEMPLATE, learner, context)


# Daily reminders


def send_training_reminders():
	"""Daily: one digest per learner (due soon or overdue) and per manager (their team's overdue items).

	Each assignment carries the date it was last put in a digest, so a second run on the same day
	sends nothing again.
	"""
	settings = get_settings()
	current_day = getdate(today())
	remind_until = add_days(current_day, settings.reminder_days_before_due or 0)
	rows = frappe.get_all(
		"LMS Training Assignment",
		filters=[
			["status", "in", OPEN_STATUSES],
			["due_date", "is", "set"],
			["due_date", "<=", remind_until],
		],
		fields=[
			"name",
			"employee",
			"employee_record",
			"employee_name",
			"course",
			"course_title",
			"due_date",
			"last_reminder_date",
			"manager_notified_date",
		],
		order_by="due_date asc",
	)
	for row in rows:
		row["url"] = course_url(row.course)
		row["is_overdue"] = getdate(row.due_date) < current_day

	due_soon_counts = bool(settings.reminder_days_before_due)
	learner_items = {}
	for row in rows:
		if not sent_on(row.last_reminder_date, current_day) and (row.is_overdue or due_soon_counts):
			learner_items.setdefault(row.employee, []).append(row)

	sent = send_digests(
		settings.reminder_email_template or REMINDER_TEMPLATE,
		{
			learner: {
				**base_context(settings),
				"learner_name": items[0].employee_name or learner,
				"items": items,
			}
			for learner, items in learner_items.items()
		},
	)
	mark_sent({learner: learner_items[learner] for learner in sent}, "last_reminder_date")

	if settings.notify_manager_on_overdue:
		overdue = [
			row
			for row in rows
			if row.is_overdue and row.employee_record and not sent_on(row.manager_notified_date, current_day)
		]
		manager_items = group_by_manager(overdue)
		sent = send_digests(
			settings.manager_email_template or MANAGER_TEMPLATE,
			{manager: {**base_context(settings), "items": items} for manager, items in manager_items.items()},
		)
		mark_sent({manager: manager_items[manager] for manager in sent}, "manager_notified_date")


def send_digests(template: str, context_by_recipient: dict) -> list[str]:
	"""Queue one mail per recipient, each on its own: a template that fails for one person is logged
	and the others still get theirs. Returns the recipients whose mail was queued."""
	from smooth_hr_lms.provisioning import run_isolated

	sent = []
	for recipient, context in context_by_recipient.items():
		succeeded, _outcome = run_isolated(
			send_from_template, template, recipient, context, learner=recipient
		)
		if succeeded:
			sent.append(recipient)
	return sent


def sent_on(sent_date, day) -> bool:
	return bool(sent_date) and getdate(sent_date) == day


def group_by_manager(rows: list) -> dict:
	"""Overdue rows by the user of each learner's reports_to manager, in two queries."""
	if not rows:
		return {}
	reports_to = dict(
		(row.name, row.reports_to)
		for row in frappe.get_all(
			"Employee",
			filters={"name": ("in", list({row.employee_record for row in rows}))},
			fields=["name", "reports_to"],
		)
	)
	manager_users = dict(
		(row.name, row.user_id)
		for row in frappe.get_all(
			"Employee",
			filters={"name": ("in", [m for m in set(reports_to.values()) if m]), "user_id": ("is", "set")},
			fields=["name", "user_id"],
		)
	)
	grouped = {}
	for row in rows:
		manager_user = manager_users.get(reports_to.get(row.employee_record))
		if manager_user:
			grouped.setdefault(manager_user, []).append(row)
	return grouped


def mark_sent(items_by_recipient: dict, fieldname: str):
	names = [row.name for items in items_by_recipient.values() for row in items]
	if names:
		frappe.db.set_value(
			"LMS Training Assignment", {"name": ("in", names)}, fieldname, today(), update_modified=False
		)


# Templates


def get_default_email_templates() -> list[dict]:
	"""The app's Email Templates; created when missing, never overwritten once an admin edits them."""
	course_list = (
		'<ul>{% for item in items %}<li><a href="{{ item.url }}">{{ item.course_title or item.course }}</a>'
		" &middot; {{ _('due') }} {{ frappe.utils.formatdate(item.due_date) }}"
		"{% if item.is_overdue %} &middot; <b>{{ _('overdue') }}</b>{% endif %}</li>{% endfor %}</ul>"
	)
	contact = (
		"{% if learning_contact %}<p>{{ _('Questions about your training?') }} "
		'<a href="mailto:{{ learning_contact }}">{{ learning_contact }}</a></p>{% endif %}'
	)
	return [
		{
			"name": WELCOME_TEMPLATE,
			"subject": _("Your training is ready"),
			"response_html": (
				"<p>{{ _('Hello') }} {{ learner_name }},</p>"
				"<p>{{ _('Your learning portal is') }} <a href=\"{{ portal_url }}\">{{ portal_url }}</a>. "
				"{{ _('Sign in with the same account you use for the HR portal.') }}</p>"
				"<p>{{ _('Your courses:') }}</p>" + course_list + contact
			),
		},
		{
			"name": REMINDER_TEMPLATE,
			"subject": _("Training due soon or overdue"),
			"response_html": (
				"<p>{{ _('Hello') }} {{ learner_name }},</p>"
				"<p>{{ _('These courses are due soon or overdue:') }}</p>" + course_list + contact
			),
		},
		{
			"name": MANAGER_TEMPLATE,
			"subject": _("Overdue training in your team"),
			"response_html": (
				"<p>{{ _('These team members have overdue training:') }}</p>"
				"<ul>{% for item in items %}<li>{{ item.employee_name or item.employee }}: "
				"<a href=\"{{ item.url }}\">{{ item.course_title or item.course }}</a>, {{ _('due') }} "
				"{{ frappe.utils.formatdate(item.due_date) }}</li>{% endfor %}</ul>" + contact
			),
		},
	]


def create_default_email_templates():
	for template in get_default_email_templates():
		if not frappe.db.exists("Email Template", template["name"]):
			frappe.get_doc({"doctype": "Email Template", "use_html": 1, **template}).insert(
				ignore_permissions=True
			)
