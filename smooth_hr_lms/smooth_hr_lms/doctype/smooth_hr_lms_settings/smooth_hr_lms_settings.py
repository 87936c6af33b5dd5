# Copyright (c) 2026, Smooth HR LMS contributors and contributors
# For license information, please see license.txt

import frappe
from frappe import _
from frappe.model.document import Document

MAX_DAYS_UNTIL_DUE = 3650


class SmoothHRLMSSettings(Document):
	def validate(self):
		if not 0 <= (self.days_until_due or 0) <= MAX_DAYS_UNTIL_DUE:
			frappe.throw(_("Days Until Due must be between 0 and {0}.").format(MAX_DAYS_UNTIL_DUE))


def get_settings():
	"""The app's settings; every number and switch the app uses comes from here."""
	return frappe.get_cached_doc("Smooth HR LMS Settings")
