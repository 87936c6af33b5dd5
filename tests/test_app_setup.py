# Copyright (c) 2026, Smooth HR LMS contributors and contributors
# For license information, please see license.txt

from pathlib import Path

import frappe

import smooth_hr_lms
from smooth_hr_lms import hooks

REPO_ROOT = Path(__file__).resolve().parent.parent


def test_required_apps_use_the_org_repo_form():
	assert hooks.required_apps == ["frappe/hrms", "frappe/lms"]


def test_every_hooked_handler_resolves():
	dotted_paths = [path for events in hooks.doc_events.values() for path in events.values()]
	dotted_paths += list(hooks.permission_query_conditions.values()) + list(hooks.has_permission.values())
	dotted_paths.append(hooks.before_uninstall)

	for path in dotted_paths:
		assert callable(frappe.get_attr(path)), path


def test_fixtures_export_only_the_apps_own_custom_fields():
	[custom_fields] = hooks.fixtures
	assert custom_fields["dt"] == "Custom Field"
	assert custom_fields["filters"] == [["name", "in", ["LMS Course-is_mandatory"]]]


def test_is_mandatory_is_a_check_on_lms_course():
	field = frappe.get_meta("LMS Course").get_field("is_mandatory")

	assert field.fieldtype == "Check"
	assert field.label == "Is Mandatory"


def test_package_version_comes_from_the_module():
	pyproject = (REPO_ROOT / "pyproject.toml").read_text()

	assert 'dynamic = ["version"]' in pyproject
	assert 'build-backend = "flit_core.buildapi"' in pyproject
	assert smooth_hr_lms.__version__.count(".") == 2


def test_documented_method_paths_under_the_integration_module_reach_the_apis():
	from smooth_hr_lms import api

	for method in ("assign_mandatory_training", "get_team_training_status"):
		function = frappe.get_attr(f"smooth_hr_lms.hrms_integration.{method}")
		assert function is getattr(api, method)
		frappe.is_whitelisted(function)
