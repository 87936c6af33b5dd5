# Copyright (c) 2026, Smooth HR LMS contributors and contributors
# For license information, please see license.txt

import frappe
from frappe import _
from frappe.model.document import Document

MAX_DUE_IN_DAYS = 3650
MAX_RECURRENCE_MONTHS = 120


class LMSTrainingRule(Document):
	def validate(self):
		self.validate_courses()
		self.validate_periods()

	def validate_periods(self):
		if not 0 <= (self.due_in_days or 0) <= MAX_DUE_IN_DAYS:
			frappe.throw(_("Due in Days must be between 0 and {0}.").format(MAX_DUE_IN_DAYS))
		if not 0 <= (self.recurrence_months or 0) <= MAX_RECURRENCE_MONTHS:
			frappe.throw(_("Repeat Every (Months) must be between 0 and {0}.").format(MAX_RECURRENCE_MONTHS))

	def validate_courses(self):
		courses = [row.course for row in self.courses]
		if not courses:
			frappe.throw(_("Add at least one course to the rule."))
		duplicates = sorted({course for course in courses if courses.count(course) > 1})
		if duplicates:
			frappe.throw(_("Courses listed twice: {0}").format(", ".join(duplicates)))

	def on_update(self):
		if self.enabled:
			# A rule can match thousands of employees: apply it outside the request that saved it.
			frappe.enqueue(
				"smooth_hr_lms.training_rules.apply_training_rules",
				queue="long",
				rule=self.name,
				enqueue_after_commit=True,
			)

	@frappe.whitelist(methods=["POST"])
	def cancel_open_assignments(self) -> int:
		"""Cancel the open assignments this rule made; turning a rule off alone keeps them."""
		self.check_permission("write")
		from smooth_hr_lms.provisioning import cancel_open_assignments

		reason = _("Training Rule {0} was withdrawn.").format(self.name)
		return len(cancel_open_assignments(self, {"training_rule": self.name}, reason))
