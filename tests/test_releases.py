"""Following Claude Code's releases: which one is installed, and whose rules apply to it."""

from __future__ import annotations

import json
import os
import time
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from ccprofile.claude.catalog import load, recorded_releases
from ccprofile.claude.releases import find_claude, pick_rules
from ccprofile.cli.app import app
from tests.conftest import fake_claude
from tests.helpers import DEBIAN_PROFILE

runner = CliRunner()
OLDEST, NEWEST = recorded_releases()[0], recorded_releases()[-1]


def _never_run(path: Path, version: str) -> None:
    """A binary that leaves a mark if anyone runs it: the layouts below must not need to."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(f"#!/bin/sh\ntouch '{path}.ran'\necho '{version} (Claude Code)'\n")
    path.chmod(0o755)


def test_npm_prefix_layout_is_read_from_package_json(tmp_path: Path) -> None:
    link = fake_claude(tmp_path, "2.1.350")
    found = find_claude({"PATH": str(link.parent)})
    assert (found.version, found.path, found.problem) == ("2.1.350", str(link), None)


def test_npm_global_layout_through_a_bin_symlink(tmp_path: Path) -> None:
    package = tmp_path / "lib" / "node_modules" / "@anthropic-ai" / "claude-code"
    _never_run(package / "bin" / "claude.exe", "9.9.9")
    (package / "package.json").write_text(
        json.dumps({"name": "@anthropic-ai/claude-code", "version": "2.1.351"})
    )
    (tmp_path / "bin").mkdir()
    (tmp_path / "bin" / "claude").symlink_to(package / "bin" / "claude.exe")
    assert find_claude({"PATH": str(tmp_path / "bin")}).version == "2.1.351"
    assert not (package / "bin" / "claude.exe.ran").exists()


def test_native_installer_layout_is_read_from_the_versions_directory(tmp_path: Path) -> None:
    binary = tmp_path / ".local" / "share" / "claude" / "versions" / "2.1.352"
    _never_run(binary, "9.9.9")
    (tmp_path / ".local" / "bin").mkdir(parents=True)
    (tmp_path / ".local" / "bin" / "claude").symlink_to(binary)
    assert find_claude({"PATH": str(tmp_path / ".local" / "bin")}).version == "2.1.352"
    assert not Path(f"{binary}.ran").exists()


def test_a_bare_binary_is_asked_for_its_version(tmp_path: Path) -> None:
    _never_run(tmp_path / "claude", "2.1.353")
    found = find_claude({"CCPROFILE_CLAUDE": str(tmp_path / "claude")})
    assert found.version == "2.1.353" and Path(f"{tmp_path / 'claude'}.ran").exists()


def test_none_found(tmp_path: Path) -> None:
    found = find_claude({"PATH": str(tmp_path)})
    assert (found.version, found.path, found.problem) == (None, None, "no `claude` on PATH")


def test_a_broken_symlink(tmp_path: Path) -> None:
    (tmp_path / "claude").symlink_to(tmp_path / "gone")
    found = find_claude({"PATH": str(tmp_path)})
    assert found.version is None and found.problem == f"{tmp_path / 'claude'}: it is a link to nothing"


def test_a_claude_that_hangs_is_given_one_second(tmp_path: Path) -> None:
    hanging = tmp_path / "claude"
    hanging.write_text("#!/bin/sh\nsleep 30\n")
    hanging.chmod(0o755)
    started = time.monotonic()
    found = find_claude({"CCPROFILE_CLAUDE": str(hanging)})
    assert time.monotonic() - started < 5
    assert found.version is None and found.problem == f"`{hanging} --version` did not answer within 1 s"


RECORDED = ("2.1.331", "2.1.332", "2.1.340")


@pytest.mark.parametrize(
    ("installed", "rules", "note"),
    [
        pytest.param("2.1.332", "2.1.332", None, id="recorded"),
        pytest.param("2.1.400", "2.1.340", "is newer than 2.1.340", id="newer"),
        pytest.param("2.0.10", "2.1.331", "is older than 2.1.331", id="older"),
        pytest.param("2.1.335", "2.1.332", "was not measured; the rules are those of 2.1.332", id="between"),
        pytest.param("2.1.99", "2.1.331", "is older than 2.1.331", id="numeric-not-text-order"),
        pytest.param(
            None, "2.1.340", "version is unknown (no claude); the rules are those of 2.1.340", id="missing"
        ),
    ],
)
def test_rule_selection(installed: str | None, rules: str, note: str | None) -> None:
    picked = pick_rules(installed, RECORDED, "no claude")
    assert picked.version == rules
    assert (picked.note is None) if note is None else (picked.note is not None and note in picked.note)


def _status(*args: str, env: dict[str, str] | None = None) -> tuple[int, dict[str, Any]]:
    result = runner.invoke(app, ["status", "--json", "--shell", "bash", *args], env=env)
    assert result.exit_code in (0, 1), result.output
    return result.exit_code, json.loads(result.output)


def test_status_names_the_installed_release_and_its_rules(installed_claude: Path) -> None:
    _, report = _status()
    assert report["claude_code"] == {"version": NEWEST, "path": str(installed_claude), "rules": NEWEST}


def test_status_applies_the_installed_releases_defaults(tmp_path: Path) -> None:
    vertex = {"CLAUDE_CODE_USE_VERTEX": "1"}
    session = {"CCPROFILE_CLAUDE": str(fake_claude(tmp_path / "old", OLDEST))}
    _, old = _status(env={**vertex, **session})
    _, new = _status(env=vertex)
    _, asked = _status("--claude-version", OLDEST, env=vertex)
    assert old["background"]["model"] == load(OLDEST).default_background["vertex"]
    assert new["background"]["model"] == load(NEWEST).default_background["vertex"]
    assert asked["background"]["model"] == old["background"]["model"]
    assert asked["claude_code"] == {"version": OLDEST, "path": None, "rules": OLDEST}


def test_a_newer_release_is_a_note_not_a_warning(tmp_path: Path, home: Path) -> None:
    newer = fake_claude(tmp_path / "newer", "9.0.0")
    # Debian's own ~/.profile, so that a login bash reads ~/.bashrc too.
    (home / ".profile").write_text(DEBIAN_PROFILE)
    runner.invoke(app, ["set-fast-model", "claude-haiku-4-5-20251001", "--shell", "bash"])
    loaded = {
        "ANTHROPIC_SMALL_FAST_MODEL": "claude-haiku-4-5-20251001",
        "ANTHROPIC_DEFAULT_HAIKU_MODEL": "claude-haiku-4-5-20251001",
    }
    code, report = _status("--check", env={"CCPROFILE_CLAUDE": str(newer), **loaded})
    assert code == 0 and report["warnings"] == []
    assert report["claude_code"]["rules"] == NEWEST
    assert any("Claude Code 9.0.0 is newer than" in note for note in report["notes"])


def test_an_unrecorded_claude_version_is_refused_in_one_line() -> None:
    result = runner.invoke(app, ["status", "--claude-version", "1.0.0"])
    assert result.exit_code == 2
    assert result.output == (
        f"ccprofile: error: no rules are recorded for Claude Code 1.0.0: choose one of "
        f"{', '.join(recorded_releases())}\n"
    )


def test_status_stays_static_with_claude_installed(installed_claude: Path) -> None:
    """The npm layout gives the version without running claude (status is a hot path)."""
    real = Path(os.path.realpath(installed_claude))
    _never_run(real, NEWEST)
    _, report = _status()
    assert report["claude_code"]["version"] == NEWEST
    assert not Path(f"{real}.ran").exists()
