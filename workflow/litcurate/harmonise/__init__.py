"""Map review tables onto the canonical study fields and parse their values with units.

Entry points: :func:`map_headers` (printed header -> canonical field) and
:func:`harmonise_table` (one extracted table -> canonical rows + warnings).
"""
from litcurate.harmonise.headers import header_fields, map_headers
from litcurate.harmonise.table import harmonise_table

__all__ = ["header_fields", "harmonise_table", "map_headers"]
