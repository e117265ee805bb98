"""Namespace declarations are bounded (each record check copied them all), and reports keep a
bounded number of issues per code, counting the rest."""

from __future__ import annotations

import json

import pytest

import zynk_sage50 as zs
from zynk_sage50.streaming import RecordStream


def _declarations(count: int, records: int = 3) -> bytes:
    declared = " ".join(f'xmlns:p{n}="urn:p{n}"' for n in range(count))
    rows = "<Transaction><TransactionType>SalesInvoice</TransactionType></Transaction>" * records
    return f"<Company {declared}><Transactions>{rows}</Transactions></Company>".encode()


def test_namespace_declarations_past_the_limit_are_too_large() -> None:
    report = zs.validate(_declarations(101))
    assert report.codes == ("xml.too-large",)
    assert "Limits.max_namespaces" in report.issues[0].message
    with pytest.raises(zs.TooLargeError) as caught:
        zs.loads(_declarations(101))
    assert caught.value.limit == "max_namespaces"


def test_namespace_declarations_within_the_limit_are_read() -> None:
    assert "xml.too-large" not in zs.validate(_declarations(100)).codes
    more = zs.Limits(max_namespaces=5000)
    assert "xml.too-large" not in zs.validate(_declarations(5000), limits=more).codes


def test_reports_keep_a_bounded_number_of_issues_per_code() -> None:
    rows = "<Transaction/>" * 30
    data = f"<Company><Transactions>{rows}</Transactions></Company>".encode()
    report = zs.validate(data, limits=zs.Limits(max_issues_per_code=10))
    assert report.codes.count("type.required-field") == 10
    assert report.omitted == {"type.required-field": 20}
    assert report.counts()["error"] == 30
    assert not report.valid
    shape = report.to_dict()
    assert shape["omitted"] == {"type.required-field": 20}
    assert json.loads(json.dumps(shape))["counts"]["error"] == 30
    unbounded = zs.validate(data)
    assert unbounded.omitted == {}
    assert unbounded.codes.count("type.required-field") == 30


def test_records_out_of_place_between_records_are_not_taken_for_records() -> None:
    """The stream skips its where-is-it checks for a record in the same collection as the last
    one: records of another kind there, one after another, are still left for the residual
    check (and reported), and nested records are not records."""
    document = (
        b"<Company><Transactions><Transaction/><Customer/><Customer/>"
        b"<Transaction><Transaction/></Transaction></Transactions></Company>"
    )
    assert [(event.kind, event.index) for event in RecordStream(document)] == [
        ("Transaction", 1),
        ("Transaction", 2),
    ]
    unknown = [
        issue.path
        for issue in zs.validate(document).issues
        if issue.code.endswith("unknown-element")
    ]
    assert sorted(unknown) == [
        "/Company/Transactions/Customer[1]",
        "/Company/Transactions/Customer[2]",
        "/Company/Transactions/Transaction[2]/Transaction",
    ]
