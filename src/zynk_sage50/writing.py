"""Write models as pretty-printed UTF-8 XML, driven by :mod:`.modelinfo`.

``None`` is written as an absent element (never an invented ``xsi:nil``), an empty string as an
empty element, decimals in plain notation; values XML cannot carry are refused with
``SerializationError`` naming the field.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import IO, Any

from .converters import format_value
from .errors import SerializationError, WriteError
from .modelinfo import ClassInfo, FieldInfo, ValueKind, class_info
from .models import Company
from .namespaces import namespaces_of

INDENT = "  "
_ESCAPES = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;", "\r": "&#13;"})
_ATTRIBUTE_ESCAPES = str.maketrans(
    {
        "&": "&amp;",
        "<": "&lt;",
        ">": "&gt;",
        '"': "&quot;",
        "\r": "&#13;",
        "\n": "&#10;",
        "\t": "&#9;",
    }
)


class _Writer:
    """Writes one element and everything below it into ``parts``.

    With ``problems`` (a list), a value that cannot be written is recorded there and left out
    instead of raising, so that validating a model can report every such value at once.
    """

    def __init__(self, problems: list[SerializationError] | None = None) -> None:
        self.parts: list[str] = []
        self.problems = problems

    def _value(self, value: Any, field: FieldInfo, path: str) -> str | None:
        try:
            return format_value(value, field, path)
        except SerializationError as exc:
            if self.problems is None:
                raise
            self.problems.append(exc)
            return None

    def element(self, obj: Any, name: str, depth: int, path: str, extra: str = "") -> None:
        info: ClassInfo = class_info(type(obj))
        pad = INDENT * depth
        attributes = extra
        children: list[tuple[str, Any, Any]] = []
        for field in info.fields:
            value = getattr(obj, field.name)
            if value is None:
                continue
            if field.is_attribute:
                text = self._value(value, field, f"{path}/@{field.xml_name}")
                if text is None:
                    continue
                attributes += f' {field.xml_name}="{text.translate(_ATTRIBUTE_ESCAPES)}"'
            elif field.is_list:
                children.extend((field.xml_name, item, field) for item in value)
            else:
                children.append((field.xml_name, value, field))
        if not children:
            self.parts.append(f"{pad}<{name}{attributes} />\n")
            return
        self.parts.append(f"{pad}<{name}{attributes}>\n")
        counts: dict[str, int] = {}
        for child_name, value, field in children:
            counts[child_name] = counts.get(child_name, 0) + 1
            child_path = f"{path}/{child_name}"
            if field.is_list:
                child_path += f"[{counts[child_name]}]"
            if field.kind is ValueKind.MODEL:
                if not isinstance(value, field.value_type):
                    problem = SerializationError(
                        f"expected {field.value_type.__name__}, got {type(value).__name__}",
                        path=child_path,
                    )
                    if self.problems is None:
                        raise problem
                    self.problems.append(problem)
                    continue
                self.element(value, child_name, depth + 1, child_path)
                continue
            text = self._value(value, field, child_path)
            if text is None:
                continue
            if text:
                escaped = text.translate(_ESCAPES)
                self.parts.append(f"{pad}{INDENT}<{child_name}>{escaped}</{child_name}>\n")
            else:
                self.parts.append(f"{pad}{INDENT}<{child_name} />\n")
        self.parts.append(f"{pad}</{name}>\n")


def write_element(
    obj: Any, name: str, path: str, problems: list[SerializationError] | None = None
) -> str:
    """One model object as an XML element (no declaration), for checking it on its own.

    With ``problems``, values that cannot be written are recorded there and left out.
    """
    writer = _Writer(problems)
    writer.element(obj, name, 0, path)
    return "".join(writer.parts)


def dumps(company: Company) -> str:
    """Serialize a ``Company`` to XML text (UTF-8 declaration, two-space indent)."""
    if not isinstance(company, Company):
        raise TypeError(f"dumps() takes a Company, not {type(company).__name__}")
    declarations = "".join(
        f' xmlns:{prefix}="{uri.translate(_ATTRIBUTE_ESCAPES)}"'
        for prefix, uri in namespaces_of(company).items()
    )
    writer = _Writer()
    writer.parts.append('<?xml version="1.0" encoding="utf-8"?>\n')
    writer.element(company, "Company", 0, "/Company", declarations)
    return "".join(writer.parts)


def dump(company: Company, target: str | os.PathLike[str] | IO[bytes]) -> None:
    """Write a ``Company`` to a path or a binary file object, as UTF-8."""
    if not isinstance(target, (str, os.PathLike)) and not hasattr(target, "write"):
        raise TypeError(f"dump() writes to a path or a binary file, not {type(target).__name__}")
    data = dumps(company).encode("utf-8")
    try:
        if isinstance(target, (str, os.PathLike)):
            Path(target).write_bytes(data)
        else:
            target.write(data)
    except (OSError, ValueError, TypeError) as exc:
        raise WriteError(f"{_target_name(target)}: cannot be written ({_reason(exc)})") from exc


def _target_name(target: object) -> str:
    if isinstance(target, (str, os.PathLike)):
        return str(target)
    return str(getattr(target, "name", "the file object"))


def _reason(exc: Exception) -> str:
    if isinstance(exc, IsADirectoryError):
        return "it is a directory"
    if isinstance(exc, OSError) and exc.strerror:
        return exc.strerror
    return str(exc) or type(exc).__name__
