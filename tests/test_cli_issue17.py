"""The command's side of issue 17: infos never drown the rest in text output, and the journal
variance nominal is a nominal code or a usage error."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from zynk_sage50.cli import main

#: Five SalesReceipt rows: five type.alias infos.
ALIASES = (
    "<Company><Transactions>"
    + "".join(
        f"<Transaction><Id>{n}</Id><TransactionType>SalesReceipt</TransactionType>"
        "<AccountReference>ABS001</AccountReference>"
        "<TransactionDate>2019-05-16T00:00:00</TransactionDate>"
        f"<Reference>R{n}</Reference><BankReference>1200</BankReference>"
        "<NetAmount>10.00</NetAmount><TaxCode>9</TaxCode><TaxAmount>0.00</TaxAmount>"
        "</Transaction>"
        for n in range(1, 6)
    )
    + "</Transactions></Company>"
)


def _write(tmp_path: Path) -> Path:
    path = tmp_path / "aliases.xml"
    path.write_text(ALIASES, encoding="utf-8")
    return path


def test_repeated_infos_are_grouped_in_text_and_kept_in_json(tmp_path: Path) -> None:
    path = _write(tmp_path)
    data = json.loads(CliRunner().invoke(main, ["validate", "--format", "json", str(path)]).output)
    (result,) = data["files"]
    aliases = [i for i in result["issues"] if i["code"] == "type.alias"]
    assert len(aliases) == 5
    text = CliRunner().invoke(main, ["validate", str(path)]).output
    shown = [line for line in text.splitlines() if " info type.alias: TransactionType" in line]
    assert len(shown) == 3
    assert "type.alias: …and 2 more like this" in text


def test_journal_variance_nominal_must_be_a_nominal_code(tmp_path: Path) -> None:
    path = _write(tmp_path)
    for bad in ("", "   ", "123456789"):
        run = CliRunner().invoke(main, ["validate", "--journal-variance-nominal", bad, str(path)])
        assert run.exit_code == 2, run.output
        assert "--journal-variance-nominal" in run.output
    run = CliRunner().invoke(main, ["validate", "--journal-variance-nominal", "9998", str(path)])
    assert run.exit_code == 0, run.output
