"""What every status warning looks at (``Situation``), the warning itself, and the few
rules several kinds of warning share: where a fix goes, whether a value is sound.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field

from ccprofile.claude import places, resolve
from ccprofile.claude.catalog import Catalog
from ccprofile.claude.fixes import NONE, Fix
from ccprofile.claude.places import Ours, Place, fix, place_of
from ccprofile.claude.providers import (
    NAMED_BY_USER,
)
from ccprofile.claude.resolve import Composed, Model
from ccprofile.claude.settings import Settings, have_policy
from ccprofile.claude.variables import (
    BACKGROUND,
    INHERIT,
    PRIMARY,
    SUBAGENT,
)
from ccprofile.startup.scanned import Scan
from ccprofile.startup.shells import Shell

# typing costs status 3 ms to import; these names are only annotations, never evaluated.
TYPE_CHECKING = False
if TYPE_CHECKING:
    from ccprofile.claude.expectations import Expected


@dataclass(frozen=True)
class StatusWarning:
    code: str
    message: str  # the problem, in words
    fix: Fix = NONE  # what ends it (cli/wording.py words it after the message)


@dataclass(frozen=True)
class Situation:
    """What the warnings look at: both environments, the files, and the resolved models."""

    env: Mapping[str, str]  # this shell's
    base: Mapping[str, str]  # a new terminal's, before settings
    scan: Scan
    shell: Shell | None  # None: no shell, so no startup files and no new terminal to reason about
    settings: Sequence[Settings]
    now: Composed
    fresh: Composed
    models: tuple[Model, Model, Model, Model]  # background, primary: now, then new terminal
    provider: str
    catalog: Catalog
    ours: Ours = field(default_factory=dict)  # settings keys that are ccprofile's pins
    expected: Expected | None = None  # the pins the project expects (already exact IDs)
    # Settings files of the repository that a claude started here does not read.
    unread: Sequence[Settings] = ()
    start: str = ""  # the directory claude starts in
    subdirectory: bool = False  # below a repository's root, whose project file it does not read
    aws_config_region: str | None = None  # the AWS shared config file's region (Bedrock)
    # The file ccprofile pins the shell scope in (`$ZDOTDIR/.zshrc` where it is out of sight).
    startup_file: str | None = None
    provider_new: str = ""  # a new terminal's provider where known, else this shell's ("": the same)
    probed: bool = False  # --probe started a new shell: what it exports is known, not read

    @property
    def background_now(self) -> Model:
        return self.models[0]

    @property
    def primary_now(self) -> Model:
        return self.models[1]

    @property
    def background_new(self) -> Model:
        """A new terminal's background model (this shell's where there is no shell)."""
        return self.models[2]

    @property
    def primary_new(self) -> Model:
        return self.models[3]

    def values(
        self, names: Sequence[str], starts: Sequence[Composed] = ()
    ) -> Iterator[tuple[str, str, Place]]:
        """Each distinct (variable, value, place) among ``names`` in ``starts`` (by default a
        new terminal's, then this shell's). Where nothing sets ANTHROPIC_MODEL, the primary is
        the top settings file's ``model`` key, named ``model``."""
        seen: set[tuple[str, str]] = set()
        for composed in starts or (self.fresh, self.now):
            for name in names:
                value = composed.env.get(name, "")
                if name == SUBAGENT and value == INHERIT:
                    continue  # subagents use the primary model: no model ID to judge
                if value and (name, value) not in seen:
                    seen.add((name, value))
                    yield name, value, place_of(composed.origins[name], name, self.scan, self.ours)
                if name == PRIMARY and not value:
                    yield from self._model_key(seen)

    def _model_key(self, seen: set[tuple[str, str]]) -> Iterator[tuple[str, str, Place]]:
        keyed = resolve.model_key(self.settings)
        if keyed is not None and ("model", keyed[0]) not in seen:
            seen.add(("model", keyed[0]))
            yield "model", keyed[0], place_of(keyed[1], "model", self.scan, self.ours)


def fix_at(s: Situation, place: Place, name: str, value: str) -> Fix:
    """The fix for a bad value at ``place``: the right value there (the model the repository
    expects, where it expects another: the drift warning's fix, so the two agree), unless that
    settings value beats a sound pin of the shell's, whose fix (settings-override) is to remove
    it: one fix for both warnings, after which the shell's pin wins."""
    pin = s.scan.final(name)
    shell_pin = pin.value if pin is not None and pin.value else s.env.get(name)
    if place.kind == "settings" and shell_pin and sound(s, name, shell_pin):
        return clearing(s, place, name, shell_pin)
    return fix(place, name, _expected_value(s, name) or value, s.shell)


def _expected_value(s: Situation, name: str) -> str | None:
    """The model the repository expects ``name``'s kind to give, when that is not the model
    of that kind Claude Code sends (from here, or from a new terminal)."""
    if s.expected is None:
        return None
    if name in BACKGROUND:
        wanted, sent = s.expected.background, (s.background_now, s.background_new)
    elif name in (PRIMARY, "model"):
        wanted, sent = s.expected.primary, (s.primary_now, s.primary_new)
    else:
        return None
    if wanted is None or any(same_model(s, wanted, model.model) for model in sent):
        return None
    return wanted


def same_model(s: Situation, one: str, other: str) -> bool:
    return places.same_model(s.catalog, s.provider, one, other)


def clearing(
    s: Situation, place: Place, name: str, keep: str | None, *, personal: bool = True, above: int = -1
) -> Fix:
    """``places.clearing`` for this situation. Where a repository states the scope it
    expects, the files are the team's to fix, as its drift warning says: never a personal pin
    over them, which the check would call a drift of its own."""
    team = s.expected is not None and s.expected.scope is not None
    return places.clearing(
        s.settings,
        place,
        name,
        keep,
        places.Seen(s.scan, s.shell, s.ours, lambda one, other: same_model(s, one, other)),
        personal=personal and not team,
        above=above,
    )


def refused_by_policy(s: Situation, name: str, value: str) -> bool:
    """A primary model the organisation's policy would replace (an alias resolved first)."""
    if name != PRIMARY or not have_policy(s.settings):
        return False
    from ccprofile.claude import allowed  # only with a model policy: see settings.have_policy

    rules = allowed.policy(s.settings)
    resolved = resolve.resolve_alias(value, s.now.env, s.provider, s.catalog, s.aws_config_region)
    sent = resolved[0] if resolved is not None else resolve.sent_as(value, s.provider, s.catalog)
    overrides, _ = resolve.overrides_in_force(s.settings)
    refused = rules.available is not None and not allowed.allows(rules.available, sent, s.catalog, overrides)
    return refused or allowed.denies(rules.denied, sent, s.catalog)


def sound(s: Situation, name: str, value: str) -> bool:
    """A value no warning of its own would be about: a current model of this provider (for
    the background, a small one)."""
    if refused_by_policy(s, name, value):
        return False
    model = s.catalog.model_of(value, s.provider)
    if model is None or s.catalog.retirement(value) is not None:
        return s.provider in NAMED_BY_USER and not s.catalog.retirement(value)
    return name not in BACKGROUND or model.family == s.catalog.small_family


def fix_for(place: Place, variable: str, value: str | None, s: Situation) -> Fix:
    """The one fix at ``place`` itself, the project's file included (a team's expectation);
    managed settings are an administrator's, not the user's to edit."""
    return fix(place, variable, value, s.shell, personal=False)
