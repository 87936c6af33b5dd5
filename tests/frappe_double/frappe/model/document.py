"""Stand-in for frappe/model/document.py and base_document.py: the document life cycle of Frappe v15/v16."""

import json
import weakref

import frappe
from frappe import _
from frappe.model import display_fieldtypes, optional_fields, table_fields
from frappe.model.docstatus import DocStatus
from frappe.utils import cint, cstr, flt, now, strip_html

RESERVED_KEYWORDS = frozenset(
	(
		"doctype",
		"meta",
		"flags",
		"_weakref",
		"_parent_doc",
		"_table_fields",
		"_doc_before_save",
		"_table_fieldnames",
		"permitted_fieldnames",
		"dont_update_if_missing",
	)
)
STANDARD_USERS = ("Guest", "Administrator")
MAX_INT = {"Int": 2**31 - 1, "Long Int": 2**63 - 1}
VARCHAR_TYPES = (
	"Data",
	"Link",
	"Dynamic Link",
	"Select",
	"Read Only",
	"Autocomplete",
	"Color",
	"Icon",
	"Phone",
)


def get_controller(doctype: str):
	"""The controller class of a DocType: app class, stand-in for upstream, or plain Document."""
	from frappe import _install

	return _install.get_controller(doctype)


def get_doc(*args, **kwargs):
	if args:
		if isinstance(args[0], Document):
			return args[0]
		if isinstance(args[0], str):
			doctype = args[0]
		elif isinstance(args[0], dict):
			kwargs = args[0]
		else:
			raise ValueError("First non keyword argument must be a string or dict")
	if len(args) < 2 and kwargs:
		if "doctype" in kwargs:
			doctype = kwargs["doctype"]
		else:
			raise ValueError('"doctype" is a required key')
	return get_controller(doctype)(*args, **kwargs)


def _filter(data, filters, limit=None):
	out = []
	for d in data:
		keep = True
		for key, wanted in filters.items():
			operator, operand = (wanted[0], wanted[1]) if isinstance(wanted, list | tuple) else ("=", wanted)
			value = d.get(key)
			if operator == "=":
				keep = value == operand
			elif operator == "!=":
				keep = value != operand
			elif operator == "in":
				keep = value in operand
			elif operator == "not in":
				keep = value not in operand
			elif operator in (">", "<", ">=", "<="):
				keep = frappe.compare(value, operator, operand)
			if not keep:
				break
		if keep:
			out.append(d)
			if limit and len(out) >= limit:
				break
	return out


