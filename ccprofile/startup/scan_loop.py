"""A loop's words as the shell expands them when it reads its startup files: braces,
variables and ``~``, then each pattern's files on the disk, and what the shell does where a
pattern matches nothing (run once with the pattern, not at all, or stop reading)."""

from __future__ import annotations

from pathlib import Path

from ccprofile.startup.scanned import Stop, Unseen
from ccprofile.startup.shell_words import expand, expand_braces
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
            if not any(c in value for c in "*?["):
                items.append(value)
                continue
            matches = walk.disk.glob(str(walk.path(value)))
            if not matches and walk.shell.no_match not in ("literal", "empty"):
                said = f"{walk.shell.name} stops reading there: {value} matches no file"
                if active is None:
                    walk.unseen.append(Unseen(path, step.line, f"may stop: {said}"))
                    return []
                walk.stops.append(Unseen(path, step.line, said))
                raise Stop(walk.shell.no_match)
            items += matches or ([value] if walk.shell.no_match == "literal" else [])
    return items
