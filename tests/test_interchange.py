"""JSON interchange (issue 15, point 1): lossless XML → JSON → XML, the JSON Schema, errors."""

from __future__ import annotations

import copy
import json
from decimal import Decimal
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from hypothesis import given, settings

import zynk_sage50 as zs
from tests.conftest import CONFORMANCE_DIR
from zynk_sage50 import strategies
from zynk_sage50.errors import ReadError, SchemaBindingError
from zynk_sage50.interchange import from_dict, from_json, json_schema, to_dict, to_json
from zynk_sage50.modelinfo import ValueKind, class_info


def _loadable_samples() -> list[Path]:
    """Every conformance sample (below invoices/ too) that loads; the rest are not JSON's job."""
    found = []
    for path in sorted(CONFORMANCE_DIR.rglob("*.xml")):
        try:
            zs.load(path)
        except zs.ZynkSage50Error:
            continue
        found.append(path)
    return found


SAMPLES = _loadable_samples()


def _validator() -> jsonschema.Draft202012Validator:
    schema = json_schema()
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema)


VALIDATOR = _validator()


def test_lossless_for_every_loadable_conformance_sample() -> None:
    assert len(SAMPLES) >= 20, "the conformance corpus should give many loadable samples"
    for path in SAMPLES:
        company = zs.load(path)
        text = to_json(company)
        VALIDATOR.validate(json.loads(text))
        back = from_json(zs.Company, text)
        assert zs.dumps(back) == zs.dumps(company), path.name
        assert to_json(back) == text, path.name


@settings(max_examples=60)
@given(strategies.documents(invoices=(0, 2)))
def test_lossless_property_xml_json_xml(company: zs.Company) -> None:
    xml = zs.dumps(company)
    loaded = zs.loads(xml)
    data = to_dict(loaded)
    VALIDATOR.validate(data)
    text = json.dumps(data)  # through real JSON text, as another program would send it
    assert zs.dumps(from_json(zs.Company, text)) == xml
    # and straight from the generated model too (no load in between)
    assert zs.dumps(from_dict(zs.Company, to_dict(company))) == xml


def test_values_in_their_json_form() -> None:
    company = zs.loads(
        b'<?xml version="1.0"?><Company><Transactions><Transaction RecordOperation="Insert">'
        b"<Id>7</Id><TransactionType>SalesInvoice</TransactionType>"
        b"<TransactionDate>2019-05-16T00:00:00.000</TransactionDate>"
        b"<NetAmount>10.50</NetAmount><Reference></Reference></Transaction>"
        b"</Transactions></Company>"
    )
    record = to_dict(company)["Transactions"]["Transaction"][0]
    assert record == {
        "Id": 7,
        "TransactionType": "SalesInvoice",
        "TransactionDate": "2019-05-16T00:00:00.000",
        "Reference": "",
        "NetAmount": "10.50",
        "RecordOperation": "Insert",
    }


def test_namespaces_kept() -> None:
    xml = (
        b'<Company xmlns:a="urn:a" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">'
        b"<Customers/></Company>"
    )
    data = to_dict(zs.loads(xml))
    assert data["xmlns"] == {"a": "urn:a", "xsi": "http://www.w3.org/2001/XMLSchema-instance"}
    back = zs.dumps(from_dict(zs.Company, data))
    assert 'xmlns:a="urn:a"' in back
    assert "xmlns:xsd" not in back
    # a new document's defaults are not written out, and come back as defaults
    assert "xmlns" not in to_dict(zs.Company())
    assert zs.dumps(from_dict(zs.Company, {})) == zs.dumps(zs.Company())


def test_numbers_read_exactly_and_floats_refused() -> None:
    company = from_json(
        zs.Company, '{"Transactions": {"Transaction": [{"NetAmount": 12.50, "TaxAmount": 3}]}}'
    )
    transaction = company.transactions.transaction[0]
    assert transaction.net_amount == Decimal("12.50")
    assert str(transaction.net_amount) == "12.50"
    assert transaction.tax_amount == Decimal(3)
    with pytest.raises(SchemaBindingError, match="floating-point"):
        from_dict(zs.Transaction, {"NetAmount": 12.5})


