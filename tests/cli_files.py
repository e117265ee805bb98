"""Documents and a runner shared by the command's tests."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner, Result

from tests.documents import company, sales_invoice, tx
from zynk_sage50.cli import main

VALID = company(sales_invoice())
#: One error (journal.unbalanced) on the second transaction.
UNBALANCED = company(
    tx(
        TransactionType="JournalDebit",
        AccountReference="4000",
        Reference="J1",
        TransactionDate="2019-05-16T00:00:00",
        NetAmount="240.00",
    ),
    tx(
        TransactionType="JournalCredit",
        AccountReference="4001",
        Reference="J1",
        TransactionDate="2019-05-16T00:00:00",
        NetAmount="239.99",
    ),
)
#: A warning (amount.precision) and no error.
WARNING = company(sales_invoice(NetAmount="100.005"))


def invoke(*args: str, input: bytes | str | None = None) -> Result:
    """The command in this process (fast); standard error kept apart."""
    return CliRunner().invoke(main, list(args), input=input, catch_exceptions=False)


def write_corpus(folder: Path) -> dict[str, Path]:
    """A small folder of valid, invalid, warning and malformed files, nested one level."""
    contents = {
        "b-valid.xml": VALID,
        "a-unbalanced.xml": UNBALANCED,
        "sub/c-warning.xml": WARNING,
        "sub/d-malformed.xml": "<Company><Transactions></Company>",
        "notes.txt": "not XML and not *.xml",
    }
    paths = {}
    for name, text in contents.items():
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        paths[name] = path
    return paths
