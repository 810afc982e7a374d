"""The commands that write the ccprofile block: set and unset pins, uninstall."""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from ccprofile.claude import variables
from ccprofile.cli import completing
from ccprofile.cli.consoles import console
from ccprofile.cli.failures import UsageError
from ccprofile.cli.options import (
    DryRunOption,
    FileOption,
    ForceOption,
    ProjectOption,
    ProviderOption,
    ScopeOption,
    ShellOption,
    StrictOption,
    VerifyOption,
    bedrock_prefix_here,
    catalog_here,
    errors,
    provider_from,
    refuse_contradictions,
    scope_from,
)
from ccprofile.cli.program import runnable
from ccprofile.errors import NotAStartupFile
from ccprofile.system import platforms

if TYPE_CHECKING:
    from ccprofile.cli import writing
    from ccprofile.startup.shells import Home, Shell


WINDOWS_DEFAULT = (
    "On Windows the place is Claude Code's user settings file, which every claude reads, "
    "started from PowerShell, cmd, Git Bash or an IDE; `--shell pwsh` (or `--shell powershell`) "
    "uses your PowerShell profile instead."
)


@dataclass(frozen=True)
class Where:
    """Where a command writes: the options that name the place, as given."""

    shell: str | None = None
    file: Path | None = None
    scope: str | None = None
    project: Path | None = None

    def chosen_scope(self) -> str:
        """The scope named by --scope; without one, a startup file ("shell"), except on
        Windows with neither --shell nor --file: the user settings file, the one place every
        claude reads however it is started (PowerShell, cmd, Git Bash, an IDE)."""
        if self.defaults_to_settings():
            return "user"
        return scope_from(self.scope)

    def defaults_to_settings(self) -> bool:
        named = self.scope is not None or self.shell is not None or self.file is not None
        return not named and platforms.current(os.environ) == platforms.WINDOWS


def _write(
    where: Where,
    edit: writing.Edit | None,
    what: str,
    *,
    dry_run: bool,
    strict: bool,
    verify: bool | None,
    adopt: Sequence[str] = (),
    note: str | None = None,
    force: bool | None = None,
    confirm: Callable[[], None] | None = None,
) -> None:
    """One command, either kind of pin file: the block of a startup file, or a settings file.
    ``adopt``: in a settings file, the pins a removal takes out even without ccprofile's record.
    ``note``: about the value, printed once the place is known (never before a usage error).
    ``force``: for a command that adds a pin, whether --force was given (None: it removes).
    ``confirm``: asks the user, once the place is known (so never before a usage error)."""
    # Imported here: the write path (effect check, status rules) is not --version's or --help's.
    from ccprofile.cli import settings_writing, writing
    from ccprofile.machine.targets import resolve_target

    options = writing.Options(dry_run=dry_run, strict=strict, verify=verify)
    scope = where.chosen_scope()
    if where.defaults_to_settings():
        note = " ".join(n if n.endswith(".") else n + "." for n in filter(None, (note, WINDOWS_DEFAULT)))
    if scope == "shell":
        if where.project is not None:
            raise UsageError("--project names the project of --scope project or local")
        target = resolve_target(where.shell, where.file, os.environ, platforms.current(os.environ))
        problem = target.not_a_startup_file() if force is False else None
        if problem is not None:
            raise NotAStartupFile(problem)
        _show(note)
        if confirm is not None:
            confirm()
        writing.write(target, edit, what, options)
        return
    if where.file is not None:
        raise UsageError(f"--file names a startup file; --scope {scope} writes Claude Code's settings file")
    settings_file = settings_writing.settings_target(scope, where.project, where.shell)
    _show(note)
    if confirm is not None:
        confirm()
    # Only a project's committed file is shared: elsewhere a key without ccprofile's record is
    # the user's own (Claude Code's /model writes `model` in the user's settings).
    settings_writing.write_settings(settings_file, edit, what, options, adopt if scope == "project" else ())


