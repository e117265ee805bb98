"""``zynk-sage50 summary``: counts and exact totals of a document, as text or JSON."""

from __future__ import annotations

import json

import click

from ..summarizing import summarize
from ._documents import read_document


@click.command("summary")
@click.argument("file", type=click.Path(dir_okay=True, allow_dash=True))
@click.option(
    "--format",
    "output_format",
    type=click.Choice(["text", "json"]),
    default="text",
    show_default=True,
    help="Output format (JSON amounts are strings with two decimals, exact).",
)
def summary_command(file: str, output_format: str) -> None:
    """What FILE will post: records per kind and type; net, tax and gross per transaction
    type, account and nominal code; journals with their balance; allocations; invoice
    documents with their totals.

    Use - to read standard input. Exit status: 0 done, 1 the file is not a valid document
    (see validate), 2 usage error or a file that cannot be read.
    """
    summary = summarize(read_document(file))
    if output_format == "json":
        click.echo(json.dumps({"path": file, **summary.to_dict()}, indent=2, ensure_ascii=False))
    else:
        click.echo(summary.to_text(), nl=False)


command = summary_command
