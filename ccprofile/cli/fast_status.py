"""``ccprofile status`` without typer: the command shells and prompts run most often.

typer turns every option that is not a plain flag into a pydantic TypeAdapter when it parses
a command line, and the first one imports pydantic's schema generator; with typer itself that
is most of the time status would take. So ``main`` hands ``status`` command lines to
``parse`` first. ``OPTIONS`` is the one table of status's options: ``parse`` reads command
lines with it, and ``show_commands`` builds typer's declaration from it. ``parse`` accepts
only the plain forms (``--flag``, ``--option VALUE``, ``--option=VALUE``); anything else
(``--help``, a typo, a missing value, a file given as ``--project``) returns None and typer
parses the line instead, so its messages and help stay the only ones. tests/test_cli.py
checks that both paths print and exit alike.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path

from ccprofile.errors import BadValue, CcprofileError
from ccprofile.startup.shells import SHELLS
from ccprofile.system import platforms

# typing costs status 3 ms to import; the annotations that name Any are never evaluated.
TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

SHELL_HELP = f"Shell whose startup file to change ({', '.join(SHELLS)}); detected if not given."
STATUS_SHELL_HELP = f"Shell whose new terminals to predict ({', '.join(SHELLS)}); detected if not given."


class Option:
    """One option of ``status``: its flag, where its value goes, its kind and its help. A plain class: status
    imports it, and a dataclass costs status a millisecond to create (docs/performance.md)."""

    __slots__ = ("dest", "flag", "help", "kind", "metavar")

    def __init__(self, flag: str, dest: str, kind: type, help: str, metavar: str | None = None) -> None:
        self.flag = flag
        self.dest = dest
        self.kind = kind  # bool for a flag; str or Path for an option that takes a value
        self.help = help
        self.metavar = metavar  # the value's name in --help: --project DIR

    @property
    def default(self) -> bool | None:
        return False if self.kind is bool else None


OPTIONS = (
    Option("--json", "as_json", bool, "Print one JSON object instead of the table."),
    Option(
        "--check",
        "check",
        bool,
        "Exit 1 on any warning or drift from the expected pins, 3 if status could not run "
        "(for CI and pre-commit).",
    ),
    Option(
        "--verbose",
        "verbose",
        bool,
        "Also list every place that sets each model, and the caveats every report shares.",
    ),
    Option(
        "--project",
        "project",
        Path,
        "Read project and local settings from this directory instead of the current one.",
        "DIR",
    ),
    Option("--probe", "probe", bool, "Start your shell once to read what a new terminal really exports."),
    Option("--shell", "shell", str, STATUS_SHELL_HELP, "NAME"),
    Option(
        "--expect-fast-model",
        "expect_fast_model",
        str,
        "The background model Claude Code must send here; a difference is a drift warning.",
        "MODEL",
    ),
    Option(
        "--expect-model",
        "expect_model",
        str,
        "The primary model Claude Code must send here; a difference is a drift warning.",
        "MODEL",
    ),
    Option(
        "--expect-scope",
        "expect_scope",
        str,
        "Where the expected models must come from (shell, user, project, local, managed).",
        "SCOPE",
    ),
    Option(
        "--claude-version",
        "claude_version",
        str,
        "Predict for this recorded Claude Code release instead of the installed one.",
        "VERSION",
    ),
)


class StatusArgs:
    """``status``'s options as parsed. A plain class: status imports it, and a dataclass costs status a
    millisecond to create (docs/performance.md)."""

    __slots__ = (
        "as_json",
        "check",
        "claude_version",
        "expect_fast_model",
        "expect_model",
        "expect_scope",
        "probe",
        "project",
        "shell",
        "verbose",
    )

    def __init__(
        self,
        *,
        as_json: bool = False,
        check: bool = False,
        verbose: bool = False,
        probe: bool = False,
        project: Path | None = None,
        shell: str | None = None,
        claude_version: str | None = None,
        expect_fast_model: str | None = None,
        expect_model: str | None = None,
        expect_scope: str | None = None,
    ) -> None:
        self.as_json = as_json
        self.check = check
        self.verbose = verbose
        self.probe = probe
        self.project = project
        self.shell = shell
        self.claude_version = claude_version
        self.expect_fast_model = expect_fast_model
        self.expect_model = expect_model
        self.expect_scope = expect_scope


BY_FLAG = {option.flag: option for option in OPTIONS}


def parse(args: Sequence[str]) -> StatusArgs | None:
    """status's options from ``args`` (after the word ``status``), or None to let typer parse.

    A hand-written loop rather than argparse: argparse and gettext cost status a few
    milliseconds to import and build, on the command prompts run most often.
    """
    values: dict[str, Any] = {option.dest: option.default for option in OPTIONS}
    words = list(args)
    while words:
        flag, equals, value = words.pop(0).partition("=")
        option = BY_FLAG.get(flag)
        if option is None:
            return None  # an argument, an unknown option, `--`, `--help`: typer's to answer
        if option.kind is bool:
            if equals:
                return None
            values[option.dest] = True
            continue
        if not equals:
            if not words or words[0].startswith("-"):
                return None  # a missing value: typer says so
            value = words.pop(0)
        if value == "":
            return None
        values[option.dest] = value
    # A quoted '~/repo' reaches us with its ~: it means the home directory, as in a shell.
    project = Path(values["project"]).expanduser() if values["project"] is not None else None
    if project is not None and project.exists() and not project.is_dir():
        return None  # typer's "is a file" error
    return StatusArgs(**{**values, "project": project})


# status's exit codes (docs/usage.md): 0 all is well, 1 a warning or a drift from the expected
# pins (with --check), 2 a usage error, 3 status could not run, so it has no verdict at all.
DRIFT_EXIT = 1
_DEST = {"background": "expect_fast_model", "primary": "expect_model", "scope": "expect_scope"}
COULD_NOT_RUN_EXIT = 3


def _expected(args: StatusArgs) -> Any:
    """The command line's expectations, or None: expectations are imported only by a check."""
    if args.expect_fast_model is None and args.expect_model is None and args.expect_scope is None:
        return None
    from ccprofile.claude.expectations import ExpectationError, Expected

    stated = {
        kind: flag
        for kind, flag, value in (
            ("background", "--expect-fast-model", args.expect_fast_model),
            ("primary", "--expect-model", args.expect_model),
            ("scope", "--expect-scope", args.expect_scope),
        )
        if value is not None
    }
    for flag in (f for kind, f in stated.items() if not str(getattr(args, _DEST[kind])).strip()):
        raise ExpectationError(f"{flag} is empty")
    return Expected(args.expect_fast_model, args.expect_model, args.expect_scope, stated)


