# Copyright (c) 2026, Smooth HR LMS contributors and contributors
# For license information, please see license.txt

import frappe

from smooth_hr_lms.health_check import grant_lms_student_to_active_employees
from smooth_hr_lms.notifications import (
	MANAGER_TEMPLATE,
	REMINDER_TEMPLATE,
	WELCOME_TEMPLATE,
	create_default_email_templates,
)

# Fields this app adds to other apps' DocTypes; they ship as fixtures and leave with the app.
CUSTOM_FIELDS_ON_OTHER_APPS = ("LMS Course-is_mandatory",)


def after_install():
	"""Create what the app needs on a new site; safe to run again (patches call it too).

	A fresh install records every patch as done without running it, so the data work the
	patches do for existing sites runs here as well.
	"""
	create_default_email_templates()
	link_default_email_templates()
	grant_lms_student_to_active_employees()


def link_default_email_templates():
	settings = frappe.get_single("Smooth HR LMS Settings")
	defaults = {
		"welcome_email_template": WELCOME_TEMPLATE,
		"reminder_email_template": REMINDER_TEMPLATE,
		"manager_email_template": MANAGER_TEMPLATE,
	}
	missing = {field: template for field, template in defaults.items() if not settings.get(field)}
	if missing:
		settings.update(missing)
		settings.save(ignore_permissions=True)


def before_uninstall():
	"""Remove the app's fields from LMS DocTypes; its own DocTypes go with the module."""
	for custom_field in CUSTOM_FIELDS_ON_OTHER_APPS:
		frappe.delete_doc("Custom Field", custom_field, ignore_missing=True, force=True)
