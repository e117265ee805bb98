"""Issue 12, point 5: lines are counted as XML counts them, whatever the file's line ends.

XML reads CR LF and a lone CR as a line end (XML 1.0, section 2.11); libxml2 counts lines by LF
alone, so the reader makes every line end LF before the parser sees it, for every encoding
where CR and LF are single ASCII bytes. UTF-16 and UTF-32 input is never rewritten.
"""

from __future__ import annotations

import io
from collections.abc import Callable
from pathlib import Path

import pytest

from zynk_sage50 import MalformedXmlError, Report, SchemaBindingError, load, loads, validate
from zynk_sage50.limits import DEFAULT_LIMITS
from zynk_sage50.sources import _HEAD_BYTES, _PROBE_BYTES, open_document

DECLARATION = '<?xml version="1.0" encoding="utf-8"?>'
TRANSACTION = [
    "    <Transaction>",
    "      <Id>1</Id>",
    "      <TransactionType>SalesInvoice</TransactionType>",
    "      <AccountReference>ABS001</AccountReference>",
    "      <TransactionDate>2019-05-16T00:00:00</TransactionDate>",
    "      <Reference>SI1</Reference>",
    "      <NominalCode>4000</NominalCode>",
    "      <Details>Course fee</Details>",
    "      <NetAmount>100.00</NetAmount>",
    "      <TaxCode>1</TaxCode>",
    "      <TaxAmount>20.00</TaxAmount>",
    "    </Transaction>",
]


def lines_of_document(unknown_at: int | None = 17, declaration: str = DECLARATION) -> list[str]:
    """A valid two-transaction document, but for an unknown element on line ``unknown_at``."""
    lines = [declaration, "<Company>", "  <Transactions>", *TRANSACTION, *TRANSACTION]
    lines += ["  </Transactions>", "</Company>"]
    if unknown_at is not None:
        lines.insert(unknown_at - 1, "      <Bogus>x</Bogus>")
    return lines


def joined(lines: list[str], ends: Callable[[int], str]) -> str:
    """The lines with line end ``ends(n)`` after line ``n`` (1-based)."""
    return "".join(line + ends(number) for number, line in enumerate(lines, start=1))


LINE_ENDS: dict[str, Callable[[int], str]] = {
    "lf": lambda n: "\n",
    "crlf": lambda n: "\r\n",
    "cr": lambda n: "\r",
    "cr-and-lf-alternating": lambda n: "\r" if n % 2 else "\n",
    "mixed-cr-crlf-lf": lambda n: ("\r", "\r\n", "\n")[n % 3],
}


def unknown_element_lines(report: Report) -> list[int | None]:
    return [issue.line for issue in report.issues if issue.code == "schema.unknown-element"]


def _as_path(data: bytes, tmp_path: Path) -> Report:
    path = tmp_path / "doc.xml"
    path.write_bytes(data)
    return validate(path)


class NonSeekable(io.RawIOBase):
    """A stream that cannot seek and gives a few bytes at a time, like a pipe or a socket."""

    def __init__(self, data: bytes, step: int = 7) -> None:
        self._data = data
        self._position = 0
        self._step = step

    def readable(self) -> bool:
        return True

    def read(self, size: int = -1) -> bytes:
        size = self._step if size < 0 else min(size, self._step)
        chunk = self._data[self._position : self._position + size]
        self._position += len(chunk)
        return chunk


SOURCES: dict[str, Callable[[bytes, Path], Report]] = {
    "bytes": lambda data, tmp_path: validate(data),
    "text": lambda data, tmp_path: validate(data.decode("utf-8")),
    "path": _as_path,
    "file-object": lambda data, tmp_path: validate(io.BytesIO(data)),
    "non-seekable": lambda data, tmp_path: validate(NonSeekable(data)),  # type: ignore[arg-type]
}


@pytest.mark.parametrize("source", SOURCES)
@pytest.mark.parametrize("ends", LINE_ENDS)
def test_point_5_issues_are_reported_at_their_line_whatever_the_line_ends(
    ends: str, source: str, tmp_path: Path
) -> None:
    data = joined(lines_of_document(17), LINE_ENDS[ends]).encode("utf-8")
    assert unknown_element_lines(SOURCES[source](data, tmp_path)) == [17]


