"""The ccprofile command line: thin typer commands over ``profile``, ``status`` and ``catalog``."""

from __future__ import annotations

import functools
import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Annotated, TypeVar

import typer
from rich.console import Console

from ccprofile import __version__
from ccprofile.errors import CcprofileError, UsageError

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
console = Console(highlight=False)
err_console = Console(stderr=True, highlight=False)

F = TypeVar("F", bound=Callable[..., None])

ShellOption = Annotated[
    str | None,
    typer.Option(
        "--shell",
        help="Shell to configure (bash, zsh, fish, sh, dash, ksh, tcsh, csh, pwsh); detected if not given.",
    ),
]
FileOption = Annotated[
    Path | None,
    typer.Option(
        "--file",
        help="Write to this startup file instead of the shell's usual one.",
        dir_okay=False,
    ),
]
DryRunOption = Annotated[
    bool, typer.Option("--dry-run", help="Print the change as a unified diff and write nothing.")
]
ProviderOption = Annotated[
    str | None,
    typer.Option(
        "--provider",
        help="anthropic, gateway, bedrock, vertex or foundry; detected from the environment if not given.",
    ),
]

StrictOption = Annotated[bool, typer.Option("--strict", help="Refuse model IDs that are not in the catalog.")]
ForceOption = Annotated[
    bool, typer.Option("--force", help="Write the value as given, skipping the catalog checks.")
]


def _errors(command: F) -> F:
    """Turn a CcprofileError into one line on stderr and its exit code, never a traceback."""

    @functools.wraps(command)
    def wrapper(*args: object, **kwargs: object) -> None:
        try:
            command(*args, **kwargs)
        except CcprofileError as error:
            err_console.print(f"ccprofile: error: {error}", markup=False, soft_wrap=True)
            raise typer.Exit(error.exit_code) from None
        except KeyboardInterrupt:
            err_console.print("ccprofile: interrupted; nothing was written")
            raise typer.Exit(130) from None

    return wrapper  # type: ignore[return-value]  # functools.wraps keeps the signature typer reads


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


def _write(
    shell: str | None,
    file: Path | None,
    dry_run: bool,
    edit: Callable[[dict[str, str]], dict[str, str]],
    what: str,
) -> None:
    from ccprofile import profile, render
    from ccprofile.targets import resolve_target

    target = resolve_target(shell, file, os.environ, sys.platform)
    change = profile.update(target.path, target.shell, edit, backup_dir=target.backup_dir, dry_run=dry_run)
    render.show_change(console, change, target.home.path, what=what, why=target.why)
    render.show_apply_hint(
        console, change, target.shell.apply_hint(Path(render.tilde(target.path, target.home.path)))
    )


def _provider(given: str | None) -> str:
    from ccprofile.providers import PROVIDERS
    from ccprofile.status import composed_environment

    if given is None:
        from ccprofile.providers import detect_provider

        return detect_provider(composed_environment(os.environ, Path.cwd()))
    if given not in PROVIDERS:
        raise UsageError(f"unknown provider {given!r}: choose one of {', '.join(PROVIDERS)}")
    return given