def _current_pin(where: Where, name: str) -> str | None:
    """The value ``name`` has in the place this command writes (the block, or the settings
    file), so that running the same setup again keeps it rather than choosing anew."""
    from ccprofile.machine.targets import resolve_target
    from ccprofile.startup import block, profile
    from ccprofile.storage import fileio

    scope = where.chosen_scope()
    if scope != "shell":
        from ccprofile.claude import settings
        from ccprofile.cli import settings_writing

        settings_file = settings_writing.settings_target(scope, where.project, where.shell)
        document = settings.read(scope, settings_file.path)
        return document.env.get(name) if document is not None and not document.error else None
    target = resolve_target(where.shell, where.file, os.environ, platforms.current(os.environ))
    data = fileio.read(target.path).data
    try:
        blocks = block.find_blocks(fileio.decode(data)) if data is not None else []
    except block.MarkerError:
        return None  # the write reports the broken markers
    found = profile.read_block(target.path, blocks[-1], variables.PINNABLE, strict=False) if blocks else None
    return found.pins.get(name) if found is not None else None


def _show(note: str | None) -> None:
    if note:
        from ccprofile.cli import render

        render.show_note(console, note)


@errors
def set_fast_model(
    model: Annotated[
        str | None,
        typer.Argument(
            metavar="MODEL",
            help="Model ID, friendly name (haiku-4.5) or family (haiku). Omit it to pick one.",
            show_default=False,
            autocompletion=completing.background_models,
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
            metavar="REGION",
            help="Bedrock: send background requests to this AWS region "
            "(ANTHROPIC_SMALL_FAST_MODEL_AWS_REGION).",
        ),
    ] = None,
    provider: ProviderOption = None,
    strict: StrictOption = False,
    force: ForceOption = False,
    shell: ShellOption = None,
    file: FileOption = None,
    scope: ScopeOption = None,
    project: ProjectOption = None,
    dry_run: DryRunOption = False,
    verify: VerifyOption = None,
) -> None:
    """Pin the background ("small fast") model Claude Code uses for titles and summaries.

    Writes ANTHROPIC_SMALL_FAST_MODEL and ANTHROPIC_DEFAULT_HAIKU_MODEL into the ccprofile
    block of your shell's startup file, or updates the block in place. Without MODEL it lists
    your provider's models to choose from. Add --dry-run to see the change first.

    Example:

    \b
        ccprofile set-fast-model haiku-4.5
    """
    from ccprofile.claude import selection
    from ccprofile.claude.validate import check_region
    from ccprofile.cli import picker

    refuse_contradictions(strict=strict, force=force)
    chosen_provider = provider_from(provider)
    if aws_region is not None and chosen_provider != "bedrock":
        raise UsageError(
            f"--aws-region applies only to Bedrock, and the provider is {chosen_provider}; "
            "pass --provider bedrock if Claude Code uses Bedrock"
        )
    models = catalog_here()
    where = Where(shell, file, scope, project)
    if model is None:
        current = _current_pin(where, variables.FAST)
        choice = picker.pick_background(
            models, chosen_provider, console, current, bedrock_prefix_here(chosen_provider)
        )
    else:
        prefix = bedrock_prefix_here(chosen_provider)
        choice = selection.choose(model, chosen_provider, models, background=True, force=force, prefix=prefix)
    region = check_region(aws_region) if aws_region is not None else None

    def edit(pins: dict[str, str]) -> dict[str, str]:
        pins[variables.FAST] = choice.value
        if only_small_fast:
            pins.pop(variables.HAIKU, None)
        else:
            pins[variables.HAIKU] = choice.value
        if region is not None:
            pins[variables.REGION] = region
        return pins

    what = f"pins the background model to {choice.value}"

    def confirm() -> None:
        if not force:  # every title and summary at a large model's price: asked, or refused
            picker.confirm_cost(choice, models, chosen_provider, console, sets_haiku=not only_small_fast)
        elif (cost := picker.cost_note(choice, models, chosen_provider)) is not None:
            _show(f"{cost} (--force: not asked)")

    _write(
        where,
        edit,
        what,
        dry_run=dry_run,
        strict=strict,
        verify=verify,
        note=choice.note,
        force=force,
        confirm=confirm,
    )


@errors
def set_model(
    model: Annotated[
        str,
        typer.Argument(
            metavar="MODEL",
            help="Model ID or alias (sonnet, opus, ...) for the main conversation.",
            show_default=False,
            autocompletion=completing.primary_models,
        ),
    ],
    provider: ProviderOption = None,
    strict: StrictOption = False,
    force: ForceOption = False,
    shell: ShellOption = None,
    file: FileOption = None,
    scope: ScopeOption = None,
    project: ProjectOption = None,
    dry_run: DryRunOption = False,
    verify: VerifyOption = None,
) -> None:
    """Pin the primary model (ANTHROPIC_MODEL) in the same ccprofile block.

    The model for the main conversation, unless `claude --model` or `/model` picks another.

    Example:

    \b
        ccprofile set-model claude-sonnet-4-5-20250929
    """
    where = Where(shell, file, scope, project)
    _pin(variables.PRIMARY, "primary", model, provider, where, dry_run, strict, force, verify)


