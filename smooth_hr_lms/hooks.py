app_name = "smooth_hr_lms"
app_title = "Smooth HR LMS"
app_publisher = "Smooth HR LMS contributors"
app_description = "Provisions Frappe LMS learning from Frappe HRMS records"
app_email = "dev@smooth-hr-lms.local"
app_license = "mit"
required_apps = ["frappe/hrms", "frappe/lms"]

# Installation
# ------------

after_install = "smooth_hr_lms.install.after_install"
before_uninstall = "smooth_hr_lms.install.before_uninstall"

# Fixtures
# --------
# Only this app's own records, so a migrate never re-imports an admin's other customisations.

fixtures = [
	{"dt": "Custom Field", "filters": [["name", "in", ["LMS Course-is_mandatory"]]]},
]

# Permissions
# -----------

permission_query_conditions = {
	"LMS Training Assignment": "smooth_hr_lms.permissions.get_training_assignment_conditions",
}

has_permission = {
	"LMS Training Assignment": "smooth_hr_lms.permissions.has_training_assignment_permission",
}

# Document Events
# ---------------

doc_events = {
	"Employee": {
		"after_insert": "smooth_hr_lms.hrms_integration.grant_lms_student_role",
		"on_update": "smooth_hr_lms.hrms_integration.sync_employee_learning",
	},
	"Employee Onboarding": {
		"after_insert": "smooth_hr_lms.hrms_integration.enroll_in_mandatory_courses",
		# Saving again retries what failed and picks up an Employee linked after insert.
		"on_update": "smooth_hr_lms.hrms_integration.enroll_in_mandatory_courses",
		"on_submit": "smooth_hr_lms.hrms_integration.enroll_in_mandatory_courses",
		"on_update_after_submit": "smooth_hr_lms.hrms_integration.enroll_in_mandatory_courses",
		"on_cancel": "smooth_hr_lms.hrms_integration.cancel_onboarding_assignments",
	},
	# LMS runs an enrollment's update events itself when progress moves.
	"LMS Enrollment": {
		"on_update": "smooth_hr_lms.lms_sync.sync_assignment_progress",
	},
	"LMS Certificate": {
		"after_insert": "smooth_hr_lms.lms_sync.link_certificate",
	},
}

# Scheduled Tasks
# ---------------

scheduler_events = {
	# Separate jobs, so a failure in one never undoes the other's work.
	"daily": [
		"smooth_hr_lms.tasks.mark_overdue_assignments",
		"smooth_hr_lms.tasks.send_daily_reminders",
	],
	"daily_long": [
		"smooth_hr_lms.tasks.reconcile_assignment_progress",
		"smooth_hr_lms.tasks.apply_training_rules_daily",
	],
}
