"""Teams: a committed project pin that every clone can check in CI, enforce, and remove.

Each test is a situation a team meets: the lead's repository, a teammate's clone (a second
home, without the lead's record), a CI job without $SHELL or a terminal, a start in a
subdirectory, and the hook pre-commit runs.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import ccprofile_command, require_program

HAIKU_45 = "claude-haiku-4-5-20251001"
SONNET_45 = "claude-sonnet-4-5-20250929"
OPUS_45 = "claude-opus-4-5-20251101"
FAST = "ANTHROPIC_SMALL_FAST_MODEL"
HAIKU = "ANTHROPIC_DEFAULT_HAIKU_MODEL"
ROOT = Path(__file__).resolve().parents[1]


def ccprofile(
    args: list[str], cwd: Path, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    """The installed ccprofile, run in ``cwd`` as a CI job would: no terminal, no input."""
    return subprocess.run(
        [*ccprofile_command(), *args],
        cwd=cwd,
        env=env if env is not None else dict(os.environ),
        capture_output=True,
        text=True,
        stdin=subprocess.DEVNULL,
        timeout=60,
        check=False,
    )


def without_shell() -> dict[str, str]:
    env = dict(os.environ, CI="true")
    env.pop("SHELL", None)
    return env


def repository(root: Path, settings: dict[str, object] | None = None, expect: str | None = None) -> Path:
    """A git repository with a project settings file and a .ccprofile.toml, as a lead commits them."""
    root.mkdir(parents=True)
    (root / ".git").mkdir()  # what status looks for; no git process is needed for it
    if settings is not None:
        (root / ".claude").mkdir()
        (root / ".claude" / "settings.json").write_text(json.dumps(settings, indent=2) + "\n")
    if expect is not None:
        (root / ".ccprofile.toml").write_text(expect)
    return root


PINNED = {"env": {FAST: HAIKU_45, HAIKU: HAIKU_45}}
EXPECT = f'# Checked by `ccprofile status --check`.\nfast-model = "{HAIKU_45}"\nscope = "project"\n'


def warnings_of(result: subprocess.CompletedProcess[str]) -> list[dict[str, str]]:
    report = json.loads(result.stdout)
    return list(report["warnings"])


# --- No shell needed ------------------------------------------------------------------


def test_status_runs_without_a_shell_and_says_why_the_new_terminal_column_is_empty(home: Path) -> None:
    project = repository(home / "repo", PINNED, EXPECT)
    result = ccprofile(["status", "--check", "--json"], project, without_shell())
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    assert report["shell"] == {
        "name": None,
        "startup_file": None,
        "reason": "could not detect your shell and $SHELL is not set",
        "new_terminal_start": None,
        "certain": None,
        "unseen": [],
    }
    assert report["background"]["model"] == HAIKU_45
    assert report["background"]["new_shell"] is None and report["primary"]["new_shell"] is None
    assert report["expectations"] == {
        "file": str(project / ".ccprofile.toml"),
        "background": HAIKU_45,
        "primary": None,
        "scope": "project",
        "met": True,
    }
    table = ccprofile(["status"], project, dict(without_shell(), COLUMNS="200"))
    assert table.returncode == 0, table.stderr
    assert "Shell: none" in table.stdout and "not known" in table.stdout
    assert "no shell: pass --shell NAME" in table.stdout
    layers = ccprofile(["status", "--verbose"], project, dict(without_shell(), COLUMNS="200"))
    assert layers.returncode == 0, layers.stderr
    # Without a shell there is neither "this shell" nor a new terminal to speak of.
    assert "this shell" not in layers.stdout and "new terminal:" not in layers.stdout
    assert "  claude started from this environment (no shell, so no new terminal):" in layers.stdout


def test_a_settings_pin_needs_no_shell_either(home: Path) -> None:
    project = repository(home / "repo")
    result = ccprofile(["set-fast-model", HAIKU_45, "--scope", "project"], project, without_shell())
    assert result.returncode == 0, result.stderr
    written = json.loads((project / ".claude" / "settings.json").read_text())
    assert written == PINNED


# --- A check that enforces --------------------------------------------------------------


@pytest.mark.parametrize(
    ("settings", "model", "layer"),
    [
        pytest.param({}, "claude-haiku-5-5", "nothing pins it", id="pin-removed"),
        pytest.param(
            {"env": {FAST: OPUS_45}},
            OPUS_45,
            "env.ANTHROPIC_SMALL_FAST_MODEL in {project}",
            id="pin-replaced",
        ),
    ],
)
def test_check_fails_when_the_team_pin_drifts(
    home: Path, settings: dict[str, object], model: str, layer: str
) -> None:
    project = repository(home / "repo", settings, EXPECT)
    result = ccprofile(["status", "--check", "--json"], project)
    assert result.returncode == 1, result.stdout
    drifts = [w["message"] for w in warnings_of(result) if w["code"] == "drift"]
    assert len(drifts) == 1, drifts
    assert f"Expected the background model {HAIKU_45} ({project}/.ccprofile.toml:2)" in drifts[0]
    assert f"uses {model}" in drifts[0]
    assert layer.format(project=project / ".claude" / "settings.json") in drifts[0]
    assert json.loads(result.stdout)["expectations"]["met"] is False


def test_the_flags_state_expectations_without_a_file_and_win_over_it(home: Path) -> None:
    project = repository(home / "repo", PINNED, EXPECT.replace(HAIKU_45, SONNET_45))
    assert ccprofile(["status", "--check"], project).returncode == 1
    flagged = ccprofile(["status", "--check", "--expect-fast-model", "haiku-4.5"], project)
    assert flagged.returncode == 0, flagged.stdout  # a friendly name is made exact
    model = ccprofile(["status", "--check", "--json", "--expect-model", SONNET_45], project)
    assert model.returncode == 1
    drifts = [w["message"] for w in warnings_of(model) if w["code"] == "drift"]
    assert any(d.startswith(f"Expected the primary model {SONNET_45} (--expect-model)") for d in drifts)


def test_the_right_model_from_the_wrong_place_is_a_drift_when_a_scope_is_expected(home: Path) -> None:
    project = repository(home / "repo", {}, EXPECT)
    user = home / ".claude" / "settings.json"
    user.parent.mkdir()
    user.write_text(json.dumps({"env": {FAST: HAIKU_45}}))
    result = ccprofile(["status", "--check", "--json"], project)
    assert result.returncode == 1
    [drift] = [w["message"] for w in warnings_of(result) if w["code"] == "drift"]
    assert f"Expected the background model from project settings ({project}/.ccprofile.toml:3)" in drift
    assert f"env.ANTHROPIC_SMALL_FAST_MODEL in {user}" in drift
    # Expecting the user's scope, the same model from the user's file meets the expectation.
    assert ccprofile(["status", "--check", "--expect-scope", "user"], project).returncode == 0


def test_a_managed_pin_that_beats_ccprofiles_project_pin_is_a_warning(home: Path, tmp_path: Path) -> None:
    project = repository(home / "repo")
    assert ccprofile(["set-fast-model", HAIKU_45, "--scope", "project"], project).returncode == 0
    managed = tmp_path / "managed"
    managed.mkdir()
    (managed / "managed-settings.json").write_text(json.dumps({"env": {FAST: SONNET_45}}))
    result = ccprofile(["status", "--check", "--json"], project)
    assert result.returncode == 1
    [beaten] = [w["message"] for w in warnings_of(result) if w["code"] == "settings-pin-beaten"]
    assert f"env.{FAST}={HAIKU_45} in {project}/.claude/settings.json (ccprofile's, scope project)" in beaten
    assert f"env.{FAST} in {managed}/managed-settings.json sets '{SONNET_45}'" in beaten


@pytest.mark.parametrize(
    ("text", "line", "says"),
    [
        pytest.param('fast-model = "x"\nscop = "project"\n', 2, "unknown key 'scop'", id="unknown-key"),
        pytest.param("fast-model: haiku\n", 1, 'expected key = "value"', id="not-key-value"),
        pytest.param('model = "a"\nmodel = "b"\n', 2, "model is given twice", id="twice"),
        pytest.param('scope = "team"\n', 1, "unknown scope 'team'", id="unknown-scope"),
        pytest.param(
            'fast-model = "us.anthropic.claude-haiku-4-5-20251001-v1:0"\n',
            1,
            "is Haiku 4.5's ID on bedrock, not on anthropic",
            id="other-providers-id",
        ),
        pytest.param(
            'fast-model = "claude-haiku-4-5-2025101"\n',
            1,
            "did you mean claude-haiku-4-5-20251001?",
            id="typo",
        ),
    ],
)
def test_a_bad_expectations_file_is_one_line_with_file_and_line_and_exit_3(
    home: Path, text: str, line: int, says: str
) -> None:
    project = repository(home / "repo", PINNED, text)
    result = ccprofile(["status", "--check", "--json"], project, without_shell())
    assert result.returncode == 3
    [message] = result.stderr.splitlines()
    assert message.startswith(f"ccprofile: error: {project}/.ccprofile.toml:{line}: ")
    assert says in message
    document = json.loads(result.stdout)  # --json always prints a document
    assert document["exit_code"] == 3 and says in document["error"]
    # Only a check reads the expectations: a plain report and a write still work.
    assert ccprofile(["status"], project, without_shell()).returncode == 0
    assert ccprofile(["set-fast-model", HAIKU_45, "--scope", "local"], project).returncode == 0


def test_a_home_kept_in_git_is_no_project(home: Path) -> None:
    (home / ".git").mkdir()
    project = home / "proj"
    project.mkdir()
    user = home / ".claude" / "settings.json"
    user.parent.mkdir()
    user.write_text(json.dumps(PINNED))
    result = ccprofile(["status", "--check", "--json"], project)
    assert result.returncode == 0, warnings_of(result)
    assert json.loads(result.stdout)["project"]["repository_root"] is None
    assert ccprofile(["set-model", SONNET_45, "--scope", "project"], project).returncode == 0
    assert json.loads((project / ".claude" / "settings.json").read_text()) == {"model": SONNET_45}
    assert json.loads(user.read_text()) == PINNED


def test_unset_without_a_record_takes_nothing_from_a_personal_scope(home: Path) -> None:
    user = home / ".claude" / "settings.json"
    user.parent.mkdir()
    user.write_text(json.dumps({"model": SONNET_45}))  # Claude Code's /model wrote it
    assert ccprofile(["unset-model", "--scope", "user"], home).returncode == 0
    assert json.loads(user.read_text()) == {"model": SONNET_45}


def test_usage_errors_stay_2_and_status_that_cannot_run_is_3(home: Path) -> None:
    project = repository(home / "repo")
    assert ccprofile(["status", "--check", "--bogus"], project).returncode == 2
    usage = ccprofile(["status", "--check", "--json", "--bogus"], project)
    assert usage.returncode == 2 and json.loads(usage.stdout)["exit_code"] == 2  # a document still
    assert ccprofile(["status", "--check", "--expect-scope", "team"], project).returncode == 3
    unreadable = dict(os.environ, HOME="relative/home")
    assert ccprofile(["status", "--check"], project, unreadable).returncode == 3


# --- Any clone can remove a team pin ------------------------------------------------------


@pytest.mark.parametrize("command", [["unset-fast-model"], ["uninstall"]])
def test_a_clone_without_the_record_removes_the_team_pin_and_keeps_the_rest(
    home: Path, command: list[str]
) -> None:
    team = {
        "model": SONNET_45,
        "permissions": {"allow": ["Bash(ls)"]},
        "env": {FAST: HAIKU_45, HAIKU: HAIKU_45, "X": "1"},
    }
    project = repository(home / "clone", team)
    result = ccprofile([*command, "--scope", "project"], project)
    assert result.returncode == 0, result.stderr
    left = json.loads((project / ".claude" / "settings.json").read_text())
    assert left == {"model": SONNET_45, "permissions": {"allow": ["Bash(ls)"]}, "env": {"X": "1"}}
    said = " ".join(result.stdout.split())
    assert "no record of pinning env.ANTHROPIC_SMALL_FAST_MODEL, env.ANTHROPIC_DEFAULT_HAIKU_MODEL" in said
    assert "removed only those keys, and everything else stays as it is" in said
    if command == ["uninstall"]:
        assert "left model in ~/clone/.claude/settings.json" in said
        again = " ".join(ccprofile(["uninstall", "--scope", "project"], project).stdout.split())
        assert "`ccprofile unset-model --scope project` takes it out" in again
    # The model key is the team's or Claude Code's /model's as much as ccprofile's: unset-model takes it.
    assert ccprofile(["unset-model", "--scope", "project"], project).returncode == 0
    assert "model" not in json.loads((project / ".claude" / "settings.json").read_text())


@pytest.mark.parametrize("pins", [["set-model", OPUS_45], ["set-fast-model", HAIKU_45]])
def test_uninstall_names_no_model_key_it_knows_held_that_value_before_its_pin(
    home: Path, pins: list[str]
) -> None:
    """The team's `model` key, put back (or never touched) by this machine's uninstall, is the
    team's: "cannot tell whether it wrote it" was untrue, and the `unset-model` it offered
    deleted the team's setting."""
    project = repository(home / "clone", {"model": "haiku"})
    before = (project / ".claude" / "settings.json").read_bytes()
    assert ccprofile([*pins, "--scope", "project", "--no-verify"], project).returncode == 0
    result = ccprofile(["uninstall", "--scope", "project"], project)
    assert result.returncode == 0, result.stderr
    assert (project / ".claude" / "settings.json").read_bytes() == before
    said = " ".join(result.stdout.split())
    assert "left model" not in said and "unset-model" not in said


