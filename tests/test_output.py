"""Options a person types: choices in any letter case, contradictions refused in one line,
and a prompt that Ctrl-D cancels."""

from __future__ import annotations

import io
import json
import os
import signal
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pexpect
import pytest
from hypothesis import given
from hypothesis import strategies as st
from rich.console import Console

from ccprofile.cli.render_hints import say_then_run
from tests.conftest import ccprofile_command, require_program
from tests.helpers import run_cli


@pytest.mark.parametrize(
    "args",
    [
        ["models", "--provider", "BEDROCK", "--json"],
        ["models", "--family", "HAIKU", "--json"],
        ["set-fast-model", "haiku-4.5", "--provider", "Vertex", "--shell", "ZSH", "--dry-run"],
    ],
)
def test_choices_are_case_insensitive(home: Path, args: list[str]) -> None:
    result = run_cli(args)
    assert result.returncode == 0, result.stderr


@pytest.mark.parametrize(
    ("args", "message"),
    [
        pytest.param(
            ["set-fast-model", "haiku-4.5", "--strict", "--force", "--shell", "zsh"],
            "--strict and --force exclude each other: --force skips the checks --strict makes",
            id="strict-and-force",
        ),
        pytest.param(
            ["set-model", "opus", "--strict", "--force", "--shell", "zsh"],
            "--strict and --force exclude each other: --force skips the checks --strict makes",
            id="strict-and-force-primary",
        ),
        pytest.param(
            [
                "set-fast-model",
                "haiku-4.5",
                "--aws-region",
                "us-west-2",
                "--provider",
                "anthropic",
                "--shell",
                "zsh",
            ],
            "--aws-region applies only to Bedrock, and the provider is anthropic; "
            "pass --provider bedrock if Claude Code uses Bedrock",
            id="aws-region-off-bedrock",
        ),
        pytest.param(
            ["status", "--project", "/nonexistent/project"],
            "--project /nonexistent/project: no such directory",
            id="missing-project",
        ),
    ],
)
def test_contradictory_or_meaningless_options_are_one_line_errors(
    home: Path, args: list[str], message: str
) -> None:
    result = run_cli(args)
    assert result.returncode == 2
    assert result.stderr == f"ccprofile: error: {message}\n"
    assert not (home / ".zshrc").exists()


@pytest.mark.parametrize(
    ("args", "line"),
    [
        pytest.param(
            ["set-fast-model", "haiku-4.5", "--provider", "bedrock", "--aws-region", "not a region"],
            "ccprofile: error: invalid AWS region 'not a region': a region looks like us-west-2 or "
            "eu-central-1",
            id="region-is-not-a-model",
        ),
        pytest.param(
            ["set-fast-model", "claude-haiku-4-5-20251001", "--provider", "bedrock"],
            "ccprofile: error: 'claude-haiku-4-5-20251001' is Haiku 4.5's ID on anthropic and anthropic_aws and "
            "anthropic_google_cloud and gateway, "
            "not on bedrock; on bedrock use us.anthropic.claude-haiku-4-5-20251001-v1:0",
            id="another-providers-id",
        ),
    ],
)
def test_messages_read_as_sentences(home: Path, args: list[str], line: str) -> None:
    result = run_cli([*args, "--shell", "zsh", "--dry-run"])
    assert result.returncode == 2
    assert result.stderr == line + "\n"


def test_a_family_name_says_the_full_id_was_pinned_not_the_name(home: Path) -> None:
    result = run_cli(["set-fast-model", "haiku", "--provider", "anthropic", "--shell", "zsh"])
    assert result.returncode == 0, result.stderr
    assert "haiku is a family name, not an ID (Claude Code would send it as is): the newest haiku is " in (
        " ".join(result.stdout.split())
    )
    assert "export ANTHROPIC_SMALL_FAST_MODEL='claude-haiku-5-5'" in (home / ".zshrc").read_text()


