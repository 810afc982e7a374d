"""Change the ccprofile block of one startup file: read, edit the pins, write safely.

Glue between the pure block logic (``block``), the shell syntaxes (``shells``) and safe file
I/O (``fileio``). Every operation returns a ``Change`` value; nothing here prints.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from ccprofile.errors import NOTHING_WRITTEN, CcprofileError
from ccprofile.startup import block
from ccprofile.startup.shells import KNOWN_COMPLETIONS, Shell
from ccprofile.startup.syntax import parse_any
from ccprofile.storage import fileio, ledger

Pins = Mapping[str, str]


@dataclass(frozen=True)
class Planned:
    """A write about to happen, as a ``check`` sees it before anything is written."""

    path: Path  # the real file
    data: bytes | None  # its planned bytes; None: it is deleted
    before: tuple[tuple[str, str], ...]  # the block's pins now
    after: tuple[tuple[str, str], ...]  # and after the write


Check = Callable[[Planned], None]


@dataclass(frozen=True)
class Change:
    """What one command did (or, with ``dry_run``, would do) to one startup file."""

    path: Path  # the path as the user knows it: the link, if it is one
    real_path: Path  # the file actually written
    shell: str
    before: tuple[tuple[str, str], ...]
    after: tuple[tuple[str, str], ...]
    created: bool
    deleted: bool
    changed: bool
    collapsed: int
    diff: str  # the unified diff; filled in for dry runs only
    backup: Path | None
    dry_run: bool
    exports: tuple[str, ...]  # the assignment lines of the new block, ready to paste
    completion: tuple[bool, bool] = (False, False)  # the block had / has tab completion
    previous: bytes | None = None  # the file before the change (None: it did not exist)
    mode: int | None = None  # its mode, to put it back as it was


def _marker_error(path: Path, error: block.MarkerError) -> CcprofileError:
    return CcprofileError(f"{path}: {error}; fix the markers by hand, {NOTHING_WRITTEN}")


@dataclass(frozen=True)
class Contents:
    """What one block holds: pins, and whether it has the tab-completion lines."""

    pins: dict[str, str]
    completion: bool


def read_block(path: Path, found: block.Block, names: Sequence[str], *, strict: bool = True) -> Contents:
    """The pins of ``names`` one block holds and its completion; with ``strict``, refuse a
    block edited by hand."""
    body = found.body
    completion = block.COMPLETION_NOTE in body
    if completion:
        at = body.index(block.COMPLETION_NOTE)
        if strict and tuple(body[at + 1 :]) not in KNOWN_COMPLETIONS:
            raise CcprofileError(
                f"{path}:{found.first_line + 2 + at}: the completion lines inside the ccprofile block "
                f"are not ccprofile's; move your changes out of the block, {NOTHING_WRITTEN}"
            )
        body = body[:at]
    return Contents(_read_pins(path, found, body, names, strict=strict), completion)


def _read_pins(
    path: Path, found: block.Block, body: Sequence[str], names: Sequence[str], *, strict: bool
) -> dict[str, str]:
    pins: dict[str, str] = {}
    for index, line in enumerate(body):
        if block.is_own_comment(line) or not line.strip():
            continue
        statement = parse_any(line)
        if statement is not None and statement.name in names and statement.value is not None:
            pins[statement.name] = statement.value.value
        elif strict:
            raise CcprofileError(
                f"{path}:{found.first_line + 1 + index}: this line inside the ccprofile block "
                f"is not ccprofile's; move it out of the block, {NOTHING_WRITTEN}"
            )
    return pins


def _diff(path: Path, old: str, new: str | None) -> str:
    import difflib  # dry runs only: the write path does not pay for it

    lines = difflib.unified_diff(
        old.splitlines(keepends=True),
        (new or "").splitlines(keepends=True),
        fromfile=str(path),
        tofile="/dev/null" if new is None else str(path),
    )
    return "".join(
        line if line.endswith("\n") else line + "\n\\ No newline at end of file\n" for line in lines
    )


def _ordered(pins: Pins, names: Sequence[str]) -> tuple[tuple[str, str], ...]:
    return tuple((name, pins[name]) for name in names if name in pins)


@dataclass(frozen=True)
class Plan:
    new: str | None  # None: delete the file
    before: tuple[tuple[str, str], ...]
    after: tuple[tuple[str, str], ...]
    collapsed: int
    completion: tuple[bool, bool] = (False, False)  # before, after


def _without_blocks(
    old: str, blocks: list[block.Block], before: tuple[tuple[str, str], ...], completion: bool
) -> Plan:
    removal = block.remove(old)
    new = None if removal.created_file and removal.text == "" else removal.text
    return Plan(new, before, (), max(len(blocks) - 1, 0), (completion, False))


def update(
    path: Path,
    shell: Shell,
    edit: Callable[[dict[str, str]], dict[str, str]],
    *,
    names: Sequence[str],
    backup_dir: Path,
    dry_run: bool = False,
    check: Check | None = None,
    completion: bool | None = None,
    entry: ledger.Entry | None = None,
    program: str = "ccprofile",
    new_file_newline: str | None = None,
) -> Change:
    """Apply ``edit`` to the file's pins and write the result; a block left with neither pins
    nor completion is removed. ``program``: how the block's comment names ccprofile.
    ``new_file_newline``: the line ending of a file this creates (None: the shell syntax's).

    ``names`` are the variables a block may hold, in the order it writes them. ``completion``
    adds (True) or removes (False) the shell's tab-completion lines; None keeps what is there.
    ``check`` sees the planned bytes (None: the file goes) before anything is written, also in
    a dry run, and may raise to stop the write.
    """

    def plan(old: str, missing: bool) -> Plan:
        blocks = block.find_blocks(old)
        contents = read_block(path, blocks[0], names) if blocks else Contents({}, False)
        before = _ordered(contents.pins, names)
        after = _ordered(edit(dict(before)), names)
        completes = contents.completion if completion is None else completion
        if not after and not completes:
            return _without_blocks(old, blocks, before, contents.completion)
        payload = [shell.syntax.assign(name, value) for name, value in after]
        if completes:
            payload += [block.COMPLETION_NOTE, *shell.completion]
        newline = (new_file_newline or shell.syntax.newline) if missing else shell.syntax.newline
        edited = block.apply(old, payload, created_file=missing, newline=newline, program=program)
        return Plan(edited.text, before, after, edited.collapsed, (contents.completion, completes))

    return _run_block(
        path, shell, plan, backup_dir, dry_run=dry_run, may_create=not dry_run, check=check, entry=entry
    )


def uninstall(
    path: Path,
    shell: Shell,
    *,
    names: Sequence[str],
    backup_dir: Path,
    dry_run: bool = False,
    check: Check | None = None,
    entry: ledger.Entry | None = None,
) -> Change:
    """Remove every ccprofile block; delete the file if ccprofile created it and it is empty.

    Lines added inside the block by hand go with it (the block is ccprofile's), but the
    backup keeps them.
    """

    def plan(old: str, missing: bool) -> Plan:
        blocks = block.find_blocks(old)
        contents = read_block(path, blocks[0], names, strict=False) if blocks else Contents({}, False)
        return _without_blocks(old, blocks, _ordered(contents.pins, names), contents.completion)

    # Removing never needs a directory that is not there: do not create one just to lock it.
    return _run_block(
        path, shell, plan, backup_dir, dry_run=dry_run, may_create=False, check=check, entry=entry
    )


def _run_block(
    path: Path,
    shell: Shell,
    plan: Callable[[str, bool], Plan],
    backup_dir: Path,
    *,
    dry_run: bool,
    may_create: bool,
    check: Check | None,
    entry: ledger.Entry | None,
) -> Change:
    """``run`` for a startup file's block: its pins are shown as the shell's assignments."""
    return run(
        path,
        plan,
        lambda pins: tuple(shell.syntax.assign(name, value) for name, value in pins),
        label=shell.name,
        backup_dir=backup_dir,
        dry_run=dry_run,
        may_create=may_create,
        check=check,
        entry=entry,
    )


def run(
    path: Path,
    plan: Callable[[str, bool], Plan],
    lines: Callable[[Sequence[tuple[str, str]]], tuple[str, ...]],
    *,
    label: str,
    backup_dir: Path,
    dry_run: bool,
    may_create: bool,
    check: Check | None,
    writing: Callable[[], None] | None = None,
    done: Callable[[bool], None] | None = None,
    entry: ledger.Entry | None = None,
) -> Change:
    """The one way a pin file is changed, whatever kind it is (a startup file's block, a
    settings file's keys): lock, read, ``plan`` the new text from the old (None: delete the
    file), let ``check`` see it, then back up and replace the file atomically. ``lines``
    turns pins into the lines shown to the user. ``writing`` is called just before the file is
    replaced; ``done`` at the end of a real run, told whether the file changed. Both run while
    the lock is held. ``entry``: what the ledger records of a real change, saved after the
    backup and before the file is replaced."""
    real = fileio.resolve(path)
    made = fileio.missing_dirs(real.parent) if may_create else []
    with fileio.locked(real, create=may_create):
        if not dry_run and real.parent.is_dir():
            # Also when nothing changes: a later run cleans up after a killed one.
            fileio.remove_stale_temps(real)
        snapshot = fileio.read(real)
        if b"\0" in (snapshot.data or b""):
            raise CcprofileError(
                f"{path} contains NUL bytes, so it is not a text file ccprofile may edit; {NOTHING_WRITTEN}"
            )
        missing = snapshot.data is None
        old = fileio.decode(snapshot.data or b"")
        try:
            planned = plan(old, missing)
        except block.MarkerError as error:
            raise _marker_error(path, error) from None
        new = planned.new
        # A missing file stays missing unless there is something to write into it.
        changed = new not in (None, "") if missing else new != old
        if check is not None:
            data = None if new is None else fileio.encode(new)
            check(Planned(real, data, planned.before, planned.after))
        saved: Path | None = None
        if changed and not dry_run:
            fileio.check_writable(real)
            if writing is not None:
                writing()
            keep = entry.ledger.keep if entry is not None else fileio.BACKUPS_KEPT
            known = entry.ledger.read().get(str(real)) if entry is not None else None
            if snapshot.data:
                first = known.first_backup if known is not None else None
                saved = fileio.backup(real, snapshot.data, backup_dir, keep, protect=first)
            if entry is not None:
                data = None if new is None else fileio.encode(new)
                place = ledger.Place(str(path), entry.kind, entry.label, str(backup_dir))
                step = ledger.Step(
                    entry.run,
                    entry.command,
                    not missing,
                    saved.name if saved is not None else None,
                    ledger.digest(snapshot.data),
                    ledger.digest(data),
                    entry.record,
                    tuple([*entry.dirs, *made]),
                )
                entry.ledger.add(real, place, step)
            if new is None:
                fileio.delete(real)
            else:
                fileio.write(real, fileio.encode(new), snapshot.mode)
        if done is not None and not dry_run:
            done(changed)
    if made and not changed:
        fileio.remove_empty(made)  # made only to lock: nothing was written there
    return Change(
        path=path,
        real_path=real,
        shell=label,
        before=planned.before,
        after=planned.after,
        created=changed and missing,
        deleted=changed and new is None,
        changed=changed,
        collapsed=planned.collapsed,
        # Only a dry run shows the diff; difflib on a large file costs more than the write.
        diff=_diff(path, old, new) if changed and dry_run else "",
        backup=saved,
        dry_run=dry_run,
        exports=lines(planned.after),
        completion=planned.completion,
        previous=snapshot.data,
        mode=snapshot.mode,
    )


def restore(change: Change) -> None:
    """Put the file back as it was before ``change`` (``--strict`` after a failed check)."""
    with fileio.locked(change.real_path, create=False):
        if change.previous is None:
            if change.real_path.exists():
                fileio.delete(change.real_path)
        else:
            fileio.write(change.real_path, change.previous, change.mode)
