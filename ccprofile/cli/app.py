"""The typer app: every command registered on it by name, the global options, and the one
way a command line that cannot be parsed is reported."""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence
from typing import Annotated, Any

import typer
from typer.core import TyperGroup

from ccprofile import __version__
from ccprofile.cli import declarations, pin_declarations
from ccprofile.cli.consoles import console
from ccprofile.cli.failures import report_interrupt, report_usage_error
from ccprofile.cli.help_layout import Command, Context
from ccprofile.cli.main import COMPLETION

if COMPLETION in os.environ:
    # A shell asking for completions (the lines `ccprofile completion` writes). typer registers
    # its bash/zsh/fish answerers only with its own --install-completion, which is replaced here.
    from ccprofile.cli.completing import register

    register()


def _click_class(name: str) -> type[Exception]:
    """A click exception class as typer raises it (typer ships its own copy of click)."""
    return next(kind for kind in typer.BadParameter.__mro__ if kind.__name__ == name)


_ClickException = _click_class("ClickException")
_UsageError = _click_class("UsageError")


class _Commands(TyperGroup):
    """typer's group, except that a usage error is one line, like every other error.

    typer (and click) print a usage error as a box or a three-line block; docs/usage.md
    promises ``ccprofile: error: ...`` on one line for every error. Running typer in
    non-standalone mode hands the error over instead of printing it. Done in ``main`` so that
    the installed program and typer's CliRunner (the tests) go the same way.
    """

    context_class = Context

    def main(
        self,
        args: Sequence[str] | None = None,
        prog_name: str | None = None,
        complete_var: str | None = None,
        standalone_mode: bool = True,
        windows_expand_args: bool = True,
        **extra: Any,
    ) -> Any:
        try:
            code = super().main(args, prog_name, complete_var, False, windows_expand_args, **extra)
        except _ClickException as error:
            context = getattr(error, "ctx", None)
            command = context.command_path if context is not None else None
            message = error.format_message()  # type: ignore[attr-defined]
            words = list(args) if args is not None else sys.argv[1:]
            as_json = words[:1] == ["status"] and "--json" in words
            code = report_usage_error(message, command, error.exit_code, as_json=as_json)  # type: ignore[attr-defined]
        except typer.Abort:
            code = report_interrupt()
        code = code if isinstance(code, int) else 0
        if standalone_mode:
            sys.exit(code)
        return code


app = typer.Typer(
    name="ccprofile",
    cls=_Commands,
    help=(
        "Pin the models Claude Code uses, in a marked block of your shell startup file.\n\n"
        "Start with `ccprofile set-fast-model`, check with `ccprofile status`, "
        "remove with `ccprofile uninstall`, rewind a change with `ccprofile undo`."
    ),
    # click's own help layout: paragraphs reflow to the terminal, and options show a value's
    # name (--file PATH) rather than typer's rich panels and type names (<str>, <bool>).
    rich_markup_mode=None,
    pretty_exceptions_enable=False,
    add_completion=False,
)

for _name, _declared in (  # in the order of `ccprofile --help`
    ("set-fast-model", pin_declarations.set_fast_model),
    ("set-model", pin_declarations.set_model),
    ("unset-fast-model", pin_declarations.unset_fast_model),
    ("unset-model", pin_declarations.unset_model),
    ("set-subagent-model", pin_declarations.set_subagent_model),
    ("unset-subagent-model", pin_declarations.unset_subagent_model),
    ("uninstall", declarations.uninstall),
    ("completion", declarations.completion),
    ("list", declarations.list_changes),
    ("undo", declarations.undo),
    ("status", declarations.status),
    ("models", declarations.models),
):
    # The help's first line, whole: click would cut it with "..." to fit the list.
    _summary = (_declared.__doc__ or "").strip().splitlines()[0]
    app.command(_name, short_help=_summary, cls=Command)(_declared)


def _version(value: bool) -> None:
    if value:
        console.print(f"ccprofile {__version__}")
        raise typer.Exit()


def _install_completion(value: bool) -> None:
    # typer's own --install-completion writes outside any block, with no backup, and
    # uninstall could not take it back; this one is `ccprofile completion`.
    if value:
        declarations.completion()
        raise typer.Exit()


@app.callback(invoke_without_command=True)
def _main(
    context: typer.Context,
    version: Annotated[
        bool,
        typer.Option("--version", callback=_version, is_eager=True, help="Show the version and exit."),
    ] = False,
    install_completion: Annotated[
        bool,
        typer.Option(
            "--install-completion",
            callback=_install_completion,
            is_eager=True,
            help="Add tab completion to the ccprofile block of your shell (as `ccprofile completion`).",
        ),
    ] = False,
) -> None:
    # `ccprofile` alone shows the help on stdout and succeeds, whichever click is installed.
    if context.invoked_subcommand is None:
        print(context.get_help())
        raise typer.Exit()
