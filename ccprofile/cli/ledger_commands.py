"""The commands that read and rewind ccprofile's ledger: list and undo."""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING

from ccprofile.cli.consoles import console
from ccprofile.cli.failures import describe
from ccprofile.errors import CcprofileError, ChangedSince
from ccprofile.system import platforms

if TYPE_CHECKING:
    from ccprofile.claude.undo import Rewind
    from ccprofile.storage.ledger import Ledger, Place


def undo(*, all_changes: bool = False, force: bool = False, dry_run: bool = False) -> int:
    """Put back every file the last command changed (``all_changes``: every change on
    record); 1 when a file was left as it is."""
    from ccprofile.claude import undo as rewinding
    from ccprofile.cli import render
    from ccprofile.startup.homes import read_home
    from ccprofile.storage import fileio, ledger
    from ccprofile.storage.state import state_dir

    home = read_home(os.environ, platforms.current(os.environ))
    state = state_dir(home)
    book = ledger.Ledger(state, ledger.backups_kept(os.environ))
    places = book.read()
    chosen = rewinding.chosen(places, all_changes)
    if not chosen:
        console.print("Nothing to undo: ccprofile has no change on record.")
        return 0
    plans, left, refused = _plans(book, places, chosen, force, dry_run)
    for real, planned in plans.items():
        if not dry_run:
            try:
                made = _rewind(book, state, real, planned, force)
            except CcprofileError as error:
                left.append((planned.path, describe(error)[0]))  # with its advice, as the error line
                continue
            if made is None:
                left.append((planned.path, _RACED))
                continue
            fileio.remove_empty(made)
        _show(planned, home.path, dry_run)
        if not dry_run and places[real].kind == "shell":
            _show_held(planned, places[real].label, home.path)
    for path, why in left:
        console.print(f"Left {render.tilde(Path(path), home.path)}: {why}.", soft_wrap=True)
    # 1: not everything the last command changed was (or would be) put back.
    return 1 if left or refused else 0


_RACED = "another ccprofile run changed it just now"


def _plans(
    book: Ledger, places: Mapping[str, Place], chosen: Mapping[str, int], force: bool, dry_run: bool
) -> tuple[dict[str, Rewind], list[tuple[str, str]], bool]:
    """What each chosen file is put back to, the files left as they are (path, why), and
    whether a dry run would be refused. Every file is checked before any is written: one that
    cannot be put back stops them all. Each under its lock, where its last step and its bytes
    agree (writers hold it for both); the lock of the file the user's path leads to now (a
    link into a dotfiles folder)."""
    from ccprofile.claude import undo as rewinding
    from ccprofile.storage import fileio

    plans: dict[str, Rewind] = {}
    left: list[tuple[str, str]] = []
    refused = False
    for real, count in chosen.items():
        with fileio.locked(fileio.resolve(Path(places[real].path)), create=False):
            place = book.read().get(real)
            # The steps chosen, not ones a concurrent run added since: that run is its own to undo.
            if place is None or place.steps[-count:] != places[real].steps[-count:]:
                left.append((places[real].path, _RACED))
                continue
            try:
                plans[real] = rewinding.plan(Path(real), place, count, force=force)
            except ChangedSince as error:
                if not dry_run:
                    raise
                # The dry run shows the difference the refusal is about: what --force would write.
                forced = rewinding.plan(Path(real), place, count, force=True)
                reason = str(error).removesuffix("; nothing was restored")
                console.print(f"Would refuse: {reason}. With --force it would write:", soft_wrap=True)
                console.print(forced.diff(), markup=False, highlight=False, soft_wrap=True, end="")
                refused = True
    return plans, left, refused


def _rewind(book: Ledger, state: Path, real: str, planned: Rewind, force: bool) -> list[str] | None:
    """Plan again under the file's lock and apply; None when a concurrent run got there first.
    Returns the folders to remove once the lock is released."""
    from ccprofile.claude import undo as rewinding
    from ccprofile.storage import fileio

    # A file put back may need its folder made again: then the lock makes it, so that no other
    # run writes there unlocked meanwhile.
    with fileio.locked(planned.real, create=planned.restored is not None):
        place = book.read().get(real)
        if place is None or place.steps[-len(planned.steps) :] != planned.steps:
            return None
        rewind = rewinding.plan(Path(real), place, len(planned.steps), force=force)
        made: list[str] = rewinding.apply(rewind, place, book, state)
        return made


def _show(rewind: Rewind, home: Path, dry_run: bool) -> None:
    from ccprofile.claude import undo as rewinding
    from ccprofile.cli import render

    shown = render.tilde(Path(rewind.path), home)
    since = f"`{rewind.first.command}` ({rewinding.when(rewind.first)})"
    if rewind.state == rewinding.ALREADY:
        render.say(console, f"{shown} already was as before {since}; the record now says so.")
        return
    if rewind.state == rewinding.CHANGED:
        done, would = "Put back", "Would put back"
        text = f"ccprofile's part of {shown} as it was before {since}; everything outside it stays as it is"
    elif rewind.restored is None:
        done, would = "Deleted", "Would delete"
        text = f"{shown}: it did not exist before {since}"
    else:
        done, would = "Restored", "Would restore"
        text = f"{shown} as it was before {since}"
    render.say(console, f"{would if dry_run else done} {text}.")
    if dry_run:
        console.print(rewind.diff(), markup=False, highlight=False, soft_wrap=True, end="")


def _show_held(rewind: Rewind, shell: str, home: Path) -> None:
    """What this terminal still holds of the pins undone in a startup file: a running shell
    keeps them, as after unset-fast-model, and loading the file cannot remove one."""
    from ccprofile.claude.ledger_view import block_pins
    from ccprofile.cli import render, render_hints
    from ccprofile.startup.shells import SHELLS

    undone = dict(block_pins(Path(rewind.path), rewind.current)[0])
    now = dict(block_pins(Path(rewind.path), rewind.restored)[0])
    held = [n for n, v in undone.items() if os.environ.get(n) == v and now.get(n) != v]
    if not held or shell not in SHELLS:
        return
    named = SHELLS[shell]
    gone = [n for n in held if n not in now]
    run = [named.syntax.unset(gone)] if gone else []
    if len(gone) < len(held):  # a value the file sets again, another one: loading it gives it
        run.append(named.apply_hint(render.tilde(Path(rewind.path), home)))
    lead = "To drop them here run:" if len(gone) == len(held) else "To have the file's here run:"
    render_hints.say_then_run(console, "This terminal still has the values undone.", lead, "; ".join(run))


def list_changes(*, as_json: bool = False) -> int:
    """Every file ccprofile changed, and whether it is still as ccprofile left it."""
    import json

    from ccprofile.claude.ledger_view import places_now
    from ccprofile.startup.homes import read_home

    home = read_home(os.environ, platforms.current(os.environ))
    rows = places_now(home)
    if as_json:
        print(json.dumps({"places": [row.to_json() for row in rows]}, indent=2))
        return 0
    from ccprofile.cli import render_ledger

    render_ledger.show_places(console, rows, home.path)
    return 0
