"""Every conformance sample that must load does so and round-trips without losing a value.

The manifest drives the parametrization: a new row needs no new test code. Kinds ``complete``,
``fragment`` and ``export`` must load, round-trip and keep every leaf value; ``malformed``
samples (outside ``invoices/``) must raise ``MalformedXmlError`` at the right line; ``invoice``
rows are out of scope until the Invoice model exists.
"""

from __future__ import annotations

import re
import xml.parsers.expat

import pytest

from tests.conftest import (
    CONFORMANCE_DIR,
    KNOWN_KINDS,
    LOADABLE_KINDS,
    ManifestRow,
    loadable_rows,
    malformed_rows,
    manifest_rows,
)
from tests.leaves import leaves, trusted_tree
from zynk_sage50 import Company, MalformedXmlError, dumps, load, loads
from zynk_sage50.modelinfo import ValueKind, class_info

_NUMBER = re.compile(r"[+-]?(\d+(\.\d*)?|\.\d+)")

LOADABLE = loadable_rows()
MALFORMED = malformed_rows()


def _ids(rows: list[ManifestRow]) -> list[str]:
    return [row.file for row in rows]


def _kind_at(path: str) -> ValueKind | None:
    """The value kind of the model field behind a leaf path (None if it is not a leaf field)."""
    info = class_info(Company)
    kind: ValueKind | None = None
    for step in path.strip("/").split("/")[1:]:
        if info is None:
            return None
        field = info.elements.get(re.sub(r"\[\d+\]$", "", step))
        if field is None:
            return None
        kind = field.kind
        info = class_info(field.value_type) if kind is ValueKind.MODEL else None
    return kind


def _allowed_change(original: str, written: str, kind: ValueKind | None) -> bool:
    """The only rewritings allowed: canonical booleans, whitespace around a number."""
    if kind is ValueKind.BOOLEAN:
        return (original.strip(), written) in {
            ("1", "true"),
            ("0", "false"),
            ("true", "true"),
            ("false", "false"),
        }
    if kind in (ValueKind.DECIMAL, ValueKind.INTEGER):
        return written == original.strip() and bool(_NUMBER.fullmatch(written))
    return False


def test_manifest_is_complete_and_consistent() -> None:
    rows = manifest_rows()
    assert rows, "the manifest has no rows"
    unknown = {row.kind for row in rows} - KNOWN_KINDS
    assert not unknown, f"new manifest kinds need tests: {sorted(unknown)}"
    missing = [row.file for row in rows if not row.path.is_file()]
    assert not missing, f"files named in the manifest are missing: {missing}"
    on_disk = {
        path.relative_to(CONFORMANCE_DIR).as_posix() for path in CONFORMANCE_DIR.rglob("*.xml")
    }
    unlisted = on_disk - {row.file for row in rows}
    assert not unlisted, f"samples not in the manifest: {sorted(unlisted)}"
    # The corpus this suite was written against: 58 loadable samples and one malformed one.
    assert len(LOADABLE) >= 58
    assert {row.kind for row in LOADABLE} == LOADABLE_KINDS
    assert len(MALFORMED) >= 1


@pytest.mark.parametrize("row", LOADABLE, ids=_ids(LOADABLE))
def test_sample_round_trips_without_loss(row: ManifestRow) -> None:
    data = row.path.read_bytes()
    model = load(row.path)
    assert isinstance(model, Company)

    written = dumps(model)
    reloaded = loads(written)
    assert reloaded == model
    assert dumps(reloaded) == written, "dumps is not stable across a reload"
    assert written.startswith('<?xml version="1.0" encoding="utf-8"?>\n')

    source_root = trusted_tree(data)
    output_root = trusted_tree(written.encode("utf-8"))
    assert output_root.nsmap == source_root.nsmap, "root namespace declarations changed"

    before, nils = leaves(source_root)
    after, written_nils = leaves(output_root)
    assert not written_nils, f"xsi:nil written: {sorted(written_nils)}"
    assert not nils & after.keys(), f"nil elements were written: {sorted(nils & after.keys())}"
    lost = sorted(before.keys() - after.keys())
    added = sorted(after.keys() - before.keys())
    assert not lost, f"leaf elements lost: {lost}"
    assert not added, f"leaf elements added: {added}"
    changed = {
        path: (before[path], after[path])
        for path in before
        if before[path] != after[path]
        and not _allowed_change(before[path], after[path], _kind_at(path))
    }
    assert not changed, f"leaf values changed (path: (before, after)): {changed}"


@pytest.mark.parametrize("row", MALFORMED, ids=_ids(MALFORMED))
def test_malformed_sample_reports_its_line(row: ManifestRow) -> None:
    data = row.path.read_bytes()
    # An independent parser (expat) says where the document stops being XML.
    expat = xml.parsers.expat.ParserCreate()
    with pytest.raises(xml.parsers.expat.ExpatError) as reference:
        expat.Parse(data, True)
    expected_line = reference.value.lineno

    with pytest.raises(MalformedXmlError) as caught:
        load(row.path)
    assert caught.value.line == expected_line
    assert f"line {expected_line}" in str(caught.value)
    with pytest.raises(MalformedXmlError) as from_bytes:
        loads(data)
    assert from_bytes.value.line == expected_line


def test_exporting_customers_sample_points_at_the_raw_ampersand() -> None:
    path = CONFORMANCE_DIR / "exporting-customers-from-sage-50-uk__1.xml"
    lines = path.read_text(encoding="utf-8").splitlines()
    with pytest.raises(MalformedXmlError) as caught:
        load(path)
    assert caught.value.line == 22
    assert "Tyne & Wear" in lines[caught.value.line - 1]
    assert "&" in str(caught.value)
