"""Which models Claude Code will use, and why: a pure function of environment and settings.

Follows docs/status.md ("Layers"), verified against Claude Code 2.1.331: settings ``env``
objects are written over the launching environment, lowest layer first ("Layers"); the
background model comes from ANTHROPIC_SMALL_FAST_MODEL, then ANTHROPIC_DEFAULT_HAIKU_MODEL,
then a provider default ("Background model", plus the API-key rule of
``sends_anthropic_key``); the primary from ANTHROPIC_MODEL, the settings ``model`` key,
ANTHROPIC_DEFAULT_MODEL, then a provider default ("Primary model").
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from ccprofile.claude.bedrock_regions import regional
from ccprofile.claude.catalog import Alias, Catalog
from ccprofile.claude.providers import BY_NAME, OWN, OWN_UNTIL_PRIMARY, REGIONAL, detect_provider
from ccprofile.claude.settings import Settings
from ccprofile.claude.variables import (
    API_KEY,
    AUTH_TOKEN,
    BACKGROUND,
    DEFAULT_MODEL,
    INHERIT,
    PRIMARY,
    SUBAGENT,
)


@dataclass(frozen=True)
class Origin:
    """Where a value was set: a layer name and, for files, which file (and line)."""

    source: str  # environment, profile, user-settings, ..., default
    file: str | None = None


@dataclass(frozen=True)
class Layer:
    source: str
    file: str | None
    variable: str
    value: str


@dataclass(frozen=True)
class Composed:
    """The environment Claude Code ends up with, and who set each variable last."""

    env: Mapping[str, str]
    origins: Mapping[str, Origin]
    layers: tuple[Layer, ...]  # every assignment seen, lowest layer first


@dataclass(frozen=True)
class Model:
    model: str
    source: str
    variable: str | None
    file: str | None = None
    selected: bool = True  # False: Claude Code's default, nothing chose it
    alias: str | None = None  # the alias the value was resolved from
    alias_verified: bool = True
    # modelOverrides rewrote the ID: (the ID before it, the settings file whose map did it,
    # the map's key).
    override: tuple[str, str, str] | None = None
    pinned: str | None = None  # a pin's value as set, when the provider sends another form of it
    # availableModels (or managed deniedModels) replaced the model chosen: (the model
    # refused, as set; the settings file whose list refused it; that list's key).
    restricted: tuple[str, str, str] | None = None

    @property
    def as_set(self) -> str:
        """The value as it was set, before Mantle's translation and modelOverrides."""
        return self.pinned or (self.override[0] if self.override else self.model)


def compose(
    base: Mapping[str, str], base_origins: Mapping[str, Origin], settings: Sequence[Settings]
) -> Composed:
    env = dict(base)
    origins = {name: base_origins.get(name, Origin("environment")) for name in base}
    layers = [Layer(origins[n].source, origins[n].file, n, v) for n, v in base.items()]
    for document in settings:
        for name, value in document.env.items():
            env[name] = value
            origins[name] = Origin(document.source, str(document.path))
            layers.append(Layer(document.source, str(document.path), name, value))
    return Composed(env, origins, tuple(layers))


def resolve_alias(
    value: str, env: Mapping[str, str], provider: str, catalog: Catalog, config_region: str | None
) -> tuple[str, bool] | None:
    """What the alias ``value`` sends (see ``alias_sends``); None: ``value`` is no alias."""
    alias = catalog.aliases.get(value)
    if alias is None:
        return None
    return alias_sends(value, alias, env, provider, catalog, config_region)


def alias_sends(
    name: str,
    alias: Alias,
    env: Mapping[str, str],
    provider: str,
    catalog: Catalog,
    config_region: str | None,
) -> tuple[str, bool]:
    """The ID the alias ``name`` sends on ``provider`` from this environment, and whether that
    was observed in the real client: its ANTHROPIC_DEFAULT_*_MODEL when set, else its model's
    ID for the provider (Bedrock's in this region's geography), else the provider's default."""
    if alias.variable and env.get(alias.variable):
        return env[alias.variable], alias.verified
    model_name = alias.on_provider.get(provider, alias.model)
    if model_name is None:
        return regional(catalog.default_primary[provider], provider, env, config_region), alias.verified
    model = catalog.named(model_name)
    found = model.id_for(provider)
    if found is None:
        return model.ids["first_party"] or name, alias.verified
    return regional(found, provider, env, config_region), alias.verified


