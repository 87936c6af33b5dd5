"""Stand-in for the helpers of frappe/utils/data.py that the app and the double use."""

import datetime
import math
import re
import secrets
import string
import sys
import traceback
from decimal import ROUND_HALF_EVEN, Decimal

DATE_FORMAT = "%Y-%m-%d"
TIME_FORMAT = "%H:%M:%S.%f"
DATETIME_FORMAT = f"{DATE_FORMAT} {TIME_FORMAT}"

_last_timestamp: datetime.datetime | None = None


def now_datetime() -> datetime.datetime:
	"""Current time; strictly increasing within the process so ordering by `modified` is stable."""
	global _last_timestamp
	moment = datetime.datetime.now()
	if _last_timestamp and moment <= _last_timestamp:
		moment = _last_timestamp + datetime.timedelta(microseconds=1)
	if moment.microsecond == 0:
		# str() of such a datetime drops ".000000", which would upset timestamp comparisons
		moment += datetime.timedelta(microseconds=1)
	_last_timestamp = moment
	return moment


def now() -> str:
	return now_datetime().strftime(DATETIME_FORMAT)


def nowdate() -> str:
	return now_datetime().strftime(DATE_FORMAT)


def today() -> str:
	return nowdate()


def nowtime() -> str:
	return now_datetime().strftime(TIME_FORMAT)


def is_invalid_date_string(date_string) -> bool:
	return not date_string or str(date_string).startswith(("0001-01-01", "0000-00-00"))


def _parse(value: str) -> datetime.datetime:
	text = value.strip()
	try:
		return datetime.datetime.fromisoformat(text)
	except ValueError:
		pass
	try:
		from dateutil import parser
	except ImportError:
		parser = None
	if parser:
		try:
			return parser.parse(text)
		except (ValueError, OverflowError):
			pass
	import frappe

	frappe.throw(
		frappe._("{0} is not a valid date string.").format(frappe.bold(value)), title=frappe._("Invalid Date")
	)


def getdate(string_date=None, parse_day_first: bool = False) -> datetime.date | None:
	if not string_date:
		return get_datetime().date()
	if isinstance(string_date, datetime.datetime):
		return string_date.date()
	if isinstance(string_date, datetime.date):
		return string_date
	if is_invalid_date_string(string_date):
		return None
	return _parse(str(string_date)).date()


def get_datetime(datetime_str=None) -> datetime.datetime | None:
	if datetime_str is None:
		return now_datetime()
	if isinstance(datetime_str, datetime.datetime | datetime.timedelta):
		return datetime_str
	if isinstance(datetime_str, datetime.date):
		return datetime.datetime.combine(datetime_str, datetime.time())
	if is_invalid_date_string(datetime_str):
		return None
	try:
		return datetime.datetime.strptime(datetime_str, DATETIME_FORMAT)
	except ValueError:
		return _parse(str(datetime_str))


def get_timedelta(time=None) -> datetime.timedelta | None:
	if time is None or time == "":
		return None
	if isinstance(time, datetime.timedelta):
		return time
	if isinstance(time, datetime.time):
		return datetime.timedelta(
			hours=time.hour, minutes=time.minute, seconds=time.second, microseconds=time.microsecond
		)
	parts = str(time).split(":")
	hours, minutes = int(parts[0]), int(parts[1]) if len(parts) > 1 else 0
	seconds = float(parts[2]) if len(parts) > 2 else 0
	return datetime.timedelta(hours=hours, minutes=minutes, seconds=seconds)


def _add_months(moment, months: int):
	month_index = moment.month - 1 + months
	year = moment.year + month_index // 12
	month = month_index % 12 + 1
	last_day = [31, 29 if _is_leap(year) else 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1]
	return moment.replace(year=year, month=month, day=min(moment.day, last_day))


def _is_leap(year: int) -> bool:
	return year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)


def add_to_date(
	date,
	years=0,
	months=0,
	weeks=0,
	days=0,
	hours=0,
	minutes=0,
	seconds=0,
	as_string=False,
	as_datetime=False,
):
	"""Like frappe.utils.add_to_date: a string in gives a string out."""
	if date is None:
		date = now_datetime()
	if hours:
		as_datetime = True
	if isinstance(date, str):
		as_string = True
		if " " in date:
			as_datetime = True
		date = _parse(date)
	if years or months:
		date = _add_months(date, years * 12 + months)
	date = date + datetime.timedelta(weeks=weeks, days=days, hours=hours, minutes=minutes, seconds=seconds)
	if as_string:
		if as_datetime:
			return date.strftime(DATETIME_FORMAT)
		return date.strftime(DATE_FORMAT)
	return date


def add_days(date, days):
	return add_to_date(date, days=days)


