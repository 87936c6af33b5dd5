# Copyright (c) 2026, Smooth HR LMS contributors and contributors
# For license information, please see license.txt

"""Welcome email, reminder digests and manager notices, all through Frappe's email queue."""

import email

import frappe
import pytest
from factories import days_from_today, make_assignment, make_course, make_employee, make_onboarding, make_user

from smooth_hr_lms import notifications, tasks


def queued_mail_to(recipient: str) -> list:
	"""Mails queued for recipient, each with its decoded HTML body as .message."""
	names = frappe.get_all("Email Queue Recipient", filters={"recipient": recipient}, pluck="parent")
	if not names:
		return []
	mails = frappe.get_all("Email Queue", filters={"name": ("in", names)}, fields=["name", "message"])
	for mail in mails:
		mail.message = html_body(mail.message)
	return mails


def html_body(raw: str) -> str:
	parts = [
		part.get_payload(decode=True).decode(part.get_content_charset() or "utf-8")
		for part in email.message_from_string(raw).walk()
		if part.get_content_type() == "text/html"
	]
	return "".join(parts) or raw


@pytest.fixture
def settings():
	doc = frappe.get_single("Smooth HR LMS Settings")
	doc.learning_contact_email = "learning@example.com"
	doc.save()
	return doc


def test_welcome_email_is_sent_once_with_the_hires_courses(settings):
	first = make_course("Welcome Course A", is_mandatory=1)
	second = make_course("Welcome Course B", is_mandatory=1)
	employee = make_employee(make_user("Oli"))

	onboarding = make_onboarding(employee.name)
	onboarding.reload()
	onboarding.save()

	[mail] = queued_mail_to(employee.user_id)
	for course in (first, second):
		assert course in mail.message
	assert "/lms" in mail.message
	assert "learning@example.com" in mail.message


def test_welcome_email_can_be_switched_off(settings):
	settings.send_welcome_email = 0
	settings.save()
	make_course("Quiet", is_mandatory=1)
	employee = make_employee(make_user("Pip"))

	make_onboarding(employee.name)

	assert queued_mail_to(employee.user_id) == []


def overdue_assignments_for(employee, count: int):
	for number in range(count):
		make_assignment(
			employee,
			make_course(f"Overdue {number}"),
			assigned_on=days_from_today(-30),
			due_date=days_from_today(-2),
		)


def test_one_digest_lists_all_three_items_and_is_not_sent_twice_a_day(settings):
	learner = make_employee(make_user("Quin"))
	overdue_assignments_for(learner, 3)

	tasks.send_daily_reminders()
	tasks.send_daily_reminders()

	[digest] = queued_mail_to(learner.user_id)
	assert digest.message.count("/lms/courses/") == 3


def test_due_soon_reminder_respects_the_days_before_setting(settings):
	learner = make_employee(make_user("Rae"))
	course = make_course("Soon")
	make_assignment(learner, course, due_date=days_from_today(2))

	settings.reminder_days_before_due = 1
	settings.save()
	notifications.send_training_reminders()
	assert queued_mail_to(learner.user_id) == []

	settings.reminder_days_before_due = 3
	settings.save()
	notifications.send_training_reminders()
	assert len(queued_mail_to(learner.user_id)) == 1


def test_manager_gets_one_notice_for_the_teams_overdue_training(settings):
	manager = make_employee(make_user("Sam"))
	first = make_employee(make_user("Tia"), reports_to=manager.name)
	second = make_employee(make_user("Uma"), reports_to=manager.name)
	overdue_assignments_for(first, 1)
	overdue_assignments_for(second, 2)

	tasks.send_daily_reminders()

	[notice] = queued_mail_to(manager.user_id)
	assert notice.message.count("/lms/courses/") == 3


def test_manager_notice_can_be_switched_off(settings):
	settings.notify_manager_on_overdue = 0
	settings.save()
	manager = make_employee(make_user("Vic"))
	overdue_assignments_for(make_employee(make_user("Wes"), reports_to=manager.name), 1)

	tasks.send_daily_reminders()

	assert queued_mail_to(manager.user_id) == []


def test_settings_change_the_due_date_of_new_assignments(settings):
	settings.days_until_due = 14
	settings.save()
	make_course("Fortnight", is_mandatory=1)
	employee = make_employee(make_user("Xan"))

	make_onboarding(employee.name)

	due = frappe.db.get_value("LMS Training Assignment", {"employee": employee.user_id}, "due_date")
	assert due == days_from_today(14)
