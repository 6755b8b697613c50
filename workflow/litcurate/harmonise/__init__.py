"""Harmonise stage (``rules/extract.smk``, rule ``harmonise``): review tables mapped onto the
canonical study fields, values parsed with their units.

Entry points: :func:`map_headers` (printed header -> canonical field) and
:func:`harmonise_table` (one extracted table -> canonical rows + warnings); ``step`` holds
the rule's call.
"""

from litcurate.harmonise.headers import header_fields, map_headers
from litcurate.harmonise.table import harmonise_table

__all__ = ["header_fields", "harmonise_table", "map_headers"]
