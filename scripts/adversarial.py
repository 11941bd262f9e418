#!/usr/bin/env python3
"""Time geomap on hostile articles: the inputs that made passes quadratic or crashed the build.

    python3 scripts/adversarial.py [--size 100000] [--case dots ...] [--timeout 600]

Each case is one generated article of about `--size` characters (100 KB to 2 MB is the range
that matters: the reader keeps the first 2 MB of a file) built beside one ordinary article,
with the bundled config. For each case it prints the wall time of the whole build, whether
the hostile article was skipped (and why, from the build log) and whether the ordinary one
still gave its event. A build over `--timeout` seconds is stopped and reported as HUNG.
Numbers depend on the machine: compare runs on one machine.

Cases: long runs of dots, exclamation marks and abbreviations after a sentence; a people
count followed by a long run of numbers; many place names in one sentence; a long list of
dates; one sentence with no full stop; a text with no line breaks and a cookie word; an alias
bomb in the front matter; a lone surrogate in the front matter.
"""
from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

HEAD = "Les forces du régime ont repris lundi le quartier de Cheikh Saïd, dans le sud d'Alep"
ORDINARY = """---
title: Ordinaire
published: 2016-12-12
---
Les forces du régime ont repris lundi le quartier de Cheikh Saïd, dans le sud d'Alep, selon l'Observatoire.
"""
FRONT = "---\ntitle: Hostile\npublished: 2016-12-12\n---\n"


def repeat(unit: str, size: int) -> str:
    return unit * max(1, size // len(unit))


CASES = {
    "dots": lambda n: FRONT + HEAD + repeat(".", n) + "\n",
    "exclamations": lambda n: FRONT + HEAD + repeat("!", n) + "\n",
    "dots-spaced": lambda n: FRONT + HEAD + repeat(". ", n) + "\n",
    "abbreviations": lambda n: FRONT + HEAD + ". " + repeat("M. ", n) + "\n",
    "numbers": lambda n: FRONT + "Plus de " + repeat("1 000 ", n) + "civils ont été évacués d'Alep vers Idlib.\n",
    "digits": lambda n: FRONT + "Plus de " + repeat("1", n) + " civils ont été évacués d'Alep vers Idlib.\n",
    "places": lambda n: FRONT + "Les rebelles ont quitté " + repeat("Alep, Cheikh Saïd, Ramoussa, Idlib, ", n) + "lundi.\n",
    "dates": lambda n: FRONT + "Les combats ont eu lieu " + repeat("le 12 décembre, le 13 décembre 2016, ", n) + "à Alep.\n",
    "one-sentence": lambda n: FRONT + HEAD + repeat(" et les combats continuent", n) + ".\n",
    "no-line-breaks": lambda n: FRONT + repeat(HEAD + ". ", n // 2) + "Acceptez les cookies. " + repeat(HEAD + ". ", n // 2),
    "alias-bomb": lambda n: ("---\na: &a [x,x,x,x,x,x,x,x,x]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]\n"
                             "c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]\nd: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]\n"
                             "e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]\nf: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]\n"
                             "g: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f]\ntitle: *g\n---\n" + HEAD + ".\n"),
    "surrogate": lambda n: '---\ntitle: "A \\ud800 title"\npublished: 2016-12-12\n---\n' + HEAD + ".\n",
}


def run_case(name: str, size: int, timeout: float) -> str:
    with tempfile.TemporaryDirectory(prefix="geomap-adversarial-") as tmp:
        articles = Path(tmp) / "articles"
        articles.mkdir()
        (articles / "ordinary.txt").write_text(ORDINARY, encoding="utf-8")
        (articles / f"hostile-{name}.txt").write_text(CASES[name](size), encoding="utf-8", errors="surrogatepass")
        out = Path(tmp) / "out"
        started = time.perf_counter()
        try:
            done = subprocess.run([sys.executable, "-m", "geomap.cli", "build", "--config", str(ROOT / "config.yaml"),
                                   "--articles", str(articles), "--out", str(out)],
                                  cwd=ROOT, capture_output=True, text=True, timeout=timeout)
        except subprocess.TimeoutExpired:
            return f"{name:15} {size:>9,} chars  HUNG (over {timeout:.0f} s)"
        seconds = time.perf_counter() - started
        skipped = [line for line in done.stderr.splitlines() if line.startswith("skipped:") and "hostile" in line]
        ordinary = out.joinpath("events.csv").exists() and "ordinary.txt" in out.joinpath("events.csv").read_text()
        status = f"exit {done.returncode}" + ("" if done.returncode == 0 else f" ({done.stderr.strip()[-160:]})")
        return (f"{name:15} {size:>9,} chars  {seconds:7.1f} s  {status}; ordinary article's event "
                f"{'kept' if ordinary else 'LOST'}" + (f"; {skipped[0][:140]}" if skipped else ""))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, default=100_000, help="characters of each hostile article")
    parser.add_argument("--case", action="append", choices=sorted(CASES), help="run only these cases")
    parser.add_argument("--timeout", type=float, default=600, help="seconds before a build counts as hung")
    args = parser.parse_args()
    for name in args.case or CASES:
        print(run_case(name, args.size, args.timeout), flush=True)


if __name__ == "__main__":
    main()