@pytest.mark.parametrize(
    ("key", "code", "said"),
    [
        ("Ctrl-D", 1, "ccprofile: error: no model chosen (end of input); nothing was written"),
        ("Ctrl-C", 130, "ccprofile: interrupted; nothing was written"),
    ],
)
def test_ctrl_d_or_ctrl_c_at_the_picker_cancels_and_writes_nothing(
    home: Path, key: str, code: int, said: str
) -> None:
    child = pexpect.spawn(
        ccprofile_command()[0],
        ["set-fast-model", "--shell", "zsh", "--provider", "anthropic"],
        env=dict(os.environ),
        encoding="utf-8",
        timeout=60,  # a loaded 2-core CI machine can take long to show the prompt
        # A runner started in the background by a shell without job control ignores SIGINT,
        # and so would this child: Ctrl-C must reach it as it reaches a terminal's program.
        preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),
    )
    child.expect(r"Choose 1-2, or type a model ID or name \[2\]: ")
    if key == "Ctrl-D":
        child.sendeof()
    else:
        child.sendintr()
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == code
    assert said in (child.before or "")
    assert not (home / ".zshrc").exists()


def test_backups_have_a_folder_per_file_named_by_time_and_are_printed_whole(home: Path) -> None:
    import re

    (home / ".zshrc").write_text("export PATH=/x\n")
    fish = home / ".config" / "fish" / "conf.d" / "ccprofile.fish"
    first = run_cli(["set-fast-model", "haiku-4.5", "--shell", "zsh"], env={**os.environ, "COLUMNS": "80"})
    assert first.returncode == 0, first.stderr
    run_cli(["set-fast-model", "haiku-4.5", "--shell", "fish"])
    run_cli(["set-fast-model", "haiku-5.5", "--shell", "fish"])
    backups = home / ".local" / "state" / "ccprofile" / "backups"
    assert sorted(p.name for p in backups.iterdir()) == ["config-fish-conf.d-ccprofile.fish", "zshrc"]
    (saved,) = (backups / "zshrc").iterdir()
    assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d-\d\d-\d\dZ(-\d\d)?", saved.name)
    assert saved.read_text() == "export PATH=/x\n"
    # One line, with ~, even at 80 columns: a path to copy is never wrapped.
    line = f"Previous version saved as ~/.local/state/ccprofile/backups/zshrc/{saved.name}"
    assert line in first.stdout.splitlines()
    assert fish.is_file() and len(list((backups / "config-fish-conf.d-ccprofile.fish").iterdir())) == 1


def test_status_json_does_not_import_rich_or_typer(home: Path) -> None:
    """Scripts and prompts call `status --json`: it must not pay for the table's imports
    (the time is measured in tests/benchmarks against a bare `python -c pass`)."""
    import subprocess
    import sys

    probe = (
        "import sys; sys.argv = ['ccprofile', 'status', '--json', '--shell', 'zsh']\n"
        "from ccprofile.cli.main import main\n"
        "try:\n    main()\nexcept SystemExit:\n    pass\n"
        "loaded = sorted(m for m in sys.modules if m.split('.')[0] in ('rich', 'typer', 'click', 'argparse'))\n"
        "print('LOADED', loaded, file=sys.stderr)\n"
        "print('POLICY', 'ccprofile.claude.allowed' in sys.modules, file=sys.stderr)\n"
    )
    result = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    assert "LOADED []" in result.stderr
    # The model policy's rules are loaded only where a settings file sets a policy.
    assert "POLICY False" in result.stderr
    assert '"background"' in result.stdout


# Nothing a user may copy is ever cut: at every width, each ID and path is printed whole.
WIDTHS = range(1, 301)
DEEP_PROJECT = "work/clients/a-rather-long-client-name/repository-with-a-long-name"


def _status_report(home: Path, project: Path) -> Any:
    from ccprofile.claude import status
    from ccprofile.claude.reading import read_inputs
    from ccprofile.machine.targets import resolve_target

    target = resolve_target("zsh", None, os.environ, sys.platform)
    return status.build(read_inputs(os.environ, target, project, sys.platform))


