// Copyright (c) 2026, Smooth HR LMS contributors and contributors
// For license information, please see license.txt

frappe.query_reports["Team Training Status"] = {
	filters: [
		{
			fieldname: "manager",
			label: __("Manager"),
			fieldtype: "Link",
			options: "Employee",
			description: __("Leave empty to see your own team. HR can pick any manager."),
		},
		{
			fieldname: "include_indirect",
			label: __("Include Indirect Reports"),
			fieldtype: "Check",
			default: 0,
		},
	],
};
