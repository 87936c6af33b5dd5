"""The double's `frappe.db`: an in-memory database with savepoints, rollback and a query log."""

import contextlib
import datetime
import json

import frappe
from frappe.database import query as q
from frappe.model import float_like_fields, table_fields
from frappe.utils import cint, cstr, flt, get_datetime, get_timedelta, getdate

DEFAULT_ORDER = object()


class DatabaseError(Exception):
	"""Like pymysql.err.DatabaseError."""


class OperationalError(DatabaseError):
	"""Like pymysql.err.OperationalError (1054 Unknown column, 1305 savepoint does not exist...)."""


class ProgrammingError(DatabaseError):
	"""Like pymysql.err.ProgrammingError (1146 table does not exist)."""


class IntegrityError(DatabaseError):
	"""Like pymysql.err.IntegrityError (1062 duplicate entry)."""


class CallbackManager:
	"""Like frappe.database.database.CallbackManager: callbacks run once, then are forgotten."""

	def __init__(self):
		self._functions = []

	def add(self, func):
		self._functions.append(func)

	def run(self):
		while self._functions:
			self._functions.pop(0)()

	def reset(self):
		self._functions.clear()


def db_value(ftype: str | None, value, unique: bool = False, label: str | None = None):
	"""A value as the database stores and returns it for a column of this field type."""
	if isinstance(value, list) and ftype not in table_fields:
		frappe.throw(frappe._("Value for {0} cannot be a list").format(label or ftype))
	if ftype == "Check":
		return 1 if cint(value) else 0
	if ftype in ("Int", "Long Int"):
		return value if isinstance(value, int) and not isinstance(value, bool) else cint(value)
	if ftype in float_like_fields:
		return flt(value)
	if unique and cstr(value).strip() == "":
		return None
	if value is None:
		return None
	if ftype == "Date":
		return getdate(value) if value != "" else None
	if ftype == "Datetime":
		return get_datetime(value) if value != "" else None
	if ftype == "Time":
		return get_timedelta(value) if value != "" else None
	if ftype == "JSON" and isinstance(value, dict | list):
		return json.dumps(value, separators=(",", ":"))
	if isinstance(value, datetime.datetime):
		return value.strftime("%Y-%m-%d %H:%M:%S.%f")
	return cstr(value)


