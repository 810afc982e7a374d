"""A loop's words as the shell expands them when it reads its startup files: braces,
variables and ``~``, then each pattern's files on the disk, and what the shell does where a
pattern matches nothing (run once with the pattern, not at all, or stop reading)."""

from __future__ import annotations

from pathlib import Path

from ccprofile.startup.scanned import Stop, Unseen
from ccprofile.startup.shell_words import expand, expand_braces, glob_options, glob_qualifier
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
            pattern, letters = glob_qualifier(value) if walk.shell.glob_options else (value, "")
            if not any(c in pattern for c in "*?[") or set(letters) - set(_READ):
                # A plain word; or a qualifier this reading does not apply (`(om[1])`): unknown.
                items = None if letters else [*items, value]
                continue
            matches = walk.disk.glob(str(walk.path(pattern)))
            if "." in letters:  # plain files only
                matches = [m for m in matches if walk.disk.file_test("-f", Path(m)) is not False]
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


_READ = "N.-"  # the qualifiers applied: no match is no word; plain files; through links (as -f)
_UNKNOWN = "unknown"  # an option set where ccprofile cannot tell whether the line ran


def _no_match(walk: Walk, letters: str) -> str:
    """What the shell does where a pattern with the qualifier ``letters`` matches nothing."""
    options = walk.glob_options
    if "N" in letters or options.get("nullglob") is True:
        return "empty"
    if options.get("nomatch") is False:
        return "literal"
    if None in options.values():
        return _UNKNOWN
    return walk.shell.no_match


def set_options(walk: Walk, command: str, active: bool | None) -> None:
    """``setopt``/``unsetopt`` in a line the shell runs (``active``) or may run (None)."""
    for name, on in glob_options(command).items():
        known = walk.glob_options.get(name, name == "nomatch")  # zsh's defaults
        walk.glob_options[name] = on if active else (known if known == on else None)