def test_unset_model_takes_the_teams_model_key_out_also_after_this_machine_pinned_there(home: Path) -> None:
    """This machine's record of its own pins in the file once made every other key the user's,
    so unset-model left the team's `model` key and said there was no primary-model pin."""
    project = repository(home / "clone", {"model": SONNET_45})
    assert (
        ccprofile(["set-fast-model", HAIKU_45, "--scope", "project", "--no-verify"], project).returncode == 0
    )
    result = ccprofile(["unset-model", "--scope", "project"], project)
    assert result.returncode == 0, result.stderr
    assert "no record of pinning model" in " ".join(result.stdout.split())
    left = json.loads((project / ".claude" / "settings.json").read_text())
    assert left == {"env": {FAST: HAIKU_45, HAIKU: HAIKU_45}}
    # Undoing the rest of what ccprofile did here does not put the removed key back.
    assert ccprofile(["unset-fast-model", "--scope", "project"], project).returncode == 0
    assert json.loads((project / ".claude" / "settings.json").read_text()) == {}


def test_a_dry_run_on_a_clone_says_what_it_would_remove_and_writes_nothing(home: Path) -> None:
    project = repository(home / "clone", PINNED)
    before = (project / ".claude" / "settings.json").read_bytes()
    result = ccprofile(["uninstall", "--scope", "project", "--dry-run"], project)
    assert result.returncode == 0, result.stderr
    assert "would remove only those keys" in " ".join(result.stdout.split())
    assert (project / ".claude" / "settings.json").read_bytes() == before


