"""Bootstrap of the double: metas, seeded records, app installation, controllers and list queries."""

import glob
import importlib
import inspect
import json
import os
import sys

import frappe
from frappe.database import DEFAULT_ORDER
from frappe.model import meta as meta_registry
from frappe.model import no_value_fields
from frappe.utils import cint, now, nowdate

REDUCED_METAS = os.path.join(os.path.dirname(__file__), "_metas")
BASE_ROLES = (
	"Administrator",
	"Guest",
	"All",
	"System Manager",
	"Desk User",
	"Employee",
	"HR User",
	"HR Manager",
	"LMS Student",
	"Moderator",
	"Course Creator",
	"Batch Evaluator",
	"Employee Self Service",
)
NO_DESK_ROLES = ("LMS Student", "Moderator", "Course Creator", "Batch Evaluator", "Guest", "All")
SEED_CURRENCIES = {"INR": "₹", "USD": "$", "EUR": "€", "GBP": "£"}
SEED_COUNTRIES = {
	"India": "in",
	"United States": "us",
	"United Kingdom": "gb",
	"Germany": "de",
	"France": "fr",
}
UPSTREAM_APPS = ("frappe", "erpnext", "hrms", "lms")


class _State:
	def __init__(self):
		self.app_root = None
		self.installed: list[str] = []
		self.hooks: dict[str, dict] = {}
		self.app_doctypes: dict[str, str] = {}
		self.doctype_apps: dict[str, str] = {}
		self.controllers: dict[str, type] = {}


STATE = _State()


# -- metas ------------------------------------------------------------------------------------------


def _read_json(path: str):
	with open(path, encoding="utf-8") as f:
		return json.load(f)


def init(upstream_doctypes=None, app_root=None):
	global STATE
	STATE = _State()
	meta_registry._registry.clear()
	meta_registry._merged_cache.clear()
	if upstream_doctypes:
		for path in sorted(glob.glob(os.path.join(upstream_doctypes, "**", "*.json"), recursive=True)):
			data = _read_json(path)
			if isinstance(data, dict) and data.get("doctype") == "DocType" and data.get("name"):
				meta_registry.register(data, "upstream")
				folder = os.path.basename(os.path.dirname(path))
				STATE.doctype_apps[data["name"]] = folder if folder in UPSTREAM_APPS else "frappe"
	for path in sorted(glob.glob(os.path.join(REDUCED_METAS, "*.json"))):
		data = _read_json(path)
		if meta_registry.register(data, "reduced", override=False):
			STATE.doctype_apps[data["name"]] = data.get("app") or "frappe"
	if app_root:
		STATE.app_root = os.path.abspath(app_root)
		if STATE.app_root not in sys.path:
			sys.path.insert(0, STATE.app_root)


def missing_link_targets() -> list[str]:
	"""Link / Table targets of the loaded metas that the double has no meta for."""
	missing = set()
	for doctype in meta_registry.all_doctypes():
		meta = meta_registry.base_meta(doctype)
		for df in meta.fields:
			if df.fieldtype in ("Link", "Table", "Table MultiSelect") and df.options:
				if not meta_registry.has_meta(df.options):
					missing.add(f"{df.options} (from {doctype}.{df.fieldname})")
	return sorted(missing)


# -- seeding ----------------------------------------------------------------------------------------


def _put(db, doctype: str, values: dict):
	"""Write a seed row straight into the store (no events, no query log)."""
	meta = frappe.get_meta(doctype)
	defaults = new_doc_dict(doctype) if not meta.istable else {}
	timestamp = now()
	row = {
		**defaults,
		"owner": "Administrator",
		"modified_by": "Administrator",
		"creation": timestamp,
		"modified": timestamp,
		"docstatus": 0,
		"idx": 0,
		**values,
	}
	normalized = db._normalize_row(doctype, row)
	db.tables.setdefault(doctype, {})[normalized["name"]] = normalized
	for key in [key for key in db._unique_indexes if key[0] == doctype]:
		del db._unique_indexes[key]


def _seed_metadata_records(db, doctypes: list[str]):
	for doctype in doctypes:
		meta = meta_registry.base_meta(doctype)
		if doctype not in db.tables.get("DocType", {}):
			_put(
				db,
				"DocType",
				{
					"name": doctype,
					"module": meta.module,
					"istable": meta.istable,
					"issingle": meta.issingle,
					"is_submittable": meta.is_submittable,
					"custom": meta.custom,
				},
			)
		module = meta.module
		if module and module not in db.tables.get("Module Def", {}):
			app = STATE.app_doctypes.get(doctype) or STATE.doctype_apps.get(doctype) or "frappe"
			_put(db, "Module Def", {"name": module, "module_name": module, "app_name": app})
		for perm in meta.permissions:
			_seed_role(db, perm.role)


