"""The XSD layer: every lxml schema error as an :class:`Issue` with a catalogue code.

libxml2 stops checking an element's content after the first structural error in it (an unknown
or repeated child), so the check is repeated on a working copy with the offending nodes taken
out until no structural error is left: every problem is reported, not only the first.
"""

from __future__ import annotations

import copy
import difflib
import re
from collections.abc import Iterator, Mapping
from typing import Any

from lxml import etree

from .binding import attribute_items
from .issues import Issue, RecordRef, Severity
from .model_paths import field_at, info_of, info_of_element, parent_info
from .modelinfo import ClassInfo, ValueKind
from .records import child_steps, element_path, record_ref_for_path
from .rules.suggestions import record_operation_message
from .schema import company_schema, records_schema
from .schema_messages import (
    attribute_name,
    invalid_value_message,
    nilled_with_value_message,
    not_nillable_message,
    shown,
    xsi_message,
)

#: At most this many re-checks after structural errors (each removes every error it found).
MAX_PASSES = 64

_NOT_EXPECTED = "SCHEMAV_ELEMENT_CONTENT"
_TEXT_IN_ELEMENT_ONLY = "SCHEMAV_CVC_COMPLEX_TYPE_2_3"
_CONTENT_IN_EMPTY = "SCHEMAV_CVC_COMPLEX_TYPE_2_1"
_ELEMENTS_IN_SIMPLE = "SCHEMAV_CVC_TYPE_3_1_2"
_STRUCTURAL = {_NOT_EXPECTED, _TEXT_IN_ELEMENT_ONLY, _CONTENT_IN_EMPTY, _ELEMENTS_IN_SIMPLE}

_ELEMENT = re.compile(r"^Element '([^']+)'(?:, attribute '([^']+)')?: ")
_MAX_LENGTH = re.compile(r"length of '(\d+)'; this exceeds the allowed maximum length of '(\d+)'")
_BOUND = re.compile(
    r"The value '([^']*)' is (greater|less) than the (?:maximum|minimum) value "
    r"allowed \('([^']*)'\)"
)
_VALUE = re.compile(r"[Tt]he value '([^']*)'|'([^']*)' is not a valid value")
#: One step of a libxml2 error path: ``Contact``, ``Contact[3]``, ``z:Amount[2]``, ``*``.
_PATH_STEP = re.compile(r"(?:([A-Za-z_][\w.-]*):)?([A-Za-z_][\w.-]*|\*)(?:\[([0-9]+)\])?")
#: A prefixed step of a libxml2 error path (``z:NetAmount``): lxml's XPath cannot resolve it.
_PREFIXED_STEP = re.compile(r"(?<=/)[A-Za-z_][\w.-]*:([A-Za-z_][\w.-]*)")

XSI_NS = "http://www.w3.org/2001/XMLSchema-instance"
_XSI = f"{{{XSI_NS}}}"
_XSI_NIL = f"{_XSI}nil"
_XML = "{http://www.w3.org/XML/1998/namespace}"
#: Elements with an ``xsi:`` attribute other than ``xsi:nil``. An XSD processor always admits
#: ``xsi:type``, ``xsi:schemaLocation`` and ``xsi:noNamespaceSchemaLocation``, but the models
#: cannot hold them and Zynk never writes them: they are reported as unknown attributes (and
#: never acted on: no hint is fetched, no type is switched).
_XSI_HINTED = etree.XPath(
    "descendant-or-self::*[@xsi:*[local-name() != 'nil']]", namespaces={"xsi": XSI_NS}
)


