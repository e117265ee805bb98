"""Small builders of Zynk XML text for tests: a record is written from keyword arguments."""

from __future__ import annotations

from xml.sax.saxutils import escape

PROLOG = (
    '<?xml version="1.0" encoding="utf-8"?>\n'
    '<Company xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" '
    'xmlns:xsd="http://www.w3.org/2001/XMLSchema">\n'
)


def _record(tag: str, attributes: dict[str, str], fields: dict[str, object]) -> str:
    attrs = "".join(f' {name}="{escape(value)}"' for name, value in attributes.items())
    lines = [f"    <{tag}{attrs}>"]
    for name, value in fields.items():
        if value is None:
            lines.append(f'      <{name} xsi:nil="true" />')
        elif isinstance(value, str) and value.startswith("<"):
            lines.append(f"      <{name}>{value}</{name}>")  # raw nested XML
        else:
            lines.append(f"      <{name}>{escape(str(value))}</{name}>")
    lines.append(f"    </{tag}>")
    return "\n".join(lines)


def tx(record_operation: str | None = None, **fields: object) -> str:
    """A <Transaction> with the given elements, in the order given (names as in the XML)."""
    attributes = {"RecordOperation": record_operation} if record_operation else {}
    return _record("Transaction", attributes, fields)


def customer(**fields: object) -> str:
    """A <Customer> with the given elements, in the order given."""
    return _record("Customer", {}, fields)


def company(*transactions: str, customers: list[str] | None = None) -> str:
    """A whole document; ``customers=[]`` writes an empty <Customers> collection."""
    parts = [PROLOG]
    if customers is not None:
        parts.append("  <Customers>\n" + "".join(c + "\n" for c in customers) + "  </Customers>\n")
    if transactions:
        parts.append(
            "  <Transactions>\n" + "".join(t + "\n" for t in transactions) + "  </Transactions>\n"
        )
    parts.append("</Company>\n")
    return "".join(parts)


def sales_invoice(**overrides: object) -> str:
    """A valid SalesInvoice split; keyword arguments replace or add elements."""
    fields: dict[str, object] = {
        "Id": 1,
        "TransactionType": "SalesInvoice",
        "AccountReference": "ABS001",
        "TransactionDate": "2019-05-16T00:00:00",
        "Reference": "SI1",
        "NominalCode": "4000",
        "Details": "Course fee",
        "NetAmount": "100.00",
        "TaxCode": 1,
        "TaxAmount": "20.00",
    }
    fields.update(overrides)
    return tx(**{k: v for k, v in fields.items() if v is not ...})


def line_of(document: str, index: int, element: str | None = None) -> int:
    """The line of the index-th <Transaction> (1-based), or of one of its elements."""
    count = 0
    for number, line in enumerate(document.splitlines(), start=1):
        stripped = line.strip()
        if stripped.startswith(("<Transaction>", "<Transaction ")):
            count += 1
            if count == index and element is None:
                return number
        elif count == index and element and stripped.startswith(f"<{element}"):
            return number
    raise AssertionError(f"no Transaction[{index}] {element or ''} in the document")