@errors
def set_subagent_model(
    model: Annotated[
        str,
        typer.Argument(
            metavar="MODEL",
            help="Model ID or alias (haiku, sonnet, opus, ...) for subagents.",
            show_default=False,
            autocompletion=completing.primary_models,
        ),
    ],
    provider: ProviderOption = None,
    strict: StrictOption = False,
    force: ForceOption = False,
    shell: ShellOption = None,
    file: FileOption = None,
    scope: ScopeOption = None,
    project: ProjectOption = None,
    dry_run: DryRunOption = False,
    verify: VerifyOption = None,
) -> None:
    """Pin the model of subagents (CLAUDE_CODE_SUBAGENT_MODEL) in the same ccprofile block.

    Used by the general-purpose subagent and by your own agents without a `model:` line;
    without it they use the primary model. The built-in Explore agent always uses the
    primary model, and an agent whose definition names a model uses that one.

    Example:

    \b
        ccprofile set-subagent-model haiku
    """
    if model == variables.INHERIT:
        raise UsageError(
            "subagents use the primary model when nothing pins theirs (that is what inherit means): "
            "run `ccprofile unset-subagent-model` instead"
        )
    where = Where(shell, file, scope, project)
    _pin(variables.SUBAGENT, "subagent", model, provider, where, dry_run, strict, force, verify)


def _pin(
    variable: str,
    kind: str,
    model: str,
    provider: str | None,
    where: Where,
    dry_run: bool,
    strict: bool,
    force: bool,
    verify: bool | None,
) -> None:
    """set-model and set-subagent-model: one variable, an alias kept as typed (Claude Code
    resolves it), any other value checked against the catalog for the provider."""
    from ccprofile.claude import selection

    refuse_contradictions(strict=strict, force=force)
    chosen_provider = provider_from(provider)
    prefix = bedrock_prefix_here(chosen_provider)
    choice = selection.choose(
        model, chosen_provider, catalog_here(), background=False, force=force, prefix=prefix
    )

    def edit(pins: dict[str, str]) -> dict[str, str]:
        pins[variable] = choice.value
        return pins

    what = f"pins the {kind} model to {choice.value}"
    _write(where, edit, what, dry_run=dry_run, strict=strict, verify=verify, note=choice.note, force=force)


@errors
def unset_fast_model(
    shell: ShellOption = None,
    file: FileOption = None,
    scope: ScopeOption = None,
    project: ProjectOption = None,
    dry_run: DryRunOption = False,
    strict: StrictOption = False,
    verify: VerifyOption = None,
) -> None:
    """Drop the background-model pin and keep the primary one (if any).

    With no pins left the block goes away, as with `ccprofile uninstall`.

    Example:

    \b
        ccprofile unset-fast-model --dry-run
    """

    where = Where(shell, file, scope, project)
    _unpin(variables.BACKGROUND_PINS, "background", where, dry_run, strict, verify)


def _unpin(
    names: Sequence[str], kind: str, where: Where, dry_run: bool, strict: bool, verify: bool | None
) -> None:
    """The unset commands: ``names`` leave the block (or ccprofile's keys of the settings file),
    the other pins stay; in a settings file they go even without ccprofile's record of them."""

    def edit(pins: dict[str, str]) -> dict[str, str]:
        for name in names:
            pins.pop(name, None)
        return pins

    _write(
        where, edit, f"has no {kind}-model pin", dry_run=dry_run, strict=strict, verify=verify, adopt=names
    )


@errors
def unset_model(
    shell: ShellOption = None,
    file: FileOption = None,
    scope: ScopeOption = None,
    project: ProjectOption = None,
    dry_run: DryRunOption = False,
    strict: StrictOption = False,
    verify: VerifyOption = None,
) -> None:
    """Drop the primary-model pin (ANTHROPIC_MODEL) and keep the background one (if any).

    With no pins left the block goes away, as with `ccprofile uninstall`.

    Example:

    \b
        ccprofile unset-model
    """

    where = Where(shell, file, scope, project)
    _unpin((variables.PRIMARY,), "primary", where, dry_run, strict, verify)


