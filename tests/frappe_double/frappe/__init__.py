"""In-memory test double of the Frappe framework (v15/v16 semantics) for the smooth_hr_lms test suite.

Only the API the app uses is provided. Double-only bootstrap API: `init(site, upstream_doctypes=...,
app_root=...)`, `connect()`, `double_install_app(app)` and `frappe.db.query_log`; see tests/README.md.
"""

import datetime
import importlib
import inspect
import json
import logging
import math
import secrets
import uuid
from decimal import Decimal

from frappe.exceptions import *  # noqa: F403
from frappe.exceptions import (
	DoesNotExistError,
	PermissionError,  # noqa: A004
	ValidationError,
)

STANDARD_USERS = ("Guest", "Administrator")


class _dict(dict):
	"""dict like object that exposes keys as attributes"""

	__slots__ = ()
	__getattr__ = dict.get
	__setattr__ = dict.__setitem__
	__delattr__ = dict.__delitem__

	def __getstate__(self):
		return self

	def __setstate__(self, d):
		self.update(d)

	def update(self, *args, **kwargs):
		super().update(*args, **kwargs)
		return self

	def copy(self):
		return _dict(self)


class _Local:
	"""Holder of the per-site state that real Frappe keeps in werkzeug locals."""


local = _Local()
local.initialised = False
local.flags = _dict()
local.session = _dict(user="Guest")
local.conf = _dict()
local.message_log = []
local.db = None

_LOCAL_PROXIES = (
	"db",
	"session",
	"flags",
	"conf",
	"message_log",
	"form_dict",
	"request",
	"response",
	"lang",
	"site",
	"realtime_log",
	"enqueued_jobs",
)


def __getattr__(name):
	if name in _LOCAL_PROXIES:
		return getattr(local, name, None)
	raise AttributeError(f"module 'frappe' has no attribute {name!r}")


class _NoQueryBuilder:
	def __getattr__(self, name):
		raise NotImplementedError(
			"the Frappe test double has no frappe.qb; use frappe.get_all / frappe.db APIs"
		)


qb = _NoQueryBuilder()


def _(msg, lang=None, context=None):
	"""Translation is the identity in the double."""
	return msg


def as_unicode(text, encoding: str = "utf-8") -> str:
	if isinstance(text, str):
		return text
	if text is None:
		return ""
	if isinstance(text, bytes):
		return str(text, encoding)
	return str(text)


# -- bootstrap (double-only) -----------------------------------------------------------------------


def init(site, sites_path=None, new_site=False, force=False, *, upstream_doctypes=None, app_root=None):
	"""Set up the site state and load the upstream and reduced DocType metas."""
	from frappe import _install

	local.site = site
	local.sites_path = sites_path or "."
	local.flags = _dict(
		currently_saving=[],
		in_test=True,
		in_install=False,
		in_import=False,
		in_patch=False,
		in_migrate=False,
		mute_messages=False,
		mute_emails=False,
		new_site=new_site,
	)
	local.conf = _dict(db_type="mariadb")
	local.session = _dict(user="Guest", sid="Guest", data=_dict())
	local.message_log = []
	local.realtime_log = []
	local.enqueued_jobs = []
	local.form_dict = _dict()
	local.request = None
	local.response = _dict(docs=[])
	local.lang = "en"
	local.role_permissions = {}
	local.new_doc_templates = {}
	local.db = None
	_install.init(upstream_doctypes=upstream_doctypes, app_root=app_root)
	local.initialised = True


def connect(site=None, db_name=None, set_admin_as_user=True):
	"""Create the in-memory database and seed the records every Frappe site has."""
	from frappe import _install
	from frappe.database import Database

	if site:
		init(site)
	local.db = Database()
	_install.seed(local.db)
	local.db.commit()
	local.db.query_log.clear()
	if set_admin_as_user:
		set_user("Administrator")


