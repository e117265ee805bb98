"""load(..., unknown="drop"): a third party's extra fields are left out and listed, never
silently; every other problem still raises."""

from __future__ import annotations

import warnings

import pytest

import zynk_sage50 as zs

EXTRA = (
    "<Company><Transactions><Transaction>\n"
    "<TransactionType>SalesInvoice</TransactionType>\n"
    "<Colour>red</Colour>\n"
    '<Reference shop="web">INV1</Reference>\n'
    "</Transaction></Transactions>\n"
    "<ShopName>Acme</ShopName>\n"
    "</Company>"
)


def test_unknown_content_raises_by_default() -> None:
    with pytest.raises(zs.SchemaBindingError):
        zs.loads(EXTRA)


def test_drop_leaves_unknown_content_out_and_lists_it() -> None:
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        company = zs.loads(EXTRA, unknown="drop")
    assert company.transactions is not None
    (row,) = company.transactions.transaction
    assert row.transaction_type is zs.TransactionType.SALES_INVOICE
    assert row.reference == "INV1"
    (warning,) = [w.message for w in caught if isinstance(w.message, zs.DroppedContentWarning)]
    assert [(i.code, i.line) for i in warning.issues] == [
        ("schema.unknown-element", 3),
        ("schema.unknown-attribute", 4),
        ("schema.unknown-element", 6),
    ]
    assert "3 unknown elements or attributes left out" in str(warning)
    assert "Colour" in str(warning)


def test_drop_still_raises_for_other_problems() -> None:
    bad = EXTRA.replace("<Reference", "<NetAmount>lots</NetAmount><Reference")
    with pytest.raises(zs.SchemaBindingError) as caught:
        zs.loads(bad, unknown="drop")
    assert [issue.code for issue in caught.value.issues] == ["schema.invalid-value"]


def test_a_document_without_unknown_content_warns_nothing() -> None:
    clean = "<Company><Transactions/></Company>"
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert zs.loads(clean, unknown="drop") == zs.loads(clean)


def test_unknown_takes_error_or_drop() -> None:
    with pytest.raises(ValueError, match="error"):
        zs.loads(EXTRA, unknown="ignore")  # type: ignore[arg-type]
