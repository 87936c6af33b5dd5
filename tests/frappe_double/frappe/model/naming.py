"""Stand-in for frappe/model/naming.py: hash, field:, naming_series:, format:, prompt and dotted series."""

import re

import frappe
from frappe import _
from frappe.utils import cint, cstr, now_datetime

BRACED_PARAMS_PATTERN = re.compile(r"(\{[\w | #]+\})")


def set_new_name(doc):
	"""Name a new document the way frappe.model.naming.set_new_name does."""
	doc.run_method("before_naming")
	meta = frappe.get_meta(doc.doctype)
	autoname = meta.autoname or ""
	if autoname.lower() not in ("prompt", "uuid") and not frappe.flags.in_import:
		doc.name = None
	if autoname.lower() == "autoincrement":
		raise NotImplementedError("the Frappe test double does not support autoincrement naming")
	if getattr(doc, "amended_from", None):
		_set_amended_name(doc)
		if doc.name:
			return
	elif meta.issingle:
		doc.name = doc.doctype
	if not doc.name:
		doc.run_method("autoname")
		if not doc.name and autoname:
			set_name_from_naming_options(autoname, doc)
		if not doc.name:
			doc.name = make_autoname("hash", doc.doctype)
	doc.name = validate_name(doc.doctype, doc.name)


def set_name_from_naming_options(autoname: str, doc):
	lowered = autoname.lower()
	if lowered.startswith("field:"):
		doc.name = (cstr(doc.get(autoname[6:])) or "").strip()
	elif lowered.startswith("naming_series:"):
		set_name_by_naming_series(doc)
	elif lowered.startswith("prompt"):
		if not doc.name:
			frappe.throw(_("Please set the document name"))
	elif lowered.startswith("format:"):
		doc.name = _format_autoname(autoname, doc)
	elif "#" in autoname:
		doc.name = make_autoname(autoname, doc=doc)


def set_name_by_naming_series(doc):
	if not doc.naming_series:
		doc.naming_series = get_default_naming_series(doc.doctype)
	if not doc.naming_series:
		frappe.throw(_("Naming Series mandatory"))
	doc.name = make_autoname(doc.naming_series + ".#####", "", doc)


def get_default_naming_series(doctype: str) -> str | None:
	for option in frappe.get_meta(doctype).get_naming_series_options():
		if option:
			return option
	return None


def make_autoname(key: str = "", doctype: str = "", doc=None) -> str:
	if key == "hash":
		return frappe.generate_hash(length=10)
	return parse_naming_series(key.split("."), doc=doc)


def getseries(key: str, digits: int) -> str:
	series = frappe.local.db.series
	current = series.get(key, 0) + 1
	series[key] = current
	return ("%0" + str(digits) + "d") % current


def parse_naming_series(parts, doctype=None, doc=None, number_generator=None) -> str:
	if isinstance(parts, str):
		parts = parts.split(".")
	number_generator = number_generator or getseries
	name, series_set, moment = "", False, now_datetime()
	for part_spec in parts:
		if not part_spec:
			continue
		part = ""
		if part_spec.startswith("#"):
			if not series_set:
				part = number_generator(name, len(part_spec))
				series_set = True
		elif part_spec == "YY":
			part = moment.strftime("%y")
		elif part_spec == "MM":
			part = moment.strftime("%m")
		elif part_spec == "DD":
			part = moment.strftime("%d")
		elif part_spec == "YYYY":
			part = moment.strftime("%Y")
		elif part_spec.startswith("{") and doc:
			part = doc.get(part_spec.replace("{", "").replace("}", ""))
		elif doc and doc.get(part_spec):
			part = doc.get(part_spec)
		else:
			part = part_spec
		if isinstance(part, str):
			name += part
		elif part is not None:
			name += cstr(part).strip()
	return name


def _format_autoname(autoname: str, doc) -> str:
	value = autoname[autoname.find(":") + 1 :]

	def replace(match):
		return parse_naming_series([match.group()[1:-1]], doc=doc)

	return BRACED_PARAMS_PATTERN.sub(replace, value)


def _set_amended_name(doc):
	amended_from = doc.amended_from
	match = re.search(r"-(\d+)$", amended_from)
	if match:
		base, count = amended_from[: match.start()], cint(match.group(1)) + 1
	else:
		base, count = amended_from, 1
	doc.name = f"{base}-{count}"


def validate_name(doctype: str, name) -> str:
	if not name:
		frappe.throw(_("No Name Specified for {0}").format(doctype))
	if isinstance(name, int):
		return name
	if name.startswith("New " + doctype) or name.startswith("new-" + doctype.lower().replace(" ", "-")):
		frappe.throw(
			_("There were some errors setting the name, please contact the administrator"), frappe.NameError
		)
	name = name.strip()
	if not frappe.get_meta(doctype).issingle and doctype == name and name != "DocType":
		frappe.throw(_("Name of {0} cannot be {1}").format(doctype, name), frappe.NameError)
	if re.findall("[<>]+", name):
		frappe.throw(
			_("Name cannot contain special characters like {0}").format("'<', '>'"), frappe.NameError
		)
	return name
