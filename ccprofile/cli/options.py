"""What the commands share: options used by several of them, the one place errors become a
line on stderr, and the provider choice."""

from __future__ import annotations

import functools
import os
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, TypeVar

import typer

from ccprofile.claude.providers import PROVIDERS
from ccprofile.claude.scopes import SCOPES
from ccprofile.cli import completing
from ccprofile.cli.failures import UsageError, report_error, report_interrupt
from ccprofile.cli.fast_status import SHELL_HELP
from ccprofile.errors import BadValue, CcprofileError
from ccprofile.system import platforms

if TYPE_CHECKING:
    from ccprofile.claude.catalog import Catalog

F = TypeVar("F", bound=Callable[..., None])

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
        help="Write the value as typed: skip the catalog and price checks, and the check that --file "
        "names a shell startup file.",
    ),
]


def errors(command: F) -> F:
    """Turn a CcprofileError into one line on stderr and its exit code, never a traceback."""

    @functools.wraps(command)
    def wrapper(*args: object, **kwargs: object) -> None:
        from ccprofile.cli.invocation import CURRENT, Invocation

        token = CURRENT.set(Invocation(command.__name__.replace("_", "-")))
        try:
            command(*args, **kwargs)
        except CcprofileError as error:
            raise typer.Exit(report_error(error)) from None
        except KeyboardInterrupt:
            raise typer.Exit(report_interrupt()) from None
        finally:
            CURRENT.reset(token)

    return wrapper  # type: ignore[return-value]  # functools.wraps keeps the signature typer reads


def bedrock_prefix_here(provider: str) -> str | None:
    """Bedrock's cross-region prefix for the region Claude Code would use from here (this
    environment and the settings files, then ~/.aws/config); None on other providers."""
    if provider != "bedrock":
        return None
    from ccprofile.claude import resolve, settings_files
    from ccprofile.claude.reading import aws_config_region
    from ccprofile.startup.homes import home_path

    home = home_path(os.environ)
    documents = settings_files.load(os.environ, home, Path.cwd(), platforms.current(os.environ))
    env = resolve.compose(dict(os.environ), {}, documents).env
    return resolve.bedrock_prefix(env, aws_config_region(env, home))


def provider_from(given: str | None) -> str:
    """The provider named by --provider, else the one Claude Code would use from here."""
    from ccprofile.claude import resolve, settings_files
    from ccprofile.claude.providers import detect_provider
    from ccprofile.startup.homes import home_path

    if given is None:
        # Settings files can switch the provider too (env.CLAUDE_CODE_USE_BEDROCK, ...).
        platform = platforms.current(os.environ)
        documents = settings_files.load(os.environ, home_path(os.environ), Path.cwd(), platform)
        return detect_provider(resolve.compose(dict(os.environ), {}, documents).env)
    chosen = given.lower()  # choices are case-insensitive, as --shell is
    if chosen not in PROVIDERS:
        raise BadValue(f"unknown provider {given!r}: choose one of {', '.join(PROVIDERS)}")
    return chosen


def refuse_contradictions(*, strict: bool, force: bool) -> None:
    """Options that cannot both hold are an error, not a silent winner."""
    if strict and force:
        raise UsageError("--strict and --force exclude each other: --force skips the checks --strict makes")


def scope_from(given: str | None) -> str:
    """The scope named by --scope (any letter case); shell when not given."""
    from ccprofile.claude import scopes

    chosen = scopes.named(given or "shell")
    if chosen is None:
        raise BadValue(scopes.unknown(given or ""))
    return chosen


def catalog_here() -> Catalog:
    """The catalog with the rules of the installed Claude Code (see claude/releases.py)."""
    from ccprofile.claude import catalog
    from ccprofile.claude.releases import claude_here

    return catalog.load(claude_here(os.environ).rules.version)
