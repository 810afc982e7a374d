"""The ccprofile block inside a startup file's text: find it, write it, remove it.

Pure text in, text out: no paths, no environment. Text is the file's bytes decoded as UTF-8
with ``surrogateescape`` (see ``fileio``), so BOMs, CRLF and non-UTF-8 bytes pass through
untouched. Only ``\\n`` ends a line; a ``\\r`` before it belongs to the terminator.

The exact-restore rule: a block is always inserted as ``text + NL + block`` (``block`` alone
into an empty text), where NL is the file's newline. That NL is a blank separator line when
the text ended with a newline and the missing terminator of the last line when it did not;
in both cases ``remove`` takes away exactly one NL in front of a block at the end of the text,
which gives back the original bytes.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

BEGIN = "# >>> ccprofile >>>"
END = "# <<< ccprofile <<<"
# Every fence pair any ccprofile release has written, newest first. Never drop an entry:
# uninstall must still find blocks that older releases left in users' files.
MARKERS: tuple[tuple[str, str], ...] = ((BEGIN, END),)
OWNERSHIP = (
    "# Managed by ccprofile: change with `ccprofile set-fast-model`, remove with `ccprofile uninstall`."
)


def ownership(program: str = "ccprofile") -> str:
    """The block's first comment, naming ccprofile as it can be run (a path, off PATH)."""
    return OWNERSHIP.replace("`ccprofile ", f"`{program} ")


OWNERSHIP_PREFIX = "# Managed by ccprofile"
# Lines after which nothing may be added: a new block goes in front of them instead.
MUST_STAY_LAST = ("#THIS MUST BE AT THE END OF THE FILE FOR SDKMAN TO WORK!!!",)
# Starts the tab-completion lines, always the last ones of a block that has them.
COMPLETION_NOTE = "# Tab completion for ccprofile (`ccprofile completion --remove` takes it out):"
# Present only when ccprofile created the file, so uninstall knows it may delete it again.
CREATED_NOTE = "# ccprofile created this file; uninstall deletes it if nothing else is added."

_BEGINS = frozenset(begin for begin, _ in MARKERS)
_ENDS = frozenset(end for _, end in MARKERS)


class MarkerError(ValueError):
    """The fences are unbalanced; ``lines`` are the 1-based line numbers involved."""

    def __init__(self, message: str, lines: tuple[int, ...]) -> None:
        super().__init__(message)
        self.lines = lines


@dataclass(frozen=True)
class Block:
    """One complete block: ``text[start:end]`` spans both fence lines and their terminators."""

    start: int
    end: int
    first_line: int
    last_line: int
    newline: str
    body: tuple[str, ...]

    @property
    def created_file(self) -> bool:
        return CREATED_NOTE in self.body


def is_own_comment(line: str) -> bool:
    """One of the comment lines ccprofile writes into every block (any release's wording)."""
    return line in (CREATED_NOTE, COMPLETION_NOTE) or line.startswith(OWNERSHIP_PREFIX)


class Edited:
    """A text with the block written into it, and how many blocks it had before. A plain class: status imports
    it, and a dataclass costs status a millisecond to create (docs/performance.md)."""

    __slots__ = ("blocks_before", "text")

    def __init__(self, text: str, blocks_before: int) -> None:
        self.text = text
        self.blocks_before = blocks_before

    @property
    def collapsed(self) -> int:
        """How many duplicate blocks were dropped to leave one."""
        return max(self.blocks_before - 1, 0)


def _line_at(text: str, offset: int) -> tuple[str, str]:
    """``(content, terminator)`` of the line starting at ``offset``; the terminator is '',
    '\\n' or '\\r\\n'."""
    nl = text.find("\n", offset)
    if nl == -1:
        return text[offset:], ""
    if nl > offset and text[nl - 1] == "\r":
        return text[offset : nl - 1], "\r\n"
    return text[offset:nl], "\n"


def _contents(text: str) -> tuple[str, ...]:
    """Every line's content, without its terminator."""
    out: list[str] = []
    pos = 0
    while pos < len(text):
        content, terminator = _line_at(text, pos)
        out.append(content)
        pos += len(content) + len(terminator)
    return tuple(out)


def newline_of(text: str) -> str:
    return "\r\n" if "\r\n" in text else "\n"


def _fence_lines(text: str) -> list[tuple[int, str, str, str]]:
    """``(offset, content, terminator, kind)`` of every fence line, in text order.

    A line is a fence when it is a marker followed only by whitespace. Looking for the markers
    with ``str.find`` instead of walking every line keeps a multi-megabyte startup file fast.
    """
    found: dict[int, tuple[int, str, str, str]] = {}
    for kind, markers in (("begin", _BEGINS), ("end", _ENDS)):
        for marker in markers:
            at = text.find(marker)
            while at != -1:
                if at == 0 or text[at - 1] == "\n":
                    content, terminator = _line_at(text, at)
                    if content.rstrip() == marker:
                        found[at] = (at, content, terminator, kind)
                at = text.find(marker, at + 1)
    return [found[offset] for offset in sorted(found)]


def find_blocks(text: str) -> list[Block]:
    """Every complete block in order; raise MarkerError if the fences do not pair up."""
    blocks: list[Block] = []
    opened: tuple[int, int, int, str] | None = None  # line number, offset, body offset, newline
    number, counted_to = 1, 0
    for offset, content, terminator, kind in _fence_lines(text):
        number += text.count("\n", counted_to, offset)
        counted_to = offset
        after = offset + len(content) + len(terminator)
        if kind == "begin":
            if opened is not None:
                raise MarkerError(
                    f"nested ccprofile begin markers at lines {opened[0]} and {number}",
                    (opened[0], number),
                )
            opened = (number, offset, after, terminator or newline_of(text))
        else:
            if opened is None:
                raise MarkerError(f"ccprofile end marker at line {number} has no begin marker", (number,))
            first, start, body_start, newline = opened
            body = _contents(text[body_start:offset])
            blocks.append(Block(start, after, first, number, newline, body))
            opened = None
    if opened is not None:
        raise MarkerError(f"ccprofile begin marker at line {opened[0]} has no end marker", (opened[0],))
    return blocks