def add_months(date, months):
	return add_to_date(date, months=months)


def add_years(date, years):
	return add_to_date(date, years=years)


def formatdate(string_date=None, format_string: str | None = None) -> str:
	"""A date in the site's format; the double's site uses Frappe's default dd-mm-yyyy."""
	if not string_date:
		return ""
	date = getdate(string_date)
	pattern = (format_string or "dd-mm-yyyy").replace("dd", "%d").replace("mm", "%m").replace("yyyy", "%Y")
	return date.strftime(pattern)


format_date = formatdate


def date_diff(string_ed_date, string_st_date) -> int:
	return (getdate(string_ed_date) - getdate(string_st_date)).days


def time_diff_in_seconds(string_ed_date, string_st_date) -> float:
	return (get_datetime(string_ed_date) - get_datetime(string_st_date)).total_seconds()


def cint(s, default: int = 0) -> int:
	try:
		return int(float(s))
	except Exception:
		return default


def rounded(num, precision: int = 0, rounding_method=None):
	quantum = Decimal(1).scaleb(-int(precision))
	return float(Decimal(repr(num)).quantize(quantum, rounding=ROUND_HALF_EVEN))


def flt(s, precision=None, rounding_method=None) -> float:
	if isinstance(s, str):
		s = s.replace(",", "")
	try:
		num = float(s)
		if precision is not None:
			num = rounded(num, precision, rounding_method)
	except Exception:
		num = 0.0
	return num


def cstr(s, encoding: str = "utf-8") -> str:
	if isinstance(s, str):
		return s
	if s is None:
		return ""
	if isinstance(s, bytes):
		return s.decode(encoding)
	return str(s)


def ceil(s) -> int:
	return int(math.ceil(flt(s)))


def floor(s) -> int:
	return int(math.floor(flt(s)))


def random_string(length: int) -> str:
	alphabet = string.ascii_letters + string.digits
	return "".join(secrets.choice(alphabet) for _ in range(length))


def unique(seq) -> list:
	seen = set()
	return [x for x in seq if not (x in seen or seen.add(x))]


def strip_html(text) -> str:
	return re.sub(r"<[^>]*>", "", cstr(text))


def escape_html(text) -> str:
	if not isinstance(text, str):
		return text
	table = {"<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;"}
	return "".join(table.get(c, c) for c in text)


def get_url(uri: str | None = None, full_address: bool = False) -> str:
	import frappe

	base = (frappe.local.conf or {}).get("host_name") or f"http://{frappe.local.site}"
	if not uri:
		return base
	if uri.startswith(("http://", "https://")):
		return uri
	return base.rstrip("/") + "/" + uri.lstrip("/")


def get_link_to_form(doctype: str, name: str, label: str | None = None) -> str:
	route = doctype.lower().replace(" ", "-")
	return f'<a href="{get_url(f"/app/{route}/{name}")}">{label or name}</a>'


_EMAIL_PATTERN = re.compile(
	r"[a-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\.[a-z0-9!#$%&'*+/=?^_`{|}~-]+)*"
	r"@(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\.)+[a-z0-9](?:[a-z0-9-]*[a-z0-9])?"
)


def split_emails(txt: str) -> list[str]:
	return [e.strip() for e in cstr(txt).replace(";", ",").split(",") if e.strip()]


def validate_email_address(email_str, throw: bool = False) -> str:
	"""Return the valid addresses of a comma separated list; throw InvalidEmailAddressError if asked."""
	import frappe

	valid = []
	for address in cstr(email_str).split(","):
		address = address.strip()
		email_id = address
		if "<" in address and address.endswith(">"):
			email_id = address[address.rindex("<") + 1 : -1].strip()
		match = email_id and " " not in email_id and _EMAIL_PATTERN.fullmatch(email_id.lower())
		if match:
			valid.append(address)
		elif throw:
			frappe.throw(
				frappe._("{0} is not a valid Email Address").format(escape_html(address)),
				frappe.InvalidEmailAddressError,
			)
	return ", ".join(valid)


def validate_phone_number(phone_number, throw: bool = False) -> bool:
	import frappe

	if not phone_number:
		return False
	phone_number = cstr(phone_number).strip()
	match = re.match(r"([0-9\ \+\_\-\,\.\*\#\(\)]){1,20}$", phone_number)
	if not match and throw:
		frappe.throw(
			frappe._("{0} is not a valid Phone Number").format(phone_number), frappe.InvalidPhoneNumberError
		)
	return bool(match)


def get_traceback(with_context: bool = False) -> str:
	exc_type, exc_value, exc_tb = sys.exc_info()
	if not any([exc_type, exc_value, exc_tb]):
		return ""
	return "".join(traceback.format_exception(exc_type, exc_value, exc_tb))