class _Mapper:
    """Turns lxml error-log entries into issues, tracking what was already reported."""

    def __init__(
        self,
        original: etree._Element,
        work: etree._Element,
        *,
        rebase: tuple[str, str] | None = None,
        record: RecordRef | None = None,
        lines: Mapping[etree._Element, int | None] | None = None,
    ) -> None:
        self.original = original
        self.work = work
        #: The line of each element of ``original`` when it is a copy: libxml2 keeps lines
        #: past 65,535 only in the parsed tree, not in copies of it.
        self.lines = lines
        #: (old, new) path prefix: a record checked on its own is rebased to its document path.
        self.rebase = rebase
        self.record = record
        self.origin: dict[Any, etree._Element] = dict(
            zip(work.iter(), original.iter(), strict=True)
        )
        self.seen: set[tuple[str, str | None]] = set()
        self._steps: dict[etree._Element, dict[etree._Element, str | None]] = {}
        self._children: dict[Any, dict[str, list[etree._Element]]] = {}
        self.issues: list[Issue] = []

    def new_pass(self) -> None:
        """Forget the children index: the working copy was changed by the last pass's fixes."""
        self._children.clear()

    def _child(self, parent: etree._Element, step: str) -> etree._Element | bool | None:
        """The child a libxml2 path step (``Contact[7999]``, ``z:Amount``, ``*[2]``) names;
        False if the step is not of a form understood here. Children are indexed once per
        parent and pass: an XPath per issue was quadratic in the number of siblings."""
        match = _PATH_STEP.fullmatch(step)
        if match is None:
            return False
        prefixed, name, index = match.group(1) is not None, match.group(2), match.group(3)
        groups = self._children.get(parent)
        if groups is None:
            groups = self._children[parent] = {}
            for child in parent:
                tag = child.tag
                if not isinstance(tag, str):
                    continue
                groups.setdefault("*", []).append(child)
                if tag.startswith("{"):
                    groups.setdefault(":" + tag.rsplit("}", 1)[1], []).append(child)
                else:
                    groups.setdefault(tag, []).append(child)
        key = name if name == "*" else (":" + name if prefixed else name)
        candidates = groups.get(key, [])
        position = int(index) if index else 1
        return candidates[position - 1] if 0 < position <= len(candidates) else None

    def _find(self, path: str) -> etree._Element | None:
        steps = path.strip("/").split("/")
        node: etree._Element | None = self.work
        if not steps or self.work.getparent() is not None:
            return self._find_by_xpath(path)
        first = self._child_of_document(steps[0])
        if first is False:
            return self._find_by_xpath(path)
        node = first if isinstance(first, etree._Element) else None
        for step in steps[1:]:
            if node is None:
                return None
            found = self._child(node, step)
            if found is False:
                return self._find_by_xpath(path)
            node = found if isinstance(found, etree._Element) else None
        return node

    def _child_of_document(self, step: str) -> etree._Element | bool | None:
        match = _PATH_STEP.fullmatch(step)
        if match is None:
            return False
        tag = self.work.tag
        name = tag.rsplit("}", 1)[-1] if isinstance(tag, str) else None
        return self.work if match.group(2) in ("*", name) else None

    def _find_by_xpath(self, path: str) -> etree._Element | None:
        tree = self.work.getroottree()
        try:
            found = tree.xpath(path)
        except etree.XPathError:
            # ``/Company/Transactions/Transaction/z:NetAmount``: a prefix lxml cannot resolve.
            try:
                found = tree.xpath(_PREFIXED_STEP.sub(r"*[local-name()='\1']", path))
            except etree.XPathError:
                found = []
        if isinstance(found, list) and found and isinstance(found[0], etree._Element):
            return found[0]
        return None

    def _locate(
        self, entry: Any, name: str
    ) -> tuple[etree._Element | None, etree._Element | None]:
        if not entry.path:
            return None, None
        working = self._find(entry.path)
        if working is None:
            return None, None
        parent = working.getparent()
        if name.startswith("{") and working.tag != name and parent is not None:
            # An element in a default namespace has the path step ``*``: find it by name.
            working = next(parent.iterchildren(name), working)
        return working, self.origin.get(working)

    def refuse_unmodelled(self) -> None:
        """Report every attribute the models do not have (``xsi:nil`` aside), and every
        unknown or repeated element, and take them out of the working copy before libxml2
        sees it: libxml2 neither acts on an ``xsi:type`` nor reports it a second time, a name
        of thousands of characters (which libxml2's message cuts short) is still reported as
        what it is, and a thousand unknown elements need one pass, not a thousand."""
        root_info = info_of_element(self.work)
        pending: list[tuple[etree._Element, ClassInfo | None]] = [(self.work, root_info)]
        while pending:
            node, info = pending.pop()
            if len(node.attrib):
                known = info.attributes if info is not None else {}
                for name, _value in attribute_items(node):
                    if name == _XSI_NIL or name in known:
                        continue
                    element_name = shown(etree.QName(node).localname, quote=False)
                    if name.startswith(_XSI):
                        message = xsi_message(name[len(_XSI) :], element_name)
                    else:
                        attribute = shown(attribute_name(name), quote=False)
                        message = f"The attribute {attribute} is not allowed on {element_name}."
                    self._add(
                        "schema.unknown-attribute",
                        message,
                        self.origin.get(node),
                        node.sourceline or 0,
                    )
                    del node.attrib[name]
            if info is None:
                continue  # a leaf: its content is libxml2's to check
            children: list[tuple[etree._Element, ClassInfo | None]] = []
            seen: set[str] = set()
            for child in list(node):
                tag = child.tag
                if not isinstance(tag, str):
                    continue
                field = info.elements.get(tag)
                if field is None or (not field.is_list and tag in seen):
                    # Unknown or repeated: reported and taken out now, all at once (libxml2
                    # stops at the first of them in each parent, one pass each).
                    original = self.origin.get(child)
                    path = self._path(original) if original is not None else ""
                    self._unexpected(tag, path, original, child.sourceline or 0)
                    node.remove(child)
                    continue
                seen.add(tag)
                model = field.kind is ValueKind.MODEL
                children.append((child, info_of(field.value_type) if model else None))
            pending.extend(reversed(children))  # popped in document order

    def _line_of(self, element: etree._Element) -> int | None:
        line = None if self.lines is None else self.lines.get(element)
        return element.sourceline if line is None else line

    def not_all_checked(self, passes: int) -> None:
        """Say that checking stopped with structural problems left (never stop silently)."""
        self._add(
            "schema.invalid-value",
            f"{etree.QName(self.original).localname} has more structural problems than "
            f"{passes} checks can take apart: fix the ones reported and validate again.",
            self.original,
            self.original.sourceline or 0,
        )

    def _steps_below(self, parent: etree._Element) -> dict[etree._Element, str | None]:
        """:func:`.records.child_steps` of ``parent``, worked out once per parent: counting
        siblings per issue was quadratic."""
        steps = self._steps.get(parent)
        if steps is None:
            steps = self._steps[parent] = child_steps(parent)
        return steps

    def _path(self, element: etree._Element) -> str:
        path = element_path(element, self._steps_below)
        if self.rebase is not None and path.startswith(self.rebase[0]):
            path = self.rebase[1] + path[len(self.rebase[0]) :]
        return path

    def _add(
        self,
        code: str,
        message: str,
        element: etree._Element | None,
        line: int,
        *,
        attribute: str | None = None,
    ) -> None:
        path = self._path(element) if element is not None else None
        if path is not None and attribute is not None:
            path = f"{path}/@{attribute}"  # the issue is about the attribute, not the element
        key = (code, path)
        if key in self.seen:
            return
        self.seen.add(key)
        self.issues.append(
            Issue(
                code=code,
                severity=Severity.ERROR,
                message=message,
                line=self._line_of(element) if element is not None else line,
                path=path,
                record=self.record or record_ref_for_path(path, self.original),
            )
        )

    def map(self, entry: Any) -> etree._Element | None:
        """Report one error-log entry; return the working node to fix if it is structural."""
        match = _ELEMENT.match(entry.message)
        name = match.group(1) if match else "element"
        attribute = match.group(2) if match else None
        working, original = self._locate(entry, name)
        text = entry.message[match.end() :] if match else entry.message
        path = self._path(original) if original is not None else ""
        kind = entry.type_name

        if kind == _NOT_EXPECTED:
            self._unexpected(name, path, original, entry.line)
        elif kind == _CONTENT_IN_EMPTY and working is not None and len(working):
            for child in working:
                child_original = self.origin.get(child)
                tag = child.tag if isinstance(child.tag, str) else "This element"
                self._add(
                    "schema.unknown-element",
                    f"{tag} is not allowed inside {name}: Zynk writes {name} empty and "
                    "its content is not modelled.",
                    child_original,
                    entry.line,
                )
        elif kind in (_TEXT_IN_ELEMENT_ONLY, _CONTENT_IN_EMPTY):
            self._add(
                "schema.invalid-value",
                f"{name} holds text directly; only elements are allowed inside it.",
                original,
                entry.line,
            )
        elif kind == _ELEMENTS_IN_SIMPLE:
            self._add(
                "schema.invalid-value",
                f"{name} holds elements; it must hold a single value.",
                original,
                entry.line,
            )
        elif attribute == "RecordOperation" or (attribute and "not allowed" in text):
            if "not allowed" in text:
                self._add(
                    "schema.unknown-attribute",
                    f"The attribute {attribute_name(attribute)} is not allowed on {name}.",
                    original,
                    entry.line,
                )
            else:
                value = _VALUE.search(text)
                self._add(
                    "schema.invalid-value",
                    record_operation_message(name, value.group(1) if value else "?"),
                    original,
                    entry.line,
                    attribute="RecordOperation",
                )
        else:
            self._value_error(name, text, original, entry.line, path)
        return working if kind in _STRUCTURAL else None

    def _unexpected(self, name: str, path: str, element: etree._Element | None, line: int) -> None:
        parent = parent_info(path) if path else None
        known = parent.elements if parent is not None else {}
        parent_name = path.rsplit("/", 2)[-2] if path.count("/") >= 2 else "the document"
        parent_name = re.sub(r"\[\d+\]$", "", parent_name)
        if name in known:
            self._add(
                "schema.duplicate-element",
                f"{name} is given more than once in {parent_name}; give it once.",
                element,
                line,
            )
            return
        message = f"{shown(name, quote=False)} is not a known element in {parent_name}."
        if name.startswith("{"):
            qname = etree.QName(name)
            message = (
                f"{qname.localname} in the namespace {qname.namespace!r} is not a known element "
                f"in {parent_name}: Zynk elements have no namespace."
            )
            name = qname.localname if qname.localname not in known else ""
        close = difflib.get_close_matches(name, list(known), n=1, cutoff=0.75)
        if close:
            message += f" Did you mean {close[0]}?"
        self._add("schema.unknown-element", message, element, line)

    def _value_error(
        self, name: str, text: str, element: etree._Element | None, line: int, path: str
    ) -> None:
        _, field = field_at(path) if path else (None, None)
        length = _MAX_LENGTH.search(text)
        if length:
            value = element.text if element is not None else None
            given = f" ({value!r})" if value is not None and len(value) <= 80 else ""
            self._add(
                "schema.too-long",
                f"{name} is {length.group(1)} characters long{given}; the most Sage can store "
                f"is {length.group(2)}.",
                element,
                line,
            )
            return
        bound = _BOUND.search(text)
        if bound:
            side = "maximum" if bound.group(2) == "greater" else "minimum"
            low = field.metadata.get("min_inclusive") if field else None
            high = field.metadata.get("max_inclusive") if field else None
            allowed = (
                f"from {low} to {high}"
                if low is not None and high is not None
                else (f"the {side} is {bound.group(3)}")
            )
            self._add(
                "schema.out-of-range",
                f"{name} is {shown(bound.group(1), quote=False)}, outside the allowed range: "
                f"{allowed}.",
                element,
                line,
            )
            return
        if "is not 'nillable'" in text:
            group = field is None or field.kind is ValueKind.MODEL
            record = path.endswith("]") and path.count("/") == 3
            self._add(
                "schema.invalid-value", not_nillable_message(name, group, record), element, line
            )
            return
        if "because the element is 'nilled'" in text:
            value = (element.text or "").strip() if element is not None else ""
            self._add(
                "schema.invalid-value", nilled_with_value_message(name, value), element, line
            )
            return
        value_match = _VALUE.search(text)
        value = None
        if value_match:
            value = value_match.group(1) if value_match.group(1) is not None else value_match[2]
        nil = element.get(_XSI_NIL) if element is not None else None
        message = invalid_value_message(name, value, field, nil)
        self._add("schema.invalid-value", message, element, line)


