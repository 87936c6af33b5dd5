"""Stand-in for frappe/model/meta.py: DocType metadata loaded from DocType JSON files."""

import copy

import frappe
from frappe.model import no_value_fields, optional_fields, table_fields
from frappe.utils import cint

STANDARD_FIELD_TYPES = {
	"name": "Data",
	"owner": "Data",
	"creation": "Datetime",
	"modified": "Datetime",
	"modified_by": "Data",
	"docstatus": "Int",
	"idx": "Int",
}
CHILD_FIELD_TYPES = {"parent": "Data", "parentfield": "Data", "parenttype": "Data"}
OPTIONAL_FIELD_TYPES = {
	"_user_tags": "Data",
	"_comments": "Text",
	"_assign": "Text",
	"_liked_by": "Text",
	"_seen": "Text",
}
INT_PROPERTIES = (
	"reqd",
	"unique",
	"permlevel",
	"read_only",
	"hidden",
	"allow_on_submit",
	"fetch_if_empty",
	"set_only_once",
	"non_negative",
	"no_copy",
	"is_virtual",
	"length",
	"ignore_user_permissions",
)
STANDARD_LABELS = {
	"name": "ID",
	"owner": "Created By",
	"modified_by": "Last Updated By",
	"creation": "Created On",
	"modified": "Last Updated On",
	"idx": "Index",
}


class MissingMetaError(RuntimeError):
	"""The double has no DocType definition for a doctype the code touched (a gap of the double)."""


_registry: dict[str, "Meta"] = {}
_merged_cache: dict[tuple[str, int], "Meta"] = {}
_cache_state = {"version": None}


def make_docfield(data: dict, parent: str) -> "frappe._dict":
	df = frappe._dict(data)
	for key in INT_PROPERTIES:
		df[key] = cint(df.get(key))
	df.parent = parent
	return df


