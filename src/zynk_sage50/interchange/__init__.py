"""JSON interchange: the models as JSON and back, losslessly, and the JSON Schema of that form.

Web shops and JavaScript platforms produce JSON; with this they build, check and convert
documents without writing XML. ``load`` → ``to_json`` → ``from_json`` → ``dumps`` gives back
the XML ``dumps(load(...))`` gives.
"""

from __future__ import annotations

from ._convert import NAMESPACES_KEY, from_dict, to_dict
from ._json import from_json, to_json
from ._schema import json_schema

__all__ = ["NAMESPACES_KEY", "from_dict", "from_json", "json_schema", "to_dict", "to_json"]
