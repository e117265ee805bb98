"""The bundled XSD (``schemas/company.xsd``), compiled once per thread.

lxml keeps the errors of the last ``validate()`` on the schema object itself, so a schema
shared between threads lets one thread read another's errors: each thread gets its own.
"""

from __future__ import annotations

import threading
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


_local = threading.local()


def _compiled(name: str) -> etree.XMLSchema:
    schemas: dict[str, etree.XMLSchema] | None = getattr(_local, "schemas", None)
    if schemas is None:
        schemas = _local.schemas = {}
    schema = schemas.get(name)
    if schema is None:
        schema = schemas[name] = _compile(name)
    return schema


def company_schema() -> etree.XMLSchema:
    """This thread's compiled ``XMLSchema`` for the ``Company`` document (no network, no DTDs)."""
    return _compiled("company.xsd")


def records_schema() -> etree.XMLSchema:
    """This thread's schema of the records and their collections as global elements
    (``records.xsd``): checks a record, or a batch of them, on its own."""
    return _compiled("records.xsd")
