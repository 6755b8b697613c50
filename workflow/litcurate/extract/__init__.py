"""Extract stage (``rules/extract.smk``, rule ``extract``): trial tables and the numbered
reference list of each review PDF. ``step`` holds the rule's call, ``cli`` ``litcurate extract``."""

from litcurate.errors import ExtractionError
from litcurate.extract.review import Extraction, extract_review, write_extraction

__all__ = ["Extraction", "ExtractionError", "extract_review", "write_extraction"]