def test_uninstall_of_a_personal_scope_without_a_record_takes_nothing(home: Path) -> None:
    user = home / ".claude" / "settings.json"
    user.parent.mkdir()
    user.write_text(json.dumps(PINNED))
    result = ccprofile(["uninstall", "--scope", "user"], home)
    assert result.returncode == 0, result.stderr
    assert json.loads(user.read_text()) == PINNED  # not ccprofile's, as far as this machine knows


# --- Project scope follows the repository ---------------------------------------------------


def test_scope_project_from_a_subdirectory_writes_at_the_root_and_says_claude_there_does_not_read_it(
    home: Path,
) -> None:
    project = repository(home / "repo")
    src = project / "src"
    src.mkdir()
    result = ccprofile(["set-fast-model", HAIKU_45, "--scope", "project"], src)
    assert result.returncode == 0, result.stderr
    assert json.loads((project / ".claude" / "settings.json").read_text()) == PINNED
    assert not (src / ".claude").exists()
    said = " ".join(result.stdout.split())
    assert "you are in ~/repo/src: the file is at the repository root, ~/repo." in said
    assert "A claude started in ~/repo/src does not read it" in said
    status = ccprofile(["status", "--json"], src)
    report = json.loads(status.stdout)
    assert report["background"]["source"] != "project-settings"
    assert report["project"] == {"directory": str(src), "repository_root": str(project)}
    [unread] = [w["message"] for w in report["warnings"] if w["code"] == "project-settings-not-read"]
    assert f"{project}/.claude/settings.json pins env.{FAST}" in unread
    assert f"Fix: start claude in {project}." in unread
    # --project names another place, and is taken as given.
    here = ccprofile(["set-fast-model", HAIKU_45, "--scope", "project", "--project", "."], src)
    assert here.returncode == 0 and (src / ".claude" / "settings.json").is_file()


