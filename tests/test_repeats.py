"""Records repeated word for word are checked once (``zynk_sage50.repeats``): the report is the
same, issue for issue, as when every record is checked in full."""

from __future__ import annotations

import copy
from collections.abc import Iterator
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from lxml import etree

from zynk_sage50 import Issue, Limits, Report, dumps, validate
from zynk_sage50 import repeats as repeats_module
from zynk_sage50.repeats import RepeatedRecords
from zynk_sage50.rules import registry
from zynk_sage50.rules.catalogue import TYPE_REQUIRED_FIELD
from zynk_sage50.rules.located import Located
from zynk_sage50.strategies import INVALID_CODES, documents, invalid_documents

COLLECTIONS = ("Customers", "Transactions", "Invoices")
TAILS = ("\n", "\n\n", "\n    ", " ", "")


def _outcome(report: Report) -> tuple[Any, ...]:
    issues = [
        (issue.code, issue.severity, issue.message, issue.line, issue.path, issue.record)
        for issue in report.issues
    ]
    return issues, dict(report.omitted), report.valid


def _in_full(monkeypatch: pytest.MonkeyPatch, source: Any, **options: Any) -> Report:
    """``validate`` with every record checked in full (no record is remembered)."""
    with monkeypatch.context() as patched:
        patched.setattr(RepeatedRecords, "key", lambda self, event: None)
        return validate(source, **options)


def _repeated(text: str | bytes, picks: list[int], tails: list[str]) -> bytes:
    """The document with each collection's records drawn again, with repeats, and laid out
    with assorted whitespace between them."""
    root = etree.fromstring(text.encode() if isinstance(text, str) else text)
    for name in COLLECTIONS:
        collection = root.find(name)
        if collection is None or len(collection) == 0:
            continue
        originals = list(collection)
        for record in originals:
            collection.remove(record)
        for position, pick in enumerate(picks):
            record = copy.deepcopy(originals[pick % len(originals)])
            record.tail = tails[position % len(tails)]
            collection.append(record)
    return etree.tostring(root)


@settings(max_examples=25, deadline=None)
@given(
    text=st.one_of(
        documents(transactions=(1, 4), customers=(0, 2), invoices=(0, 2)).map(dumps),
        st.sampled_from(
            sorted(code for code in INVALID_CODES if not code.startswith("xml."))
        ).flatmap(lambda code: invalid_documents(code, transactions=(1, 3))),
    ),
    picks=st.lists(st.integers(0, 6), min_size=2, max_size=40),
    tails=st.lists(st.sampled_from(TAILS), min_size=1, max_size=4),
    per_code=st.sampled_from([1, 3, 1000]),
)
def test_a_document_of_repeated_records_reports_as_if_each_was_checked(
    text: str, picks: list[int], tails: list[str], per_code: int
) -> None:
    document = _repeated(text, picks, tails)
    limits = Limits(max_issues_per_code=per_code)
    with pytest.MonkeyPatch.context() as monkeypatch:
        in_full = _in_full(monkeypatch, document, limits=limits)
    assert _outcome(validate(document, limits=limits)) == _outcome(in_full)


def _rows(record: str, count: int, separator: str = "\n") -> bytes:
    body = separator.join([record] * count)
    return f"<Company><Transactions>\n{body}\n</Transactions></Company>".encode()


