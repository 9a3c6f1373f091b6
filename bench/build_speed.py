"""How long `kb build` takes for N synthetic concepts, beside a plain `mkdocs build`.

The plain build renders the same concept Markdown with mkdocs-material and a short nav (what
any MkDocs site of that size costs); `kb build` adds validation, the generated catalogue,
centre and topic pages, JSON-LD, sanitising, material files and ZIPs (every tenth concept has
one) and one PDF per concept. The first build renders every PDF ("kalt"); the timed rebuilds
(`--force`) find them in the PDF cache, as after an edit of a few concepts. Target: rebuild at
most 1.5× plain, linear in N.

    .venv/bin/python bench/build_speed.py                 # N = 100, 1000, 5000
    .venv/bin/python bench/build_speed.py --sizes 100 1000 --repeat 3
"""

from __future__ import annotations

import argparse
import os
import random
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import yaml

from kb_tools.library import SECTIONS

REPO = Path(__file__).resolve().parents[1]
SAMPLE = REPO / "concepts"
BIN = Path(sys.executable).parent
WORDS = [
    "Betrieb",
    "Beschäftigte",
    "Lernen",
    "Praxis",
    "Aufgabe",
    "Qualität",
    "Daten",
    "Prozess",
    "Team",
    "Führung",
    "Werkstatt",
    "Maschine",
    "Kunden",
    "Auftrag",
    "Schicht",
    "Planung",
    "Erfahrung",
    "Übung",
    "Fallbeispiel",
    "Austausch",
    "Transfer",
    "Digitalisierung",
    "Werkzeug",
    "Methode",
    "Gruppe",
    "Rückmeldung",
    "Wissen",
    "Sicherheit",
    "Kennzahl",
    "Ablauf",
]
# The same theme, features, extensions and five-entry nav as mkdocs.yml: only what kb build
# adds on top (validation, generated pages, metadata, JSON-LD, sanitising) makes a difference.
PLAIN_CONFIG = """\
site_name: Plain MkDocs
site_url: http://127.0.0.1:8000/
theme:
  name: material
  language: de
  font: false
  features: [navigation.tabs, navigation.top, search.suggest, search.highlight, content.tooltips]
plugins:
  - search:
      lang: de
markdown_extensions:
  - toc:
      permalink: true
  - tables
nav:
  - Start: index.md
  - Katalog: katalog.md
  - Zentren: zentren.md
  - Themen: themen.md
  - Suche: suche.md
not_in_nav: |
  /konzepte/
"""


def sentence(rng: random.Random, words: int = 14) -> str:
    text = " ".join(rng.choice(WORDS) for _ in range(words))
    return text[0].upper() + text[1:] + "."


def paragraph(rng: random.Random, sentences: int = 4) -> str:
    return " ".join(sentence(rng) for _ in range(sentences))


def make_library(root: Path, count: int, seed: int = 7) -> list[tuple[str, dict, str]]:
    """Write ``count`` valid concepts; returns (id, front matter, body) for the plain build."""
    rng = random.Random(seed)
    taxonomy = yaml.safe_load((SAMPLE / "taxonomy.yml").read_text(encoding="utf-8"))
    centers = list(yaml.safe_load((SAMPLE / "centers.yml").read_text(encoding="utf-8")))
    root.mkdir(parents=True)
    for name in ("centers.yml", "taxonomy.yml"):
        shutil.copy(SAMPLE / name, root / name)
    concepts = []
    for number in range(count):
        concept_id = f"konzept-{number:05d}"
        center = rng.choice(centers)
        meta = {
            "title": f"Konzept {number}: {sentence(rng, 5)[:-1]}",
            "summary": paragraph(rng, 1)[:270],
            "center": center,
            "status": rng.choice(["entwurf", "erprobt", "erprobt", "transferiert"]),
            "topics": rng.sample(list(taxonomy["topics"]), 2),
            "formats": rng.sample(list(taxonomy["formats"]), 1),
            "audience": rng.sample(list(taxonomy["audience"]), 2),
            "license": "CC-BY-4.0",
            "updated": "2025-06-01",
            "duration": "2 Tage",
            "group_size": {"min": 6, "max": 14},
            "keywords": [rng.choice(WORDS) for _ in range(3)],
            "evidence": {"companies": 4, "participants": 30, "since": "2024-09-01"},
        }
        if number and rng.random() < 0.3:
            meta["adapted_from"] = [f"konzept-{rng.randrange(number):05d}"]
        if rng.random() < 0.2:
            meta["transfers"] = [{"center": rng.choice(centers), "date": "2025-03-01"}]
        if number % 10 == 0:
            folder = root / center / concept_id
            folder.mkdir(parents=True)
            (folder / "handout.md").write_text(f"# Handout\n\n{paragraph(rng)}\n", "utf-8")
            meta["materials"] = [{"title": "Handout", "file": "handout.md"}]
        body = "\n".join(
            f"\n## {title}\n\n{paragraph(rng)}\n\n- {sentence(rng, 8)}\n- {sentence(rng, 8)}\n"
            for title in SECTIONS
        )
        front = yaml.safe_dump(meta, allow_unicode=True, sort_keys=False)
        (root / center).mkdir(exist_ok=True)
        (root / center / f"{concept_id}.md").write_text(f"---\n{front}---\n{body}", "utf-8")
        concepts.append((concept_id, meta, body))
    return concepts


