"""``zynk-sage50 convert``: a document between its XML and its JSON form, losslessly."""

from __future__ import annotations

from pathlib import Path
from typing import BinaryIO

import click

from .. import Company
from ..errors import (
    ForbiddenXmlError,
    MalformedXmlError,
    ReadError,
    SchemaBindingError,
    SerializationError,
    TooLargeError,
    WrongRootError,
    ZynkSage50Error,
)
from ..interchange import from_json, to_json
from ..limits import Limits
from ..loading import load
from ..writing import dumps
from ._input import PEEK, kind_of, peekable, read_bounded
from ._options import limit_options
from ._status import EXIT_INVALID, EXIT_UNREADABLE
from ._streams import stdin_binary, write_output
from ._suggest import SuggestingChoice


def _open(name: str) -> tuple[BinaryIO, bool]:
    """The input stream and whether this command opened it (and so closes it)."""
    if name == "-":
        return stdin_binary(), False
    try:
        return Path(name).open("rb"), True
    except OSError as exc:
        raise ReadError(f"{name}: {exc.strerror or exc}") from None


_PROBLEMS = {
    MalformedXmlError: "not well-formed XML",
    ForbiddenXmlError: "refused",
    TooLargeError: "too large",
    WrongRootError: "not a Zynk document",
}


def _fail(name: str, exc: ZynkSage50Error) -> click.exceptions.Exit:
    if isinstance(exc, SchemaBindingError) and exc.issues:
        for issue in exc.issues:
            where = issue.path or ""
            if issue.line is not None:
                where = f"line {issue.line}"
            click.echo(f"{name}: {where}: {issue.code}: {issue.message}", err=True)
    else:
        kind = next((text for cls, text in _PROBLEMS.items() if isinstance(exc, cls)), None)
        click.echo(f"zynk-sage50: {name}: {kind + ': ' if kind else ''}{exc}", err=True)
    return click.exceptions.Exit(EXIT_INVALID)


@click.command("convert")
@click.argument("file", type=click.Path(dir_okay=False, allow_dash=True))
@click.option(
    "--to",
    "target",
    type=SuggestingChoice(["json", "xml"]),
    required=True,
    help="The form to write; the input's form is seen from its first character (< or {).",
)
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, allow_dash=True),
    help="Write there instead of standard output.",
)
@limit_options
def convert_command(file: str, target: str, output: str | None, limits: Limits) -> None:
    """Convert FILE (- for standard input) between the XML and its JSON form, losslessly.

    The JSON form is described by zynk-sage50 schema --json. Exit status: 0 converted,
    1 the input is not a well-formed document that fits the schema (each problem on standard
    error), 2 usage error or an input that cannot be read.
    """
    try:
        stream, opened = _open(file)
        try:
            stream = peekable(stream)
            source = kind_of(stream.peek(PEEK))
            if source is None:
                click.echo(
                    f"zynk-sage50: {file}: neither XML (starting with <) nor JSON (with {{)",
                    err=True,
                )
                raise click.exceptions.Exit(EXIT_INVALID)
            if source == "xml":
                company = load(stream, limits=limits)
            else:  # json.loads needs the whole text: read it, bounded like any input
                data = read_bounded(stream, limits.max_bytes)
                company = from_json(Company, data, limits=limits)
        finally:
            if opened:
                stream.close()
        text = to_json(company) if target == "json" else dumps(company)
    except ReadError as exc:
        click.echo(f"zynk-sage50: {exc}", err=True)
        raise click.exceptions.Exit(EXIT_UNREADABLE) from None
    except (ZynkSage50Error, SerializationError) as exc:
        raise _fail(file, exc) from None
    write_output(text.encode("utf-8"), output)


command = convert_command
