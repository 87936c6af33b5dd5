# Copyright (c) 2026, Smooth HR LMS contributors and contributors
# For license information, please see license.txt

import frappe

# Fields this app adds to other apps' DocTypes; they ship as fixtures and leave with the app.
CUSTOM_FIELDS_ON_OTHER_APPS = ("LMS Course-is_mandatory",)


def before_uninstall():
	"""Remove the app's fields from LMS DocTypes; its own DocTypes go with the module."""
	for custom_field in CUSTOM_FIELDS_ON_OTHER_APPS:
		frappe.delete_doc("Custom Field", custom_field, ignore_missing=True, force=True)