class Document:
	"""All controllers inherit from `Document`."""

	def __init__(self, *args, **kwargs):
		self.doctype = None
		self.name = None
		self.flags = frappe._dict()
		if args and args[0]:
			if isinstance(args[0], str):
				self.doctype = args[0]
				self.name = self.doctype if len(args) == 1 else args[1]
				self.flags.for_update = kwargs.get("for_update")
				self.load_from_db()
				return
			if isinstance(args[0], dict):
				kwargs = args[0]
		if kwargs:
			self._base_init(kwargs)
			self.init_child_tables()
			self.init_valid_columns()
		else:
			raise ValueError("Illegal arguments")

	def _base_init(self, d: dict):
		if d.get("doctype"):
			self.doctype = d["doctype"]
		self.update(d)
		self.dont_update_if_missing = []
		if hasattr(self, "__setup__"):
			self.__setup__()

	# -- attributes ------------------------------------------------------------------------------

	@property
	def meta(self):
		return frappe.get_meta(self.doctype)

	@property
	def docstatus(self) -> DocStatus:
		value = self.__dict__.get("docstatus")
		if not isinstance(value, DocStatus):
			value = DocStatus(cint(value))
			self.__dict__["docstatus"] = value
		return value

	@docstatus.setter
	def docstatus(self, value):
		self.__dict__["docstatus"] = value if isinstance(value, DocStatus) else DocStatus(cint(value))

	@property
	def _table_fieldnames(self) -> dict:
		if not self.doctype:
			return {}
		meta = self.meta
		return {} if meta.istable else meta._table_doctypes

	@property
	def parent_doc(self):
		ref = self.__dict__.get("_parent_doc")
		if isinstance(ref, weakref.ReferenceType):
			return ref()
		return ref

	@parent_doc.setter
	def parent_doc(self, value):
		self.__dict__["_parent_doc"] = value

	def update(self, d):
		self.__dict__.update((k, v) for k, v in d.items() if k not in RESERVED_KEYWORDS)
		if self.flags.get("ignore_children"):
			return self
		for key in self._table_fieldnames:
			if key not in self.__dict__:
				continue
			value = self.__dict__[key]
			self.__dict__[key] = []
			if value:
				self.extend(key, value)
		return self

	def update_if_missing(self, d):
		if isinstance(d, Document):
			d = d.get_valid_dict()
		for key, value in d.items():
			if value is not None and self.get(key) is None and key not in self.dont_update_if_missing:
				self.set(key, value)

	def get(self, key, filters=None, limit=None, default=None):
		if isinstance(key, dict):
			return _filter(self.get_all_children(), key, limit=limit)
		if filters:
			if isinstance(filters, dict):
				return _filter(self.__dict__.get(key, []), filters, limit=limit)
			default = filters
		value = self.__dict__.get(key, default)
		if key == "docstatus" and value is not None:
			value = self.docstatus
		if limit and isinstance(value, list | tuple) and len(value) > limit:
			value = value[:limit]
		return value

	def getone(self, key, filters=None):
		return self.get(key, filters=filters, limit=1)[0]

	def set(self, key, value, as_value=False):
		if key in RESERVED_KEYWORDS:
			return
		if not as_value and key in self._table_fieldnames:
			self.__dict__[key] = []
			if value:
				self.extend(key, value)
			return
		if key == "docstatus":
			self.docstatus = value
			return
		self.__dict__[key] = value

	def delete_key(self, key):
		self.__dict__.pop(key, None)

	def append(self, key, value=None, position=-1):
		if value is None:
			value = {}
		table = self.__dict__.get(key)
		if table is None:
			self.__dict__[key] = table = []
		child = self._init_child(value, key)
		if position == -1:
			table.append(child)
			if not getattr(child, "idx", False):
				child.idx = len(table)
		else:
			table.insert(position, child)
			for index, row in enumerate(table, 1):
				row.idx = index
		child.__dict__["_parent_doc"] = weakref.ref(self)
		return child

	def extend(self, key, value):
		try:
			value = iter(value)
		except TypeError:
			raise ValueError from None
		for v in value:
			self.append(key, v)

	def remove(self, doc):
		if doc.get("parentfield"):
			self.get(doc.parentfield).remove(doc)
			for index, row in enumerate(self.get(doc.parentfield)):
				row.idx = index + 1

	def _init_child(self, value, key):
		if isinstance(value, Document):
			child = value
		else:
			doctype = self._table_fieldnames.get(key)
			if not doctype:
				raise AttributeError(key)
			value["doctype"] = doctype
			child = get_controller(doctype)(value)
		child.__dict__["parent"] = self.name
		child.__dict__["parenttype"] = self.doctype
		child.__dict__["parentfield"] = key
		if child.__dict__.get("docstatus") is None:
			child.docstatus = 0
		if not child.__dict__.get("name"):
			child.__dict__["__islocal"] = 1
			child.__dict__["__temporary_name"] = frappe.generate_hash(length=10)
		return child

	def init_child_tables(self):
		for fieldname in self._table_fieldnames:
			if self.__dict__.get(fieldname) is None:
				self.__dict__[fieldname] = []

	def init_valid_columns(self):
		if self.__dict__.get("docstatus") is None:
			self.docstatus = 0
		if self.__dict__.get("idx") is None:
			self.__dict__["idx"] = 0
		for key in self.meta.get_valid_columns():
			if key not in self.__dict__:
				self.__dict__[key] = None

	def is_new(self) -> bool:
		return self.get("__islocal")

	def get_all_children(self, parenttype=None) -> list["Document"]:
		children = []
		for df in self.meta.get_table_fields():
			if parenttype and df.options != parenttype:
				continue
			if value := self.get(df.fieldname):
				children.extend(value)
		return children

	def get_valid_dict(
		self, sanitize=True, convert_dates_to_str=False, ignore_nulls=False, ignore_virtual=False
	):
		d = frappe._dict()
		meta = self.meta
		for fieldname in meta.get_valid_columns():
			value = self.__dict__.get(fieldname)
			if fieldname == "docstatus" and value is not None:
				value = int(value)
			df = meta.get_field(fieldname)
			if not sanitize and value is None:
				d[fieldname] = None
				continue
			if df:
				if isinstance(value, list) and df.fieldtype not in table_fields:
					frappe.throw(_("Value for {0} cannot be a list").format(_(df.label)))
				if df.fieldtype == "Check":
					value = 1 if cint(value) else 0
				elif df.fieldtype == "Int" and not isinstance(value, int):
					value = cint(value)
				elif df.fieldtype in ("Float", "Currency", "Percent") and not isinstance(value, float):
					value = flt(value)
				elif (df.fieldtype in ("Date", "Datetime", "Time") and value == "") or (
					df.unique and cstr(value).strip() == ""
				):
					value = None
			if convert_dates_to_str and value is not None and hasattr(value, "isoformat"):
				value = str(value)
			if ignore_nulls and value is None:
				continue
			d[fieldname] = value
		return d

	def as_dict(
		self,
		no_nulls=False,
		no_default_fields=False,
		convert_dates_to_str=False,
		no_child_table_fields=False,
		no_private_properties=False,
	) -> dict:
		doc = self.get_valid_dict(convert_dates_to_str=convert_dates_to_str, ignore_nulls=no_nulls)
		doc["doctype"] = self.doctype
		for fieldname in self._table_fieldnames:
			doc[fieldname] = [
				d.as_dict(
					convert_dates_to_str=convert_dates_to_str,
					no_nulls=no_nulls,
					no_default_fields=no_default_fields,
					no_child_table_fields=no_child_table_fields,
				)
				for d in self.get(fieldname) or []
			]
		if no_default_fields:
			for key in ("name", "owner", "creation", "modified", "modified_by", "docstatus", "idx"):
				doc.pop(key, None)
		if no_child_table_fields:
			for key in ("parent", "parentfield", "parenttype"):
				doc.pop(key, None)
		if not no_private_properties:
			for key in (
				"_user_tags",
				"__islocal",
				"__onload",
				"_liked_by",
				"__run_link_triggers",
				"__unsaved",
			):
				if value := self.__dict__.get(key):
					doc[key] = value
		return doc

	def as_json(self):
		return frappe.as_json(self.as_dict())

	def get_title(self):
		return self.get(self.meta.get_title_field()) or ""

	def __repr__(self):
		name = self.name or "unsaved"
		docstatus = f" docstatus={int(self.docstatus)}" if self.docstatus else ""
		parent = f" parent={self.parent}" if self.__dict__.get("parent") else ""
		return f"<{self.__class__.__name__}: {name}{docstatus}{parent}>"

	def __str__(self):
		return f"{self.__class__.__name__}({self.name or 'unsaved'})"

	# -- loading ---------------------------------------------------------------------------------

	def load_from_db(self):
		self.flags.ignore_children = True
		if self.meta.issingle:
			single_doc = frappe.local.db.get_singles_dict(self.doctype)
			if not single_doc:
				single_doc = frappe.new_doc(self.doctype, as_dict=True)
				single_doc["name"] = self.doctype
				del single_doc["__islocal"]
			self._base_init(single_doc)
			self.init_valid_columns()
			self._fix_numeric_types()
		else:
			d = frappe.db.get_value(self.doctype, self.name, "*", as_dict=1, for_update=self.flags.for_update)
			if not d:
				frappe.throw(
					_("{0} {1} not found").format(_(self.doctype), self.name),
					frappe.DoesNotExistError(doctype=self.doctype),
				)
			self._base_init(d)
		self.flags.pop("ignore_children", None)
		for df in self.meta.get_table_fields():
			children = frappe.db.get_values(
				df.options,
				{"parent": self.name, "parenttype": self.doctype, "parentfield": df.fieldname},
				"*",
				as_dict=True,
				order_by="idx asc",
			)
			self.set(df.fieldname, children or [])
		if hasattr(self, "__setup__"):
			self.__setup__()

	def reload(self):
		self.load_from_db()

	def _fix_numeric_types(self):
		for df in self.meta.fields:
			if df.fieldtype == "Check":
				self.set(df.fieldname, cint(self.get(df.fieldname)))
			elif self.get(df.fieldname) is not None:
				if df.fieldtype == "Int":
					self.set(df.fieldname, cint(self.get(df.fieldname)))
				elif df.fieldtype in ("Float", "Currency", "Percent"):
					self.set(df.fieldname, flt(self.get(df.fieldname)))

	def get_latest(self):
		if not getattr(self, "_doc_before_save", None):
			self.load_doc_before_save()
		return self._doc_before_save

	def load_doc_before_save(self, *, raise_exception: bool = False):
		self._doc_before_save = None
		if self.is_new():
			return
		try:
			self._doc_before_save = frappe.get_doc(self.doctype, self.name, for_update=True)
		except frappe.DoesNotExistError:
			if raise_exception:
				raise
			frappe.clear_last_message()

	def get_doc_before_save(self):
		return getattr(self, "_doc_before_save", None)

	def has_value_changed(self, fieldname) -> bool:
		previous = self.get_doc_before_save()
		return previous.get(fieldname) != self.get(fieldname) if previous else True

	# -- permissions -----------------------------------------------------------------------------

	def check_permission(self, permtype="read", permlevel=None):
		if not self.has_permission(permtype):
			self.raise_no_permission_to(permlevel or permtype)

	def has_permission(self, permtype="read", verbose=False) -> bool:
		if self.flags.ignore_permissions:
			return True
		import frappe.permissions

		return frappe.permissions.has_permission(self.doctype, permtype, self)

	def raise_no_permission_to(self, perm_type):
		frappe.flags.error_message = _("Insufficient Permission for {0}").format(self.doctype)
		raise frappe.PermissionError(frappe.flags.error_message)

	def get_permissions(self):
		if self.meta.istable:
			return frappe.get_meta(self.parenttype).permissions
		return self.meta.permissions

	def get_permlevel_access(self, permission_type="write") -> list[int]:
		roles = frappe.get_roles()
		allowed = []
		for perm in self.get_permissions():
			if perm.role in roles and perm.get(permission_type) and cint(perm.permlevel) not in allowed:
				allowed.append(cint(perm.permlevel))
		return allowed

	def validate_higher_perm_levels(self):
		if self.flags.ignore_permissions or frappe.flags.in_install:
			return
		if frappe.session.user == "Administrator":
			return
		has_access_to = self.get_permlevel_access()
		high_fields = self.meta.get_high_permlevel_fields()
		if high_fields:
			self.reset_values_if_no_permlevel_access(has_access_to, high_fields)
		if self.is_new():
			return
		for df in self.meta.get_table_fields():
			child_high = frappe.get_meta(df.options).get_high_permlevel_fields()
			if child_high:
				for d in self.get(df.fieldname):
					d.reset_values_if_no_permlevel_access(has_access_to, child_high)

	def reset_values_if_no_permlevel_access(self, has_access_to, high_permlevel_fields):
		to_reset = [
			df
			for df in high_permlevel_fields
			if df.permlevel not in has_access_to
			and df.fieldtype not in display_fieldtypes
			and df.fieldname not in self.flags.get("ignore_permlevel_for_fields", [])
		]
		if not to_reset:
			return
		if self.is_new():
			ref_doc = frappe.new_doc(self.doctype)
		elif self.parent_doc:
			latest = self.parent_doc.get_latest()
			rows = [d for d in latest.get(self.parentfield) if d.name == self.name] if latest else []
			if not rows:
				return
			ref_doc = rows[0]
		else:
			ref_doc = self.get_latest()
		for df in to_reset:
			value = ref_doc.get(df.fieldname)
			if df.fieldtype in table_fields:
				value = [d.as_dict() for d in value or []]
			self.set(df.fieldname, value)

	# -- life cycle ------------------------------------------------------------------------------

	def insert(
		self,
		ignore_permissions=None,
		ignore_links=None,
		ignore_if_duplicate=False,
		ignore_mandatory=None,
		set_name=None,
		set_child_names=True,
	) -> "Document":
		if self.flags.in_print:
			return self
		self.flags.notifications_executed = []
		if ignore_permissions is not None:
			self.flags.ignore_permissions = ignore_permissions
		if ignore_links is not None:
			self.flags.ignore_links = ignore_links
		if ignore_mandatory is not None:
			self.flags.ignore_mandatory = ignore_mandatory
		self.set("__islocal", True)

		self._set_defaults()
		self.set_user_and_timestamp()
		self.set_docstatus()
		self.check_permission("create")
		self.check_if_latest()
		self._validate_links()
		self.run_method("before_insert")
		self.set_new_name(set_name=set_name, set_child_names=set_child_names)
		self.set_parent_in_children()
		self.validate_higher_perm_levels()

		self.flags.in_insert = True
		self.run_before_save_methods()
		self._validate()
		self.set_docstatus()
		self.flags.in_insert = False

		if self.meta.issingle:
			self.update_single(self.get_valid_dict())
		else:
			self.db_insert(ignore_if_duplicate=ignore_if_duplicate)
		for d in self.get_all_children():
			d.db_insert()
			d.__dict__.pop("__islocal", None)

		self.run_method("after_insert")
		self.flags.in_insert = True
		self.run_post_save_methods()
		self.flags.in_insert = False
		self.__dict__.pop("__islocal", None)
		self.__dict__.pop("__unsaved", None)
		return self

	def save(self, *args, **kwargs) -> "Document":
		return self._save(*args, **kwargs)

	def _save(self, ignore_permissions=None, ignore_version=None) -> "Document":
		if self.flags.in_print:
			return self
		self.flags.notifications_executed = []
		if ignore_permissions is not None:
			self.flags.ignore_permissions = ignore_permissions
		self.flags.ignore_version = frappe.flags.in_test if ignore_version is None else ignore_version
		if self.get("__islocal") or not self.get("name"):
			return self.insert()

		self.check_permission("write", "save")
		self.set_user_and_timestamp()
		self.set_docstatus()
		self.check_if_latest()
		self.set_parent_in_children()
		self.set_name_in_children()
		self.validate_higher_perm_levels()
		self._validate_links()
		self.run_before_save_methods()
		if self._action != "cancel":
			self._validate()
		if self._action == "update_after_submit":
			self.validate_update_after_submit()
		self.set_docstatus()

		if self.meta.issingle:
			self.update_single(self.get_valid_dict())
		else:
			self.db_update()
		self.update_children()
		self.run_post_save_methods()
		self.__dict__.pop("__unsaved", None)
		return self

	def submit(self) -> "Document":
		return self._submit()

	def _submit(self):
		self.docstatus = DocStatus.SUBMITTED
		return self.save()

	def cancel(self) -> "Document":
		return self._cancel()

	def _cancel(self):
		self.docstatus = DocStatus.CANCELLED
		return self.save()

	def delete(self, ignore_permissions=False, *, force=False, delete_permanently=False):
		return frappe.delete_doc(
			self.doctype,
			self.name,
			ignore_permissions=ignore_permissions,
			flags=self.flags,
			force=force,
			delete_permanently=delete_permanently,
		)

	def set_new_name(self, force=False, set_name=None, set_child_names=True):
		from frappe.model.naming import set_new_name, validate_name

		if self.flags.name_set and not force:
			return
		if self.get("__newname"):
			self.name = validate_name(self.doctype, self.get("__newname"))
			self.flags.name_set = True
			return
		if set_name:
			self.name = validate_name(self.doctype, set_name)
		else:
			set_new_name(self)
		if set_child_names:
			for d in self.get_all_children():
				set_new_name(d)
		self.flags.name_set = True

	def set_user_and_timestamp(self):
		self._original_modified = self.modified
		self.modified = now()
		self.modified_by = frappe.session.user
		if self.is_new() and not (
			frappe.flags.in_install or frappe.flags.in_patch or frappe.flags.in_migrate
		):
			self.creation = self.modified
			self.owner = self.modified_by
		for d in self.get_all_children():
			d.modified = self.modified
			d.modified_by = self.modified_by
			if not d.owner:
				d.owner = self.owner
			if not d.creation:
				d.creation = self.creation
		frappe.flags.currently_saving.append((self.doctype, self.name))

	def set_docstatus(self):
		if self.__dict__.get("docstatus") is None:
			self.docstatus = DocStatus.DRAFT
		for d in self.get_all_children():
			d.docstatus = self.docstatus

	def set_parent_in_children(self):
		for d in self.get_all_children():
			d.parent = self.name
			d.parenttype = self.doctype

	def set_name_in_children(self):
		from frappe.model.naming import set_new_name

		for d in self.get_all_children():
			if not d.name:
				set_new_name(d)

	def _set_defaults(self):
		if frappe.flags.in_import:
			return
		self.update_if_missing(frappe.new_doc(self.doctype, as_dict=True))
		for df in self.meta.get_table_fields():
			new_child = frappe.new_doc(df.options, as_dict=True)
			value = self.get(df.fieldname)
			if isinstance(value, list):
				for d in value:
					d.update_if_missing(new_child)

	def check_if_latest(self):
		self.load_doc_before_save(raise_exception=True)
		self._action = "save"
		previous = self._doc_before_save
		if not previous:
			self.check_docstatus_transition(0)
			return
		if cstr(previous.modified) != cstr(self._original_modified):
			frappe.msgprint(
				_("Error: Document has been modified after you have opened it")
				+ (f" ({previous.modified}, {self.modified}). ")
				+ _("Please refresh to get the latest document."),
				raise_exception=frappe.TimestampMismatchError,
			)
		if not self.meta.issingle:
			self.check_docstatus_transition(previous.docstatus)

	def check_docstatus_transition(self, to_docstatus):
		if not self.docstatus:
			self.docstatus = DocStatus.DRAFT
		if to_docstatus == 0:
			if self.docstatus.is_draft():
				self._action = "save"
			elif self.docstatus.is_submitted():
				self._action = "submit"
				self.check_permission("submit")
			elif self.docstatus.is_cancelled():
				raise frappe.DocstatusTransitionError(
					_("Cannot change docstatus from 0 (Draft) to 2 (Cancelled)")
				)
			else:
				raise frappe.ValidationError(_("Invalid docstatus"), self.docstatus)
		elif to_docstatus == 1:
			if self.docstatus.is_submitted():
				self._action = "update_after_submit"
				self.check_permission("submit")
			elif self.docstatus.is_cancelled():
				self._action = "cancel"
				self.check_permission("cancel")
			elif self.docstatus.is_draft():
				raise frappe.DocstatusTransitionError(
					_("Cannot change docstatus from 1 (Submitted) to 0 (Draft)")
				)
			else:
				raise frappe.ValidationError(_("Invalid docstatus"), self.docstatus)
		elif to_docstatus == 2:
			raise frappe.ValidationError(_("Cannot edit cancelled document"))

	def run_before_save_methods(self):
		if self._action in ("save", "submit"):
			self.run_method("before_validate")
		if self.flags.ignore_validate:
			return
		if self._action == "save":
			self.run_method("validate")
			self.run_method("before_save")
		elif self._action == "submit":
			self.run_method("validate")
			self.run_method("before_submit")
		elif self._action == "cancel":
			self.run_method("before_cancel")
		elif self._action == "update_after_submit":
			self.run_method("before_update_after_submit")

	def run_post_save_methods(self):
		if self._action == "save":
			self.run_method("on_update")
		elif self._action == "submit":
			self.run_method("on_update")
			self.run_method("on_submit")
		elif self._action == "cancel":
			self.run_method("on_cancel")
			self.check_no_back_links_exist()
		elif self._action == "update_after_submit":
			self.run_method("on_update_after_submit")
		self.clear_cache()
		if self.flags.get("notify_update", True):
			self.notify_update()
		self.save_version()
		self.run_method("on_change")
		if (self.doctype, self.name) in frappe.flags.currently_saving:
			frappe.flags.currently_saving.remove((self.doctype, self.name))

	def clear_cache(self):
		frappe.clear_document_cache(self.doctype, self.name)

	def notify_update(self):
		if frappe.flags.in_patch:
			return
		frappe.publish_realtime(
			"doc_update",
			{"modified": self.modified, "doctype": self.doctype, "name": self.name},
			doctype=self.doctype,
			docname=self.name,
			after_commit=True,
		)
		if not self.meta.get("read_only") and not self.meta.issingle and not self.meta.istable:
			data = {"doctype": self.doctype, "name": self.name, "user": frappe.session.user}
			frappe.publish_realtime("list_update", data, after_commit=True)

	def save_version(self):
		"""A Version row on insert only for imports (updater_reference), as in Frappe; diffs are not kept."""
		if (
			not self.meta.track_changes
			or self.doctype == "Version"
			or self.flags.ignore_version
			or frappe.flags.in_install
			or self._doc_before_save
			or not self.flags.updater_reference
		):
			return
		data = {
			"creation": self.creation,
			"updater_reference": self.flags.updater_reference,
			"created_by": self.owner,
		}
		frappe.get_doc(
			{
				"doctype": "Version",
				"ref_doctype": self.doctype,
				"docname": self.name,
				"data": frappe.as_json(data, indent=None, separators=(",", ":")),
			}
		).insert(ignore_permissions=True)

	def run_method(self, method, *args, **kwargs):
		"""Controller method, then upstream apps' doc_events, then the app's doc_events."""

		def fn(self, *args, **kwargs):
			method_object = getattr(self, method, None)
			if method in self.__dict__ or callable(method_object):
				return method_object(*args, **kwargs)

		fn.__name__ = str(method)
		return Document.hook(fn)(self, *args, **kwargs)

	def run_trigger(self, method, *args, **kwargs):
		return self.run_method(method, *args, **kwargs)

	@staticmethod
	def hook(f):
		def add_to_return_value(self, new_return_value):
			if new_return_value is None:
				self._return_value = self.get("_return_value")
				return
			if isinstance(new_return_value, dict):
				if not self.get("_return_value"):
					self._return_value = {}
				self._return_value.update(new_return_value)
			else:
				self._return_value = new_return_value

		def composer(self, *args, **kwargs):
			method = f.__name__
			handlers = [
				getattr(self, name) for name in getattr(self, "upstream_doc_events", {}).get(method, [])
			]
			upstream = [lambda doc, method, *a, _h=h, **kw: _h(method, *a, **kw) for h in handlers]
			doc_events = frappe.get_doc_hooks()
			paths = doc_events.get(self.doctype, {}).get(method, []) + doc_events.get("*", {}).get(method, [])
			hooks = upstream + [frappe.get_attr(path) for path in paths]
			add_to_return_value(self, f(self, *args, **kwargs))
			for h in hooks:
				add_to_return_value(self, h(self, method, *args, **kwargs))
			return self.__dict__.pop("_return_value", None)

		return composer

	# -- validation ------------------------------------------------------------------------------

	def _validate(self):
		self._validate_mandatory()
		self._validate_data_fields()
		self._validate_selects()
		self._validate_non_negative()
		self._validate_length()
		self._sync_autoname_field()
		for d in self.get_all_children():
			d._validate_data_fields()
			d._validate_selects()
			d._validate_non_negative()
			d._validate_length()
			d._sync_autoname_field()
		if self.is_new():
			for fieldname in optional_fields:
				self.set(fieldname, None)
		else:
			self.validate_set_only_once()

	def _validate_mandatory(self):
		if self.flags.ignore_mandatory:
			return
		missing = self._get_missing_mandatory_fields()
		for d in self.get_all_children():
			missing.extend(d._get_missing_mandatory_fields())
		if not missing:
			return
		for _fieldname, msg in missing:
			frappe.msgprint(msg)
		raise frappe.MandatoryError(
			"[{doctype}, {name}]: {fields}".format(
				fields=", ".join(each[0] for each in missing), doctype=self.doctype, name=self.name
			)
		)

	def _get_missing_mandatory_fields(self):
		def get_msg(df):
			if df.fieldtype in table_fields:
				return _("Error: Data missing in table {0}").format(_(df.label))
			if self.get("parentfield"):
				return _("Error: {0} Row #{1}: Value missing for: {2}").format(
					frappe.bold(_(self.doctype)), self.idx, _(df.label)
				)
			return _("Error: Value missing for {0}: {1}").format(_(df.parent), _(df.label))

		def has_content(df):
			value = cstr(self.get(df.fieldname))
			text = strip_html(value).strip()
			if df.fieldtype == "Text Editor" or (df.fieldtype == "Code" and df.options == "HTML"):
				return bool(text or "<img" in value)
			return bool(text)

		missing = []
		for df in self.meta.get("fields", {"reqd": ("=", 1)}):
			if self.get(df.fieldname) in (None, []) or not has_content(df):
				missing.append((df.fieldname, get_msg(df)))
		if self.meta.istable:
			for fieldname in ("parent", "parenttype"):
				if not self.get(fieldname):
					missing.append((fieldname, get_msg(frappe._dict(label=fieldname, parent=self.doctype))))
		return missing

	def _validate_links(self):
		if self.flags.ignore_links or self._action == "cancel":
			return
		invalid_links, cancelled_links = self.get_invalid_links()
		for d in self.get_all_children():
			result = d.get_invalid_links(is_submittable=self.meta.is_submittable)
			invalid_links.extend(result[0])
			cancelled_links.extend(result[1])
		if invalid_links:
			msg = ", ".join(each[2] for each in invalid_links)
			frappe.throw(_("Could not find {0}").format(msg), frappe.LinkValidationError)
		if cancelled_links:
			msg = ", ".join(each[2] for each in cancelled_links)
			frappe.throw(_("Cannot link cancelled document: {0}").format(msg), frappe.CancelledLinkError)

	def get_invalid_links(self, is_submittable=False):
		def get_msg(df, docname):
			if self.get("parentfield"):
				return "{} #{}: {}: {}".format(_("Row"), self.idx, _(df.label), docname)
			return f"{_(df.label)}: {docname}"

		invalid_links, cancelled_links = [], []
		meta = self.meta
		for df in meta.get_link_fields() + meta.get_dynamic_link_fields():
			docname = self.get(df.fieldname)
			if not docname:
				continue
			if df.fieldtype == "Link":
				doctype = df.options
				if not doctype:
					frappe.throw(_("Options not set for link field {0}").format(df.fieldname))
			else:
				doctype = self.get(df.options)
				if not doctype:
					frappe.throw(_("{0} must be set first").format(meta.get_label(df.options)))
			target_meta = frappe.get_meta(doctype)
			fields_to_fetch = [
				_df
				for _df in meta.get_fields_to_fetch(df.fieldname)
				if not _df.get("fetch_if_empty")
				or (_df.get("fetch_if_empty") and not self.get(_df.fieldname))
			]
			if not fields_to_fetch:
				values = frappe._dict(name=frappe.db.get_value(doctype, docname, "name", cache=True))
			else:
				to_fetch = ("name", *(_df.fetch_from.split(".")[-1] for _df in fields_to_fetch))
				empty = frappe._dict({value: None for value in to_fetch})
				values = frappe.db.get_value(doctype, docname, to_fetch, as_dict=True, cache=True) or empty
			if target_meta.issingle:
				values.name = doctype
			if values:
				if not df.get("is_virtual"):
					setattr(self, df.fieldname, values.name)
				for _df in fields_to_fetch:
					if self.is_new() or not self.docstatus.is_submitted() or _df.allow_on_submit:
						self.set_fetch_from_value(doctype, _df, values)
				if not values.name:
					invalid_links.append((df.fieldname, docname, get_msg(df, docname)))
				elif (
					df.fieldname != "amended_from"
					and (is_submittable or meta.is_submittable)
					and target_meta.is_submittable
					and DocStatus(cint(frappe.db.get_value(doctype, docname, "docstatus"))).is_cancelled()
				):
					cancelled_links.append((df.fieldname, docname, get_msg(df, docname)))
		return invalid_links, cancelled_links

	def set_fetch_from_value(self, doctype, df, values):
		source = df.fetch_from.split(".")[-1]
		value = values[source]
		if df.fieldtype in ("Small Text", "Text", "Data"):
			source_df = frappe.get_meta(doctype).get_field(source)
			if source_df and source_df.fieldtype == "Text Editor" and value:
				value = strip_html(value)
		setattr(self, df.fieldname, value)

	def _validate_selects(self):
		if frappe.flags.in_import:
			return
		for df in self.meta.get_select_fields():
			if df.fieldname == "naming_series" or not self.get(df.fieldname) or not df.options:
				continue
			options = (df.options or "").split("\n")
			if not any(options):
				continue
			self.set(df.fieldname, cstr(self.get(df.fieldname)).strip())
			value = self.get(df.fieldname)
			if value not in options and not (frappe.flags.in_test and value.startswith("_T-")):
				prefix = _("Row #{0}:").format(self.idx) if self.get("parentfield") else ""
				label = _(self.meta.get_label(df.fieldname))
				comma_options = '", "'.join(_(each) for each in options)
				frappe.throw(
					_('{0} {1} cannot be "{2}". It should be one of "{3}"').format(
						prefix, label, value, comma_options
					)
				)

	def _validate_data_fields(self):
		from frappe.utils import split_emails, validate_email_address, validate_phone_number

		for df in self.meta.get_data_fields():
			data = self.get(df.fieldname)
			if not data:
				continue
			if df.get("oldfieldtype") and df.get("oldfieldtype") != "Data":
				continue
			if df.options == "Email":
				if self.owner in STANDARD_USERS and data in STANDARD_USERS:
					continue
				for email_address in split_emails(data):
					validate_email_address(email_address, throw=True)
			elif df.options == "Phone":
				validate_phone_number(data, throw=True)

	def _validate_non_negative(self):
		for df in self.meta.fields:
			if (
				df.non_negative
				and df.fieldtype in ("Int", "Float", "Currency")
				and flt(self.get(df.fieldname)) < 0
			):
				if self.get("parentfield"):
					msg = "{} {} #{}: {} {}".format(
						frappe.bold(_(self.doctype)),
						_("Row"),
						self.idx,
						_("Value cannot be negative for"),
						frappe.bold(_(df.label)),
					)
				else:
					msg = _("Value cannot be negative for {0}: {1}").format(
						_(df.parent), frappe.bold(_(df.label))
					)
				frappe.throw(msg, frappe.NonNegativeError, title=_("Negative Value"))

	def _validate_length(self):
		if frappe.flags.in_install or self.meta.issingle:
			return
		for fieldname, value in self.get_valid_dict(ignore_virtual=True).items():
			df = self.meta.get_field(fieldname)
			if not df or df.fieldtype == "Check":
				continue
			if df.fieldtype in VARCHAR_TYPES:
				max_length = cint(df.get("length")) or 140
				if len(cstr(value)) > max_length:
					self.throw_length_exceeded_error(df, max_length, value)
			elif df.fieldtype in MAX_INT:
				max_length = MAX_INT["Long Int" if cint(df.get("length")) > 11 else df.fieldtype]
				if abs(cint(value)) > max_length:
					self.throw_length_exceeded_error(df, max_length, value)

	def throw_length_exceeded_error(self, df, max_length, value):
		if self.get("parentfield"):
			reference = _("{0}, Row {1}").format(_(self.doctype), self.idx)
		else:
			reference = f"{_(self.doctype)} {self.name}"
		frappe.throw(
			_("{0}: '{1}' ({3}) will get truncated, as max characters allowed is {2}").format(
				reference, frappe.bold(_(df.label)), max_length, value
			),
			frappe.CharacterLengthExceededError,
			title=_("Value too big"),
		)

	def _sync_autoname_field(self):
		autoname = self.meta.autoname or ""
		_empty, _specifier, fieldname = autoname.partition("field:")
		if fieldname and self.name and self.name != self.get(fieldname):
			self.set(fieldname, self.name)

	def validate_set_only_once(self):
		before = self.get_doc_before_save()
		if not before:
			return
		for df in self.meta.get_set_only_once_fields():
			value, original = self.get(df.fieldname), before.get(df.fieldname)
			if df.fieldtype in table_fields:
				fail = len(value or []) != len(original or [])
			elif df.fieldtype in ("Date", "Datetime", "Time"):
				fail = str(value) != str(original)
			else:
				fail = value != original
			if fail:
				frappe.throw(
					_("Value cannot be changed for {0}").format(
						frappe.bold(self.meta.get_label(df.fieldname))
					),
					exc=frappe.CannotChangeConstantError,
				)

	def validate_update_after_submit(self):
		if self.flags.ignore_validate_update_after_submit:
			return
		self._validate_update_after_submit()
		for d in self.get_all_children():
			if d.is_new() and self.meta.get_field(d.parentfield).allow_on_submit:
				continue
			d._validate_update_after_submit()

	def _validate_update_after_submit(self):
		db_values = (
			frappe.get_doc(self.doctype, self.name).as_dict()
			if not self.meta.istable
			else (frappe.db.get_value(self.doctype, self.name, "*", as_dict=True) or {})
		)
		for key in self.as_dict():
			df = self.meta.get_field(key)
			db_value = db_values.get(key)
			if df and not df.allow_on_submit and (self.get(key) or db_value):
				if df.fieldtype in table_fields:
					self_value, db_value = len(self.get(key)), len(db_value)
				else:
					self_value = self.get_value(key)
				if df.fieldtype in ("Date", "Datetime", "Time"):
					self_value, db_value = cstr(self_value), cstr(db_value)
				if self_value != db_value:
					frappe.throw(
						_("{0} Not allowed to change {1} after submission from {2} to {3}").format(
							f"Row #{self.idx}:" if self.get("parentfield") else "",
							frappe.bold(_(df.label)),
							frappe.bold(db_value),
							frappe.bold(self_value),
						),
						frappe.UpdateAfterSubmitError,
						title=_("Cannot Update After Submit"),
					)

	def get_value(self, fieldname):
		df = self.meta.get_field(fieldname)
		value = self.get(fieldname)
		if df and value is not None:
			from frappe.database import db_value

			value = db_value(df.fieldtype, value)
		return value

	def check_no_back_links_exist(self):
		from frappe.model.delete_doc import check_if_doc_is_dynamically_linked, check_if_doc_is_linked

		if not self.flags.ignore_links:
			check_if_doc_is_linked(self, method="Cancel")
			check_if_doc_is_dynamically_linked(self, method="Cancel")

	# -- writing ---------------------------------------------------------------------------------

	def db_insert(self, ignore_if_duplicate=False):
		from frappe.model.naming import set_new_name

		if not self.name:
			set_new_name(self)
		if not self.creation:
			self.creation = self.modified = now()
			self.owner = self.modified_by = frappe.session.user
		db = frappe.local.db
		while True:
			existing = db._find(self.doctype, self.name)
			if not existing:
				break
			if self.meta.autoname == "hash":
				self.flags.retry_count = (self.flags.retry_count or 0) + 1
				if self.flags.retry_count <= 5:
					self.name = frappe.generate_hash(length=10)
					continue
			if ignore_if_duplicate:
				self.set("__islocal", False)
				return
			from frappe.database import IntegrityError

			error = IntegrityError(1062, f"Duplicate entry '{self.name}' for key 'PRIMARY'")
			frappe.msgprint(
				_("{0} {1} already exists").format(_(self.doctype), frappe.bold(self.name)),
				title=_("Duplicate Name"),
				indicator="red",
			)
			raise frappe.DuplicateEntryError(self.doctype, self.name, error)
		row = db._normalize_row(self.doctype, self.get_valid_dict(ignore_virtual=True))
		db._write_row(self.doctype, row, "insert")
		self.set("__islocal", False)

	def db_update(self):
		if self.get("__islocal") or not self.name:
			self.db_insert()
			return
		db = frappe.local.db
		row = db._normalize_row(self.doctype, self.get_valid_dict(ignore_virtual=True))
		stored = db._find(self.doctype, self.name)
		if stored is None:
			db._log("update", self.doctype)
			return
		row["name"] = stored
		db._write_row(self.doctype, row, "update")

	def db_update_all(self):
		self.db_update()
		for fieldname in self._table_fieldnames:
			for d in self.get(fieldname):
				d.db_update()

	def update_children(self):
		for df in self.meta.get_table_fields():
			self.update_child_table(df.fieldname, df)

	def update_child_table(self, fieldname, df=None):
		df = df or self.meta.get_field(fieldname)
		rows = []
		for d in self.get(df.fieldname):
			d.db_update()
			d.__dict__.pop("__islocal", None)
			rows.append(d.name)
		if df.options in (self.flags.ignore_children_type or []):
			return
		# like Frappe: a SELECT of the rows to drop and a DELETE, or one DELETE when the table is empty
		db = frappe.local.db
		stale = [
			name
			for name, row in db.tables.get(df.options, {}).items()
			if row.get("parent") == self.name
			and row.get("parenttype") == self.doctype
			and row.get("parentfield") == fieldname
			and name not in rows
		]
		if rows:
			db._log("select", df.options)
		if stale or not rows:
			db._log("delete", df.options)
		for name in stale:
			db._delete_row(df.options, name, log=False)

	def update_single(self, d):
		frappe.local.db.singles[self.doctype] = {}
		frappe.db.set_single_value(self.doctype, {k: v for k, v in d.items() if k != "doctype"})

	def db_set(self, fieldname, value=None, update_modified=True, notify=False, commit=False):
		"""Write straight to the database; like Frappe this still runs before_change and on_change."""
		if isinstance(fieldname, dict):
			self.update(fieldname)
		else:
			self.set(fieldname, value)
		if update_modified and (self.doctype, self.name) not in frappe.flags.currently_saving:
			self.set("modified", now())
			self.set("modified_by", frappe.session.user)
		if not self.get_doc_before_save():
			self.load_doc_before_save()
		self.run_method("before_change")
		if self.name is None:
			return
		if self.meta.issingle:
			frappe.db.set_single_value(self.doctype, fieldname, value)
		else:
			frappe.db.set_value(
				self.doctype,
				self.name,
				fieldname,
				value,
				self.modified,
				self.modified_by,
				update_modified=update_modified,
			)
		self.run_method("on_change")
		if notify:
			self.notify_update()
		self.clear_cache()
		if commit:
			frappe.db.commit()

	def db_get(self, fieldname):
		return frappe.db.get_value(self.doctype, self.name, fieldname)

	# -- helpers ---------------------------------------------------------------------------------

	def add_comment(
		self,
		comment_type="Comment",
		text=None,
		comment_email=None,
		link_doctype=None,
		link_name=None,
		comment_by=None,
	):
		return frappe.get_doc(
			{
				"doctype": "Comment",
				"comment_type": comment_type,
				"comment_email": comment_email or frappe.session.user,
				"comment_by": comment_by,
				"reference_doctype": self.doctype,
				"reference_name": self.name,
				"content": text or comment_type,
				"link_doctype": link_doctype,
				"link_name": link_name,
			}
		).insert(ignore_permissions=True)

	def log_error(self, title=None, message=None):
		return frappe.log_error(
			message=message, title=title, reference_doctype=self.doctype, reference_name=self.name
		)

	def validate_table_has_rows(self, parentfield, raise_exception=None):
		if not (isinstance(self.get(parentfield), list) and len(self.get(parentfield)) > 0):
			label = self.meta.get_label(parentfield)
			frappe.throw(
				_("Table {0} cannot be empty").format(label), raise_exception or frappe.EmptyTableError
			)

	def get_url(self):
		return f"/app/{frappe.scrub(self.doctype).replace('_', '-')}/{self.name}"

	def is_child_table_same(self, fieldname):
		before = self.get_doc_before_save()
		return len(self.get(fieldname) or []) == len(before.get(fieldname) or []) if before else False

	def set_onload(self, key, value):
		if not self.get("__onload"):
			self.set("__onload", frappe._dict())
		self.get("__onload")[key] = value

	def get_onload(self, key=None):
		if not key:
			return self.get("__onload", frappe._dict())
		return self.get("__onload")[key]

	@staticmethod
	def whitelist(fn):
		frappe.whitelist()(fn)
		return fn


BaseDocument = Document


def json_default(obj):
	if isinstance(obj, Document):
		return obj.as_dict()
	return str(obj)


__all__ = ["Document", "BaseDocument", "get_doc", "get_controller", "json"]
