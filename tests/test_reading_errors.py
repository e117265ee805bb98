"""Issue 12, points 8 and 9, and issue 17, point 7: what reading says when it cannot go on.

* Point 8: a source that cannot be read raises ``ReadError``; an argument of a type that is
  never a document raises ``TypeError`` naming the argument.
* Point 9: a message says what the input is (EBCDIC, UTF-32, two BOMs, NEL line breaks, a loop
  of symbolic links), not something it is not.
* Issue 17, point 7: bytes that are not UTF-8 but look like Windows-1252 get that hint.
"""

from __future__ import annotations

import codecs
import io
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from zynk_sage50 import (
    Limits,
    MalformedXmlError,
    ReadError,
    ZynkSage50Error,
    iter_transactions,
    load,
    loads,
    validate,
)
from zynk_sage50.sources import check_limits, open_document

DOCUMENT = (
    '<?xml version="1.0" encoding="utf-8"?>\n'
    "<Company>\n"
    "  <Transactions>\n"
    "    <Transaction>\n"
    "      <Id>1</Id>\n"
    "      <TransactionType>SalesInvoice</TransactionType>\n"
    "      <AccountReference>ABS001</AccountReference>\n"
    "      <TransactionDate>2019-05-16T00:00:00</TransactionDate>\n"
    "      <Reference>SI1</Reference>\n"
    "      <NominalCode>4000</NominalCode>\n"
    "      <Details>Course fee</Details>\n"
    "      <NetAmount>100.00</NetAmount>\n"
    "      <TaxCode>1</TaxCode>\n"
    "      <TaxAmount>20.00</TaxAmount>\n"
    "    </Transaction>\n"
    "  </Transactions>\n"
    "</Company>\n"
)

READERS: dict[str, Callable[[Any], object]] = {
    "validate": validate,
    "load": load,
    "iter_transactions": lambda source: list(iter_transactions(source)),
}


def message_of(data: bytes) -> str:
    """The single ``xml.malformed`` message of ``data``, checked against ``loads``."""
    (issue,) = validate(data).issues
    assert issue.code == "xml.malformed", issue
    with pytest.raises(MalformedXmlError) as caught:
        loads(data)
    assert caught.value.reason in issue.message
    return issue.message


# --- point 8: exceptions as documented -----------------------------------------------------------


@pytest.mark.parametrize("reader", READERS)
def test_point_8_a_closed_file_is_a_read_error(reader: str, tmp_path: Path) -> None:
    path = tmp_path / "doc.xml"
    path.write_text(DOCUMENT, encoding="utf-8")
    with path.open("rb") as handle:
        pass
    with pytest.raises(ReadError) as caught:
        READERS[reader](handle)
    assert "closed" in str(caught.value)


def test_point_8_a_file_object_whose_read_fails_is_a_read_error() -> None:
    class Detached(io.RawIOBase):
        def readable(self) -> bool:
            return True

        def read(self, size: int = -1) -> bytes:
            raise ValueError("raw stream has been detached")

    with pytest.raises(ReadError) as caught:
        validate(Detached())  # type: ignore[arg-type]
    assert "detached" in str(caught.value)


@pytest.mark.parametrize("reader", READERS)
@pytest.mark.parametrize("wrong", [None, 42, 1.5, ["doc.xml"], object()], ids=repr)
def test_point_8_a_source_of_the_wrong_type_is_a_type_error_naming_it(
    reader: str, wrong: object
) -> None:
    with pytest.raises(TypeError) as caught:
        READERS[reader](wrong)
    assert "source" in str(caught.value)
    assert type(wrong).__name__ in str(caught.value)
    assert not isinstance(caught.value, ZynkSage50Error)


