"""Reading a document argument and writing an output file for the commands that work on the
models (summary, split, merge): every failure becomes a one-line message and an exit status."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import NoReturn

import click

from ..company_parts import read_company
from ..errors import ReadError, ZynkSage50Error
from ..models import Company
from ..writing import dumps
from ._status import EXIT_INVALID, EXIT_UNREADABLE
from ._streams import stdin_binary, stdout_binary


def fail(message: str, status: int) -> NoReturn:
    """Print ``zynk-sage50: message`` on standard error and exit with ``status``."""
    click.echo(f"zynk-sage50: {message}", err=True)
    sys.exit(status)


def read_document(name: str) -> Company:
    """The document at ``name`` (``-``: standard input). A file that cannot be read exits 2;
    one that is not a valid Zynk document (malformed, refused, not matching the schema) exits 1
    and points at ``validate``."""
    try:
        return read_company(stdin_binary() if name == "-" else Path(name))
    except ReadError as exc:
        fail(str(exc), EXIT_UNREADABLE)
    except OSError as exc:
        fail(f"{name}: {exc.strerror or exc}", EXIT_UNREADABLE)
    except ZynkSage50Error as exc:
        fail(
            f"{name}: {exc}\n(run 'zynk-sage50 validate {name}' to see every problem)",
            EXIT_INVALID,
        )


def write_document(company: Company, target: str | Path) -> None:
    """Write ``company`` to ``target`` (``-``: standard output); a write error exits 2."""
    data = dumps(company).encode("utf-8")
    if str(target) == "-":
        stdout_binary().write(data)
        return
    try:
        Path(target).write_bytes(data)
    except OSError as exc:
        fail(f"cannot write {target}: {exc.strerror or exc}", EXIT_UNREADABLE)
