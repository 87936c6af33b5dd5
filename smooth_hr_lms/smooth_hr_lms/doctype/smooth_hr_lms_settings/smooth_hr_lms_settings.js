// Copyright (c) 2026, Smooth HR LMS contributors and contributors
// For license information, please see license.txt

frappe.ui.form.on("Smooth HR LMS Settings", {
	refresh(frm) {
		frm.add_custom_button(__("Run Health Check"), () => {
			frappe.call("smooth_hr_lms.health_check.run_health_check").then((r) => {
				show_health_check(r.message);
			});
		});

		frm.add_custom_button(__("Fix Safe Problems"), () => {
			frappe.confirm(
				__(
					"Grant missing LMS Student roles, assign missing onboarding courses and re-enroll assignments whose enrollment is gone?"
				),
				() =>
					frappe
						.call({ method: "smooth_hr_lms.health_check.fix_health_problems", type: "POST" })
						.then((r) => {
							const fixed = r.message.fixed;
							frappe.msgprint(
								__(
									"LMS Student granted: {0}. Onboarding assignments created: {1}. Assignments re-enrolled: {2}.",
									[
										fixed.lms_student_role_granted,
										fixed.mandatory_assignments_created,
										fixed.assignments_reenrolled,
									]
								),
								__("Health Check")
							);
						})
			);
		});
	},
});

function show_health_check(problems) {
	const sections = [
		["employees_without_user", __("Active employees without a user")],
		["users_without_lms_student", __("Users without LMS Student")],
		["hires_missing_mandatory_enrollments", __("Hires missing mandatory enrollments")],
		["assignments_without_enrollment", __("Assignments whose enrollment is gone")],
		["email_mismatches", __("User email differs from company email")],
	];
	const rows = sections
		.map(([key, label]) => {
			const items = problems[key] || [];
			const list = items
				.slice(0, 20)
				.map((item) => `<li>${frappe.utils.escape_html(item.employee || item.assignment)} ${frappe.utils.escape_html(item.user || "")}</li>`)
				.join("");
			return `<p><b>${label}: ${items.length}</b></p><ul>${list}</ul>`;
		})
		.join("");
	frappe.msgprint(rows, __("Health Check"));
}
