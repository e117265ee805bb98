"""The hardened lxml parser settings and plain-English reading errors.

No DTD is loaded, no entity resolved, nothing fetched, nothing recovered; comments and
processing instructions are removed. :mod:`.streaming` reads every document with these settings
(and never hands lxml a file name, so a compressed file is not silently decompressed).
"""

from __future__ import annotations

import codecs
import os
import re
from typing import IO, TypedDict, Union

from lxml import etree

from .errors import ForbiddenXmlError, MalformedXmlError, TooLargeError

Source = Union[str, "os.PathLike[str]", bytes, bytearray, IO[bytes]]

XINCLUDE_NS = "http://www.w3.org/2001/XInclude"
# libxml2 error codes for its own resource limits (XML_ERR_RESOURCE_LIMIT, amplification).
_LIBXML_LIMIT_CODES = {114}


class _ParserOptions(TypedDict):
    resolve_entities: bool
    load_dtd: bool
    dtd_validation: bool
    no_network: bool
    huge_tree: bool
    recover: bool
    remove_comments: bool
    remove_pis: bool
    strip_cdata: bool
    remove_blank_text: bool


def parser_options() -> _ParserOptions:
    return {
        "resolve_entities": False,
        "load_dtd": False,
        "dtd_validation": False,
        "no_network": True,
        "huge_tree": False,
        "recover": False,
        "remove_comments": True,
        "remove_pis": True,
        "strip_cdata": True,
        "remove_blank_text": False,
    }


#: libxml2's wording → plain English; the first pattern that matches wins.
_PLAIN_MESSAGES: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(pattern), replacement)
    for pattern, replacement in (
        (r"xmlParseEntityRef: no name", "a bare '&' (write it as &amp;)"),
        (r"EntityRef: expecting ';'", "a bare '&' (write it as &amp;)"),
        (r"Entity '([^']*)' not defined", r"the entity &\1; is not defined"),
        (
            r"Opening and ending tag mismatch: (\S+) line (\d+) and (\S+)",
            r"the closing tag </\3> does not match the opening <\1> of line \2",
        ),
        (
            r"Premature end of data in tag (\S+) line (\d+)",
            r"the document ends before <\1> (line \2) is closed: is it truncated?",
        ),
        (r"EndTag: '</' not found", "the document ends before its elements are closed"),
        (
            r"Extra content at the end of the document",
            "content after the end of the root element (a document has exactly one root)",
        ),
        (r"Document is empty", "the document is empty"),
        (r"Start tag expected, '<' not found", "this is not XML: no element was found"),
        (
            r"Input is not proper UTF-8",
            "bytes that are not valid UTF-8 (or not in the encoding the XML declaration names)",
        ),
        (
            r"(?:PCDATA invalid Char value|Char 0x[0-9A-Fa-f]+ out of allowed range|"
            r"invalid character)",
            "a control character that XML cannot carry",
        ),
        (
            r"Invalid bytes in character encoding",
            "bytes that are not valid UTF-8 (or not in the encoding the XML declaration names)",
        ),
        (
            r"xmlParseCharRef: invalid xmlChar value (\d+)",
            r"the character reference for code point \1 names a character XML cannot carry",
        ),
        (
            r"Unsupported encoding:? detecting EBCDIC",
            "the document is in EBCDIC (an IBM mainframe encoding), which the XML parser does "
            "not read: convert it to UTF-8",
        ),
        (r"Unsupported encoding:? (\S+)", r"the declared encoding \1 is not supported"),
        (
            r"Document labelled UTF-16 but has UTF-8 content",
            "the XML declaration says UTF-16 but the bytes are UTF-8",
        ),
    )
)


def plain_message(message: str) -> str:
    """libxml2's message in words a bookkeeper can act on (the original if none fits)."""
    for pattern, replacement in _PLAIN_MESSAGES:
        match = pattern.search(message)
        if match:
            return match.expand(replacement)
    return message


#: libxml2's own limits (without ``huge_tree``), which no ``Limits`` can raise, as the
#: ``Limits`` attribute they stand in for and a plain sentence.
_PARSER_LIMITS: tuple[tuple[re.Pattern[str], str, str], ...] = tuple(
    (re.compile(pattern), limit, sentence)
    for pattern, limit, sentence in (
        (
            r"Excessive depth in document: (\d+)",
            "max_depth",
            "elements are nested more than {0} deep, the XML parser's own limit "
            "(Limits.max_depth cannot go beyond it)",
        ),
        (
            r"Text node too long|Huge input lookup|Buffer size limit exceeded|too big found|"
            r"AttValue length too long",
            "max_text_length",
            "one value (text, attribute, comment or CDATA section) is longer than the XML "
            "parser's own limit of 10,000,000 bytes (Limits.max_text_length cannot go beyond it)",
        ),
    )
)


