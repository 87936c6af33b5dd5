"""Stand-ins for the controllers and doc_events of the upstream apps (frappe, erpnext, hrms, lms).

A stand-in keeps what its upstream file does that an app can observe: rows written, exceptions and
their messages, and the order of events. `upstream_doc_events` names the handlers other apps' hooks.py
attach; they run after the controller method and before the handlers of smooth_hr_lms (install order).
"""

import json

import frappe
from frappe import _
from frappe.model.document import Document
from frappe.model.naming import set_name_by_naming_series
from frappe.utils import add_days, ceil, cint, cstr, getdate, random_string, today, validate_email_address
from frappe.utils.nestedset import NestedSet, get_root_of, update_nsm

# Switch off to simulate users created before LMS was installed (no LMS Student on insert).
LMS_ROLE_ON_USER_INSERT = True

STANDARD_USERS = ("Guest", "Administrator")
STANDARD_ROLES = ("Administrator", "System Manager", "Script Manager", "All", "Guest")
LMS_ADMIN_ROLES = ("Moderator", "Course Creator", "Batch Evaluator")


def comma_or(items) -> str:
	"""Stand-in for upstream frappe/frappe frappe/utils/data.py comma_or."""
	quoted = [f"'{item}'" for item in items]
	return quoted[0] if len(quoted) == 1 else _("{0} or {1}").format(", ".join(quoted[:-1]), quoted[-1])


# -- frappe ------------------------------------------------------------------------------------------


