"""litcurate: from a review question to an auditable evidence dataset."""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("litcurate")
except PackageNotFoundError:  # a source tree on sys.path, not installed
    __version__ = "0+unknown"
