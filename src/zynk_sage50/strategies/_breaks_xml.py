"""Recipes for the ``xml.*`` codes: a file that cannot be read as a document at all.

Each is made from the tree (an undefined entity reference, elements nested too deep, the root
renamed or put in a namespace, a DOCTYPE written by the serialiser), or from the written text
as a whole (cut short, or a second root after the first); never by searching the text.
"""

from __future__ import annotations

from collections.abc import Mapping

from hypothesis import strategies as st
from lxml import etree

from ..models import Company
from ._recipe import BANKS, Bad, Context, Recipe
from ._tree import Element, append, nested, with_entity, write, xml_name

#: The namespace a misconfigured exporter puts the document in.
FOREIGN_NAMESPACE = "http://www.zynk.com/sage50"


def malformed(ctx: Context) -> Bad:
    """``xml.malformed``: cut short, a reference to an entity nobody declared, or a second
    root element after the first."""
    choice = ctx.pick(["truncated", "entity", "second root"])
    if choice == "truncated":

        def cut(root: Element) -> str:
            text = write(root)
            end = text.rstrip().rindex(">")  # the root's last ">": cut anywhere before it
            return text[: ctx.draw(st.integers(1, end))]

        return Bad(finish=cut)
    if choice == "entity":
        row = ctx.row(ctx.pick(BANKS), details="Smith and Sons")
        name = ctx.pick(["Sons", "nbsp", "pound", "company"])
        return Bad(rows=[row], changes=[with_entity(row, "details", "Smith ", name, " Ltd")])
    other = ctx.pick([xml_name(Company, "transactions"), "Company", "Footer"])

    def second_root(root: Element) -> str:
        return write(root) + etree.tostring(etree.Element(other), encoding="unicode") + "\n"

    return Bad(finish=second_root)


def forbidden(ctx: Context) -> Bad:
    """``xml.forbidden``: a DOCTYPE, entity declaration or external reference."""
    doctype = ctx.pick(
        [
            '<!DOCTYPE Company [<!ENTITY company "Acme Engineering Ltd">]>',
            '<!DOCTYPE Company SYSTEM "company.dtd">',
            "<!DOCTYPE Company>",
        ]
    )
    return Bad(finish=lambda root: write(root, doctype=doctype))


def wrong_root(ctx: Context) -> Bad:
    """``xml.wrong-root``: the root is not ``Company`` without a namespace."""
    choice = ctx.pick(["Transactions", "Companies", "company", "namespace"])

    def rename(root: Element) -> Element:
        if choice != "namespace":
            root.tag = choice
            return root
        # A default namespace on the root applies to every element below it.
        moved = etree.Element(
            etree.QName(FOREIGN_NAMESPACE, etree.QName(root).localname),
            nsmap={**root.nsmap, None: FOREIGN_NAMESPACE},
        )
        moved.extend(list(root))
        for element in moved.iterdescendants(etree.Element):
            element.tag = etree.QName(FOREIGN_NAMESPACE, etree.QName(element).localname)
        return moved

    return Bad(root=rename)


def too_large(ctx: Context) -> Bad:
    """``xml.too-large``: nesting deeper than the default limit (32)."""
    depth = ctx.draw(st.integers(33, 80))
    name = ctx.pick(["Line", "Item", "Note"])
    row = ctx.row(ctx.pick(BANKS))
    return Bad(rows=[row], changes=[append(row, nested(["Extra"] + [name] * depth, "x"))])


RECIPES: Mapping[str, Recipe] = {
    "xml.malformed": malformed,
    "xml.forbidden": forbidden,
    "xml.too-large": too_large,
    "xml.wrong-root": wrong_root,
}
