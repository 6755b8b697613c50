"""A sliding-window rate limiter shared by every request of a run.

NCBI allows 3 requests per second without an API key and 10 with one. The limiter keeps
the start times of the last ``rate`` requests and makes the next one wait until the oldest
of them is more than a window old, so no window of that length ever holds more than
``rate`` requests -- not just on average.
"""

from __future__ import annotations

import threading
import time
from collections import deque
from typing import Callable

# Slack added to the 1-second window: the server sees a request a little after the
# client released it, and that jitter must not make two windows overlap at the server.
DEFAULT_MARGIN = 0.03


class RateLimiter:
    def __init__(
        self,
        rate: int,
        window: float = 1.0,
        margin: float = DEFAULT_MARGIN,
        clock: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], None] = time.sleep,
    ):
        if not isinstance(rate, int) or rate <= 0:
            raise ValueError("rate must be a positive whole number of requests per window")
        self.slots = rate
        self.window = window + margin
        self._clock = clock
        self._sleep = sleep
        self._starts: deque[float] = deque()
        self._lock = threading.Lock()

    def acquire(self) -> float:
        """Block until a request may start; return the time it was allowed to start."""
        with self._lock:
            while True:
                now = self._clock()
                while self._starts and now - self._starts[0] >= self.window:
                    self._starts.popleft()
                if len(self._starts) < self.slots:
                    self._starts.append(now)
                    return now
                # Never a zero sleep: float rounding must not turn this into a busy loop.
                self._sleep(max(self._starts[0] + self.window - now, 1e-4))


_SHARED: dict[tuple[int, float], RateLimiter] = {}
_SHARED_LOCK = threading.Lock()


def shared_limiter(rate: int, window: float = 1.0) -> RateLimiter:
    """One limiter per rate and window for the whole process, so separate clients cannot add up."""
    with _SHARED_LOCK:
        if (rate, window) not in _SHARED:
            _SHARED[(rate, window)] = RateLimiter(rate, window=window)
        return _SHARED[(rate, window)]
