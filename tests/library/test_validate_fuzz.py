"""`kb validate` never crashes: mangled copies of a valid file give located messages only."""

from __future__ import annotations

import random
from pathlib import Path

from click.testing import CliRunner

from kb_tools.cli import cli
from tests.support.library import WriteConcept, concept_text

SNIPPETS = [
    b"\t",
    b"\xff\xfe",
    b"\x00",
    b": ",
    b"- ",
    b"[",
    b"{",
    b"---\n",
    b"\r",
    b"&a *a",
    b"!!python/object ",
]


def mangle(data: bytes, rng: random.Random) -> bytes:
    """Cut, duplicate or insert bytes at a few random places."""
    for _ in range(rng.randint(1, 4)):
        at = rng.randrange(len(data) + 1)
        action = rng.choice(("cut", "insert", "duplicate"))
        if action == "cut":
            data = data[:at] + data[at + rng.randint(1, 20) :]
        elif action == "insert":
            data = data[:at] + rng.choice(SNIPPETS) + data[at:]
        else:
            data = data[:at] + data[max(0, at - 30) : at] + data[at:]
    return data


def test_mangled_files_never_raise(library_dir: Path, write_concept: WriteConcept) -> None:
    rng = random.Random(20261123)
    original = concept_text(adapted_from=["anderes"], group_size={"min": 2, "max": 9}).encode()
    write_concept("anderes")
    runner = CliRunner()
    for _ in range(150):
        path = write_concept(text=mangle(original, rng))
        result = runner.invoke(cli, ["validate", "--library", str(library_dir)])
        assert result.exception is None or isinstance(result.exception, SystemExit), (
            path.read_bytes(),
            result.output,
        )
        assert result.exit_code in (0, 1)
        assert "Traceback" not in result.output
