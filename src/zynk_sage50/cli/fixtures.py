"""``zynk-sage50 fixtures``: write a realistic document from the Hypothesis strategies."""

from __future__ import annotations

import secrets
import sys
from pathlib import Path

import click


@click.command("fixtures")
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
        from ..strategies import StrategyArgumentError  # noqa: PLC0415
        from ..strategies._fixtures import fixture_text  # noqa: PLC0415
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


command = fixtures_command