class User(Document):
	"""Stand-in for upstream frappe/frappe frappe/core/doctype/user/user.py, with the User hooks of hrms
	(erpnext/setup/doctype/employee/employee.py validate_employee_role) and lms (LMS Student on insert)."""

	upstream_doc_events = {
		"before_insert": ["lms_append_student_role"],
		"validate": ["erpnext_validate_employee_role"],
	}

	def autoname(self):
		if self.get("is_admin") or self.get("is_guest"):
			self.name = self.first_name
		else:
			self.email = self.email.strip().lower()
			self.name = self.email

	def before_insert(self):
		self.flags.in_insert = True

	def validate(self):
		self.new_password = ""
		if self.name not in STANDARD_USERS:
			self.email = self.name
			validate_email_address(self.name.strip(), True)
		self.check_roles_added()
		self.set_system_user()
		self.set_full_name()
		self.check_enable_disable()
		self.ensure_unique_roles()
		self.remove_all_roles_for_guest()
		self.validate_username()
		self.remove_disabled_roles()
		self.validate_user_email_inbox()
		if self.language == "Loading...":
			self.language = None
		if self.name not in STANDARD_USERS and not self.get_social_login_userid("frappe"):
			self.set_social_login_userid("frappe", frappe.generate_hash(length=39))

	def on_update(self):
		frappe.clear_cache(user=self.name)

	def on_trash(self):
		frappe.clear_cache(user=self.name)
		if self.name in STANDARD_USERS:
			frappe.throw(_("User {0} cannot be deleted").format(self.name))
		self.enabled = 0

	def check_roles_added(self):
		if self.user_type != "System User" or self.roles or not self.is_new():
			return
		frappe.msgprint(
			_("Newly created user {0} has no roles enabled.").format(frappe.bold(self.name)),
			title=_("No Roles Specified"),
			indicator="orange",
		)

	def set_full_name(self):
		self.full_name = " ".join(filter(None, [self.first_name, self.last_name]))

	def get_fullname(self):
		return (self.first_name or "") + ((self.first_name and " ") or "") + (self.last_name or "")

	def check_enable_disable(self):
		if not cint(self.enabled) and self.name in STANDARD_USERS:
			frappe.throw(_("User {0} cannot be disabled").format(self.name))

	def set_system_user(self):
		user_type_mapper = {"Administrator": "System User", "Guest": "Website User"}
		if self.user_type and not frappe.get_cached_value("User Type", self.user_type, "is_standard"):
			if user_type_mapper.get(self.name):
				self.user_type = user_type_mapper.get(self.name)
		else:
			self.user_type = "System User" if self.has_desk_access() else "Website User"

	def has_desk_access(self):
		if not self.roles:
			return False
		return frappe.db.count("Role", {"desk_access": 1, "name": ("in", [d.role for d in self.roles])})

	def ensure_unique_roles(self):
		exists = set()
		for d in list(self.roles):
			if (not d.role) or (d.role in exists):
				self.roles.remove(d)
			exists.add(d.role)

	def remove_all_roles_for_guest(self):
		if self.name == "Guest":
			self.set("roles", list({d for d in self.get("roles") if d.role == "Guest"}))

	def remove_disabled_roles(self):
		disabled_roles = [d.name for d in frappe.get_all("Role", filters={"disabled": 1})]
		for role in list(self.get("roles")):
			if role.role in disabled_roles:
				self.get("roles").remove(role)

	def validate_user_email_inbox(self):
		email_accounts = [user_email.email_account for user_email in self.user_emails]
		if len(email_accounts) != len(set(email_accounts)):
			frappe.throw(_("Email Account added multiple times"))

	def validate_username(self):
		if not self.username and self.is_new() and self.first_name:
			self.username = frappe.scrub(self.first_name)
		if not self.username:
			return
		self.username = self.username.strip(" @")
		if self.username_exists():
			if self.user_type == "System User":
				frappe.msgprint(_("Username {0} already exists").format(self.username))
				self.suggest_username()
			self.username = ""

	def suggest_username(self):
		def check(suggestion):
			if self.username != suggestion and not self.username_exists(suggestion):
				return suggestion
			return None

		username = check(frappe.scrub(self.first_name))
		if not username:
			username = check(frappe.scrub(f"{self.first_name} {self.last_name or ''}"))
		if username:
			frappe.msgprint(_("Suggested Username: {0}").format(username))
		return username

	def username_exists(self, username=None):
		return frappe.db.get_value("User", {"username": username or self.username, "name": ("!=", self.name)})

	def get_social_login_userid(self, provider: str):
		for login in self.social_logins or []:
			if login.provider == provider:
				return login.userid
		return None

	def set_social_login_userid(self, provider, userid, username=None):
		login = {"provider": provider, "userid": userid}
		if username:
			login["username"] = username
		self.append("social_logins", login)

	def append_roles(self, *roles):
		current_roles = {d.role for d in self.get("roles")}
		for role in roles:
			if role in current_roles:
				continue
			self.append("roles", {"role": role})

	def add_roles(self, *roles):
		self.append_roles(*roles)
		self.save()

	def remove_roles(self, *roles):
		existing_roles = {d.role: d for d in self.get("roles")}
		for role in roles:
			if role in existing_roles:
				self.get("roles").remove(existing_roles[role])
		self.save()

	def get_blocked_modules(self):
		return [d.module for d in self.block_modules] if self.block_modules else []

	def lms_append_student_role(self, method=None):
		"""Stand-in for upstream frappe/lms lms/hooks.py User before_insert hook
		(current LMS adds LMS Student before the user is inserted)."""
		if LMS_ROLE_ON_USER_INSERT:
			self.append_roles("LMS Student")

	def erpnext_validate_employee_role(self, method=None):
		"""Stand-in for upstream frappe/hrms hrms/hooks.py User validate hook
		(erpnext's validate_employee_role)."""
		validate_employee_role(self)


def validate_employee_role(doc, method=None, ignore_emp_check=False):
	"""Stand-in for upstream frappe/erpnext erpnext/setup/doctype/employee/employee.py
	(validate_employee_role)."""
	if not ignore_emp_check and frappe.db.get_value("Employee", {"user_id": doc.name}):
		return
	user_roles = [d.role for d in doc.get("roles")]
	if "Employee" in user_roles:
		frappe.msgprint(_("User {0}: Removed Employee role as there is no mapped employee.").format(doc.name))
		doc.get("roles").remove(doc.get("roles", {"role": "Employee"})[0])
	if "Employee Self Service" in user_roles:
		frappe.msgprint(
			_("User {0}: Removed Employee Self Service role as there is no mapped employee.").format(doc.name)
		)
		doc.get("roles").remove(doc.get("roles", {"role": "Employee Self Service"})[0])