def render(
    payload: Sequence[str],
    newline: str = "\n",
    *,
    created_file: bool = False,
    program: str = "ccprofile",
    comment: str | None = None,
) -> str:
    """The whole block, every line terminated; ``comment``: the first comment to keep."""
    lines = [BEGIN, comment or ownership(program)]
    if created_file:
        lines.append(CREATED_NOTE)
    lines.extend(payload)
    lines.append(END)
    return "".join(line + newline for line in lines)


def _has_separator(text: str, block: Block, floor: int) -> bool:
    """Whether the newline in front of ``block`` is the separator ``apply`` put there.

    Always at the end of the text, and in mid-text only when it makes a blank line (text was
    added after the block later on, or the block went in before a must-stay-last tail).
    ``floor`` is where the previous block ends, which no cut may reach.
    """
    nl = block.newline
    before = text[: block.start]
    return (
        block.start - len(nl) >= floor
        and before.endswith(nl)
        and (block.end == len(text) or before[: -len(nl)].endswith("\n"))
    )


def _cut(text: str, block: Block, floor: int) -> str:
    """Remove ``block`` and the separator in front of it."""
    cut = len(block.newline) if _has_separator(text, block, floor) else 0
    return text[: block.start - cut] + text[block.end :]


def _cut_all(text: str, blocks: Sequence[Block], keep_first: bool = False) -> str:
    """Cut ``blocks`` (in text order) from the last to the first, so offsets stay valid;
    ``keep_first`` leaves the first in place (its duplicates go, judged in the whole text)."""
    for index in range(len(blocks) - 1, 0 if keep_first else -1, -1):
        floor = blocks[index - 1].end if index else 0
        text = _cut(text, blocks[index], floor)
    return text


def _tail_start(text: str) -> int | None:
    """Where the lines that must stay last begin (SDKMAN's), or None."""
    for marker in MUST_STAY_LAST:
        at = text.find(marker)
        while at != -1:
            if (at == 0 or text[at - 1] == "\n") and _line_at(text, at)[0].strip() == marker:
                return at
            at = text.find(marker, at + 1)
    return None


def _insert(text: str, block: str, newline: str) -> str:
    """A new block at the end, or just before a tail that must stay last; always with the
    separator ``_cut`` takes back, so removing it gives back ``text`` exactly."""
    if text == "":
        return block
    tail = _tail_start(text)
    if tail is None:
        return text + newline + block
    if tail == 0:
        return block + text  # nothing before the tail: no separator, and none to take back
    return text[:tail] + newline + block + text[tail:]


def apply(
    text: str,
    payload: Sequence[str],
    *,
    created_file: bool = False,
    newline: str | None = None,
    program: str = "ccprofile",
) -> Edited:
    """Put ``payload`` into the first block (in place), or add a new block.

    Later duplicate blocks are removed. ``created_file`` marks a new block as living in a file
    that ccprofile created; an existing block keeps the mark it has. ``newline`` ends the
    block's lines; None follows the file (PowerShell reads either, and editors keep one style).
    ``program``: how a new block's comment names ccprofile (see ``ownership``).
    """
    blocks = find_blocks(text)
    if not blocks:
        nl = newline or newline_of(text)
        return Edited(_insert(text, render(payload, nl, created_file=created_file, program=program), nl), 0)
    first = blocks[0]
    nl = newline or first.newline
    # Cut in the whole text, not after the first block: whether a duplicate has a separator in
    # front depends on the line before it, which may be the first block's end fence.
    text = _cut_all(text, blocks, keep_first=True)
    # An existing block keeps its comment, as it keeps its created mark: the same pins run
    # from another install (pipx, a venv) leave the file as it is.
    kept = next((line for line in first.body[:1] if line.startswith(OWNERSHIP_PREFIX)), None)
    new = render(payload, nl, created_file=first.created_file, program=program, comment=kept)
    old = text[first.start : first.end]
    if not old.endswith("\n"):
        # The end fence was the last line without a terminator; keep it that way.
        new = new[: -len(nl)]
    before = text[: first.start]
    if nl != first.newline and _has_separator(text, first, 0):
        # A block written with CRLF by an older release: its separator changes with it, so
        # that uninstall still takes back exactly one separator.
        before = before[: -len(first.newline)] + nl
    elif nl != first.newline and before.endswith(nl):
        at_end = first.end == len(text)
        if at_end or before[: -len(nl)].endswith("\n"):
            # No separator in front of it, but the line end before it would now read as one:
            # the begin fence keeps its old line end, which tells uninstall there is none
            # (a CR after a comment is harmless to every shell).
            new = new.replace(BEGIN + nl, BEGIN + first.newline, 1)
    return Edited(before + new + text[first.end :], len(blocks))


class Removal:
    """A text with every block taken out. A plain class: status imports it, and a dataclass costs status a
    millisecond to create (docs/performance.md)."""

    __slots__ = ("created_file", "removed", "text")

    def __init__(self, text: str, removed: int, created_file: bool) -> None:
        self.text = text
        self.removed = removed
        self.created_file = created_file


def remove(text: str) -> Removal:
    """Remove every block, restoring the text as it was before the first ``apply``."""
    blocks = find_blocks(text)
    text = _cut_all(text, blocks)
    return Removal(text, len(blocks), any(block.created_file for block in blocks))
