"""``zynk-sage50 validate``: check files and report every issue as text or JSON."""

from __future__ import annotations

import json
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import click

from ..errors import ReadError
from ..issues import Report
from ..validation import validate
from ._status import EXIT_INVALID, EXIT_UNREADABLE, EXIT_VALID


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


@click.command("validate")
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


command = validate_command
