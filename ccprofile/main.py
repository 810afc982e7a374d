"""The ``ccprofile`` entry point: ``status`` straight to its fast path, the rest to typer."""

from __future__ import annotations

import os
import sys

# typer's shell completion runs the program with this set; only typer can answer it.
_COMPLETION = "_CCPROFILE_COMPLETE"


def main() -> None:
    args = sys.argv[1:]
    if args[:1] == ["status"] and _COMPLETION not in os.environ:
        from ccprofile import fast_status

        parsed = fast_status.parse(args[1:])
        if parsed is not None:
            sys.exit(fast_status.run(parsed))
    from ccprofile.cli import app

    app(prog_name="ccprofile")
