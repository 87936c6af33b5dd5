# Copyright (c) 2026, Smooth HR LMS contributors and contributors
# For license information, please see license.txt

"""Bench commands of the app: `bench --site SITE lms-health-check [--fix]`."""

import json

import click


@click.command("lms-health-check")
@click.option("--fix", is_flag=True, default=False, help="Repair what is safe to repair, then commit.")
@click.pass_context
def lms_health_check(context, fix: bool):
	"""Find employees whose LMS access or mandatory training is missing, and optionally fix it."""
	import frappe
	from frappe.commands import get_site

	from smooth_hr_lms.health_check import find_problems, fix_problems

	frappe.init(site=get_site(context.obj))
	frappe.connect()
	try:
		problems = find_problems()
		result = {"problems": problems}
		if fix:
			result["fixed"] = fix_problems(problems)
			frappe.db.commit()
		click.echo(json.dumps(result, indent=1, default=str))
	finally:
		frappe.destroy()


commands = [lms_health_check]
