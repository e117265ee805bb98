"""Every leaf value of a document, to check that a round trip loses or changes nothing."""

from __future__ import annotations

from collections import Counter

from lxml import etree

XSI_NIL = "{http://www.w3.org/2001/XMLSchema-instance}nil"


def trusted_tree(data: bytes) -> etree._Element:
    """The reference reading of a sample: lxml with comments and PIs dropped, nothing resolved."""
    parser = etree.XMLParser(
        remove_comments=True, remove_pis=True, resolve_entities=False, no_network=True
    )
    return etree.fromstring(data, parser)


def leaves(root: etree._Element) -> tuple[dict[str, str], set[str]]:
    """(path → text) of every leaf element that is not ``xsi:nil``, and the paths of nil ones.

    A path indexes every step among same-named siblings (``Transaction[2]``) so that repeated
    records stay distinct; whitespace-only text counts as empty.
    """
    values: dict[str, str] = {}
    nils: set[str] = set()

    def walk(element: etree._Element, path: str) -> None:
        children = [child for child in element if isinstance(child.tag, str)]
        if not children:
            if element.get(XSI_NIL, "").strip() in ("true", "1"):
                nils.add(path)
            else:
                text = element.text or ""
                values[path] = text if text.strip() else ""
            return
        seen: Counter[str] = Counter()
        for child in children:
            tag = str(child.tag)
            seen[tag] += 1
            walk(child, f"{path}/{tag}[{seen[tag]}]")

    walk(root, f"/{root.tag}")
    return values, nils
