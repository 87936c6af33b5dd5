"""Filters, field lists and ordering evaluated over the double's in-memory rows.

Two filter dialects exist in real Frappe and both are reproduced:
- "list": frappe.get_all / get_list (frappe.model.db_query.DatabaseQuery), which wraps most
  comparisons in IFNULL(column, fallback), so NULL behaves like '' (0 for numbers, 0001-01-01 for dates).
- "qb": frappe.db.get_value / exists / count / set_value / delete (frappe.qb engine of v15), which
  uses plain SQL three-valued logic, so NULL never matches a comparison, and a None value means IS NULL.
String comparisons follow MariaDB's default collation: case-insensitive, trailing spaces ignored.
"""

import datetime
import re

import frappe
from frappe.model import numeric_fieldtypes
from frappe.utils import cstr, flt, get_datetime, get_timedelta, getdate

NUMERIC = set(numeric_fieldtypes)
OPERATORS = (
	"=",
	"!=",
	"<>",
	">",
	"<",
	">=",
	"<=",
	"like",
	"not like",
	"in",
	"not in",
	"is",
	"between",
	"descendants of",
	"not descendants of",
	"descendants of (inclusive)",
	"ancestors of",
	"not ancestors of",
)
NESTED_SET_OPERATORS = OPERATORS[13:]
_IDENTIFIER = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
_QUALIFIED = re.compile(r"`?tab([^`.]+)`?\.`?([A-Za-z0-9_]+)`?")


def unknown_column(meta, column: str, clause: str, qualify: bool) -> Exception:
	from frappe.database import OperationalError

	shown = f"tab{meta.name}.{column}" if qualify else column
	return OperationalError(1054, f"Unknown column '{shown}' in '{clause}'")


def clean_column(doctype: str, column) -> str:
	text = cstr(column).strip()
	match = _QUALIFIED.fullmatch(text)
	if match:
		if match.group(1) != doctype:
			raise NotImplementedError(
				f"the Frappe test double runs no joins; {text!r} refers to another table than tab{doctype}"
			)
		text = match.group(2)
	text = text.strip("`")
	if not _IDENTIFIER.fullmatch(text):
		raise NotImplementedError(
			f"the Frappe test double cannot evaluate the SQL expression {column!r}; use plain field names"
		)
	return text


def checked_column(meta, column, clause: str, qualify: bool) -> str:
	name = clean_column(meta.name, column)
	if meta.column_type(name) is None:
		raise unknown_column(meta, name, clause, qualify)
	return name


def _text(value) -> str:
	if isinstance(value, datetime.datetime | datetime.date | datetime.timedelta):
		value = str(value)
	return cstr(value).casefold().rstrip(" ")


def comparable(ftype: str | None, value):
	"""The value as MariaDB compares it in a column of this field type (None stays None)."""
	if value is None:
		return None
	if isinstance(value, bool):
		value = int(value)
	if ftype in NUMERIC:
		return value if isinstance(value, int | float) else flt(value)
	if ftype in ("Date", "Datetime"):
		if value == "":
			return None
		if isinstance(value, datetime.datetime | datetime.date):
			return get_datetime(value)
		return get_datetime(cstr(value))
	if ftype == "Time":
		return get_timedelta(value) if value != "" else None
	return _text(value)


def fallback(ftype: str | None):
	if ftype in NUMERIC:
		return 0
	if ftype in ("Date", "Datetime"):
		return datetime.datetime(1, 1, 1)
	if ftype == "Time":
		return datetime.timedelta(0)
	return ""


def _compare(operator: str, left, right) -> bool:
	try:
		return _apply(operator, left, right)
	except TypeError:
		return _apply(operator, _text(left), _text(right))


def _apply(operator: str, left, right) -> bool:
	if operator == "=":
		return left == right
	if operator in ("!=", "<>"):
		return left != right
	if operator == ">":
		return left > right
	if operator == "<":
		return left < right
	if operator == ">=":
		return left >= right
	if operator == "<=":
		return left <= right
	raise ValueError(operator)