def double_install_app(app: str):
	"""Install an app like `bench install-app`: metas, before_install, after_install, fixtures, after_sync."""
	from frappe import _install

	_install.install_app(app)


def set_user(username: str):
	local.session.user = username
	local.session.sid = username
	local.session.data = _dict()
	local.role_permissions = {}
	local.new_doc_templates = {}


# -- roles and permissions --------------------------------------------------------------------------


def get_roles(username=None) -> list[str]:
	if not local.session or not local.session.user:
		return ["Guest"]
	return permissions.get_roles(username or local.session.user)


def has_permission(
	doctype=None,
	ptype="read",
	doc=None,
	user=None,
	verbose=False,
	throw=False,
	*,
	parent_doctype=None,
	print_logs=True,
	debug=False,
) -> bool:
	if not doctype and doc:
		doctype = doc.doctype
	out = permissions.has_permission(doctype, ptype, doc=doc, user=user, parent_doctype=parent_doctype)
	if throw and not out:
		document_label = f"{_(doctype)} {doc if isinstance(doc, str) else doc.name}" if doc else _(doctype)
		local.flags.error_message = _("No permission for {0}").format(document_label)
		raise PermissionError(local.flags.error_message)
	return out


def only_for(roles, message=False):
	"""Raise PermissionError unless the session user has one of the roles (no test-mode bypass)."""
	if local.session.user == "Administrator":
		return
	if isinstance(roles, str):
		roles = (roles,)
	if set(roles).isdisjoint(get_roles()):
		if not message:
			raise PermissionError
		throw(
			_("This action is only allowed for {}").format(bold(", ".join(roles))),
			PermissionError,
			_("Not Permitted"),
		)


def is_table(doctype: str) -> bool:
	return bool(get_meta(doctype).istable)


# -- whitelisting -----------------------------------------------------------------------------------

whitelisted = set()
guest_methods = set()
xss_safe_methods = set()
allowed_http_methods_for_whitelisted_func = {}


def whitelist(allow_guest=False, xss_safe=False, methods=None):
	"""Register a function as callable over HTTP; its type hints are validated in tests, like Frappe."""
	if not methods:
		methods = ["GET", "POST", "PUT", "DELETE"]

	def innerfn(fn):
		from frappe._typing import validate_argument_types

		def in_request_or_test():
			return getattr(local, "request", None) or local.flags.in_test

		method = None
		if hasattr(fn, "__func__"):
			method = validate_argument_types(fn, apply_condition=in_request_or_test)
			fn = method.__func__
		else:
			fn = validate_argument_types(fn, apply_condition=in_request_or_test)
		whitelisted.add(fn)
		allowed_http_methods_for_whitelisted_func[fn] = methods
		if allow_guest:
			guest_methods.add(fn)
			if xss_safe:
				xss_safe_methods.add(fn)
		return method or fn

	return innerfn


def is_whitelisted(method):
	is_guest = local.session["user"] == "Guest"
	if method not in whitelisted or (is_guest and method not in guest_methods):
		summary = _("You are not permitted to access this resource.")
		detail = _("Function {0} is not whitelisted.").format(bold(f"{method.__module__}.{method.__name__}"))
		throw(
			f"<details><summary>{summary}</summary>{detail}</details>",
			PermissionError,
			title=_("Method Not Allowed"),
		)


def get_module(modulename: str):
	return importlib.import_module(modulename)


def get_attr(method_string: str):
	if "." not in method_string:
		return globals()[method_string]
	modulename, methodname = method_string.rsplit(".", 1)
	return getattr(get_module(modulename), methodname)


def get_newargs(fn, kwargs: dict) -> dict:
	varkw_exist = False
	signature = inspect.signature(fn)
	fnargs = list(signature.parameters)
	for param_name, parameter in signature.parameters.items():
		if parameter.kind == inspect.Parameter.VAR_KEYWORD:
			varkw_exist = True
			fnargs.remove(param_name)
			break
	newargs = {key: value for key, value in kwargs.items() if key in fnargs or varkw_exist}
	newargs.pop("ignore_permissions", None)
	newargs.pop("flags", None)
	return newargs


