"""Extract trial tables and the numbered reference list from review PDFs."""
from litcurate.extract.pdf_open import ExtractionError
from litcurate.extract.review import Extraction, extract_review, write_extraction

__all__ = ["Extraction", "ExtractionError", "extract_review", "write_extraction"]