def make_plain_site(root: Path, concepts: list[tuple[str, dict, str]]) -> Path:
    """The same concept pages as a plain MkDocs project with a short nav."""
    docs = root / "docs" / "konzepte"
    docs.mkdir(parents=True)
    for name in ("index", "katalog", "zentren", "themen", "suche"):
        (root / "docs" / f"{name}.md").write_text(f"# {name.title()}\n\nText.\n", "utf-8")
    for concept_id, meta, body in concepts:
        (docs / f"{concept_id}.md").write_text(
            f"# {meta['title']}\n\n{meta['summary']}\n{body}", "utf-8"
        )
    config = root / "mkdocs.yml"
    config.write_text(PLAIN_CONFIG, "utf-8")
    return config


def timed(command: list[str], env: dict[str, str], cwd: Path) -> tuple[float, float]:
    """Wall-clock and CPU seconds (user + system) of one run of ``command``."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    result = subprocess.run(command, env=env, cwd=cwd, capture_output=True, text=True)
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if result.returncode != 0:
        raise SystemExit(f"{' '.join(command)} fehlgeschlagen:\n{result.stdout}{result.stderr}")
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu


def bench(size: int, repeat: int, work: Path) -> dict[str, float]:
    """Median wall and CPU seconds of `kb build` and plain `mkdocs build` for ``size`` concepts."""
    root = work / f"n{size}"
    concepts = make_library(root / "concepts", size)
    plain_config = make_plain_site(root / "plain", concepts)
    env = {**os.environ, "KB_BUILD_DIR": str(root / "build"), "NO_MKDOCS_2_WARNING": "1"}
    kb = [str(BIN / "kb"), "build", "--force", "--library", str(root / "concepts")]
    kb += ["--site-dir", str(root / "site")]
    plain = [str(BIN / "mkdocs"), "build", "-q", "-f", str(plain_config)]
    plain += ["-d", str(root / "plain-site")]
    cold_wall, cold_cpu = timed(kb, env, REPO)  # renders every PDF into the cache
    runs: dict[str, list[tuple[float, float]]] = {"kb": [], "plain": []}
    for _ in range(repeat):  # interleaved, so both see the same machine load
        runs["kb"].append(timed(kb, env, REPO))
        runs["plain"].append(timed(plain, env, root / "plain"))
    shutil.rmtree(root)
    figures = {
        f"{name}_{kind}": statistics.median(run[index] for run in values)
        for name, values in runs.items()
        for index, kind in enumerate(("wall", "cpu"))
    }
    return {**figures, "cold_wall": cold_wall, "cold_cpu": cold_cpu}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[100, 1000, 5000])
    parser.add_argument("--repeat", type=int, default=3, help="Läufe je Größe (Median)")
    args = parser.parse_args()
    # CPU time is the steadier figure on a shared machine; wall-clock time is shown beside it.
    print("Sekunden (Median); CPU = Nutzer- + Systemzeit des Build-Prozesses")
    print(
        f"{'N':>6} {'kb CPU':>8} {'mkdocs CPU':>11} {'Verh. CPU':>10} "
        f"{'kb Wand':>8} {'mkdocs Wand':>12} {'Verh. Wand':>11} {'kb CPU/1000':>12} "
        f"{'kalt Wand':>10} {'PDF CPU/1000':>13}"
    )
    with tempfile.TemporaryDirectory(prefix="kb-bench-") as tmp:
        for size in args.sizes:
            repeat = 1 if size >= 5000 else args.repeat
            t = bench(size, repeat, Path(tmp))
            print(
                f"{size:>6} {t['kb_cpu']:>8.1f} {t['plain_cpu']:>11.1f} "
                f"{t['kb_cpu'] / t['plain_cpu']:>9.2f}× {t['kb_wall']:>8.1f} "
                f"{t['plain_wall']:>12.1f} {t['kb_wall'] / t['plain_wall']:>10.2f}× "
                f"{t['kb_cpu'] / size * 1000:>12.1f} {t['cold_wall']:>10.1f} "
                f"{(t['cold_cpu'] - t['kb_cpu']) / size * 1000:>13.1f}",
                flush=True,
            )
    print("kalt: erster Bau mit allen PDFs; PDF CPU/1000: was das Setzen der PDFs je 1000 kostet.")
    print("Ziel: Verhältnis ≤ 1,5× und kb CPU/1000 etwa konstant (linear in N).")


if __name__ == "__main__":
    main()