def test_every_problem_reported_with_its_path() -> None:
    data: dict[str, Any] = {
        "Transactions": {
            "Transaction": [
                {"Id": "7", "Colour": "red"},
                {"TransactionType": "SalesInvoce", "TransactionDate": "yesterday"},
            ]
        }
    }
    with pytest.raises(SchemaBindingError) as caught:
        from_dict(zs.Company, data)
    found = {(issue.code, issue.path) for issue in caught.value.issues}
    assert found == {
        ("schema.invalid-value", "/Company/Transactions/Transaction[1]/Id"),
        ("schema.unknown-element", "/Company/Transactions/Transaction[1]/Colour"),
        ("schema.invalid-value", "/Company/Transactions/Transaction[2]/TransactionType"),
        ("schema.invalid-value", "/Company/Transactions/Transaction[2]/TransactionDate"),
    }
    assert "and 3 more problems" in str(caught.value)


def test_null_means_absent() -> None:
    assert from_dict(zs.Transaction, {"NetAmount": None, "Reference": "A"}) == zs.Transaction(
        reference="A"
    )


@pytest.mark.parametrize(
    ("text", "error", "match"),
    [
        ("{", ReadError, "not JSON"),
        ("[1]", ReadError, "not an object"),
        ('{"NetAmount": NaN}', ReadError, "NaN"),
        ("[" * 100_000, ReadError, "nested too deeply|not JSON"),
        (b"\xff{}", ReadError, "not UTF-8"),
    ],
)
def test_unreadable_json(text: str | bytes, error: type[Exception], match: str) -> None:
    with pytest.raises(error, match=match):
        from_json(zs.Company, text)


def test_json_past_max_bytes_refused() -> None:
    with pytest.raises(zs.TooLargeError):
        from_json(zs.Company, "{}" + " " * 100, limits=zs.Limits(max_bytes=50))


def test_wrong_argument_types() -> None:
    with pytest.raises(TypeError, match="model class"):
        to_dict({"a": 1})
    with pytest.raises(TypeError, match="model class"):
        from_dict(dict, {})
    with pytest.raises(TypeError, match="mapping"):
        from_dict(zs.Company, [])  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="str or bytes"):
        from_json(zs.Company, 5)  # type: ignore[arg-type]


def test_records_and_parts_convert_alone() -> None:
    transaction = zs.Transaction(net_amount=Decimal("1.00"), reference="X")
    assert from_dict(zs.Transaction, to_dict(transaction)) == transaction
    assert to_dict(transaction) == {"Reference": "X", "NetAmount": "1.00"}


def test_schema_refuses_what_does_not_fit() -> None:
    bad = [
        {"Transactions": {"Transaction": [{"Colour": "red"}]}},
        {"Transactions": {"Transaction": [{"AccountReference": "X" * 9}]}},
        {"Transactions": {"Transaction": [{"TransactionType": "Nope"}]}},
        {"Transactions": {"Transaction": [{"NetAmount": "1e5"}]}},
        {"Transactions": {"Transaction": [{"Id": 100_000_000}]}},
    ]
    for data in bad:
        assert not VALIDATOR.is_valid(data), data


def test_schema_describes_every_class_and_field() -> None:
    """Generated from the models: every XML field of every class reachable from Company."""
    definitions = json_schema()["$defs"]
    pending, seen = [zs.Company], set()
    while pending:
        cls = pending.pop()
        if cls in seen:
            continue
        seen.add(cls)
        info = class_info(cls)
        assert set(definitions[cls.__name__]["properties"]) - {"xmlns"} == {
            field.xml_name for field in info.fields
        }
        pending.extend(f.value_type for f in info.fields if f.kind is ValueKind.MODEL)
    assert set(definitions) == {cls.__name__ for cls in seen}


def test_to_dict_does_not_share_state() -> None:
    company = zs.load(SAMPLES[0])
    data = to_dict(company)
    again = copy.deepcopy(data)
    from_dict(zs.Company, data)
    assert data == again


@pytest.mark.parametrize(
    "namespaces",
    [{"a b": "urn:a"}, {"1a": "urn:a"}, {"xmlns": "urn:a"}, {"a:b": "urn:a"}, {"a": ""}],
)
def test_namespace_declarations_that_xml_cannot_carry_are_refused(
    namespaces: dict[str, str],
) -> None:
    with pytest.raises(SchemaBindingError) as caught:
        from_dict(zs.Company, {"xmlns": namespaces})
    assert caught.value.issues[0].path.startswith("/Company/xmlns/")


def test_schema_refuses_bad_namespace_declarations() -> None:
    assert VALIDATOR.is_valid({"xmlns": {"a": "urn:a"}})
    for namespaces in ({"a b": "urn:a"}, {"xmlns": "urn:a"}, {"a": ""}):
        assert not VALIDATOR.is_valid({"xmlns": namespaces}), namespaces
