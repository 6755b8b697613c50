"""Print the data dictionary of a codebook's studies.csv as the README's Markdown table.

``python -m litcurate.harmonise.codebook_table config/codebook.yaml`` checks the codebook
(one-line error and exit 1 when it is wrong) and prints the table.
"""

from __future__ import annotations

import sys

from litcurate.errors import CodebookError
from litcurate.harmonise.codebook import load_codebook
from litcurate.schemas.dataset import dictionary_markdown


def main(argv: list[str] | None = None) -> int:
    """Print the table of the codebook named by the first argument (none: built-in fields only)."""
    args = sys.argv[1:] if argv is None else argv
    try:
        codebook = load_codebook(args[0] if args else None)
    except CodebookError as exc:
        print(f"codebook error: {exc}", file=sys.stderr)
        return 1
    sys.stdout.write(dictionary_markdown(codebook))
    return 0


if __name__ == "__main__":
    sys.exit(main())
