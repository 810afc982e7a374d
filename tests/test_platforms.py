"""macOS's and Windows's rules, run on Linux with the platform injected (CCPROFILE_PLATFORM),
from the command line to the bytes written: a Windows home with its Documents folder moved
by OneDrive and a fake registry, a macOS home with a fake ``launchctl``. What is simulated and
what ran on a real machine is in docs/shells.md."""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path, PureWindowsPath

import pytest

from ccprofile.startup.home_snapshot import Home
from ccprofile.startup.shells import SHELLS
from ccprofile.storage.state import state_dir
from ccprofile.system import registry
from tests.helpers import run_cli

_SHELL_FOLDERS = registry.SHELL_FOLDERS
_PROFILE = "Microsoft.PowerShell_profile.ps1"


# --- the pure rules, with Windows paths ------------------------------------------------------


def _windows_home(documents: str | None = None) -> Home:
    user = PureWindowsPath(r"C:\Users\ana")
    moved = PureWindowsPath(documents) if documents else None
    return Home(user, {"USERPROFILE": str(user)}, "win32", documents=moved)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("shell", "documents", "expected"),
    [
        ("pwsh", None, rf"C:\Users\ana\Documents\PowerShell\{_PROFILE}"),
        ("powershell", None, rf"C:\Users\ana\Documents\WindowsPowerShell\{_PROFILE}"),
        (
            "pwsh",
            r"C:\Users\ana\OneDrive\Documents",
            rf"C:\Users\ana\OneDrive\Documents\PowerShell\{_PROFILE}",
        ),
        (
            "powershell",
            r"D:\Sync\Docs",
            rf"D:\Sync\Docs\WindowsPowerShell\{_PROFILE}",
        ),
    ],
)
def test_powershell_profiles_on_windows(shell: str, documents: str | None, expected: str) -> None:
    home = _windows_home(documents)
    assert SHELLS[shell].startup_file(home) == PureWindowsPath(expected)
    folder = PureWindowsPath(expected).parent
    # Every host's profile.ps1 first, then the console's own.
    assert SHELLS[shell].reads(home, False) == [folder / "profile.ps1", folder / _PROFILE]


def test_registry_values_expand_as_windows_expands_them() -> None:
    env = {"UserProfile": r"C:\Users\ana"}
    expanded = registry.expand(r"%USERPROFILE%\OneDrive\Documents;%NOT_SET%", env)
    assert expanded == r"C:\Users\ana\OneDrive\Documents;%NOT_SET%"


def test_new_files_end_lines_as_the_platform_expects() -> None:
    windows = _windows_home()
    linux = Home(Path("/home/ana"), {}, "linux")
    assert SHELLS["pwsh"].new_file_newline(windows) == "\r\n"
    assert SHELLS["powershell"].new_file_newline(windows) == "\r\n"
    assert SHELLS["pwsh"].new_file_newline(linux) is None  # follows the file: LF for a new one
    # Git Bash's bash keeps a \r in the value: LF on Windows too.
    assert SHELLS["bash"].new_file_newline(windows) == "\n"


def test_state_folder_on_windows_is_in_local_app_data() -> None:
    home = Home(Path("/u/ana"), {"LOCALAPPDATA": "/u/ana/AppData/Local"}, "win32")
    assert state_dir(home) == Path("/u/ana/AppData/Local/ccprofile")
    with_xdg = Home(Path("/u/ana"), {"LOCALAPPDATA": "/x", "XDG_STATE_HOME": "/s"}, "win32")
    assert state_dir(with_xdg) == Path("/s/ccprofile")


# --- Windows, from the command line ----------------------------------------------------------


@pytest.fixture
def windows(home: Path, tmp_path: Path) -> dict[str, str]:
    """A Windows user's environment: USERPROFILE, Documents moved by OneDrive, and a registry
    whose user environment sets the primary model."""
    fake = tmp_path / "registry.json"
    fake.write_text(
        json.dumps(
            {
                registry.USER_ENVIRONMENT: {"ANTHROPIC_MODEL": "claude-sonnet-4-5-20250929"},
                registry.SYSTEM_ENVIRONMENT: {"ANTHROPIC_SMALL_FAST_MODEL": "claude-3-5-haiku-20241022"},
                _SHELL_FOLDERS: {"Personal": {"expand": "%USERPROFILE%/OneDrive/Documents"}},
            }
        )
    )
    env = {
        **os.environ,
        "CCPROFILE_PLATFORM": "win32",
        "CCPROFILE_REGISTRY": str(fake),
        "USERPROFILE": str(home),
    }
    env.pop("CCPROFILE_SESSION_PID")  # Windows reads the registry, not a process
    return env


def _profile(home: Path, folder: str = "PowerShell") -> Path:
    return home / "OneDrive" / "Documents" / folder / _PROFILE


