"""Exceptions of the Frappe test double, with the same names and hierarchy as frappe/exceptions.py."""


class ValidationError(Exception):
	http_status_code = 417


class FrappeTypeError(TypeError):
	http_status_code = 417


class AuthenticationError(Exception):
	http_status_code = 401


class SessionExpired(Exception):
	http_status_code = 401


class PermissionError(Exception):  # noqa: A001 - same name as frappe.PermissionError
	http_status_code = 403


class DoesNotExistError(ValidationError):
	http_status_code = 404

	def __init__(self, *args, doctype=None):
		super().__init__(*args)
		self.doctype = doctype


class PageDoesNotExistError(ValidationError):
	http_status_code = 404


class NameError(Exception):  # noqa: A001 - same name as frappe.NameError
	http_status_code = 409


class OutgoingEmailError(Exception):
	http_status_code = 501


class DuplicateEntryError(NameError):
	http_status_code = 409


class DataError(ValidationError):
	pass


class MappingMismatchError(ValidationError):
	pass


class InvalidStatusError(ValidationError):
	pass


class MandatoryError(ValidationError):
	pass


class NonNegativeError(ValidationError):
	pass


class InvalidSignatureError(ValidationError):
	pass


class RateLimitExceededError(ValidationError):
	http_status_code = 429


class CannotChangeConstantError(ValidationError):
	pass


class CharacterLengthExceededError(ValidationError):
	pass


class UpdateAfterSubmitError(ValidationError):
	pass


class LinkValidationError(ValidationError):
	pass


class CancelledLinkError(LinkValidationError):
	pass


class DocstatusTransitionError(ValidationError):
	pass


class TimestampMismatchError(ValidationError):
	pass


class EmptyTableError(ValidationError):
	pass


class LinkExistsError(ValidationError):
	pass


class InvalidEmailAddressError(ValidationError):
	pass


class InvalidNameError(ValidationError):
	pass


class InvalidPhoneNumberError(ValidationError):
	pass


class UniqueValidationError(ValidationError):
	pass


class DocumentLockedError(ValidationError):
	pass


class AppNotInstalledError(ValidationError):
	pass


class InvalidDates(ValidationError):
	pass


class QueryTimeoutError(Exception):
	pass


class QueryDeadlockError(Exception):
	pass