def like_pattern(pattern: str) -> re.Pattern:
	parts, index = [], 0
	while index < len(pattern):
		char = pattern[index]
		if char == "\\" and index + 1 < len(pattern):
			parts.append(re.escape(pattern[index + 1]))
			index += 2
			continue
		parts.append(".*" if char == "%" else "." if char == "_" else re.escape(char))
		index += 1
	return re.compile("".join(parts), re.IGNORECASE | re.DOTALL)


def _like_text(value) -> str:
	if isinstance(value, datetime.datetime | datetime.date | datetime.timedelta):
		return str(value)
	return cstr(value)


def _in_values(value) -> list:
	values = value
	if isinstance(values, str):
		values = values.split(",")
	elif not isinstance(values, list | tuple | set):
		values = [values]
	values = [cstr(v).strip() for v in values]
	return values or [""]


def _between_bounds(ftype: str | None, value):
	if not isinstance(value, list | tuple) or len(value) != 2:
		frappe.throw(frappe._("Between filter needs two values"))
	low, high = value
	if ftype in ("Date", "Datetime"):
		low = get_datetime(getdate(low)) if ftype == "Date" else _datetime_bound(low, datetime.time())
		end_of_day = datetime.time(23, 59, 59, 999999)
		high = get_datetime(getdate(high)) if ftype == "Date" else _datetime_bound(high, end_of_day)
		return low, high
	return comparable(ftype, low), comparable(ftype, high)


def _datetime_bound(value, time: datetime.time):
	if isinstance(value, datetime.datetime):
		return value
	if isinstance(value, datetime.date) or (isinstance(value, str) and len(value.strip()) <= 10):
		return datetime.datetime.combine(getdate(value), time)
	return get_datetime(value)


def make_test(ftype: str | None, operator: str, value, dialect: str):
	"""A function row_value -> bool for one condition."""
	if operator == "is":
		wanted_set = cstr(value).lower() == "set"
		if cstr(value).lower() not in ("set", "not set"):
			raise ValueError("`is` operator only supports `set` and `not set` as value")
		empty = comparable(ftype, "")

		def test_is(row_value):
			is_set = row_value is not None and comparable(ftype, row_value) != empty
			return is_set if wanted_set else not is_set

		return test_is

	if dialect == "qb" and value is None:
		if operator in ("!=", "<>"):
			# v16 compares IFNULL(column, '') != '' here (v15 wrote IS NULL); upstream LMS relies on v16
			empty = comparable(ftype, "")
			return lambda row_value: row_value is not None and comparable(ftype, row_value) != empty
		return lambda row_value: row_value is None

	if operator in ("in", "not in"):
		wanted = [comparable(ftype, v) for v in _in_values(value)]
		positive = operator == "in"

		def test_in(row_value):
			if row_value is None:
				if dialect == "qb":
					return False
				row_value = fallback(ftype)
			current = comparable(ftype, row_value)
			hit = any(w is not None and _compare("=", current, w) for w in wanted)
			return hit if positive else not hit

		return test_in

	if operator in ("like", "not like"):
		pattern = like_pattern(cstr(value))
		positive = operator == "like"

		def test_like(row_value):
			if row_value is None:
				if dialect == "qb" or (positive and value):
					return False
				row_value = ""
			matched = bool(pattern.fullmatch(_like_text(row_value)))
			return matched if positive else not matched

		return test_like

	if operator == "between":
		low, high = _between_bounds(ftype, value)

		def test_between(row_value):
			if row_value is None:
				if dialect == "qb":
					return False
				row_value = fallback(ftype)
			current = comparable(ftype, row_value)
			return _compare(">=", current, low) and _compare("<=", current, high)

		return test_between

	if value is None:
		value = ""
	wanted = comparable(ftype, value)
	plain = dialect == "qb" or (operator == "=" and bool(value))

	def test_compare(row_value):
		if wanted is None:
			return False
		if row_value is None:
			if plain:
				return False
			row_value = fallback(ftype)
		return _compare(operator, comparable(ftype, row_value), wanted)

	return test_compare