class Database:
	"""In-memory tables keyed by DocType, with the frappe.db API the app uses."""

	db_type = "mariadb"
	OperationalError = OperationalError
	ProgrammingError = ProgrammingError
	IntegrityError = IntegrityError
	DataError = DatabaseError
	InternalError = DatabaseError

	def __init__(self):
		self.tables: dict[str, dict[str, dict]] = {}
		self.singles: dict[str, dict] = {}
		self.series: dict[str, int] = {}
		self.custom_field_version = 0
		self.query_log: list[tuple[str, str]] = []
		self.before_commit = CallbackManager()
		self.after_commit = CallbackManager()
		self.before_rollback = CallbackManager()
		self.after_rollback = CallbackManager()
		self.value_cache = {}
		self._savepoints: list[tuple[str, tuple]] = []
		self._muted = 0
		self._name_index: dict[str, dict[str, str]] = {}
		self._journal: list[tuple[str, str, dict | None]] = []
		self._unique_indexes: dict[tuple[str, str], dict] = {}
		self._baseline = self._snapshot()

	# -- transactions ----------------------------------------------------------------------------

	def _snapshot(self) -> tuple:
		"""A transaction mark: the undo journal's length, and copies of the small singles/series maps.

		Row writes are undone from the journal rather than by copying every table, so a savepoint
		costs the same however large the store grows.
		"""
		singles = {dt: dict(values) for dt, values in self.singles.items()}
		return len(self._journal), singles, dict(self.series)

	def _restore(self, snapshot: tuple):
		mark, singles, series = snapshot
		while len(self._journal) > mark:
			doctype, name, previous = self._journal.pop()
			table = self.tables.setdefault(doctype, {})
			if previous is None:
				table.pop(name, None)
			else:
				table[name] = previous
		self.singles = {dt: dict(values) for dt, values in singles.items()}
		self.series = dict(series)
		self.custom_field_version += 1
		self._name_index.clear()
		self._unique_indexes.clear()

	def _remember(self, doctype: str, name: str):
		"""Journal the row as it is before a write or delete, for rollback."""
		self._journal.append((doctype, name, self.tables.get(doctype, {}).get(name)))

	def _log(self, verb: str, doctype: str):
		if not self._muted:
			self.query_log.append((verb, doctype))

	@contextlib.contextmanager
	def muted(self):
		"""Reads that Frappe serves from its caches: nothing is logged inside this block."""
		self._muted += 1
		try:
			yield
		finally:
			self._muted -= 1

	def commit(self):
		self.before_commit.run()
		self._log("commit", "")
		self._journal.clear()
		self._baseline = self._snapshot()
		self._savepoints.clear()
		self.value_cache.clear()
		self.after_rollback.reset()
		self.before_rollback.reset()
		self.after_commit.run()

	def rollback(self, *, save_point: str | None = None, chain: bool = False):
		if save_point:
			for index, (name, snapshot) in enumerate(self._savepoints):
				if name == save_point:
					self._log("rollback", "")
					self._restore(snapshot)
					del self._savepoints[index + 1 :]
					return
			raise OperationalError(1305, f"SAVEPOINT {save_point} does not exist")
		self.before_rollback.run()
		self._log("rollback", "")
		self._restore(self._baseline)
		self._savepoints.clear()
		self.value_cache.clear()
		self.after_commit.reset()
		self.before_commit.reset()
		self.after_rollback.run()
		frappe.local.realtime_log = []

	def savepoint(self, save_point: str):
		self._log("savepoint", "")
		self._savepoints = [sp for sp in self._savepoints if sp[0] != save_point]
		self._savepoints.append((save_point, self._snapshot()))

	def release_savepoint(self, save_point: str):
		self._log("savepoint", "")
		for index, (name, _snapshot) in enumerate(self._savepoints):
			if name == save_point:
				del self._savepoints[index]
				return
		raise OperationalError(1305, f"SAVEPOINT {save_point} does not exist")

	def sql(self, *args, **kwargs):
		raise NotImplementedError("the double runs no raw SQL; use frappe.get_all/frappe.qb-free APIs")

	def multisql(self, *args, **kwargs):
		return self.sql(*args, **kwargs)

	def sql_list(self, *args, **kwargs):
		return self.sql(*args, **kwargs)

	@staticmethod
	def escape(s, percent: bool = True) -> str:
		text = cstr(s)
		if percent:
			text = text.replace("%", "%%")
		text = text.replace("\\", "\\\\").replace("'", "\\'")
		return f"'{text}'"

	@staticmethod
	def is_column_missing(e) -> bool:
		return isinstance(e, OperationalError) and bool(e.args) and e.args[0] == 1054

	@staticmethod
	def is_table_missing(e) -> bool:
		return isinstance(e, ProgrammingError) and bool(e.args) and e.args[0] == 1146

	@staticmethod
	def is_duplicate_entry(e) -> bool:
		return isinstance(e, IntegrityError) and bool(e.args) and e.args[0] == 1062

	# -- raw row access (used by Document; logging is done by the callers) ----------------------

	def _table(self, doctype: str) -> dict[str, dict]:
		meta = frappe.get_meta(doctype)
		if meta.issingle:
			raise ProgrammingError(1146, f"Table 'tab{doctype}' doesn't exist")
		return self.tables.setdefault(doctype, {})

	def _find(self, doctype: str, name) -> str | None:
		"""The stored name matching `name` as MariaDB would (case-insensitive), or None."""
		if name is None:
			return None
		table = self.tables.get(doctype, {})
		name = cstr(name)
		if name in table:
			return name
		index = self._name_index.get(doctype)
		if index is None or len(index) != len(table):
			index = self._name_index[doctype] = {q.comparable("Data", stored): stored for stored in table}
		found = index.get(q.comparable("Data", name))
		return found if found in table else None

	def _unique_index(self, doctype: str, df) -> dict:
		"""Comparable value -> row name for one unique column, as the database's unique index."""
		key = (doctype, df.fieldname)
		if key not in self._unique_indexes:
			self._unique_indexes[key] = {
				q.comparable(df.fieldtype, row[df.fieldname]): name
				for name, row in self.tables.get(doctype, {}).items()
				if row.get(df.fieldname) is not None
			}
		return self._unique_indexes[key]

	def _unique_fields(self, doctype: str) -> list:
		return [df for df in frappe.get_meta(doctype).fields if df.unique]

	def _check_unique(self, doctype: str, row: dict, name: str):
		for df in self._unique_fields(doctype):
			if row.get(df.fieldname) is None:
				continue
			holder = self._unique_index(doctype, df).get(q.comparable(df.fieldtype, row[df.fieldname]))
			if holder is not None and holder != name and holder in self.tables.get(doctype, {}):
				error = IntegrityError(
					1062, f"Duplicate entry '{row[df.fieldname]}' for key '{df.fieldname}'"
				)
				frappe.msgprint(frappe._("{0} must be unique").format(frappe._(df.label or df.fieldname)))
				raise frappe.UniqueValidationError(doctype, name, error)

	def _reindex_unique(self, doctype: str, name: str, old: dict | None, new: dict | None):
		for df in self._unique_fields(doctype):
			index = self._unique_indexes.get((doctype, df.fieldname))
			if index is None:
				continue
			if old and old.get(df.fieldname) is not None:
				value = q.comparable(df.fieldtype, old[df.fieldname])
				if index.get(value) == name:
					del index[value]
			if new and new.get(df.fieldname) is not None:
				index[q.comparable(df.fieldtype, new[df.fieldname])] = name

	def _write_row(self, doctype: str, row: dict, verb: str | None):
		table = self._table(doctype)
		self._check_unique(doctype, row, row["name"])
		if row["name"] not in table and doctype in self._name_index:
			self._name_index[doctype][q.comparable("Data", row["name"])] = row["name"]
		self._remember(doctype, row["name"])
		self._reindex_unique(doctype, row["name"], table.get(row["name"]), row)
		table[row["name"]] = row
		if doctype == "Custom Field":
			self.custom_field_version += 1
		if verb:
			self._log(verb, doctype)

	def _delete_row(self, doctype: str, name: str, log: bool = True):
		if name in self.tables.get(doctype, {}):
			self._remember(doctype, name)
			self._reindex_unique(doctype, name, self.tables[doctype][name], None)
		self.tables.get(doctype, {}).pop(name, None)
		self._name_index.pop(doctype, None)
		if doctype == "Custom Field":
			self.custom_field_version += 1
		if log:
			self._log("delete", doctype)

	def _normalize_row(self, doctype: str, values: dict) -> dict:
		meta = frappe.get_meta(doctype)
		row = {}
		for column in meta.get_valid_columns():
			df = meta.get_field(column)
			row[column] = db_value(
				meta.column_type(column),
				values.get(column),
				bool(df and df.unique),
				df.label if df else column,
			)
		return row

	# -- queries -----------------------------------------------------------------------------------

	def _candidate_rows(self, doctype: str, filters):
		"""Rows a query must test: the one row when it asks for a name, as the primary key finds it."""
		table = self.tables.get(doctype, {})
		for column, operator, value in q.normalize_filters(doctype, filters):
			if column == "name" and operator == "=" and isinstance(value, str):
				found = self._find(doctype, value)
				return [table[found]] if found else []
		return table.values()

	def _predicate(self, meta, filters, dialect: str, qualify: bool):
		tests = []
		for column, operator, value in q.normalize_filters(meta.name, filters):
			column = q.checked_column(meta, column, "where clause", qualify)
			if operator in q.NESTED_SET_OPERATORS:
				operator, value = self._nested_set_names(meta, column, operator, value)
			test = q.make_test(meta.column_type(column), operator, value, dialect)
			tests.append((column, test))
		return tests

	def _nested_set_names(self, meta, column: str, operator: str, value):
		df = meta.get_field(column)
		ref_doctype = df.options if df and df.fieldtype == "Link" else meta.name
		rows = self.tables.get(ref_doctype, {})
		node = rows.get(self._find(ref_doctype, value) or "")
		names = []
		if node:
			lft, rgt = node.get("lft") or 0, node.get("rgt") or 0
			for name, row in rows.items():
				row_lft, row_rgt = row.get("lft") or 0, row.get("rgt") or 0
				if "descendants" in operator:
					inside = row_lft > lft and row_rgt < rgt
					if operator == "descendants of (inclusive)":
						inside = inside or name == node["name"]
				else:
					inside = row_lft < lft and row_rgt > rgt
				if inside:
					names.append(name)
		return ("not in" if operator.startswith("not") else "in"), (names or [""])

	def select(
		self,
		doctype: str,
		*,
		filters=None,
		or_filters=None,
		fields=None,
		order_by=DEFAULT_ORDER,
		limit=None,
		start=0,
		distinct=False,
		dialect="list",
		extra=None,
		pluck=None,
		as_list=False,
		group_by=None,
		verb="select",
	) -> list:
		"""Run one query and log it; rows come back as frappe._dict (or tuples / plucked values)."""
		meta = frappe.get_meta(doctype)
		qualify = dialect == "list"
		if group_by:
			raise NotImplementedError("the Frappe test double does not group rows; aggregate in Python")
		if meta.issingle:
			raise ProgrammingError(1146, f"Table 'tab{doctype}' doesn't exist")
		if pluck:
			fields = [pluck]
		columns = q.parse_fields(meta, fields, qualify)
		tests = self._predicate(meta, filters, dialect, qualify)
		or_tests = self._predicate(meta, or_filters, dialect, qualify) if or_filters else []
		if order_by is DEFAULT_ORDER:
			sort_field = meta.get("sort_field") or "creation"
			sort_order = meta.get("sort_order") or "DESC"
			order_by = f"{sort_field} {sort_order}" if meta.column_type(sort_field) else "modified desc"
		order = q.parse_order_by(meta, order_by, dialect == "qb", qualify)
		self._log(verb, doctype)

		rows = [
			row
			for row in self._candidate_rows(doctype, filters)
			if all(test(row.get(column)) for column, test in tests)
			and (not or_tests or any(test(row.get(column)) for column, test in or_tests))
			and (extra is None or extra(row))
		]
		rows = q.sort_rows(meta, rows, order)
		start = cint(start)
		rows = rows[start : start + cint(limit)] if cint(limit) else rows[start:]

		out, seen = [], set()
		for row in rows:
			record = frappe._dict((alias, row.get(column)) for column, alias in columns)
			if distinct:
				key = tuple(record.values())
				if key in seen:
					continue
				seen.add(key)
			out.append(record)
		if pluck:
			return [record[pluck] for record in out]
		if as_list:
			return [tuple(record.values()) for record in out]
		return out

	def get_all(self, *args, **kwargs):
		return frappe.get_all(*args, **kwargs)

	def get_list(self, *args, **kwargs):
		return frappe.get_list(*args, **kwargs)

	def _is_single_lookup(self, doctype: str, filters) -> bool:
		return filters is None or (filters == doctype and doctype != "DocType")

	def get_singles_dict(self, doctype: str, debug=False, *, for_update=False, cast=True) -> "frappe._dict":
		self._log("select", doctype)
		return self._singles_values(doctype)

	def _singles_values(self, doctype: str) -> "frappe._dict":
		meta = frappe.get_meta(doctype)
		stored = self.singles.get(doctype, {})
		out = frappe._dict()
		for key, value in stored.items():
			ftype = meta.column_type(key)
			out[key] = db_value(ftype, value) if ftype else value
		return out

	def get_values(
		self,
		doctype,
		filters=None,
		fieldname="name",
		ignore=None,
		as_dict=False,
		debug=False,
		order_by=DEFAULT_ORDER,
		update=None,
		cache=False,
		for_update=False,
		*,
		run=True,
		pluck=False,
		distinct=False,
		limit=None,
		**kwargs,
	):
		if isinstance(fieldname, str) and fieldname != "*":
			fields = [fieldname]
		else:
			fields = fieldname
		if self._is_single_lookup(doctype, filters):
			meta = frappe.get_meta(doctype)
			self._log("select", doctype)
			if not meta.issingle:
				return []
			values = self._singles_values(doctype)
			keys = meta.get_valid_columns() if fields == "*" else list(fields)
			record = frappe._dict((key, values.get(key)) for key in keys)
			if not record or all(value is None for value in record.values()):
				return []
			return [record] if as_dict else [tuple(record.values())]
		if isinstance(filters, str | int):
			filters = {"name": filters}
		elif isinstance(filters, list | tuple) and filters and all(isinstance(f, str | int) for f in filters):
			filters = {"name": ("in", list(filters))}
		if order_by is DEFAULT_ORDER:
			order_by = "modified desc"
		rows = self.select(
			doctype,
			filters=filters,
			fields=fields,
			order_by=order_by,
			limit=limit,
			distinct=distinct,
			dialect="qb",
		)
		if pluck:
			return [row.get(fields[0]) for row in rows]
		if as_dict:
			return rows
		return [tuple(row.values()) for row in rows]

	def get_value(
		self,
		doctype,
		filters=None,
		fieldname="name",
		ignore=None,
		as_dict=False,
		debug=False,
		order_by=DEFAULT_ORDER,
		cache=False,
		for_update=False,
		*,
		run=True,
		pluck=False,
		distinct=False,
		**kwargs,
	):
		"""Like frappe.db.get_value: a value, a tuple / _dict for several fields, or None."""
		rows = self.get_values(
			doctype, filters, fieldname, as_dict=as_dict, order_by=order_by, limit=1, distinct=distinct
		)
		if not rows:
			return None
		row = rows[0]
		if not as_dict and isinstance(fieldname, str) and fieldname != "*":
			return row[0]
		return row

	def get_single_value(self, doctype: str, fieldname: str, cache: bool = True):
		meta = frappe.get_meta(doctype)
		df = meta.get_field(fieldname)
		if not df and meta.column_type(fieldname) is None:
			frappe.throw(frappe._("Field {0} does not exist on {1}").format(fieldname, doctype))
		self._log("select", doctype)
		value = self.singles.get(doctype, {}).get(fieldname)
		return db_value(meta.column_type(fieldname), value)

	def set_single_value(self, doctype: str, fieldname, value=None, *args, **kwargs):
		to_update = fieldname if isinstance(fieldname, dict) else {fieldname: value}
		meta = frappe.get_meta(doctype)
		values = self.singles.setdefault(doctype, {})
		for key, new in to_update.items():
			values[key] = db_value(meta.column_type(key), new)
		self._log("update", doctype)

	def exists(self, dt, dn=None, cache=False):
		"""Like frappe.db.exists: the name of a matching document, or None."""
		if isinstance(dt, dict):
			filters = dict(dt)
			doctype = filters.pop("doctype")
			return self.get_value(doctype, filters, "name")
		if dt != "DocType" and dt == dn:
			return True
		if dn is None:
			return None
		return self.get_value(dt, dn, "name")

	def count(self, dt: str, filters=None, debug=False, cache=False, distinct: bool = True) -> int:
		return len(self.select(dt, filters=filters, fields=["name"], order_by=None, dialect="qb"))

	def set_value(
		self,
		dt,
		dn,
		field,
		val=None,
		modified=None,
		modified_by=None,
		update_modified=True,
		debug=False,
		for_update=True,
	):
		"""Raw UPDATE of matching rows: no controller, no validation, no doc_events."""
		meta = frappe.get_meta(dt)
		to_update = dict(field) if isinstance(field, dict) else {field: val}
		if update_modified:
			to_update["modified"] = modified or frappe.utils.now()
			to_update["modified_by"] = modified_by or frappe.session.user
		if meta.issingle:
			self.set_single_value(dt, to_update)
			return
		for column in to_update:
			if meta.column_type(column) is None:
				raise q.unknown_column(meta, column, "field list", False)
		filters = {"name": dn} if isinstance(dn, str | int) else dn
		tests = self._predicate(meta, filters, "qb", False)
		table = self.tables.get(dt, {})
		self._log("update", dt)  # one UPDATE statement, whatever the number of rows it changes
		for row in list(table.values()):
			if all(test(row.get(column)) for column, test in tests):
				updated = dict(row)
				for column, new in to_update.items():
					df = meta.get_field(column)
					updated[column] = db_value(
						meta.column_type(column), new, bool(df and df.unique), df.label if df else column
					)
				self._write_row(dt, updated, None)

	def bulk_insert(self, doctype: str, fields, values, ignore_duplicates=False, *, chunk_size=10_000):
		"""Raw multi-row INSERT, one statement per chunk: no naming, controller or validation, like Frappe."""
		rows = [dict(zip(fields, value, strict=True)) for value in values]
		for start in range(0, len(rows), chunk_size):
			self._log("insert", doctype)
			for values_by_field in rows[start : start + chunk_size]:
				row = self._normalize_row(doctype, values_by_field)
				if self._find(doctype, row["name"]):
					if ignore_duplicates:
						continue
					raise IntegrityError(1062, f"Duplicate entry '{row['name']}' for key 'PRIMARY'")
				self._write_row(doctype, row, None)

	def delete(self, doctype: str, filters=None, debug=False, **kwargs):
		"""Raw DELETE of matching rows (all rows when no filters, like Frappe)."""
		meta = frappe.get_meta(doctype)
		filters = filters or kwargs.get("conditions")
		if meta.issingle:
			self.singles.pop(doctype, None)
			self._log("delete", doctype)
			return
		tests = self._predicate(meta, filters, "qb", False)
		self._log("delete", doctype)  # one DELETE statement
		for name, row in list(self.tables.get(doctype, {}).items()):
			if all(test(row.get(column)) for column, test in tests):
				self._delete_row(doctype, name, log=False)

	def get_default(self, key, parent="__default"):
		return None
