"""The files around the code that contributors meet: hook definitions, GitHub workflow and templates."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from tests.helpers import REPO, run


def check_jsonschema() -> list[str]:
    beside_python = Path(sys.executable).parent / "check-jsonschema"
    found = str(beside_python) if beside_python.exists() else shutil.which("check-jsonschema")
    if not found:
        pytest.skip("check-jsonschema is not installed (make test installs it)")
    return [found]


@pytest.mark.parametrize(("schema", "path"), [
    ("vendor.github-workflows", ".github/workflows/site.yml"),
    ("vendor.github-issue-forms", ".github/ISSUE_TEMPLATE/praktijkvoorbeeld.yml"),
    ("vendor.github-issue-config", ".github/ISSUE_TEMPLATE/config.yml"),
])
def test_github_files_are_valid(schema: str, path: str) -> None:
    result = subprocess.run([*check_jsonschema(), "--builtin-schema", schema, path], cwd=REPO, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


def test_workflow_checks_builds_tests_uploads_and_publishes() -> None:
    workflow = yaml.safe_load((REPO / ".github" / "workflows" / "site.yml").read_text(encoding="utf-8"))
    steps = workflow["jobs"]["check-and-build"]["steps"]
    commands = " ".join(step.get("run", "") for step in steps)
    assert "praktijkbank check --strict --format github" in commands
    assert "mkdocs build --strict" in commands and "pytest" in commands
    assert any(step.get("uses", "").startswith("actions/upload-artifact") for step in steps)
    assert workflow["jobs"]["publish"]["if"].endswith("refs/heads/main'")
    assert any(step.get("uses", "").startswith("actions/deploy-pages") for step in workflow["jobs"]["publish"]["steps"])


@pytest.mark.parametrize("hooks_file", [".pre-commit-hooks.yaml", ".pre-commit-config.yaml"])
def test_pre_commit_hook_runs_the_check_on_changed_practices(hooks_file: str, empty_project: Path) -> None:
    document = yaml.safe_load((REPO / hooks_file).read_text(encoding="utf-8"))
    hooks = document if isinstance(document, list) else document["repos"][0]["hooks"]
    hook = next(h for h in hooks if h["id"] == "praktijkbank-check")
    assert re.search(hook["files"], "practices/buurt-in-bloei.md")
    assert not re.search(hook["files"], "docs/index.md")
    assert re.search(hook["exclude"], "practices/README.md") and re.search(hook["exclude"], "practices/_sjabloon.md")
    # pre-commit appends the changed files to the entry; run it as pre-commit would.
    entry = hook["entry"].split()
    assert entry[0] == "praktijkbank"
    broken = empty_project / "practices" / "kapot.md"
    broken.write_text("---\ntitel: x\n---\n", encoding="utf-8")
    result = run([sys.executable, "-m", "praktijkbank", *entry[1:], "practices/kapot.md"], empty_project)
    assert result.returncode == 1 and "practices/kapot.md:2:8: fout: titel: is te kort" in result.stdout


def test_pull_request_template_holds_the_checklist() -> None:
    template = (REPO / ".github" / "pull_request_template.md").read_text(encoding="utf-8")
    for phrase in ("brandende kwestie", "ontwikkelproces", "perspectieven", "waarden", "transformatie",
                   "Succesfactoren én knelpunten", "tips", "persoonsgegevens"):
        assert phrase in template
    assert template.count("- [ ]") >= 10