@pytest.mark.parametrize("wrong", [5, None, {"max_bytes": 10}], ids=repr)
def test_point_8_limits_of_the_wrong_type_are_a_type_error_naming_them(wrong: object) -> None:
    # The reader's own check; validate/load/iter_* must call it before they use ``limits``.
    with pytest.raises(TypeError) as caught:
        check_limits(wrong)
    assert "limits" in str(caught.value)
    assert type(wrong).__name__ in str(caught.value)
    with pytest.raises(TypeError, match="limits"):
        open_document(DOCUMENT.encode(), wrong)  # type: ignore[arg-type]
    check_limits(Limits())


def test_point_8_the_readme_states_the_rule() -> None:
    readme = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")
    assert "`ReadError`" in readme
    assert "`TypeError`" in readme


# --- point 9: messages say what the input is -----------------------------------------------------


def test_point_9_a_loop_of_symbolic_links_says_so(tmp_path: Path) -> None:
    os.symlink(tmp_path / "b.xml", tmp_path / "a.xml")
    os.symlink(tmp_path / "a.xml", tmp_path / "b.xml")
    for read in (validate, load):
        with pytest.raises(ReadError) as caught:
            read(tmp_path / "a.xml")
        assert "loop of symbolic links" in str(caught.value)
        assert "no such file" not in str(caught.value)


def test_point_9_a_broken_symbolic_link_names_its_target(tmp_path: Path) -> None:
    os.symlink(tmp_path / "gone.xml", tmp_path / "link.xml")
    with pytest.raises(ReadError) as caught:
        validate(tmp_path / "link.xml")
    assert "symbolic link" in str(caught.value)
    assert "gone.xml" in str(caught.value)


def test_point_9_a_missing_file_and_a_directory_still_say_so(tmp_path: Path) -> None:
    with pytest.raises(ReadError, match="no such file"):
        validate(tmp_path / "missing.xml")
    with pytest.raises(ReadError, match="directory"):
        validate(tmp_path)


def test_point_9_an_empty_file_name_is_not_the_current_directory() -> None:
    # Path("") is ".", which was reported as "is a directory".
    for read in (validate, load):
        with pytest.raises(ReadError, match="file name is empty"):
            read("")


@pytest.mark.parametrize("declared", [True, False], ids=["declared", "undeclared"])
def test_point_9_ebcdic_says_ebcdic(declared: bool) -> None:
    text = DOCUMENT.replace('encoding="utf-8"', 'encoding="IBM037"')
    if not declared:
        text = text.split("\n", 1)[1]
    message = message_of(text.encode("cp037"))
    assert "EBCDIC" in message
    assert "detecting" not in message
    assert "not XML" not in message


@pytest.mark.parametrize("bom", [codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE, b""], ids=repr)
@pytest.mark.parametrize("declared", [True, False], ids=["declared", "undeclared"])
def test_point_9_utf32_is_read_with_or_without_a_byte_order_mark(
    bom: bytes, declared: bool
) -> None:
    # libxml2 took a UTF-32 BOM for UTF-16's and said "this is not XML": it is read as UTF-32.
    text = DOCUMENT.replace("utf-8", "utf-32").replace("Course fee", "£100 café")
    if not declared:
        text = text.split("\n", 1)[1]
    codec = "utf-32-be" if bom == codecs.BOM_UTF32_BE else "utf-32-le"
    data = bom + text.encode(codec)
    assert validate(data).valid
    company = loads(data)
    assert company.transactions is not None
    assert company.transactions.transaction[0].details == "£100 café"


@pytest.mark.parametrize(
    ("codec", "bom"), [("utf-8", codecs.BOM_UTF8), ("utf-16-le", codecs.BOM_UTF16_LE)]
)
def test_point_9_two_byte_order_marks_say_so(codec: str, bom: bytes) -> None:
    data = bom * 2 + DOCUMENT.replace("utf-8", codec[:6]).encode(codec)
    message = message_of(data)
    assert "two byte order marks" in message
    assert "not XML" not in message


def test_point_9_one_byte_order_mark_is_fine() -> None:
    assert validate(b"\xef\xbb\xbf" + DOCUMENT.encode("utf-8")).valid
    assert validate(DOCUMENT.replace("utf-8", "utf-16").encode("utf-16")).valid