def _pinned_everywhere(home: Path) -> tuple[Path, list[str]]:
    """A bedrock pin in ~/.zshrc overridden by a settings file deep in a project: the longest
    IDs and paths status prints."""
    bedrock = "us.anthropic.claude-haiku-4-5-20251001-v1:0"
    assert (
        run_cli(
            ["set-fast-model", bedrock, "--provider", "bedrock", "--shell", "zsh", "--no-verify"]
        ).returncode
        == 0
    )
    project = home / DEEP_PROJECT
    (project / ".claude").mkdir(parents=True)
    settings = project / ".claude" / "settings.local.json"
    settings.write_text('{"env": {"ANTHROPIC_SMALL_FAST_MODEL": "claude-haiku-4-5-20251001"}}')
    whole = [
        bedrock,
        "claude-haiku-4-5-20251001",
        f"~/{DEEP_PROJECT}/.claude/settings.local.json",
        "~/.zshrc",
    ]
    return project, whole


def _printed(width: int, draw: Callable[[Console], None]) -> str:
    from ccprofile.cli.consoles import WholeWordsConsole

    console = WholeWordsConsole(width=width, file=io.StringIO(), color_system=None, highlight=False)
    draw(console)
    return console.file.getvalue()  # type: ignore[attr-defined]


def _cut(text: str, values: list[str]) -> list[str]:
    """Values some line of ``text`` ends in the middle of: printed in two pieces."""
    lasts = {line.split()[-1] for line in text.splitlines() if line.split()}
    return [
        value
        for value in values
        for last in lasts - set(values)
        if len(last) >= 12 and value.startswith(last.lstrip("(")) and value != last.lstrip("(")
    ]


def test_status_never_cuts_an_id_or_a_path_at_any_width(home: Path) -> None:
    from ccprofile.cli import render_status

    project, whole = _pinned_everywhere(home)
    report = _status_report(home, project)
    layouts = set()
    for width in WIDTHS:
        text = _printed(width, lambda console: render_status.show_status(console, report, home))
        missing = [value for value in whole if value not in text]
        assert not missing, f"at {width} columns: {missing} cut\n{text}"
        assert not _cut(text, whole), f"at {width} columns: {_cut(text, whole)} cut\n{text}"
        assert "…" not in text, f"at {width} columns"
        layouts.add("┏" in text)
    assert layouts == {True, False}  # both the table and the stacked layout were exercised


@pytest.mark.parametrize("provider", ["anthropic", "bedrock", "vertex", "foundry", "gateway"])
def test_models_never_cuts_an_id_at_any_width(provider: str) -> None:
    from ccprofile.claude import catalog
    from ccprofile.cli import render_models

    models = catalog.load()
    ids = [row.id for row in render_models.model_rows(models, provider, []) if row.id]
    assert ids
    for width in WIDTHS:
        text = _printed(width, lambda console: render_models.show_models(console, models, provider, []))
        missing = [value for value in ids if value not in text]
        assert not missing, f"{provider} at {width} columns: {missing} cut"
        assert not _cut(text, ids), f"{provider} at {width} columns"
        assert "…" not in text


@pytest.mark.parametrize("columns", [None, "1", "40", "80", "300"], ids=["piped", "1", "40", "80", "300"])
def test_the_installed_program_prints_ids_and_paths_whole(home: Path, columns: str | None) -> None:
    project, whole = _pinned_everywhere(home)
    env = {k: v for k, v in os.environ.items() if k != "COLUMNS"}
    if columns is not None:
        env["COLUMNS"] = columns
    status = subprocess.run(
        [*ccprofile_command(), "status", "--shell", "zsh"],
        env=env,
        cwd=project,
        capture_output=True,
        text=True,
    )
    assert status.returncode == 0, status.stderr
    assert all(value in status.stdout for value in whole), status.stdout
    models = run_cli(["models", "--provider", "bedrock"], env=env)
    assert "us.anthropic.claude-sonnet-4-5-20250929-v1:0" in models.stdout


