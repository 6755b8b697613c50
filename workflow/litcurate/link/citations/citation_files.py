"""The dedup engine's view of citation exports: the readers live in :mod:`litcurate.search.imports`.

Kept as the import path ``litcurate dedup`` and older callers use; see that package for the
formats, the columns and how unreadable lines are reported.
"""

from __future__ import annotations

from litcurate.errors import CitationFileError
from litcurate.search.imports import COLUMNS, FORMATS, detect_format, read_citations, read_export

__all__ = ["COLUMNS", "FORMATS", "CitationFileError", "detect_format", "read_citations", "read_export"]
