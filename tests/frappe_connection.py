# Copyright (c) 2026, Smooth HR LMS contributors and contributors
# For license information, please see license.txt

"""Connects to a real Frappe site when SMOOTH_HR_LMS_TEST_SITE names one, else boots the double.

Real site:  SMOOTH_HR_LMS_TEST_SITE=mysite.localhost FRAPPE_SITES_PATH=~/frappe-bench/sites
Double:     needs the upstream DocType definitions (SMOOTH_HR_LMS_UPSTREAM_DOCTYPES, by default
            ../shared/upstream/doctypes beside this repository).
"""

import os
import sys
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent
TEST_SITE = os.environ.get("SMOOTH_HR_LMS_TEST_SITE")
SITES_PATH = os.environ.get("FRAPPE_SITES_PATH", ".")
UPSTREAM_DOCTYPES = Path(
	os.environ.get("SMOOTH_HR_LMS_UPSTREAM_DOCTYPES", REPO_ROOT.parent / "shared" / "upstream" / "doctypes")
)
ON_REAL_SITE = bool(TEST_SITE)


class SetupError(RuntimeError):
	pass


def connect():
	"""Make `import frappe` usable and connected, on the named site or on the double."""
	if str(REPO_ROOT) not in sys.path:
		sys.path.insert(0, str(REPO_ROOT))
	if ON_REAL_SITE:
		_connect_real_site()
	else:
		_boot_double()


def _connect_real_site():
	import frappe

	frappe.init(site=TEST_SITE, sites_path=SITES_PATH)
	frappe.connect()
	frappe.flags.in_test = True


def _boot_double():
	if not UPSTREAM_DOCTYPES.is_dir():
		raise SetupError(
			f"Upstream DocType definitions not found at {UPSTREAM_DOCTYPES}; "
			"set SMOOTH_HR_LMS_UPSTREAM_DOCTYPES to the shared/upstream/doctypes folder."
		)

	sys.path.insert(0, str(REPO_ROOT / "tests" / "frappe_double"))
	import frappe

	frappe.init(site="test_double", upstream_doctypes=str(UPSTREAM_DOCTYPES), app_root=str(REPO_ROOT))
	frappe.connect()
	frappe.double_install_app("smooth_hr_lms")
	frappe.db.commit()