class Role(Document):
	"""Stand-in for upstream frappe/frappe frappe/core/doctype/role/role.py."""

	def validate(self):
		if self.disabled:
			self.disable_role()

	def disable_role(self):
		if self.name in STANDARD_ROLES:
			frappe.throw(_("Standard roles cannot be disabled"))
		else:
			self.remove_roles()

	def remove_roles(self):
		frappe.db.delete("Has Role", {"role": self.name})
		frappe.clear_cache()

	def on_update(self):
		if frappe.flags.in_install:
			return
		if self.has_value_changed("desk_access"):
			self.update_user_type_on_change()

	def update_user_type_on_change(self):
		users = frappe.get_all("Has Role", filters={"role": self.name, "parenttype": "User"}, pluck="parent")
		role_user_type = "System User" if self.desk_access else "Website User"
		users = set(
			frappe.get_all(
				"User", filters={"user_type": ("!=", role_user_type), "name": ("in", users)}, pluck="name"
			)
		)
		for name in users:
			user = frappe.get_doc("User", name)
			user_type = user.user_type
			user.set_system_user()
			if user_type != user.user_type:
				user.save()


class CustomField(Document):
	"""Stand-in for upstream frappe/frappe frappe/custom/doctype/custom_field/custom_field.py.

	The double derives every DocType meta from the Custom Field rows of the current database state, so
	inserting, changing or deleting a Custom Field record changes the meta (and a rollback undoes it)."""

	def autoname(self):
		self.set_fieldname()
		self.name = self.dt + "-" + self.fieldname

	def set_fieldname(self):
		restricted = (
			"name",
			"parent",
			"creation",
			"modified",
			"modified_by",
			"parentfield",
			"parenttype",
			"file_list",
			"flags",
			"docstatus",
		)
		if not self.fieldname:
			label = self.label
			if not label:
				if self.fieldtype in ("Section Break", "Column Break", "Tab Break"):
					label = self.fieldtype + "_" + str(random_string(5))
				else:
					frappe.throw(_("Label is mandatory"))
			self.fieldname = cstr(label).replace(" ", "_")
			if self.fieldname in restricted:
				self.fieldname = self.fieldname + "1"
		self.fieldname = self.fieldname.lower()

	def before_insert(self):
		self.set_fieldname()

	def validate(self):
		meta = frappe.model.meta.base_meta(self.dt)
		fieldnames = [df.fieldname for df in meta.fields]
		if self.is_new() and self.fieldname in fieldnames:
			frappe.throw(
				_("A field with the name {0} already exists in {1}").format(
					frappe.bold(self.fieldname), self.dt
				)
			)
		if self.fieldtype in ("Link", "Table", "Table MultiSelect") and not self.options:
			frappe.throw(
				_("Options required for Link or Table type field {0}").format(frappe.bold(self.label))
			)
		if self.fieldtype in ("Link", "Table", "Table MultiSelect") and not frappe.model.meta.has_meta(
			self.options
		):
			frappe.throw(_("Options must be a valid DocType for field {0}").format(frappe.bold(self.label)))


class ErrorLog(Document):
	"""Stand-in for upstream frappe/frappe frappe/core/doctype/error_log/error_log.py."""

	def validate(self):
		self.method = str(self.method)
		self.error = str(self.error)
		if len(self.method) > 140:
			self.error = f"{self.method}\n{self.error}"
			self.method = self.method[:140]


class EmailTemplate(Document):
	"""Stand-in for upstream frappe/frappe frappe/email/doctype/email_template/email_template.py."""

	def get_formatted_subject(self, doc):
		return frappe.render_template(self.subject, doc)

	def get_formatted_response(self, doc):
		if self.use_html:
			return frappe.render_template(self.response_html, doc)
		return frappe.render_template(self.response, doc)

	def get_formatted_email(self, doc):
		if isinstance(doc, str):
			doc = json.loads(doc)
		return {"subject": self.get_formatted_subject(doc), "message": self.get_formatted_response(doc)}