def sent_as(value: str, provider: str, catalog: Catalog) -> str:
    """The ID Claude Code sends for ``value`` on ``provider``: a provider that translates
    first-party IDs (Mantle) sends its own ID for the same model; others send it as it is."""
    if not BY_NAME[provider].translates_first_party:
        return value
    model = next((m for m in catalog.models if m.ids.get("first_party") == value), None)
    return (model.id_for(provider) if model is not None else None) or value


def model_key(settings: Sequence[Settings]) -> tuple[str, Origin] | None:
    """The settings ``model`` key that counts: the highest layer's that has one."""
    keyed = [(s, model) for s in settings if (model := s.model)]
    if not keyed:
        return None
    top, model = keyed[-1]
    return model, Origin(top.source, str(top.path))


def primary_model(
    composed: Composed, settings: Sequence[Settings], catalog: Catalog, config_region: str | None = None
) -> Model:
    """``config_region``: the AWS shared config file's region, for Bedrock's prefix."""
    env = composed.env
    provider = detect_provider(env)
    candidates: list[tuple[str, str, Origin]] = []
    if env.get(PRIMARY):
        candidates.append((env[PRIMARY], PRIMARY, composed.origins[PRIMARY]))
    keyed = model_key(settings)
    if keyed is not None:
        candidates.append((keyed[0], "model", keyed[1]))
    if env.get(DEFAULT_MODEL):
        candidates.append((env[DEFAULT_MODEL], DEFAULT_MODEL, composed.origins[DEFAULT_MODEL]))
    if not candidates:
        default = regional(catalog.default_primary[provider], provider, env, config_region)
        return Model(default, "default", None, selected=False)
    value, variable, origin = candidates[0]
    resolved = resolve_alias(value, env, provider, catalog, config_region)
    if resolved is None:
        sent = sent_as(value, provider, catalog)
        return Model(sent, origin.source, variable, origin.file, pinned=value if sent != value else None)
    return Model(resolved[0], origin.source, variable, origin.file, alias=value, alias_verified=resolved[1])


def subagent_model(
    composed: Composed, primary: Model, catalog: Catalog, config_region: str | None = None
) -> Model:
    """What general-purpose subagents (and custom ones without ``model:``) use:
    CLAUDE_CODE_SUBAGENT_MODEL, an alias resolved as the primary's are, else (unset or
    ``inherit``) the primary model; not selected then. Explore always uses the primary.
    Observed in 2.1.332 (the reference's subagent runs)."""
    env = composed.env
    value = env.get(SUBAGENT, "")
    if not value or value == INHERIT:
        return Model(primary.model, "inherit", None, None, selected=False)
    provider = detect_provider(env)
    origin = composed.origins[SUBAGENT]
    resolved = resolve_alias(value, env, provider, catalog, config_region)
    if resolved is None:
        sent = sent_as(value, provider, catalog)
        return Model(sent, origin.source, SUBAGENT, origin.file, pinned=value if sent != value else None)
    return Model(resolved[0], origin.source, SUBAGENT, origin.file, alias=value, alias_verified=resolved[1])


def sends_anthropic_key(env: Mapping[str, str]) -> bool:
    """Whether Claude Code authenticates with an Anthropic API key (``sk-ant-api…``).

    Found by the end-to-end suite (tests/e2e) against Claude Code 2.1.331, and in its source:
    behind a gateway such a key keeps the Anthropic API's background default instead of the
    primary model, unless ANTHROPIC_AUTH_TOKEN is set (then the token is what gets sent).
    """
    return not env.get(AUTH_TOKEN) and env.get(API_KEY, "").startswith("sk-ant-api")


