"""``split`` / ``merge`` and their commands: the inputs of Zynk's three tasks, and back."""

from __future__ import annotations

import copy
from pathlib import Path

from click.testing import CliRunner
from hypothesis import given

import zynk_sage50 as zs
from tests.documents import company, customer, sales_invoice
from zynk_sage50.cli import main
from zynk_sage50.splitting import Task
from zynk_sage50.strategies import documents

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"
TRAINING_DAY = EXAMPLES / "training-day.xml"


def test_split_gives_each_task_its_collection_in_task_order() -> None:
    source = zs.load(TRAINING_DAY)
    parts = zs.split(source)
    assert list(parts) == [Task.CUSTOMERS, Task.INVOICES, Task.TRANSACTIONS]
    assert parts[Task.CUSTOMERS].customers == source.customers
    assert parts[Task.CUSTOMERS].invoices is None
    assert parts[Task.CUSTOMERS].transactions is None
    assert parts[Task.INVOICES].invoices == source.invoices
    assert parts[Task.INVOICES].customers is None
    assert parts[Task.INVOICES].transactions is None
    assert parts[Task.TRANSACTIONS].transactions == source.transactions
    assert [task.file_name for task in parts] == [
        "customers.xml",
        "invoices.xml",
        "transactions.xml",
    ]


def test_only_the_collections_present_and_an_empty_one_is_kept() -> None:
    only_transactions = zs.split(company(sales_invoice()))
    assert list(only_transactions) == [Task.TRANSACTIONS]
    empty_customers = zs.split(company(customers=[]))
    assert list(empty_customers) == [Task.CUSTOMERS]
    assert zs.merge(empty_customers.values()) == zs.loads(company(customers=[]))
    assert zs.split('<Company xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"/>') == {}


def test_parts_keep_the_root_namespace_declarations() -> None:
    text = company(sales_invoice(), customers=[customer(Id="C1", AccountReference="A1")])
    custom = text.replace(
        'xmlns:xsd="http://www.w3.org/2001/XMLSchema"', 'xmlns:z="urn:example:zynk"'
    )
    for part in zs.split(custom).values():
        assert part.namespaces == {
            "xsi": "http://www.w3.org/2001/XMLSchema-instance",
            "z": "urn:example:zynk",
        }
        assert 'xmlns:z="urn:example:zynk"' in zs.dumps(part)
    bare = zs.split(
        company(sales_invoice()).replace(
            ' xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" '
            'xmlns:xsd="http://www.w3.org/2001/XMLSchema"',
            "",
        )
    )
    assert "xmlns" not in zs.dumps(bare[Task.TRANSACTIONS])


def test_merging_the_parts_gives_back_an_equal_document() -> None:
    source = zs.load(TRAINING_DAY)
    merged = zs.merge(zs.split(source).values())
    assert merged == source
    assert zs.dumps(merged) == zs.dumps(source)


@given(documents(invoices=(0, 2)))
def test_split_then_merge_is_the_identity(model: zs.Company) -> None:
    before = copy.deepcopy(model)
    parts = zs.split(model)
    if not parts:  # nothing to import: merging nothing gives a new, empty document
        assert (model.customers, model.invoices, model.transactions) == (None, None, None)
        return
    merged = zs.merge(parts.values())
    assert merged == model
    assert zs.dumps(merged) == zs.dumps(model)
    assert model == before  # the source is not changed


def test_merge_concatenates_in_the_order_given_and_namespaces_of_the_first() -> None:
    first = company(sales_invoice(Id=1, Reference="A"))
    second = company(
        sales_invoice(Id=2, Reference="B"),
        customers=[customer(Id="C1", AccountReference="ABS001")],
    ).replace('xmlns:xsd="http://www.w3.org/2001/XMLSchema"', 'xmlns:z="urn:z"')
    merged = zs.merge([first, second])
    assert merged.transactions is not None
    assert merged.customers is not None
    assert [t.reference for t in merged.transactions.transaction] == ["A", "B"]
    assert len(merged.customers.customer) == 1
    assert list(merged.namespaces) == ["xsi", "xsd", "z"]
    assert zs.merge([]) == zs.Company()


def test_split_and_merge_commands_round_trip(tmp_path: Path) -> None:
    runner = CliRunner()
    out = tmp_path / "tasks"
    result = runner.invoke(main, ["split", str(TRAINING_DAY), "--out-dir", str(out)])
    assert result.exit_code == 0, result.output
    written = sorted(path.name for path in out.iterdir())
    assert written == ["customers.xml", "invoices.xml", "transactions.xml"]
    assert f"{out / 'customers.xml'}: 2 customers" in result.output
    for path in out.iterdir():
        assert zs.validate(path).valid
    merged = tmp_path / "merged.xml"
    files = [str(out / name) for name in written]
    result = runner.invoke(main, ["merge", *files, "-o", str(merged)])
    assert result.exit_code == 0, result.output
    assert zs.load(merged) == zs.load(TRAINING_DAY)
    to_stdout = runner.invoke(main, ["merge", *files])
    assert to_stdout.exit_code == 0
    assert zs.loads(to_stdout.output) == zs.load(TRAINING_DAY)


def test_commands_exit_status(tmp_path: Path) -> None:
    runner = CliRunner()
    missing = runner.invoke(main, ["split", str(tmp_path / "no.xml"), "--out-dir", str(tmp_path)])
    assert missing.exit_code == 2
    bad = tmp_path / "bad.xml"
    bad.write_text("<Company><Transactions></Company>", encoding="utf-8")
    assert runner.invoke(main, ["merge", str(bad), "-o", str(tmp_path / "o.xml")]).exit_code == 1
    assert not (tmp_path / "o.xml").exists()
    assert runner.invoke(main, ["split", str(TRAINING_DAY)]).exit_code == 2  # --out-dir needed
    blocked = tmp_path / "file"
    blocked.write_text("", encoding="utf-8")
    result = runner.invoke(main, ["split", str(TRAINING_DAY), "--out-dir", str(blocked / "x")])
    assert result.exit_code == 2
    assert "Traceback" not in result.output
