"""The typer app: every command registered on it by name, and the global options."""

from __future__ import annotations

from typing import Annotated

import typer

from ccprofile import __version__
from ccprofile.cli import pin_commands, show_commands
from ccprofile.cli.consoles import console

app = typer.Typer(
    name="ccprofile",
    help=(
        "Pin the models Claude Code uses, in a marked block of your shell startup file.\n\n"
        "Start with `ccprofile set-fast-model`, check with `ccprofile status`, "
        "undo with `ccprofile uninstall`."
    ),
    no_args_is_help=True,
    pretty_exceptions_enable=False,
)

for _name, _command in (
    ("set-fast-model", pin_commands.set_fast_model),
    ("set-model", pin_commands.set_model),
    ("unset-fast-model", pin_commands.unset_fast_model),
    ("unset-model", pin_commands.unset_model),
    ("uninstall", pin_commands.uninstall),
    ("status", show_commands.status),
    ("models", show_commands.models),
):
    app.command(_name)(_command)


def _version(value: bool) -> None:
    if value:
        console.print(f"ccprofile {__version__}")
        raise typer.Exit()


@app.callback()
def _main(
    version: Annotated[
        bool,
        typer.Option("--version", callback=_version, is_eager=True, help="Show the version and exit."),
    ] = False,
) -> None:
    pass
