"""Whether a write does what it says: what claude started from a new terminal will use.

Every writing command plans its new text, then asks status's own resolution what a new
terminal's ``claude`` would use with that text in place. A pin beaten by a settings file or
by a later export, or a removed pin that something else still sets, is a shortfall: the
command says so (and with ``--strict`` refuses to write).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from ccprofile.claude import fixes, places, starts
from ccprofile.claude.catalog import Catalog
from ccprofile.claude.fixes import Fix
from ccprofile.claude.places import Ours, Place, fix, place_of
from ccprofile.claude.report import Report, View
from ccprofile.claude.resolve import Model, Origin
from ccprofile.claude.scopes import SETTINGS_SOURCES
from ccprofile.claude.settings import Settings
from ccprofile.claude.variables import BACKGROUND, PIN_OF_KIND, PRIMARY, SUBAGENT
from ccprofile.claude.warnings import override_words
from ccprofile.startup.home_snapshot import Home
from ccprofile.startup.scanned import Assignment, Scan, Unseen
from ccprofile.startup.shells import Shell


@dataclass(frozen=True)
class Other:
    """The other start's reading, for a write to a startup file."""

    scan: Scan
    home: Home
    written: Path
    platform: str
    text: str  # the written file's, as planned


@dataclass(frozen=True)
class Shortfall:
    """A pin a claude would not get, and what ends that (cli/wording.py words it)."""

    message: str
    fix: Fix


@dataclass(frozen=True)
class Expectation:
    kind: str  # "background", "primary" or "subagent"
    value: str | None  # what was pinned; None: the pin was removed


# Each kind of pin, and the variables that pin it.
_KINDS = {"background": BACKGROUND, "primary": (PRIMARY,), "subagent": (SUBAGENT,)}


def expectations(before: Sequence[tuple[str, str]], after: Sequence[tuple[str, str]]) -> list[Expectation]:
    """What a new terminal should now get, from the block's pins before and after a write."""
    old, new = dict(before), dict(after)
    found = []
    for kind, names in _KINDS.items():
        pinned = next((new[n] for n in names if n in new), None)
        if pinned is not None:
            found.append(Expectation(kind, pinned))
        elif any(n in old for n in names):
            found.append(Expectation(kind, None))
    return found


def _met(model: Model, expected: Expectation) -> bool:
    if expected.value is None:
        # Claude Code's default (for subagents, the primary's), or the enforced policy's pick.
        return not model.selected or (model.source == "policy" and model.restricted is None)
    # The pin as set, sent in the provider's own form (Mantle's ID for a first-party one): met.
    translated = model.as_set == expected.value and model.override is None and model.restricted is None
    return expected.value in (model.model, model.alias) or translated


def _view(report: Report, kind: str) -> View:
    if kind == "background":
        return report.background
    if kind == "primary":
        return report.primary
    assert report.subagents is not None  # status always resolves them
    return report.subagents


def _reason(model: Model, where: str, kind: str, in_settings: bool, removed: bool = False) -> str:
    if removed and in_settings:
        return f"{where} sets it too"  # a lower file shows through: nothing beats the removal
    if model.source.endswith("-settings"):
        beaten = "that file takes precedence" if in_settings else "settings beat the shell"
        return f"{where} sets it, and {beaten}"
    if kind == "startup-file" and not removed:  # after a removal there is no block to be after
        return f"{where} sets it after the ccprofile block, and the last assignment wins"
    return f"{where} sets it"


