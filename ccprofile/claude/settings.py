"""Claude Code's settings files as plain values, parsed from their bytes (docs/status.md, "Layers");
``settings_files`` finds and reads them."""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

MAX_BYTES = 1 << 20  # a settings file larger than this is not a real one


@dataclass(frozen=True)
class Settings:
    source: str  # user-settings, project-settings, local-settings or managed-settings
    path: Path
    env: Mapping[str, str] = field(default_factory=dict)
    model: str | None = None
    error: str | None = None  # why the file was (partly) ignored
    overrides: Mapping[str, str] | None = None  # modelOverrides: first-party ID -> the ID sent
    fallback: tuple[str, ...] | None = None  # fallbackModel: tried in order after repeated 529s or 404s
    available: tuple[str, ...] | None = None  # availableModels (see ``allowed``)
    enforce: bool | None = None  # enforceAvailableModels
    denied: tuple[str, ...] | None = None  # deniedModels (honoured in managed settings only)


# A value of the wrong type in one of these makes Claude Code skip the whole file (it shows
# "Settings Error ... Files with errors are skipped entirely"; observed in 2.1.331 and 2.1.332).
SKIPS_THE_FILE = "Claude Code skips this whole file when it starts (it shows a Settings Error)"


def have_policy(settings: Sequence[Settings]) -> bool:
    """Whether any file sets a model policy (availableModels, enforceAvailableModels,
    deniedModels): only then is ``allowed`` imported (status's start-up cost, see
    docs/performance.md)."""
    return any(d.available is not None or d.enforce is not None or d.denied for d in settings)


def parse(source: str, path: Path, data: bytes) -> Settings:
    """One settings document; problems go into ``error``, never out as exceptions."""
    if len(data) > MAX_BYTES:
        return Settings(source, path, error=f"larger than {MAX_BYTES} bytes; ignored")
    try:
        document = json.loads(data.decode("utf-8-sig"))
    except UnicodeDecodeError as error:
        return Settings(source, path, error=f"not UTF-8 text ({error.reason}); ignored")
    except json.JSONDecodeError as error:
        return Settings(
            source,
            path,
            error=f"not valid JSON: {error.msg} at line {error.lineno} column {error.colno}; ignored",
        )
    if not isinstance(document, dict):
        return Settings(source, path, error="is not a JSON object; ignored")
    problems: list[str] = []
    env = _env(document.get("env", {}), problems)
    model = document.get("model")
    if model is not None and not isinstance(model, str):
        problems.append('"model" is not a string; ignored')
        model = None
    wrong: list[str] = []  # wrong types that make Claude Code skip the file
    overrides = _overrides(document.get("modelOverrides"), wrong)
    fallback = _fallback(document.get("fallbackModel"), problems)
    available = _names(document, "availableModels", wrong)
    enforce = document.get("enforceAvailableModels")
    if enforce is not None and not isinstance(enforce, bool):
        wrong.append('"enforceAvailableModels" is not true or false')
        enforce = None
    denied = _names(document, "deniedModels", problems)
    if wrong:
        return Settings(source, path, error=f"{'; '.join(wrong)}: {SKIPS_THE_FILE}")
    return Settings(
        source,
        path,
        env,
        model or None,
        "; ".join(problems) or None,
        overrides,
        fallback,
        available,
        enforce,
        denied,
    )


def _env(raw: object, problems: list[str]) -> dict[str, str]:
    """The ``env`` object's variables, each a string as Claude Code makes it."""
    env: dict[str, str] = {}
    if not isinstance(raw, dict):
        problems.append('"env" is not an object; its values are ignored')
        return env
    for name, value in raw.items():
        if isinstance(value, str):
            env[name] = value
        elif isinstance(value, (bool, int, float)):
            env[name] = json.dumps(value)  # Claude Code stringifies scalars
        else:
            problems.append(f'"env.{name}" is not a string; ignored')
    return env


def _names(document: Mapping[str, object], key: str, problems: list[str]) -> tuple[str, ...] | None:
    """A list of model names (availableModels, deniedModels); None when the key is not set."""
    raw = document.get(key)
    if raw is None:
        return None
    if isinstance(raw, list) and all(isinstance(item, str) for item in raw):
        return tuple(raw)
    problems.append(f'"{key}" is not a list of model names')
    return None


def _fallback(raw: object, problems: list[str]) -> tuple[str, ...] | None:
    """``fallbackModel``: a list of names or aliases (one name alone taken as a list of one)."""
    if raw is None:
        return None
    if isinstance(raw, str):
        return (raw,)
    if isinstance(raw, list) and all(isinstance(item, str) for item in raw):
        return tuple(raw)
    problems.append(
        '"fallbackModel" is not a list of model names; what Claude Code does with it is not known'
    )
    return None


def _overrides(raw: object, problems: list[str]) -> dict[str, str] | None:
    """``modelOverrides`` as Claude Code's schema has it (an object of strings)."""
    if raw is None:
        return None
    if not isinstance(raw, dict):
        problems.append('"modelOverrides" is not an object')
        return None
    problems += [
        f'"modelOverrides.{key}" is not a string' for key, value in raw.items() if not isinstance(value, str)
    ]
    return {key: value for key, value in raw.items() if isinstance(value, str)}