class File(Document):
	"""Stand-in for upstream frappe/frappe frappe/core/doctype/file/file.py: content is not written to disk,
	but `file_url` and `file_size` are set as Frappe sets them when a file is saved from `content`."""

	def validate(self):
		content = self.get("content")
		if content and not self.file_url:
			if isinstance(content, str):
				content = content.encode()
			folder = "/private/files/" if cint(self.is_private) else "/files/"
			self.file_url = folder + (self.file_name or frappe.generate_hash(length=10))
			self.file_size = len(content)
		if not self.folder:
			self.folder = "Home/Attachments" if self.attached_to_doctype else "Home"


# -- lms ---------------------------------------------------------------------------------------------


def is_admin():
	"""Stand-in for upstream frappe/lms lms/lms/doctype/lms_enrollment/lms_enrollment.py is_admin."""
	roles = frappe.get_roles(frappe.session.user)
	return any(role in roles for role in LMS_ADMIN_ROLES)


def update_program_progress(member):
	"""Stand-in for upstream frappe/lms lms/lms/doctype/lms_enrollment/lms_enrollment.py
	(update_program_progress)."""
	programs = frappe.get_all("LMS Program Member", {"member": member}, ["parent", "name"])
	for program in programs:
		total_progress = 0
		courses = frappe.get_all("LMS Program Course", {"parent": program.parent}, pluck="course")
		if not courses:
			continue
		for course in courses:
			progress = frappe.db.get_value("LMS Enrollment", {"course": course, "member": member}, "progress")
			total_progress += progress or 0
		frappe.db.set_value(
			"LMS Program Member", program.name, "progress", ceil(total_progress / len(courses))
		)


class LMSEnrollment(Document):
	"""Stand-in for upstream frappe/lms lms/lms/doctype/lms_enrollment/lms_enrollment.py."""

	def before_insert(self):
		self.validate_duplicate_enrollment()
		self.validate_course_enrollment_eligibility()
		self.validate_owner()

	def validate_owner(self):
		if self.owner != self.member:
			self.owner = self.member

	def on_update(self):
		update_program_progress(self.member)

	def validate_duplicate_enrollment(self):
		existing = frappe.db.exists(
			"LMS Enrollment", {"course": self.course, "member": self.member, "name": ["!=", self.name]}
		)
		if existing and existing != self.name:
			frappe.throw(_("Student is already enrolled in this course."))

	def validate_course_enrollment_eligibility(self):
		course = frappe.db.get_value(
			"LMS Course",
			self.course,
			["published", "disable_self_learning", "paid_course", "paid_certificate"],
			as_dict=True,
		)
		if course.disable_self_learning and not is_admin():
			frappe.throw(
				_(
					"You cannot enroll in this course as self-learning is disabled. "
					"Please contact the Administrator."
				)
			)
		if self.enrollment_from_batch:
			if not frappe.db.exists(
				"Batch Course", {"parent": self.enrollment_from_batch, "course": self.course}
			):
				frappe.throw(_("This batch is not associated with this course."))
			if frappe.db.exists(
				"LMS Batch Enrollment", {"batch": self.enrollment_from_batch, "member": self.member}
			):
				return
		if not course.published and not is_admin():
			frappe.throw(_("You cannot enroll in an unpublished course."))
		if course.paid_course and not is_admin():
			payment = frappe.db.exists(
				"LMS Payment",
				{
					"payment_for_document_type": "LMS Course",
					"payment_for_document": self.course,
					"member": self.member,
					"payment_received": True,
				},
			)
			if not payment:
				frappe.throw(_("You need to complete the payment for this course before enrolling."))


# -- erpnext + hrms ----------------------------------------------------------------------------------


class Department(NestedSet):
	"""Stand-in for upstream frappe/erpnext erpnext/setup/doctype/department/department.py."""

	nsm_parent_field = "parent_department"

	def autoname(self):
		root = get_root_of("Department")
		if root and self.department_name != root:
			abbr = frappe.get_cached_value("Company", self.company, "abbr")
			self.name = f"{self.department_name} - {abbr}"
		else:
			self.name = self.department_name

	def validate(self):
		if not self.parent_department:
			root = get_root_of("Department")
			if root:
				self.parent_department = root

	def on_update(self):
		if not (frappe.local.flags.ignore_update_nsm or frappe.flags.in_setup_wizard):
			super().on_update()