class Meta:
	"""The metadata of one DocType, like frappe.model.meta.Meta (only what the double needs)."""

	def __init__(self, data: dict, source: str):
		self.__dict__["_data"] = frappe._dict(copy.deepcopy(data))
		self.__dict__["source"] = source
		self.__dict__["name"] = data["name"]
		self.__dict__["fields"] = [make_docfield(d, data["name"]) for d in data.get("fields") or []]
		self.__dict__["permissions"] = [frappe._dict(p) for p in data.get("permissions") or []]
		for perm in self.permissions:
			perm.permlevel = cint(perm.get("permlevel"))
		self._reindex()

	def _reindex(self):
		self.__dict__["_fields"] = {df.fieldname: df for df in self.fields}
		self.__dict__["_cache"] = {}

	def _cached(self, key, compute):
		cache = self.__dict__["_cache"]
		if key not in cache:
			cache[key] = compute()
		return cache[key]

	def __getattr__(self, key):
		if key.startswith("__") or "_data" not in self.__dict__:
			raise AttributeError(key)
		value = self._data.get(key)
		if key in (
			"istable",
			"issingle",
			"is_submittable",
			"is_tree",
			"track_changes",
			"track_seen",
			"custom",
			"is_virtual",
			"allow_import",
			"read_only",
		):
			return cint(value)
		return value

	def __repr__(self):
		return f"<Meta {self.name} ({self.source})>"

	def get(self, key, filters=None, limit=None, default=None):
		if key in ("fields", "permissions"):
			items = list(getattr(self, key))
			if filters:
				items = [d for d in items if _matches(d, filters)]
			return items[:limit] if limit else items
		if key == "name":
			return self.name
		value = getattr(self, key)
		return default if value is None else value

	def copy_with_fields(self, extra_fields: list[dict]) -> "Meta":
		clone = Meta.__new__(Meta)
		clone.__dict__.update(self.__dict__)
		fields = list(self.fields)
		for data in extra_fields:
			df = make_docfield(data, self.name)
			df.is_custom_field = 1
			fields = [f for f in fields if f.fieldname != df.fieldname]
			position = len(fields)
			for index, existing in enumerate(fields):
				if existing.fieldname == data.get("insert_after"):
					position = index + 1
					break
			fields.insert(position, df)
		clone.__dict__["fields"] = fields
		clone._reindex()
		return clone

	# field access
	def get_field(self, fieldname):
		return self._fields.get(fieldname)

	def has_field(self, fieldname) -> bool:
		return fieldname in self._fields

	def get_label(self, fieldname) -> str:
		df = self.get_field(fieldname)
		label = df.label if df else STANDARD_LABELS.get(fieldname)
		return frappe._(label) if label else frappe._("No Label")

	def get_title_field(self) -> str:
		title_field = self._data.get("title_field")
		if title_field and not self.has_field(title_field) and title_field != "name":
			title_field = None
		if not title_field and self.has_field("title"):
			title_field = "title"
		return title_field or "name"

	def _of_type(self, *fieldtypes):
		return self._cached(fieldtypes, lambda: [df for df in self.fields if df.fieldtype in fieldtypes])

	def get_link_fields(self):
		return [df for df in self._of_type("Link") if df.options != "[Select]"]

	def get_dynamic_link_fields(self):
		return list(self._of_type("Dynamic Link"))

	def get_table_fields(self):
		return list(self._of_type(*table_fields))

	def get_select_fields(self):
		return list(self._of_type("Select"))

	def get_data_fields(self):
		return list(self._of_type("Data"))

	def get_high_permlevel_fields(self):
		return list(self._cached("high", lambda: [df for df in self.fields if df.permlevel > 0]))

	def get_set_only_once_fields(self):
		return [df for df in self.fields if df.set_only_once]

	def get_fields_to_fetch(self, link_fieldname):
		return [
			df
			for df in self.fields
			if df.fieldtype not in no_value_fields
			and df.get("fetch_from")
			and df.fetch_from.startswith(link_fieldname + ".")
		]

	def get_naming_series_options(self) -> list[str]:
		df = self.get_field("naming_series")
		return (df.options or "").split("\n") if df else []

	@property
	def _table_doctypes(self) -> dict:
		return self._cached(
			"table_doctypes", lambda: {df.fieldname: df.options for df in self._of_type(*table_fields)}
		)

	def get_valid_columns(self) -> list[str]:
		return list(self._cached("valid_columns", self._valid_columns))

	def _valid_columns(self) -> list[str]:
		columns = list(STANDARD_FIELD_TYPES)
		if self.istable:
			columns += list(CHILD_FIELD_TYPES)
		else:
			columns += [f for f in optional_fields if f != "_seen" or self.track_seen]
		for df in self.fields:
			if df.fieldtype not in no_value_fields and not df.is_virtual and df.fieldname not in columns:
				columns.append(df.fieldname)
		return columns

	def column_type(self, column: str) -> str | None:
		"""Field type of a table column, or None if the table has no such column."""
		types = self._cached("column_types", dict)
		if column not in types:
			types[column] = self._column_type(column)
		return types[column]

	def _column_type(self, column: str) -> str | None:
		if column in STANDARD_FIELD_TYPES:
			return STANDARD_FIELD_TYPES[column]
		if self.istable and column in CHILD_FIELD_TYPES:
			return CHILD_FIELD_TYPES[column]
		if not self.istable and column in OPTIONAL_FIELD_TYPES and (column != "_seen" or self.track_seen):
			return OPTIONAL_FIELD_TYPES[column]
		df = self.get_field(column)
		if df and df.fieldtype not in no_value_fields and not df.is_virtual:
			return df.fieldtype
		return None

	def get_permlevel_access(self, permission_type="read", user=None) -> list[int]:
		roles = frappe.get_roles(user)
		return sorted({p.permlevel for p in self.permissions if p.role in roles and p.get(permission_type)})


def _matches(df, filters: dict) -> bool:
	for key, wanted in filters.items():
		value = df.get(key)
		if isinstance(wanted, list | tuple):
			operator, operand = wanted[0], wanted[1]
		else:
			operator, operand = "=", wanted
		if operator == "=" and not value == operand:
			return False
		if operator == "!=" and not value != operand:
			return False
		if operator == "in" and value not in operand:
			return False
		if operator == "not in" and value in operand:
			return False
	return True


def register(data: dict, source: str, override: bool = True) -> bool:
	name = data["name"]
	if name in _registry and not override:
		return False
	_registry[name] = Meta(data, source)
	_merged_cache.clear()
	return True


def has_meta(doctype: str) -> bool:
	return doctype in _registry


def all_doctypes() -> list[str]:
	return list(_registry)


def base_meta(doctype: str) -> Meta:
	if doctype not in _registry:
		raise MissingMetaError(
			f"The Frappe test double has no DocType definition for {doctype!r}. Add a reduced meta "
			f"(tests/frappe_double/frappe/_metas/) or the real JSON to the upstream doctypes folder."
		)
	return _registry[doctype]


def get_meta(doctype: str, cached: bool = True) -> Meta:
	"""The DocType meta with the Custom Field records of the current database state applied."""
	meta = base_meta(doctype)
	db = getattr(frappe.local, "db", None)
	if db is None:
		return meta
	version = db.custom_field_version
	if _cache_state["version"] != version:
		_merged_cache.clear()
		_cache_state["version"] = version
	key = (doctype, version)
	if key not in _merged_cache:
		custom = [row for row in db.tables.get("Custom Field", {}).values() if row.get("dt") == doctype]
		_merged_cache[key] = meta.copy_with_fields(custom) if custom else meta
	return _merged_cache[key]