def _counting_rule_runs(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    runs: list[int] = []
    original = registry.REGISTRY.run_record

    def counted(entry: Any, options: Any) -> Any:
        runs.append(entry.index)
        return original(entry, options)

    monkeypatch.setattr(registry.REGISTRY, "run_record", counted)
    return runs


def test_identical_records_are_checked_twice_then_replayed(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    document = _rows("<Transaction/>", 3000)
    runs = _counting_rule_runs(monkeypatch)
    report = validate(document)
    assert runs == [1, 2]
    assert report.codes.count("type.required-field") == 1000
    assert report.omitted == {"type.required-field": 2000}
    last = [issue for issue in report.issues if issue.record and issue.record.index == 1000]
    assert [(issue.line, issue.path) for issue in last] == [
        (1001, "/Company/Transactions/Transaction[1000]/TransactionType")
    ]


def test_a_record_that_writes_the_same_but_lies_on_other_lines_is_no_repeat(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A line break inside a start tag is lost when a record is written out again, but moves the
    record's children relative to it: the lines are part of what makes a repeat."""
    flat = '<Transaction RecordOperation="Nope"><NetAmount>x</NetAmount></Transaction>'
    broken = '<Transaction RecordOperation="Nope"><NetAmount\n>x</NetAmount></Transaction>'
    document = _rows("\n".join(([flat] * 3 + [broken] * 3) * 4), 1)
    report = validate(document)
    assert _outcome(report) == _outcome(_in_full(monkeypatch, document))
    where = {
        issue.record.index: issue.line
        for issue in report.issues
        if issue.path and issue.path.endswith("/NetAmount") and issue.record
    }
    rows = etree.fromstring(document).find("Transactions")
    assert rows is not None
    assert where == {index: row[0].sourceline for index, row in enumerate(rows, start=1)}


def test_a_rule_whose_words_depend_on_the_place_is_never_replayed(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The second occurrence is checked in full and compared: a message naming the record's
    position differs, so that content is checked in full every time."""

    def by_position(located: Located[Any]) -> Iterator[Issue]:
        yield located.issue(TYPE_REQUIRED_FIELD, f"row {located.index} needs a type")

    rules = registry.REGISTRY._plain["Transaction"]
    monkeypatch.setattr(registry.REGISTRY, "_plain", {**registry.REGISTRY._plain})
    registry.REGISTRY._plain["Transaction"] = [*rules, by_position]
    document = _rows("<Transaction/>", 30)
    runs = _counting_rule_runs(monkeypatch)
    report = validate(document)
    assert runs == list(range(1, 31))
    assert "row 30 needs a type" in report.issues[-1].message
    with pytest.MonkeyPatch.context() as other:
        assert _outcome(report) == _outcome(_in_full(other, document))


def test_invoices_without_number_or_id_repeat_too(monkeypatch: pytest.MonkeyPatch) -> None:
    """Their messages say "This invoice"; the position is in the path and the line."""
    invoice = "<Invoice><InvoiceType>Nonsense</InvoiceType></Invoice>"
    document = f"<Company><Invoices>{invoice * 30}</Invoices></Company>".encode()
    runs = _counting_rule_runs(monkeypatch)
    report = validate(document)
    assert runs == [1, 2]
    with pytest.MonkeyPatch.context() as other:
        assert _outcome(report) == _outcome(_in_full(other, document))


def test_the_memo_is_bounded_and_pauses_while_records_do_not_repeat(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(repeats_module, "MAX_REMEMBERED", 4)
    monkeypatch.setattr(repeats_module, "WINDOW", 10)
    monkeypatch.setattr(repeats_module, "MIN_REPEATS", 5)
    monkeypatch.setattr(repeats_module, "SAMPLE_EVERY", 3)
    distinct = [f"<Transaction><Reference>R{n}</Reference></Transaction>" for n in range(40)]
    same = ["<Transaction><Reference>same</Reference></Transaction>"] * 60
    document = _rows("\n".join(distinct + same + distinct[:5] + same), 1)
    sizes: list[int] = []
    original_remember = RepeatedRecords.remember

    def watched(self: RepeatedRecords, *args: Any) -> None:
        original_remember(self, *args)
        sizes.append(len(self._outcomes))

    monkeypatch.setattr(RepeatedRecords, "remember", watched)
    runs = _counting_rule_runs(monkeypatch)
    report = validate(document)
    assert max(sizes) <= 4
    assert 45 < len(runs) < 165  # the distinct rows in full, most of the 120 repeats replayed
    monkeypatch.undo()
    with pytest.MonkeyPatch.context() as other:
        assert _outcome(report) == _outcome(_in_full(other, document))


def test_records_past_line_65535_keep_their_lines(monkeypatch: pytest.MonkeyPatch) -> None:
    """libxml2 keeps lines past 65,535 only in the parsed tree: a record's schema issues, found
    on a copy of it, still get their real lines, checked in full or replayed."""
    record = "<Transaction><NetAmount>x</NetAmount><Bogus/></Transaction>\n"
    document = ("<Company><Transactions>\n" + "\n" * 65530 + record * 8).encode()
    document += b"</Transactions></Company>"
    report = validate(document)
    assert _outcome(report) == _outcome(_in_full(monkeypatch, document))
    schema = [issue for issue in report.issues if issue.code.startswith("schema.")]
    assert len(schema) == 16
    assert all(
        issue.record is not None and issue.line == 65531 + issue.record.index for issue in schema
    )
