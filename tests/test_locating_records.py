"""Lines of nested elements are keyed by the same paths ``records.relative_path`` writes."""

from __future__ import annotations

from lxml import etree

from tests.conformance import CONFORMANCE
from zynk_sage50.records import relative_path
from zynk_sage50.validation import _nested_lines


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
