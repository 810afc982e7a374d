"""Reliability: crash safety under SIGKILL, 32 concurrent writers, write failures, bad input.

Run longer with ``pytest tests/test_reliability.py --soak`` (1,000 kills instead of 40).
"""

from __future__ import annotations

import json
import os
import re
import signal
import subprocess
from pathlib import Path

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from ccprofile.claude.variables import FAST, HAIKU, PINNABLE
from ccprofile.errors import CcprofileError
from ccprofile.startup import block, profile
from ccprofile.startup.shells import SHELLS
from ccprofile.startup.syntax import parse_any
from tests.conftest import ccprofile_command
from tests.helpers import CLAUDE_WRITTEN, killed_at_random_moments, run_all_at_once, run_cli
from tests.writes import remove_block, update_block, update_settings

ZSH = SHELLS["zsh"]
H45, H55 = "claude-haiku-4-5-20251001", "claude-haiku-5-5"
USER_LINES = [f"export USER_VAR_{i}='value {i}'  # line {i}\n" for i in range(20_000)]  # ~0.9 MB

_REWRITER = """
import sys
from pathlib import Path
from ccprofile.claude.variables import PINNABLE
from ccprofile.startup.shells import SHELLS
from tests.writes import update_block
path, backups = Path(sys.argv[1]), Path(sys.argv[2])
values = ("claude-haiku-4-5-20251001", "claude-haiku-5-5")
i = 0
print("ready", flush=True)
while True:
    value = values[i % 2]
    update_block(path, SHELLS["zsh"], lambda pins: {**pins, "ANTHROPIC_SMALL_FAST_MODEL": value}, names=PINNABLE, backup_dir=backups)
    i += 1
"""


def _variants(original: str) -> set[bytes]:
    payload = "export ANTHROPIC_SMALL_FAST_MODEL='{}'"
    return {original.encode()} | {
        block.apply(original, [payload.format(v)]).text.encode()
        for v in ("claude-haiku-4-5-20251001", "claude-haiku-5-5")
    }


def test_sigkill_at_random_moments_leaves_old_or_new_bytes(
    home: Path, request: pytest.FixtureRequest
) -> None:
    kills = 1000 if request.config.getoption("--soak") else 40
    rc = home / ".zshrc"
    original = "".join(USER_LINES[:10_000]) + "".join(USER_LINES[10_000:])
    rc.write_text(original)
    valid = _variants(original)
    for _ in killed_at_random_moments(_REWRITER, [str(rc), str(home / "backups")], kills, seed=1234):
        assert rc.read_bytes() in valid
    # A later run removes whatever temp file a killed one left behind.
    update_block(rc, ZSH, lambda pins: pins, names=PINNABLE, backup_dir=home / "backups")
    assert not list(home.glob(".zshrc.*.ccprofile.tmp"))


def test_32_concurrent_writers_leave_one_well_formed_block(home: Path) -> None:
    rc = home / ".zshrc"
    user_lines = USER_LINES[:200]
    rc.write_text("".join(user_lines))
    commands = []
    written = set()
    for i in range(32):
        kind = i % 4
        if kind in (0, 1):
            value = f"claude-haiku-{i}-0"
            written.add(value)
            commands.append(["set-fast-model", value, "--shell", "zsh", "--force"])
        elif kind == 2:
            commands.append(["unset-fast-model", "--shell", "zsh"])
        else:
            commands.append(["uninstall", "--shell", "zsh"])
    run_all_at_once(commands)
    text = rc.read_text()
    blocks = block.find_blocks(text)
    assert len(blocks) <= 1
    if blocks:
        pins = profile.read_block(rc, blocks[0], PINNABLE).pins
        assert pins.get(FAST) in written
    remaining = [line for line in text.splitlines(keepends=True) if line in user_lines]
    assert remaining == user_lines