@app.command("set-fast-model")
@_errors
def set_fast_model(
    model: Annotated[
        str | None,
        typer.Argument(
            help="Model ID, friendly name (haiku-4.5) or alias (haiku). Omit it to pick one.",
            show_default=False,
        ),
    ] = None,
    only_small_fast: Annotated[
        bool,
        typer.Option(
            "--only-small-fast",
            help="Write only ANTHROPIC_SMALL_FAST_MODEL, not ANTHROPIC_DEFAULT_HAIKU_MODEL.",
        ),
    ] = False,
    aws_region: Annotated[
        str | None,
        typer.Option(
            "--aws-region",
            help="Bedrock: send background requests to this AWS region "
            "(ANTHROPIC_SMALL_FAST_MODEL_AWS_REGION).",
        ),
    ] = None,
    provider: ProviderOption = None,
    strict: StrictOption = False,
    force: ForceOption = False,
    shell: ShellOption = None,
    file: FileOption = None,
    dry_run: DryRunOption = False,
) -> None:
    """Pin the background ("small fast") model Claude Code uses for titles and summaries.

    Writes ANTHROPIC_SMALL_FAST_MODEL and ANTHROPIC_DEFAULT_HAIKU_MODEL into the ccprofile
    block of your shell's startup file, or updates the block in place.

    Examples:

        ccprofile set-fast-model claude-haiku-4-5-20251001

        ccprofile set-fast-model haiku-4.5 --provider bedrock --aws-region us-west-2

        ccprofile set-fast-model --dry-run
    """
    from ccprofile import catalog, picker, profile, render, selection
    from ccprofile.validate import check_value

    chosen_provider = _provider(provider)
    models = catalog.load()
    if model is None:
        picked = picker.pick_background(models, chosen_provider, console)
        choice = selection.Selection(picked.value, picked.note)
    else:
        choice = selection.choose(model, chosen_provider, models, background=True, strict=strict, force=force)
    if choice.note:
        render.show_note(console, choice.note)
    region = check_value(aws_region, "AWS region") if aws_region is not None else None

    def edit(pins: dict[str, str]) -> dict[str, str]:
        pins[profile.FAST] = choice.value
        if only_small_fast:
            pins.pop(profile.HAIKU, None)
        else:
            pins[profile.HAIKU] = choice.value
        if region is not None:
            pins[profile.REGION] = region
        return pins

    _write(shell, file, dry_run, edit, f"pins the background model to {choice.value}")


@app.command("set-model")
@_errors
def set_model(
    model: Annotated[
        str,
        typer.Argument(
            help="Model ID or alias (sonnet, opus, ...) for the main conversation.",
            show_default=False,
        ),
    ],
    provider: ProviderOption = None,
    strict: StrictOption = False,
    force: ForceOption = False,
    shell: ShellOption = None,
    file: FileOption = None,
    dry_run: DryRunOption = False,
) -> None:
    """Pin the primary model (ANTHROPIC_MODEL) in the same ccprofile block.

    Example:  ccprofile set-model claude-sonnet-4-5-20250929
    """
    from ccprofile import catalog, profile, render, selection

    choice = selection.choose(
        model, _provider(provider), catalog.load(), background=False, strict=strict, force=force
    )
    if choice.note:
        render.show_note(console, choice.note)

    def edit(pins: dict[str, str]) -> dict[str, str]:
        pins[profile.PRIMARY] = choice.value
        return pins

    _write(shell, file, dry_run, edit, f"pins the primary model to {choice.value}")


@app.command("unset-fast-model")
@_errors
def unset_fast_model(
    shell: ShellOption = None, file: FileOption = None, dry_run: DryRunOption = False
) -> None:
    """Drop the background-model pin and keep the primary one (if any).

    With no pins left the block goes away, as with `ccprofile uninstall`.
    """
    from ccprofile import profile

    def edit(pins: dict[str, str]) -> dict[str, str]:
        for name in (profile.FAST, profile.HAIKU, profile.REGION):
            pins.pop(name, None)
        return pins

    _write(shell, file, dry_run, edit, "has no background-model pin")


@app.command("unset-model")
@_errors
def unset_model(shell: ShellOption = None, file: FileOption = None, dry_run: DryRunOption = False) -> None:
    """Drop the primary-model pin (ANTHROPIC_MODEL) and keep the background one (if any)."""
    from ccprofile import profile

    def edit(pins: dict[str, str]) -> dict[str, str]:
        pins.pop(profile.PRIMARY, None)
        return pins

    _write(shell, file, dry_run, edit, "has no primary-model pin")