@pytest.mark.parametrize(("separator", "name"), [("\x85", "NEL"), ("\u2028", "LINE SEPARATOR")])
def test_point_9_nel_line_breaks_say_so(separator: str, name: str) -> None:
    message = message_of(DOCUMENT.replace("\n", separator).encode("utf-8"))
    assert name in message
    assert "not XML" not in message


def test_point_9_a_document_that_is_not_xml_still_says_so() -> None:
    assert "not XML" in message_of(b'{"Company": []}')


# --- issue 17, point 7: Windows-1252 bytes get a hint --------------------------------------------


def with_details(details: bytes, declaration: bytes = b'encoding="utf-8"') -> bytes:
    return (
        DOCUMENT.encode("utf-8")
        .replace(b"Course fee", details)
        .replace(b'encoding="utf-8"', declaration)
    )


@pytest.mark.parametrize(
    ("details", "character"),
    [(b"\xa3100 fee", "£"), (b"caf\xe9", "é"), (b"\x80 5", "€"), (b"Smith\x92s", "’")],
)
@pytest.mark.parametrize("declaration", [b'encoding="utf-8"', b""], ids=["utf-8", "undeclared"])
def test_issue_17_point_7_windows_1252_bytes_get_the_hint(
    details: bytes, character: str, declaration: bytes
) -> None:
    data = with_details(details, declaration)
    (issue,) = validate(data).issues
    assert issue.code == "xml.malformed"
    assert "Windows-1252" in issue.message
    assert f"'{character}'" in issue.message
    assert issue.line == 11
    with pytest.raises(MalformedXmlError) as caught:
        loads(data)
    bad = next(index for index, byte in enumerate(details) if byte >= 0x80)
    assert (caught.value.line, caught.value.column) == (11, len("      <Details>") + bad + 1)
    assert "Windows-1252" in str(caught.value)


def test_issue_17_point_7_the_position_is_the_parser_s() -> None:
    # Line and column (in characters) of the first wrong byte, as libxml2 counts them.
    data = with_details("naïve £".encode() + b" \xa3")
    with pytest.raises(MalformedXmlError) as caught:
        loads(data)
    assert (caught.value.line, caught.value.column) == (11, len("      <Details>naïve £ ") + 1)


def test_issue_17_point_7_the_hint_far_into_a_file_keeps_its_line() -> None:
    padding = b"".join(b"<!-- %06d -->\n" % n for n in range(20_000))  # over 256 KB
    data = with_details(b"\xa3100").replace(b"<Company>", padding + b"<Company>")
    with pytest.raises(MalformedXmlError) as caught:
        loads(data)
    assert caught.value.line == 11 + 20_000
    assert "'£'" in str(caught.value)


@pytest.mark.parametrize(
    "details",
    [b"\xc0\xaf", b"\xed\xa0\x80", b"\xf8\x88\x80\x80\x80", b"\x81x"],
    ids=["overlong", "surrogate", "five-byte-form", "undefined-in-1252"],
)
def test_issue_17_point_7_bytes_that_do_not_look_like_windows_1252_get_no_hint(
    details: bytes,
) -> None:
    message = message_of(with_details(details))
    assert "not valid UTF-8" in message
    assert "Windows-1252" not in message


def test_issue_17_point_7_declared_windows_1252_is_read_as_such() -> None:
    data = with_details(b"\xa3100 caf\xe9", b'encoding="windows-1252"')
    company = loads(data)
    assert company.transactions is not None
    assert company.transactions.transaction[0].details == "£100 café"


def test_reading_limits_still_apply_after_reading_again() -> None:
    # The probe's bytes are read twice, but counted once against Limits.max_bytes.
    data = DOCUMENT.encode("utf-8")
    assert validate(data, limits=Limits(max_bytes=len(data))).valid
    assert validate(io.BytesIO(data), limits=Limits(max_bytes=len(data))).valid
