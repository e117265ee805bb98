"""Locating what is inside a record: nested element lines, values the models cannot hold."""

from __future__ import annotations

import pytest
from lxml import etree

from tests.conformance import CONFORMANCE
from tests.documents import company, sales_invoice
from zynk_sage50 import binding, converters, validate
from zynk_sage50.modelinfo import ValueKind
from zynk_sage50.reading import _nested_lines
from zynk_sage50.records import relative_path


def test_nested_lines_use_the_paths_of_relative_path() -> None:
    root = etree.parse(str(CONFORMANCE / "seed-001__1.xml")).getroot()
    record = root.find("Customers/Customer")
    assert record is not None
    expected: dict[str, int] = {}
    for child in record:
        for descendant in child.iterdescendants():
            path = relative_path(descendant, record)
            assert path is not None
            assert descendant.sourceline is not None
            expected.setdefault(path, descendant.sourceline)
    found = _nested_lines(record)
    assert found == expected
    assert "DeliveryAddresses/Contact[1]/Postcode" in found
    assert "Contacts/Contact[1]/Email" in found


def test_repeated_children_are_numbered_in_order() -> None:
    contacts = "".join(f"\n<Contact><Surname>S{n}</Surname></Contact>" for n in range(1, 4))
    record = etree.fromstring(f"<Customer><Contacts>{contacts}\n</Contacts></Customer>")
    found = _nested_lines(record)
    assert [found[f"Contacts/Contact[{n}]/Surname"] for n in (1, 2, 3)] == [2, 3, 4]


def test_a_value_the_models_cannot_hold_is_reported_not_raised(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # Simulate a value the XSD lets through but the converter refuses (none is known today).
    def refuse(text: str, field: object) -> object:
        raise ValueError(f"{text!r} cannot be held")

    decimal = converters.CONVERTERS[ValueKind.DECIMAL]
    monkeypatch.setitem(
        converters.CONVERTERS, ValueKind.DECIMAL, converters.Converter(refuse, decimal.write)
    )
    monkeypatch.setattr(binding, "_PLANS", {})
    report = validate(company(sales_invoice()))
    codes = [issue.code for issue in report.issues]
    assert "schema.invalid-value" in codes
    (issue,) = [i for i in report.issues if i.code == "schema.invalid-value"]
    assert issue.record is not None
    assert issue.record.kind == "Transaction"