def shortfalls(
    report: Report,
    scan: Scan,
    shell: Shell | None,
    file_shown: str,
    wanted: Sequence[Expectation],
    *,
    ours: Ours | None = None,
    written: tuple[Path, Home, str] | None = None,
    settings: Sequence[Settings] = (),
    catalog: Catalog | None = None,
    settings_file: Path | None = None,
    personal: bool = True,
) -> list[Shortfall]:
    """One paragraph for each expectation a new terminal's claude would not meet.
    ``settings_file``: the settings file the pin was written to (None: a startup file);
    ``written``: the startup file written, its home and its planned text, to say so when a new
    terminal does not read it; ``personal``: False where the repository states the scope it
    expects, which a personal local pin would break (``places.fix``)."""
    in_settings = settings_file is not None
    found = []
    seen = places.Seen(scan, shell, ours, _same(catalog, report.provider))
    for expected in wanted:
        view = _view(report, expected.kind)
        # Without a shell, a claude started with this environment is the one there is.
        model = view.new_shell or view.now
        if _met(model, expected):
            continue
        if expected.value is None and in_settings and model.file == str(settings_file):
            continue  # the file's own value from before the pin, put back: the user's, not a shortfall
        variable = model.variable or ""
        place = place_of(Origin(model.source, model.file), variable, scan, ours)
        said = (
            _reason(model, place.where, place.kind, in_settings, removed=expected.value is None),
            _repair(place, variable, expected, settings, seen, in_settings, personal),
        )
        reason, repair = _cause(model, expected, said, scan, shell, in_settings, written, settings)
        found.append(Shortfall(_words(expected, file_shown, model.model, reason, scan.certain), repair))
    return found


def _words(
    expected: Expectation,
    file_shown: str,
    model: str,
    reason: str,
    certain: bool,
    who: str = "a new terminal",
) -> str:
    """Worded to hold whether the file was written, is a dry run's, or was refused (--strict);
    past a line ccprofile cannot follow, the model it reads is what ``who`` may use."""
    uses = "uses" if certain else "may use"
    if expected.value is None:
        return (
            f"Without the {expected.kind}-model pin in {file_shown}, Claude Code started from {who} "
            f"still {uses} {model}: {reason}."
        )
    said = f"With {expected.value} pinned in {file_shown}, Claude Code started from {who}"
    return f"{said} {uses} {model}: {reason}."


def _same(catalog: Catalog | None, provider: str) -> Callable[[str, str], bool]:
    if catalog is None:
        return lambda one, other: one == other
    return lambda one, other: places.same_model(catalog, provider, one, other)


def _repair(
    place: Place,
    variable: str,
    expected: Expectation,
    settings: Sequence[Settings],
    seen: places.Seen,
    in_settings: bool,
    personal: bool,
) -> Fix:
    """The fix at the place the model comes from: every settings file in the way of the pin at
    once. A settings pin removed shows a shell's pin below it: that one is the user's to keep
    (a repository may expect it), so there is nothing to fix."""
    if expected.value is None and in_settings and place.kind != "settings":
        return fixes.NONE
    if place.kind == "settings":
        return places.clearing(settings, place, variable, expected.value, seen, personal=personal)
    return fix(place, variable, None, seen.shell, keep=expected.value, personal=personal)


def _cause(
    model: Model,
    expected: Expectation,
    said: tuple[str, Fix],
    scan: Scan,
    shell: Shell | None,
    in_settings: bool,
    written: tuple[Path, Home, str] | None,
    settings: Sequence[Settings],
) -> tuple[str, Fix]:
    """The reason and the fix, where something says more than the place the model comes from
    (``said``): the policy, modelOverrides, a stop before the block, a file no start reads."""
    if model.restricted is not None and expected.value is not None and model.restricted[0] == expected.value:
        # The pin is read; the organisation's model policy replaces it at start.
        _, where, key = model.restricted
        return (
            f"{key} in {where} does not allow it, so Claude Code replaces it when it starts",
            (f"pin a model that {key} allows",),
        )
    if (
        model.override is not None
        and expected.value is not None
        and expected.value in (model.as_set, model.alias)
    ):
        # The pin is read; modelOverrides sends another ID for it.
        return override_words(model, settings)
    if scan.stops and model.source == "default" and not in_settings:
        # The shell never gets to the block: that is the reason, and the fix is there.
        return _stopped(scan, scan.stops[0], said[1])
    removals = _taken_back(scan, expected.kind)
    if expected.value is not None and model.source == "default" and removals and not in_settings:
        # Later lines take the pin back out (the shadowed warning's cause): they are the fix.
        first = removals[0]
        return f"{first.path}:{first.line} removes it after the ccprofile block", _take_out(scan, removals)
    if (
        expected.value is not None
        and written is not None
        and shell is not None
        and written[0] not in scan.files
    ):
        return starts.unread(
            shell, written[1], written[0], scan, written[2], _ours(expected, written[0], written[1])
        )
    return said


