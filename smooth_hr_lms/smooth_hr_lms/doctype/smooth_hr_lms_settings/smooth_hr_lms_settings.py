# Copyright (c) 2026, Smooth HR LMS contributors and contributors
# For license information, please see license.txt

import frappe
from frappe.model.document import Document


class SmoothHRLMSSettings(Document):
	pass


def get_settings():
	"""The app's settings; every number and switch the app uses comes from here."""
	return frappe.get_cached_doc("Smooth HR LMS Settings")
