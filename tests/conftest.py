# Copyright (c) 2026, Smooth HR LMS contributors and contributors
# For license information, please see license.txt

"""Runs the suite on the in-memory Frappe double, or on a real site when one is named (see frappe_connection.py).

Each test runs in a transaction that is rolled back afterwards, on the double and on a site alike.
"""

from contextlib import contextmanager

import frappe_connection
import pytest


def pytest_configure(config):
	try:
		frappe_connection.connect()
	except frappe_connection.SetupError as error:
		raise pytest.UsageError(str(error)) from error


@pytest.fixture(autouse=True)
def rolled_back_transaction():
	import frappe

	frappe.set_user("Administrator")
	yield
	frappe.db.rollback()
	frappe.set_user("Administrator")


@pytest.fixture
def as_user():
	"""Context manager factory: `with as_user(email):` runs the block as that user."""
	import frappe

	@contextmanager
	def switch(user: str):
		previous = frappe.session.user
		frappe.set_user(user)
		try:
			yield
		finally:
			frappe.set_user(previous)

	return switch
