"""litcurate: from a review question to an auditable evidence dataset."""

from __future__ import annotations


def __getattr__(name: str) -> str:
    # Read from the installed metadata on first use only: importlib.metadata costs every
    # command's start-up about 40 ms, and most commands never ask for the version.
    if name != "__version__":
        raise AttributeError(f"module 'litcurate' has no attribute {name!r}")
    from importlib.metadata import PackageNotFoundError, version

    try:
        found = version("litcurate")
    except PackageNotFoundError:  # a source tree on sys.path, not installed
        found = "0+unknown"
    globals()["__version__"] = found
    return found