@pytest.mark.parametrize("ends", LINE_ENDS)
def test_point_5_malformed_xml_is_reported_at_its_line(ends: str) -> None:
    lines = lines_of_document(17)
    lines[16] = "      <Bogus>Tyne & Wear</Bogus>"
    with pytest.raises(MalformedXmlError) as caught:
        loads(joined(lines, LINE_ENDS[ends]).encode("utf-8"))
    assert caught.value.line == 17


@pytest.mark.parametrize(
    "encoding", ["iso-8859-1", "windows-1252", "shift_jis", "us-ascii", "utf-8"]
)
def test_point_5_every_ascii_compatible_encoding_counts_cr_as_a_line_end(encoding: str) -> None:
    declaration = f'<?xml version="1.0" encoding="{encoding}"?>'
    data = joined(lines_of_document(17, declaration), LINE_ENDS["cr"]).encode(encoding)
    assert unknown_element_lines(validate(data)) == [17]


@pytest.mark.parametrize("codec", ["utf-16", "utf-16-le", "utf-16-be"])
def test_point_5_utf16_is_read_as_it_is(codec: str) -> None:
    # libxml2 makes CR LF one line end itself; the bytes of UTF-16 are never rewritten here.
    declaration = '<?xml version="1.0" encoding="utf-16"?>'
    text = joined(lines_of_document(17, declaration), LINE_ENDS["crlf"])
    data = text.encode(codec)
    if codec != "utf-16":
        data = ("\ufeff" + text).encode(codec)
    stream, _ = open_document(data, DEFAULT_LIMITS)
    try:
        assert stream.read(-1) == data
    finally:
        stream.close()
    assert unknown_element_lines(validate(data)) == [17]


def test_point_5_line_ends_in_values_read_as_xml_says() -> None:
    # XML 1.0 2.11: CR LF and CR are read as LF, in text as anywhere.
    text = joined(lines_of_document(None), LINE_ENDS["lf"]).replace(
        "<Details>Course fee</Details>", "<Details>one\r\ntwo\rthree\nfour</Details>", 1
    )
    company = loads(text.encode("utf-8"))
    assert company.transactions is not None
    assert company.transactions.transaction[0].details == "one\ntwo\nthree\nfour"


def test_point_5_a_cr_lf_split_between_two_reads_is_one_line_end() -> None:
    # The CR LF ending line 1 at every position around the first reads' boundaries.
    lines = lines_of_document(17)
    for boundary in (_HEAD_BYTES, _HEAD_BYTES + _PROBE_BYTES):
        for shift in range(-2, 3):
            filler = "p" * (boundary - 1 + shift - len(DECLARATION) - len("<!---->"))
            text = joined([f"{DECLARATION}<!--{filler}-->", *lines[1:]], LINE_ENDS["crlf"])
            data = text.encode("utf-8")
            assert data.index(b"\r\n") == boundary - 1 + shift
            assert unknown_element_lines(validate(data)) == [17], (boundary, shift)
            streamed = validate(NonSeekable(data, 4096))  # type: ignore[arg-type]
            assert unknown_element_lines(streamed) == [17], (boundary, shift)


def test_point_5_the_parser_gets_the_document_with_lf_line_ends_only() -> None:
    text = joined(lines_of_document(17), LINE_ENDS["mixed-cr-crlf-lf"])
    for step in (1, 2, 3, 4096):
        stream, _ = open_document(NonSeekable(text.encode("utf-8"), step), DEFAULT_LIMITS)  # type: ignore[arg-type]
        try:
            parts = []
            while part := stream.read(step):
                assert len(part) <= step
                parts.append(part)
        finally:
            stream.close()
        expected = text.replace("\r\n", "\n").replace("\r", "\n").encode("utf-8")
        assert b"".join(parts) == expected


def test_point_5_a_cr_at_the_very_end_is_a_line_end(tmp_path: Path) -> None:
    data = joined(lines_of_document(17), LINE_ENDS["cr"]).encode("utf-8")
    assert data.endswith(b"\r")
    path = tmp_path / "doc.xml"
    path.write_bytes(data)
    with pytest.raises(SchemaBindingError) as caught:
        load(path)
    assert caught.value.line == 17