class EmployeeUserDisabledError(frappe.ValidationError):
	"""Stand-in for upstream frappe/erpnext erpnext/setup/doctype/employee/employee.py
	(EmployeeUserDisabledError)."""


class InactiveEmployeeStatusError(frappe.ValidationError):
	"""Stand-in for upstream frappe/erpnext erpnext/setup/doctype/employee/employee.py
	(InactiveEmployeeStatusError)."""


class IncompleteTaskError(frappe.ValidationError):
	"""Stand-in for upstream frappe/hrms hrms/hr/doctype/employee_onboarding/employee_onboarding.py
	(IncompleteTaskError)."""


def get_holiday_list_for_employee(employee, raise_exception=True, as_on=None):
	"""Stand-in for upstream frappe/erpnext erpnext/setup/doctype/employee/employee.py
	(get_holiday_list_for_employee)."""
	holiday_list, company = frappe.get_cached_value("Employee", employee, ["holiday_list", "company"]) or (
		None,
		None,
	)
	if not holiday_list:
		holiday_list = frappe.get_cached_value("Company", company, "default_holiday_list")
	if not holiday_list and raise_exception:
		frappe.throw(
			_("Please set a default Holiday List for Employee {0} or Company {1}").format(employee, company)
		)
	return holiday_list


class Employee(NestedSet):
	"""Stand-in for upstream frappe/erpnext erpnext/setup/doctype/employee/employee.py with
	frappe/hrms hrms/overrides/employee_master.py (EmployeeMaster naming and the Employee doc_events)."""

	nsm_parent_field = "reports_to"
	upstream_doc_events = {
		"validate": ["hrms_validate_onboarding_process"],
		"after_insert": ["hrms_update_job_applicant_and_offer"],
		"on_update": ["hrms_update_approver_role"],
	}

	def autoname(self):
		# HR Settings "Employee Naming By" = Naming Series (the HRMS default)
		set_name_by_naming_series(self)
		self.employee = self.name

	def validate(self):
		statuses = ["Active", "Inactive", "Suspended", "Left"]
		if self.status not in statuses:
			frappe.throw(_("Status must be one of {0}").format(comma_or(statuses)))
		self.employee = self.name
		self.set_employee_name()
		self.validate_date()
		self.validate_email()
		self.validate_status()
		self.validate_reports_to()
		self.validate_preferred_email()
		if self.user_id:
			self.validate_user_details()
		else:
			existing_user_id = frappe.db.get_value("Employee", self.name, "user_id")
			if existing_user_id:
				user = frappe.get_doc("User", existing_user_id)
				validate_employee_role(user, ignore_emp_check=True)
				user.save(ignore_permissions=True)

	def set_employee_name(self):
		self.employee_name = " ".join(
			filter(lambda x: x, [self.first_name, self.middle_name, self.last_name])
		)

	def validate_date(self):
		if self.date_of_birth and getdate(self.date_of_birth) > getdate(today()):
			frappe.throw(_("Date of Birth cannot be greater than today."))
		if (
			self.date_of_birth
			and self.date_of_joining
			and getdate(self.date_of_birth) >= getdate(self.date_of_joining)
		):
			frappe.throw(_("Date of Joining must be greater than Date of Birth"))
		elif (
			self.relieving_date
			and self.date_of_joining
			and getdate(self.relieving_date) < getdate(self.date_of_joining)
		):
			frappe.throw(_("Relieving Date must be greater than or equal to Date of Joining"))

	def validate_email(self):
		if self.company_email:
			validate_email_address(self.company_email, True)
		if self.personal_email:
			validate_email_address(self.personal_email, True)

	def validate_status(self):
		if self.status == "Left":
			reports_to = frappe.db.get_all(
				"Employee",
				filters={"reports_to": self.name, "status": "Active"},
				fields=["name", "employee_name"],
			)
			if reports_to:
				links = [
					frappe.utils.get_link_to_form("Employee", e.name, label=e.employee_name)
					for e in reports_to
				]
				message = _("The following employees are currently still reporting to {0}:").format(
					frappe.bold(self.employee_name)
				)
				message += "<br><br><ul><li>" + "</li><li>".join(links) + "</li></ul><br>"
				message += _("Please make sure the employees above report to another Active employee.")
				frappe.throw(message, InactiveEmployeeStatusError, _("Cannot Relieve Employee"))
			if not self.relieving_date:
				frappe.throw(_("Please enter relieving date."))

	def validate_reports_to(self):
		if self.reports_to == self.name:
			frappe.throw(_("Employee cannot report to himself."))

	def validate_preferred_email(self):
		if self.prefered_contact_email and not self.get(frappe.scrub(self.prefered_contact_email)):
			frappe.msgprint(_("Please enter {0}").format(self.prefered_contact_email))

	def validate_user_details(self):
		data = frappe.db.get_value("User", self.user_id, ["enabled", "user_image"], as_dict=1)
		if not data:
			self.user_id = None
			return
		if data.get("user_image") and self.image == "":
			self.image = data.get("user_image")
		self.validate_for_enabled_user_id(data.get("enabled", 0))
		self.validate_duplicate_user_id()

	def validate_for_enabled_user_id(self, enabled):
		if not self.status == "Active":
			return
		if enabled is None:
			frappe.throw(_("User {0} does not exist").format(self.user_id))
		if enabled == 0:
			frappe.throw(_("User {0} is disabled").format(self.user_id), EmployeeUserDisabledError)

	def validate_duplicate_user_id(self):
		employee = frappe.db.get_value(
			"Employee", {"user_id": self.user_id, "status": "Active", "name": ["!=", self.name]}, "name"
		)
		if employee:
			frappe.throw(
				_("User {0} is already assigned to Employee {1}").format(self.user_id, employee),
				frappe.DuplicateEntryError,
			)

	def on_update(self):
		self.update_nsm_model()
		if self.user_id:
			self.update_user()

	def update_nsm_model(self):
		update_nsm(self)

	def update_user(self):
		user = frappe.get_doc("User", self.user_id)
		user.flags.ignore_permissions = True
		if "Employee" not in user.get("roles"):
			user.append_roles("Employee")
		if self.employee_name and not (user.first_name and user.last_name):
			employee_name = self.employee_name.split(" ")
			if len(employee_name) >= 3:
				user.last_name = " ".join(employee_name[2:])
				user.middle_name = employee_name[1]
			elif len(employee_name) == 2:
				user.last_name = employee_name[1]
			user.first_name = employee_name[0]
		if self.date_of_birth:
			user.birth_date = self.date_of_birth
		if self.gender:
			user.gender = self.gender
		if self.image and not user.user_image:
			user.user_image = self.image
		user.save()

	def on_trash(self):
		self.update_nsm_model()

	def hrms_validate_onboarding_process(self, method=None):
		"""Stand-in for upstream frappe/hrms hrms/overrides/employee_master.py validate_onboarding_process."""
		if not self.job_applicant:
			return
		employee_onboarding = frappe.get_all(
			"Employee Onboarding",
			filters={
				"job_applicant": self.job_applicant,
				"docstatus": 1,
				"boarding_status": ("!=", "Completed"),
			},
		)
		if employee_onboarding:
			onboarding = frappe.get_doc("Employee Onboarding", employee_onboarding[0].name)
			onboarding.validate_employee_creation()
			onboarding.db_set("employee", self.name)

	def hrms_update_job_applicant_and_offer(self, method=None):
		"""Stand-in for upstream frappe/hrms hrms/overrides/employee_master.py
		(update_job_applicant_and_offer)."""
		if self.job_applicant:
			frappe.db.set_value("Job Applicant", self.job_applicant, "status", "Accepted")
			job_offer = frappe.get_last_doc("Job Offer", filters={"job_applicant": self.job_applicant})
			job_offer.status = "Accepted"
			job_offer.flags.ignore_mandatory = True
			job_offer.flags.ignore_permissions = True
			job_offer.save()
			job_offer.submit()

	def hrms_update_approver_role(self, method=None):
		"""Stand-in for upstream frappe/hrms hrms/overrides/employee_master.py update_approver_role."""
		if self.get("leave_approver"):
			user = frappe.get_doc("User", self.leave_approver)
			user.flags.ignore_permissions = True
			user.add_roles("Leave Approver")
		if self.get("expense_approver"):
			user = frappe.get_doc("User", self.expense_approver)
			user.flags.ignore_permissions = True
			user.add_roles("Expense Approver")