def call(fn, *args, **kwargs):
	if isinstance(fn, str):
		fn = get_attr(fn)
	return fn(*args, **get_newargs(fn, kwargs))


# -- hooks and apps ---------------------------------------------------------------------------------


def get_hooks(hook=None, default="_KEEP_DEFAULT_LIST", app_name=None):
	from frappe import _install

	hooks = _install.get_app_hooks(app_name)
	if hook:
		return hooks.get(hook, [] if default == "_KEEP_DEFAULT_LIST" else default)
	return hooks


def get_doc_hooks() -> dict:
	return get_hooks("doc_events", {}) or {}


def get_installed_apps(*args, **kwargs) -> list[str]:
	from frappe import _install

	return ["frappe", "erpnext", "hrms", "lms", *_install.STATE.installed]


# -- documents --------------------------------------------------------------------------------------


def get_meta(doctype, cached=True):
	from frappe.model.meta import get_meta as _get_meta

	return _get_meta(doctype)


def get_doc(*args, **kwargs):
	from frappe.model.document import get_doc as _get_doc

	return _get_doc(*args, **kwargs)


def get_single(doctype):
	return get_doc(doctype, doctype)


def get_cached_doc(*args, **kwargs):
	"""Like get_doc, but served from the cache: no query is logged."""
	with local.db.muted():
		return get_doc(*args, **kwargs)


def get_cached_value(doctype, name, fieldname="name", as_dict=False):
	with local.db.muted():
		return local.db.get_value(doctype, name, fieldname, as_dict=as_dict)


def get_last_doc(doctype, filters=None, order_by="creation desc", *, for_update=False):
	names = get_all(doctype, filters=filters, limit_page_length=1, order_by=order_by, pluck="name")
	if names:
		return get_doc(doctype, names[0], for_update=for_update)
	raise DoesNotExistError(doctype=doctype)


def new_doc(doctype, *, parent_doc=None, parentfield=None, as_dict=False, **kwargs):
	from frappe import _install

	new = _install.new_doc_dict(doctype)
	if parent_doc:
		new["parent"] = parent_doc.name
		new["parenttype"] = parent_doc.doctype
	if parentfield:
		new["parentfield"] = parentfield
	new.update(kwargs)
	return new if as_dict else get_doc(new)


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
	from frappe.model.delete_doc import delete_doc as _delete_doc

	return _delete_doc(
		doctype,
		name,
		force,
		ignore_doctypes,
		for_reload,
		ignore_permissions,
		flags,
		ignore_on_trash,
		ignore_missing,
		delete_permanently,
	)


def get_list(doctype, *args, **kwargs):
	"""Query rows with the permissions of the session user (role perms, if_owner, permission hooks)."""
	from frappe import _install

	return _install.run_list_query(doctype, *args, **kwargs)


def get_all(doctype, *args, **kwargs):
	"""Query rows ignoring permissions."""
	kwargs["ignore_permissions"] = True
	if "limit_page_length" not in kwargs:
		kwargs["limit_page_length"] = 0
	return get_list(doctype, *args, **kwargs)


def get_value(*args, **kwargs):
	return local.db.get_value(*args, **kwargs)


def clear_cache(user=None, doctype=None):
	local.role_permissions = {}
	local.new_doc_templates = {}


def clear_document_cache(doctype=None, name=None):
	return None


# -- messages ---------------------------------------------------------------------------------------


