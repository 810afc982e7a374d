"""Warnings about a repository's expected pins (``.ccprofile.toml``) and what is pinned."""

from __future__ import annotations

from collections.abc import Iterator

from ccprofile.claude import fixes, resolve, scopes
from ccprofile.claude.fixes import Fix
from ccprofile.claude.places import pin_fix, place_of, rank
from ccprofile.claude.resolve import Origin
from ccprofile.claude.settings import Settings
from ccprofile.claude.variables import (
    BACKGROUND,
    FAST,
    PRIMARY,
)

# typing costs status 3 ms to import; these names are only annotations, never evaluated.
from ccprofile.claude.warnings.models import override_words
from ccprofile.claude.warnings.situation import Situation, StatusWarning, clearing, fix_for

TYPE_CHECKING = False
if TYPE_CHECKING:
    from ccprofile.claude.expectations import Drift


def _scope_file(s: Situation, scope: str) -> Settings | None:
    source = scopes.SETTINGS_SOURCES.get(scope)
    return next((d for d in reversed(s.settings) if d.source == source), None)


def _holds(s: Situation, scope: str, name: str) -> bool:
    """Whether the settings file of ``scope`` pins ``name`` at all (beaten or not)."""
    source = scopes.SETTINGS_SOURCES[scope]
    return any(d.source == source and (d.model if name == PRIMARY else d.env.get(name)) for d in s.settings)


def _gives(s: Situation, name: str, value: str | None, wanted: str) -> bool:
    """Whether the shell value ``value`` of ``name`` gives the model ``wanted``: the background
    variables are sent as they are; an alias in the others is resolved."""
    if not value:
        return False
    if name in BACKGROUND:
        return value == wanted
    resolved = resolve.resolve_alias(value, s.now.env, s.provider, s.catalog, s.aws_config_region)
    return value == wanted or (resolved is not None and resolved[0] == wanted)


def _load(s: Situation, path: str | None) -> Fix:
    """The step that gives this shell what its startup files now pin."""
    if s.shell is None or path is None:
        return fixes.NONE
    return (f"run `{s.shell.apply_hint(path)}` in this shell (or open a new terminal)",)


def _taking_out(s: Situation, name: str, wanted: str) -> Fix:
    """The step that takes out the lines after the block that change or remove its pin."""
    block = s.scan.pinned(name)
    if block is None or not _gives(s, name, block.value, wanted):
        return fixes.NONE
    later = [a for a in s.scan.after_block(name) if not _gives(s, name, a.value, wanted)]
    if not later:
        return fixes.NONE
    lines = ", ".join(f"line {a.line} of {a.path}" for a in later)
    return (f"take the {name} {'lines' if len(later) > 1 else 'line'} after the block out ({lines})",)


def _shell_repair(s: Situation, drift: Drift, name: str, wanted: str, pin: Fix, removal: Fix) -> Fix:
    """The fix when the expected scope is the shell and a settings value beats it (or, with
    ``removal`` empty, nothing does): taking the settings value out is enough only where the
    shell then gives the expected model, in each claude that drifts: a new terminal's (its
    startup files) and this shell's (its environment, else loading the startup files)."""
    startup_gives = _gives(s, name, s.base.get(name), wanted)  # what a new terminal starts with
    new_terminal = not drift.new_terminal or startup_gives
    here = not drift.this_shell or _gives(s, name, s.env.get(name), wanted)
    final = s.scan.final(name)
    taking_out = fixes.NONE if new_terminal else _taking_out(s, name, wanted)
    if taking_out:
        first, load = taking_out, s.startup_file
    elif not new_terminal or not (here or (final is not None and startup_gives)):
        first, load = pin, s.startup_file
    else:
        first, load = fixes.NONE, str(final.path) if final is not None else None
    return fixes.then(first, removal, fixes.NONE if here else _load(s, load))


