"""Rules: the One Stop Shop fields (OssReportType, OssCountryOfVat) of SI, SC, SA and SP.

Countries are ISO 3166-1 as ``pycountry`` knows them (decision 14, D11): two-letter codes and
pycountry's names (common, short or official; any case), plus the common English forms of
:data:`.countries.ALIASES` and XI for Northern Ireland.
"""

from __future__ import annotations

from collections.abc import Iterator

from ..issues import Issue
from ..models import OssReportType, Transaction
from ..vocabulary import OSS_NEEDS_COUNTRY, SALES
from .catalogue import (
    OSS_COUNTRY_NAME,
    OSS_COUNTRY_REQUIRED,
    OSS_COUNTRY_UNKNOWN,
    OSS_COUNTRY_WITHOUT_TYPE,
)
from .countries import VAT_PREFIXES, oss_code_for_name, oss_country_code
from .located import Located
from .registry import REGISTRY


def _uses_oss(located: Located[Transaction]) -> bool:
    """A new record whose type reports OSS (or whose type is unknown, so may)."""
    if located.is_update:
        return False
    transaction_type = located.posted_type
    return transaction_type is None or transaction_type in SALES


@REGISTRY.record(Transaction)
def country_required(located: Located[Transaction]) -> Iterator[Issue]:
    """``oss.country-required``: UnionOSS, NonUnionOSS or IOSS without OssCountryOfVat."""
    report_type = located.record.oss_report_type
    if not _uses_oss(located) or report_type is None or report_type not in OSS_NEEDS_COUNTRY:
        return
    if not located.given("OssCountryOfVat"):
        yield located.issue(
            OSS_COUNTRY_REQUIRED,
            f"OssReportType is {report_type.value} but OssCountryOfVat is missing or empty: give "
            "the two-letter code of the customer's country of VAT, e.g. FR.",
            field="OssCountryOfVat",
        )


@REGISTRY.record(Transaction)
def country_unknown(located: Located[Transaction]) -> Iterator[Issue]:
    """``oss.country-unknown``: neither a country code nor a recognisable country name."""
    value = located.record.oss_country_of_vat
    if not _uses_oss(located) or value is None or not value.strip():
        return
    if "OssCountryOfVat" in located.invalid_fields:
        return  # too long: already a schema error
    if oss_country_code(value) or oss_code_for_name(value):
        return
    hint = VAT_PREFIXES.get(value.strip().upper())
    instead = f" ({value.strip()} is a VAT prefix; the country code is {hint})" if hint else ""
    yield located.issue(
        OSS_COUNTRY_UNKNOWN,
        f"OssCountryOfVat {value!r} is not a country code or name Sage can recognise{instead}: "
        "give the two-letter ISO 3166 code of the country of VAT, e.g. FR or DE.",
        field="OssCountryOfVat",
    )


@REGISTRY.record(Transaction)
def country_name(located: Located[Transaction]) -> Iterator[Issue]:
    """``oss.country-name``: a country name (or 3-letter code) instead of the 2-letter code."""
    value = located.record.oss_country_of_vat
    if not _uses_oss(located) or value is None or oss_country_code(value):
        return
    code = oss_code_for_name(value)
    if code is not None:
        what = "a three-letter code" if len(value.strip()) == 3 else "a country name"
        yield located.issue(
            OSS_COUNTRY_NAME,
            f"OssCountryOfVat {value!r} is {what}; write the two-letter code {code} instead, "
            "as Zynk recommends.",
            field="OssCountryOfVat",
        )


@REGISTRY.record(Transaction)
def country_without_type(located: Located[Transaction]) -> Iterator[Issue]:
    """``oss.country-without-type``: OssCountryOfVat given while OssReportType is absent/None."""
    if not _uses_oss(located) or not located.given("OssCountryOfVat"):
        return
    report_type = located.record.oss_report_type
    if report_type not in (None, OssReportType.NONE) or "OssReportType" in located.invalid_fields:
        return
    value = located.record.oss_country_of_vat
    quoted = f" {value!r}" if value is not None else ""
    state = "is None" if report_type is OssReportType.NONE else "is missing"
    yield located.issue(
        OSS_COUNTRY_WITHOUT_TYPE,
        f"OssCountryOfVat{quoted} is given but OssReportType {state}, so the country is not "
        "reported: set OssReportType to UnionOSS, NonUnionOSS or IOSS, or remove the country.",
        field="OssCountryOfVat",
    )
