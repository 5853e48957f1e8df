"""Out-Default for the terminal: PowerShell's table and list views, and JSON lines.

The views themselves live in :mod:`cscmdlets.model.display`, shared with the notebook's HTML
tables; this module gives them PowerShell's names and adds ``--format json``.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Iterable
from typing import Any

from ..model.display import cell_text as ps_display
from ..model.display import properties_of
from ..model.display import text_default as format_default
from ..model.display import text_list as format_list
from ..model.display import text_table as format_table

__all__ = ["format_default", "format_json_lines", "format_list", "format_table", "properties_of", "ps_display"]


def _json_default(value: Any) -> Any:
    if isinstance(value, uuid.UUID):
        return str(value)
    if isinstance(value, bytes):
        return value.decode("utf-8", "replace")
    to_ps = getattr(value, "to_ps", None)
    if callable(to_ps):  # a nested object (a bridge's service numbers) as its properties
        return to_ps()
    return str(value)


def format_json_lines(objects: Iterable[Any]) -> str:
    """One JSON object per line, with the real (PowerShell) property names."""
    lines = []
    for value in objects:
        data = properties_of(value) or value
        lines.append(json.dumps(data, default=_json_default, ensure_ascii=False))
    return "\n".join(lines)