def test_scope_local_from_a_subdirectory_writes_the_root_file_claude_reads_there(home: Path) -> None:
    project = repository(home / "repo")
    deep = project / "src" / "lib"
    deep.mkdir(parents=True)
    result = ccprofile(["set-fast-model", HAIKU_45, "--scope", "local"], deep)
    assert result.returncode == 0, result.stderr
    assert (project / ".claude" / "settings.local.json").is_file()
    report = json.loads(ccprofile(["status", "--json"], deep).stdout)
    assert report["background"]["model"] == HAIKU_45
    assert report["background"]["file"] == str(project / ".claude" / "settings.local.json")
    assert report["background"]["ccprofile_scope"] == "local"


# --- Integrations --------------------------------------------------------------------------


def _git(args: list[str], cwd: Path) -> None:
    subprocess.run(
        ["git", "-c", "user.name=Lead", "-c", "user.email=lead@example.com", *args],
        cwd=cwd,
        check=True,
        capture_output=True,
    )


def test_the_pre_commit_hook_passes_on_the_team_pin_and_fails_on_drift(home: Path, tmp_path: Path) -> None:
    """pre-commit itself installs this repository as a hook and runs it in a scratch repository."""
    require_program("git")
    project = tmp_path / "scratch"
    project.mkdir()
    _git(["init", "-q"], project)
    (project / ".claude").mkdir()
    (project / ".claude" / "settings.json").write_text(json.dumps(PINNED))
    (project / ".ccprofile.toml").write_text(EXPECT)
    _git(["add", "-A"], project)
    _git(["commit", "-qm", "Pin Claude Code's background model"], project)
    env = dict(os.environ, PRE_COMMIT_HOME=str(tmp_path / "pre-commit-cache"))
    pre_commit = [
        str(Path(os.sys.executable).parent / "pre-commit"),
        "try-repo",
        str(ROOT),
        "ccprofile-check",
    ]

    def run_hook() -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [*pre_commit, "--all-files"], cwd=project, env=env, capture_output=True, text=True, timeout=600
        )

    passed = run_hook()
    assert passed.returncode == 0, passed.stdout + passed.stderr
    assert "Passed" in passed.stdout
    (project / ".claude" / "settings.json").write_text(json.dumps({"env": {FAST: OPUS_45}}))
    failed = run_hook()
    assert failed.returncode == 1, failed.stdout + failed.stderr
    assert "warning drift: Expected the background model" in " ".join(failed.stdout.split())


