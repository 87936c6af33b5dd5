"""Stand-in for frappe/model/delete_doc.py: permission and submitted checks, on_trash, link checks."""

import frappe
from frappe import _
from frappe.model.docstatus import DocStatus

# frappe's own hooks.py `ignore_links_on_delete`
IGNORE_LINKS_ON_DELETE = (
	"Communication",
	"ToDo",
	"DocShare",
	"Email Unsubscribe",
	"Activity Log",
	"File",
	"Version",
	"Document Follow",
	"Comment",
	"View Log",
	"Tag Link",
	"Notification Log",
	"Email Queue",
	"Document Share Key",
	"Integration Request",
	"Unhandled Email",
	"Webhook Request Log",
	"Workspace",
	"Route History",
	"Access Log",
	"Permission Log",
)


def _ignored_on_delete() -> set[str]:
	return set(IGNORE_LINKS_ON_DELETE) | set(frappe.get_hooks("ignore_links_on_delete") or [])


def delete_doc(
	doctype=None,
	name=None,
	force=0,
	ignore_doctypes=None,
	for_reload=False,
	ignore_permissions=False,
	flags=None,
	ignore_on_trash=False,
	ignore_missing=True,
	delete_permanently=False,
):
	"""Delete a document like frappe.delete_doc (Deleted Document copies are not kept by the double)."""
	if not frappe.db.exists(doctype, name):
		if not ignore_missing:
			raise frappe.DoesNotExistError(doctype=doctype)
		return False
	name = frappe.db.get_value(doctype, name, "name") if not frappe.get_meta(doctype).issingle else name
	doc = frappe.get_doc(doctype, name)
	if not for_reload:
		if flags:
			doc.flags.update(flags)
		if ignore_permissions:
			doc.flags.ignore_permissions = True
		check_permission_and_not_submitted(doc)
		if not ignore_on_trash:
			doc.run_method("on_trash")
			doc.flags.in_delete = True
			doc.run_method("on_change")
		if not force:
			check_if_doc_is_linked(doc)
			check_if_doc_is_dynamically_linked(doc)
	db = frappe.local.db
	db._delete_row(doctype, doc.name)
	for child_doctype in {df.options for df in doc.meta.get_table_fields()}:
		if child_doctype in (ignore_doctypes or []):
			continue
		db._log("delete", child_doctype)  # one DELETE per child table, as delete_from_table does
		for child_name, row in list(db.tables.get(child_doctype, {}).items()):
			if row.get("parent") == doc.name and row.get("parenttype") == doctype:
				db._delete_row(child_doctype, child_name, log=False)
	doc.run_method("after_delete")


def check_permission_and_not_submitted(doc):
	if (
		not doc.flags.ignore_permissions
		and frappe.session.user != "Administrator"
		and not doc.has_permission("delete")
	):
		frappe.msgprint(
			_("User not allowed to delete {0}: {1}").format(doc.doctype, doc.name),
			raise_exception=frappe.PermissionError,
		)
	if doc.docstatus.is_submitted():
		frappe.msgprint(
			_("{0} {1}: Submitted Record cannot be deleted. You must {2} Cancel {3} it first.").format(
				_(doc.doctype), doc.name, "", ""
			),
			raise_exception=True,
		)


def _link_fields(doctype: str) -> list[tuple[str, str]]:
	out = []
	for other in frappe.model.meta.all_doctypes():
		meta = frappe.get_meta(other)
		for df in meta.get_link_fields():
			if df.options == doctype and not df.is_virtual:
				out.append((other, df.fieldname))
	return out


def raise_link_exists_exception(doc, reference_doctype, reference_docname, row=""):
	doc_link = f'<a href="/app/Form/{doc.doctype}/{doc.name}">{doc.name}</a>'
	reference_link = f'<a href="/app/Form/{reference_doctype}/{reference_docname}">{reference_docname}</a>'
	if reference_doctype == reference_docname:
		reference_doctype = ""
	frappe.throw(
		_("Cannot delete or cancel because {0} {1} is linked with {2} {3} {4}").format(
			_(doc.doctype), doc_link, _(reference_doctype), reference_link, row
		),
		frappe.LinkExistsError,
	)


def check_if_doc_is_linked(doc, method="Delete"):
	ignored = set()
	if method == "Cancel" and doc.get("ignore_linked_doctypes"):
		ignored.update(doc.get("ignore_linked_doctypes"))
	if method == "Delete":
		ignored.update(_ignored_on_delete())
	for link_dt, link_field in _link_fields(doc.doctype):
		if link_dt in ignored or (link_field == "amended_from" and method == "Cancel"):
			continue
		meta = frappe.get_meta(link_dt)
		if meta.issingle:
			if frappe.db.get_single_value(link_dt, link_field) == doc.name:
				raise_link_exists_exception(doc, link_dt, link_dt)
			continue
		fields = ["name", "docstatus"] + (["parent", "parenttype"] if meta.istable else [])
		for item in frappe.db.get_values(link_dt, {link_field: doc.name}, fields, as_dict=True):
			item_parent = item.get("parent")
			linked_parent_doctype = item.parenttype if item_parent else link_dt
			if linked_parent_doctype in ignored:
				continue
			if method != "Delete" and (method != "Cancel" or not DocStatus(item.docstatus).is_submitted()):
				continue
			if link_dt == doc.doctype and (item_parent or item.name) == doc.name:
				continue
			raise_link_exists_exception(doc, linked_parent_doctype, item_parent or item.name)


def check_if_doc_is_dynamically_linked(doc, method="Delete"):
	ignored = _ignored_on_delete()
	db = frappe.local.db
	for other in frappe.model.meta.all_doctypes():
		if other in ignored:
			continue
		meta = frappe.get_meta(other)
		if meta.issingle:
			continue
		for df in meta.get_dynamic_link_fields():
			rows = [
				row
				for row in db.tables.get(other, {}).values()
				if row.get(df.options) == doc.doctype and row.get(df.fieldname) == doc.name
			]
			if not rows:
				continue
			db._log("select", other)
			for refdoc in rows:
				docstatus = refdoc.get("docstatus") or 0
				if (method == "Delete" and docstatus < 2) or (method == "Cancel" and docstatus == 1):
					reference_doctype = refdoc.get("parenttype") if meta.istable else other
					reference_docname = refdoc.get("parent") if meta.istable else refdoc["name"]
					if reference_doctype == doc.doctype and reference_docname == doc.name:
						continue
					at_position = f"at Row: {refdoc.get('idx')}" if meta.istable else ""
					raise_link_exists_exception(doc, reference_doctype, reference_docname, at_position)
