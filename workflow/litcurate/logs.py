"""Per-step logging: every workflow step logs to its Snakemake log file and to stderr."""
from __future__ import annotations

import contextlib
import logging
import sys
from pathlib import Path
from typing import Iterator

LOGGER_NAME = "litcurate"
FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"


@contextlib.contextmanager
def step_log(path: str | Path | None) -> Iterator[logging.Logger]:
    logger = logging.getLogger(LOGGER_NAME)
    logger.setLevel(logging.INFO)
    handlers: list[logging.Handler] = [logging.StreamHandler(sys.stderr)]
    if path:
        Path(path).parent.mkdir(parents=True, exist_ok=True)
        handlers.append(logging.FileHandler(path, mode="w", encoding="utf-8"))
    for handler in handlers:
        handler.setFormatter(logging.Formatter(FORMAT))
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
