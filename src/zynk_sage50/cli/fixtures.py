"""``zynk-sage50 fixtures``: write a realistic document from the Hypothesis strategies."""

from __future__ import annotations

import secrets

import click

from ..issues import Severity
from ..models import TransactionType
from ..rules.catalogue import CATALOGUE
from ._streams import write_output
from ._suggest import did_you_mean

_OPTIONS = {
    "code": "--invalid",
    "types": "--types",
    "transactions": "--transactions",
    "customers": "--customers",
    "invoices": "--invoices",
}


def _hint(argument: str | None, types: str | None, code: str | None, codes: list[str]) -> str:
    """The nearest valid name for the misspelt ``--types`` entry or ``--invalid`` code."""
    if argument == "code" and code is not None:
        return did_you_mean(code, codes)
    if argument == "types" and types is not None:
        names = [member.value for member in TransactionType]
        for part in (part.strip() for part in types.split(",")):
            if part and part not in names:
                return did_you_mean(part, names)
    return ""


def _severity_note(code: str) -> str | None:
    """What to expect from ``validate`` when ``code`` is a warning or an info, else ``None``."""
    entry = CATALOGUE.get(code)
    if entry is None or entry.severity is Severity.ERROR:
        return None
    if entry.severity is Severity.WARNING:
        return (
            f"note: {code} is a warning, so this document is valid: zynk-sage50 validate "
            "exits 0 on it (1 with --strict)"
        )
    return (
        f"note: {code} is an info, so this document is valid: zynk-sage50 validate exits 0 on "
        "it, even with --strict"
    )


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
    help="Make a document that triggers exactly this rule code (and no other error). For a "
    "warning or info code the document stays valid (validate exits 0; for a warning, 1 with "
    "--strict): a note on standard error says so.",
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
        from ..strategies import INVALID_CODES, StrategyArgumentError  # noqa: PLC0415
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
        option = _OPTIONS.get(exc.argument or "")
        message = str(exc).rstrip()
        hint = _hint(exc.argument, types, invalid_code, list(INVALID_CODES))
        if hint:
            message += ("" if message.endswith(".") else ".") + hint
        if option is None:
            raise click.UsageError(message) from None
        raise click.BadParameter(message, param_hint=f"'{option}'") from None
    if invalid_code is not None:
        note = _severity_note(invalid_code)
        if note is not None:
            click.echo(f"zynk-sage50: {note}", err=True)
    write_output(text.encode("utf-8"), output)


command = fixtures_command
