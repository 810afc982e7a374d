"""Warnings about where a value comes from: a settings file or a startup file that beats
the pin, a pin not loaded yet or stale in this shell, a provider switch set twice.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from ccprofile.claude import fixes
from ccprofile.claude.fixes import Command, Fix
from ccprofile.claude.places import place_of
from ccprofile.claude.providers import (
    SWITCH_ORDER,
    switched_on,
    unmodelled_provider,
)
from ccprofile.claude.resolve import Composed, Origin
from ccprofile.claude.scopes import rank
from ccprofile.claude.variables import (
    BACKGROUND,
    PINNABLE,
    PINNED,
    PRIMARY,
)
from ccprofile.claude.warnings.situation import (
    Situation,
    StatusWarning,
    clearing,
    refused_by_policy,
    same_model,
    sound,
)


def settings_overrides(s: Situation) -> Iterator[StatusWarning]:
    for name in PINNED:
        pin = s.scan.final(name)
        shell_value = pin.value if pin is not None and pin.value else s.env.get(name)
        winners = [d for d in s.settings if name in d.env]
        # The same value in settings and in the shell is no conflict: both give what was pinned.
        if not shell_value or not winners or same_model(s, winners[-1].env[name], shell_value):
            continue
        top = winners[-1]
        where = f"{pin.path}:{pin.line}" if pin is not None and pin.value else "this shell's environment"
        shown = repr(top.env[name]) if top.env[name] else "an empty string (which unsets it)"
        # Each lower file with another value wins once the top one is gone: one fix names them all.
        others = [str(d.path) for d in reversed(winners[:-1]) if not same_model(s, d.env[name], shell_value)]
        listed = f"{', '.join(others[:-1])} and {others[-1]}" if len(others) > 1 else "".join(others)
        also = f"; {listed} {'sets' if len(others) == 1 else 'set'} it too" if others else ""
        place = place_of(Origin(top.source, str(top.path)), name, s.scan, s.ours)
        yield StatusWarning(
            "settings-override",
            f"{name}={shell_value} from {where} has no effect: env.{name} in {top.path} sets {shown}, "
            f"and settings beat the shell{also}.",
            clearing(s, place, name, shell_value),
        )


def not_loaded(s: Situation) -> Iterator[StatusWarning]:
    """One warning per startup file whose pins this shell does not have (yet)."""
    if s.shell is None:
        return
    stale: dict[str, list[str]] = {}
    for name in PINNED:
        pin = s.scan.pinned(name)
        if pin is None or s.scan.final(name) is not pin or pin.value is None:
            continue
        if s.env.get(name) != pin.value:
            have = repr(s.env[name]) if name in s.env else "unset"
            stale.setdefault(str(pin.path), []).append(f"{name}={pin.value} (this shell: {have})")
    for path, items in stale.items():
        yield StatusWarning(
            "not-loaded",
            f"{path} pins {', '.join(items)}, but this shell has not loaded it.",
            (f"run `{s.shell.apply_hint(path)}` or open a new terminal",),
        )
    if s.probed:
        # A new shell started for real exports a pin from a file the reading did not find
        # (a ZDOTDIR ccprofile cannot work out): that this shell lacks it is no less true.
        untraced = [
            f"{name}={s.base[name]} (this shell: {repr(s.env[name]) if name in s.env else 'unset'})"
            for name in PINNED
            if s.base.get(name) and s.env.get(name) != s.base[name] and s.scan.final(name) is None
        ]
        if untraced:
            yield StatusWarning(
                "not-loaded",
                f"A new {s.shell.name} exports {', '.join(untraced)} from a startup file ccprofile could not "
                "trace, but this shell has not loaded it.",
                ("open a new terminal",),
            )


def stale(s: Situation) -> Iterator[StatusWarning]:
    """Values this shell holds that a new terminal will not have: left over after unset or
    uninstall, or just exported by hand; either way only this shell has them."""
    gone = [name for name in PINNABLE if s.env.get(name) and name not in s.base]
    if not gone or s.shell is None:
        return
    held = ", ".join(f"{name}={s.env[name]}" for name in gone)
    them = "them" if len(gone) > 1 else "it"
    used = [n for n in gone if s.now.origins[n].source == "environment"]  # each is set here
    # A primary the organisation's policy replaces is asked for, not used.
    uses = "asks for" if PRIMARY in used and s.primary_now.restricted is not None else "uses"
    # Past a line ccprofile cannot follow, a file it does not see may set them.
    sure = s.scan.certain or s.probed
    here = (
        f"A claude started from this shell {uses} {them}; one started from a new terminal "
        f"{'does not' if sure else 'may not'}."
        if used
        else f"Settings beat {them} here too, so for now this changes nothing."
    )
    found = f"no startup file sets {them}" if sure else f"ccprofile finds no startup file that sets {them}"
    keep = _keep(s, gone)
    yield StatusWarning(
        "stale-in-this-shell",
        f"This shell has {held}, but a new terminal {'will not' if sure else 'may not'}: {found} and new "
        f"terminals do not inherit {them}. {here}",
        (
            f"run `{s.shell.syntax.unset(gone)}` in this shell if {'they are' if len(gone) > 1 else 'it is'} "
            "left over",
            *_keeping(keep, len(gone) > 1),
        ),
    )


def _keeping(keep: Sequence[Command], several: bool) -> Fix:
    if not keep:
        return fixes.NONE
    both = len(keep) > 1
    models = (
        "the models they give" if several and both else f"the model {'they give' if several else 'it gives'}"
    )
    commands = (keep[0], " and ", keep[1]) if both else (keep[0],)
    return (
        f"; to keep {models} claude, ",
        *commands,
        f" {'pin them' if both else 'pins it'} for new terminals too",
    )


def _keep(s: Situation, gone: Sequence[str]) -> list[Command]:
    """The ccprofile commands that would give new terminals the models this shell uses: one
    set-fast-model for the background value that wins, one set-model; none for a value
    ccprofile would refuse."""
    commands = []
    background = next((n for n in BACKGROUND if n in gone), None)
    for name in (background, PRIMARY if PRIMARY in gone else None):
        if name is None:
            continue
        value = s.env[name]
        alias = name == PRIMARY and value.lower() in s.catalog.aliases
        if (alias and not refused_by_policy(s, name, value)) or sound(s, name, value):
            commands.append(fixes.pin(name, value))
    return commands


def shadowed(s: Situation) -> Iterator[StatusWarning]:
    for name in PINNED:
        pin = s.scan.pinned(name)
        if pin is None:
            continue  # no pin of ccprofile's, so nothing after it (Scan.after_block)
        for later in s.scan.after_block(name):
            if later.value == pin.value:
                continue
            what = "removes it" if later.value is None else f"sets {later.value!r}"
            # A line may hold other commands, and a later file cannot move above the block.
            where = (
                "or move it above the block"
                if later.path == pin.path
                else f"a file read after {pin.path}, which holds the block"
            )
            yield StatusWarning(
                "shadowed",
                f"{later.path}:{later.line} {what} after the ccprofile block, so the pin "
                f"{name}={pin.value} does not reach new terminals.",
                (
                    f"take the {name} {'removal' if later.value is None else 'assignment'} out of line "
                    f"{later.line} of {later.path} ({where})",
                ),
            )


def crlf(s: Situation) -> Iterator[StatusWarning]:
    if s.shell is None:
        return
    for path in s.scan.crlf:
        yield StatusWarning(
            "crlf-startup-file",
            f"{path} has Windows (CRLF) line endings: {s.shell.name} reads each \\r as part of the "
            "line, so a command may fail (bash stops reading the file at the first line it cannot "
            "parse) and a value ends in a stray \\r.",
            (f"`dos2unix {path}` (or `sed -i 's/\\r$//' {path}`)",),
        )


def unread(s: Situation) -> Iterator[StatusWarning]:
    """A pin of the repository's that a claude started here does not read, unless something
    here pins that model too (the shell, say): then starting elsewhere changes nothing. Claude
    Code's default is no such pin: a later release may change it, the team's pin would not."""
    for document in s.unread:
        pins = [
            f"env.{n}"
            for n in PINNED
            if document.env.get(n) and not same_model(s, document.env[n], s.now.env.get(n, ""))
        ]
        primary = s.primary_now
        if document.model and not (primary.selected and same_model(s, document.model, primary.model)):
            pins.append("model")
        # What a file read here that beats the project's sets (local settings at the root) the
        # root gets too: starting there changes nothing of it.
        above = [d for d in s.settings if rank(d.source) > rank(document.source)]
        beaten = {"model" for d in above if d.model} | {f"env.{n}" for d in above for n in d.env if d.env[n]}
        pins = [p for p in pins if p not in beaten]
        if not pins:
            continue
        yield StatusWarning(
            "project-settings-not-read",
            f"{document.path} pins {', '.join(pins)}, but a claude started in {s.start} does not read "
            "it: Claude Code reads a project's settings only from the directory it starts in.",
            (f"start claude in {document.path.parent.parent}",),
        )


def unmodelled(s: Situation) -> Iterator[StatusWarning]:
    """Say what status does not apply, rather than show an ID that may not be the one sent."""
    said: set[str] = set()
    for composed in (s.fresh, s.now):
        found = unmodelled_provider(composed.env)
        if found is not None and found[0] not in said:
            said.add(found[0])
            yield StatusWarning(
                "not-modelled",
                f"{found[0]} is set, so Claude Code talks to {found[1]}, which ccprofile does not "
                "model yet: the provider and model IDs shown may not be the ones it sends, and "
                "ccprofile cannot know them. Inside claude, `/model` shows the primary model.",
            )


def _switch_places(s: Situation, composed: Composed, variable: str) -> str:
    """Where a provider switch is on: its place, and the startup-file line that sets it for new
    terminals too when this shell got it from there (unset here, it comes back)."""
    place = place_of(composed.origins[variable], variable, s.scan, s.ours)
    pin = s.scan.final(variable) if s.shell is not None else None
    also = (
        f" and {pin.path}:{pin.line}" if place.kind == "this-shell" and pin is not None and pin.value else ""
    )
    # A settings file's place names its key already ("env.X in FILE").
    return f"{place.where}{also}" if place.kind == "settings" else f"{variable} in {place.where}{also}"


def several_providers(s: Situation) -> Iterator[StatusWarning]:
    """More than one provider switch on: the first in Claude Code's order decides, silently."""
    said: set[tuple[str, ...]] = set()
    for composed in (s.fresh, s.now):
        switches = switched_on(composed.env)
        names = tuple(variable for variable, _ in switches)
        if len(switches) < 2 or names in said:
            continue
        said.add(names)
        (variable, provider), others = switches[0], switches[1:]
        where = "; ".join(_switch_places(s, composed, other) for other, _ in others)
        yield StatusWarning(
            "several-providers",
            f"{', '.join(names[:-1])} and {names[-1]} are on; Claude Code uses {provider} ({variable} "
            f"comes first in its order: {', '.join(p for _, p in SWITCH_ORDER)}) and says nothing of the "
            "others.",
            (f"turn off the ones you do not mean ({where})",),
        )