def test_status_is_short_unless_asked(home: Path) -> None:
    """The table, layers only where the places that set a model disagree, warnings with ~ paths
    and one fix each, and a one-line footer; --verbose adds every layer and the caveats."""
    from ccprofile.cli import render_status

    project, _ = _pinned_everywhere(home)
    report = _status_report(home, project)
    short = _printed(200, lambda console: render_status.show_status(console, report, home))
    assert "Background, highest precedence first (the first one set wins):" in short
    assert "Primary," not in short  # nothing sets it: the table says so already
    assert str(home) not in short
    assert "cannot see `claude --model`" not in short
    warnings = [line for line in short.splitlines() if line.startswith("warning ")]
    fixes = [line for line in short.splitlines() if line.startswith("  Fix: ")]
    assert warnings and len(fixes) == len(warnings)
    assert short.splitlines()[-1] == (
        f"{len(warnings)} warnings. Claude Code {report.claude['rules']} rules. More: ccprofile status --verbose --shell zsh"
    )
    verbose = _printed(200, lambda console: render_status.show_status(console, report, home, verbose=True))
    assert "Primary, highest precedence first" in verbose
    assert "    nothing sets it: Claude Code's default applies" in verbose
    assert "cannot see `claude --model`" in verbose
    assert (
        verbose.splitlines()[-1] == f"{len(warnings)} warnings. Claude Code {report.claude['rules']} rules."
    )


def test_a_clean_status_ends_with_one_line_saying_so(home: Path) -> None:
    """One line where it fits; at 80 columns the command goes on a line of its own, whole."""
    result = run_cli(["status", "--shell", "zsh"], env={**os.environ, "COLUMNS": "100"})
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[-1].startswith("No problems found. Claude Code ")
    assert result.stdout.splitlines()[-1].endswith(" rules. More: ccprofile status --verbose --shell zsh")
    assert "nothing sets it" not in result.stdout  # the table already says "Claude Code default"
    narrow = run_cli(["status", "--shell", "zsh"], env={**os.environ, "COLUMNS": "80"}).stdout.splitlines()
    assert narrow[-2].startswith("No problems found. Claude Code ") and narrow[-2].endswith(" rules.")
    assert narrow[-1] == "More: ccprofile status --verbose --shell zsh"


def test_off_path_every_printed_command_names_the_way_ccprofile_was_run(home: Path) -> None:
    """Run from a virtualenv's bin with no `ccprofile` on PATH: the block's comment, the fixes
    and the errors name the path it was run as, which works when typed; with it on PATH they
    say `ccprofile`."""
    script = ccprofile_command()[0]
    path = os.pathsep.join(
        d for d in os.environ["PATH"].split(os.pathsep) if d and not (Path(d) / "ccprofile").exists()
    )
    off = {**os.environ, "PATH": path, "ANTHROPIC_SMALL_FAST_MODEL": "claude-haiku-4-5-2025101"}
    shown = script.replace(str(Path.home()), "~", 1) if script.startswith(str(Path.home())) else script
    status = run_cli(["status", "--shell", "zsh"], env={**off, "COLUMNS": "300"})
    assert "Fix: run `export ANTHROPIC_SMALL_FAST_MODEL='claude-haiku-4-5-20251001'`" in status.stdout
    assert f"More: {shown} status --verbose" in status.stdout
    refused = run_cli(["set-model", "claude-opus-4-7x", "--shell", "zsh"], env=off)
    assert f"(`{shown} models` lists the known IDs" in refused.stderr
    pinned = run_cli(["set-fast-model", "haiku-4.5", "--shell", "zsh", "--no-verify"], env=off)
    assert pinned.returncode == 0, pinned.stderr
    assert f"change with `{shown} set-fast-model`" in (home / ".zshrc").read_text()
    # The path printed runs: the comment's command, typed into a shell without ccprofile on PATH.
    typed = subprocess.run(
        ["bash", "-c", f"{shown.replace('~', str(Path.home()), 1)} --version"],
        env=off,
        capture_output=True,
        text=True,
        check=False,
    )
    assert typed.returncode == 0 and "ccprofile" in typed.stdout
    # A dry run shows the file's own bytes: a line that calls ccprofile is not rewritten.
    with (home / ".zshrc").open("a") as rc:
        rc.write("alias cs='ccprofile status'\n")
    dry = run_cli(["set-model", "sonnet", "--shell", "zsh", "--dry-run"], env=off)
    assert " alias cs='ccprofile status'" in dry.stdout
    # The same pin from an install on PATH leaves the file as it is (the comment is kept).
    again = run_cli(["set-fast-model", "haiku-4.5", "--shell", "zsh", "--no-verify"])
    assert again.returncode == 0, again.stderr
    assert "already pins" in again.stdout