def _stopped(scan: Scan, stop: Unseen, otherwise: Fix = fixes.NONE) -> tuple[str, Fix]:
    """Where the shell stops reading before the block, and the fix: the block moved above the
    stop where it is below it in that file, else ``otherwise``."""
    repair = (starts.move_above(stop),) if scan.block_past(stop) is not None else otherwise
    return f"{stop.path}:{stop.line}: {stop.reason}, before the ccprofile block", repair


def _ours(expected: Expectation, written: Path, home: Home) -> starts.Move:
    """A pin this write puts in ccprofile's block of ``written``, to move."""
    pin = fixes.pin(PIN_OF_KIND[expected.kind], expected.value)
    return pin, (starts.unpin_in(expected.kind, written, home),)


def _taken_back(scan: Scan, kind: str) -> list[Assignment]:
    """The lines after the block that remove one of the pins of ``kind``."""
    return [a for name in _KINDS[kind] for a in scan.after_block(name) if a.value is None]


def _take_out(scan: Scan, removals: Sequence[Assignment]) -> Fix:
    """The fix for ``removals``, in the shadowed warning's words."""
    lines: dict[tuple[Path, int], list[str]] = {}
    for removal in removals:
        lines.setdefault((removal.path, removal.line), []).append(removal.name)
    if len(lines) > 1:
        said = ", ".join(f"line {at[1]} of {at[0]} ({', '.join(names)})" for at, names in lines.items())
        return (f"take the removals after the ccprofile block out: {said}",)
    (path, line), names = next(iter(lines.items()))
    block = scan.pinned(names[0])
    where = (
        "or move it above the block"
        if block is None or block.path == path
        else f"a file read after {block.path}, which holds the block"
    )
    return (f"take the {' and '.join(names)} removal out of line {line} of {path} ({where})",)


# Settings files: their env values beat every startup file (their `model` key does not: the
# ANTHROPIC_MODEL a pin exports beats it).
_SETTINGS = frozenset(SETTINGS_SOURCES.values())


def other_start_shortfalls(
    report: Report, shell: Shell, file_shown: str, wanted: Sequence[Expectation], other: Other
) -> list[Shortfall]:
    """The pins a claude started from the other start's shell would not get, when it does not
    read the written file (that start then gets what it had). Removals are not judged here:
    what the other start gets after one is status's to report (``login-shells-differ``), and
    "it does not read the file" is no reason when the file was just removed whole."""
    if other.written in other.scan.files:
        return []  # it reads the pin: anything that beats it there is status's to report
    found = []
    who = starts.described(shell.name, starts.start_of(other.scan.login), other.platform)
    for expected in wanted:
        model, fresh = _view(report, expected.kind).other, _view(report, expected.kind).new_shell
        if expected.value is None or model is None or _met(model, expected):
            continue
        if fresh is not None and fresh.selected and fresh.model == model.model:
            continue  # a new terminal's chosen model (the pin, then overrides or a policy) is this one's
        if other.scan.stops:  # that start stops reading before the file, as a new terminal may
            reason, repair = _stopped(other.scan, other.scan.stops[0])
        else:
            move = _ours(expected, other.written, other.home)
            reason, repair = starts.unread(shell, other.home, other.written, other.scan, other.text, move)
        if model.source in _SETTINGS and model.variable != "model":
            continue  # a settings file's env value beats the pin there, read or not: not the reason
        words = _words(expected, file_shown, model.model, reason, other.scan.certain, who)
        found.append(Shortfall(words, repair))
    return found
