"""The ``ccprofile`` entry point: ``status`` straight to its fast path, the rest to typer."""

from __future__ import annotations

import os
import sys

# typer's shell completion runs the program with this set (to complete_bash, complete_zsh or
# complete_fish: startup/shells.py writes the lines that set it); only typer can answer it.
COMPLETION = "_CCPROFILE_COMPLETE"
# rich's Console ends with 1 when its reader goes away (`| head`); print() must do the same.
_BROKEN_PIPE_EXIT = 1


def _run(args: list[str]) -> None:
    if args[:1] == ["status"] and COMPLETION not in os.environ:
        from ccprofile.cli import fast_status

        parsed = fast_status.parse(args[1:])
        if parsed is not None:
            sys.exit(fast_status.run(parsed))
    from ccprofile.cli.app import app

    app(prog_name="ccprofile")


def main() -> None:
    try:
        try:
            _run(sys.argv[1:])
        finally:
            sys.stdout.flush()
    except BrokenPipeError:
        # The reader went away (`| head`): stop quietly, and keep Python's shutdown from
        # failing again on the same closed pipe.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        sys.exit(_BROKEN_PIPE_EXIT)