def _workflow_commands() -> list[str]:
    text = (ROOT / "docs" / "scopes.md").read_text().split("```yaml\n", 1)[1].split("```", 1)[0]
    return [
        line.split("run:", 1)[1].strip() for line in text.splitlines() if line.strip().startswith("- run:")
    ]


def test_the_github_actions_step_in_the_docs_passes_on_the_pin_and_fails_on_drift(home: Path) -> None:
    commands = _workflow_commands()
    installs = [c for c in commands if "pip install" in c]
    checks = [c for c in commands if c not in installs]
    assert len(installs) == 1 and checks == ["ccprofile status --check"]
    # A runner: no $SHELL of a login, no terminal, CI and GITHUB_ACTIONS set.
    env = dict(
        without_shell(), GITHUB_ACTIONS="true", PATH=f"{Path(ccprofile_command()[0]).parent}:{os.defpath}"
    )
    project = repository(home / "repo", PINNED, EXPECT)
    for command in checks:
        ok = subprocess.run(
            ["bash", "-c", command], cwd=project, env=env, capture_output=True, text=True, timeout=60
        )
        assert ok.returncode == 0, ok.stdout + ok.stderr
    (project / ".claude" / "settings.json").write_text("{}\n")
    drift = subprocess.run(
        ["bash", "-c", checks[0]], cwd=project, env=env, capture_output=True, text=True, timeout=60
    )
    assert drift.returncode == 1 and "drift" in drift.stdout


