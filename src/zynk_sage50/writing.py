"""Write models as pretty-printed UTF-8 XML, driven by :mod:`.modelinfo`.

``None`` is written as an absent element (never an invented ``xsi:nil``), an empty string as an
empty element, decimals in plain notation; values XML cannot carry are refused with
``SerializationError`` naming the field.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import IO, Any

from .converters import CONVERTERS, Writer
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


#: Per class: its attribute fields and its element fields, each with its writer (worked out
#: once: the writer's loop is the cost of ``dumps``).
_PLANS: dict[type[Any], tuple[tuple[tuple[FieldInfo, Writer], ...], ...]] = {}


def _plan(cls: type[Any]) -> tuple[tuple[tuple[FieldInfo, Writer], ...], ...]:
    plan = _PLANS.get(cls)
    if plan is None:
        info: ClassInfo = class_info(cls)
        attributes = tuple((f, CONVERTERS[f.kind].write) for f in info.fields if f.is_attribute)
        elements = tuple((f, CONVERTERS[f.kind].write) for f in info.fields if not f.is_attribute)
        plan = _PLANS[cls] = (attributes, elements)
    return plan


def _child_path(path: str, field: FieldInfo, position: int) -> str:
    """``…/Contacts/Contact[2]`` (an item of a list is always indexed) or ``…/NetAmount``."""
    return f"{path}/{field.xml_name}[{position}]" if field.is_list else f"{path}/{field.xml_name}"


class _Writer:
    """Writes one element and everything below it into ``parts``.

    With ``problems`` (a list), a value that cannot be written is recorded there and left out
    instead of raising, so that validating a model can report every such value at once.
    Paths are only worked out for a value that cannot be written.
    """

    def __init__(self, problems: list[SerializationError] | None = None) -> None:
        self.parts: list[str] = []
        self.problems = problems

    def _refuse(self, exc: SerializationError, path: str) -> None:
        problem = SerializationError(str(exc), path=path)
        if self.problems is None:
            raise problem from None
        self.problems.append(problem)

    def element(self, obj: Any, name: str, depth: int, path: str, extra: str = "") -> None:
        attribute_fields, element_fields = _plan(type(obj))
        pad = INDENT * depth
        attributes = extra
        for field, write in attribute_fields:
            value = getattr(obj, field.name)
            if value is None:
                continue
            try:
                text = write(value, field, "")
            except SerializationError as exc:
                self._refuse(exc, f"{path}/@{field.xml_name}")
                continue
            attributes += f' {field.xml_name}="{text.translate(_ATTRIBUTE_ESCAPES)}"'
        parts = self.parts
        opening = len(parts)
        parts.append(f"{pad}<{name}{attributes}>\n")
        inner = pad + INDENT
        for field, write in element_fields:
            value = getattr(obj, field.name)
            if value is None:
                continue
            child = field.xml_name
            model = field.kind is ValueKind.MODEL
            for position, item in enumerate(value if field.is_list else (value,), start=1):
                if model:
                    child_path = (
                        f"{path}/{child}[{position}]" if field.is_list else f"{path}/{child}"
                    )
                    if isinstance(item, field.value_type):
                        self.element(item, child, depth + 1, child_path)
                    else:
                        wrong = SerializationError(
                            f"expected {field.value_type.__name__}, got {type(item).__name__}"
                        )
                        self._refuse(wrong, child_path)
                    continue
                try:
                    text = write(item, field, "")
                except SerializationError as exc:
                    self._refuse(
                        exc, f"{path}/{child}[{position}]" if field.is_list else f"{path}/{child}"
                    )
                    continue
                if text:
                    parts.append(f"{inner}<{child}>{text.translate(_ESCAPES)}</{child}>\n")
                else:
                    parts.append(f"{inner}<{child} />\n")
        if len(parts) == opening + 1:
            parts[opening] = f"{pad}<{name}{attributes} />\n"
        else:
            parts.append(f"{pad}</{name}>\n")


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
