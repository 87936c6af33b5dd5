"""Stand-in for frappe/utils/typing_validations.py: whitelisted functions check their type hints in tests."""

import inspect
from functools import wraps
from typing import ForwardRef, Union

import frappe
from frappe.exceptions import FrappeTypeError

try:
	from pydantic import ConfigDict, TypeAdapter
	from pydantic import ValidationError as PydanticValidationError
except ImportError:  # pragma: no cover - the double is then more lenient than Frappe
	TypeAdapter = None

SLACK = {bool: (int, bool, float)}


def _qualified_name(obj) -> str:
	kind = obj if inspect.isclass(obj) else type(obj)
	if kind.__module__ in ("typing", "types"):
		return str(obj)
	if kind.__module__ == "builtins":
		return kind.__qualname__
	return f"{kind.__module__}.{kind.__qualname__}"


def _raise(func, name, expected, value, error=None):
	raise FrappeTypeError(
		f"Argument '{name}' in '{func.__module__}.{func.__qualname__}' should be of type "
		f"'{_qualified_name(expected)}' but got '{_qualified_name(value)}' instead."
	) from error


def _adapter(expected):
	try:
		return TypeAdapter(expected, config=ConfigDict(arbitrary_types_allowed=True))
	except Exception:
		return TypeAdapter(expected)


def transform_parameter_types(func, args: tuple, kwargs: dict):
	annotations = dict(getattr(func, "__annotations__", {}))
	annotations.pop("return", None)
	if TypeAdapter is None or not (args or kwargs) or not annotations:
		return args, kwargs
	signature = inspect.signature(func)
	params = signature.parameters
	arg_names = list(params)[: len(args)]
	given = dict(zip(arg_names, args, strict=False))
	given.update(kwargs)
	new_args, new_kwargs = list(args), dict(kwargs)
	for name, expected in annotations.items():
		if name not in given:
			continue
		if isinstance(expected, ForwardRef | str) or any(
			isinstance(a, ForwardRef | str) for a in getattr(expected, "__args__", [])
		):
			continue
		value = given[name]
		expected = SLACK.get(expected, expected)
		param = params.get(name)
		if param is not None and param.default is not inspect.Parameter.empty:
			default_type = type(param.default)
			if isinstance(expected, tuple):
				expected = Union[(*expected, default_type)]  # noqa: UP007
			elif param.default != expected:
				expected = Union[expected, default_type]  # noqa: UP007
		elif isinstance(expected, tuple):
			expected = Union[expected]  # noqa: UP007
		try:
			converted = _adapter(expected).validate_python(value)
		except (TypeError, PydanticValidationError) as error:
			_raise(func, name, expected, value, error)
		if converted is Ellipsis:
			_raise(func, name, expected, value)
		if name in kwargs:
			new_kwargs[name] = converted
		else:
			new_args[arg_names.index(name)] = converted
	return new_args, new_kwargs


def validate_argument_types(func, apply_condition=None):
	@wraps(func)
	def wrapper(*args, **kwargs):
		if apply_condition is None or apply_condition():
			args, kwargs = transform_parameter_types(func, args, kwargs)
		return func(*args, **kwargs)

	return wrapper


__all__ = ["validate_argument_types", "frappe"]
