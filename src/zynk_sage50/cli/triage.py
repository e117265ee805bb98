"""``zynk-sage50 triage``: what Zynk would import, and its fail file, as two documents."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

import click

from ..errors import ReadError, ZynkSage50Error
from ..triaging import Reason, Triage, triage
from ._documents import fail
from ._options import validation_options
from ._status import EXIT_INVALID, EXIT_UNREADABLE, EXIT_VALID
from ._streams import stdin_binary


def _write(text: str, target: str) -> None:
    try:
        Path(target).write_text(text, encoding="utf-8")
    except OSError as exc:
        fail(f"cannot write {target}: {exc.strerror or exc}", EXIT_UNREADABLE)


def _plural(count: int, word: str) -> str:
    return f"{count} {word}{'' if count == 1 else 's'}"


def _text(name: str, result: Triage) -> list[str]:
    lines = []
    for rejection in result.rejections:
        record = rejection.record
        named = f"{record.kind}[{record.index}]" + (f" (Id {record.id})" if record.id else "")
        if rejection.reason is Reason.ISSUE:
            lines.append(f"{name}: rejected {named}: {rejection.code}: {rejection.message}")
            continue
        assert rejection.cause is not None
        cause = f"{rejection.cause.kind}[{rejection.cause.index}]"
        warning = "" if rejection.reason is Reason.GROUP else "warning: "
        lines.append(f"{name}: {warning}rejected {named} {rejection.reason.relation}, {cause}")
    counts = {
        kind: sum(1 for r in result.rejected_records if r.kind == kind)
        for kind in ("Customer", "Invoice", "Transaction")
    }
    rejected = ", ".join(_plural(n, kind.lower()) for kind, n in counts.items() if n)
    lines.append(f"{name}: {'rejected ' + rejected if rejected else 'nothing rejected'}")
    return lines


@click.command("triage")
@click.argument("file", type=click.Path(dir_okay=True, allow_dash=True))
@click.option(
    "--accepted",
    required=True,
    type=click.Path(dir_okay=False),
    help="Write what Zynk would import here.",
)
@click.option(
    "--rejected",
    required=True,
    type=click.Path(dir_okay=False),
    help="Write the fail file here: each rejected record with Errors/Error.",
)
@click.option(
    "--format",
    "output_format",
    type=click.Choice(["text", "json"]),
    default="text",
    show_default=True,
    help="How to report what was rejected and why.",
)
@validation_options
def triage_command(
    file: str, accepted: str, rejected: str, output_format: str, validation: dict[str, Any]
) -> None:
    """Split FILE into what Zynk would import (--accepted) and what it would write to its fail
    file (--rejected). A record with an error is rejected (with --strict, a warning too);
    every row of an SI/SC/PI/PC group or journal set goes with its worst row; what is
    allocated to a rejected invoice, and the sales transactions and invoices of a rejected new
    customer, go with it (a warning says so). Each rejected record gets Errors/Error in Zynk's
    shape, so the fail file can be fixed and checked again with validate.

    Use - to read standard input. Exit status: 0 nothing rejected, 1 something rejected (or
    FILE is not a readable Zynk document), 2 usage error or a file that cannot be read or
    written.
    """
    try:
        source: Any = stdin_binary() if file == "-" else Path(file)
        result = triage(source, **validation)
    except ReadError as exc:
        fail(str(exc), EXIT_UNREADABLE)
    except OSError as exc:
        fail(f"{file}: {exc.strerror or exc}", EXIT_UNREADABLE)
    except ZynkSage50Error as exc:  # not well-formed, refused, not a Company document
        fail(f"{file}: {exc}; nothing written", EXIT_INVALID)
    _write(result.accepted_xml, accepted)
    _write(result.rejected_xml, rejected)
    if output_format == "json":
        click.echo(json.dumps({"path": file, **result.to_dict()}, indent=2, ensure_ascii=False))
    else:
        for line in _text(file, result):
            click.echo(line)
    sys.exit(EXIT_INVALID if result.rejections else EXIT_VALID)


command = triage_command
