"""What one article may cost the build: at most its own place in it, and at most a time budget.

Every pass over an article is linear in its size (scripts/adversarial.py measures the inputs
that once made them quadratic), and the reader keeps at most 2 MB of a file. Still, a fault of
ours on one strange article must not cost the other articles: `guarded` runs the work of one
article, and when it raises, or runs over ARTICLE_SECONDS (a safety net far above what a
2 MB article takes: it never trims ordinary builds, so output stays the same from run to run),
the article is skipped with one line naming it and the build goes on. GEOMAP_DEBUG=1 lets the
error through with its trace, for a bug report.

The budget holds in every thread: `guarded` sets a deadline for the thread it runs in, and the
extractor's loops (over the steps, the sentences and the parses) call `check`, which raises
OverBudget once it has passed; that is how one over-long article costs only itself on a Dask
worker, whose tasks run in threads. In the main thread a SIGALRM timer also interrupts a
single step that runs too long between two checks.
"""
from __future__ import annotations

import contextlib
import os
import signal
import threading
import time
from typing import Callable, Iterator, TypeVar

ARTICLE_SECONDS = 600

T = TypeVar("T")
_DEADLINES = threading.local()   # per thread: the monotonic deadlines of the guards it runs in, innermost last


class OverBudget(Exception):
    """The work of one article ran over its time budget."""


def guarded(work: Callable[[], T], what: str, tell: Callable[[str], None], fallback: T | None = None,
            seconds: float = ARTICLE_SECONDS) -> T | None:
    """The result of `work`, or `fallback` after telling one line when it fails or runs too long.

    Parameters
    ----------
    work : callable
        The work of one article (or one step over the corpus), without arguments.
    what : str
        What the work is about, for the message: an article's file name.
    tell : callable
        Told one line when the work is given up.
    fallback : object, optional
        What to return then (default None).
    seconds : float, optional
        The time budget (wall clock; in every thread, at each `check`).

    Returns
    -------
    object
        What `work` returned, or `fallback`.
    """
    try:
        with _deadline(seconds), _time_limit(seconds):
            return work()
    except OverBudget:
        tell(f"{what}: took longer than {seconds:g} s (geomap.budget); left out")
    except (RecursionError, MemoryError) as e:
        tell(f"{what}: too large or too deeply nested to read ({type(e).__name__}); left out")
    except Exception as e:  # a bug of ours on this input: the rest of the build goes on
        if os.environ.get("GEOMAP_DEBUG"):
            raise
        tell(f"{what}: left out after an internal error ({type(e).__name__}: {str(e)[:200]}); "
             "run again with GEOMAP_DEBUG=1 and report the trace")
    return fallback


def check() -> None:
    """Raise OverBudget when the innermost `guarded` work of this thread is past its budget
    (nothing outside a guard). Cheap: the loops over an article's sentences call it."""
    deadlines = getattr(_DEADLINES, "stack", None)
    if deadlines and time.monotonic() > deadlines[-1]:
        raise OverBudget()


@contextlib.contextmanager
def _deadline(seconds: float) -> Iterator[None]:
    """This thread's deadline for the work inside (restored to the enclosing one after)."""
    stack = _DEADLINES.__dict__.setdefault("stack", [])
    stack.append(time.monotonic() + seconds)
    try:
        yield
    finally:
        stack.pop()


@contextlib.contextmanager
def _time_limit(seconds: float) -> Iterator[None]:
    """Raise OverBudget in the main thread once `seconds` have passed (SIGALRM); elsewhere,
    only `check` enforces the budget."""
    if (threading.current_thread() is not threading.main_thread() or not hasattr(signal, "setitimer")
            or seconds <= 0):
        yield
        return

    def over(signum, frame):
        raise OverBudget()

    previous = signal.signal(signal.SIGALRM, over)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