# --- The team walk-through in docs/scopes.md ----------------------------------------------------

_PROMPT = re.compile(r"^(lead|mate):(~[^$]*)\$ (.*)$")


def team_walkthrough() -> list[tuple[str, str, list[str]]]:
    """(person, command, output lines) for each ``person:dir$ command`` of the walk-through."""
    text = (ROOT / "docs" / "scopes.md").read_text().split("## A team walk-through", 1)[1]
    steps: list[tuple[str, str, list[str]]] = []
    for block in text.split("```console\n")[1:]:
        for line in block.split("```", 1)[0].splitlines():
            match = _PROMPT.match(line)
            if match:
                steps.append((match.group(1), match.group(3), []))
            else:
                steps[-1][2].append(line)
    return steps


def _comparable(lines: list[str]) -> list[str]:
    return [_BACKUP_TIME.sub("TIME", line.rstrip()) for line in lines if line.strip()]


_BACKUP_TIME = re.compile(r"\d{4}-\d\d-\d\dT\d\d-\d\d-\d\dZ(-\d\d)?")


@pytest.mark.real_shell
def test_the_team_walkthrough_in_scopes_md_is_what_each_terminal_shows(tmp_path: Path) -> None:
    """A lead and a teammate, each in a real bash with a home of their own, share a repository
    through a remote; every command of docs/scopes.md's walk-through is typed and compared."""
    import pexpect

    bash, git = require_program("bash"), require_program("git")
    origin = tmp_path / "origin.git"
    subprocess.run([git, "init", "-q", "--bare", "-b", "main", str(origin)], check=True)
    people: dict[str, pexpect.spawn] = {}

    def terminal(person: str) -> pexpect.spawn:
        if person in people:
            return people[person]
        home = tmp_path / person
        home.mkdir()
        env = {
            **os.environ,
            "HOME": str(home),
            "XDG_CONFIG_HOME": str(home / ".config"),
            "XDG_STATE_HOME": str(home / ".local" / "state"),
            "CLAUDE_CONFIG_DIR": str(home / ".claude"),
            "PATH": f"{Path(ccprofile_command()[0]).parent}:{Path(git).parent}:{os.defpath}",
            "TERM": "dumb",
            "SHELL": bash,
            "ORIGIN": str(origin),
            "GIT_AUTHOR_NAME": person,
            "GIT_AUTHOR_EMAIL": f"{person}@example.com",
            "GIT_COMMITTER_NAME": person,
            "GIT_COMMITTER_EMAIL": f"{person}@example.com",
        }
        env.pop("COLUMNS", None)
        shell = pexpect.spawn(
            bash, ["--norc", "-i"], env=env, encoding="utf-8", timeout=60, dimensions=(50, 80), cwd=str(home)
        )
        shell.sendline("PS1='<rea''dy> '; bind 'set enable-bracketed-paste off' 2>/dev/null")
        shell.expect_exact("<ready> ")
        people[person] = shell
        return shell

    steps = team_walkthrough()
    assert {person for person, _, _ in steps} == {"lead", "mate"} and len(steps) >= 10
    try:
        for person, command, expected in steps:
            shell = terminal(person)
            shell.sendline(command)
            shell.expect_exact("<ready> ")
            printed = str(shell.before).replace("\r\n", "\n").split("\n", 1)[1:]  # after the echo
            got = _comparable(printed[0].split("\n") if printed else [])
            if os.environ.get("CCPROFILE_SHOW_WALKTHROUGH"):
                print(f"{person}$ {command}", *got, sep="\n")
            else:
                assert got == _comparable(expected), f"{person}$ {command}"
    finally:
        for shell in people.values():
            shell.close(force=True)


