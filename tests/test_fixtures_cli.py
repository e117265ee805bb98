"""``zynk-sage50 fixtures``: valid by default, exact counts and types, byte-identical output for a
seed, one rule code with --invalid, -o, and usage errors (exit 2) instead of tracebacks."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

import zynk_sage50 as zs
from zynk_sage50 import Invoice, Severity, TransactionType
from zynk_sage50.cli import main
from zynk_sage50.schema import schema_dir
from zynk_sage50.strategies import INVALID_CODES


def fixtures(*args: str) -> Result:
    """The command run in this process (fast)."""
    return CliRunner().invoke(main, ["fixtures", *args])


def run(*args: str, hash_seed: str = "0") -> subprocess.CompletedProcess[bytes]:
    """The command in a fresh interpreter, as a user runs it."""
    return subprocess.run(
        [sys.executable, "-m", "zynk_sage50", *args],
        capture_output=True,
        check=False,
        timeout=120,
        env={**os.environ, "PYTHONHASHSEED": hash_seed},
    )


def problems(report: zs.Report, allowed: str | None = None) -> list[str]:
    return [
        str(issue)
        for issue in report.issues
        if issue.severity is not Severity.INFO and issue.code != allowed
    ]


def counts(text: str) -> tuple[int, int]:
    company = zs.loads(text)
    customers = len(company.customers.customer) if company.customers else 0
    rows = len(company.transactions.transaction) if company.transactions else 0
    return customers, rows


def invoices_of(text: str) -> list[Invoice]:
    company = zs.loads(text)
    return list(company.invoices.invoice) if company.invoices else []


def test_the_same_seed_gives_the_same_bytes_in_separate_processes() -> None:
    # Different hash seeds: the output must not depend on set or dict ordering either.
    first = run("fixtures", "--seed", "20261122", hash_seed="1")
    second = run("fixtures", "--seed", "20261122", hash_seed="2")
    assert first.returncode == second.returncode == 0, first.stderr + second.stderr
    assert first.stdout == second.stdout
    assert first.stdout.startswith(b'<?xml version="1.0" encoding="utf-8"?>')
    assert first.stderr == b""


def test_the_output_does_not_depend_on_how_the_library_is_installed(tmp_path: Path) -> None:
    """Hypothesis draws now and then from constants found in "local" (not site-packages)
    modules: an editable checkout and an installed wheel must still give the same bytes, and
    nothing is written under .hypothesis/ in the working directory."""
    installed = tmp_path / "lib" / "site-packages"
    package = Path(zs.__file__).parent
    shutil.copytree(package, installed / "zynk_sage50", ignore=shutil.ignore_patterns("*.pyc"))
    if not (installed / "zynk_sage50" / "schemas").is_dir():
        shutil.copytree(schema_dir(), installed / "zynk_sage50" / "schemas")
    work = tmp_path / "work"
    work.mkdir()
    code = (
        "import sys, zynk_sage50\n"
        "assert '/site-packages/' in zynk_sage50.__file__, zynk_sage50.__file__\n"
        "from zynk_sage50.cli import main\n"
        "main(['fixtures', '--seed', '77', '--customers', '2', '--transactions', '30'])\n"
    )
    wheel = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        check=False,
        timeout=120,
        cwd=work,
        env={**os.environ, "PYTHONPATH": str(installed)},
    )
    checkout = run("fixtures", "--seed", "77", "--customers", "2", "--transactions", "30")
    assert wheel.returncode == 0, wheel.stderr
    assert wheel.stdout == checkout.stdout
    assert list(work.iterdir()) == []


def test_seeds_and_options_change_the_output() -> None:
    base = fixtures("--seed", "1").stdout_bytes
    assert fixtures("--seed", "1").stdout_bytes == base
    assert fixtures("--seed", "2").stdout_bytes != base
    assert fixtures("--seed", "1", "--transactions", "21").stdout_bytes != base
    assert (
        fixtures("--seed", "1", "--invalid", "duplicate.id").stdout_bytes
        == fixtures("--seed", "1", "--invalid", "duplicate.id").stdout_bytes
    )


def test_without_a_seed_the_output_is_random() -> None:
    assert fixtures().stdout_bytes != fixtures().stdout_bytes


@pytest.mark.parametrize("seed", range(30))
def test_default_output_is_clean_with_the_default_counts(seed: int) -> None:
    result = fixtures("--seed", str(seed))
    assert result.exit_code == 0, result.output
    report = zs.validate(result.stdout)
    assert problems(report) == [], result.stdout
    assert counts(result.stdout) == (3, 20)


def test_counts_are_exact() -> None:
    result = fixtures("--seed", "5", "--customers", "0", "--transactions", "7")
    assert counts(result.stdout) == (0, 7)
    empty = fixtures("--seed", "5", "--customers", "0", "--transactions", "0")
    assert empty.exit_code == 0
    assert zs.validate(empty.stdout).issues == ()


def test_large_documents_are_drawn_in_parts_and_stay_valid() -> None:
    result = fixtures("--seed", "9", "--customers", "45", "--transactions", "230")
    assert result.exit_code == 0, result.output
    assert counts(result.stdout) == (45, 230)
    assert problems(zs.validate(result.stdout)) == []


def test_journal_only_documents_of_any_possible_size() -> None:
    result = fixtures(
        "--seed", "4", "--transactions", "101", "--types", "JournalDebit,JournalCredit"
    )
    assert result.exit_code == 0, result.output
    assert counts(result.stdout)[1] == 101
    assert problems(zs.validate(result.stdout)) == []


def test_types_restrict_the_transaction_types() -> None:
    result = fixtures("--seed", "3", "--types", "SalesInvoice, SalesReceipt,BankTransfer")
    assert result.exit_code == 0, result.output
    company = zs.loads(result.stdout)
    assert company.transactions is not None
    found = {row.transaction_type for row in company.transactions.transaction}
    allowed = {
        TransactionType.SALES_INVOICE,
        TransactionType.SALES_RECEIPT,
        TransactionType.BANK_TRANSFER,
    }
    assert found <= allowed
    assert problems(zs.validate(result.stdout)) == []


@pytest.mark.parametrize("code", INVALID_CODES)
def test_invalid_gives_that_code_and_no_other_problem(code: str) -> None:
    result = fixtures("--seed", "11", "--invalid", code)
    assert result.exit_code == 0, result.output
    report = zs.validate(result.stdout)
    assert code in report.codes, result.stdout
    assert problems(report, code) == [], result.stdout


# ----- --invoices -----------------------------------------------------------------------------
def test_without_invoices_the_output_is_what_it_was() -> None:
    """--invoices 0 (the default) draws nothing for invoices: the same bytes as without the
    option, and no <Invoices> element."""
    base = fixtures("--seed", "1").stdout_bytes
    assert fixtures("--seed", "1", "--invoices", "0").stdout_bytes == base
    assert b"<Invoices" not in base
    assert fixtures("--seed", "1", "--invoices", "1").stdout_bytes != base


@pytest.mark.parametrize("seed", range(30))
def test_invoices_output_is_clean_exact_and_names_the_customers(seed: int) -> None:
    result = fixtures("--seed", str(seed), "--invoices", "4")
    assert result.exit_code == 0, result.output
    report = zs.validate(result.stdout)
    assert problems(report) == [], result.stdout
    assert "invoice.unknown-customer" not in report.codes
    assert counts(result.stdout) == (3, 20)
    found = invoices_of(result.stdout)
    assert len(found) == 4
    assert len({invoice.id for invoice in found}) == 4
    assert fixtures("--seed", str(seed), "--invoices", "4").stdout_bytes == result.stdout_bytes


def test_invoices_are_byte_identical_across_processes() -> None:
    args = ("fixtures", "--seed", "31", "--invoices", "6", "--customers", "2")
    first, second = run(*args, hash_seed="1"), run(*args, hash_seed="2")
    assert first.returncode == second.returncode == 0, first.stderr + second.stderr
    assert first.stdout == second.stdout
    assert len(invoices_of(first.stdout.decode())) == 6


def test_many_invoices_are_drawn_in_parts_with_unique_ids_and_numbers() -> None:
    result = fixtures(
        "--seed", "12", "--invoices", "45", "--customers", "41", "--transactions", "5"
    )
    assert result.exit_code == 0, result.output
    report = zs.validate(result.stdout)
    assert problems(report) == []
    assert "invoice.unknown-customer" not in report.codes
    found = invoices_of(result.stdout)
    assert len(found) == 45
    assert len({invoice.id for invoice in found}) == 45
    numbers = [invoice.invoice_number for invoice in found if invoice.invoice_number]
    assert len(set(numbers)) == len(numbers)


def test_invoices_without_customers_or_transactions() -> None:
    result = fixtures("--seed", "2", "--invoices", "3", "--customers", "0", "--transactions", "0")
    assert result.exit_code == 0, result.output
    assert zs.validate(result.stdout).issues == ()
    assert counts(result.stdout) == (0, 0)
    assert len(invoices_of(result.stdout)) == 3


@pytest.mark.parametrize(
    "code",
    [
        "invoice.quantity-missing",
        "invoice.payment-not-applicable",
        "duplicate.id",
        "amount.precision",
        "field.export-only",
    ],
)
def test_invalid_with_invoices_keeps_the_valid_invoices(code: str) -> None:
    result = fixtures("--seed", "13", "--invoices", "3", "--invalid", code)
    assert result.exit_code == 0, result.output
    report = zs.validate(result.stdout)
    assert code in report.codes, result.stdout
    assert problems(report, code) == [], result.stdout
    assert len(invoices_of(result.stdout)) >= 3


def test_output_file(tmp_path: Path) -> None:
    target = tmp_path / "fixture.xml"
    result = fixtures("--seed", "8", "-o", str(target))
    assert result.exit_code == 0, result.output
    assert result.stdout == ""
    assert target.read_bytes() == fixtures("--seed", "8").stdout_bytes
    assert problems(zs.validate(target)) == []


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (["--customers", "-1"], "--customers"),
        (["--transactions", "many"], "--transactions"),
        (["--invoices", "-1"], "--invoices"),
        (["--seed", "-3"], "--seed"),
        (["--seed", "abc"], "--seed"),
        (["--types", "SI"], "not a TransactionType name"),
        (["--types", ","], "no TransactionType"),
        (["--types", "JournalDebit"], "without JournalCredit"),
        (["--types", "JournalDebit,JournalCredit", "--transactions", "1"], "only journals"),
        (["--invalid", "no.such-code"], "xml.malformed"),
        (["--invalid", "journal.variance-posted"], "journal variance nominal"),
        (["-o", "/nonexistent-dir/fixture.xml"], "cannot write"),
    ],
)
def test_bad_values_are_usage_errors(args: list[str], words: str) -> None:
    result = fixtures(*args)
    assert result.exit_code == 2, result.output
    assert words in result.output
    assert "Traceback" not in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)


def test_without_hypothesis_the_command_says_how_to_install_it() -> None:
    result = subprocess.run(
        [
            sys.executable,
            "-c",
            "import sys; sys.modules['hypothesis'] = None\n"
            "from zynk_sage50.cli import main\n"
            "main(['fixtures'])",
        ],
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )
    assert result.returncode == 2
    assert 'pip install "zynk-sage50[hypothesis]"' in result.stderr
    assert "Traceback" not in result.stderr


def test_help_describes_every_option() -> None:
    result = CliRunner().invoke(main, ["fixtures", "--help"])
    assert result.exit_code == 0
    for option in (
        "--customers",
        "--transactions",
        "--invoices",
        "--types",
        "--seed",
        "--invalid",
        "-o",
    ):
        assert option in result.output
