"""Every command's command line, declared for typer in one place (with
``pin_declarations`` for the commands that set and take out a pin): each argument and option
with its help, the command's help, and the plain function of ``*_commands`` it runs.

A declaration's body is its help: ``runs`` calls the plain function with what typer parsed,
turns a domain error into one line on stderr and its exit code, and ends with that code. The
plain functions take the same keyword arguments (tests/test_help.py checks every pair) and
know nothing of typer, so tests and the status fast path call them directly.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from pathlib import Path
from typing import Annotated, Any, TypeVar

import typer

from ccprofile.claude.providers import PROVIDERS
from ccprofile.claude.scopes import SCOPES
from ccprofile.cli import completing, fast_status, ledger_commands, show_commands, uninstall_command
from ccprofile.cli.fast_status import SHELL_HELP

F = TypeVar("F", bound=Callable[..., None])
# The plain function each declaration runs.
PLAIN: dict[Callable[..., None], Callable[..., int]] = {}


def runs(command: Callable[..., int]) -> Callable[[F], F]:
    """A command's declaration: the decorated function's signature and help are typer's to
    read, and ``command`` is what runs."""

    def declare(declaration: F) -> F:
        @functools.wraps(declaration)
        def run(**options: Any) -> None:
            from ccprofile.cli.failures import report_error, report_interrupt
            from ccprofile.cli.invocation import CURRENT, Invocation
            from ccprofile.errors import CcprofileError

            token = CURRENT.set(Invocation(declaration.__name__.replace("_", "-")))
            try:
                code = command(**options)
            except CcprofileError as error:
                code = report_error(error)
            except KeyboardInterrupt:
                code = report_interrupt()
            finally:
                CURRENT.reset(token)
            if code:
                raise typer.Exit(code)

        PLAIN[run] = command
        return run  # type: ignore[return-value]  # functools.wraps keeps the signature typer reads

    return declare


ShellOption = Annotated[
    str | None, typer.Option("--shell", help=SHELL_HELP, metavar="NAME", autocompletion=completing.shells)
]
FileOption = Annotated[
    Path | None,
    typer.Option(
        "--file",
        metavar="PATH",
        help="The startup file to change, instead of the shell's usual one.",
        dir_okay=False,
        autocompletion=completing.paths,
    ),
]
DryRunOption = Annotated[
    bool, typer.Option("--dry-run", help="Print the change as a unified diff and write nothing.")
]
ProviderOption = Annotated[
    str | None,
    typer.Option(
        "--provider",
        metavar="NAME",
        help=f"Where Claude Code sends its requests ({', '.join(PROVIDERS)}); detected from the "
        "environment and settings if not given.",
        autocompletion=completing.providers,
    ),
]

StrictOption = Annotated[
    bool,
    typer.Option(
        "--strict",
        help="Refuse instead of warn: a change that Claude Code would not see (a settings file or a "
        "later export beats it), or a new shell that does not export it (the file is put back). "
        "Exit 1, nothing written.",
    ),
]
VerifyOption = Annotated[
    bool | None,
    typer.Option(
        "--verify/--no-verify",
        help="Start your shell once after writing, as a new terminal would, and check what it "
        "exports. Default: on when run in a terminal.",
        show_default=False,
    ),
]
ScopeOption = Annotated[
    str | None,
    typer.Option(
        "--scope",
        metavar=f"[{'|'.join(SCOPES)}]",
        help="Where the pin lives: shell (the block in your startup file, the default; on Windows "
        "without --shell or --file, user), or the "
        "Claude Code settings file of your user (~/.claude/settings.json), of the project "
        "(.claude/settings.json, to commit), local to you in the project "
        "(.claude/settings.local.json), or managed for the machine.",
        show_default=False,
        autocompletion=completing.scopes,
    ),
]
ProjectOption = Annotated[
    Path | None,
    typer.Option(
        "--project",
        metavar="DIR",
        help="The project of --scope project or local (default: the current directory).",
        file_okay=False,
        autocompletion=completing.paths,
    ),
]
ForceOption = Annotated[
    bool,
    typer.Option(
        "--force",
        help="Write anyway: skip the catalog and price checks of a model (it is written as typed), "
        "and the check that --file is a startup file of this shell.",
    ),
]


def _status_option(flag: str, **extra: Any) -> Any:
    """One of status's options, with the help and value name of its row in fast_status.OPTIONS
    (the fast path's parser reads the same row)."""
    option = fast_status.BY_FLAG[flag]
    return typer.Option(flag, help=option.help, metavar=option.metavar, **extra)


@runs(show_commands.status)
def status(
    as_json: Annotated[bool, _status_option("--json")] = False,
    check: Annotated[bool, _status_option("--check")] = False,
    verbose: Annotated[bool, _status_option("--verbose")] = False,
    project: Annotated[
        Path | None, _status_option("--project", file_okay=False, autocompletion=completing.paths)
    ] = None,
    probe: Annotated[bool, _status_option("--probe")] = False,
    shell: Annotated[str | None, _status_option("--shell", autocompletion=completing.shells)] = None,
    expect_fast_model: Annotated[str | None, _status_option("--expect-fast-model")] = None,
    expect_model: Annotated[str | None, _status_option("--expect-model")] = None,
    expect_scope: Annotated[
        str | None, _status_option("--expect-scope", autocompletion=completing.scopes)
    ] = None,
    claude_version: Annotated[str | None, _status_option("--claude-version")] = None,
) -> None:
    """Show which background and primary models Claude Code will really use, and why.

    Reads this shell's environment, your startup files and every Claude Code settings file
    (user, project, local, managed), and applies Claude Code's precedence rules.

    Example:

    \b
        ccprofile status --verbose
    """


@runs(show_commands.models)
def models(
    provider: ProviderOption = None,
    family: Annotated[
        list[str] | None,
        typer.Option(
            "--family",
            metavar="NAME",
            help="Only this family (haiku, sonnet, opus, fable, mythos); repeatable.",
            autocompletion=completing.families,
        ),
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON instead of the table.")] = False,
) -> None:
    """List the models Claude Code knows, with the exact ID for your provider.

    Example:

    \b
        ccprofile models --provider bedrock --family haiku
    """


@runs(uninstall_command.uninstall)
def uninstall(
    all_files: Annotated[
        bool,
        typer.Option(
            "--all",
            help="Remove every pin ccprofile wrote: the block from every startup file it knows "
            "of, and its keys from every settings file its record names.",
        ),
    ] = False,
    purge: Annotated[
        bool,
        typer.Option(
            "--purge",
            help="With --all: also delete ccprofile's state directory (backups, which may hold "
            "copies of API keys, and the record), so nothing of ccprofile is left.",
        ),
    ] = False,
    shell: ShellOption = None,
    file: FileOption = None,
    scope: ScopeOption = None,
    project: ProjectOption = None,
    dry_run: DryRunOption = False,
    strict: StrictOption = False,
    verify: VerifyOption = None,
) -> None:
    """Remove ccprofile's pins, leaving each file exactly as it was before.

    The block goes from the startup file (a file ccprofile created is deleted again if
    nothing else was added to it); with --scope, ccprofile's keys go from that settings file.

    Example:

    \b
        ccprofile uninstall --all --dry-run
    """


@runs(uninstall_command.completion)
def completion(
    remove: Annotated[
        bool, typer.Option("--remove", help="Take the completion lines out of the block again.")
    ] = False,
    shell: ShellOption = None,
    file: FileOption = None,
    dry_run: DryRunOption = False,
    force: ForceOption = False,
) -> None:
    """Add tab completion for ccprofile to the ccprofile block (bash, zsh, fish).

    The lines go inside the block, so `ccprofile uninstall` takes them out with everything
    else and leaves the file as it was. They define one function and start nothing, so a new
    shell starts no slower. `ccprofile --install-completion` does the same.

    Example:

    \b
        ccprofile completion --dry-run
    """


@runs(ledger_commands.list_changes)
def list_changes(
    as_json: Annotated[
        bool, typer.Option("--json", help="Print one JSON object instead of the list.")
    ] = False,
) -> None:
    """List every file ccprofile changed, and whether it is still as ccprofile left it.

    Each with the pins ccprofile holds there, its changes, and its backups.

    Example:

    \b
        ccprofile list
    """


@runs(ledger_commands.undo)
def undo(
    all_changes: Annotated[
        bool, typer.Option("--all", help="Put every file back as it was before ccprofile's first change.")
    ] = False,
    force: Annotated[
        bool,
        typer.Option(
            "--force",
            help="Also rewind a file changed since: only ccprofile's block or keys go back, your "
            "later changes stay.",
        ),
    ] = False,
    dry_run: DryRunOption = False,
) -> None:
    """Put back every file ccprofile's last command changed, byte for byte.

    From the backups and the record ccprofile keeps of each change (`ccprofile list` shows
    them). A file changed since is refused, and nothing is restored, unless --force.

    Example:

    \b
        ccprofile undo --dry-run
    """