# --- Following a drift's fix ends the drift -------------------------------------------------


def _follow(fix: str, cwd: Path) -> None:
    """Run the ccprofile command a fix names, as the user would copy it."""
    command = re.search(r"`ccprofile ([^`]+)`", fix)
    assert command is not None, fix
    result = ccprofile(command.group(1).replace("~", str(Path.home())).split(), cwd)
    assert result.returncode == 0, result.stdout + result.stderr


def _drift(project: Path) -> str:
    result = ccprofile(["status", "--check", "--json"], project)
    assert result.returncode == 1, result.stdout
    [drift] = [w["message"] for w in warnings_of(result) if w["code"] == "drift"]
    return drift


@pytest.mark.parametrize(
    ("user", "local", "fix"),
    [
        pytest.param(
            {FAST: HAIKU_45},
            None,
            "Fix: `ccprofile set-fast-model {id} --scope project`.",
            id="lower-place-shows",
        ),
        pytest.param(
            None,
            {FAST: HAIKU_45},
            'Fix: `ccprofile set-fast-model {id} --scope project`, then remove "ANTHROPIC_SMALL_FAST_MODEL" '
            'from the "env" object of {project}/.claude/settings.local.json.',
            id="higher-place-and-nothing-in-scope",
        ),
    ],
)
def test_a_scope_drift_is_fixed_by_pinning_in_that_scope(
    home: Path, user: dict[str, str] | None, local: dict[str, str] | None, fix: str
) -> None:
    project = repository(home / "repo", {}, EXPECT)
    if user is not None:
        (home / ".claude").mkdir()
        (home / ".claude" / "settings.json").write_text(json.dumps({"env": user}))
    if local is not None:
        (project / ".claude" / "settings.local.json").write_text(json.dumps({"env": local}))
    drift = _drift(project)
    assert drift.endswith(fix.format(id=HAIKU_45, project=project)), drift
    _follow(drift, project)
    if local is not None:
        (project / ".claude" / "settings.local.json").write_text("{}")
    assert ccprofile(["status", "--check"], project).returncode == 0


def test_a_drift_in_a_subdirectory_pins_the_file_claude_reads_there(home: Path) -> None:
    project = repository(home / "repo", None, EXPECT.replace('scope = "project"\n', ""))
    src = project / "src"
    src.mkdir()
    drift = _drift(src)
    assert drift.endswith(f"Fix: `ccprofile set-fast-model {HAIKU_45} --scope project --project {src}`."), (
        drift
    )
    _follow(drift, src)
    assert ccprofile(["status", "--check"], src).returncode == 0


def test_a_drift_over_an_invalid_settings_file_says_to_repair_it_first(home: Path) -> None:
    project = repository(home / "repo", None, EXPECT)
    (project / ".claude").mkdir()
    (project / ".claude" / "settings.json").write_text("{,}\n")
    drift = _drift(project)
    assert f"Fix: repair {project}/.claude/settings.json first (not valid JSON" in drift


