# Copyright (c) 2026, Smooth HR LMS contributors and contributors
# For license information, please see license.txt

"""The Frappe test double behaves like Frappe where the suite relies on it.

Written against the public frappe API only, so the same tests pass on a real HRMS + LMS site.
"""

import datetime
import importlib

import frappe
import pytest

ON_DOUBLE = hasattr(frappe, "double_install_app")
double_only = pytest.mark.skipif(not ON_DOUBLE, reason="checks the test double itself")


def suffix() -> str:
	return frappe.generate_hash(length=8)


def make_task(**values):
	return frappe.get_doc({"doctype": "Task", "subject": f"Fidelity {suffix()}", **values}).insert(
		ignore_permissions=True
	)


def make_user(roles=(), **values) -> str:
	user = frappe.get_doc(
		{
			"doctype": "User",
			"email": f"fidelity.{suffix()}@example.com",
			"first_name": "Fidelity",
			"send_welcome_email": 0,
			"roles": [{"role": role} for role in roles],
			**values,
		}
	)
	return user.insert(ignore_permissions=True).name


def course_values() -> dict:
	return {
		"doctype": "LMS Course",
		"title": f"Fidelity Course {suffix()}",
		"short_introduction": "A course for the fidelity tests.",
		"description": "<p>Fidelity</p>",
		"published": 1,
		"instructors": [{"instructor": "Administrator"}],
	}


def make_employee() -> "frappe.model.document.Document":
	company = frappe.db.get_value("Company", {}, "name")
	if not company:
		company = (
			frappe.get_doc(
				{
					"doctype": "Company",
					"company_name": f"Fidelity Company {suffix()}",
					"abbr": f"F{suffix()[:4]}",
					"default_currency": "USD",
					"country": "United States",
				}
			)
			.insert(ignore_permissions=True)
			.name
		)
	gender = frappe.db.get_value("Gender", {}, "name")
	if not gender:
		gender = frappe.get_doc({"doctype": "Gender", "gender": f"Fidelity {suffix()}"}).insert().name
	return frappe.get_doc(
		{
			"doctype": "Employee",
			"first_name": "Fidelity",
			"last_name": suffix(),
			"gender": gender,
			"date_of_birth": "1990-01-01",
			"date_of_joining": "2024-01-01",
			"status": "Active",
			"company": company,
		}
	).insert(ignore_permissions=True)


def test_get_all_rejects_an_unknown_field_in_fields():
	with pytest.raises(Exception) as error:
		frappe.get_all("User", fields=["name", "no_such_column"])
	assert "no_such_column" in str(error.value)


def test_get_all_rejects_an_unknown_field_in_filters():
	with pytest.raises(Exception) as error:
		frappe.get_all("User", filters={"no_such_column": "x"})
	assert "no_such_column" in str(error.value)


def test_an_unknown_attribute_on_a_doc_is_not_stored():
	task = frappe.get_doc({"doctype": "Task", "subject": f"Fidelity {suffix()}", "not_a_field": "kept?"})
	task.insert(ignore_permissions=True)

	reloaded = frappe.get_doc("Task", task.name)

	assert reloaded.get("not_a_field") is None
	assert "not_a_field" not in reloaded.as_dict()


def test_a_missing_mandatory_field_raises_mandatory_error():
	with pytest.raises(frappe.MandatoryError) as error:
		frappe.get_doc({"doctype": "Task"}).insert(ignore_permissions=True)
	assert "subject" in str(error.value)


def test_a_link_to_a_missing_record_raises_link_validation_error():
	with pytest.raises(frappe.LinkValidationError) as error:
		make_task(project=f"No Such Project {suffix()}")
	assert "Could not find" in str(error.value)


def test_a_select_value_outside_the_options_raises_validation_error():
	with pytest.raises(frappe.ValidationError) as error:
		make_task(status="Bogus")
	assert 'cannot be "Bogus"' in str(error.value)


