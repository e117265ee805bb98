"""Records repeated word for word are checked once: the rules' outcome is replayed after.

A record's issues and facts depend only on its content (the rules are pure), so a record that
serializes to the same bytes, with its elements on the same relative lines, as one already
checked gets that record's outcome moved to its own place (index, line, path). This is what
keeps a million identical rows (a stuck export, a hostile file) as fast as reading them.

Nothing is taken on trust: an outcome is replayed only after a second occurrence was checked in
full and gave the same outcome apart from its place; if anything about the record's place leaks
into a message or a fact (an invoice named by its position), the two differ and that content is
always checked in full. Keying costs a little, so it pauses while records do not repeat.
"""

from __future__ import annotations

from typing import NamedTuple

import attr
from lxml import etree

from .issues import Issue, IssueCollector, RecordRef, Severity
from .rules.facts import AnyFacts
from .streaming import RecordEvent

#: Outcomes kept at once (the memo is emptied when full), and the largest record remembered.
MAX_REMEMBERED = 1024
MAX_KEY_BYTES = 16 * 1024
#: Records keyed per window; a window with fewer repeats than this pauses keying ...
WINDOW = 1000
MIN_REPEATS = 50
#: ... to one record in this many, until one of those repeats.
SAMPLE_EVERY = 64

Key = tuple[bytes, tuple[int, ...]]


class _Template(NamedTuple):
    """An issue relative to its record, to be put at another record's place."""

    code: str
    severity: Severity
    message: str
    line_offset: int | None
    #: The issue's path below the record's (``""`` for the record itself).
    path_below: str | None
    names_record: bool
    record_id: str | None


@attr.s(slots=True, kw_only=True, auto_attribs=True)
class _Outcome:
    issues: tuple[_Template, ...]
    facts: AnyFacts
    #: Seen twice with the same outcome: replayed from now on.
    confirmed: bool = False
    #: Seen twice with outcomes that differ beyond the place: never replayed.
    unique: bool = False


def _templates(
    issues: list[Issue], event: RecordEvent, line: int | None
) -> tuple[_Template, ...] | None:
    """The issues relative to their record, or None if one is about something else."""
    path = event.path
    templates: list[_Template] = []
    for issue in issues:
        if issue.path is None:
            below = None
        elif issue.path == path or issue.path.startswith(path + "/"):
            below = issue.path[len(path) :]
        else:
            return None
        if issue.record is not None and (
            issue.record.kind != event.kind or issue.record.index != event.index
        ):
            return None
        offset = None
        if issue.line is not None:
            if line is None:
                return None
            offset = issue.line - line
        record = issue.record
        templates.append(
            _Template(
                code=issue.code,
                severity=issue.severity,
                message=issue.message,
                line_offset=offset,
                path_below=below,
                names_record=record is not None,
                record_id=None if record is None else record.id,
            )
        )
    return tuple(templates)


class RepeatedRecords:
    """The outcomes of records seen so far, by content; see the module's docstring."""

    def __init__(self) -> None:
        self._outcomes: dict[Key, _Outcome] = {}
        self._keyed = 0
        self._repeats = 0
        self._sampling = False
        self._skipped = 0

    def key(self, event: RecordEvent) -> Key | None:
        """The record's content as a key, or None when it is not to be remembered."""
        if event.issues:
            return None
        if self._sampling:
            self._skipped += 1
            if self._skipped < SAMPLE_EVERY:
                return None
            self._skipped = 0
        element = event.element
        text = etree.tostring(element, with_tail=False)
        if len(text) > MAX_KEY_BYTES:
            return None
        base = element.sourceline
        lines: tuple[int, ...] = ()
        if len(element) and base is not None:
            lines = tuple((node.sourceline or base) - base for node in element.iterdescendants())
        key = (text, lines)
        self._count(key in self._outcomes)
        return key

    def _count(self, repeated: bool) -> None:
        if self._sampling:
            self._sampling = not repeated
            return
        self._keyed += 1
        self._repeats += repeated
        if self._keyed >= WINDOW:
            self._sampling = self._repeats < MIN_REPEATS
            self._keyed = self._repeats = 0

    def replay(self, key: Key, event: RecordEvent, collector: IssueCollector) -> AnyFacts | None:
        """Add a confirmed outcome's issues, moved to ``event``'s place, and return its facts
        there; None (nothing added) when there is none to replay."""
        outcome = self._outcomes.get(key)
        if outcome is None or not outcome.confirmed:
            return None
        line = event.element.sourceline
        for template in outcome.issues:
            code = template.code
            if collector.full(code):  # the usual case when a record repeats thousands of times
                collector.omit(code)
                continue
            offset, below = template.line_offset, template.path_below
            ref = RecordRef(kind=event.kind, index=event.index, id=template.record_id)
            collector.add(
                Issue(
                    code=code,
                    severity=template.severity,
                    message=template.message,
                    line=None if offset is None or line is None else line + offset,
                    path=None if below is None else event.path + below,
                    record=ref if template.names_record else None,
                )
            )
        return outcome.facts.moved(event.index, line)

    def remember(self, key: Key, event: RecordEvent, issues: list[Issue], facts: AnyFacts) -> None:
        """Keep a record's outcome, checked in full, for the records that repeat it."""
        templates = _templates(issues, event, event.element.sourceline)
        earlier = self._outcomes.get(key)
        if earlier is not None:
            if not earlier.unique and not earlier.confirmed:
                same = templates == earlier.issues and facts.same_apart_from_place(earlier.facts)
                earlier.confirmed = same
                earlier.unique = not same
            return
        if len(self._outcomes) >= MAX_REMEMBERED:
            self._outcomes.clear()
        self._outcomes[key] = _Outcome(
            issues=templates or (), facts=facts, unique=templates is None
        )
