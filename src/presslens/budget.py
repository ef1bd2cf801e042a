"""A per-document time budget: one article that costs far more than any article should is
stopped with one clear line, and the run goes on with the next.

The budget is wall time, enforced with a POSIX interval timer in the main thread (the CLI's
case). Elsewhere (a worker thread, a platform without ``setitimer``) the block runs unbounded:
the guards before the parser (text length, punctuation runs) still hold there.
"""

from __future__ import annotations

import signal
import threading
from collections.abc import Iterator
from contextlib import contextmanager

DOCUMENT_SECONDS = 120.0  # cleaning and extracting one article; ordinary news takes < 1 s


class OverBudget(Exception):
    """A document took longer than its time budget."""

    def __init__(self, seconds: float) -> None:
        super().__init__(f"took over {seconds:g} s")
        self.seconds = seconds


def _can_interrupt() -> bool:
    return hasattr(signal, "setitimer") and threading.current_thread() is threading.main_thread()


@contextmanager
def time_budget(seconds: float | None) -> Iterator[None]:
    """Raise `OverBudget` inside the block once `seconds` of wall time have passed (no budget
    when `seconds` is None or 0, or when this thread cannot be interrupted).

    >>> with time_budget(5):
    ...     total = sum(range(10))
    >>> total
    45
    """
    if not seconds or not _can_interrupt():
        yield
        return

    def on_alarm(signum, frame) -> None:
        raise OverBudget(seconds)

    previous = signal.signal(signal.SIGALRM, on_alarm)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