def msgprint(
	msg,
	title=None,
	raise_exception=0,
	as_table=False,
	as_list=False,
	indicator=None,
	alert=False,
	primary_action=None,
	is_minimizable=None,
	wide=None,
	*,
	realtime=False,
):
	msg = as_unicode(msg)
	out = _dict(message=msg)

	def _raise_exception():
		if raise_exception:
			if inspect.isclass(raise_exception) and issubclass(raise_exception, Exception):
				exc = raise_exception(msg)
			elif isinstance(raise_exception, Exception):
				exc = raise_exception
				exc.args = (msg,)
			else:
				exc = ValidationError(msg)
			raise exc

	if local.flags.mute_messages:
		_raise_exception()
		return
	if as_table and type(msg) in (list, tuple):
		out.as_table = 1
	if as_list and type(msg) in (list, tuple):
		out.as_list = 1
	if title:
		out.title = title
	if not indicator and raise_exception:
		indicator = "red"
	if indicator:
		out.indicator = indicator
	if alert:
		out.alert = 1
	if raise_exception:
		out.raise_exception = 1
	if primary_action:
		out.primary_action = primary_action
	local.message_log.append(out)
	_raise_exception()


def throw(
	msg, exc=ValidationError, title=None, is_minimizable=None, wide=None, as_list=False, primary_action=None
):
	msgprint(
		msg,
		raise_exception=exc,
		title=title,
		indicator="red",
		is_minimizable=is_minimizable,
		wide=wide,
		as_list=as_list,
		primary_action=primary_action,
	)


def clear_messages():
	local.message_log = []


def get_message_log() -> list[dict]:
	return list(local.message_log)


def clear_last_message():
	if len(local.message_log) > 0:
		local.message_log = local.message_log[:-1]


def bold(text) -> str:
	return f"<strong>{text}</strong>"


def _json_handler(obj):
	from frappe.model.document import Document

	if isinstance(obj, datetime.date | datetime.timedelta | datetime.datetime | datetime.time):
		return str(obj)
	if isinstance(obj, Decimal):
		return float(obj)
	if isinstance(obj, Document):
		return obj.as_dict(no_nulls=True)
	if isinstance(obj, set | tuple):
		return list(obj)
	raise TypeError(f"Object of type {type(obj)} with value of {obj!r} is not JSON serializable")


def as_json(obj, indent=1, separators=None, ensure_ascii=True) -> str:
	if separators is None:
		separators = (",", ": ")
	return json.dumps(
		obj,
		indent=indent,
		sort_keys=True,
		default=_json_handler,
		separators=separators,
		ensure_ascii=ensure_ascii,
	)


def parse_json(val):
	if isinstance(val, str):
		val = json.loads(val)
	if isinstance(val, dict):
		val = _dict(val)
	elif isinstance(val, list):
		val = [_dict(v) if isinstance(v, dict) else v for v in val]
	return val


def get_traceback(with_context=False) -> str:
	from frappe.utils import get_traceback as _get_traceback

	return _get_traceback(with_context=with_context)


def scrub(txt) -> str:
	from frappe.utils import cstr

	return cstr(txt).replace(" ", "_").replace("-", "_").lower()


def unscrub(txt: str) -> str:
	return txt.replace("_", " ").replace("-", " ").title()


def generate_hash(txt=None, length: int = 56) -> str:
	return secrets.token_hex(math.ceil(length / 2))[:length]


def compare(val1, condition, val2) -> bool:
	operators = {
		"=": lambda a, b: a == b,
		"!=": lambda a, b: a != b,
		">": lambda a, b: a > b,
		"<": lambda a, b: a < b,
		">=": lambda a, b: a >= b,
		"<=": lambda a, b: a <= b,
		"in": lambda a, b: a in b,
		"not in": lambda a, b: a not in b,
	}
	return operators[condition](val1, val2)


def logger(module=None, with_more_info=False, allow_site=True, filter=None, max_size=100_000, file_count=20):
	return logging.getLogger(module or "frappe")