def _drift_repair(drift: Drift, s: Situation, name: str, scope: str | None, wanted: str) -> Fix:
    """The one fix after which the expected model wins: following it never makes another drift."""
    model, variable = drift.model, drift.model.variable or ""
    if model.override is not None and not drift.wrong_scope and wanted in (model.as_set, model.alias):
        # The pin is the one expected; modelOverrides sends another ID for it.
        return override_words(model, s.settings)[1]
    target = scope or "project"
    unread = [d for d in s.unread if d.env.get(name) or (name == PRIMARY and d.model)]
    broken = _scope_file(s, target)
    if model.source == "default" and unread and target == "project":
        return (f"start claude in {unread[0].path.parent.parent}, whose settings pin it",)
    if broken is not None and broken.error and not _holds(s, target, name):
        return (f"repair {broken.path} first ({broken.error})",)
    # From a subdirectory, the project file Claude Code reads is the start directory's own.
    here = s.start if s.subdirectory and target == "project" else None
    pin = pin_fix(name, wanted, target, here)
    if model.source == "default":
        return _shell_repair(s, drift, name, wanted, pin, fixes.NONE) if target == "shell" else pin
    origin = Origin(model.source, model.file)
    place = place_of(origin, variable, s.scan, s.ours)
    if scope is None or model.source in scopes.SOURCES[scope]:
        return fix_for(place, variable, wanted, s)  # the right place, the wrong value
    floor = rank(scopes.SOURCES[target][0])
    if rank(model.source) < floor:
        return pin  # a lower place shows only because the expected scope pins nothing
    if target == "shell":
        # ANTHROPIC_MODEL beats the settings' model key: the shell's pin needs no removal.
        clear = fixes.NONE if variable == "model" else clearing(s, place, variable, None, personal=False)
        return _shell_repair(s, drift, name, wanted, pin, clear)
    # Every higher file that sets it, whatever its value: each would win next, from a place
    # the repository does not expect.
    removal = clearing(s, place, variable, None, personal=False, above=floor)
    if _holds(s, target, name):
        return removal  # the expected scope pins it, beaten from above
    return fixes.then(pin, removal)  # pin, then clear what beats it


def _drift_warning(drift: Drift, s: Situation) -> StatusWarning:
    name = FAST if drift.kind == "background" else PRIMARY
    stated = f" ({drift.stated})" if drift.stated else ""
    expected = s.expected
    assert expected is not None, "a drift comes from an expectation"
    wanted = expected.background if drift.kind == "background" else expected.primary
    model = drift.model
    # Read past a line ccprofile cannot follow (the uncertain warning names it), a new terminal
    # may well have the expected pin: only a probe can say.
    guessed = drift.where == "a new terminal" and not s.scan.certain and not s.probed
    if model.source == "default" and guessed:
        got = f"{model.model}: ccprofile finds nothing that pins it, though it cannot follow every line"
    elif model.source == "default":
        reads = "nothing it reads pins it" if s.unread else "nothing pins it, so Claude Code uses its default"
        got = f"{model.model}: {reads}"
    else:
        place = place_of(Origin(model.source, model.file), model.variable or "", s.scan, s.ours)
        got = f"{model.model}, set by {place.where}"
        if model.override is not None:
            got = (
                f"{model.model}, which modelOverrides in {model.override[1]} sends for {model.as_set} "
                f"set by {place.where}"
            )
    repair = _drift_repair(drift, s, name, expected.scope, wanted or model.model)
    uses = "may use" if guessed else "uses"
    if guessed and repair:
        repair = (
            fixes.Command(fixes.PROBE),
            " shows what a new terminal really exports; if it differs, ",
            *repair,
        )
    return StatusWarning(
        "drift",
        f"Expected the {drift.kind} model {'from ' if drift.wrong_scope else ''}{drift.expected}{stated}, "
        f"but a claude started from {drift.where} {uses} {got}.",
        repair,
    )


def drifts(s: Situation) -> Iterator[StatusWarning]:
    if s.expected is None:
        return
    from ccprofile.claude.expectations import drifts  # only a check with expectations needs it

    fresh = s.shell is not None
    views = (
        ("background", s.background_now, s.background_new if fresh else None),
        ("primary", s.primary_now, s.primary_new if fresh else None),
    )
    for drift in drifts(s.expected, views):
        yield _drift_warning(drift, s)