def test_full_disk_is_a_clean_error(home: Path) -> None:
    rc = home / ".zshrc"
    original = "".join(USER_LINES[:200])
    rc.write_text(original)

    def limit() -> None:
        import resource

        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # get EFBIG instead of being killed
        resource.setrlimit(resource.RLIMIT_FSIZE, (4096, 4096))

    result = subprocess.run(
        [*ccprofile_command(), "set-fast-model", "claude-haiku-4-5-20251001", "--shell", "zsh"],
        capture_output=True,
        text=True,
        preexec_fn=limit,  # runs before exec in the child only; no threads here
        check=False,
    )
    assert result.returncode == 1
    assert re.fullmatch(
        r"ccprofile: error: cannot (write|back up) \S+\.zshrc: File too large\n", result.stderr
    )
    assert rc.read_text() == original
    assert not list(home.glob(".zshrc.*.ccprofile.tmp"))


BEGIN, END = block.BEGIN, block.END
BAD_VALUES = [
    "claude haiku",
    "a'b",
    'a"b',
    "$(id)",
    "`id`",
    "a\nb",
    "a\rb",
    "a\\b",
    "a;b",
    "a|b",
    "a&b",
    "a>b",
    "a<b",
    "",
    "x" * 300,
    "a\tb",
    "clаude-haiku",  # noqa: RUF001  # a Cyrillic homoglyph, on purpose
    "a*b",
    "~/x",
    "a!b",
]
BAD_FILES = {
    "begin-without-end": f"a\n{BEGIN}\nb\n",
    "end-without-begin": f"a\n{END}\n",
    "nested": f"{BEGIN}\n{BEGIN}\n{END}\n{END}\n",
    "crlf-begin-without-end": f"a\r\n{BEGIN}\r\n",
    "binary": "\0\1\2ELF",
}


@pytest.mark.parametrize("value", BAD_VALUES, ids=[f"value-{i}" for i in range(len(BAD_VALUES))])
def test_bad_model_value(home: Path, value: str) -> None:
    (home / ".zshrc").write_text("keep\n")
    result = run_cli(["set-fast-model", value, "--shell", "zsh", "--force"])
    assert (
        result.returncode == 2
        and result.stderr.count("\n") == 1
        and result.stderr.startswith("ccprofile: error:")
    )
    assert (home / ".zshrc").read_text() == "keep\n"


@pytest.mark.parametrize("name", list(BAD_FILES))
def test_bad_startup_file(home: Path, name: str) -> None:
    rc = home / ".zshrc"
    rc.write_bytes(BAD_FILES[name].encode())
    for args in (["set-fast-model", "claude-haiku-4-5-20251001"], ["uninstall"]):
        result = run_cli([*args, "--shell", "zsh"])
        assert result.returncode == 1 and result.stderr.count("\n") == 1
        assert str(rc) in result.stderr
        assert rc.read_bytes() == BAD_FILES[name].encode()


@pytest.mark.parametrize(
    ("args", "env", "message"),
    [
        pytest.param(["--shell", "nu"], {}, "unsupported shell 'nu'", id="unknown-shell"),
        pytest.param(["--shell", "zsh"], {"HOME": ""}, "HOME is not set", id="home-unset"),
        pytest.param(
            ["--shell", "zsh"], {"HOME": "relative/home"}, "HOME is a relative path", id="home-relative"
        ),
        pytest.param(
            ["--shell", "zsh"],
            {"ZDOTDIR": "/nonexistent/zdot"},
            "ZDOTDIR points to /nonexistent/zdot",
            id="zdotdir-nowhere",
        ),
        pytest.param(["--provider", "azure"], {}, "unknown provider 'azure'", id="unknown-provider"),
        pytest.param(
            ["--provider", "bedrock", "--shell", "zsh"],
            {},
            "is Haiku 4.5's ID on vertex, not on bedrock",
            id="wrong-provider-id",
        ),
    ],
)
def test_bad_environment_or_option(home: Path, args: list[str], env: dict[str, str], message: str) -> None:
    model = "claude-haiku-4-5@20251001" if "bedrock" in args else "claude-haiku-4-5-20251001"
    result = run_cli(["set-fast-model", model, *args], {**os.environ, **env})
    assert result.returncode != 0 and result.stderr.count("\n") == 1
    assert message in result.stderr
    assert list(home.iterdir()) == []