def _commands_whole(text: str) -> None:
    """Every command in backticks starts and ends on one line; no line is `export` alone."""
    for line in text.splitlines():
        assert line.count("`") % 2 == 0, line
        assert line.strip() not in ("export", "source", "set -gx", "Fix:"), text


def test_commands_are_printed_whole_at_80_columns(home: Path) -> None:
    """A Bedrock ID beaten by a team's settings file, at 80 columns: the exports, the fish
    source line and the fix command each stay on one line (longer than 80 if they must)."""
    repo = home / "repo"
    (repo / ".claude").mkdir(parents=True)
    (repo / ".claude" / "settings.json").write_text('{"env": {"ANTHROPIC_SMALL_FAST_MODEL": "x"}}')
    env = {**os.environ, "COLUMNS": "80"}
    bedrock_id = "eu.anthropic.claude-haiku-4-5-20251001-v1:0"
    for shell in ("bash", "fish"):
        done = subprocess.run(
            [
                *ccprofile_command(),
                "set-fast-model",
                bedrock_id,
                "--provider",
                "bedrock",
                "--shell",
                shell,
                "--no-verify",
            ],
            cwd=repo,
            env=env,
            capture_output=True,
            text=True,
            check=False,
        )
        assert done.returncode == 0, done.stderr
        _commands_whole(done.stdout)
        assert (
            f"  export ANTHROPIC_SMALL_FAST_MODEL='{bedrock_id}'" in done.stdout.splitlines()
            or shell == "fish"
        )
        fix = next(line for line in done.stdout.splitlines() if "--scope local" in line)
        assert (
            f"`ccprofile set-fast-model {bedrock_id} --scope local --project {repo}`".replace(str(home), "~")
            in fix
        )
    status = subprocess.run(
        [*ccprofile_command(), "status", "--shell", "fish"],
        cwd=repo,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    _commands_whole(status.stdout)
    assert "source ~/.config/fish/conf.d/ccprofile.fish" in status.stdout


@pytest.mark.parametrize("columns", ["80", "60"])
def test_models_never_breaks_a_name_or_an_id(columns: str) -> None:
    for provider in ("anthropic", "bedrock", "vertex", "gateway", "foundry"):
        shown = run_cli(["models", "--provider", provider], env={**os.environ, "COLUMNS": columns}).stdout
        for name in ("Haiku 4.5", "Sonnet 4.5", "Opus 4.1"):
            assert name.replace(" ", "\u00a0") in shown or name in shown, (provider, name)
        assert "\u2026" not in shown  # nothing cut with an ellipsis
        if columns == "80":
            assert shown.count("\n") < 40, shown  # a table, not a name wrapped over 50 lines


@pytest.mark.parametrize(
    ("file", "content", "said"),
    [
        ("/etc/passwd", None, "/etc/passwd is a system file, not a zsh startup file"),
        ("settings.json", b"{}", "is a JSON file by its name, not a zsh startup file"),
        ("exports", b'{"env": {}}', "holds JSON, not zsh commands"),
    ],
)
def test_file_that_is_not_a_startup_file_is_refused_unless_forced(
    home: Path, file: str, content: bytes | None, said: str
) -> None:
    path = Path(file) if file.startswith("/") else home / file
    if content is not None:
        path.write_bytes(content)
    before = path.read_bytes()
    refused = run_cli(["set-fast-model", "haiku-4.5", "--shell", "zsh", "--file", str(path), "--dry-run"])
    assert refused.returncode == 2 and said in refused.stderr
    assert "--force writes it anyway" in refused.stderr and refused.stdout == ""  # no note first
    assert path.read_bytes() == before
    if content is not None:
        forced = run_cli(
            ["set-fast-model", "haiku-4.5", "--shell", "zsh", "--file", str(path), "--force", "--no-verify"]
        )
        assert forced.returncode == 0, forced.stderr


@pytest.mark.parametrize(
    "file",
    [
        "~/.zsh_local",
        "~/.bashrc.d/pins.sh",
        "~/.config/fish/conf.d/mine.fish",
        "/etc/zsh/zshrc",
        "/etc/skel/.profile",
        "/etc/profile.d/pins.sh",
        "/etc/bash.bashrc",
    ],
)
def test_a_startup_file_by_its_name_or_place_is_accepted(home: Path, file: str) -> None:
    """Real startup files are never taken for system files: a dry run shows the block."""
    path = Path(file.replace("~", str(home), 1))
    if file.startswith("~"):
        path.parent.mkdir(parents=True, exist_ok=True)
    dry = run_cli(["set-fast-model", "haiku-4.5", "--shell", "zsh", "--file", str(path), "--dry-run"])
    if not path.parent.is_dir():
        assert "does not exist" in dry.stderr  # no such system directory on this machine
        return
    assert dry.returncode == 0, dry.stderr
    assert "+# >>> ccprofile >>>" in dry.stdout


def _runs_cleanly(shell: str, path: Path) -> subprocess.CompletedProcess[str]:
    """The real ``shell`` reading ``path`` as it reads a startup file, then the pin it got."""
    return subprocess.run(
        [require_program(shell), "-c", f"source {path}; printenv ANTHROPIC_SMALL_FAST_MODEL"],
        capture_output=True,
        text=True,
        timeout=30,
    )


@pytest.mark.real_shell
@pytest.mark.parametrize(
    ("shell", "file", "reader"),
    # ~/.profile by no name of a shell's: sh, dash, ksh and a login bash read it.
    [
        ("fish", ".bashrc", "bash"),
        ("tcsh", ".zshrc", "zsh"),
        ("bash", ".tcshrc", "tcsh"),
        ("fish", ".profile", "bash"),
    ],
)
def test_another_shells_file_that_cannot_run_the_lines_is_refused_unless_forced(
    home: Path, shell: str, file: str, reader: str
) -> None:
    """fish's `set -gx` in ~/.bashrc would fail in every new bash: refused, and the real reader
    shows why once --force writes it anyway."""
    path = home / file
    path.write_text("alias x=y\n" if reader != "tcsh" else "alias x y\n")
    before = path.read_bytes()
    command = ["set-fast-model", "claude-haiku-4-5-20251001", "--shell", shell, "--file", str(path)]
    refused = run_cli(command)
    assert refused.returncode == 2 and path.read_bytes() == before
    assert refused.stderr == (
        f"ccprofile: error: {path} is read by {reader}, and {reader} cannot run {shell}'s lines; "
        "nothing was written (--force writes it anyway)\n"
    )
    assert _runs_cleanly(reader, path).stderr == ""
    assert run_cli([*command, "--force", "--no-verify"]).returncode == 0
    assert _runs_cleanly(reader, path).stderr != ""  # what the refusal spared every new terminal


@pytest.mark.real_shell
@pytest.mark.parametrize(
    ("shell", "file", "reader"), [("zsh", "conf.d/mine.fish", "fish"), ("bash", ".zshrc", "zsh")]
)
def test_another_shells_file_that_runs_the_lines_is_written(
    home: Path, shell: str, file: str, reader: str
) -> None:
    """POSIX exports work in zsh's file and in fish's (its `export` function): no refusal."""
    path = home / file
    path.parent.mkdir(parents=True, exist_ok=True)
    written = run_cli(["set-fast-model", "claude-haiku-4-5-20251001", "--shell", shell, "--file", str(path)])
    assert written.returncode == 0, written.stderr
    ran = _runs_cleanly(reader, path)
    assert (ran.stderr, ran.stdout) == ("", "claude-haiku-4-5-20251001\n")


def test_binary_content_is_refused_even_with_force(home: Path) -> None:
    blob = home / "blob"
    blob.write_bytes(b"\x7fELF\x00\x01")
    forced = run_cli(
        ["set-fast-model", "haiku-4.5", "--shell", "zsh", "--file", str(blob), "--force", "--no-verify"]
    )
    assert forced.returncode == 1 and "contains NUL bytes" in forced.stderr
    assert blob.read_bytes() == b"\x7fELF\x00\x01"


def test_a_tilde_in_a_quoted_path_option_is_the_home_directory(home: Path) -> None:
    (home / "repo").mkdir()
    status = run_cli(["status", "--json", "--project", "~/repo"])
    assert status.returncode in (0, 1), status.stderr
    assert json.loads(status.stdout)["project"]["directory"] == str(home / "repo")
    done = run_cli(["set-fast-model", "haiku-4.5", "--shell", "zsh", "--file", "~/.zsh_local", "--no-verify"])
    assert done.returncode == 0, done.stderr
    assert (home / ".zsh_local").exists() and not Path("~").exists()


def test_no_note_before_a_usage_error_and_no_claim_in_a_dry_run(home: Path) -> None:
    bad = run_cli(["set-fast-model", "haiku-4.5", "--scope", "nowhere"])
    assert bad.returncode == 2 and bad.stdout == ""
    dry = run_cli(["set-fast-model", "haiku-4.5", "--shell", "zsh", "--dry-run"])
    said = " ".join(dry.stdout.split())
    assert "whose anthropic ID is claude-haiku-4-5-20251001" in said
    for claim in ("Pinned", "pinned claude", "Removed", "Created", "Updated"):
        assert claim not in said, claim
    shell = run_cli(["set-fast-model", "haiku-4.5", "--shell", "nushell"])
    assert shell.stderr.strip() == (
        "ccprofile: error: unsupported shell 'nushell': supported are bash, csh, dash, fish, ksh, powershell, pwsh, sh, tcsh, zsh"
    )


@pytest.mark.parametrize("width", [40, 80])
def test_a_fix_that_is_one_long_command_follows_its_label_with_one_space(width: int) -> None:
    """A command longer than the line goes whole after "Fix: ", not after three spaces (a
    fresh-eyes trial saw "Fix:   `...`" in a deep temporary home)."""
    from rich.console import Console

    from ccprofile.cli.render import say

    console = Console(width=width, record=True, force_terminal=False)
    command = "`ccprofile unset-fast-model --scope local --project /tmp/some/deep/home/of/a/repository`"
    say(console, f"{command}.", indent="  ", lead="[bold]Fix:[/bold] ")
    said = console.export_text()
    assert said == f"  Fix: {command}.\n"


@given(
    st.lists(st.text(st.sampled_from("abc-=@."), min_size=1, max_size=30), min_size=1, max_size=12),
    st.integers(20, 60),
)
def test_a_message_whose_first_word_does_not_fit_after_its_lead_stays_in_the_width(
    words: list[str], width: int
) -> None:
    """ "warning new-terminal-provider: " with a long ID after it: the message starts on the next
    line (which it was wrapped for), so no line is wider than the terminal unless one word is."""
    from rich.console import Console

    from ccprofile.cli.render import say

    console = Console(width=width, record=True, force_terminal=False)
    say(console, " ".join(words), indent="  ", lead="[bold]warning some-code:[/bold] ")
    lines = console.export_text().splitlines()
    assert [w for line in lines for w in line.split()] == ["warning", "some-code:", *words]
    for line in lines:
        # Wider only where one word is wider than a line: alone, or after the lead.
        alone = line.split()[-1]
        assert len(line) <= width or (
            len(alone) + 2 > width and line.strip() in (alone, f"warning some-code: {alone}")
        ), lines


def test_a_new_terminals_doubt_is_said_in_the_stacked_layout_too(home: Path) -> None:
    """Too narrow for the table, each model is a pair of lines: a new terminal's that rests on
    a line ccprofile cannot follow says so there, as the table's cell does."""
    from ccprofile.cli import render_status

    bedrock = "us.anthropic.claude-haiku-4-5-20251001-v1:0"
    (home / ".zshrc").write_text(f'eval "$(cat ~/.aws-env)"\nexport ANTHROPIC_SMALL_FAST_MODEL={bedrock}\n')
    report = _status_report(home, home)
    text = _printed(60, lambda console: render_status.show_status(console, report, home))
    assert "┏" not in text
    fresh = text.split("claude started from a new terminal:")[1].split("Primary model")[0]
    assert fresh.split() == [
        bedrock,
        *["startup", "file", "~/.zshrc:2", "(ANTHROPIC_SMALL_FAST_MODEL)"],
        *["not", "certain:", "see", "the", "warnings"],
    ]
    assert "claude started from this shell:" in text


@pytest.mark.parametrize(
    ("width", "printed"),
    [
        (200, "New terminals pick this up. For this terminal run:  source ~/.zshrc\n"),
        (60, "New terminals pick this up.\nFor this terminal run:  source ~/.zshrc\n"),
        (30, "New terminals pick this up.\nFor this terminal run:\n  source ~/.zshrc\n"),
        (20, "New terminals pick\nthis up.\nFor this terminal run:\n  source ~/.zshrc\n"),
    ],
)
def test_a_hint_keeps_its_lead_and_its_command_whole_at_any_width(width: int, printed: str) -> None:
    out = io.StringIO()
    console = Console(file=out, width=width, no_color=True, highlight=False)
    say_then_run(console, "New terminals pick this up.", "For this terminal run:", "source ~/.zshrc")
    assert out.getvalue() == printed


def test_a_shell_named_with_shell_is_named_in_the_fixes_and_the_fix_run_as_printed_works(
    home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The user's terminals run bash; they ask about zsh. A fix's `ccprofile set-fast-model`
    without `--shell zsh` would pin in ~/.bashrc and leave zsh as it was."""
    from typer.testing import CliRunner

    from ccprofile.cli.app import app
    from ccprofile.machine import detect

    h45 = "claude-haiku-4-5-20251001"
    env = {**os.environ, "SHELL": "/bin/bash", "ANTHROPIC_SMALL_FAST_MODEL": h45}
    report = json.loads(run_cli(["status", "--json", "--shell", "zsh"], env).stdout)
    [stale] = [w["message"] for w in report["warnings"] if w["code"] == "stale-in-this-shell"]
    assert f"`ccprofile set-fast-model {h45} --shell zsh` pins it for new terminals too" in stale
    shown = run_cli(["status", "--shell", "zsh"], {**env, "COLUMNS": "200"}).stdout
    assert f"`ccprofile set-fast-model {h45} --shell zsh`" in shown
    assert shown.splitlines()[-1].endswith("More: ccprofile status --verbose --shell zsh")

    assert run_cli(["set-fast-model", h45, "--shell", "zsh", "--no-verify"], env).returncode == 0
    assert (home / ".zshrc").exists() and not (home / ".bashrc").exists()
    after = json.loads(run_cli(["status", "--json", "--shell", "zsh"], env).stdout)
    assert "stale-in-this-shell" not in {w["code"] for w in after["warnings"]}

    # Found by detection, the shell is the one the command detects too: no --shell.
    monkeypatch.setattr(detect, "ancestors", lambda: [])
    (home / ".zshrc").unlink()
    detected = CliRunner().invoke(app, ["status", "--json"], env={**env, "SHELL": "/bin/zsh"})
    [again] = [
        w["message"] for w in json.loads(detected.stdout)["warnings"] if w["code"] == "stale-in-this-shell"
    ]
    assert f"`ccprofile set-fast-model {h45}` pins it" in again
