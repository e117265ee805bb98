"""What a misspelt enumeration value probably meant."""

from __future__ import annotations

import pytest

from zynk_sage50.rules.suggestions import closest, record_operation_message

ALLOWED = ("Insert", "Update", "Upsert")


@pytest.mark.parametrize(
    ("value", "meant"),
    [("update", "Update"), ("UPDATE", "Update"), (" upsert ", "Upsert"), ("Updat", "Update")],
)
def test_the_closest_allowed_value(value: str, meant: str) -> None:
    assert closest(value, ALLOWED) == meant


def test_nothing_close_is_none() -> None:
    assert closest("Delete", ALLOWED) is None


def test_the_record_operation_message_gives_the_spelling() -> None:
    message = record_operation_message("Transaction", "update")
    assert "RecordOperation='update'" in message
    assert "write 'Update'" in message
    assert "write" not in record_operation_message("Transaction", "Delete")
