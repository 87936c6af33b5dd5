# Copyright (c) 2026, Smooth HR LMS contributors and contributors
# For license information, please see license.txt

import frappe
import pytest
from factories import issue_certificate, make_course, make_employee, make_onboarding, make_user

from smooth_hr_lms.lms_sync import hand_certificate_to_hr


@pytest.fixture(autouse=True)
def printed_pdf(monkeypatch):
	"""PDF rendering needs wkhtmltopdf; the hand-back only needs its bytes."""
	monkeypatch.setattr(frappe, "get_print", lambda *args, **kwargs: b"%PDF-1.4 certificate")


@pytest.fixture
def onboarded():
	course = make_course("Hazmat", is_mandatory=1)
	employee = make_employee(make_user("Yui"))
	make_onboarding(employee.name)
	return frappe._dict(course=course, employee=employee)


def employee_files(employee: str) -> list[str]:
	return frappe.get_all(
		"File", filters={"attached_to_doctype": "Employee", "attached_to_name": employee}, pluck="file_name"
	)


def test_certificate_is_linked_and_attached_to_the_employee_once(onboarded):
	certificate = issue_certificate(onboarded.employee.user_id, onboarded.course)

	hand_certificate_to_hr(certificate.name)

	assignment = frappe.db.get_value(
		"LMS Training Assignment",
		{"employee": onboarded.employee.user_id, "course": onboarded.course},
		["certificate", "status"],
		as_dict=True,
	)
	assert (assignment.certificate, assignment.status) == (certificate.name, "Completed")
	assert employee_files(onboarded.employee.name) == [f"{certificate.name}.pdf"]


def test_handing_back_can_be_switched_off(onboarded):
	settings = frappe.get_single("Smooth HR LMS Settings")
	settings.hand_certificates_to_hr = 0
	settings.save()

	certificate = issue_certificate(onboarded.employee.user_id, onboarded.course)

	assert frappe.db.get_value("LMS Training Assignment", {"certificate": certificate.name}) is not None
	assert employee_files(onboarded.employee.name) == []
