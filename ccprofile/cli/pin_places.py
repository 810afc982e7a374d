"""Where a pin command writes (a startup file's block or a settings file, by the options given)
and the one write both kinds share, with what each command says around it."""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from ccprofile.claude import scopes, variables
from ccprofile.cli.consoles import console
from ccprofile.cli.failures import UsageError
from ccprofile.cli.options import (
    scope_from,
)
from ccprofile.errors import NotAStartupFile
from ccprofile.system import platforms

if TYPE_CHECKING:
    from ccprofile.cli import writing


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


def write_pin(
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
    ``adopt``: the pins a removal takes out (in a settings file even without ccprofile's record).
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
        show_note(note)
        if confirm is not None:
            confirm()
        writing.write(target, edit, what, options, removes=adopt if force is None else ())
        return
    if where.file is not None:
        raise UsageError(f"--file names a startup file; --scope {scope} writes Claude Code's settings file")
    settings_file = settings_writing.settings_target(scope, where.project, where.shell)
    show_note(note)
    if confirm is not None:
        confirm()
    # Only a project's committed file is shared: elsewhere a key without ccprofile's record is
    # the user's own (Claude Code's /model writes `model` in the user's settings).
    shared = scopes.BY_NAME[scope].shared
    settings_writing.write_settings(
        settings_file, edit, what, options, adopt if shared else (), unpinned=adopt
    )


def current_pin(where: Where, name: str) -> str | None:
    """The value ``name`` has in the place this command writes (the block, or the settings
    file), so that running the same setup again keeps it rather than choosing anew."""
    from ccprofile.machine.targets import resolve_target
    from ccprofile.startup import block, profile
    from ccprofile.storage import codec, fileio

    scope = where.chosen_scope()
    if scope != "shell":
        from ccprofile.claude import settings_files
        from ccprofile.cli import settings_writing

        settings_file = settings_writing.settings_target(scope, where.project, where.shell)
        document = settings_files.read(scope, settings_file.path)
        return document.env.get(name) if document is not None and not document.error else None
    target = resolve_target(where.shell, where.file, os.environ, platforms.current(os.environ))
    data = fileio.read(target.path).data
    try:
        blocks = block.find_blocks(codec.decode(data)) if data is not None else []
    except block.MarkerError:
        return None  # the write reports the broken markers
    found = profile.read_block(target.path, blocks[-1], variables.PINNABLE, strict=False) if blocks else None
    return found.pins.get(name) if found is not None else None


def show_note(note: str | None) -> None:
    if note:
        from ccprofile.cli import render

        render.show_note(console, note)
