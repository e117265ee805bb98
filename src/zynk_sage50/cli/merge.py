"""``zynk-sage50 merge``: several documents as one (the reverse of ``split``)."""

from __future__ import annotations

from collections.abc import Sequence

import click

from ..splitting import merge
from ._documents import read_document, write_document


@click.command("merge")
@click.argument("files", nargs=-1, required=True, type=click.Path(dir_okay=True, allow_dash=True))
@click.option(
    "-o",
    "--output",
    default="-",
    show_default=True,
    type=click.Path(dir_okay=False, allow_dash=True),
    help="Write there instead of standard output.",
)
def merge_command(files: Sequence[str], output: str) -> None:
    """Write one document holding the records of every FILE: the customers, invoices and
    transactions of each, in the order the files are given, under the root namespace
    declarations of the first. Merging what split wrote gives back the original document.

    Use - to read standard input. Exit status: 0 written, 1 a FILE is not a valid document
    (see validate), 2 usage error, or a file that cannot be read or written.
    """
    write_document(merge(read_document(name) for name in files), output)


command = merge_command
