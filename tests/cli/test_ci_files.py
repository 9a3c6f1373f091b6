"""The pre-commit hook and the sample workflow for library repositories call real `kb` commands."""

from __future__ import annotations

from typing import Any

import yaml

from kb_tools.cli import cli
from tests.support.library import REPO


def load(name: str) -> Any:
    return yaml.safe_load((REPO / name).read_text(encoding="utf-8"))


def test_pre_commit_hook_runs_kb_validate_on_the_whole_library() -> None:
    [hook] = load(".pre-commit-hooks.yaml")
    assert hook["id"] == "kb-validate"
    assert hook["entry"] == "kb validate"
    assert hook["language"] == "python"
    assert hook["pass_filenames"] is False


def test_workflow_annotates_pull_requests() -> None:
    workflow = load("docs/workflows/validate-library.yml")
    assert "pull_request" in workflow[True]  # YAML 1.1 reads the key `on` as True
    runs = [step.get("run", "") for step in workflow["jobs"]["validate"]["steps"]]
    assert any("kb validate" in run and "--format github" in run for run in runs)


def test_workflow_builds_indexes_and_publishes_main() -> None:
    publish = load("docs/workflows/validate-library.yml")["jobs"]["publish"]
    assert "refs/heads/main" in publish["if"]
    steps = publish["steps"]
    runs = "\n".join(step.get("run", "") for step in steps)
    assert "kb build" in runs and "kb index" in runs
    uses = [step.get("uses", "").split("@")[0] for step in steps]
    assert {"actions/upload-pages-artifact", "actions/deploy-pages"} <= set(uses)


def test_commands_the_files_call_exist() -> None:
    assert {"validate", "build", "index"} <= set(cli.commands)
    assert "output_format" in {p.name for p in cli.commands["validate"].params}
