"""The options of ``validate`` that decide what is checked, for any subcommand that validates.

``@validation_options`` adds them (``--strict``, ``--journal-variance-nominal``,
``--imported-ids``, ``--tax-rate`` once ``validate()`` takes ``tax_rates``, and a
``--max-…`` option per :class:`~zynk_sage50.Limits` field) and hands the command function one
``validation`` argument: the keyword arguments for :func:`zynk_sage50.validate`.
``@limit_options`` adds only the ``--max-…`` options, as one ``limits`` argument.
"""

from __future__ import annotations

import functools
import inspect
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path
from typing import Any

import attr
import click

from ..limits import DEFAULT_LIMITS, Limits
from ..rules import parse_tax_rate as rules_parse_tax_rate
from ..validation import validate


def accepts(name: str) -> bool:
    """Whether this version of ``validate()`` has the keyword argument ``name``."""
    return name in inspect.signature(validate).parameters


def _read_imported_ids(path: str | None) -> list[str]:
    if path is None:
        return []
    try:
        text = Path(path).read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else exc
        raise click.BadParameter(
            f"cannot read {path}: {reason}", param_hint="'--imported-ids'"
        ) from None
    return [line.strip() for line in text.splitlines() if line.strip()]


def parse_tax_rate(text: str) -> tuple[int, Decimal]:
    """``T1=20`` or ``1=20`` → ``(1, Decimal("20"))``, as the rules read it; a usage error
    otherwise."""
    try:
        return rules_parse_tax_rate(text)
    except ValueError as exc:
        raise click.BadParameter(str(exc), param_hint="'--tax-rate'") from None


def limit_option_name(field: attr.Attribute[Any]) -> str:
    """``max_text_length`` → ``--max-text-length``."""
    return "--" + field.name.replace("_", "-")


def _limit_options() -> list[Callable[[Callable[..., Any]], Callable[..., Any]]]:
    return [
        click.option(
            limit_option_name(field),
            f"limit_{field.name}",
            type=click.IntRange(min=0),
            metavar="N",
            help=f"Limits.{field.name}: default {getattr(DEFAULT_LIMITS, field.name):,} "
            "(see docs/security.md).",
        )
        for field in attr.fields(Limits)
    ]


#: The longest nominal code Sage 50 holds (the NominalCode field of the schema).
_NOMINAL_LENGTH = 8


def _nominal_code(
    context: click.Context, parameter: click.Parameter, value: str | None
) -> str | None:
    """A usage error for an empty nominal code or one longer than Sage's 8 characters."""
    if value is None:
        return None
    if not value.strip():
        raise click.BadParameter("give a nominal code, e.g. 9998 (it is empty)")
    if len(value) > _NOMINAL_LENGTH:
        raise click.BadParameter(
            f"{value[:40]!r} is {len(value)} characters; a nominal code has at most "
            f"{_NOMINAL_LENGTH}"
        )
    return value


def _options() -> list[Callable[[Callable[..., Any]], Callable[..., Any]]]:
    options = [
        click.option("--strict", is_flag=True, help="Warnings make a file invalid."),
        click.option(
            "--journal-variance-nominal",
            metavar="CODE",
            callback=_nominal_code,
            help="As the importer's Journal Variance Nominal Code setting: unbalanced journals "
            "are balanced to this nominal (reported as info). 1 to 8 characters.",
        ),
        click.option(
            "--imported-ids",
            metavar="FILE",
            type=click.Path(dir_okay=False),
            help="Ids already imported, one per line (they count as duplicates).",
        ),
    ]
    if accepts("tax_rates"):
        options.append(
            click.option(
                "--tax-rate",
                "tax_rate",
                metavar="CODE=PERCENT",
                multiple=True,
                help="A tax code's rate in your Sage company, e.g. T1=20 (repeatable); "
                "replaces that code's entry in Sage's default table.",
            )
        )
    return options + _limit_options()


def _keywords(values: dict[str, Any]) -> dict[str, Any]:
    keywords: dict[str, Any] = {
        "strict": values.pop("strict"),
        "journal_variance_nominal": values.pop("journal_variance_nominal"),
        "imported_ids": _read_imported_ids(values.pop("imported_ids")),
    }
    given_rates = values.pop("tax_rate", ())
    if given_rates:  # only when given: a callee without tax_rates keeps working without it
        keywords["tax_rates"] = dict(parse_tax_rate(text) for text in given_rates)
    limits = _limits(values)
    if limits is not DEFAULT_LIMITS:
        keywords["limits"] = limits
    return keywords


def _limits(values: dict[str, Any]) -> Limits:
    """``Limits`` from the ``limit_…`` option values given (the defaults when none is)."""
    given = {
        name.removeprefix("limit_"): value
        for name, value in values.items()
        if name.startswith("limit_") and value is not None
    }
    if not given:
        return DEFAULT_LIMITS
    try:
        return attr.evolve(DEFAULT_LIMITS, **given)
    except (ValueError, TypeError) as exc:
        raise click.UsageError(str(exc)) from None


def option_names() -> list[str]:
    """The parameter names ``@validation_options`` adds."""
    names = ["strict", "journal_variance_nominal", "imported_ids"]
    if accepts("tax_rates"):
        names.append("tax_rate")
    return names + [f"limit_{field.name}" for field in attr.fields(Limits)]


def validation_options(function: Callable[..., Any]) -> Callable[..., Any]:
    """Add the validation options; the command receives them as ``validation`` (a dict of
    keyword arguments for ``validate()``)."""
    names = option_names()

    @functools.wraps(function)
    def command(**kwargs: Any) -> Any:
        values = {name: kwargs.pop(name) for name in names}
        return function(validation=_keywords(values), **kwargs)

    decorated: Callable[..., Any] = command
    for option in reversed(_options()):
        decorated = option(decorated)
    return decorated


def limit_options(function: Callable[..., Any]) -> Callable[..., Any]:
    """Add only the ``--max-…`` options; the command receives ``limits`` (a ``Limits``)."""
    names = [f"limit_{field.name}" for field in attr.fields(Limits)]

    @functools.wraps(function)
    def command(**kwargs: Any) -> Any:
        values = {name: kwargs.pop(name) for name in names}
        return function(limits=_limits(values), **kwargs)

    decorated: Callable[..., Any] = command
    for option in reversed(_limit_options()):
        decorated = option(decorated)
    return decorated
