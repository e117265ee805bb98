"""``zynk-sage50 split``: one document as the inputs of Zynk's three import tasks."""

from __future__ import annotations

from collections.abc import Callable, Sized
from pathlib import Path

import click

from ..company_parts import customers_of, invoices_of, transactions_of
from ..models import Company
from ..splitting import Task, split
from ._documents import fail, read_document, write_document
from ._status import EXIT_UNREADABLE

#: How to count each part's records, and what to call one.
_RECORDS: dict[Task, tuple[Callable[[Company], Sized], str]] = {
    Task.CUSTOMERS: (customers_of, "customer"),
    Task.INVOICES: (invoices_of, "invoice"),
    Task.TRANSACTIONS: (transactions_of, "transaction"),
}


@click.command("split")
@click.argument("file", type=click.Path(dir_okay=True, allow_dash=True))
@click.option(
    "--out-dir",
    required=True,
    type=click.Path(file_okay=False),
    help="Directory to write customers.xml, invoices.xml and transactions.xml into "
    "(created if missing; files of those names are replaced).",
)
def split_command(file: str, out_dir: str) -> None:
    """Write the input of each of Zynk's import tasks (Customers, then Invoices, then
    Transactions) as its own file: customers.xml, invoices.xml and transactions.xml, those
    whose collection FILE has. Each keeps FILE's root namespace declarations; merge puts them
    back together.

    Use - to read standard input. Exit status: 0 written, 1 FILE is not a valid document (see
    validate), 2 usage error, or a file that cannot be read or written.
    """
    parts = split(read_document(file))
    directory = Path(out_dir)
    try:
        directory.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        fail(f"cannot create {directory}: {exc.strerror or exc}", EXIT_UNREADABLE)
    for task, part in parts.items():
        target = directory / task.file_name
        write_document(part, target)
        records_of, name = _RECORDS[task]
        count = len(records_of(part))
        click.echo(f"{target}: {count} {name}{'' if count == 1 else 's'}")
    if not parts:
        click.echo(f"{file}: no Customers, Invoices or Transactions: nothing written")


command = split_command
