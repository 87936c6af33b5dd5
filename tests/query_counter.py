# Copyright (c) 2026, Smooth HR LMS contributors and contributors
# For license information, please see license.txt

"""Counts the database queries a block issues, on the double and on a real site."""

from contextlib import contextmanager
from dataclasses import dataclass, field

import frappe

READ_VERBS = frozenset({"select", "show", "desc", "describe"})
WRITE_VERBS = frozenset({"insert", "update", "delete", "replace"})


@dataclass
class QueryCount:
	verbs: list[str] = field(default_factory=list)

	@property
	def reads(self) -> int:
		return sum(verb in READ_VERBS for verb in self.verbs)

	@property
	def writes(self) -> int:
		return sum(verb in WRITE_VERBS for verb in self.verbs)

	@property
	def total(self) -> int:
		return len(self.verbs)


@contextmanager
def count_queries():
	count = QueryCount()
	query_log = getattr(frappe.db, "query_log", None)
	if query_log is not None:
		start = len(query_log)
		try:
			yield count
		finally:
			count.verbs.extend(verb for verb, _doctype in query_log[start:])
		return

	# Real Frappe: every query, qb or get_all, goes through frappe.db.sql.
	original_sql = frappe.db.sql

	def counting_sql(query, *args, **kwargs):
		count.verbs.append(str(query).lstrip().split(None, 1)[0].lower())
		return original_sql(query, *args, **kwargs)

	frappe.db.sql = counting_sql
	try:
		yield count
	finally:
		frappe.db.sql = original_sql
