"""litcurate: from a review question to an auditable evidence dataset."""
__version__ = "0.1.0"