def test_invalid_settings_json_fails_check_with_a_named_file(home: Path) -> None:
    settings_file = home / ".claude" / "settings.json"
    settings_file.parent.mkdir()
    settings_file.write_text("{oops")
    result = run_cli(["status", "--check", "--json", "--shell", "zsh"])
    assert result.returncode == 1
    warnings = json.loads(result.stdout)["warnings"]
    assert [w["code"] for w in warnings] == ["invalid-settings"] and str(settings_file) in warnings[0][
        "message"
    ]
    assert settings_file.read_text() == "{oops"


_PIECES = [
    b"a",
    b" ",
    b"#",
    b"\n",
    b"\r\n",
    b"\r",
    b"\0",
    b"\xff",
    block.BEGIN.encode(),
    block.END.encode(),
    b"\n" + block.BEGIN.encode() + b"\n",
    b"\n" + block.END.encode() + b"\n",
    block.OWNERSHIP.encode() + b"\n",
    b"export ANTHROPIC_MODEL='claude-opus-4-5'\n",
    b"export ANTHROPIC_SMALL_FAST_MODEL=old\n",
    b"export USER_THING=1\n",
]
_startup_bytes = st.one_of(
    st.binary(max_size=300), st.lists(st.sampled_from(_PIECES), max_size=30).map(b"".join)
)


def _why_refused(data: bytes) -> str | None:
    """The reasons a startup file deserves a refusal, stated apart from the code under test."""
    if b"\0" in data:
        return "NUL bytes"
    text = data.decode("utf-8", "surrogateescape")
    try:
        blocks = block.find_blocks(text)
    except block.MarkerError:
        return "unbalanced markers"
    for line in blocks[0].body if blocks else ():
        if not line.strip() or block.is_own_comment(line):
            continue
        statement = parse_any(line)
        if statement is None or statement.name not in PINNABLE or statement.value is None:
            return "a line of the user's inside the block"
    return None