class EmployeeOnboarding(Document):
	"""Stand-in for upstream frappe/hrms hrms/hr/doctype/employee_onboarding/employee_onboarding.py with
	hrms/controllers/employee_boarding_controller.py (project and tasks on submit)."""

	def validate(self):
		if self.amended_from:
			for activity in self.activities:
				activity.task = ""
		self.set_employee()
		self.validate_duplicate_employee_onboarding()

	def set_employee(self):
		if not self.employee:
			self.employee = frappe.db.get_value("Employee", {"job_applicant": self.job_applicant}, "name")

	def validate_duplicate_employee_onboarding(self):
		existing = frappe.db.exists(
			"Employee Onboarding", {"job_applicant": self.job_applicant, "docstatus": ("!=", 2)}
		)
		if existing and existing != self.name:
			frappe.throw(
				_("Employee Onboarding: {0} already exists for Job Applicant: {1}").format(
					frappe.bold(existing), frappe.bold(self.job_applicant)
				)
			)

	def validate_employee_creation(self):
		if self.docstatus != 1:
			frappe.throw(_("Submit this to create the Employee record"))
		for activity in self.activities:
			if not activity.required_for_employee_creation:
				continue
			task_status = frappe.db.get_value("Task", activity.task, "status")
			if task_status not in ["Completed", "Cancelled"]:
				frappe.throw(
					_("All the mandatory tasks for employee creation are not completed yet."),
					IncompleteTaskError,
				)

	def on_submit(self):
		project = frappe.get_doc(
			{
				"doctype": "Project",
				"project_name": _(self.doctype) + " : " + (self.job_applicant or self.employee_name),
				"expected_start_date": self.date_of_joining,
				"department": self.department,
				"company": self.company,
			}
		).insert(ignore_permissions=True, ignore_mandatory=True)
		self.db_set("project", project.name)
		self.db_set("boarding_status", "Pending")
		self.reload()
		self.create_task_and_notify_user()

	def on_update_after_submit(self):
		self.create_task_and_notify_user()

	def on_cancel(self):
		project = self.project
		for task in frappe.get_all("Task", filters={"project": project}):
			frappe.delete_doc("Task", task.name, force=1)
		frappe.delete_doc("Project", project, force=1)
		self.db_set("project", "")
		for activity in self.activities:
			activity.db_set("task", "")
		frappe.msgprint(
			_("Linked Project {} and Tasks deleted.").format(project), alert=True, indicator="blue"
		)

	def create_task_and_notify_user(self):
		self.get_holiday_list()
		for activity in self.activities:
			if activity.task:
				continue
			start_date = end_date = None
			if activity.begin_on is not None:
				start_date = add_days(self.boarding_begins_on, activity.begin_on)
				if activity.duration is not None:
					end_date = add_days(self.boarding_begins_on, activity.begin_on + activity.duration)
			task = frappe.get_doc(
				{
					"doctype": "Task",
					"project": self.project,
					"subject": activity.activity_name + " : " + self.employee_name,
					"description": activity.description,
					"department": self.department,
					"company": self.company,
					"task_weight": activity.task_weight,
					"exp_start_date": start_date,
					"exp_end_date": end_date,
				}
			).insert(ignore_permissions=True)
			activity.db_set("task", task.name)

	def get_holiday_list(self):
		if self.employee:
			return get_holiday_list_for_employee(self.employee, as_on=self.boarding_begins_on)
		if not self.holiday_list:
			frappe.throw(_("Please set the Holiday List."), frappe.MandatoryError)
		return self.holiday_list


STANDINS = {
	"User": User,
	"Role": Role,
	"Custom Field": CustomField,
	"Error Log": ErrorLog,
	"LMS Enrollment": LMSEnrollment,
	"Employee": Employee,
	"Employee Onboarding": EmployeeOnboarding,
	"Department": Department,
	"Email Template": EmailTemplate,
	"File": File,
}
