"""JSON text for the models: :func:`to_json` and :func:`from_json` around the dict form."""

from __future__ import annotations

import json
from decimal import Decimal
from typing import Any, TypeVar

from ..errors import ReadError, TooLargeError
from ..limits import DEFAULT_LIMITS, Limits
from ._convert import from_dict, to_dict

T = TypeVar("T")


def to_json(model: object, *, indent: int | None = 2) -> str:
    """The JSON text of a model (see :func:`to_dict`); ``indent=None`` for one line."""
    return json.dumps(to_dict(model), indent=indent, ensure_ascii=False) + "\n"


def from_json(cls: type[T], data: str | bytes, *, limits: Limits = DEFAULT_LIMITS) -> T:
    """Build a model of class ``cls`` from JSON text (UTF-8 when bytes).

    Numbers are read exactly (a JSON ``12.50`` becomes ``Decimal("12.50")``, never a float).
    Raises ``ReadError`` for text that is not JSON, ``TooLargeError`` past
    ``limits.max_bytes``, ``SchemaBindingError`` when the JSON does not fit the models.
    """
    if not isinstance(data, (str, bytes, bytearray)):
        raise TypeError(f"from_json() takes str or bytes, not {type(data).__name__}")
    if len(data) > limits.max_bytes:
        raise TooLargeError(
            f"the JSON is {len(data):,} bytes, more than Limits.max_bytes={limits.max_bytes:,}",
            limit="max_bytes",
        )
    if isinstance(data, (bytes, bytearray)):
        try:
            data = bytes(data).decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            raise ReadError(f"the JSON is not UTF-8: {exc.reason} at byte {exc.start}") from None
    try:
        parsed: Any = json.loads(data, parse_float=Decimal, parse_constant=_no_constant)
    except json.JSONDecodeError as exc:
        raise ReadError(f"not JSON: {exc.msg} (line {exc.lineno}, column {exc.colno})") from None
    except RecursionError:
        raise ReadError("not JSON this library can read: nested too deeply") from None
    except ValueError as exc:  # NaN, Infinity
        raise ReadError(f"not JSON: {exc}") from None
    if not isinstance(parsed, dict):
        raise ReadError(f"the JSON is not an object but {type(parsed).__name__}")
    return from_dict(cls, parsed)


def _no_constant(name: str) -> Any:
    raise ValueError(f"{name} is not a JSON number")
