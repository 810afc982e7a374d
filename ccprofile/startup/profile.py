"""The ccprofile block of one startup file: its pins read, and the plan of its new text.

Pure glue between the block logic (``block``) and the shell syntaxes (``shells``): the caller
opens the file (``storage.edit``), plans here, checks, and commits. ``change`` describes the
outcome as a ``FileChange`` value; nothing here prints.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from ccprofile.errors import NOTHING_WRITTEN, CcprofileError
from ccprofile.startup import block
from ccprofile.startup.shells import KNOWN_COMPLETIONS, Shell
from ccprofile.startup.syntax import parse_any
from ccprofile.storage import codec

# The open file a plan is made from, an annotation only: edit locks and reads, this module plans.
TYPE_CHECKING = False
if TYPE_CHECKING:
    from ccprofile.storage.edit import Editing

Pins = Mapping[str, str]


@dataclass(frozen=True)
class PendingWrite:
    """A write about to happen, as a ``check`` sees it before anything is written."""

    data: bytes | None  # the file's planned bytes; None: it is deleted
    before: tuple[tuple[str, str], ...]  # the block's pins now
    after: tuple[tuple[str, str], ...]  # and after the write


@dataclass(frozen=True)
class FileChange:
    """What one command did (or, with ``dry_run``, would do) to one startup file."""

    path: Path  # the path as the user knows it: the link, if it is one
    real_path: Path  # the file actually written
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
    completion: bool = False  # the block has tab completion after the change
    previous: bytes | None = None  # the file before the change (None: it did not exist)
    mode: int | None = None  # its mode, to put it back as it was


def _marker_error(path: Path, error: block.MarkerError) -> CcprofileError:
    return CcprofileError(f"{path}: {error}; fix the markers by hand, {NOTHING_WRITTEN}")


@dataclass(frozen=True)
class Contents:
    """What one block holds: pins, and its tab-completion lines (() where it has none)."""

    pins: dict[str, str]
    completion: tuple[str, ...] = ()


def read_block(path: Path, found: block.Block, names: Sequence[str], *, strict: bool = True) -> Contents:
    """The pins of ``names`` one block holds and its completion; with ``strict``, refuse a
    block edited by hand."""
    body = found.body
    lines: tuple[str, ...] = ()
    if block.COMPLETION_NOTE in body:
        at = body.index(block.COMPLETION_NOTE)
        lines = tuple(body[at + 1 :])
        if strict and lines not in KNOWN_COMPLETIONS:
            # The line named is the first that no completion of ccprofile's has in that place.
            changed = next(
                (
                    i
                    for i, line in enumerate(lines)
                    if all(known[i : i + 1] != (line,) for known in KNOWN_COMPLETIONS)
                ),
                len(lines),
            )
            raise CcprofileError(
                f"{path}:{found.first_line + 2 + at + changed}: the completion lines inside the ccprofile "
                f"block are not ccprofile's; move your changes out of the block, {NOTHING_WRITTEN}"
            )
        body = body[:at]
    return Contents(_read_pins(path, found, body, names, strict=strict), lines)


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
    completion: bool = False  # the block has tab completion after the change


def _without_blocks(old: str, blocks: list[block.Block], before: tuple[tuple[str, str], ...]) -> Plan:
    removal = block.remove(old)
    new = None if removal.created_file and removal.text == "" else removal.text
    return Plan(new, before, (), max(len(blocks) - 1, 0))


def plan_update(
    path: Path,
    file: Editing,
    shell: Shell,
    edit: Callable[[dict[str, str]], dict[str, str]],
    *,
    names: Sequence[str],
    completion: bool | None = None,
    program: str = "ccprofile",
    new_file_newline: str | None = None,
) -> Plan:
    """The file's new text with ``edit`` applied to its block's pins; a block left with neither
    pins nor completion is removed. ``program``: how the block's comment names ccprofile.
    ``new_file_newline``: the line ending of a file this creates (None: the shell syntax's).

    ``names`` are the variables a block may hold, in the order it writes them. ``completion``
    adds (True) or removes (False) the shell's tab-completion lines; None keeps what is there.
    """
    old, missing = file.text, file.missing
    try:
        blocks = block.find_blocks(old)
        contents = read_block(path, blocks[0], names) if blocks else Contents({})
        before = _ordered(contents.pins, names)
        after = _ordered(edit(dict(before)), names)
        lines = _completion_lines(path, shell, contents.completion, completion)
        if not after and not lines:
            return _without_blocks(old, blocks, before)
        payload = [shell.syntax.assign(name, value) for name, value in after]
        if lines:
            payload += [block.COMPLETION_NOTE, *lines]
        newline = (new_file_newline or shell.syntax.newline) if missing else shell.syntax.newline
        edited = block.apply(old, payload, created_file=missing, newline=newline, program=program)
    except block.MarkerError as error:
        raise _marker_error(path, error) from None
    return Plan(edited.text, before, after, edited.collapsed, bool(lines))


def _completion_lines(
    path: Path, shell: Shell, there: tuple[str, ...], completion: bool | None
) -> tuple[str, ...]:
    """The block's completion lines after the change. Another shell's lines are kept as they
    are, never turned into this shell's: that shell reads the file, and would fail on every
    start on lines it cannot run (zsh's `(( $+functions[compdef] ))` in bash)."""
    if completion is None:
        return there
    if not completion:
        return ()
    if there and there != shell.completion:
        raise CcprofileError(
            f"{path}: its ccprofile block has {KNOWN_COMPLETIONS[there]}'s tab completion, which "
            f"{shell.name}'s would replace (a file completes one shell: give {shell.name} a file "
            f"of its own), {NOTHING_WRITTEN}"
        )
    return shell.completion


def plan_removal(path: Path, file: Editing, *, names: Sequence[str]) -> Plan:
    """The file without any ccprofile block; None when ccprofile created it and it is left empty.

    Lines added inside the block by hand go with it (the block is ccprofile's), but the
    backup keeps them.
    """
    old = file.text
    try:
        blocks = block.find_blocks(old)
        pins = read_block(path, blocks[0], names, strict=False).pins if blocks else {}
        return _without_blocks(old, blocks, _ordered(pins, names))
    except block.MarkerError as error:
        raise _marker_error(path, error) from None


def exports(shell: Shell, pins: Sequence[tuple[str, str]]) -> tuple[str, ...]:
    """A startup file's pins as the shell's assignments, ready to paste."""
    return tuple(shell.syntax.assign(name, value) for name, value in pins)


def pending(file: Editing, plan: Plan) -> PendingWrite:
    """The write about to happen, for a check before it."""
    return PendingWrite(None if plan.new is None else codec.encode(plan.new), plan.before, plan.after)


def change(file: Editing, plan: Plan, *, lines: tuple[str, ...], dry_run: bool) -> FileChange:
    """What the edit did (or, in a dry run, would do)."""
    changed = file.changes(plan.new)
    return FileChange(
        path=file.path,
        real_path=file.real,
        before=plan.before,
        after=plan.after,
        created=changed and file.missing,
        deleted=changed and plan.new is None,
        changed=changed,
        collapsed=plan.collapsed,
        # Only a dry run shows the diff; difflib on a large file costs more than the write.
        diff=_diff(file.path, file.text, plan.new) if changed and dry_run else "",
        backup=file.backup,
        dry_run=dry_run,
        exports=lines,
        completion=plan.completion,
        previous=file.data,
        mode=file.mode,
    )
