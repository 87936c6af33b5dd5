// Copyright (c) 2026, Smooth HR LMS contributors and contributors
// For license information, please see license.txt

frappe.ui.form.on("LMS Training Rule", {
	refresh(frm) {
		if (frm.is_new()) return;

		frm.add_custom_button(__("Assigned Training"), () => {
			frappe.set_route("List", "LMS Training Assignment", { training_rule: frm.doc.name });
		});

		frm.add_custom_button(__("Cancel Open Assignments"), () => {
			frappe.confirm(
				__("Cancel every open assignment this rule made? Completed training is kept."),
				() =>
					frm.call("cancel_open_assignments").then((r) => {
						frappe.show_alert({
							message: __("{0} open assignments cancelled", [r.message || 0]),
							indicator: "orange",
						});
					})
			);
		});
	},
});
