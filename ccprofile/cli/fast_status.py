"""``ccprofile status`` without typer: the command shells and prompts run most often.

typer turns every option that is not a plain flag into a pydantic TypeAdapter when it parses
a command line, and the first one imports pydantic's schema generator; with typer itself that
is most of the time status would take. So ``main`` hands ``status`` command lines to
``parse`` first. It accepts only the exact forms of status's own options; anything else
(``--help``, a typo, a missing value, a file given as ``--project``) returns None and typer
parses the line instead, so its messages and help stay the only ones.
tests/test_cli.py checks that both paths print and exit alike.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from ccprofile.errors import CcprofileError

_FLAGS = {"--json": "as_json", "--check": "check", "--probe": "probe"}
_VALUES = ("--project", "--shell")


@dataclass(frozen=True)
class StatusArgs:
    as_json: bool = False
    check: bool = False
    probe: bool = False
    project: Path | None = None
    shell: str | None = None


def parse(args: Sequence[str]) -> StatusArgs | None:
    """status's options from ``args`` (after the word ``status``), or None to let typer parse."""
    flags = dict.fromkeys(_FLAGS.values(), False)
    values: dict[str, str] = {}
    i = 0
    while i < len(args):
        arg = args[i]
        name, equals, value = arg.partition("=")
        if arg in _FLAGS:
            flags[_FLAGS[arg]] = True
        elif name in _VALUES and equals:
            values[name] = value
        elif arg in _VALUES and i + 1 < len(args) and not args[i + 1].startswith("-"):
            values[arg] = args[i + 1]
            i += 1
        else:
            return None
        i += 1
    if any(not value for value in values.values()):
        return None
    project = Path(values["--project"]) if "--project" in values else None
    if project is not None and project.exists() and not project.is_dir():
        return None  # typer's "is a file" error
    return StatusArgs(project=project, shell=values.get("--shell"), **flags)


def run(args: StatusArgs) -> int:
    """Print the status report; the exit code (1 with --check and any warning)."""
    import json

    from ccprofile.claude import status as status_module
    from ccprofile.cli import render_status
    from ccprofile.cli.consoles import console, report_error, report_interrupt

    try:
        report = status_module.gather(
            os.environ, args.shell, args.project or Path.cwd(), sys.platform, probe=args.probe
        )
    except CcprofileError as error:
        return report_error(error)
    except KeyboardInterrupt:
        return report_interrupt()
    if args.as_json:
        print(json.dumps(report.to_json(), indent=2))
    else:
        render_status.show_status(console, report, Path(os.environ.get("HOME", "/")))
    return 1 if args.check and report.warnings else 0
