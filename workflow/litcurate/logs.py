"""Per-step logging: every workflow step logs to its Snakemake log file and to stderr.

Library modules log through ``logging.getLogger(__name__)`` (all below ``litcurate``);
:func:`step_log` attaches the handlers for the length of one step.
"""

from __future__ import annotations

import contextlib
import logging
import sys
import threading
from pathlib import Path
from typing import Iterator

LOGGER_NAME = "litcurate"
FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"


def log_path(log: object) -> str | None:
    """The log file of a step: a path, a Snakemake ``log`` list (its first entry), or None."""
    if log is None or isinstance(log, (str, Path)):
        return str(log) if log else None
    return str(log[0]) if len(log) else None


class _SameThread(logging.Filter):
    """Keeps the records of the thread that made it: under ``snakemake --force-use-threads``
    steps run side by side in one process, and each step's log holds its own records only."""

    def __init__(self) -> None:
        super().__init__()
        self.thread = threading.get_ident()

    def filter(self, record: logging.LogRecord) -> bool:
        """True for a record logged by this filter's thread."""
        return record.thread == self.thread


@contextlib.contextmanager
def step_log(log: object) -> Iterator[logging.Logger]:
    """Send every ``litcurate`` log record to stderr and to the step's log file while it runs.

    An error ending the step is logged before it propagates, so the log file says why.
    """
    path = log_path(log)
    logger = logging.getLogger(LOGGER_NAME)
    logger.setLevel(logging.INFO)
    handlers: list[logging.Handler] = [logging.StreamHandler(sys.stderr)]
    if path:
        Path(path).parent.mkdir(parents=True, exist_ok=True)
        handlers.append(logging.FileHandler(path, mode="w", encoding="utf-8"))
    same_thread = _SameThread()
    for handler in handlers:
        handler.setFormatter(logging.Formatter(FORMAT))
        handler.addFilter(same_thread)
        logger.addHandler(handler)
    try:
        yield logger
    except Exception as exc:
        logger.error("%s", exc)
        raise
    finally:
        for handler in handlers:
            logger.removeHandler(handler)
            handler.close()
