"""Country codes and names: ISO 3166-1 as ``pycountry`` knows it, plus the common English
forms people write that pycountry does not list ("The Netherlands", "Holland", "Great
Britain", "Republic of Ireland"...), in one curated, tested alias list.

Northern Ireland (decided): for OSS its code is ``XI``, the VAT prefix the EU and HMRC use for
Northern Ireland under the Windsor Framework, so ``XI`` is a valid OssCountryOfVat and the name
suggests it; in an address it is part of the United Kingdom, ``GB``.
"""

from __future__ import annotations

import functools
from collections.abc import Mapping

import pycountry

#: Common English names pycountry does not resolve, each to its ISO 3166-1 alpha-2 code.
#: (A leading "The" is dropped before looking a name up, so "The Gambia" needs no entry.)
ALIASES: Mapping[str, str] = {
    "holland": "NL",
    "great britain": "GB",
    "britain": "GB",
    "uk": "GB",
    "u.k.": "GB",
    "england": "GB",
    "scotland": "GB",
    "wales": "GB",
    "northern ireland": "GB",
    "republic of ireland": "IE",
    "eire": "IE",
    "éire": "IE",
    "czech republic": "CZ",
    "czechia": "CZ",
    "slovak republic": "SK",
    "hellas": "GR",
    "turkey": "TR",
    "russia": "RU",
    "macedonia": "MK",
    "vatican": "VA",
    "vatican city": "VA",
    "holy see": "VA",
    "ivory coast": "CI",
    "cape verde": "CV",
    "swaziland": "SZ",
    "burma": "MM",
    "brunei": "BN",
    "america": "US",
    "united states of america": "US",
    "u.s.a.": "US",
    "usa": "US",
    "u.s.": "US",
    "south korea": "KR",
    "north korea": "KP",
    "palestine": "PS",
}

#: The codes OssCountryOfVat accepts beyond ISO 3166-1: XI, Northern Ireland's VAT prefix.
OSS_EXTRA_CODES: Mapping[str, str] = {"XI": "Northern Ireland"}
#: Names that mean something else for OSS than for an address.
_OSS_NAMES: Mapping[str, str] = {"northern ireland": "XI"}
#: EU VAT prefixes that are not ISO 3166-1 codes: only used to say what to write instead.
VAT_PREFIXES: Mapping[str, str] = {"EL": "GR"}


def country_code(value: str) -> str | None:
    """The ISO 3166-1 alpha-2 code ``value`` is (any case, surrounding blanks ignored)."""
    code = value.strip().upper()
    if len(code) == 2 and code.isascii() and code.isalpha() and code in _alpha2_codes():
        return code
    return None


def _key(value: str) -> str:
    """A name as looked up: case and repeated blanks ignored, a leading "The" dropped."""
    key = " ".join(value.split()).casefold()
    return key.removeprefix("the ")


def code_for_name(value: str) -> str | None:
    """The alpha-2 code of a country name (pycountry's, or a common form) or alpha-3 code."""
    key = _key(value)
    return _names().get(key) or ALIASES.get(key)


def oss_country_code(value: str) -> str | None:
    """The code ``value`` is, for OssCountryOfVat: ISO 3166-1 alpha-2, or XI."""
    code = value.strip().upper()
    return code if code in OSS_EXTRA_CODES else country_code(value)


def oss_code_for_name(value: str) -> str | None:
    """The OssCountryOfVat code of a country name: as :func:`code_for_name`, Northern Ireland
    being XI."""
    return _OSS_NAMES.get(_key(value)) or code_for_name(value)


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
                found.setdefault(_key(name), code)
    return found


@functools.cache
def currency_codes() -> frozenset[str]:
    """Every ISO 4217 currency code pycountry knows."""
    return frozenset(str(currency.alpha_3) for currency in pycountry.currencies)
