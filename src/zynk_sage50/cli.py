"""The ``zynk-sage50`` command: ``validate`` and ``fixtures``, as ``cli.md`` specifies."""

from __future__ import annotations

import json
import secrets
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import click

from . import __version__
from .errors import ReadError
from .issues import Report
from .validation import validate

EXIT_VALID, EXIT_INVALID, EXIT_UNREADABLE = 0, 1, 2


def _plural(count: int, word: str) -> str:
    return f"{count} {word}{'' if count == 1 else 's'}"


def _summary(name: str, report: Report) -> str:
    counts = report.counts()
    parts = [_plural(counts["error"], "error"), _plural(counts["warning"], "warning")]
    if counts["info"]:
        parts.append(_plural(counts["info"], "info"))
    return f"{name}: {'valid' if report.valid else 'invalid'} ({', '.join(parts)})"


def _read_imported_ids(path: str | None) -> list[str]:
    if path is None:
        return []
    try:
        text = Path(path).read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise click.BadParameter(
            f"cannot read {path}: {exc}", param_hint="--imported-ids"
        ) from exc
    return [line.strip() for line in text.splitlines() if line.strip()]


def _check(name: str, options: dict[str, Any]) -> tuple[Report | None, str | None]:
    """Validate one file argument; returns the report, or the reason it could not be read."""
    try:
        if name == "-":
            return validate(sys.stdin.buffer.read(), **options), None
        return validate(Path(name), **options), None
    except ReadError as exc:
        return None, str(exc)
    except OSError as exc:
        return None, f"{name}: {exc.strerror or exc}"


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="zynk-sage50")
def main() -> None:
    """Check and generate Zynk XML documents for Sage 50 UK."""


@main.command("validate")
@click.argument("files", nargs=-1, required=True, type=click.Path(dir_okay=True, allow_dash=True))
@click.option(
    "--format",
    "output_format",
    type=click.Choice(["text", "json"]),
    default="text",
    show_default=True,
    help="Output format.",
)
@click.option("--strict", is_flag=True, help="Warnings make a file invalid.")
@click.option(
    "--journal-variance-nominal",
    metavar="CODE",
    help="As the importer's Journal Variance Nominal Code setting: unbalanced journals are "
    "balanced to this nominal (reported as info).",
)
@click.option(
    "--imported-ids",
    metavar="FILE",
    type=click.Path(dir_okay=False),
    help="Ids already imported, one per line (they count as duplicates).",
)
@click.option("--quiet", is_flag=True, help="Text format: print only the summary line per file.")
def validate_command(
    files: Sequence[str],
    output_format: str,
    strict: bool,
    journal_variance_nominal: str | None,
    imported_ids: str | None,
    quiet: bool,
) -> None:
    """Check each FILE: well-formedness and safety, the XSD, then every business rule.

    Use - to read standard input. Exit status: 0 every file valid, 1 at least one invalid,
    2 usage error or a file that cannot be read.
    """
    options: dict[str, Any] = {
        "strict": strict,
        "journal_variance_nominal": journal_variance_nominal,
        "imported_ids": _read_imported_ids(imported_ids),
    }
    status = EXIT_VALID
    results: list[dict[str, Any]] = []
    for name in files:
        report, problem = _check(name, options)
        if report is None:
            click.echo(f"zynk-sage50: {problem}", err=True)
            status = EXIT_UNREADABLE
            results.append({"path": name, "valid": False, "error": problem})
            continue
        if not report.valid and status == EXIT_VALID:
            status = EXIT_INVALID
        if output_format == "json":
            results.append({"path": name, **report.to_dict()})
            continue
        if not quiet:
            for issue in report.issues:
                where = f"{name}:{issue.line}" if issue.line is not None else name
                click.echo(f"{where}: {issue.severity.value} {issue.code}: {issue.message}")
        click.echo(_summary(name, report))
    if output_format == "json":
        click.echo(json.dumps({"files": results}, indent=2, ensure_ascii=False))
    sys.exit(status)


@main.command("fixtures")
@click.option(
    "--customers",
    type=click.IntRange(min=0),
    default=3,
    show_default=True,
    metavar="N",
    help="Number of customers.",
)
@click.option(
    "--transactions",
    type=click.IntRange(min=0),
    default=20,
    show_default=True,
    metavar="N",
    help="Number of transaction rows.",
)
@click.option(
    "--invoices",
    type=click.IntRange(min=0),
    default=0,
    show_default=True,
    metavar="N",
    help="Number of invoice documents (Company/Invoices/Invoice: service and product invoices "
    "and credit notes with items), naming the document's customers.",
)
@click.option(
    "--types",
    metavar="T,T,...",
    help="Only these TransactionType names, e.g. SalesInvoice,SalesReceiptOnAccount.",
)
@click.option(
    "--seed",
    type=click.IntRange(min=0),
    metavar="S",
    help="Deterministic: the same seed and options give byte-identical output.",
)
@click.option(
    "--invalid",
    "invalid_code",
    metavar="CODE",
    help="Make a document that triggers exactly this rule code (and no other error).",
)
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, allow_dash=True),
    help="Write there instead of standard output.",
)
def fixtures_command(
    customers: int,
    transactions: int,
    invoices: int,
    types: str | None,
    seed: int | None,
    invalid_code: str | None,
    output: str | None,
) -> None:
    """Write a realistic document generated from the library's own Hypothesis strategies.

    Without --invalid it validates with zero errors and zero warnings. Without --seed the
    output is different every time. Needs Hypothesis: pip install "zynk-sage50[hypothesis]".
    """
    try:
        # Imported here: Hypothesis is optional, and only this command needs it.
        from .strategies import StrategyArgumentError  # noqa: PLC0415
        from .strategies._fixtures import fixture_text  # noqa: PLC0415
    except ImportError as exc:
        raise click.UsageError(str(exc)) from None
    try:
        text = fixture_text(
            customers=customers,
            transactions=transactions,
            types=types,
            seed=secrets.randbits(64) if seed is None else seed,
            invalid=invalid_code,
            invoices=invoices,
        )
    except StrategyArgumentError as exc:
        option = {
            "code": "--invalid",
            "types": "--types",
            "transactions": "--transactions",
            "customers": "--customers",
            "invoices": "--invoices",
        }.get(exc.argument or "")
        if option is None:
            raise click.UsageError(str(exc)) from None
        raise click.BadParameter(str(exc), param_hint=f"'{option}'") from None
    data = text.encode("utf-8")
    if output is None or output == "-":
        sys.stdout.flush()
        sys.stdout.buffer.write(data)
        sys.stdout.buffer.flush()
        return
    try:
        Path(output).write_bytes(data)
    except OSError as exc:
        raise click.BadParameter(
            f"cannot write {output}: {exc.strerror or exc}", param_hint="-o"
        ) from None


if __name__ == "__main__":  # pragma: no cover
    main()