def test_a_linked_project_directory_is_the_directory_it_points_to(home: Path) -> None:
    project = repository(home / "repo", PINNED, EXPECT)
    (project / "src").mkdir()
    (home / "link").symlink_to(project / "src")
    report = json.loads(ccprofile(["status", "--json", "--project", str(home / "link")], home).stdout)
    assert report["project"] == {"directory": str(project / "src"), "repository_root": str(project)}


@pytest.mark.parametrize(
    ("args", "code", "says"),
    [
        pytest.param(["--expect-model", ""], 3, "--expect-model is empty", id="empty-expectation"),
        pytest.param(
            ["--probe"], 2, "--probe starts your shell, and there is none here", id="probe-without-shell"
        ),
    ],
)
def test_options_that_cannot_be_honoured_are_errors_not_ignored(
    home: Path, args: list[str], code: int, says: str
) -> None:
    result = ccprofile(["status", "--check", *args], repository(home / "repo"), without_shell())
    assert result.returncode == code and says in result.stderr, result.stderr


# --- The expected models made exact, in this process (what mutation testing sees) ---------


def _checked(
    project: Path, monkeypatch: pytest.MonkeyPatch, *args: str, **env: str
) -> tuple[int, dict[str, Any]]:
    from typer.testing import CliRunner

    from ccprofile.cli.app import app

    monkeypatch.chdir(project)
    monkeypatch.delenv("SHELL", raising=False)
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    result = CliRunner().invoke(app, ["status", "--check", "--json", *args])
    return result.exit_code, json.loads(result.stdout)


def test_expected_names_are_made_the_providers_exact_ids(home: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A family for the background is its newest model (an alias would be resolved by Claude
    Code); a friendly name is its ID on Bedrock too; the primary's alias stays an alias."""
    project = repository(home / "repo", PINNED)
    code, report = _checked(
        project, monkeypatch, "--expect-fast-model", "haiku-4.5", "--expect-model", "opus"
    )
    assert (report["expectations"]["background"], report["expectations"]["primary"]) == (HAIKU_45, "opus")
    assert code == 1  # the primary is Claude Code's default, not opus
    _, report = _checked(project, monkeypatch, "--expect-fast-model", "haiku")
    assert report["expectations"]["background"] == "claude-haiku-5-5"
    _, report = _checked(
        project,
        monkeypatch,
        "--expect-fast-model",
        "haiku-4.5",
        CLAUDE_CODE_USE_BEDROCK="1",
        AWS_REGION="eu-west-1",
    )
    assert report["expectations"]["background"] == "eu.anthropic.claude-haiku-4-5-20251001-v1:0"
    # The region only in ~/.aws/config: the same geography.
    monkeypatch.delenv("AWS_REGION")
    (home / ".aws").mkdir()
    (home / ".aws" / "config").write_text("[default]\nregion = eu-west-1\n")
    _, report = _checked(project, monkeypatch, "--expect-fast-model", "haiku-4.5")
    assert report["expectations"]["background"] == "eu.anthropic.claude-haiku-4-5-20251001-v1:0"
    monkeypatch.delenv("CLAUDE_CODE_USE_BEDROCK")
    _, report = _checked(project, monkeypatch, "--expect-model", "sonnet-4.5")
    assert report["expectations"]["primary"] == SONNET_45


def test_an_expected_id_the_provider_does_not_know_names_where_it_was_stated(
    home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    project = repository(home / "repo", PINNED, 'fast-model = "haiku-9"\n')
    code, report = _checked(project, monkeypatch)
    assert code == 3
    assert report["error"].startswith(
        f"{project / '.ccprofile.toml'}:1: 'haiku-9' does not look like a model ID"
    )
    code, report = _checked(project, monkeypatch, "--expect-fast-model", "haiku-8")
    assert code == 3 and report["error"].startswith(
        "--expect-fast-model: 'haiku-8' does not look like a model ID"
    )
    # A gateway serves the names it chooses: any name is a valid expectation there.
    code, report = _checked(
        project, monkeypatch, "--expect-fast-model", "our-fast", ANTHROPIC_BASE_URL="https://llm.example.com"
    )
    assert report["expectations"]["background"] == "our-fast" and code == 1
