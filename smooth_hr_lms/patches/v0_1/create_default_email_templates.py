# Copyright (c) 2026, Smooth HR LMS contributors and contributors
# For license information, please see license.txt

from smooth_hr_lms.install import after_install


def execute():
	"""Sites that installed the app before its emails existed get the templates and settings links."""
	after_install()