def _seed_role(db, role: str):
	if role and role not in db.tables.get("Role", {}):
		_put(db, "Role", {"name": role, "role_name": role, "desk_access": 0 if role in NO_DESK_ROLES else 1})


def seed(db):
	_seed_metadata_records(db, meta_registry.all_doctypes())
	for role in BASE_ROLES:
		_seed_role(db, role)
	for user_type in ("System User", "Website User"):
		_put(db, "User Type", {"name": user_type, "is_standard": 1})
	for code, symbol in SEED_CURRENCIES.items():
		_put(db, "Currency", {"name": code, "currency_name": code, "symbol": symbol, "enabled": 1})
	for country, code in SEED_COUNTRIES.items():
		_put(db, "Country", {"name": country, "country_name": country, "code": code})
	_put(db, "Language", {"name": "en", "language_code": "en", "language_name": "English", "enabled": 1})
	# HRMS's install adds employment_type to ERPNext's Employee (hrms/setup.py, get_custom_fields)
	_put(
		db,
		"Custom Field",
		{
			"name": "Employee-employment_type",
			"dt": "Employee",
			"fieldname": "employment_type",
			"fieldtype": "Link",
			"options": "Employment Type",
			"label": "Employment Type",
			"insert_after": "department",
		},
	)
	db.custom_field_version += 1
	# ERPNext's install fixtures create the root of the Department tree
	_put(
		db,
		"Department",
		{"name": "All Departments", "department_name": "All Departments", "is_group": 1, "lft": 1, "rgt": 2},
	)
	for name, email, user_type, roles in (
		("Administrator", "admin@example.com", "System User", ("Administrator", "System Manager")),
		("Guest", "guest@example.com", "Website User", ("Guest",)),
	):
		_put(
			db,
			"User",
			{
				"name": name,
				"email": email,
				"first_name": name,
				"full_name": name,
				"enabled": 1,
				"user_type": user_type,
				"username": name.lower(),
				"send_welcome_email": 0,
			},
		)
		for idx, role in enumerate(roles, 1):
			_put(
				db,
				"Has Role",
				{
					"name": frappe.generate_hash(length=10),
					"parent": name,
					"parenttype": "User",
					"parentfield": "roles",
					"role": role,
					"idx": idx,
				},
			)


_new_doc_templates: dict[tuple, dict] = {}


def new_doc_dict(doctype: str) -> dict:
	"""frappe.new_doc(doctype, as_dict=True): static defaults, first Select option, numeric types fixed."""
	db = frappe.local.db
	key = (doctype, frappe.session.user, nowdate(), db.custom_field_version if db else None)
	if key not in _new_doc_templates:
		if len(_new_doc_templates) > 500:
			_new_doc_templates.clear()
		_new_doc_templates[key] = _build_new_doc_dict(doctype)
	out = dict(_new_doc_templates[key])
	for fieldname, value in out.items():
		if value == "__now__":
			out[fieldname] = now()
	return out


def _build_new_doc_dict(doctype: str) -> dict:
	meta = frappe.get_meta(doctype)
	doc = frappe.get_doc({"doctype": doctype, "__islocal": 1, "owner": frappe.session.user, "docstatus": 0})
	for df in meta.fields:
		if df.fieldtype in no_value_fields or doc.get(df.fieldname) is not None:
			continue
		default = _static_default(df)
		if default is not None:
			doc.set(df.fieldname, default)
	doc._fix_numeric_types()
	out = dict(doc.get_valid_dict(sanitize=False))
	out["doctype"] = doctype
	out["__islocal"] = 1
	if not meta.issingle:
		out["__unsaved"] = 1
	return out


def _static_default(df):
	default = df.get("default")
	if default not in (None, ""):
		if default == "__user":
			return frappe.session.user
		if default == "Today":
			return nowdate()
		if default == "Now" and df.fieldtype == "Datetime":
			return "__now__"
		if not str(default).startswith(":"):
			return default
		return None
	if df.fieldtype == "Select" and df.options and df.options not in ("[Select]", "Loading..."):
		return df.options.split("\n", 1)[0]
	return None


