"""Per-step logs: each step's log file holds its own records, also when steps run side by side
in threads of one process (``snakemake --force-use-threads``)."""

from __future__ import annotations

import logging
import threading

from litcurate.logs import step_log


def _step(name: str, path, started: threading.Barrier, logged: threading.Barrier) -> None:
    with step_log([str(path)]):
        started.wait()  # both steps' handlers are attached before either logs
        logging.getLogger(f"litcurate.{name}").info("%s says hello", name)
        logged.wait()  # and stay attached until both have logged


def test_steps_in_two_threads_each_log_only_their_own_records(tmp_path):
    started, logged = threading.Barrier(2), threading.Barrier(2)
    threads = [
        threading.Thread(target=_step, args=(name, tmp_path / f"{name}.log", started, logged))
        for name in ("search", "extract")
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    search, extract = ((tmp_path / f"{n}.log").read_text() for n in ("search", "extract"))
    assert "search says hello" in search and "extract" not in search
    assert "extract says hello" in extract and "search" not in extract


def test_an_error_ending_the_step_is_in_its_log(tmp_path):
    path = tmp_path / "step.log"
    try:
        with step_log(str(path)):
            raise ValueError("table 2: no header row")
    except ValueError:
        pass
    assert "ERROR litcurate: table 2: no header row" in path.read_text()
    assert not logging.getLogger("litcurate").handlers  # nothing left attached after the step
