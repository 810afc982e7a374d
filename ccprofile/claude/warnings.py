"""The plain-language warnings of ``ccprofile status``, each with its fix.

Codes are part of the JSON contract: settings-override, not-loaded, shadowed,
unpinned-fallback, alias-not-resolved, retired-model, invalid-settings (and
unverified-alias, startup-file).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from ccprofile.claude import resolve
from ccprofile.claude.catalog import Catalog
from ccprofile.claude.resolve import Composed, Model
from ccprofile.claude.settings import Settings
from ccprofile.claude.variables import API_KEY, AUTH_TOKEN, BACKGROUND, PINNED
from ccprofile.startup.scan import Scan


@dataclass(frozen=True)
class StatusWarning:
    code: str
    message: str


def _settings_overrides(
    scan: Scan, env: Mapping[str, str], settings: Sequence[Settings]
) -> list[StatusWarning]:
    found = []
    for name in PINNED:
        pin = scan.final(name)
        shell_value = pin.value if pin is not None and pin.value else env.get(name)
        if not shell_value:
            continue
        where = f"{pin.path}:{pin.line}" if pin is not None and pin.value else "this shell's environment"
        winners = [s for s in settings if name in s.env]
        if not winners:
            continue
        top = winners[-1]
        shown = repr(top.env[name]) if top.env[name] else "an empty string (which unsets it)"
        found.append(
            StatusWarning(
                "settings-override",
                f"{name}={shell_value} from {where} has no effect: env.{name} in {top.path} "
                f'sets {shown}, and settings beat the shell. Fix: remove "{name}" from the "env" '
                "object of that file, or pin the model there.",
            )
        )
    return found


def _not_loaded(scan: Scan, env: Mapping[str, str]) -> list[StatusWarning]:
    """One warning per startup file whose pins this shell does not have (yet)."""
    stale: dict[str, list[str]] = {}
    for name in PINNED:
        pin = scan.pinned(name)
        if pin is None or scan.final(name) is not pin or pin.value is None:
            continue
        if env.get(name) != pin.value:
            have = repr(env[name]) if name in env else "unset"
            stale.setdefault(str(pin.path), []).append(f"{name}={pin.value} (this shell: {have})")
    return [
        StatusWarning(
            "not-loaded",
            f"{path} pins {', '.join(items)}, but this shell has not loaded it. "
            f"Fix: run `source {path}` or open a new terminal.",
        )
        for path, items in stale.items()
    ]


def _shadowed(scan: Scan) -> list[StatusWarning]:
    found = []
    for name in PINNED:
        pin = scan.pinned(name)
        for later in scan.after_block(name):
            if pin is not None and later.value == pin.value:
                continue
            what = "removes it" if later.value is None else f"sets {later.value!r}"
            found.append(
                StatusWarning(
                    "shadowed",
                    f"{later.path}:{later.line} {what} after the ccprofile block, so the pin "
                    f"{name}={pin.value if pin else ''} does not reach new terminals. "
                    "Fix: delete that line, or move it above the block.",
                )
            )
    return found


def _fallback(
    background: Model, provider: str, primary: Model, env: Mapping[str, str], catalog: Catalog
) -> list[StatusWarning]:
    if background.selected or provider == "anthropic":
        return []
    if provider == "gateway" and resolve.sends_anthropic_key(env):
        return [
            StatusWarning(
                "unpinned-fallback",
                f"Nothing pins the background model; because ANTHROPIC_API_KEY is an Anthropic API key, "
                f"Claude Code sends titles and summaries through your gateway to {background.model}, "
                "which the gateway must serve. Fix: `ccprofile set-fast-model` with an ID it serves.",
            )
        ]
    kind = "your primary model" if background.model == primary.model else "Sonnet"
    unseen_key = ""
    if provider == "gateway" and not env.get(API_KEY) and not env.get(AUTH_TOKEN):
        # The key then comes from apiKeyHelper or a login, where ccprofile cannot look.
        unseen_key = (
            " (If the key Claude Code sends is an Anthropic API key, sk-ant-api..., it uses "
            f"{catalog.default_background['anthropic']} instead.)"
        )
    return [
        StatusWarning(
            "unpinned-fallback",
            f"Nothing pins the background model, so on {provider} Claude Code uses {kind} "
            f"({background.model}) for titles and summaries, at that model's price.{unseen_key} "
            "Fix: `ccprofile set-fast-model`.",
        )
    ]


def _aliases(composed: Composed, catalog: Catalog) -> list[StatusWarning]:
    found = []
    for name in BACKGROUND:
        value = composed.env.get(name, "")
        if value.lower() in catalog.aliases:
            found.append(
                StatusWarning(
                    "alias-not-resolved",
                    f"{name}={value} is an alias; Claude Code sends it verbatim and the API rejects it. "
                    f"Fix: `ccprofile set-fast-model {value}` pins the exact model ID.",
                )
            )
    return found


def _retired(values: Mapping[str, str], catalog: Catalog) -> list[StatusWarning]:
    found = []
    for name, value in values.items():
        retired = catalog.retirement(value)
        if retired is None:
            continue
        newest = catalog.newest(retired.family, "anthropic")
        fix = f" Fix: pin {newest.id_for('anthropic')} ({newest.name})." if newest else ""
        found.append(
            StatusWarning(
                "retired-model", f"{name}={value} was {retired.describe()}; requests with it fail.{fix}"
            )
        )
    return found


def find_warnings(
    *,
    env: Mapping[str, str],
    scan: Scan,
    settings: Sequence[Settings],
    now: Composed,
    fresh: Composed,
    background: Model,
    primary: Model,
    provider: str,
    catalog: Catalog,
) -> tuple[StatusWarning, ...]:
    found: list[StatusWarning] = [
        StatusWarning("invalid-settings", f"{s.path}: {s.error}") for s in settings if s.error
    ]
    found += [StatusWarning("startup-file", problem) for problem in scan.problems]
    found += _settings_overrides(scan, env, settings)
    found += _not_loaded(scan, env)
    found += _shadowed(scan)
    found += _fallback(background, provider, primary, now.env, catalog)
    found += _aliases(now, catalog)
    pinned = {n: now.env[n] for n in PINNED if now.env.get(n)}
    pinned.update(
        {
            f"{n} (new terminals)": fresh.env[n]
            for n in PINNED
            if fresh.env.get(n) and fresh.env.get(n) != now.env.get(n)
        }
    )
    found += _retired(pinned, catalog)
    if primary.alias and not primary.alias_verified:
        found.append(
            StatusWarning(
                "unverified-alias",
                f"The primary model is the alias {primary.alias!r}; ccprofile shows {primary.model}, "
                "but what Claude Code makes of this alias was not verified. Pin an exact ID to be sure.",
            )
        )
    return tuple(found)