def malformed_error(
    exc: etree.XMLSyntaxError, log: etree._ListErrorLog | None = None
) -> MalformedXmlError | TooLargeError:
    """The library's error for a parser failure; ``log`` (the parser's error log) is consulted
    when lxml reports only its generic "no element found" at line 0 (iterparse does, for an
    undeclared entity)."""
    line, column = exc.position if exc.position else (exc.lineno, None)
    message = (exc.msg or str(exc)).split(", line ")[0].strip()
    if log is not None and (not line or exc.code == 1):
        fatal = [entry for entry in log if entry.level >= etree.ErrorLevels.ERROR]
        if fatal:
            line, column, message = fatal[0].line, fatal[0].column, fatal[0].message.strip()
    for pattern, limit, sentence in _PARSER_LIMITS:
        match = pattern.search(message)
        if match:
            return TooLargeError(sentence.format(*match.groups()), limit=limit, line=line)
    if exc.code in _LIBXML_LIMIT_CODES or "XML_PARSE_HUGE" in message:
        return TooLargeError(
            f"the document exceeds the XML parser's built-in limits: {message}",
            limit="parser",
            line=line,
        )
    return MalformedXmlError(
        plain_message(message) or "not well-formed XML", line=line, column=column
    )


_DECLARED_ENCODING = re.compile(rb"""^<\?xml[^>]*?encoding\s*=\s*["']([A-Za-z0-9._-]+)["']""")
_WIDE_ENCODINGS = ("utf-16", "utf16", "ucs-2", "ucs2", "utf-32", "utf32", "ucs-4", "ucs4")
#: The UTF-32 byte order marks, and the encoding each says. libxml2 reads UTF-32 that has none
#: (it knows it by its first character) but mistakes one for UTF-16's.
UTF32_BOMS = ((b"\xff\xfe\x00\x00", "UTF-32LE"), (b"\x00\x00\xfe\xff", "UTF-32BE"))
_FORBIDDEN_DOCTYPE = (
    "the document has a DOCTYPE declaration: DTDs and entities are refused "
    "(nothing is loaded or expanded)"
)


def refuse_doctype(tree: etree._ElementTree) -> None:
    """Raise ``ForbiddenXmlError`` when the document read so far has a DOCTYPE."""
    docinfo = tree.docinfo
    if docinfo.doctype or docinfo.internalDTD is not None:
        raise ForbiddenXmlError(_FORBIDDEN_DOCTYPE, line=1)


def declared_encoding(head: bytes) -> str | None:
    """The encoding named by the XML declaration at the start of ``head`` (after a UTF-8 BOM),
    as written; None when there is no declaration or it names none."""
    declared = _DECLARED_ENCODING.match(head.removeprefix(b"\xef\xbb\xbf"))
    return declared.group(1).decode("ascii") if declared else None


def unread_encoding(head: bytes) -> str | None:
    """Why a document starting with ``head`` is in an encoding the parser cannot read (EBCDIC),
    in words; None when it is not."""
    if head[:1] == b"\x4c" and re.match(r"<(\?xml|[A-Za-z_])", head[:16].decode("cp037")):
        return (
            "the document is in EBCDIC (an IBM mainframe encoding), which the XML parser does "
            "not read: convert it to UTF-8"
        )
    return None


def _prolog_codec(head: bytes, encoding: str | None) -> str:
    """The codec that reads the prolog of a document starting with ``head`` well enough to see
    its markup (which is ASCII in every encoding the parser reads)."""
    if encoding is not None:
        return "utf-8-sig" if codecs.lookup(encoding).name == "utf-8" else encoding
    for bom, codec in (
        (b"\xef\xbb\xbf", "utf-8-sig"),
        (b"\xff\xfe", "utf-16"),
        (b"\xfe\xff", "utf-16"),
    ):
        if head.startswith(bom):
            return codec
    declared = declared_encoding(head)
    if declared is not None and not declared.lower().startswith(_WIDE_ENCODINGS):
        try:
            return codecs.lookup(declared).name
        except LookupError:
            pass
    return "utf-8"


#: Blanks, comments and processing instructions, as many as follow one another (a run of
#: them costs one call, however short each is).
_MISC = re.compile(r"(?:[ \t\r\n]+|<!--.*?-->|<\?.*?\?>)*", re.DOTALL)


