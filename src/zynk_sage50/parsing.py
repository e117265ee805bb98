"""The hardened lxml parser settings and plain-English reading errors.

No DTD is loaded, no entity resolved, nothing fetched, nothing recovered; comments and
processing instructions are removed. :mod:`.streaming` reads every document with these settings
(and never hands lxml a file name, so a compressed file is not silently decompressed).
"""

from __future__ import annotations

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


def _skip_prolog(text: str) -> str:
    """What follows the XML declaration, comments, processing instructions and blanks."""
    position = 1 if text.startswith("\ufeff") else 0
    while True:
        while position < len(text) and text[position] in " \t\r\n":
            position += 1
        for start, end in (("<?", "?>"), ("<!--", "-->")):
            if text.startswith(start, position):
                close = text.find(end, position + len(start))
                if close < 0:
                    return text[position:]
                position = close + len(end)
                break
        else:
            return text[position:]


def prolog_problem(
    head: bytes, encoding: str | None
) -> ForbiddenXmlError | MalformedXmlError | None:
    """Why a document whose parse failed before its root element is refused, when the parser's
    own error would hide it: a DOCTYPE (a parameter entity in it is a syntax error to libxml2
    before the DOCTYPE is complete), or a UTF-16 declaration on bytes that are not UTF-16."""
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        text = head.decode("utf-16", "replace")
    else:
        declared = _DECLARED_ENCODING.match(head.lstrip(b"\xef\xbb\xbf"))
        if encoding is None and declared:
            name = declared.group(1).decode("ascii").lower()
            if name.startswith(_WIDE_ENCODINGS):
                return MalformedXmlError(
                    f"the XML declaration says {declared.group(1).decode('ascii')}, but the "
                    "bytes are not in that encoding (declare the encoding the file is saved in, "
                    'usually encoding="utf-8")',
                    line=1,
                    column=1,
                )
        text = head.decode(encoding or "latin-1", "replace")
    if _skip_prolog(text).startswith("<!DOCTYPE"):
        return ForbiddenXmlError(
            "the document has a DOCTYPE declaration: DTDs and entities are refused "
            "(nothing is loaded or expanded)",
            line=1,
        )
    return None
