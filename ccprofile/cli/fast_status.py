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
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from ccprofile.errors import BadValue, CcprofileError
from ccprofile.startup.shells import SHELLS

# typing costs status 3 ms to import; the annotations that name Any are never evaluated.
TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

SHELL_HELP = f"Shell to configure ({', '.join(SHELLS)}); detected if not given."


@dataclass(frozen=True)
class Option:
    flag: str
    dest: str
    kind: type  # bool for a flag; str or Path for an option that takes a value
    help: str
    metavar: str | None = None  # the value's name in --help: --project DIR

    @property
    def default(self) -> bool | None:
        return False if self.kind is bool else None


OPTIONS = (
    Option("--json", "as_json", bool, "Print one JSON object instead of the table."),
    Option("--check", "check", bool, "Exit 1 if there is any warning (for dotfile repos and CI)."),
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
    Option("--shell", "shell", str, SHELL_HELP, "NAME"),
    Option(
        "--claude-version",
        "claude_version",
        str,
        "Predict for this recorded Claude Code release instead of the installed one.",
        "VERSION",
    ),
)


@dataclass(frozen=True)
class StatusArgs:
    as_json: bool = False
    check: bool = False
    verbose: bool = False
    probe: bool = False
    project: Path | None = None
    shell: str | None = None
    claude_version: str | None = None


_BY_FLAG = {option.flag: option for option in OPTIONS}


def parse(args: Sequence[str]) -> StatusArgs | None:
    """status's options from ``args`` (after the word ``status``), or None to let typer parse.

    A hand-written loop rather than argparse: argparse and gettext cost status a few
    milliseconds to import and build, on the command prompts run most often.
    """
    values: dict[str, Any] = {option.dest: option.default for option in OPTIONS}
    words = list(args)
    while words:
        flag, equals, value = words.pop(0).partition("=")
        option = _BY_FLAG.get(flag)
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
    project = Path(values["project"]) if values["project"] is not None else None
    if project is not None and project.exists() and not project.is_dir():
        return None  # typer's "is a file" error
    return StatusArgs(**{**values, "project": project})


def run(args: StatusArgs) -> int:
    """Print the status report; the exit code (1 with --check and any warning)."""
    import json

    from ccprofile.claude import status as status_module
    from ccprofile.cli.failures import report_error, report_interrupt
    from ccprofile.startup.homes import home_path
    from ccprofile.startup.targets import resolve_target

    try:
        if args.project is not None and not args.project.is_dir():
            raise BadValue(f"--project {args.project}: no such directory")
        target = resolve_target(args.shell, None, os.environ, sys.platform)
        inputs = status_module.read_inputs(
            os.environ,
            target,
            args.project or Path.cwd(),
            sys.platform,
            probe=args.probe,
            claude_version=args.claude_version,
        )
        report = status_module.build(inputs)
    except CcprofileError as error:
        return report_error(error)
    except KeyboardInterrupt:
        return report_interrupt()
    if args.as_json:
        # Scripts and prompts call this one: rich (a third of status's start) is not imported.
        print(json.dumps(report.to_json(), indent=2))
    else:
        from ccprofile.cli import render_status
        from ccprofile.cli.consoles import console

        render_status.show_status(console, report, home_path(os.environ), verbose=args.verbose)
    return 1 if args.check and report.warnings else 0