def _failed(error: CcprofileError, as_json: bool) -> int:
    """The error's line on stderr and, with --json, a document saying the same on stdout:
    a script reading the JSON always gets one."""
    import json

    from ccprofile.cli.failures import USAGE_EXIT, describe, report_error

    code = report_error(error)
    code = code if code == USAGE_EXIT else COULD_NOT_RUN_EXIT
    if as_json:
        print(json.dumps({"error": describe(error)[0], "exit_code": code}, indent=2))
    return code


def run(args: StatusArgs) -> int:
    """Print the status report; the exit code (1 with --check and any warning or drift)."""
    import json

    from ccprofile.claude import reading
    from ccprofile.claude import status as status_module
    from ccprofile.cli import report_json
    from ccprofile.cli.failures import report_interrupt
    from ccprofile.machine.targets import NoShell, target_for_reading
    from ccprofile.startup.homes import home_path

    try:
        if args.project is not None and not args.project.is_dir():
            raise BadValue(f"--project {args.project}: no such directory")
        target = target_for_reading(args.shell, os.environ, platforms.current(os.environ))
        if args.probe and isinstance(target, NoShell):
            raise BadValue(
                f"--probe starts your shell, and there is none here ({target.reason}); pass --shell NAME"
            )
        inputs = reading.read_inputs(
            os.environ,
            target,
            (args.project or Path.cwd()).absolute(),
            platforms.current(os.environ),
            probe=args.probe,
            claude_version=args.claude_version,
            expect=_expected(args),
            expecting=args.check or any((args.expect_fast_model, args.expect_model, args.expect_scope)),
        )
        report = status_module.build(inputs)
    except CcprofileError as error:
        return _failed(error, args.as_json)
    except KeyboardInterrupt:
        return report_interrupt()
    if args.as_json:
        # Scripts and prompts call this one: rich (a third of status's start) is not imported.
        print(json.dumps(report_json.document(report), indent=2))
    else:
        from ccprofile.cli import render_status
        from ccprofile.cli.consoles import console

        render_status.show_status(console, report, home_path(os.environ), verbose=args.verbose)
    return DRIFT_EXIT if args.check and report.warnings else 0
