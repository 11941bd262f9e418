"""One article's time budget (geomap.budget) holds in every thread: work that runs past it is
given up at the next `check`, with one line naming it, and costs no other work."""
from __future__ import annotations

import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from geomap import budget, config, pipeline, readers
from geomap.articles import read_article

REPO = Path(__file__).resolve().parents[1]


def endless() -> str:
    """Work that runs until the budget stops it (a minute at most: a budget that does not hold
    fails the test instead of hanging it)."""
    end = time.monotonic() + 60
    while time.monotonic() < end:
        budget.check()
    return "never stopped"


def test_work_past_its_budget_in_a_thread_is_given_up_and_the_other_threads_finish():
    told = []
    release = threading.Event()

    def quick() -> str:
        release.wait()                 # runs while the endless work is being given up
        budget.check()
        return "read"

    with ThreadPoolExecutor(2) as pool:
        stopped = pool.submit(budget.guarded, endless, "long.txt", told.append, "left out", 0.05)
        finished = pool.submit(budget.guarded, quick, "short.txt", told.append, None, 600)
        assert stopped.result() == "left out"
        release.set()
        assert finished.result() == "read"
    assert told == ["long.txt: took longer than 0.05 s (geomap.budget); left out"]


def test_outside_a_guard_check_does_nothing_and_a_nested_guard_gives_back_the_outer_budget():
    budget.check()
    told = []

    def outer() -> str:
        inner = budget.guarded(endless, "article.txt", told.append, "inner left out", 0.01)
        budget.check()                 # the outer budget (600 s) holds again
        return inner

    assert budget.guarded(outer, "corpus", told.append) == "inner left out"
    assert told == ["article.txt: took longer than 0.01 s (geomap.budget); left out"]


def test_the_extractor_stops_an_article_past_its_budget_in_a_worker_thread():
    cfg = config.load_config(REPO / "config.yaml")
    context = readers.context_of(pipeline.load_gazetteer(cfg), pipeline.extraction_settings(cfg), 2024)
    article, _ = read_article(REPO / "tests" / "data" / "articles" / "fr_afp_7dec.txt")
    over = readers.Context(context.gazetteer, context.settings, 2024, context.token, article_seconds=0)
    with ThreadPoolExecutor(1) as pool:
        reading, left_out = pool.submit(readers.read_task, over, article).result()
        assert reading is None and left_out == ["fr_afp_7dec.txt: took longer than 0 s (geomap.budget); left out"]
        reading, left_out = pool.submit(readers.read_task, context, article).result()
    assert reading is not None and left_out == [] and reading.events()