def _fix(node: etree._Element, kind_of_fix: str) -> None:
    """Take the structural problem out of the working copy so the next pass sees past it."""
    if kind_of_fix == _NOT_EXPECTED:
        parent = node.getparent()
        if parent is not None:
            parent.remove(node)
    elif kind_of_fix == _TEXT_IN_ELEMENT_ONLY:
        node.text = None
        for child in node:
            child.tail = None
    else:
        for child in list(node):
            node.remove(child)
        node.text = None


def _entries(schema: etree.XMLSchema, tree: etree._Element) -> Iterator[Any]:
    schema.validate(tree)
    yield from schema.error_log


def check_schema(root: etree._Element) -> list[Issue]:
    """Every XSD problem in the document rooted at ``root`` (a ``Company`` element)."""
    schema = company_schema()
    if not _XSI_HINTED(root) and schema.validate(root):
        return []
    return _collect(schema, _Mapper(root, copy.deepcopy(root)))


def is_schema_valid(collection: etree._Element) -> bool:
    """Does a record collection (or one record) pass the XSD as it is, in one libxml2 call?

    The answer alone is read (never the schema's shared error log), so it is safe from any
    number of threads with the per-thread schema of :func:`.schema.records_schema`.
    """
    return not _XSI_HINTED(collection) and bool(records_schema().validate(collection))