def test_a_duplicate_unique_value_raises_unique_validation_error():
	mobile_no = f"+1 555 {frappe.utils.cint(datetime.datetime.now().timestamp()) % 10000:04d}"
	make_user(mobile_no=mobile_no)

	with pytest.raises(frappe.UniqueValidationError):
		make_user(mobile_no=mobile_no)


def test_rollback_to_a_savepoint_undoes_only_the_work_after_it():
	kept = make_task()
	frappe.db.savepoint("fidelity_savepoint")
	undone = make_task()

	frappe.db.rollback(save_point="fidelity_savepoint")

	assert frappe.db.exists("Task", kept.name)
	assert not frappe.db.exists("Task", undone.name)


def test_an_hr_user_cannot_insert_an_lms_course(as_user):
	hr_user = make_user(roles=("HR User",))

	with as_user(hr_user), pytest.raises(frappe.PermissionError):
		frappe.get_doc(course_values()).insert()


def test_an_hr_user_can_insert_an_lms_course_when_permissions_are_ignored(as_user):
	hr_user = make_user(roles=("HR User",))

	with as_user(hr_user):
		course = frappe.get_doc(course_values()).insert(ignore_permissions=True)

	assert frappe.db.exists("LMS Course", course.name)


def test_administrator_has_every_role():
	assert set(frappe.get_all("Role", pluck="name")) <= set(frappe.get_roles("Administrator"))


def test_a_doc_event_declared_in_hooks_is_dispatched(monkeypatch):
	try:
		importlib.import_module("smooth_hr_lms.hooks")
	except ImportError:
		pytest.skip("smooth_hr_lms/hooks.py does not exist yet")
	handlers = frappe.get_hooks("doc_events").get("Employee", {})
	if not handlers.get("after_insert"):
		pytest.skip("hooks.py declares no Employee after_insert handler")

	calls = []
	for paths in handlers.values():
		for path in paths:
			module_name, function_name = path.rsplit(".", 1)

			def record(doc, method=None, _path=path):
				calls.append((_path, method, doc.doctype))

			monkeypatch.setattr(importlib.import_module(module_name), function_name, record)

	employee = make_employee()

	after_insert = [c for c in calls if c[1] == "after_insert"]
	assert after_insert and after_insert[0][2] == "Employee"
	assert employee.name
	events = [method for _path, method, _doctype in calls]
	if "on_update" in events:
		assert events.index("after_insert") < events.index("on_update")


def test_a_date_field_comes_back_as_a_date():
	task = make_task(exp_start_date="2025-01-15")

	assert frappe.get_doc("Task", task.name).exp_start_date == datetime.date(2025, 1, 15)
	assert frappe.db.get_value("Task", task.name, "exp_start_date") == datetime.date(2025, 1, 15)
	rows = frappe.get_all("Task", filters={"name": task.name}, fields=["exp_start_date"])
	assert rows[0].exp_start_date == datetime.date(2025, 1, 15)


def test_a_new_user_gets_the_lms_student_role():
	user = make_user()

	assert "LMS Student" in frappe.get_roles(user)
	assert frappe.db.exists("Has Role", {"parent": user, "parenttype": "User", "role": "LMS Student"})


# -- the double itself ---------------------------------------------------------------------------


@double_only
def test_every_link_target_of_the_loaded_metas_has_a_meta():
	from frappe import _install

	assert _install.missing_link_targets() == []


@double_only
def test_users_created_before_lms_was_installed_have_no_lms_student_role(monkeypatch):
	from frappe import _standins

	monkeypatch.setattr(_standins, "LMS_ROLE_ON_USER_INSERT", False)

	assert "LMS Student" not in frappe.get_roles(make_user())


@double_only
def test_the_query_log_counts_a_get_all_as_one_select():
	start = len(frappe.db.query_log)

	frappe.get_all("User", fields=["name"])

	assert frappe.db.query_log[start:] == [("select", "User")]


@double_only
def test_raw_sql_is_refused():
	with pytest.raises(NotImplementedError):
		frappe.db.sql("select name from tabUser")
