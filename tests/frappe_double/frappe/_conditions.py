"""Evaluate the SQL condition strings returned by `permission_query_conditions` hooks.

Only this grammar is understood (anything else raises NotImplementedError):
	condition  := term ("or" term)*
	term       := factor ("and" factor)*
	factor     := "(" condition ")" | column ("=" | "!=" | "<>") literal
			|  column ["not"] "in" "(" literal, ... ")"
	column     := `tabDocType`.`field` | tabDocType.field | `field` | field
	literal    := 'quoted string' | number
NULL follows SQL: a comparison with NULL is unknown, and unknown rows are not returned.
"""

import re

from frappe.database import query as q

_PART = r"(?:`[^`]+`|[A-Za-z_][A-Za-z0-9_]*)"
_TOKEN = re.compile(
	r"\s*(?:(?P<string>'(?:[^'\\]|\\.|'')*')|(?P<number>-?\d+(?:\.\d+)?)|(?P<op>!=|<>|=|\(|\)|,)"
	rf"|(?P<word>{_PART}(?:\.{_PART})?))"
)


def _unsupported(condition: str):
	return NotImplementedError(
		f"the Frappe test double only understands `tabDocType`.`field` = 'x' / in ('a', 'b') conditions "
		f"joined by and/or; got {condition!r}"
	)


def _tokenize(condition: str) -> list[tuple[str, str]]:
	tokens, position = [], 0
	text = condition.strip()
	while position < len(text):
		if text[position:].strip() == "":
			break
		match = _TOKEN.match(text, position)
		if not match or match.end() == position:
			raise _unsupported(condition)
		kind = match.lastgroup
		tokens.append((kind, match.group(kind).strip()))
		position = match.end()
	return tokens


def compile_condition(meta, condition: str):
	"""A function row -> True/False/None (unknown) for the condition string."""
	tokens = _tokenize(condition)
	position = 0

	def peek():
		return tokens[position] if position < len(tokens) else (None, None)

	def take(expected_kind=None, expected_value=None):
		nonlocal position
		kind, value = peek()
		if kind is None or (expected_kind and kind != expected_kind):
			raise _unsupported(condition)
		if expected_value and value.lower() != expected_value:
			raise _unsupported(condition)
		position += 1
		return value

	def literal():
		kind, value = peek()
		take()
		if kind == "string":
			return value[1:-1].replace("''", "'").replace("\\'", "'").replace("\\\\", "\\")
		if kind == "number":
			return float(value) if "." in value else int(value)
		raise _unsupported(condition)

	def factor():
		kind, value = peek()
		if kind == "op" and value == "(":
			take()
			inner = expression()
			take("op", ")")
			return inner
		word = take("word")
		if peek() == ("op", "("):
			raise _unsupported(condition)
		column = q.checked_column(meta, word, "where clause", True)
		ftype = meta.column_type(column)
		kind, value = peek()
		negate = False
		if kind == "word" and value.lower() == "not":
			take()
			negate = True
			kind, value = peek()
		if kind == "word" and value.lower() == "in":
			take()
			take("op", "(")
			values = [literal()]
			while peek() == ("op", ","):
				take()
				values.append(literal())
			take("op", ")")
			wanted = [q.comparable(ftype, v) for v in values]

			def test_in(row):
				current = row.get(column)
				if current is None:
					return None
				hit = any(q.comparable(ftype, current) == w for w in wanted)
				return (not hit) if negate else hit

			return test_in
		if negate or kind != "op" or value not in ("=", "!=", "<>"):
			raise _unsupported(condition)
		operator = take()
		wanted = q.comparable(ftype, literal())

		def test_compare(row):
			current = row.get(column)
			if current is None:
				return None
			equal = q.comparable(ftype, current) == wanted
			return equal if operator == "=" else not equal

		return test_compare

	def term():
		parts = [factor()]
		while peek()[0] == "word" and peek()[1].lower() == "and":
			take()
			parts.append(factor())

		def test_and(row):
			results = [part(row) for part in parts]
			if any(result is False for result in results):
				return False
			return None if any(result is None for result in results) else True

		return test_and

	def expression():
		parts = [term()]
		while peek()[0] == "word" and peek()[1].lower() == "or":
			take()
			parts.append(term())

		def test_or(row):
			results = [part(row) for part in parts]
			if any(result is True for result in results):
				return True
			return None if any(result is None for result in results) else False

		return test_or

	test = expression()
	if position != len(tokens):
		raise _unsupported(condition)
	return test