def check_record_schema(
    element: etree._Element, record_path: str, record: RecordRef
) -> list[Issue]:
    """Every XSD problem in one record (a Transaction or Customer element), checked on its own
    as a large document streams past; paths are given as in the whole document."""
    schema = records_schema()
    if not _XSI_HINTED(element) and schema.validate(element):
        return []
    original = copy.deepcopy(element)
    mapper = _Mapper(
        original,
        copy.deepcopy(original),
        rebase=(f"/{element.tag!s}", record_path),
        record=record,
        lines=dict(
            zip(original.iter(), (node.sourceline for node in element.iter()), strict=True)
        ),
    )
    return _collect(schema, mapper)


def _collect(schema: etree.XMLSchema, mapper: _Mapper) -> list[Issue]:
    work = mapper.work
    mapper.refuse_unmodelled()
    fixes: list[tuple[etree._Element, str]] = []
    for _ in range(MAX_PASSES):
        fixes = []
        mapper.new_pass()
        for entry in list(_entries(schema, work)):
            node = mapper.map(entry)
            if node is not None:
                fixes.append((node, entry.type_name))
        if not fixes:
            break
        for node, kind in fixes:
            _fix(node, kind)
    if fixes:
        mapper.not_all_checked(MAX_PASSES)
    return sorted(mapper.issues, key=lambda issue: issue.line or 0)