# -- hooks and controllers ------------------------------------------------------------------------


def _append_hook(target: dict, key, value):
	if isinstance(value, dict):
		target.setdefault(key, {})
		for inner_key in value:
			_append_hook(target[key], inner_key, value[inner_key])
	else:
		target.setdefault(key, [])
		target[key].extend(value if isinstance(value, list) else [value])


def _load_hooks(app: str) -> dict:
	module = importlib.import_module(f"{app}.hooks")
	hooks = {}
	for key, value in inspect.getmembers(module):
		if (
			key.startswith("_")
			or inspect.ismodule(value)
			or inspect.isfunction(value)
			or inspect.isclass(value)
		):
			continue
		_append_hook(hooks, key, value)
	return hooks


def get_app_hooks(app_name=None) -> dict:
	if app_name:
		return STATE.hooks.get(app_name, {})
	merged = {}
	for app in STATE.installed:
		for key, value in STATE.hooks.get(app, {}).items():
			_append_hook(merged, key, value)
	return frappe._dict(merged)


def get_controller(doctype: str):
	from frappe.model.document import Document

	if doctype in STATE.controllers:
		return STATE.controllers[doctype]
	meta = meta_registry.base_meta(doctype)
	classname = doctype.replace(" ", "").replace("-", "")
	if doctype in STATE.app_doctypes:
		scrubbed = frappe.scrub(doctype)
		module_path = (
			f"{STATE.app_doctypes[doctype]}.{frappe.scrub(meta.module)}.doctype.{scrubbed}.{scrubbed}"
		)
		module = importlib.import_module(module_path)
		cls = getattr(module, classname, None)
		if cls is None:
			raise ImportError(f"{doctype}: {classname} does not exist in module {module_path}")
	else:
		from frappe import _standins

		cls = _standins.STANDINS.get(doctype, Document)
	overrides = frappe.get_hooks("override_doctype_class") or {}
	if overrides.get(doctype):
		path = overrides[doctype][-1]
		custom = frappe.get_attr(path)
		if not issubclass(custom, cls):
			frappe.throw(
				f"{doctype}: {frappe.bold(path)} must be a subclass of "
				f"{frappe.bold(cls.__module__ + '.' + cls.__name__)}",
				title=frappe._("Invalid Override"),
			)
		cls = custom
	if not issubclass(cls, Document):
		raise ImportError(f"{doctype}: {classname} is not a subclass of BaseDocument")
	STATE.controllers[doctype] = cls
	return cls


# -- app installation -------------------------------------------------------------------------------


def install_app(app: str):
	"""bench install-app: sync DocTypes, before_install, after_install, fixtures, after_sync. Idempotent."""
	if app in STATE.installed:
		return
	if not STATE.app_root:
		raise RuntimeError("frappe.init(..., app_root=...) must name the folder that holds the app package")
	db = frappe.local.db
	frappe.flags.in_install = app
	try:
		STATE.hooks[app] = _load_hooks(app)
		new_doctypes = _load_app_metas(app)
		STATE.controllers.clear()
		_seed_metadata_records(db, new_doctypes)
		modules_txt = os.path.join(STATE.app_root, app, "modules.txt")
		for module in _read_modules(modules_txt):
			if module not in db.tables.get("Module Def", {}):
				_put(db, "Module Def", {"name": module, "module_name": module, "app_name": app})
		for path in STATE.hooks[app].get("before_install", []):
			frappe.get_attr(path)()
		STATE.installed.append(app)
		for path in STATE.hooks[app].get("after_install", []):
			frappe.get_attr(path)()
		_sync_fixtures(app)
		for path in STATE.hooks[app].get("after_sync", []):
			frappe.get_attr(path)()
	finally:
		frappe.flags.in_install = False
	db.query_log.clear()


def _read_modules(path: str) -> list[str]:
	if not os.path.exists(path):
		return []
	with open(path, encoding="utf-8") as f:
		return [line.strip() for line in f if line.strip() and not line.startswith("#")]


def _load_app_metas(app: str) -> list[str]:
	loaded = []
	for module in _read_modules(os.path.join(STATE.app_root, app, "modules.txt")):
		pattern = os.path.join(STATE.app_root, app, frappe.scrub(module), "doctype", "*", "*.json")
		for path in sorted(glob.glob(pattern)):
			data = _read_json(path)
			if isinstance(data, dict) and data.get("doctype") == "DocType" and data.get("name"):
				meta_registry.register(data, "app")
				STATE.app_doctypes[data["name"]] = app
				loaded.append(data["name"])
	return loaded