def test_windows_pins_by_default_where_every_claude_looks(home: Path, windows: dict[str, str]) -> None:
    pinned = run_cli(["set-fast-model", "claude-haiku-4-5-20251001"], windows)
    assert pinned.returncode == 0, pinned.stderr
    assert "On Windows the place is Claude Code's user settings file" in pinned.stdout
    settings = json.loads((home / ".claude" / "settings.json").read_text())
    assert settings["env"]["ANTHROPIC_SMALL_FAST_MODEL"] == "claude-haiku-4-5-20251001"
    assert not _profile(home).exists()

    report = json.loads(run_cli(["status", "--json"], windows).stdout)
    for view in report["launchers"]:
        # The settings file beats the registry's system value, for every way claude starts.
        assert view["background"]["model"] == "claude-haiku-4-5-20251001", view["name"]
        assert view["primary"]["model"] == "claude-sonnet-4-5-20250929", view["name"]
    assert [view["name"] for view in report["launchers"]] == [
        "PowerShell 7 (pwsh)",
        "Windows PowerShell 5.1",
        "Git Bash",
        "cmd",
        "an IDE or other app from the Start menu",
    ]

    removed = run_cli(["uninstall"], windows)
    assert removed.returncode == 0, removed.stderr
    assert not (home / ".claude" / "settings.json").exists()


