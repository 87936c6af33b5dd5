"""Stand-in for frappe/utils/nestedset.py: lft/rgt maintained on every save of a tree node.

The double renumbers the whole tree (roots and children ordered by name) instead of shifting ranges, so
the numbers differ from a real site but "descendants have lft/rgt inside the ancestor's range" holds.
A parent that is the node itself or one of its descendants raises NestedSetRecursionError, as in Frappe.
"""

import frappe
from frappe import _
from frappe.model.document import Document


class NestedSetRecursionError(frappe.ValidationError):
	pass


class NestedSetMultipleRootsError(frappe.ValidationError):
	pass


class NestedSetChildExistsError(frappe.ValidationError):
	pass


class NestedSetInvalidMergeError(frappe.ValidationError):
	pass


def _parent_field(doc) -> str:
	return getattr(doc, "nsm_parent_field", None) or "parent_" + frappe.scrub(doc.doctype)


def update_nsm(doc):
	parent_field = _parent_field(doc)
	old_parent_field = getattr(doc, "nsm_oldparent_field", None) or "old_parent"
	parent, old_parent = doc.get(parent_field) or None, doc.get(old_parent_field) or None
	db = frappe.local.db
	if not doc.lft and not doc.rgt:
		if parent:
			validate_loop(doc.doctype, doc.name, parent, parent_field)
		# update_add_node: read the parent, shift rgt and lft, check, set the node
		for verb in ("select", "update", "update", "select", "update"):
			db._log(verb, doc.doctype)
		_renumber(doc.doctype, parent_field)
	elif old_parent != parent:
		if parent:
			validate_loop(doc.doctype, doc.name, parent, parent_field)
		# update_move_node: a fixed number of range updates, whatever the size of the tree
		for verb in (
			"select",
			"update",
			"update",
			"update",
			"select",
			"update",
			"update",
			"update",
			"update",
		):
			db._log(verb, doc.doctype)
		_renumber(doc.doctype, parent_field)
	doc.set(old_parent_field, parent)
	frappe.db.set_value(doc.doctype, doc.name, old_parent_field, parent or "", update_modified=False)
	frappe.clear_document_cache(doc.doctype)
	doc.reload()


def validate_loop(doctype: str, name: str, parent: str, parent_field: str):
	"""The new parent must not be the node or one of its descendants."""
	rows = frappe.local.db.tables.get(doctype, {})
	frappe.local.db._log("select", doctype)
	seen, current = set(), parent
	while current and current not in seen:
		if current == name:
			frappe.throw(_("Item cannot be added to its own descendants"), NestedSetRecursionError)
		seen.add(current)
		current = (rows.get(current) or {}).get(parent_field)


def _renumber(doctype: str, parent_field: str):
	db = frappe.local.db
	rows = db.tables.get(doctype, {})
	children: dict[str, list[str]] = {}
	roots = []
	for name, row in rows.items():
		parent = row.get(parent_field)
		if parent and parent in rows:
			children.setdefault(parent, []).append(name)
		else:
			roots.append(name)
	numbers: dict[str, tuple[int, int]] = {}

	def number(name: str, left: int, path: set) -> int:
		right = left + 1
		for child in sorted(children.get(name, [])):
			if child not in path:
				right = number(child, right, path | {child})
		numbers[name] = (left, right)
		return right + 1

	counter = 1
	for root in sorted(roots):
		counter = number(root, counter, {root})
	for name, (lft, rgt) in numbers.items():
		row = rows[name]
		if row.get("lft") != lft or row.get("rgt") != rgt:
			db._write_row(doctype, {**row, "lft": lft, "rgt": rgt}, None)


def get_root_of(doctype: str):
	"""The first node that has no ancestor (insertion order stands in for the database's order)."""
	rows = list(frappe.local.db.tables.get(doctype, {}).values())
	frappe.local.db._log("select", doctype)
	for row in rows:
		lft, rgt = row.get("lft") or 0, row.get("rgt") or 0
		if rgt > lft and not any((o.get("lft") or 0) < lft and (o.get("rgt") or 0) > rgt for o in rows):
			return row["name"]
	return None


def rebuild_tree(doctype: str):
	meta = frappe.get_meta(doctype)
	_renumber(doctype, meta.nsm_parent_field or "parent_" + frappe.scrub(doctype))


def get_descendants_of(doctype, name, order_by="lft desc", limit=None, ignore_permissions=False):
	lft, rgt = frappe.db.get_value(doctype, name, ["lft", "rgt"])
	if rgt - lft <= 1:
		return []
	query = frappe.get_all if ignore_permissions else frappe.get_list
	return query(
		doctype,
		{"lft": [">", lft], "rgt": ["<", rgt]},
		"name",
		order_by=order_by,
		limit_page_length=limit,
		pluck="name",
	)


def get_ancestors_of(doctype, name, order_by="lft desc", limit=None):
	lft, rgt = frappe.db.get_value(doctype, name, ["lft", "rgt"])
	return frappe.get_all(
		doctype,
		{"lft": ["<", lft], "rgt": [">", rgt]},
		"name",
		order_by=order_by,
		limit_page_length=limit,
		pluck="name",
	)


class NestedSet(Document):
	"""Stand-in for upstream frappe/frappe frappe/utils/nestedset.py NestedSet."""

	def __setup__(self):
		if self.meta.get("nsm_parent_field"):
			self.nsm_parent_field = self.meta.nsm_parent_field

	def on_update(self):
		update_nsm(self)
		self.validate_ledger()

	def on_trash(self, allow_root_deletion=False):
		if not getattr(self, "nsm_parent_field", None):
			self.nsm_parent_field = frappe.scrub(self.doctype) + "_parent"
		self.validate_if_child_exists()
		self.set(self.nsm_parent_field, "")
		update_nsm(self)

	def validate_if_child_exists(self):
		if frappe.db.count(self.doctype, filters={self.nsm_parent_field: self.name}):
			frappe.throw(
				_("Cannot delete {0} as it has child nodes").format(self.name), NestedSetChildExistsError
			)

	def validate_ledger(self, group_identifier="is_group"):
		return None
