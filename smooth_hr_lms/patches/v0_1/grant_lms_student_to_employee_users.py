# Copyright (c) 2026, Smooth HR LMS contributors and contributors
# For license information, please see license.txt

import click
import frappe

from smooth_hr_lms.health_check import grant_lms_student_to_active_employees


def execute():
	"""Users linked to active employees before the app was installed get LMS Student, in batches."""
	granted = grant_lms_student_to_active_employees()
	frappe.logger("smooth_hr_lms").info("Granted LMS Student to %s employee users", granted)
	click.echo(f"LMS Student granted to {granted} employee users")