def test_a_new_powershell_profile_on_windows_gets_crlf_and_names_ccprofile_as_run_in_this_process(
    home: Path, windows: dict[str, str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """As below, in this process (what mutation testing sees): a profile ccprofile creates on
    Windows ends its lines as PowerShell's own files do, and the block's comment names
    ccprofile the way the user can run it."""
    from typer.testing import CliRunner

    from ccprofile.cli import program
    from ccprofile.cli.app import app

    monkeypatch.delenv("CCPROFILE_SESSION_PID", raising=False)
    monkeypatch.setattr(program, "name", lambda: "~/bin/ccprofile")
    args = ["set-fast-model", "claude-haiku-4-5-20251001", "--shell", "pwsh"]
    result = CliRunner().invoke(app, args, env=windows)
    assert result.exit_code == 0, result.output
    data = _profile(home).read_bytes()
    assert b"\r\n" in data and b"\n" not in data.replace(b"\r\n", b"")  # a new file: CRLF only
    assert data.splitlines()[1] == (
        b"# Managed by ccprofile: change with `~/bin/ccprofile set-fast-model`, remove with "
        b"`~/bin/ccprofile uninstall`."
    )
    # An existing profile keeps its own line endings.
    existing = _profile(home, "WindowsPowerShell")
    existing.parent.mkdir(parents=True)
    existing.write_bytes(b"Set-Alias g git\n")
    args = ["set-fast-model", "claude-haiku-4-5-20251001", "--shell", "powershell"]
    assert CliRunner().invoke(app, args, env=windows).exit_code == 0
    assert b"\r" not in existing.read_bytes()


def test_a_powershell_profile_written_on_windows_is_read_back_by_status(
    home: Path, windows: dict[str, str]
) -> None:
    pinned = run_cli(["set-fast-model", "claude-haiku-4-5-20251001", "--shell", "pwsh"], windows)
    assert pinned.returncode == 0, pinned.stderr
    data = _profile(home).read_bytes()
    assert b"\r\n" in data and b"\n" not in data.replace(b"\r\n", b"")  # a new file: CRLF only
    assert b"$env:ANTHROPIC_SMALL_FAST_MODEL = 'claude-haiku-4-5-20251001'\r\n" in data

    report = json.loads(run_cli(["status", "--json", "--shell", "pwsh"], windows).stdout)
    fresh = report["background"]["new_shell"]
    assert fresh["model"] == "claude-haiku-4-5-20251001"
    assert fresh["source"] == "profile" and fresh["file"] == f"{_profile(home)}:4"
    assert report["shell"]["certain"] is True
    views = {view["name"]: view for view in report["launchers"]}
    assert views["PowerShell 7 (pwsh)"]["background"]["model"] == "claude-haiku-4-5-20251001"
    assert str(_profile(home)) in views["PowerShell 7 (pwsh)"]["reads"]
    # Windows PowerShell 5.1, cmd and an IDE do not read PowerShell 7's profile: the
    # registry's system value is theirs.
    for name in ("Windows PowerShell 5.1", "cmd", "an IDE or other app from the Start menu"):
        assert views[name]["background"]["model"] == "claude-3-5-haiku-20241022", name
        assert views[name]["background"]["source"] == "session"

    assert run_cli(["uninstall", "--shell", "pwsh"], windows).returncode == 0
    assert not _profile(home).exists()


def test_an_existing_lf_profile_keeps_its_line_endings(home: Path, windows: dict[str, str]) -> None:
    profile = _profile(home, "WindowsPowerShell")
    profile.parent.mkdir(parents=True)
    profile.write_bytes(b"Set-Alias ll Get-ChildItem\n")
    pinned = run_cli(["set-fast-model", "claude-haiku-4-5-20251001", "--shell", "powershell"], windows)
    assert pinned.returncode == 0, pinned.stderr
    assert b"\r" not in profile.read_bytes()
    assert run_cli(["uninstall", "--shell", "powershell"], windows).returncode == 0
    assert profile.read_bytes() == b"Set-Alias ll Get-ChildItem\n"


def test_cmd_autorun_is_named_as_what_status_cannot_follow(
    home: Path, windows: dict[str, str], tmp_path: Path
) -> None:
    keys = json.loads(Path(windows["CCPROFILE_REGISTRY"]).read_text())
    keys[registry.COMMAND_PROCESSORS[1]] = {"Autorun": r"C:\Users\ana\env.cmd"}
    Path(windows["CCPROFILE_REGISTRY"]).write_text(json.dumps(keys))
    report = json.loads(run_cli(["status", "--json"], windows).stdout)
    cmd = next(view for view in report["launchers"] if view["name"] == "cmd")
    assert cmd["certain"] is False
    assert "AutoRun runs `C:\\Users\\ana\\env.cmd`, which ccprofile does not follow" in cmd["unseen"][0]


def test_without_a_readable_registry_status_says_it_does_not_know(
    home: Path, windows: dict[str, str]
) -> None:
    windows["CCPROFILE_REGISTRY"] = str(home / "missing.json")
    shown = run_cli(["status"], {**windows, "COLUMNS": "80"})
    assert shown.returncode == 0, shown.stderr
    assert "cmd: not known: the Windows registry cannot be read" in shown.stdout
    report = json.loads(run_cli(["status", "--json"], windows).stdout)
    assert all(view["known"] is False and view["background"] is None for view in report["launchers"])


# --- macOS -----------------------------------------------------------------------------------


@pytest.fixture
def macos(home: Path, tmp_path: Path) -> dict[str, str]:
    """A macOS user's environment with a ``launchctl`` that answers getenv from a file."""
    tools = tmp_path / "macos-bin"
    tools.mkdir()
    launchctl = tools / "launchctl"
    launchctl.write_text(
        '#!/bin/sh\n[ "$1" = getenv ] || exit 1\ngrep "^$2=" "$FAKE_LAUNCHD" | head -n 1 | cut -d= -f2-\n'
    )
    launchctl.chmod(0o755)
    launchd = tmp_path / "launchd.env"
    launchd.write_text("ANTHROPIC_SMALL_FAST_MODEL=claude-3-5-haiku-20241022\n")
    env = {**os.environ, "CCPROFILE_PLATFORM": "darwin", "FAKE_LAUNCHD": str(launchd)}
    env.pop("CCPROFILE_SESSION_PID")  # macOS reads launchd, not a process
    env["PATH"] = f"{tools}{os.pathsep}{env['PATH']}"
    return env


def test_a_team_pin_only_launchd_gives_is_freed_by_removing_what_beats_it(
    home: Path, macos: dict[str, str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """macOS: `launchctl setenv` gives every new terminal (and this one) the expected primary
    model, no startup file sets it, and a settings value beats it: the fix removes that value,
    and has nothing to load here (drift._shell_repair with no startup assignment at all)."""
    from typer.testing import CliRunner

    from ccprofile.cli.app import app

    Path(macos["FAKE_LAUNCHD"]).write_text("ANTHROPIC_MODEL=claude-sonnet-5-5\n")
    for name in ("CCPROFILE_PLATFORM", "FAKE_LAUNCHD", "PATH"):
        monkeypatch.setenv(name, macos[name])
    monkeypatch.delenv("CCPROFILE_SESSION_PID", raising=False)
    monkeypatch.setenv("ANTHROPIC_MODEL", "claude-sonnet-5-5")  # this terminal inherited it too
    settings = home / ".claude" / "settings.json"
    settings.parent.mkdir()
    settings.write_text(json.dumps({"env": {"ANTHROPIC_MODEL": "claude-opus-5-5"}}))
    repo = home / "repo"
    repo.mkdir()
    (repo / ".ccprofile.toml").write_text('model = "claude-sonnet-5-5"\nscope = "shell"\n')
    result = CliRunner().invoke(
        app, ["status", "--json", "--check", "--shell", "bash", "--project", str(repo)]
    )
    assert result.exit_code == 1, result.output
    [drift] = [w["message"] for w in json.loads(result.stdout)["warnings"] if w["code"] == "drift"]
    assert drift.endswith(f'Fix: remove "ANTHROPIC_MODEL" from the "env" object of {settings}.'), drift


def test_macos_launchers_in_this_process_read_launchd_or_say_it_could_not(
    home: Path, macos: dict[str, str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """The same as below, in this process (what mutation testing sees): an app from the Dock
    gets launchd's value; with no launchctl to ask, each way of starting says so."""
    from typer.testing import CliRunner

    from ccprofile.cli.app import app

    for name in ("CCPROFILE_PLATFORM", "FAKE_LAUNCHD", "PATH"):
        monkeypatch.setenv(name, macos[name])
    monkeypatch.delenv("CCPROFILE_SESSION_PID", raising=False)
    (home / ".bash_profile").write_text(
        "export ANTHROPIC_SMALL_FAST_MODEL=claude-haiku-4-5-20251001\nexport ANTHROPIC_MODEL=claude-sonnet-5-5\n"
    )
    settings = home / ".claude" / "settings.json"
    settings.parent.mkdir()
    settings.write_text("{}")
    report = json.loads(CliRunner().invoke(app, ["status", "--json", "--shell", "bash"]).stdout)
    assert report["shell"]["new_terminal_start"] == "login"  # Terminal and iTerm2 start login shells
    assert {
        "code": "launchers-differ",
        "message": (
            "claude's primary model depends on how it is started: claude-sonnet-5-5 from Terminal or iTerm2; "
            "claude-opus-5-5 from an app from the Dock or Finder (an IDE). Fix: `ccprofile set-model "
            "claude-sonnet-5-5 --scope user` pins it in the settings file every claude reads."
        ),
    } in report["warnings"]
    assert {
        "code": "launchers-differ",
        "message": (
            "claude's background model depends on how it is started: claude-haiku-4-5-20251001 from Terminal "
            "or iTerm2; claude-3-5-haiku-20241022 from an app from the Dock or Finder (an IDE). Fix: `ccprofile "
            "set-fast-model claude-haiku-4-5-20251001 --scope user` pins it in the settings file every claude reads."
        ),
    } in report["warnings"]
    views = {view["name"]: view for view in report["launchers"]}
    dock = views["an app from the Dock or Finder (an IDE)"]
    assert dock["reads"] == ["launchd (launchctl getenv)", str(settings)]
    assert views["Terminal or iTerm2"]["reads"] == [
        "launchd (launchctl getenv)",
        str(home / ".bash_profile"),
        str(settings),
    ]
    assert dock["background"]["model"] == "claude-3-5-haiku-20241022"
    assert views["Terminal or iTerm2"]["background"]["model"] == "claude-haiku-4-5-20251001"
    monkeypatch.setenv("PATH", macos["PATH"].split(os.pathsep, 1)[1])  # no launchctl
    report = json.loads(CliRunner().invoke(app, ["status", "--json", "--shell", "bash"]).stdout)
    for view in report["launchers"]:
        assert (view["background"], view["known"], view["unknown"]) == (
            None,
            False,
            "launchctl is not on PATH",
        )
        assert view["reads"][0] == "launchd (launchctl getenv)" and view["reads"][-1] == str(settings)


def test_macos_bash_pins_in_the_login_file_and_an_ide_gets_launchd(home: Path, macos: dict[str, str]) -> None:
    pinned = run_cli(["set-fast-model", "claude-haiku-4-5-20251001", "--shell", "bash"], macos)
    assert pinned.returncode == 0, pinned.stderr
    assert (home / ".bash_profile").exists() and not (home / ".bashrc").exists()
    assert "macOS Terminal starts login shells" in pinned.stdout

    report = json.loads(run_cli(["status", "--json", "--shell", "bash"], macos).stdout)
    assert report["shell"]["new_terminal_start"] == "login"
    assert report["background"]["new_shell"]["model"] == "claude-haiku-4-5-20251001"
    views = {view["name"]: view for view in report["launchers"]}
    assert views["Terminal or iTerm2"]["background"]["model"] == "claude-haiku-4-5-20251001"
    dock = views["an app from the Dock or Finder (an IDE)"]
    assert dock["background"]["model"] == "claude-3-5-haiku-20241022"
    assert dock["background"]["source"] == "session" and dock["reads"][0] == "launchd (launchctl getenv)"
    assert "VS Code" in dock["caveat"]

    shown = run_cli(["status", "--shell", "bash"], {**macos, "COLUMNS": "80"})
    assert "an app from the Dock or Finder (an IDE): background" in shown.stdout
    assert all(len(line) <= 80 for line in shown.stdout.splitlines())


def test_macos_managed_settings_are_read_from_library(home: Path, macos: dict[str, str]) -> None:
    from ccprofile.claude.settings_files import MANAGED_DIRS

    assert MANAGED_DIRS["darwin"] == Path("/Library/Application Support/ClaudeCode")
    assert MANAGED_DIRS["win32"] == Path("C:/Program Files/ClaudeCode")


# --- bash 3.2, macOS's bash -------------------------------------------------------------------

# Syntax bash 3.2 does not have (each came in bash 4.0 or later).
_NEWER_THAN_BASH_32 = (
    "declare -A",
    "${",
    ";&",
    ";;&",
    "|&",
    "&>>",
    "mapfile",
    "readarray",
    "coproc",
    "[[ -v",
)


def test_what_ccprofile_writes_for_bash_parses_in_bash_32_syntax(home: Path, macos: dict[str, str]) -> None:
    """bash 3.2 itself is not installable here (docs/shells.md): the text is checked for every
    construct newer than 3.2, and parsed by this machine's bash in its 3.2 compatibility mode."""
    run_cli(["set-fast-model", "claude-haiku-4-5-20251001", "--shell", "bash"], macos)
    run_cli(["completion", "--shell", "bash"], macos)
    text = (home / ".bash_profile").read_text()
    assert "complete -o default -F _ccprofile_completion ccprofile" in text
    for construct in _NEWER_THAN_BASH_32:
        lines = [line for line in text.splitlines() if construct in line]
        # ${COMP_WORDS[*]} and ${...} in general are old; only the 4.0 case forms are not.
        if construct == "${":
            lines = [line for line in lines if any(f in line for f in (",,}", "^^}", "@Q}", "@E}"))]
        assert not lines, f"bash 3.2 has no {construct!r}: {lines}"
    parsed = subprocess.run(
        ["bash", "-n", str(home / ".bash_profile")],
        env={**os.environ, "BASH_COMPAT": "3.2"},
        capture_output=True,
        text=True,
        check=False,
    )
    assert parsed.returncode == 0, parsed.stderr


def test_a_pin_only_one_way_of_starting_claude_sees_is_a_warning(home: Path, windows: dict[str, str]) -> None:
    run_cli(["set-fast-model", "claude-haiku-4-5-20251001", "--shell", "pwsh"], windows)
    report = json.loads(run_cli(["status", "--json", "--shell", "pwsh"], windows).stdout)
    said = [w["message"] for w in report["warnings"] if w["code"] == "launchers-differ"]
    assert said == [
        "claude's background model depends on how it is started: claude-haiku-4-5-20251001 from "
        "PowerShell 7 (pwsh); claude-3-5-haiku-20241022 from Windows PowerShell 5.1, Git Bash, cmd, "
        "an IDE or other app from the Start menu. Fix: `ccprofile set-fast-model "
        "claude-haiku-4-5-20251001 --scope user` pins it in the settings file every claude reads."
    ]
    # The fix it names ends the warning.
    assert (
        run_cli(["set-fast-model", "claude-haiku-4-5-20251001", "--scope", "user"], windows).returncode == 0
    )
    report = json.loads(run_cli(["status", "--json", "--shell", "pwsh"], windows).stdout)
    assert not [w for w in report["warnings"] if w["code"] == "launchers-differ"]


_CYCLE = (
    ["set-fast-model", "claude-haiku-4-5-20251001"],
    ["set-model", "claude-sonnet-4-5-20250929"],
    ["unset-model"],
    ["set-fast-model", "claude-haiku-4-5-20251001", "--scope", "user"],
    ["list"],
    ["undo"],
    ["status"],
    ["uninstall", "--all"],
)


@pytest.mark.parametrize(
    ("platform", "where", "planned"),
    [
        ("win32", [], ".claude/settings.json"),
        ("win32", ["--shell", "pwsh"], f"OneDrive/Documents/PowerShell/{_PROFILE}"),
        ("win32", ["--shell", "powershell"], f"OneDrive/Documents/WindowsPowerShell/{_PROFILE}"),
        ("win32", ["--shell", "bash"], ".bashrc"),
        ("darwin", ["--shell", "zsh"], ".zshrc"),
        ("darwin", ["--shell", "bash"], ".bash_profile"),
    ],
)
def test_every_command_plans_with_the_platform_s_rules_and_undoes_exactly(
    home: Path, request: pytest.FixtureRequest, platform: str, where: list[str], planned: str
) -> None:
    env: dict[str, str] = request.getfixturevalue("windows" if platform == "win32" else "macos")
    dry = run_cli(["set-fast-model", "claude-haiku-4-5-20251001", *where, "--dry-run"], env)
    assert dry.returncode == 0, dry.stderr
    assert f"+++ {home / planned}" in dry.stdout
    assert not (home / planned).exists()
    for command in _CYCLE:
        scoped = "--scope" in command or command[0] in ("list", "undo", "uninstall")
        ran = run_cli([*command, *([] if scoped else where)], env)
        assert ran.returncode == 0, (command, ran.stdout, ran.stderr)
    # Everything ccprofile wrote is gone again: no file it created is left.
    assert not (home / planned).exists()
    assert not (home / ".claude" / "settings.json").exists()


def test_git_bash_reads_bashrc_through_the_profile_git_writes(home: Path, windows: dict[str, str]) -> None:
    """Git for Windows's /etc/profile writes a ~/.bash_profile sourcing ~/.bashrc when it finds
    only ~/.bashrc, before bash looks for one: a pin in ~/.bashrc reaches Git Bash."""
    assert (
        run_cli(["set-fast-model", "claude-haiku-4-5-20251001", "--shell", "bash"], windows).returncode == 0
    )
    report = json.loads(run_cli(["status", "--json", "--shell", "bash"], windows).stdout)
    git_bash = next(view for view in report["launchers"] if view["name"] == "Git Bash")
    assert git_bash["background"]["model"] == "claude-haiku-4-5-20251001"
    assert str(home / ".bashrc") in git_bash["reads"]
    # With a login file of its own that does not source ~/.bashrc, Git Bash does not get it.
    (home / ".bash_profile").write_text("export EDITOR=vi\n")
    report = json.loads(run_cli(["status", "--json", "--shell", "bash"], windows).stdout)
    git_bash = next(view for view in report["launchers"] if view["name"] == "Git Bash")
    assert git_bash["background"]["model"] == "claude-3-5-haiku-20241022"


# --- what a first user of these rules found (each was false or unusable before) ---------------


def _set_registry(env: dict[str, str], key: str, values: dict[str, object]) -> None:
    keys = json.loads(Path(env["CCPROFILE_REGISTRY"]).read_text())
    keys[key] = values
    Path(env["CCPROFILE_REGISTRY"]).write_text(json.dumps(keys))


def test_the_launchers_fix_names_the_users_pin_not_a_registry_leftover(
    home: Path, windows: dict[str, str]
) -> None:
    _set_registry(
        windows, registry.USER_ENVIRONMENT, {"ANTHROPIC_SMALL_FAST_MODEL": "claude-3-5-haiku-20241022"}
    )
    run_cli(["set-fast-model", "claude-haiku-4-5-20251001", "--shell", "pwsh"], windows)
    report = json.loads(run_cli(["status", "--json"], windows).stdout)
    said = [w["message"] for w in report["warnings"] if w["code"] == "launchers-differ"]
    assert len(said) == 1 and said[0].endswith(
        "Fix: `ccprofile set-fast-model claude-haiku-4-5-20251001 --scope user` pins it in the settings "
        "file every claude reads."
    )
    # The retired value's own fix is Windows's way of changing the registry, not Linux's.
    retired = [w["message"] for w in report["warnings"] if w["code"] == "retired-model"]
    assert retired and all(
        "setx ANTHROPIC_SMALL_FAST_MODEL" in m and "environment.d" not in m for m in retired
    )


def test_a_pin_in_a_powershell_profile_says_which_terminals_get_it(
    home: Path, windows: dict[str, str]
) -> None:
    pinned = run_cli(["set-fast-model", "claude-haiku-4-5-20251001", "--shell", "pwsh"], windows)
    said = " ".join(pinned.stdout.split())
    assert (
        "New PowerShell 7 (pwsh) terminals (not claude started from cmd, another shell or an IDE: "
        "`ccprofile status` shows each) pick this up." in said
    )


def test_git_bash_terminals_are_login_shells(home: Path, windows: dict[str, str]) -> None:
    (home / ".bash_profile").write_text("export PATH=$PATH\n")
    pinned = run_cli(["set-fast-model", "claude-haiku-4-5-20251001", "--shell", "bash"], windows)
    said = " ".join(pinned.stdout.split())
    assert "Claude Code started from a new terminal uses claude-3-5-haiku-20241022" in said
    assert "~/.bash_profile does not source ~/.bashrc" in said and "pick this up" not in said
    report = json.loads(run_cli(["status", "--json", "--shell", "bash"], windows).stdout)
    assert report["shell"]["new_terminal_start"] == "login"
    git_bash = next(view for view in report["launchers"] if view["name"] == "Git Bash")
    assert git_bash["background"]["model"] == report["background"]["new_shell"]["model"]


def test_a_documents_folder_with_spaces_gives_commands_that_copy_whole(
    home: Path, windows: dict[str, str]
) -> None:
    _set_registry(
        windows, _SHELL_FOLDERS, {"Personal": {"expand": "%USERPROFILE%\\OneDrive - Contoso\\Documents"}}
    )
    pinned = run_cli(["set-fast-model", "claude-haiku-4-5-20251001", "--shell", "pwsh"], windows)
    assert pinned.returncode == 0, pinned.stderr
    profile = home / "OneDrive - Contoso" / "Documents" / "PowerShell" / _PROFILE
    assert profile.exists()  # backslashes in the registry value separate folders
    assert f'. "$HOME/OneDrive - Contoso/Documents/PowerShell/{_PROFILE}"' in pinned.stdout


@pytest.mark.parametrize("shell", ["bash", "zsh", "dash", "ksh", "fish", "tcsh"])
def test_a_path_with_spaces_loads_in_the_real_shell(home: Path, shell: str) -> None:
    from tests.conftest import require_program

    program = require_program(shell)
    folder = home / "OneDrive - Contoso"
    folder.mkdir()
    (folder / "pins").write_text("echo loaded\n")
    command = SHELLS["bash" if shell in ("dash", "ksh") else shell].apply_hint("~/OneDrive - Contoso/pins")
    if shell in ("dash", "ksh"):
        command = command.replace("source ", ". ", 1)
    ran = subprocess.run([program, "-c", command], capture_output=True, text=True, timeout=30, check=False)
    assert ran.stdout == "loaded\n", (command, ran.stderr)


def test_macos_bash_pins_where_both_starts_read_when_the_login_file_sources_bashrc(
    home: Path, macos: dict[str, str]
) -> None:
    (home / ".bash_profile").write_text("[ -f ~/.bashrc ] && . ~/.bashrc\n")
    pinned = run_cli(["set-fast-model", "claude-haiku-4-5-20251001", "--shell", "bash"], macos)
    said = " ".join(pinned.stdout.split())
    assert "Created ~/.bashrc" in said and "it sources .bashrc, which non-login shells read too" in said
    assert "New terminals pick this up." in said
    assert (home / ".bash_profile").read_text() == "[ -f ~/.bashrc ] && . ~/.bashrc\n"


def test_macos_bash_in_an_empty_home_creates_the_login_file_and_says_who_misses_it(
    home: Path, macos: dict[str, str]
) -> None:
    pinned = run_cli(["set-fast-model", "claude-haiku-4-5-20251001", "--shell", "bash"], macos)
    said = " ".join(pinned.stdout.split())
    assert "Created ~/.bash_profile" in said
    # The file it just created is read by a new terminal: no shortfall says otherwise.
    assert "and there is none" not in said and "started from a new terminal uses" not in said
    assert "Claude Code started from a non-login bash an app starts (some IDE terminals)" in said
    assert "New terminals (not non-login shells: see above) pick this up." in said


def test_the_dock_section_says_plainly_when_launchctl_is_missing(home: Path, macos: dict[str, str]) -> None:
    macos["PATH"] = os.pathsep.join(p for p in macos["PATH"].split(os.pathsep) if "macos-bin" not in p)
    report = json.loads(run_cli(["status", "--json", "--shell", "zsh"], macos).stdout)
    dock = report["launchers"][1]
    assert dock["known"] is False and dock["unknown"] == "launchctl is not on PATH"
    assert dock["reads"][0] == "launchd (launchctl getenv)"


def test_a_profile_that_is_a_directory_is_named_as_one(home: Path, windows: dict[str, str]) -> None:
    _profile(home).mkdir(parents=True)
    report = json.loads(run_cli(["status", "--json", "--shell", "pwsh"], windows).stdout)
    reasons = [u["reason"] for u in report["shell"]["unseen"]]
    assert "is a directory, so the shell reads nothing from it" in reasons


def test_the_windows_note_and_a_settings_removal_read_as_sentences(
    home: Path, windows: dict[str, str]
) -> None:
    pinned = run_cli(["set-fast-model"], windows)  # no terminal: the recommended model, and a note
    assert pinned.returncode == 0, pinned.stderr
    said = " ".join(pinned.stdout.split())
    assert ". On Windows the place is" in said
    settings = home / ".claude" / "settings.json"
    data = json.loads(settings.read_text())
    settings.write_text(json.dumps({**data, "theme": "dark"}))
    removed = run_cli(["unset-fast-model"], windows)
    assert "Updated ~/.claude/settings.json: removed ccprofile's keys." in removed.stdout


def test_the_login_fix_never_makes_two_files_source_each_other(home: Path) -> None:
    """~/.bashrc sources ~/.bash_profile already: the line that makes ~/.bash_profile source
    ~/.bashrc would loop every new shell, so the fix moves the pin instead."""
    (home / ".bash_profile").write_text("export EDITOR=vi\n")
    (home / ".bashrc").write_text("[ -f ~/.bash_profile ] && . ~/.bash_profile\n")
    pinned = run_cli(["set-fast-model", "claude-haiku-4-5-20251001", "--shell", "bash", "--no-verify"])
    said = " ".join(pinned.stdout.split())
    assert "add `[ -f ~/.bashrc ] && . ~/.bashrc` to ~/.bash_profile" not in said
    assert (
        "Fix: move the pin to ~/.bash_profile, which ~/.bashrc sources already: `ccprofile uninstall "
        "--file ~/.bashrc`, then the same pin again with `--file ~/.bash_profile`." in said
    )


# --- what a review of the code found -------------------------------------------------------------


def test_a_documents_folder_that_is_not_absolute_is_not_used(home: Path, windows: dict[str, str]) -> None:
    for value in ("", "Documents", "%NOT_SET%\\Documents"):
        _set_registry(windows, _SHELL_FOLDERS, {"Personal": {"expand": value}})
        assert registry.documents_folder(windows) is None, value
    pinned = run_cli(["set-fast-model", "claude-haiku-4-5-20251001", "--shell", "pwsh", "--dry-run"], windows)
    assert f"+++ {home / 'Documents' / 'PowerShell' / _PROFILE}" in pinned.stdout


def test_a_value_from_the_system_environment_is_named_as_the_administrators(
    home: Path, windows: dict[str, str]
) -> None:
    run_cli(["unset-fast-model", "--shell", "pwsh"], windows)
    report = json.loads(run_cli(["status", "--json", "--shell", "pwsh"], windows).stdout)
    retired = [w["message"] for w in report["warnings"] if w["code"] == "retired-model"]
    # The system's value (HKLM): setx sets the user's own over it, and says so.
    assert (
        retired
        and "`setx ANTHROPIC_SMALL_FAST_MODEL claude-haiku-5-5` sets your own (HKCU\\Environment), over the system's"
        in retired[0]
    )


def test_providers_with_a_small_model_of_their_own_do_not_fall_back(home: Path) -> None:
    for switch in ("CLAUDE_CODE_USE_ANTHROPIC_AWS", "CLAUDE_CODE_USE_ANTHROPIC_GOOGLE_CLOUD"):
        report = json.loads(
            run_cli(["status", "--json", "--shell", "bash"], {**os.environ, switch: "1"}).stdout
        )
        assert report["background"]["model"] == "claude-haiku-4-5-20251001"
        assert "unpinned-fallback" not in [w["code"] for w in report["warnings"]], switch
    mantle = json.loads(
        run_cli(["status", "--json", "--shell", "bash"], {**os.environ, "CLAUDE_CODE_USE_MANTLE": "1"}).stdout
    )
    assert "unpinned-fallback" in [w["code"] for w in mantle["warnings"]]


def test_git_bash_reading_another_home_is_not_certain(
    home: Path, windows: dict[str, str], tmp_path: Path
) -> None:
    windows["HOME"] = str(tmp_path / "msys-home")
    report = json.loads(run_cli(["status", "--json", "--shell", "pwsh"], windows).stdout)
    git_bash = next(view for view in report["launchers"] if view["name"] == "Git Bash")
    assert git_bash["certain"] is False
    assert git_bash["unseen"] == [
        f"HOME is {tmp_path / 'msys-home'}, where Git Bash reads its startup files; ccprofile reads {home}'s"
    ]


def test_powershell_outside_windows_is_started_as_pwsh() -> None:
    assert SHELLS["powershell"].programs == ("powershell", "pwsh")
    assert SHELLS["pwsh"].programs == ("pwsh",)


def test_without_a_shell_a_launcher_that_runs_it_says_how_to_name_one(
    home: Path, macos: dict[str, str]
) -> None:
    env = {**macos, "COLUMNS": "200"}
    env.pop("SHELL", None)
    shown = run_cli(["status"], env)
    assert shown.returncode == 0, shown.stderr
    assert "Shell: none" in shown.stdout
    assert "not known: no shell was found (`ccprofile status --shell NAME` names yours)" in shown.stdout
    report = json.loads(run_cli(["status", "--json"], env).stdout)
    assert report["shell"]["reason"] == "could not detect your shell and $SHELL is not set"
    unknown = {view["unknown"] for view in report["launchers"] if view["background"] is None}
    assert unknown == {"no shell was found"}  # the hint is the command line's, said where it prints


def test_macos_launchers_in_this_process_each_say_what_they_cannot_know(
    home: Path, macos: dict[str, str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """In this process (what mutation testing sees): a line the login file runs that ccprofile
    cannot follow, launchd's Bedrock in the AWS config file's region, no launchctl to ask, and
    no shell at all."""
    from typer.testing import CliRunner

    from ccprofile.cli.app import app
    from ccprofile.machine import detect

    for name in ("CCPROFILE_PLATFORM", "FAKE_LAUNCHD", "PATH"):
        monkeypatch.setenv(name, macos[name])
    monkeypatch.delenv("CCPROFILE_SESSION_PID", raising=False)
    Path(macos["FAKE_LAUNCHD"]).write_text("CLAUDE_CODE_USE_BEDROCK=1\n")
    (home / ".aws").mkdir()
    (home / ".aws" / "config").write_text("[default]\nregion = eu-west-1\n")
    (home / ".bash_profile").write_text('eval "$(brew shellenv)"\n')

    def views() -> dict[str, dict[str, object]]:
        report = json.loads(CliRunner().invoke(app, ["status", "--json", "--shell", "bash"]).stdout)
        return {view["name"]: view for view in report["launchers"]}

    found = views()
    terminal, dock = found["Terminal or iTerm2"], found["an app from the Dock or Finder (an IDE)"]
    assert terminal["unseen"] == [f"{home / '.bash_profile'}:1: runs eval"]
    assert (terminal["certain"], terminal["unknown"]) == (False, None)
    assert (dock["certain"], dock["unknown"], dock["unseen"]) == (True, None, [])
    assert dock["background"] == {  # Bedrock's default, in the config file's geography
        "model": "eu.anthropic.claude-sonnet-4-5-20250929-v1:0",
        "source": "default",
        "variable": None,
        "file": None,
    }
    assert dock["primary"]["model"] == "eu.anthropic.claude-opus-5-5"  # type: ignore[index]
    monkeypatch.setenv("PATH", macos["PATH"].split(os.pathsep, 1)[1])  # no launchctl
    assert [(name, view["known"], view["unknown"], view["reads"][0]) for name, view in views().items()] == [
        (name, False, "launchctl is not on PATH", "launchd (launchctl getenv)") for name in found
    ]
    assert views()["Terminal or iTerm2"]["unseen"] == []  # nothing was read: nothing went unseen
    monkeypatch.setenv("PATH", macos["PATH"])
    monkeypatch.delenv("SHELL", raising=False)
    monkeypatch.setattr(detect, "ancestors", lambda: [])
    report = json.loads(CliRunner().invoke(app, ["status", "--json"]).stdout)
    assert [view["name"] for view in report["launchers"]] == list(found)
    nameless = {view["name"]: view for view in report["launchers"]}["Terminal or iTerm2"]
    assert (nameless["background"], nameless["unknown"], nameless["unseen"]) == (
        None,
        "no shell was found",
        [],
    )
    assert nameless["reads"] == ["launchd (launchctl getenv)"]


def test_git_bash_reading_another_home_adds_what_its_files_leave_unknown(
    home: Path, windows: dict[str, str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """In this process (what mutation testing sees): Git Bash's own doubt (another HOME) and
    the lines of its files ccprofile cannot follow, both."""
    from typer.testing import CliRunner

    from ccprofile.cli.app import app

    for name in ("CCPROFILE_PLATFORM", "CCPROFILE_REGISTRY", "USERPROFILE"):
        monkeypatch.setenv(name, windows[name])
    monkeypatch.delenv("CCPROFILE_SESSION_PID", raising=False)
    monkeypatch.setenv("HOME", str(tmp_path / "msys-home"))
    (home / ".bash_profile").write_text('eval "$(x)"\n')
    report = json.loads(CliRunner().invoke(app, ["status", "--json", "--shell", "pwsh"]).stdout)
    git_bash = next(view for view in report["launchers"] if view["name"] == "Git Bash")
    assert git_bash["unseen"] == [
        f"HOME is {tmp_path / 'msys-home'}, where Git Bash reads its startup files; ccprofile reads {home}'s",
        f"{home / '.bash_profile'}:1: runs eval",
    ]