def log_error(title=None, message=None, reference_doctype=None, reference_name=None, *, defer_insert=False):
	"""Insert an Error Log (title in `method`, the traceback in `error` unless a message is given)."""
	traceback = None
	if message:
		if "\n" in title:  # a traceback was passed as the title
			traceback, title = title, message
		else:
			traceback = message
	title = title or "Error"
	traceback = as_unicode(traceback or get_traceback(with_context=True))
	if not local.db:
		return None
	error_log = get_doc(
		doctype="Error Log",
		error=traceback,
		method=title,
		reference_doctype=reference_doctype,
		reference_name=reference_name,
	)
	return error_log.insert(ignore_permissions=True)


# -- background jobs, realtime, email ---------------------------------------------------------------


class _Job:
	"""What frappe.enqueue hands back: an RQ job with an `id`."""

	def __init__(self, method, queue, timeout, job_id, kwargs, enqueue_after_commit):
		self.id = f"{local.site}::{job_id or uuid.uuid4().hex}"
		self.job_id = job_id
		self.method = method
		self.queue = queue
		self.timeout = timeout
		self.kwargs = kwargs
		self.enqueue_after_commit = enqueue_after_commit
		self.status = "queued"

	def get_status(self):
		return self.status

	def __repr__(self):
		return f"<Job {self.id} {self.method}>"


def enqueue(
	method,
	queue="default",
	timeout=None,
	event=None,
	is_async=True,
	job_name=None,
	now=False,
	enqueue_after_commit=False,
	*,
	on_success=None,
	on_failure=None,
	at_front=False,
	job_id=None,
	deduplicate=False,
	**kwargs,
):
	"""Record a background job in frappe.local.enqueued_jobs; `now=True` runs it at once."""
	is_async = kwargs.pop("async", is_async)
	if deduplicate:
		if not job_id:
			throw(_("`job_id` parameter is required for deduplication."))
		if any(job.job_id == job_id and job.status == "queued" for job in local.enqueued_jobs):
			return None
	if now or not is_async or local.flags.in_migrate:
		return call(method, **kwargs)
	job = _Job(method, queue, timeout, job_id, kwargs, enqueue_after_commit)

	def enqueue_call():
		local.enqueued_jobs.append(job)
		return job

	if enqueue_after_commit:
		local.db.after_commit.add(enqueue_call)
		return None
	return enqueue_call()


def publish_realtime(
	event=None,
	message=None,
	room=None,
	user=None,
	doctype=None,
	docname=None,
	task_id=None,
	after_commit=False,
):
	record = _dict(
		event=event, message=message, room=room, user=user, doctype=doctype, docname=docname, task_id=task_id
	)
	if after_commit and local.db:
		local.db.after_commit.add(lambda: local.realtime_log.append(record))
	else:
		local.realtime_log.append(record)


def render_template(template, context=None, is_path=None, safe_render=True):
	"""Render a Jinja string in a sandbox like frappe.render_template (template files are not supported)."""
	if not template:
		return ""
	if is_path or (
		"\n" not in template and template.rsplit(".", 1)[-1] in ("html", "md", "js", "json", "py")
	):
		raise NotImplementedError("the Frappe test double renders Jinja strings only, not template files")
	if safe_render and ".__" in template:
		throw(_("Illegal template"))
	from jinja2 import TemplateError
	from jinja2.sandbox import SandboxedEnvironment

	environment = SandboxedEnvironment()
	environment.globals["_"] = _
	environment.globals["frappe"] = _jinja_frappe()
	try:
		return environment.from_string(template).render(context or {})
	except TemplateError:
		throw(title="Jinja Template Error", msg=f"<pre>{template}</pre><pre>{get_traceback()}</pre>")


def _jinja_frappe() -> "_dict":
	"""The part of the `frappe` object Frappe's Jinja sandbox offers that the double provides."""
	from frappe import utils as u

	names = (
		"formatdate",
		"format_date",
		"getdate",
		"get_datetime",
		"today",
		"nowdate",
		"now",
		"add_days",
		"add_months",
		"date_diff",
		"flt",
		"cint",
		"cstr",
		"get_url",
	)
	return _dict(
		_=_,
		bold=bold,
		session=_dict(user=local.session.user),
		utils=_dict({name: getattr(u, name) for name in names}),
	)


