"""Stand-in for frappe/permissions.py: role permissions (permlevel 0), if_owner and has_permission hooks.

User Permissions and document shares are not modelled (see tests/README.md).
"""

import copy

import frappe
from frappe import _
from frappe.utils import cint

rights = (
	"select",
	"read",
	"write",
	"create",
	"delete",
	"submit",
	"cancel",
	"amend",
	"print",
	"email",
	"report",
	"import",
	"export",
	"share",
)

GUEST_ROLE = "Guest"
ALL_USER_ROLE = "All"
SYSTEM_USER_ROLE = "Desk User"
ADMIN_ROLE = "Administrator"
AUTOMATIC_ROLES = (GUEST_ROLE, ALL_USER_ROLE, SYSTEM_USER_ROLE, ADMIN_ROLE)


def _rows(doctype: str) -> list[dict]:
	return list(frappe.local.db.tables.get(doctype, {}).values())


def get_roles(user=None, with_standard=True) -> list[str]:
	"""Roles of a user; read straight from the store (Frappe caches them, so no query is logged)."""
	if not user:
		user = frappe.session.user
	if user == "Guest" or not user:
		return [GUEST_ROLE]
	if user == "Administrator":
		roles = [row["name"] for row in _rows("Role")]
	else:
		roles = [
			row["role"]
			for row in _rows("Has Role")
			if row.get("parenttype") == "User"
			and row.get("parent") == user
			and row.get("role") not in AUTOMATIC_ROLES
		]
		roles += [ALL_USER_ROLE, GUEST_ROLE]
		if is_system_user(user):
			roles.append(SYSTEM_USER_ROLE)
	if not with_standard:
		roles = [r for r in roles if r not in AUTOMATIC_ROLES]
	return roles


def is_system_user(user=None) -> bool:
	row = frappe.local.db.tables.get("User", {}).get(user or frappe.session.user)
	return bool(row) and row.get("user_type") == "System User"


def allow_everything() -> dict:
	return {ptype: 1 for ptype in rights}


def get_role_permissions(doctype_meta, user=None, is_owner=None, debug=False) -> "frappe._dict":
	if isinstance(doctype_meta, str):
		doctype_meta = frappe.get_meta(doctype_meta)
	if not user:
		user = frappe.session.user
	if user == "Administrator":
		return frappe._dict(allow_everything())

	perms = frappe._dict(if_owner={})
	roles = frappe.get_roles(user)
	applicable = [p for p in doctype_meta.permissions if p.role in roles and cint(p.permlevel) == 0]
	has_if_owner_enabled = any(p.get("if_owner", 0) for p in applicable)
	perms["has_if_owner_enabled"] = has_if_owner_enabled

	def without_if_owner(ptype):
		return any(p.get(ptype, 0) and not p.get("if_owner", 0) for p in applicable)

	for ptype in rights:
		value = any(p.get(ptype, 0) for p in applicable)
		perms[ptype] = cint(value)
		if value and has_if_owner_enabled and not without_if_owner(ptype) and ptype != "create":
			perms["if_owner"][ptype] = cint(value and is_owner)
			perms[ptype] = 1 if ptype in ("select", "read") else 0
	return perms


def has_controller_permissions(doc, ptype, user=None, debug=False) -> bool:
	"""App `has_permission` hooks can only deny: a falsy return (None included) denies, as in v16."""
	if not user:
		user = frappe.session.user
	hooks = frappe.get_hooks("has_permission") or {}
	methods = hooks.get(doc.doctype, []) + hooks.get("*", [])
	for method in reversed(methods):
		result = frappe.call(method, doc=doc, ptype=ptype, user=user, debug=debug)
		if not result:
			return bool(result)
	return True


def get_doc_permissions(doc, user=None, ptype=None, debug=False) -> dict:
	if not user:
		user = frappe.session.user
	meta = frappe.get_meta(doc.doctype)
	is_owner = (doc.get("owner") or "").lower() == user.lower()
	if not has_controller_permissions(doc, ptype, user=user):
		return {ptype: 0}
	permissions = copy.deepcopy(get_role_permissions(meta, user=user, is_owner=is_owner))
	if not cint(meta.is_submittable):
		permissions["submit"] = 0
	if not cint(meta.allow_import):
		permissions["import"] = 0
	if permissions.get("has_if_owner_enabled"):
		permissions.update(permissions.get("if_owner", {}))
	return permissions


def has_permission(
	doctype,
	ptype="read",
	doc=None,
	user=None,
	*,
	parent_doctype=None,
	print_logs=True,
	debug=False,
	ignore_share_permissions=False,
) -> bool:
	if not user:
		user = frappe.session.user
	if user == "Administrator":
		return True
	if not doc and hasattr(doctype, "doctype"):
		doc = doctype
		doctype = doc.doctype
	meta = frappe.get_meta(doctype)
	if meta.istable:
		return has_child_permission(doctype, ptype, doc, user, parent_doctype)
	if doc:
		if isinstance(doc, str | int):
			doc = frappe.get_doc(meta.name, doc)
		return bool(get_doc_permissions(doc, user=user, ptype=ptype).get(ptype))
	if ptype == "submit" and not cint(meta.is_submittable):
		return False
	if ptype == "import" and not cint(meta.allow_import):
		return False
	return bool(get_role_permissions(meta, user=user).get(ptype))


def has_child_permission(child_doctype, ptype="read", child_doc=None, user=None, parent_doctype=None) -> bool:
	if isinstance(child_doc, str):
		child_doc = frappe.db.get_value(
			child_doctype, child_doc, ("parent", "parenttype", "parentfield"), as_dict=True
		)
	if child_doc:
		parent_doctype = child_doc.get("parenttype")
	if not parent_doctype:
		return False
	parent_meta = frappe.get_meta(parent_doctype)
	if parent_meta.istable or not [
		df for df in parent_meta.get_table_fields() if df.options == child_doctype
	]:
		return False
	parent = None
	if child_doc:
		parent = getattr(child_doc, "parent_doc", None) or child_doc.get("parent")
	return has_permission(parent_doctype, ptype=ptype, doc=parent, user=user)


def requires_owner_constraint(role_permissions) -> bool:
	if not role_permissions.get("has_if_owner_enabled"):
		return False
	if_owner_perms = role_permissions.get("if_owner")
	if not if_owner_perms:
		return False
	for perm_type in ("select", "read"):
		if role_permissions.get(perm_type) and perm_type not in if_owner_perms:
			return False
	return True


def get_doctype_roles(doctype, access_type="read") -> list[str]:
	meta = frappe.get_meta(doctype)
	return [d.role for d in meta.get("permissions") if d.get(access_type)]


def check_admin_or_system_manager(user=None):
	if not user:
		user = frappe.session.user
	if ("System Manager" not in frappe.get_roles(user)) and (user != "Administrator"):
		frappe.throw(_("Not permitted"), frappe.PermissionError)
