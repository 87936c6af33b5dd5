# Copyright (c) 2026, Smooth HR LMS contributors and contributors
# For license information, please see license.txt

from frappe.model.document import Document


class LMSTrainingRuleCourse(Document):
	pass
