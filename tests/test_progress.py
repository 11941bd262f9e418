"""Progress on long builds: a bar on a terminal's stderr only, and repeated warnings once with a count."""
from __future__ import annotations

import io
import sys

from geomap import progress
from geomap.cli import grouped


def test_a_bar_is_drawn_on_stderr_only_when_turned_on(capsys):
    progress.enable(True)
    try:
        assert list(progress.progress(range(3), "reading")) == [0, 1, 2]
    finally:
        progress.enable(False)
    assert "reading" in capsys.readouterr().err
    assert list(progress.progress(range(3), "reading")) == [0, 1, 2]
    assert capsys.readouterr().err == ""


def test_bars_are_wanted_on_a_terminal_unless_quiet(monkeypatch):
    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True
    monkeypatch.setattr(sys, "stderr", Terminal())
    assert progress.wanted(quiet=False) is True
    assert progress.wanted(quiet=True) is False
    monkeypatch.setattr(sys, "stderr", io.StringIO())          # a pipe, a CI log
    assert progress.wanted(quiet=False) is False


def test_identical_warnings_are_printed_once_with_their_count():
    lines = ["a.txt: no date"] + ["geocoder: offline"] * 20 + ["b.txt: no date", "a.txt: no date"]
    assert grouped(lines) == ["a.txt: no date (x2)", "geocoder: offline (x20)", "b.txt: no date"]
