"""Fixes in words: each of ccprofile's commands by its name and flags, for the terminal and
the JSON alike (``claude/fixes.py`` says what a fix does, never what it is called)."""

from __future__ import annotations

import shlex
from pathlib import Path

from ccprofile.claude import fixes
from ccprofile.claude.fixes import Command, Fix
from ccprofile.claude.variables import FAST, HAIKU, PRIMARY, REGION, SUBAGENT
from ccprofile.machine import detect
from ccprofile.startup.shells import in_a_variable

# The commands for each variable ccprofile pins: (set, unset).
COMMANDS = {
    FAST: ("set-fast-model", "unset-fast-model"),
    HAIKU: ("set-fast-model", "unset-fast-model"),
    REGION: ("set-fast-model --aws-region", "unset-fast-model"),
    PRIMARY: ("set-model", "unset-model"),
    SUBAGENT: ("set-subagent-model", "unset-subagent-model"),
}


def path_word(text: str) -> str:
    """``text`` as one word of a command line; a leading ``~/`` stays unquoted, to expand, as
    does a leading ``$VAR/`` (``shells.in_a_variable``)."""
    if text.startswith("~/"):
        return "~/" + shlex.quote(text[2:])
    return in_a_variable(text) or shlex.quote(text)


def command(step: Command, shell: str | None = None) -> str:
    """The command line of ``step``, as the user types it; ``shell``: the shell a startup
    file's pin names (``carried``), None where detection picks it."""
    # Quoted where the shell would split or expand them: a path with a space, a `[1m]` model.
    in_startup_file = step.scope in (None, "shell")
    where = "" if in_startup_file else f" --scope {step.scope}"
    where += f" --project {path_word(step.project)}" if step.project else ""
    if step.action in (fixes.PIN, fixes.UNPIN):
        assert step.variable is not None, "a pin names its variable"
        pin, unpin = COMMANDS[step.variable]
        named = f" {path_word(step.value)}" if step.value is not None else ""
        where += f" --file {path_word(step.file)}" if step.file else ""
        where += f" --shell {shell}" if shell and in_startup_file and not step.file else ""
        return f"ccprofile {pin}{named}{where}" if step.action == fixes.PIN else f"ccprofile {unpin}{where}"
    if step.action == fixes.UNINSTALL:
        return f"ccprofile uninstall --file {path_word(str(step.file))}"
    if step.action == fixes.PIN_IN:
        return f"--file {path_word(str(step.file))}"
    if step.action == fixes.PROBE:
        return on_shell("ccprofile status --probe", shell)
    assert step.action == fixes.MODELS, step.action
    region = f"AWS_REGION={step.region} " if step.region else ""
    provider = f" --provider {step.provider}" if step.provider else ""
    return f"{region}ccprofile models{provider}"


_SHELL_REASONS = {
    detect.NAMED: "as given with --shell",
    detect.RUNNING: "the shell you ran ccprofile from",
    detect.LOGIN_SHELL: "your login shell ($SHELL)",
}


def shell_reason(reason: str, file: Path | None) -> str:
    """Why this shell (``reason``, one of machine/detect's), in words; ``file``: the file
    whose name chose it."""
    if reason == detect.FILE_NAME:
        return f"the name of {file.name}" if file is not None else "the name of the file"
    return _SHELL_REASONS[reason]


def carried(shell: str | None, reason: str) -> str | None:
    """The shell a fix's command names: the one given with ``--shell``, so that the command
    writes the file this run looked at; elsewhere the command detects the same shell."""
    return shell if reason == detect.NAMED else None


def on_shell(command: str, shell: str | None) -> str:
    """``command`` naming ``shell`` with ``--shell``, where one is carried."""
    return f"{command} --shell {shell}" if shell else command


def words(fix: Fix, shell: str | None = None) -> str:
    """The fix without its "Fix:" and its full stop: commands in backticks."""
    return "".join(part if isinstance(part, str) else f"`{command(part, shell)}`" for part in fix)


def sentence(fix: Fix, shell: str | None = None) -> str:
    """``Fix: ... .``, or nothing when there is no fix."""
    return f"Fix: {words(fix, shell)}." if fix else ""


def said(message: str, fix: Fix, shell: str | None = None) -> str:
    """A problem and its fix as one paragraph, as the JSON and ``--strict`` give it."""
    return f"{message} {sentence(fix, shell)}" if fix else message