@app.command("uninstall")
@_errors
def uninstall(
    all_files: Annotated[
        bool,
        typer.Option("--all", help="Remove the block from every startup file ccprofile knows of."),
    ] = False,
    shell: ShellOption = None,
    file: FileOption = None,
    dry_run: DryRunOption = False,
) -> None:
    """Remove the ccprofile block, leaving the file exactly as it was before.

    A file that ccprofile created is deleted again if nothing else was added to it.

    Examples:  ccprofile uninstall      ccprofile uninstall --all --dry-run
    """
    from ccprofile import profile, render
    from ccprofile.detect import home_from
    from ccprofile.shells import get_shell
    from ccprofile.targets import Target, known_files, resolve_target, shell_for_file

    if all_files:
        if file is not None:
            raise UsageError("--all and --file exclude each other")
        home = home_from(os.environ, sys.platform)
        targets = [
            Target(get_shell(shell or shell_for_file(path) or "sh"), path, home, None)
            for path in known_files(home)
            if path.is_file()
        ]
    else:
        targets = [resolve_target(shell, file, os.environ, sys.platform)]
    touched = 0
    for target in targets:
        change = profile.uninstall(target.path, target.shell, backup_dir=target.backup_dir, dry_run=dry_run)
        if all_files and not change.changed:
            continue
        touched += 1
        render.show_change(console, change, target.home.path, what="has no ccprofile block", why=target.why)
    if all_files and not touched:
        console.print("No startup file has a ccprofile block; nothing changed.")
    elif touched and not dry_run:
        console.print("Open a new terminal: a running one keeps the variables it already has.")


@app.command("status")
@_errors
def status(
    as_json: Annotated[
        bool, typer.Option("--json", help="Print one JSON object instead of the table.")
    ] = False,
    check: Annotated[
        bool,
        typer.Option("--check", help="Exit 1 if there is any warning (for dotfile repos and CI)."),
    ] = False,
    project: Annotated[
        Path | None,
        typer.Option(
            "--project",
            help="Read project and local settings from this directory instead of the current one.",
            file_okay=False,
        ),
    ] = None,
    probe: Annotated[
        bool,
        typer.Option("--probe", help="Start your shell once to read what a new terminal really exports."),
    ] = False,
    shell: ShellOption = None,
) -> None:
    """Show which background and primary models Claude Code will really use, and why.

    Reads this shell's environment, your startup files and every Claude Code settings file
    (user, project, local, managed), and applies Claude Code's precedence rules.

    Examples:  ccprofile status      ccprofile status --json      ccprofile status --check
    """
    import json

    from ccprofile import render_status
    from ccprofile import status as status_module

    report = status_module.gather(os.environ, shell, project or Path.cwd(), sys.platform, probe=probe)
    if as_json:
        print(json.dumps(report.to_json(), indent=2))
    else:
        render_status.show_status(console, report, Path(os.environ.get("HOME", "/")))
    if check and report.warnings:
        raise typer.Exit(1)


@app.command("models")
@_errors
def models(
    provider: ProviderOption = None,
    family: Annotated[
        list[str] | None,
        typer.Option("--family", help="Only this family (haiku, sonnet, opus, fable, mythos); repeatable."),
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON instead of the table.")] = False,
) -> None:
    """List the models Claude Code knows, with the exact ID for your provider.

    Example:  ccprofile models --provider bedrock --family haiku
    """
    import json

    from ccprofile import catalog as catalog_module
    from ccprofile import render_status

    chosen = _provider(provider)
    models_ = catalog_module.load()
    families = family or []
    unknown = [f for f in families if f not in catalog_module.FAMILIES]
    if unknown:
        raise UsageError(f"unknown family {unknown[0]!r}: choose from {', '.join(catalog_module.FAMILIES)}")
    if as_json:
        recommended = models_.recommended_background(chosen)
        rows = [
            {
                "family": m.family,
                "name": m.name,
                "id": m.id_for(chosen),
                "recommended_background": m is recommended,
                "retired": bool(m.id_for(chosen) and models_.retirement(m.id_for(chosen) or "")),
            }
            for m in models_.models
            if not families or m.family in families
        ]
        print(
            json.dumps(
                {
                    "provider": chosen,
                    "claude_code_version": models_.claude_code_version,
                    "models": rows,
                },
                indent=2,
            )
        )
        return
    render_status.show_models(console, models_, chosen, families)


def main() -> None:
    app(prog_name="ccprofile")
