"""The bundled XSD (``schemas/company.xsd``), loaded once and shared."""

from __future__ import annotations

import functools
from pathlib import Path

from lxml import etree

_PACKAGE_DIR = Path(__file__).resolve().parent


def schema_dir() -> Path:
    """Where the XSD files are: inside the installed package, or ``schemas/`` in a checkout."""
    packaged = _PACKAGE_DIR / "schemas"
    if (packaged / "company.xsd").is_file():
        return packaged
    checkout = _PACKAGE_DIR.parent.parent / "schemas"
    if (checkout / "company.xsd").is_file():
        return checkout
    raise FileNotFoundError("the bundled XSD files are missing from this installation")


def _compile(name: str) -> etree.XMLSchema:
    parser = etree.XMLParser(resolve_entities=False, load_dtd=False, no_network=True)
    return etree.XMLSchema(etree.parse(str(schema_dir() / name), parser))


@functools.lru_cache(maxsize=1)
def company_schema() -> etree.XMLSchema:
    """lxml's compiled ``XMLSchema`` for the ``Company`` document (no network, no DTDs)."""
    return _compile("company.xsd")


@functools.lru_cache(maxsize=1)
def records_schema() -> etree.XMLSchema:
    """The record types as global elements (``records.xsd``): checks one record on its own."""
    return _compile("records.xsd")
