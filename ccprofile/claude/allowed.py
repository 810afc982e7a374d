"""Which models an organisation lets Claude Code use: ``availableModels``,
``enforceAvailableModels`` and ``deniedModels``, applied as Claude Code applies them.

Every rule is docs/status.md's ("The organisation's model policy"), observed in Claude Code
2.1.331 and 2.1.332 unless it says "read in the binary". In short: an entry allows a model
that is it or extends it (``claude-`` put in front, a family's alias the family); a chosen
primary that is not allowed is replaced by the default, which with ``enforceAvailableModels``
must be allowed too, else the first entry Claude Code can use; ``deniedModels`` counts in
managed settings only, sends a denied background to the primary and steps a denied default
down, family by family, past what the list refuses; with nothing left, Claude Code does not
start. The background is never checked against the list.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace

from ccprofile.claude import bedrock_regions, resolve
from ccprofile.claude.catalog import Catalog
from ccprofile.claude.providers import detect_provider
from ccprofile.claude.resolve import Composed, Model
from ccprofile.claude.settings import Settings

MANAGED = "managed-settings"
AVAILABLE, DENIED = "availableModels", "deniedModels"  # which list refused a model
_VERSIONED = re.compile(r"^(?:claude-)?([a-z]+)-\d")
_DATED = re.compile(r"-\d{8}(?:-v\d+:\d+)?$")
_PREFIX = re.compile(r"^(?:[a-z-]+\.)?anthropic\.")
_NOT_DENIABLE = ("best", "opusplan", "default")
STEP_DOWN = ("opus", "sonnet", "haiku")  # a denied default primary's next choices


@dataclass(frozen=True)
class Policy:
    """The model policy Claude Code applies: the list of allowed entries (None: no list), whether
    it is enforced, the denied entries, and the files each came from."""

    available: tuple[str, ...] | None
    enforce: bool
    denied: tuple[str, ...]
    list_files: tuple[str, ...]
    denied_files: tuple[str, ...]

    @property
    def restricts(self) -> bool:
        return self.available is not None or bool(self.denied)


def policy(settings: Sequence[Settings]) -> Policy:
    managed = [
        s for s in settings if s.source == MANAGED and (s.available is not None or s.enforce is not None)
    ]
    deciding = managed or list(settings)
    available: list[str] | None = None
    enforce = False
    files: list[str] = []
    for document in deciding:
        if document.available is not None:
            available = [*(available or []), *(e for e in document.available if e not in (available or []))]
            files.append(str(document.path))
        if document.enforce is not None:
            enforce = document.enforce
    denied_in = [s for s in settings if s.source == MANAGED and s.denied]
    denied = tuple(dict.fromkeys(e for s in denied_in for e in s.denied or ()))
    return Policy(
        tuple(available) if available is not None else None,
        enforce,
        denied,
        tuple(files),
        tuple(str(s.path) for s in denied_in),
    )


def _normal(value: str) -> str:
    value = value.strip().lower()
    return value[: -len("[1m]")] if value.endswith("[1m]") else value


def _family(model: str, catalog: Catalog) -> str | None:
    found = catalog.model_of(model, "anthropic")
    if found is not None:
        return found.family
    named = _VERSIONED.match(_PREFIX.sub("", model))
    return named.group(1) if named else None


def _first_party(model: str, catalog: Catalog) -> str:
    """The first-party spelling of a catalog model (a provider's ID included); else as it is."""
    for entry in catalog.models:
        if model in entry.ids.values() or _PREFIX.sub("us.anthropic.", model) in entry.ids.values():
            return entry.ids.get("first_party") or model
    return model


def allows(entries: Sequence[str], model: str, catalog: Catalog, overrides: Mapping[str, str]) -> bool:
    """Whether ``entries`` (availableModels) allow ``model``, a model's ID as resolved
    (``opusplan`` allows sonnet's, as Claude Code's default taken from such a list showed)."""
    normal = ["sonnet" if e == "opusplan" else e for e in map(_normal, entries)]
    families = set(catalog.families)
    specific = {m.group(1) for e in normal if (m := _VERSIONED.match(e)) and e not in families}
    forms = {
        model,
        _first_party(model, catalog),
        *(key for key, value in overrides.items() if value == model),
    }
    for form in (_normal(f) for f in forms):
        for entry in normal:
            if entry in families:
                if entry not in specific and _family(form, catalog) == entry:
                    return True
                continue
            for allowed in (entry, f"claude-{entry}"):
                if form == allowed or form.startswith(allowed + "-"):
                    return True
    return False


def denies(entries: Sequence[str], model: str, catalog: Catalog) -> bool:
    """Whether managed ``deniedModels`` ``entries`` deny ``model``."""
    canonical = _DATED.sub("", _normal(_first_party(model, catalog))).removesuffix("-fast")
    families = set(catalog.families)
    for entry in (_normal(e) for e in entries):
        if entry in _NOT_DENIABLE:
            continue
        if entry in families:
            if _family(canonical, catalog) == entry:
                return True
            continue
        wanted = _DATED.sub("", _normal(_first_party(entry, catalog)))
        wanted = wanted if wanted.startswith("claude-") else f"claude-{wanted}"
        if canonical == wanted or canonical.startswith(wanted + "-"):
            return True
    return False


def _as_sent(entry: str, composed: Composed, catalog: Catalog, region: str | None) -> str:
    """An availableModels entry as Claude Code sends it when it falls back to it: an alias
    resolved, a first-party ID in the provider's form (Bedrock's regional), else as it is."""
    env = composed.env
    provider = detect_provider(env)
    resolved = resolve.resolve_alias(entry, env, provider, catalog, region)
    if resolved is not None:
        return resolved[0]
    found = next((m for m in catalog.models if m.ids.get("first_party") == entry), None)
    own = found.id_for(provider) if found is not None else None
    return bedrock_regions.regional(own, provider, env, region) if own else entry


@dataclass(frozen=True)
class _Ways:
    """What choosing a model under the policy reads: the environment, the catalog, the AWS
    region, the policy and the modelOverrides in force."""

    composed: Composed
    catalog: Catalog
    region: str | None
    rules: Policy
    overrides: Mapping[str, str]

    def usable(self, model: str) -> bool:
        """Whether the policy lets Claude Code take ``model`` as its default: listed (where a
        list is set, enforced or not) and not denied."""
        rules = self.rules
        listed = rules.available is None or allows(rules.available, model, self.catalog, self.overrides)
        return listed and not denies(rules.denied, model, self.catalog)


def _of_family(family: str, ways: _Ways, *, others: bool) -> str | None:
    """The model of ``family`` the policy lets Claude Code take: its alias's, else (``others``)
    the newest other model of the family it allows."""
    env, catalog = ways.composed.env, ways.catalog
    provider = detect_provider(env)
    resolved = resolve.resolve_alias(family, env, provider, catalog, ways.region)
    if resolved is not None and ways.usable(resolved[0]):
        return resolved[0]
    for known in reversed([m for m in catalog.models if m.family == family] if others else []):
        own = known.id_for(provider)
        sent = bedrock_regions.regional(own, provider, env, ways.region) if own else None
        if sent is not None and ways.usable(sent):
            return sent
    return None


def _first_entry(ways: _Ways) -> str | None:
    """The first availableModels entry Claude Code can take as its default, in lower case: a
    family's alias gives the family's model, another alias (``opusplan``) its model, a Claude
    model ID its provider's form (as it is where the catalog does not know it); a name that is
    no Claude model ID is never taken (observed with ``x-custom`` first, on a gateway too)."""
    provider = detect_provider(ways.composed.env)
    for entry in (e.strip().lower() for e in ways.rules.available or ()):
        if _normal(entry) in ways.catalog.families:
            found = _of_family(_normal(entry), ways, others=False)  # a denied alias: next entry
        else:
            sent = _as_sent(entry, ways.composed, ways.catalog, ways.region)
            claude = ways.catalog.model_of(sent, provider) is not None or _is_claude_id(sent)
            found = sent if claude and ways.usable(sent) else None
        if found is not None:
            return found
    return None


def _is_claude_id(model: str) -> bool:
    return _PREFIX.sub("", model).startswith("claude-")


def _default(ways: _Ways) -> Model:
    """The default primary, stepped down past what managed deniedModels deny (Claude Code says
    nothing of that step; when no step is left it does not start: see ``nothing_left``)."""
    env, catalog = ways.composed.env, ways.catalog
    provider = detect_provider(env)
    default = bedrock_regions.regional(catalog.default_primary[provider], provider, env, ways.region)
    if not denies(ways.rules.denied, default, catalog):
        return Model(default, "default", None, selected=False)
    family = _family(default, catalog)
    start = STEP_DOWN.index(family) if family in STEP_DOWN else 0
    # Past the aliases, only the Anthropic API was seen stepping on (not Bedrock), and never to
    # a list entry of another family (tests/test_allowed).
    stepped = (_of_family(f, ways, others=provider == "anthropic") for f in STEP_DOWN[start:])
    found = next((m for m in stepped if m is not None), None)
    return Model(found or default, "default", None, selected=False)


def nothing_left(
    composed: Composed, settings: Sequence[Settings], catalog: Catalog, region: str | None
) -> bool:
    """Whether managed deniedModels deny the default primary and the policy refuses every
    model it steps down to: Claude Code then does not start, unless a model the policy lets
    through was chosen (the caller's to know)."""
    rules = policy(settings)
    if not rules.denied:
        return False
    overrides, _ = resolve.overrides_in_force(settings)
    default = _default(_Ways(composed, catalog, region, rules, overrides))
    return denies(rules.denied, default.model, catalog)


def first_allowed(
    composed: Composed, settings: Sequence[Settings], catalog: Catalog, region: str | None
) -> str | None:
    """The model to suggest where the policy refuses a pin: the first availableModels entry
    Claude Code can take, as it would send it (None when there is none)."""
    overrides, _ = resolve.overrides_in_force(settings)
    return _first_entry(_Ways(composed, catalog, region, policy(settings), overrides))


def primary(
    model: Model,
    composed: Composed,
    settings: Sequence[Settings],
    catalog: Catalog,
    region: str | None = None,
) -> Model:
    """The primary model Claude Code uses once its model policy is applied (before
    modelOverrides, whose keys the policy also accepts). ``restricted`` says which chosen
    model it replaced, when the one sent is another."""
    rules = policy(settings)
    if not rules.restricts:
        return model
    overrides, _ = resolve.overrides_in_force(settings)
    ways = _Ways(composed, catalog, region, rules, overrides)
    default = _default(ways)
    entries = rules.available
    refused: tuple[str, str, str] | None = None  # the chosen model, as set; the file; the list
    if model.selected:
        listed = entries is None or allows(entries, model.model, catalog, overrides)
        if listed and not denies(rules.denied, model.model, catalog):
            return model
        by = (rules.list_files[0], AVAILABLE) if not listed else (rules.denied_files[0], DENIED)
        refused = (model.alias or model.as_set, *by)
    # A denied default with no step left stops Claude Code before the enforced list is read.
    left = not denies(rules.denied, default.model, catalog)
    if entries and rules.enforce and left and not allows(entries, default.model, catalog, overrides):
        first = _first_entry(ways)
        if first is not None:
            # The file that refused the chosen model; with none chosen, the enforced list's.
            by_file = refused[1] if refused is not None else rules.list_files[0]
            return Model(first, "policy", None, by_file, restricted=refused)
    if refused is None:
        return default
    # Replaced by the default even where that is the same model today: the pin holds nothing
    # (a release that changes the default changes it), and Claude Code says it is restricted.
    return replace(default, restricted=refused)


def background(model: Model, primary_model: Model, settings: Sequence[Settings], catalog: Catalog) -> Model:
    """The background model once managed deniedModels apply: a denied one is replaced by the
    primary model (availableModels never applies to it)."""
    rules = policy(settings)
    if rules.denied and denies(rules.denied, model.model, catalog):
        return Model(
            primary_model.model,
            "policy",
            None,
            rules.denied_files[0],
            selected=False,  # nothing pinned it there: the policy moved it
            restricted=(model.as_set, rules.denied_files[0], DENIED),
        )
    return model
