"""The one record pipeline: every record of a document, read once, with what every consumer
needs — its schema issues, its model and where it is.

``load``, ``iter_*`` and ``validate`` are thin consumers of :func:`read_records`; so is
``validate`` of a model built in Python, whose records are written to elements first
(:mod:`.model_source`) and then go through the very same steps.
"""

from __future__ import annotations

import enum
from collections.abc import Iterable, Iterator
from typing import Any

import attr
from lxml import etree

from .binding import Binder
from .errors import SchemaBindingError
from .issues import Issue, Severity
from .records import RECORD_CLASSES, child_steps
from .rules.located import Located
from .schema_check import check_record_schema
from .streaming import RecordEvent


class Binding(enum.Enum):
    """How much of a record is bound."""

    #: Bind records that passed the schema; leave the others unbound (load, iterate).
    STRICT = "strict"
    #: Bind what can be bound of every record, with element lines (validate).
    LENIENT = "lenient"


@attr.s(slots=True, kw_only=True, auto_attribs=True)
class ReadRecord:
    """One record as the pipeline hands it on.

    ``issues`` are its schema problems (empty when it fits the XSD); ``entry`` is the bound
    record with its location — always under ``LENIENT``, only for a record without issues
    under ``STRICT``.
    """

    event: RecordEvent
    issues: list[Issue]
    entry: Located[Any] | None

    @property
    def model(self) -> Any:
        """The bound model (None for a record that failed the schema under ``STRICT``)."""
        return None if self.entry is None else self.entry.record


def read_records(
    events: Iterable[RecordEvent], binder: Binder, binding: Binding
) -> Iterator[ReadRecord]:
    """Check each record against the XSD (where its batch did not pass whole) and bind it."""
    for event in events:
        yield read_record(event, binder, binding)


def read_record(event: RecordEvent, binder: Binder, binding: Binding) -> ReadRecord:
    """One record of :func:`read_records` (for a caller that handles some records itself)."""
    issues = list(event.issues)
    if not event.clean:
        issues.extend(check_record_schema(event.element, event.path, event.ref))
    if binding is Binding.LENIENT:
        entry: Located[Any] | None = _locate(event, binder, issues)
    elif issues:
        entry = None
    else:
        try:
            record = binder.bind(event.element, RECORD_CLASSES[event.kind], checked=True)
        except SchemaBindingError as exc:
            issues.append(_unbindable(exc, event))
            entry = None
        else:
            entry = Located(
                record=record,
                kind=event.kind,
                index=event.index,
                line=event.element.sourceline,
            )
    return ReadRecord(event=event, issues=issues, entry=entry)


def _unbindable(exc: SchemaBindingError, event: RecordEvent) -> Issue:
    """``schema.invalid-value`` for a value the schema let through but the models refuse, at
    its path in the document (the binder sees only the record's place in the current batch)."""
    path = event.path
    steps = (exc.path or "").strip("/").split("/")
    if len(steps) > 3:
        path = f"{event.path}/{'/'.join(steps[3:])}"
    reason = str(exc)
    where = f"{exc.path} (line {exc.line}): "
    if reason.startswith(where):
        reason = reason[len(where) :]
    reason = reason.removeprefix("invalid ")
    return Issue(
        code="schema.invalid-value",
        severity=Severity.ERROR,
        message=f"{reason[:1].upper()}{reason[1:]}.",
        line=exc.line,
        path=path,
        record=event.ref,
    )


def _locate(event: RecordEvent, binder: Binder, issues: list[Issue]) -> Located[Any]:
    element = event.element
    cls = RECORD_CLASSES[event.kind]
    record = None
    if not issues:
        try:
            record = binder.bind(element, cls, checked=True)
        except SchemaBindingError as exc:  # a value the XSD allows but the models cannot hold
            issues.append(_unbindable(exc, event))
    invalid: frozenset[str] = frozenset()
    nested = False
    if record is None:
        record, found = binder.bind_lenient(element, cls)
        lines: dict[str, int] = found.lines
        invalid = frozenset(found.invalid | _invalid_below(event.path, issues))
        nested = True
    else:
        lines = {}
        for child in element:
            lines[child.tag] = child.sourceline or 0  # type: ignore[index]
            nested = nested or len(child) > 0
    if nested:
        below = _nested_lines(element)
        if below:
            lines = {**below, **lines}
    return Located(
        record=record,
        kind=event.kind,
        index=event.index,
        line=element.sourceline,
        field_lines=lines,
        invalid_fields=invalid,
    )


def _nested_lines(element: etree._Element) -> dict[str, int]:
    """The line of every element below a record's children, by its path below the record
    (``DeliveryAddresses/Contact[2]/Country``, in the form of ``records.relative_path``).

    Each parent's children are numbered in one pass (:func:`.records.child_steps`), so a record
    with thousands of repeated children costs linear time.
    """
    lines: dict[str, int] = {}
    pending: list[tuple[etree._Element, str]] = [
        (child, str(child.tag)) for child in element if len(child) and _plain(child)
    ]
    while pending:
        parent, prefix = pending.pop()
        for child, step in child_steps(parent).items():
            if step is None:
                continue
            path = f"{prefix}/{step}"
            if child.sourceline is not None:
                lines.setdefault(path, child.sourceline)
            if len(child):
                pending.append((child, path))
    return lines


def _plain(element: etree._Element) -> bool:
    """An element without a namespace (the only kind records hold)."""
    tag = element.tag
    return isinstance(tag, str) and not tag.startswith("{")


def _invalid_below(record_path: str, issues: list[Issue]) -> set[str]:
    """The elements of a record that failed the schema: the child's name (``NetAmount``) and,
    for nested ones, their path below the record (``DeliveryAddresses/Contact[1]/Country``)."""
    names: set[str] = set()
    prefix = record_path + "/"
    for issue in issues:
        if issue.path and issue.path.startswith(prefix):
            relative = issue.path[len(prefix) :]
            names.add(relative.split("/")[0].split("[")[0])
            if "/" in relative:
                names.add(relative)
    return names