@errors
def unset_subagent_model(
    shell: ShellOption = None,
    file: FileOption = None,
    scope: ScopeOption = None,
    project: ProjectOption = None,
    dry_run: DryRunOption = False,
    strict: StrictOption = False,
    verify: VerifyOption = None,
) -> None:
    """Drop the subagent-model pin (CLAUDE_CODE_SUBAGENT_MODEL); subagents then use the primary model.

    With no pins left the block goes away, as with `ccprofile uninstall`.

    Example:

    \b
        ccprofile unset-subagent-model
    """

    where = Where(shell, file, scope, project)
    _unpin((variables.SUBAGENT,), "subagent", where, dry_run, strict, verify)


@errors
def completion(
    remove: Annotated[
        bool, typer.Option("--remove", help="Take the completion lines out of the block again.")
    ] = False,
    shell: ShellOption = None,
    file: FileOption = None,
    dry_run: DryRunOption = False,
) -> None:
    """Add tab completion for ccprofile to the ccprofile block (bash, zsh, fish).

    The lines go inside the block, so `ccprofile uninstall` takes them out with everything
    else and leaves the file as it was. They define one function and start nothing, so a new
    shell starts no slower. `ccprofile --install-completion` does the same.

    Example:

    \b
        ccprofile completion --dry-run
    """
    from ccprofile.cli import writing
    from ccprofile.machine.targets import resolve_target

    target = resolve_target(shell, file, os.environ, platforms.current(os.environ))
    what = "has no tab completion for ccprofile" if remove else "has tab completion for ccprofile"
    options = writing.Options(dry_run=dry_run)
    writing.write(target, lambda pins: pins, what, options, completion=not remove)


@errors
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
    from ccprofile.cli import writing

    if purge and not all_files:
        raise UsageError("--purge deletes ccprofile's state directory, so it needs --all")
    if not all_files:
        # A committed project file is the team's: any clone may take its pins out. The `model`
        # key stays, since Claude Code's own /model writes it too; unset-model takes it.
        team = variables.BACKGROUND_PINS if Where(shell, file, scope).chosen_scope() == "project" else ()
        _write(
            Where(shell, file, scope, project),
            None,
            "has no ccprofile pin",
            dry_run=dry_run,
            strict=strict,
            verify=verify,
            adopt=team,
        )
        return
    if file is not None or scope is not None or project is not None:
        raise UsageError("--all removes every pin ccprofile wrote; it takes no --file, --scope or --project")
    _uninstall_everything(writing.Options(dry_run, strict, verify), shell, purge)


def _every_startup_file(home: Home) -> dict[Path, Shell | None]:
    """Every file a block of ccprofile's may be in, with the shell that reads it where known:
    each shell's own files, what they source (login and not), and every file the ledger says
    ccprofile wrote a block to (a ``--file`` that nothing sources any more included)."""
    from ccprofile.claude.status import WATCHED
    from ccprofile.startup.scan import scan
    from ccprofile.startup.shells import SHELLS, get_shell, known_files
    from ccprofile.storage import ledger
    from ccprofile.storage.state import state_dir

    found: dict[Path, Shell | None] = dict.fromkeys(known_files(home))
    for shell in SHELLS.values():
        for login in (False, True):
            for path in scan(shell, home, WATCHED, login=login).files:
                found.setdefault(path, shell)
    for place in ledger.Ledger(state_dir(home)).read().values():
        if place.kind == "shell":
            found.setdefault(Path(place.path), get_shell(place.label) if place.label in SHELLS else None)
    return found


