"""Docs stay honest: every CLI command, option and front-matter key is in the README."""

from __future__ import annotations

import re

import pytest

from kb_tools.cli import cli
from kb_tools.library import FIELD_NAMES
from kb_tools.settings import Settings
from tests.support.library import REPO

README = (REPO / "README.md").read_text(encoding="utf-8")


@pytest.mark.parametrize("command", sorted(cli.commands))
def test_every_command_is_documented(command: str) -> None:
    assert f"`kb {command}" in README


@pytest.mark.parametrize("key", FIELD_NAMES)
def test_every_front_matter_key_is_documented(key: str) -> None:
    assert re.search(rf"^\| `{key}` \|", README, re.MULTILINE)


@pytest.mark.parametrize("setting", sorted(Settings.model_fields))
def test_every_setting_is_documented(setting: str) -> None:
    assert f"KB_{setting.upper()}" in README


@pytest.mark.parametrize(
    "target",
    [
        "run",
        "edit",
        "test",
        "lint",
        "system-deps",
        "bench-quality",
        "bench-speed",
        "bench-build",
        "screenshots",
    ],
)
def test_make_targets_in_readme_exist(target: str) -> None:
    makefile = (REPO / "Makefile").read_text(encoding="utf-8")
    assert re.search(rf"^{re.escape(target)}:", makefile, re.MULTILINE)
    assert f"make {target}" in README
