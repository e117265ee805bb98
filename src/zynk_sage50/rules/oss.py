"""Rules: the One Stop Shop fields (OssReportType, OssCountryOfVat) of SI, SC, SA and SP.

Countries are ISO 3166-1 as ``pycountry`` knows them: two-letter codes, and (decision 14, D11)
the names pycountry gives (common, short or official; any case). Nothing here is a hand-made
country list.
"""

from __future__ import annotations

import functools
from collections.abc import Iterator, Mapping

import pycountry

from ..issues import Issue, Severity
from ..models import OssReportType
from ..vocabulary import OSS_NEEDS_COUNTRY
from .context import LocatedTransaction
from .types import SALES, given, is_update, posted_type

#: Report types that need a country of VAT.
NEEDS_COUNTRY = OSS_NEEDS_COUNTRY

#: EU VAT prefixes that are not ISO 3166-1 codes: only used to say what to write instead.
_VAT_PREFIXES: Mapping[str, str] = {"EL": "GR"}


def country_code(value: str) -> str | None:
    """The ISO 3166-1 alpha-2 code ``value`` is (any case, surrounding blanks ignored)."""
    code = value.strip().upper()
    if len(code) == 2 and code.isascii() and code.isalpha() and code in _alpha2_codes():
        return code
    return None


def code_for_name(value: str) -> str | None:
    """The alpha-2 code of a country name or alpha-3 code pycountry knows, else None."""
    return _names().get(value.strip().casefold())


@functools.cache
def _alpha2_codes() -> frozenset[str]:
    return frozenset(str(country.alpha_2) for country in pycountry.countries)


@functools.cache
def _names() -> Mapping[str, str]:
    found: dict[str, str] = {}
    for country in pycountry.countries:
        code = str(country.alpha_2)
        for attribute in ("alpha_3", "name", "common_name", "official_name"):
            name = getattr(country, attribute, None)
            if isinstance(name, str):
                found.setdefault(name.casefold(), code)
    return found


def _uses_oss(located: LocatedTransaction) -> bool:
    """A new record whose type reports OSS (or whose type is unknown, so may)."""
    if is_update(located):
        return False
    transaction_type = posted_type(located)
    return transaction_type is None or transaction_type in SALES


def country_required(located: LocatedTransaction) -> Iterator[Issue]:
    """``oss.country-required``: UnionOSS, NonUnionOSS or IOSS without OssCountryOfVat."""
    report_type = located.record.oss_report_type
    if not _uses_oss(located) or report_type not in NEEDS_COUNTRY:
        return
    assert report_type is not None
    if not given(located, "OssCountryOfVat"):
        yield located.issue(
            "oss.country-required",
            Severity.ERROR,
            f"OssReportType is {report_type.value} but OssCountryOfVat is missing or empty: give "
            "the two-letter code of the customer's country of VAT, e.g. FR.",
            field="OssCountryOfVat",
        )


def country_unknown(located: LocatedTransaction) -> Iterator[Issue]:
    """``oss.country-unknown``: neither an ISO 3166-1 alpha-2 code nor a known country name."""
    value = located.record.oss_country_of_vat
    if not _uses_oss(located) or value is None or not value.strip():
        return
    if "OssCountryOfVat" in located.invalid_fields:
        return  # too long: already a schema error
    if country_code(value) or code_for_name(value):
        return
    hint = _VAT_PREFIXES.get(value.strip().upper())
    instead = f" ({value.strip()} is a VAT prefix; the country code is {hint})" if hint else ""
    yield located.issue(
        "oss.country-unknown",
        Severity.ERROR,
        f"OssCountryOfVat {value!r} is not a country code or name Sage can recognise{instead}: "
        "give the two-letter ISO 3166 code of the country of VAT, e.g. FR or DE.",
        field="OssCountryOfVat",
    )


def country_name(located: LocatedTransaction) -> Iterator[Issue]:
    """``oss.country-name``: a country name (or 3-letter code) instead of the 2-letter code."""
    value = located.record.oss_country_of_vat
    if not _uses_oss(located) or value is None or country_code(value):
        return
    code = code_for_name(value)
    if code is not None:
        what = "a three-letter code" if len(value.strip()) == 3 else "a country name"
        yield located.issue(
            "oss.country-name",
            Severity.WARNING,
            f"OssCountryOfVat {value!r} is {what}; write the two-letter code {code} instead, "
            "as Zynk recommends.",
            field="OssCountryOfVat",
        )


def country_without_type(located: LocatedTransaction) -> Iterator[Issue]:
    """``oss.country-without-type``: OssCountryOfVat given while OssReportType is absent/None."""
    if not _uses_oss(located) or not given(located, "OssCountryOfVat"):
        return
    report_type = located.record.oss_report_type
    if report_type not in (None, OssReportType.NONE) or "OssReportType" in located.invalid_fields:
        return
    value = located.record.oss_country_of_vat
    shown = f" {value!r}" if value is not None else ""
    state = "is None" if report_type is OssReportType.NONE else "is missing"
    yield located.issue(
        "oss.country-without-type",
        Severity.WARNING,
        f"OssCountryOfVat{shown} is given but OssReportType {state}, so the country is not "
        "reported: set OssReportType to UnionOSS, NonUnionOSS or IOSS, or remove the country.",
        field="OssCountryOfVat",
    )


TRANSACTION_RULES = (country_required, country_unknown, country_name, country_without_type)
