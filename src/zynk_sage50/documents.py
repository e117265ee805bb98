"""What a document carries beyond the schema: the namespace declarations of its root.

The generated ``Company`` derives from :class:`Document` (an xsdata class extension in
``.xsdata.xml``), so the declarations are a field of the model, not a side table: they survive
``copy.deepcopy``, ``attrs.evolve`` and pickling and take part in equality.
"""

from __future__ import annotations

import attr

from .namespaces import DEFAULT_NAMESPACES


def _default_namespaces() -> dict[str, str]:
    return dict(DEFAULT_NAMESPACES)


@attr.s(slots=True, kw_only=True)
class Document:
    """The root of a Zynk document: the prefixed namespace declarations its root element
    carries (``xsi`` and ``xsd`` for a new one, as Zynk itself writes them). Not XML content:
    the binder and writer skip it (metadata type ``Ignore``) and write it as declarations."""

    namespaces: dict[str, str] = attr.ib(
        factory=_default_namespaces, metadata={"type": "Ignore"}, repr=False
    )