@settings(max_examples=400, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(_startup_bytes)
# Found by this test: a CRLF begin fence with an LF end fence and text after it; the same
# block after a lone LF at the end of the file; a duplicate block after a blank line.
@example(b"# >>> ccprofile >>>\r\n# <<< ccprofile <<<\na")
@example(b"\n# >>> ccprofile >>>\r\n# <<< ccprofile <<<")
@example(b"# >>> ccprofile >>>\n# <<< ccprofile <<<\n\n# >>> ccprofile >>>\n# <<< ccprofile <<<\na")
def test_fuzz_a_real_write_refuses_only_what_deserves_it_and_round_trips_the_rest(
    home: Path, data: bytes
) -> None:
    rc = home / ".zshrc"
    rc.write_bytes(data)
    reason = _why_refused(data)
    try:
        update_block(rc, ZSH, lambda pins: {**pins, FAST: "m"}, names=PINNABLE, backup_dir=home / "b")
    except CcprofileError as error:
        assert reason is not None, f"refused a file that deserves no refusal: {error}"
        assert rc.read_bytes() == data  # a refusal writes nothing
        return
    assert reason is None, f"accepted a file with {reason}"
    written = rc.read_bytes().decode("utf-8", "surrogateescape")
    (found,) = block.find_blocks(written)  # duplicates collapse into one block
    assert profile.read_block(rc, found, PINNABLE).pins[FAST] == "m"
    remove_block(rc, ZSH, names=PINNABLE, backup_dir=home / "b")
    restored = rc.read_bytes() if rc.exists() else b""
    # With no block before, the round trip gives back every byte; with one, what removing it gives.
    original = data.decode("utf-8", "surrogateescape")
    if not block.find_blocks(original):
        assert restored == data
    assert restored.decode("utf-8", "surrogateescape") == block.remove(original).text


@settings(max_examples=300, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.binary(max_size=400))
def test_fuzz_block_parser_on_arbitrary_bytes_never_crashes_or_writes(home: Path, data: bytes) -> None:
    rc = home / ".zshrc"
    rc.write_bytes(data)
    try:
        update_block(
            rc, ZSH, lambda pins: {**pins, FAST: "m"}, names=PINNABLE, backup_dir=home / "b", dry_run=True
        )
        remove_block(rc, ZSH, names=PINNABLE, backup_dir=home / "b", dry_run=True)
    except CcprofileError as error:
        assert str(error)
    assert rc.read_bytes() == data


# The reliability suite, for settings files: SIGKILL, 32 writers, a full disk, a read-only file.

_SETTINGS_REWRITER = """
import sys
from pathlib import Path
from tests.writes import update_settings
path, state = Path(sys.argv[1]), Path(sys.argv[2])
values = ("claude-haiku-4-5-20251001", "claude-haiku-5-5")
i = 0
print("ready", flush=True)
while True:
    value = values[i % 2]
    update_settings(path, "user", lambda pins: {**pins, "ANTHROPIC_SMALL_FAST_MODEL": value},
                         state_dir=state, backup_dir=state / "backups")
    i += 1
"""


def test_sigkill_during_settings_writes_leaves_valid_json_with_everything_else(
    home: Path, request: pytest.FixtureRequest
) -> None:
    kills = 1000 if request.config.getoption("--soak") else 30
    path = home / ".claude" / "settings.json"
    path.parent.mkdir()
    big = json.loads(CLAUDE_WRITTEN)
    big["permissions"]["allow"] = [f"Bash(tool-{i})" for i in range(5000)]
    path.write_text(json.dumps(big, indent=2, ensure_ascii=False) + "\n")
    for _ in killed_at_random_moments(_SETTINGS_REWRITER, [str(path), str(home / "state")], kills, seed=99):
        document = json.loads(path.read_text())  # always whole JSON
        assert document["permissions"] == big["permissions"] and document["theme"] == "dark"
        assert document["env"].get(FAST) in (None, H45, H55)
    update_settings(path, "user", None, state_dir=home / "state", backup_dir=home / "state" / "backups")
    assert json.loads(path.read_text())["env"] == big["env"]
    assert not list(path.parent.glob("*.ccprofile.tmp"))


def test_32_concurrent_settings_writers_leave_one_well_formed_file(home: Path) -> None:
    path = home / ".claude" / "settings.json"
    path.parent.mkdir()
    path.write_text(CLAUDE_WRITTEN)
    commands = []
    for i in range(32):
        kind = i % 4
        if kind in (0, 1):
            commands.append(["set-fast-model", f"claude-haiku-{i}-0", "--scope", "user", "--force"])
        elif kind == 2:
            commands.append(["unset-fast-model", "--scope", "user"])
        else:
            commands.append(["uninstall", "--scope", "user"])
    run_all_at_once(commands)
    document = json.loads(path.read_text())
    expected = json.loads(CLAUDE_WRITTEN)
    assert {k: v for k, v in document.items() if k != "env"} == {
        k: v for k, v in expected.items() if k != "env"
    }
    assert {k: v for k, v in document["env"].items() if k not in (FAST, HAIKU)} == expected["env"]
    assert run_cli(["uninstall", "--scope", "user"]).returncode == 0
    assert path.read_text() == CLAUDE_WRITTEN


def test_a_full_disk_is_a_clean_error_for_settings(home: Path) -> None:
    path = home / ".claude" / "settings.json"
    path.parent.mkdir()
    big = json.loads(CLAUDE_WRITTEN)
    big["permissions"]["allow"] = [f"Bash(tool-{i})" for i in range(500)]
    original = json.dumps(big, indent=2) + "\n"
    path.write_text(original)

    def limit() -> None:
        import resource

        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        resource.setrlimit(resource.RLIMIT_FSIZE, (4096, 4096))

    result = subprocess.run(
        [*ccprofile_command(), "set-fast-model", H45, "--scope", "user"],
        capture_output=True,
        text=True,
        preexec_fn=limit,
        check=False,
    )
    assert result.returncode == 1
    assert re.fullmatch(
        r"ccprofile: error: cannot (write|back up) \S+(settings|settings-pins)\.json: File too large\n",
        result.stderr,
    )
    assert path.read_text() == original
    assert not list(path.parent.glob("*.ccprofile.tmp"))


def test_a_read_only_settings_file_is_refused_untouched(home: Path) -> None:
    path = home / ".claude" / "settings.json"
    path.parent.mkdir()
    path.write_text(CLAUDE_WRITTEN)
    path.chmod(0o444)
    result = run_cli(["set-fast-model", H45, "--scope", "user"], respect_permissions=True)
    assert result.returncode == 1
    assert result.stderr.startswith("ccprofile: error: ") and str(path) in result.stderr
    assert path.read_text() == CLAUDE_WRITTEN


def test_a_failed_strict_verification_puts_the_file_back_byte_for_byte_in_this_process(home: Path) -> None:
    """--verify --strict after a write a real bash does not reach (a Windows-written ~/.bashrc
    whose `return` runs before the block): the file's bytes and mode as they were. In this
    process, what mutation testing sees."""
    from typer.testing import CliRunner

    from ccprofile.cli.app import app
    from tests.conftest import require_program

    require_program("bash")
    rc = home / ".bashrc"
    rc.write_bytes(b"# ~/.bashrc\r\ncase $- in\r\n    *i*) ;;\r\n      *) return;;\r\nesac\r\n")
    rc.chmod(0o640)
    env = {"COLUMNS": "200"}
    written = CliRunner().invoke(app, ["set-fast-model", H45, "--shell", "bash", "--no-verify"], env=env)
    (saved,) = (home / ".local" / "state" / "ccprofile" / "backups" / "bashrc").iterdir()
    assert f"Previous version saved as ~/.local/state/ccprofile/backups/bashrc/{saved.name}" in written.output
    before = rc.read_bytes()
    args = ["set-fast-model", H55, "--shell", "bash", "--verify", "--strict"]
    result = CliRunner().invoke(app, args, env=env)
    assert result.exit_code == 1, result.output
    assert "was put back as it was, and nothing was written" in result.output
    assert rc.read_bytes() == before and rc.stat().st_mode & 0o777 == 0o640


def test_a_read_only_startup_file_is_refused_untouched_even_for_root(home: Path) -> None:
    """Its bits are the user's choice: root, whom the system lets write it, is refused too."""
    from typer.testing import CliRunner

    from ccprofile.cli.app import app

    rc = home / ".bashrc"
    rc.write_text("# mine\n")
    rc.chmod(0o444)
    result = CliRunner().invoke(app, ["set-fast-model", H45, "--shell", "bash", "--no-verify"])
    assert result.exit_code == 1
    assert result.output.splitlines()[-1] == f"ccprofile: error: cannot write {rc}: the file is read-only"
    assert rc.read_text() == "# mine\n" and rc.stat().st_mode & 0o777 == 0o444


def test_a_read_only_folder_is_refused_even_for_root(home: Path) -> None:
    from typer.testing import CliRunner

    from ccprofile.cli.app import app

    conf_d = home / ".config" / "fish" / "conf.d"
    conf_d.mkdir(parents=True)
    conf_d.chmod(0o555)
    result = CliRunner().invoke(app, ["set-fast-model", H45, "--shell", "fish", "--no-verify"])
    conf_d.chmod(0o755)
    assert result.exit_code == 1
    assert result.output.splitlines()[-1] == (
        f"ccprofile: error: cannot write {conf_d / 'ccprofile.fish'}: directory {conf_d} is not writable"
    )
    assert list(conf_d.iterdir()) == []