class PrologScanner:
    """Follows the prolog of a document as its bytes arrive, to say what first follows the XML
    declaration, comments, processing instructions and blanks (a DOCTYPE, a second BOM, a NEL
    line break) when the parser fails before the root. Holds a few characters, never the
    prolog itself, so a prolog of any length costs time in proportion to it."""

    def __init__(self, head: bytes, encoding: str | None) -> None:
        self._decoder = codecs.getincrementaldecoder(_prolog_codec(head, encoding))("replace")
        self._pending = ""
        self._inside = ""  # the end of the comment or PI being skipped, if any
        #: The first characters (up to 9) after the prolog, once seen.
        self.first: str | None = None

    def feed(self, data: bytes, *, final: bool = False) -> None:
        """Follow the next bytes of the document (``final`` at its end)."""
        if self.first is not None:
            return
        text = self._pending + self._decoder.decode(data, final)
        position = 0
        while True:
            if self._inside:
                close = text.find(self._inside, position)
                if close < 0:
                    self._pending = text[max(position, len(text) - len(self._inside) + 1) :]
                    return
                position, self._inside = close + len(self._inside), ""
            misc = _MISC.match(text, position)
            position = misc.end() if misc else position
            rest = text[position : position + 9]
            if len(rest) < 9 and not final:
                self._pending = text[position:]
                return
            if rest.startswith("<?"):
                position, self._inside = position + 2, "?>"
            elif rest.startswith("<!--"):
                position, self._inside = position + 4, "-->"
            else:
                self.first, self._pending = rest, ""
                return


def prolog_problem(
    head: bytes, encoding: str | None, scanner: PrologScanner
) -> ForbiddenXmlError | MalformedXmlError | None:
    """Why a document whose parse failed before its root element is refused, when the parser's
    own error would hide it: a DOCTYPE (a parameter entity in it is a syntax error to libxml2
    before the DOCTYPE is complete), an encoding the parser does not read, a UTF-16 declaration
    on bytes that are not UTF-16, two byte order marks, NEL line breaks. ``head`` is the start
    of the document, ``scanner`` has followed the bytes the parser was given."""
    unread = unread_encoding(head) if encoding is None else None
    if unread is not None:
        return MalformedXmlError(unread, line=1, column=1)
    declared = declared_encoding(head)
    if (
        encoding is None
        and declared is not None
        and not head.startswith((b"\xff\xfe", b"\xfe\xff"))
        and declared.lower().startswith(_WIDE_ENCODINGS)
    ):
        return MalformedXmlError(
            f"the XML declaration says {declared}, but the bytes are not in that encoding "
            '(declare the encoding the file is saved in, usually encoding="utf-8")',
            line=1,
            column=1,
        )
    first = scanner.first or ""
    if first.startswith("<!DOCTYPE"):
        return ForbiddenXmlError(_FORBIDDEN_DOCTYPE, line=1)
    if first.startswith("\ufeff"):
        return MalformedXmlError(
            "the document starts with two byte order marks (BOM), as when a file is saved "
            "twice with one: remove the second",
            line=1,
            column=1,
        )
    if first.startswith(("\x85", "\u2028")):
        name = "NEL (U+0085)" if first.startswith("\x85") else "LINE SEPARATOR (U+2028)"
        return MalformedXmlError(
            f"the lines end with {name}, as mainframe conversions write, which XML 1.0 does "
            "not accept as a line break: convert the line ends to LF or CR LF",
            line=1,
        )
    return None


#: Bytes 0x80-0xFF that Windows-1252 leaves undefined.
_UNDEFINED_IN_1252 = frozenset(b"\x81\x8d\x8f\x90\x9d")


def not_utf8_reason(bad: bytes) -> str:
    """Why bytes that are not UTF-8 (``bad`` starts at the first wrong byte) are refused, with a
    hint when they look like Windows-1252 (a £ saved as 0xA3 by a Windows program)."""
    reason = "bytes that are not valid UTF-8 (or not in the encoding the XML declaration names)"
    byte, following = bad[0], bad[1:2]
    lone = 0x80 <= byte <= 0xBF or (0xC2 <= byte <= 0xF4 and following[:1] < b"\x80")
    if not lone or byte in _UNDEFINED_IN_1252:
        return reason
    character = bytes([byte]).decode("cp1252")
    if byte == 0x85:
        seen = "'…' in Windows-1252 (or a NEL line break in ISO-8859-1)"
    else:
        seen = f"'{character}' in Windows-1252"
    return (
        f"bytes that are not valid UTF-8: the byte 0x{byte:02X} is {seen}, so the file looks "
        "saved as Windows-1252 (ANSI) rather than UTF-8 (save it as UTF-8, or declare "
        'encoding="windows-1252" in its XML declaration)'
    )
