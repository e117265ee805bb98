"""Which generated class and field an element path names (``/Company/Transactions/
Transaction[3]/NetAmount`` → ``Transaction``, its ``net_amount`` field), for the schema
layer's messages."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any, cast

from lxml import etree

from .modelinfo import ClassInfo, FieldInfo, ValueKind, class_info
from .models import Company
from .records import RECORD_CLASSES

#: ``class_info`` typed for any class (its cache wrapper only admits Hashable to mypy).
info_of = cast("Callable[[type[Any]], ClassInfo]", class_info)


def field_at(path: str) -> tuple[ClassInfo | None, FieldInfo | None]:
    """The generated class holding the element at ``path``, and that element's field."""
    info: ClassInfo | None = class_info(Company)
    field: FieldInfo | None = None
    for step in [re.sub(r"\[\d+\]$", "", part) for part in path.strip("/").split("/")[1:]]:
        if info is None:
            return None, None
        parent, field = info, info.elements.get(step)
        if field is None:
            return parent, None
        info = info_of(field.value_type) if field.kind is ValueKind.MODEL else None
        if info is None:
            return parent, field
    return info, field


def info_of_element(element: etree._Element) -> ClassInfo | None:
    """The generated class of a document root or a record checked on its own."""
    cls = {"Company": Company, **RECORD_CLASSES}.get(str(element.tag))
    return None if cls is None else class_info(cls)


def parent_info(path: str) -> ClassInfo | None:
    """The generated class holding the parent of the element at ``path``."""
    parent_path = path.rsplit("/", 1)[0]
    if parent_path in ("", "/Company") or parent_path.count("/") == 1:
        return class_info(Company)
    info, field = field_at(parent_path)
    if field is not None and field.kind is ValueKind.MODEL:
        return info_of(field.value_type)
    return info
