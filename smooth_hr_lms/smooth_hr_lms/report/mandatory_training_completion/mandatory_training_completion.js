// Copyright (c) 2026, Smooth HR LMS contributors and contributors
// For license information, please see license.txt

frappe.query_reports["Mandatory Training Completion"] = {
	filters: [
		{
			fieldname: "company",
			label: __("Company"),
			fieldtype: "Link",
			options: "Company",
			default: frappe.defaults.get_user_default("Company"),
		},
		{
			fieldname: "course",
			label: __("Course"),
			fieldtype: "Link",
			options: "LMS Course",
			get_query: () => ({ filters: { published: 1, is_mandatory: 1 } }),
		},
	],
};