def background_model(
    composed: Composed, primary: Model, catalog: Catalog, config_region: str | None = None
) -> Model:
    env = composed.env
    provider = BY_NAME[detect_provider(env)]
    for variable in BACKGROUND:
        # An empty value counts as unset, also when a settings file set it to "" ("Layers").
        if env.get(variable):
            origin = composed.origins[variable]
            sent = sent_as(env[variable], provider.name, catalog)
            pinned = env[variable] if sent != env[variable] else None
            return Model(sent, origin.source, variable, origin.file, pinned=pinned)
    if provider.api_key_background is not None and sends_anthropic_key(env):
        return Model(catalog.default_background[provider.api_key_background], "default", None, selected=False)
    fixed = catalog.default_background.get(provider.name)
    own = provider.background == OWN or (provider.background == OWN_UNTIL_PRIMARY and not primary.selected)
    if fixed is not None and own:
        return Model(regional(fixed, provider.name, env, config_region), "default", None, selected=False)
    # The others follow the primary model: gateways, Foundry and Mantle always, Bedrock and
    # Vertex once a primary model is chosen ("Background model").
    return Model(primary.model, "default", None, selected=False)


def first_party_of(model_id: str, catalog: Catalog) -> str | None:
    """The first-party ID of the model ``model_id`` is any provider's ID of, a Bedrock one in
    another geography's prefix (``eu.``) included."""
    bare = REGIONAL.sub("us.", model_id)
    return next(
        (
            m.ids.get("first_party")
            for m in catalog.models
            if bare in m.ids.values() or model_id in m.ids.values()
        ),
        None,
    )


def overrides_in_force(settings: Sequence[Settings]) -> tuple[dict[str, str], dict[str, str]]:
    """The ``modelOverrides`` Claude Code uses: every file's map, key by key, a higher file's
    entry over a lower one's (tests/e2e: user and project maps both apply). Returns the map
    and, per key, the file it comes from."""
    found: dict[str, str] = {}
    files: dict[str, str] = {}
    for document in settings:
        for key, value in (document.overrides or {}).items():
            found[key], files[key] = value, str(document.path)
    # An empty value maps nothing: Claude Code sends the model's own ID then (2.1.332's binary).
    empty = [key for key, value in found.items() if not value]
    for key in empty:
        del found[key], files[key]
    return found, files


def overridden(model: Model, settings: Sequence[Settings], catalog: Catalog) -> Model:
    """``model`` as Claude Code sends it after ``modelOverrides`` (see ``overriding``): a value
    the user pinned is a key only as it was set."""
    pinned = (model.pinned or model.model) if model.selected and model.alias is None else None
    sent, override = overriding(model.model, pinned, settings, catalog)
    if override is None:
        return model
    if pinned is None:
        # A default or an alias goes through modelOverrides as Claude Code resolves it, and its
        # request once more: a value that is itself a key is sent as that key's (observed:
        # opus, mapped to sonnet, mapped to haiku, sends haiku; an ID pinned as such, once).
        sent = overriding(sent, sent, settings, catalog)[0]
    from dataclasses import replace

    return replace(model, model=sent, override=override)


def overriding(
    model_id: str, pinned: str | None, settings: Sequence[Settings], catalog: Catalog
) -> tuple[str, tuple[str, str, str] | None]:
    """The ID Claude Code sends for ``model_id`` after ``modelOverrides``, whose keys are
    first-party IDs, and the override that rewrote it (as in ``Model.override``). A model
    Claude Code chose (a default, an alias; ``pinned`` None) matches by its first-party ID
    whatever the provider (Bedrock's ``us.anthropic.claude-opus-5-5`` is ``claude-opus-5-5``);
    a pinned value only when it is itself a key (a Bedrock ID pinned as such is sent as it
    is). The value is sent as it is. Observed in 2.1.331 and 2.1.332 (tests/e2e)."""
    overrides, files = overrides_in_force(settings)
    if not overrides:
        return model_id, None
    key = pinned if pinned is not None else first_party_of(model_id, catalog)
    if key is None or key not in overrides:
        return model_id, None
    return overrides[key], (model_id, files[key], key)
