"""Harmonise stage (``rules/extract.smk``, rule ``harmonise``): review tables mapped onto the
project's codebook (built-in generic fields plus the project's own), values parsed with their units.

Entry points: :func:`load_codebook` (the checked codebook), :func:`map_headers` (printed
header -> field) and :func:`harmonise_table` (one extracted table -> rows, warnings and the
cells no field claims); ``step`` holds the rule's call.
"""

from litcurate.harmonise.codebook import load_codebook
from litcurate.harmonise.headers import header_fields, map_headers
from litcurate.harmonise.table import harmonise_table

__all__ = ["header_fields", "harmonise_table", "load_codebook", "map_headers"]