def get_print(doctype=None, name=None, print_format=None, style=None, as_pdf=False, doc=None, **kwargs):
	raise NotImplementedError("the Frappe test double renders no print formats; monkeypatch frappe.get_print")


def publish_progress(percent, title=None, doctype=None, docname=None, description=None, task_id=None):
	publish_realtime(
		"progress",
		{"percent": percent, "title": title, "description": description},
		user=None if doctype and docname else local.session.user,
		doctype=doctype,
		docname=docname,
		task_id=task_id,
	)


def _html_to_text(html: str) -> str:
	"""Plain-text part of an email, with links as [text](url) the way html2text writes them."""
	import html as html_lib
	import re

	text = re.sub(r'<a [^>]*href="([^"]*)"[^>]*>(.*?)</a>', r"[\2](\1)", html, flags=re.S | re.I)
	text = re.sub(r"<br\s*/?>|</p>|</li>|</div>|</h\d>", "\n", text, flags=re.I)
	return html_lib.unescape(re.sub(r"<[^>]+>", "", text)).strip()


def sendmail(
	recipients=None,
	sender="",
	subject="No Subject",
	message="No Message",
	as_markdown=False,
	delayed=True,
	reference_doctype=None,
	reference_name=None,
	unsubscribe_method=None,
	unsubscribe_params=None,
	unsubscribe_message=None,
	add_unsubscribe_link=1,
	attachments=None,
	content=None,
	doctype=None,
	name=None,
	reply_to=None,
	queue_separately=False,
	cc=None,
	bcc=None,
	message_id=None,
	in_reply_to=None,
	send_after=None,
	expose_recipients=None,
	send_priority=1,
	communication=None,
	retry=1,
	now=None,
	read_receipt=None,
	is_notification=False,
	inline_images=None,
	template=None,
	args=None,
	header=None,
	print_letterhead=False,
	with_container=False,
	**kwargs,
):
	"""Queue an email: one Email Queue record with one Email Queue Recipient row per address."""
	from email.charset import QP, Charset
	from email.mime.multipart import MIMEMultipart
	from email.mime.text import MIMEText

	from frappe.utils import split_emails

	if template:
		raise NotImplementedError("the Frappe test double does not render email templates; pass `message`")

	def as_list(value):
		if not value:
			return []
		return split_emails(value) if isinstance(value, str) else list(value)

	to, cc_list, bcc_list = as_list(recipients), as_list(cc), as_list(bcc)
	if not (to or cc_list or bcc_list):
		return None
	# like frappe.email.email_body: multipart/mixed > alternative (text, html), quoted-printable utf-8
	charset = Charset("utf-8")
	charset.header_encoding = QP
	charset.body_encoding = QP
	html = content or message or ""
	body = MIMEMultipart("mixed")
	alternative = MIMEMultipart("alternative")
	alternative.attach(MIMEText(_html_to_text(html), "plain", charset))
	alternative.attach(MIMEText(html, "html", charset))
	body.attach(alternative)
	body["Subject"] = subject
	body["From"] = sender or "notifications@example.com"
	body["To"] = ", ".join(to) or "<!--recipient-->"
	queue = get_doc(
		{
			"doctype": "Email Queue",
			"sender": sender or "notifications@example.com",
			"message": body.as_string(),
			"status": "Not Sent",
			"priority": send_priority,
			"reference_doctype": reference_doctype or doctype,
			"reference_name": reference_name or name,
			"send_after": send_after,
			"recipients": [
				{"recipient": address, "status": "Not Sent"} for address in to + cc_list + bcc_list
			],
		}
	)
	return queue.insert(ignore_permissions=True)


# submodules reachable as attributes after `import frappe`, as in Frappe
from frappe import model, permissions, utils  # noqa: E402, F401