def normalize_filters(doctype: str, filters) -> list[tuple[str, str, object]]:
	"""Filters in any Frappe form as a list of (column, operator, value)."""
	if filters is None or filters == {} or filters == []:
		return []
	if isinstance(filters, str | int):
		return [("name", "=", filters)]
	out = []
	if isinstance(filters, dict):
		for key, value in filters.items():
			if isinstance(value, list | tuple):
				if len(value) != 2:
					frappe.throw(
						frappe._("Filter value for {0} must be a value or [operator, value]").format(key)
					)
				out.append((key, value[0], value[1]))
			else:
				out.append((key, "=", value))
	elif isinstance(filters, list | tuple):
		for item in filters:
			if isinstance(item, dict):
				out.extend(normalize_filters(doctype, item))
			elif isinstance(item, list | tuple):
				if len(item) == 4:
					if item[0] != doctype:
						raise NotImplementedError(
							f"the Frappe test double runs no joins; filter {list(item)!r} is on {item[0]!r}"
						)
					out.append((item[1], item[2], item[3]))
				elif len(item) == 3:
					out.append((item[0], item[1], item[2]))
				elif len(item) == 2:
					out.append((item[0], "=", item[1]))
				else:
					frappe.throw(frappe._("Filter must have 4 values (doctype, fieldname, operator, value)"))
			else:
				raise NotImplementedError(f"the Frappe test double cannot read the filter {item!r}")
	else:
		raise NotImplementedError(f"the Frappe test double cannot read the filters {filters!r}")
	normalized = []
	for column, operator, value in out:
		operator = cstr(operator).strip().lower()
		if operator == "==":
			operator = "="
		if operator not in OPERATORS:
			frappe.throw(frappe._("Operator must be one of {0}").format(", ".join(OPERATORS)))
		if isinstance(value, bool):
			value = int(value)
		normalized.append((column, operator, value))
	return normalized


def parse_fields(meta, fields, qualify: bool) -> list[tuple[str, str]]:
	"""(column, key in the result) pairs of a field list; '*' is every column."""
	if fields is None:
		fields = ["name"]
	if isinstance(fields, str):
		fields = [part.strip() for part in fields.split(",") if part.strip()]
	out = []
	for field in fields:
		text = cstr(field).strip()
		if text == "*" or text == f"`tab{meta.name}`.*":
			out.extend((column, column) for column in meta.get_valid_columns())
			continue
		if "(" in text:
			raise NotImplementedError(
				f"the Frappe test double runs no SQL functions or aggregates ({text!r}); aggregate in Python"
			)
		parts = re.split(r"\s+as\s+", text, flags=re.IGNORECASE)
		if len(parts) > 2:
			raise NotImplementedError(f"the Frappe test double cannot read the field {text!r}")
		column = checked_column(meta, parts[0], "field list", qualify)
		alias = parts[1].strip().strip("`") if len(parts) == 2 else column
		out.append((column, alias))
	return out


def parse_order_by(meta, order_by: str | None, default_desc: bool, qualify: bool) -> list[tuple[str, bool]]:
	if not order_by:
		return []
	spec = []
	for part in cstr(order_by).split(","):
		tokens = part.strip().split()
		if not tokens:
			continue
		if len(tokens) > 2:
			raise NotImplementedError(f"the Frappe test double cannot order by {part.strip()!r}")
		column = checked_column(meta, tokens[0], "order clause", qualify)
		direction = tokens[1].lower() if len(tokens) == 2 else ("desc" if default_desc else "asc")
		if direction not in ("asc", "desc"):
			raise NotImplementedError(f"the Frappe test double cannot order by {part.strip()!r}")
		spec.append((column, direction == "desc"))
	return spec


def sort_rows(meta, rows: list[dict], spec: list[tuple[str, bool]]) -> list[dict]:
	rows = list(rows)
	for column, descending in reversed(spec):
		ftype = meta.column_type(column)

		def key(row, column=column, ftype=ftype):
			value = row.get(column)
			return (0, 0) if value is None else (1, comparable(ftype, value))

		try:
			rows.sort(key=key, reverse=descending)
		except TypeError:
			rows.sort(key=lambda row, column=column: _text(row.get(column)), reverse=descending)
	return rows