def _sync_fixtures(app: str):
	fixtures_dir = os.path.join(STATE.app_root, app, "fixtures")
	doctypes = ["Custom Field"]
	for entry in STATE.hooks[app].get("fixtures", []):
		doctype = entry if isinstance(entry, str) else (entry.get("dt") or entry.get("doctype"))
		if doctype and doctype not in doctypes:
			doctypes.append(doctype)
	for doctype in doctypes:
		path = os.path.join(fixtures_dir, frappe.scrub(doctype) + ".json")
		if os.path.exists(path):
			_import_records(doctype, _read_json(path))


def _import_records(doctype: str, records: list[dict]):
	frappe.flags.in_import = True
	try:
		for record in records:
			record = dict(record)
			record.setdefault("doctype", doctype)
			name = record.get("name")
			if not name and doctype == "Custom Field":
				name = f"{record['dt']}-{record['fieldname']}"
			if name and frappe.db.exists(doctype, name):
				continue
			record["name"] = name
			frappe.get_doc(record).insert(ignore_permissions=True)
	finally:
		frappe.flags.in_import = False


# -- list queries -----------------------------------------------------------------------------------


def run_list_query(
	doctype,
	fields=None,
	filters=None,
	or_filters=None,
	docstatus=None,
	group_by=None,
	order_by=DEFAULT_ORDER,
	limit_start=False,
	limit_page_length=None,
	as_list=False,
	with_childnames=False,
	debug=False,
	ignore_permissions=False,
	user=None,
	with_comment_count=False,
	join="left join",
	distinct=False,
	start=None,
	page_length=None,
	limit=None,
	ignore_ifnull=False,
	save_user_settings=False,
	save_user_settings_fields=False,
	update=None,
	user_settings=None,
	reference_doctype=None,
	run=True,
	strict=True,
	pluck=None,
	ignore_ddl=False,
	*,
	parent_doctype=None,
	**kwargs,
):
	if isinstance(fields, dict) or (
		fields and isinstance(fields, list) and isinstance(fields[0], list | tuple)
	):
		filters, fields = fields, filters
	elif fields and isinstance(filters, list) and len(filters) > 1 and isinstance(filters[0], str):
		filters, fields = fields, filters
	if page_length:
		limit_page_length = page_length
	if limit:
		limit_page_length = limit
	if start:
		limit_start = start
	if not order_by:
		order_by = DEFAULT_ORDER
	extra = None
	if not ignore_permissions:
		extra = _permission_predicate(doctype, user or frappe.session.user, parent_doctype)
	return frappe.local.db.select(
		doctype,
		filters=filters,
		or_filters=or_filters,
		fields=fields,
		order_by=order_by,
		limit=cint(limit_page_length),
		start=cint(limit_start),
		distinct=distinct,
		dialect="list",
		extra=extra,
		pluck=pluck,
		as_list=as_list,
		group_by=group_by,
	)


def _permission_predicate(doctype: str, user: str, parent_doctype=None):
	from frappe import _conditions, permissions

	meta = frappe.get_meta(doctype)
	if meta.istable:
		allowed = permissions.has_permission(doctype, "read", user=user, parent_doctype=parent_doctype)
		role_permissions = frappe._dict()
	else:
		role_permissions = permissions.get_role_permissions(meta, user=user)
		ptype = "select" if role_permissions.get("select") and not role_permissions.get("read") else "read"
		allowed = permissions.has_permission(doctype, ptype, user=user)
	if not allowed:
		frappe.flags.error_message = frappe._("Insufficient Permission for {0}").format(frappe.bold(doctype))
		raise frappe.PermissionError(doctype)
	tests = []
	if not meta.istable and permissions.requires_owner_constraint(role_permissions):
		tests.append(lambda row: (row.get("owner") or "").casefold() == user.casefold())
	hooks = frappe.get_hooks("permission_query_conditions") or {}
	for method in hooks.get(doctype, []) + hooks.get("*", []):
		condition = frappe.call(frappe.get_attr(method), user, doctype=doctype)
		if condition:
			tests.append(_conditions.compile_condition(meta, condition))
	if not tests:
		return None
	return lambda row: all(test(row) is True for test in tests)