def _uninstall_everything(options: writing.Options, shell: str | None, purge: bool) -> None:
    """Every file, quietly; then one report: what went (or would go), where the backups are,
    and the models a new terminal's claude uses now."""
    import dataclasses

    from ccprofile.claude.settings_pins import recorded
    from ccprofile.cli import render, settings_writing, writing
    from ccprofile.machine.targets import Target, target_for_reading
    from ccprofile.startup.homes import read_home
    from ccprofile.startup.shells import SHELLS, get_shell, shell_for_file
    from ccprofile.storage.state import state_dir

    home = read_home(os.environ, platforms.current(os.environ))
    changes = []
    for path, owner in _every_startup_file(home).items():
        if path.is_file():
            named = get_shell(shell) if shell else owner or shell_for_file(path) or SHELLS["sh"]
            target = Target(named, path, home, None, "the name of the file")
            changes.append(writing.write(target, None, "has no ccprofile block", options, quiet=True))
    records = recorded(state_dir(home))
    if records:
        status_shell = target_for_reading(shell, os.environ, platforms.current(os.environ))
        # --verify is for the startup files above: no shell reads a settings file.
        unverified = dataclasses.replace(options, verify=None)
        for path, record in records.items():
            where = settings_writing.SettingsTarget(record.scope, path, path.parent.parent, status_shell)
            changes.append(
                settings_writing.write_settings(where, None, "has no ccprofile pin", unverified, quiet=True)
            )
    changes += settings_writing.remove_git_ignore_rules(home, options.dry_run)
    removed = [change for change in changes if change.changed]
    if not removed:
        console.print(
            "No startup file has a ccprofile block, no settings file a ccprofile pin, and git's ignore "
            "file no rule of ccprofile's; nothing changed."
        )
    else:
        console.print(f"{'Would remove' if options.dry_run else 'Removed'} ccprofile's pins from:")
        for change in removed:
            deleted = "would be deleted" if options.dry_run else "deleted"
            gone = (
                f" ({deleted}: ccprofile had created it, and nothing else was in it)"
                if change.deleted
                else ""
            )
            console.print(f"  {render.tilde(change.path, home.path)}{gone}", soft_wrap=True)
        if options.dry_run:
            for change in removed:
                ended = change.diff.endswith("\n")
                diff = change.diff if ended else change.diff + "\n\\ No newline at end of file\n"
                console.print(diff, markup=False, highlight=False, soft_wrap=True, end="")
            console.print("Dry run: nothing was changed.")
        else:
            _show_models_now(shell, home.path)
    _state_after_uninstall(state_dir(home), home.path, options.dry_run, purge, bool(removed))


def _show_models_now(shell: str | None, home: Path) -> None:
    from ccprofile.claude import status as status_module
    from ccprofile.cli.render_status import source_words
    from ccprofile.machine.targets import target_for_reading

    platform = platforms.current(os.environ)
    target = target_for_reading(shell, os.environ, platform)
    report = status_module.build(status_module.read_inputs(os.environ, target, Path.cwd(), platform))
    where = "a new terminal" if report.shell is not None else "here"
    for label, view in (("background", report.background), ("primary", report.primary)):
        model = view.new_shell or view.now
        console.print(
            f"A claude started from {where} now uses the {label} model {model.model} "
            f"({source_words(model, home, report.ours)}).",
            soft_wrap=True,
        )
    agents = report.subagents.new_shell or report.subagents.now if report.subagents else None
    if agents is not None and agents.selected:  # else they use the primary, said just above
        console.print(
            f"Its subagents use {agents.model} ({source_words(agents, home, report.ours)}).", soft_wrap=True
        )


def _state_after_uninstall(state: Path, home: Path, dry_run: bool, purge: bool, removed: bool) -> None:
    import shutil

    from ccprofile.cli import render
    from ccprofile.storage.fileio import remove_empty
    from ccprofile.storage.ledger import BACKUPS_SETTING, Ledger, backups_kept

    shown = render.tilde(state, home)
    if not state.exists():
        return
    if purge and not dry_run:
        made = Ledger(state).made_dirs()
        shutil.rmtree(state)
        remove_empty([str(d) for d in made if d != state])  # ~/.local/state, if ccprofile made it
        console.print(f"Deleted {shown}: ccprofile's backups, record and ledger are gone.", soft_wrap=True)
    elif purge:
        console.print(f"Dry run: {shown} would be deleted (backups, record and ledger).", soft_wrap=True)
    elif removed and not dry_run and backups_kept(os.environ) == 0:
        console.print(
            runnable(
                f"No backups were kept (${BACKUPS_SETTING} is 0): `ccprofile undo` cannot put back "
                "what was in these files before."
            )
        )
    elif removed and not dry_run:
        console.print(
            runnable(
                f"Backups of every file ccprofile changed are in {shown}/backups; they may hold API keys. "
                "`ccprofile undo` puts the pins back; `ccprofile uninstall --all --purge` deletes the "
                "backups too."
            ),
            soft_wrap=True,
        )
