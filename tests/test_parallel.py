"""Extraction across processes (`--jobs`) and on a Dask cluster (config `distributed.scheduler`)
gives the same site, byte for byte, as extraction in one process."""
from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from geomap import config, pipeline, readers
from site_files import published_files

distributed = pytest.importorskip("dask.distributed", reason="dask[distributed] is installed by the test extra")

REPO = Path(__file__).resolve().parents[1]
CORPORA = {
    "sample": None,     # the config's articles
    # the handmade articles, and those that name towns only GeoNames knows (read again with them)
    "test articles": [REPO / "tests" / "data" / "articles", REPO / "tests" / "data" / "fallback_articles"],
}


def configured(**changes) -> config.Config:
    return dataclasses.replace(config.load_config(REPO / "config.yaml"), cache=False, **changes)


def site_files(out: Path) -> dict[str, bytes]:
    return published_files(out)


def built(cfg: config.Config, corpus: str, out: Path) -> dict[str, bytes]:
    pipeline.build(cfg, CORPORA[corpus], out)
    return site_files(out)


@pytest.fixture(scope="module")
def one_process(tmp_path_factory) -> dict:
    """Each corpus's site, extracted in this process."""
    root = tmp_path_factory.mktemp("one-process")
    return {corpus: built(configured(jobs=1), corpus, root / str(index)) for index, corpus in enumerate(CORPORA)}


@pytest.fixture(scope="module")
def cluster():
    """A Dask cluster of two worker processes on this machine, for the whole module."""
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                                  dashboard_address=None) as local:
        yield local


@pytest.mark.parametrize("corpus", list(CORPORA))
def test_worker_processes_give_the_site_of_one_process(corpus, one_process, tmp_path, monkeypatch):
    started = []
    start = readers.Readers._processes
    monkeypatch.setattr(readers, "ARTICLES_PER_WORKER", 1)   # workers even for a few articles
    monkeypatch.setattr(readers.Readers, "_processes", lambda self, n: started.append(n) or start(self, n))
    assert built(configured(jobs=2), corpus, tmp_path / "out") == one_process[corpus]
    assert started and started[0] == 2


@pytest.mark.parametrize("corpus", list(CORPORA))
def test_a_dask_cluster_gives_the_site_of_one_process(corpus, one_process, cluster, tmp_path):
    assert built(configured(scheduler=cluster.scheduler_address), corpus, tmp_path / "out") == one_process[corpus]
    assert "remote_task" in cluster.scheduler.task_prefixes   # the articles were read there


def test_a_scheduler_out_of_reach_is_one_line(tmp_path, monkeypatch):
    monkeypatch.setattr(readers, "CONNECT_SECONDS", 2)
    cfg = configured(scheduler="tcp://127.0.0.1:9")
    with pytest.raises(readers.ReaderError, match=r"cannot reach the Dask scheduler at tcp://127\.0\.0\.1:9"):
        pipeline.build(cfg, [REPO / "tests" / "data" / "fallback_articles"], tmp_path / "out")
    assert not (tmp_path / "out").exists()


def test_jobs_below_one_is_refused_by_the_config(tmp_path):
    path = tmp_path / "config.yaml"
    path.write_text("jobs: 0\ndistributed:\n  scheduler: tcp://127.0.0.1:8786\n", encoding="utf-8")
    with pytest.raises(config.ConfigError, match="'jobs' must be 1 or more"):
        config.load_config(path)
    path.write_text("distributed:\n  scheduler: tcp://10.0.0.5:8786\njobs: 3\n", encoding="utf-8")
    loaded = config.load_config(path)
    assert (loaded.scheduler, loaded.jobs) == ("tcp://10.0.0.5:8786", 3)


# ---------------------------------------------------------------------- the time budget on workers

def over_budget_readers(jobs: int = 1, scheduler: str | None = None) -> readers.Readers:
    """Readers whose articles each have no time at all (geomap.budget): every one runs over."""
    cfg = configured()
    context = readers.context_of(pipeline.load_gazetteer(cfg), pipeline.extraction_settings(cfg), 2024)
    return readers.Readers(dataclasses.replace(context, article_seconds=0), readers.ReadingCache(None), jobs, scheduler)


def handmade_articles(count: int) -> list:
    from geomap.articles import read_article
    paths = sorted((REPO / "tests" / "data" / "articles").glob("*.txt"))[:count]
    return [read_article(path)[0] for path in paths]


def assert_each_left_out_alone(articles, results) -> None:
    assert len(results) == len(articles)
    for article, (reading, left_out) in zip(articles, results):
        assert reading is None
        assert left_out == [f"{article.name}: took longer than 0 s (geomap.budget); left out"]


def test_an_article_over_its_budget_in_a_worker_process_is_left_out_alone(monkeypatch):
    monkeypatch.setattr(readers, "ARTICLES_PER_WORKER", 1)
    articles = handmade_articles(2)
    with over_budget_readers(jobs=2) as reader:
        assert_each_left_out_alone(articles, reader.read_many(articles))
        assert reader._pool_size == 2          # read in the worker processes, which went on to the next article


def test_an_article_over_its_budget_on_a_dask_worker_thread_is_left_out_alone(cluster):
    articles = handmade_articles(2)
    with over_budget_readers(scheduler=cluster.scheduler_address) as reader:
        assert_each_left_out_alone(articles, reader.read_many(articles))
