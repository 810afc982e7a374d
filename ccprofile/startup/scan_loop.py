"""A loop's words as the shell expands them when it reads its startup files: braces,
variables and ``~``, then each pattern's files on the disk, and what the shell does where a
pattern matches nothing (run once with the pattern, not at all, or stop reading)."""

from __future__ import annotations

from pathlib import Path

from ccprofile.startup.scanned import Stop, Unseen
from ccprofile.startup.shell_words import (
    GLOB_OPTIONS,
    LOCAL,
    expand,
    expand_braces,
    glob_qualifier,
    zsh_options,
)
from ccprofile.startup.steps import Step

# scan_walk imports this module: Walk is named for the type checker, never imported to run.
TYPE_CHECKING = False
if TYPE_CHECKING:
    from ccprofile.startup.scan_walk import Walk


def words(walk: Walk, path: Path, step: Step, active: bool | None) -> list[str] | None:
    """What the loop at ``step`` runs over; None where a word cannot be worked out (its body is
    then read as under an undecided test), [] where it may stop the reading there. Raises
    ``Stop`` where the shell stops reading at a pattern that matches nothing."""
    items: list[str] | None = []
    for word in step.items:
        for part in expand_braces(word.value) if walk.shell.braces else [word.value]:
            value = expand(part, walk.variables, strict=True) if word.dynamic or "~" in part else part
            if value is None or items is None:
                items = None
                continue
            pattern, letters = glob_qualifier(value) if walk.shell.zsh_syntax else (value, "")
            if set(letters) - set(_APPLIED):
                items = None  # a qualifier this reading does not apply (`(om[1])`): unknown
                continue
            if not letters and not any(c in pattern for c in "*?["):
                items.append(value)
                continue
            matches = walk.disk.glob(str(walk.path(pattern)))
            if "." in letters:  # plain files: links too with `-` (which follows them), else not
                matches = [m for m in matches if _plain(walk, Path(m), follow="-" in letters)]
            mode = _no_match(walk, letters)
            if not matches and mode not in ("literal", "empty"):
                said = f"{walk.shell.name} stops reading there: {value} matches no file"
                if active is None or mode == _UNKNOWN:
                    walk.unseen.append(Unseen(path, step.line, f"may stop: {said}"))
                    return []
                walk.stops.append(Unseen(path, step.line, said))
                raise Stop(mode)
            items += matches or ([value] if mode == "literal" else [])
    return items


_APPLIED = "N.-"  # the qualifiers applied: no match is no word; plain files; through links


def _plain(walk: Walk, path: Path, *, follow: bool) -> bool:
    """A plain file (``(.)``); through a link only where ``follow`` (``(-.)``)."""
    link = not follow and walk.disk.file_test("-h", path) is True
    return not link and walk.disk.file_test("-f", path) is not False


_UNKNOWN = "unknown"  # an option set where ccprofile cannot tell whether the line ran


def _no_match(walk: Walk, letters: str) -> str:
    """What the shell does where a pattern with the qualifier ``letters`` matches nothing."""
    options = walk.zsh_options
    if "N" in letters or options.get("nullglob") is True:
        return "empty"
    if options.get("nomatch") is False:
        return "literal"
    if None in options.values():
        return _UNKNOWN
    return walk.shell.no_match


def set_options(walk: Walk, command: str, active: bool | None) -> None:
    """``setopt``/``unsetopt`` in a line the shell runs (``active``) or may run (None)."""
    found = zsh_options(command)
    if found.pop(LOCAL, False):
        # Set back when a function returns, which the reading does not follow, or reset.
        walk.zsh_options.update(dict.fromkeys(GLOB_OPTIONS))
        return
    for name, on in found.items():
        known = walk.zsh_options.get(name, name == "nomatch")  # zsh's defaults
        walk.zsh_options[name] = on if active else (known if known == on else None)
