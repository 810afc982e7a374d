"""What the commands' options mean where several commands share them: the provider, the
catalog and Bedrock's prefix from here, the options that cannot go together. Their typer
declarations are in ``declarations``."""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING

from ccprofile.claude.providers import BY_NAME, PROVIDERS
from ccprofile.cli.failures import UsageError
from ccprofile.errors import BadValue
from ccprofile.system import platforms

if TYPE_CHECKING:
    from ccprofile.claude.catalog import Catalog


def bedrock_prefix_here(provider: str) -> str | None:
    """Bedrock's cross-region prefix for the region Claude Code would use from here (this
    environment and the settings files, then ~/.aws/config); None on other providers."""
    if not BY_NAME[provider].prefixes:
        return None
    from ccprofile.claude import bedrock_regions, resolve, settings_files
    from ccprofile.claude.reading import aws_config_region
    from ccprofile.startup.homes import home_path

    home = home_path(os.environ)
    documents = settings_files.load(os.environ, home, Path.cwd(), platforms.current(os.environ))
    env = resolve.compose(dict(os.environ), {}, documents).env
    return bedrock_regions.bedrock_prefix(env, aws_config_region(env, home))


def provider_from(given: str | None) -> str:
    """The provider named by --provider, else the one Claude Code would use from here."""
    from ccprofile.claude import resolve, settings_files
    from ccprofile.claude.providers import detect_provider
    from ccprofile.startup.homes import home_path

    if given is None:
        # Settings files can switch the provider too (env.CLAUDE_CODE_USE_BEDROCK, ...).
        platform = platforms.current(os.environ)
        documents = settings_files.load(os.environ, home_path(os.environ), Path.cwd(), platform)
        return detect_provider(resolve.compose(dict(os.environ), {}, documents).env)
    chosen = given.lower()  # choices are case-insensitive, as --shell is
    if chosen not in PROVIDERS:
        raise BadValue(f"unknown provider {given!r}: choose one of {', '.join(PROVIDERS)}")
    return chosen


def refuse_contradictions(*, strict: bool, force: bool) -> None:
    """Options that cannot both hold are an error, not a silent winner."""
    if strict and force:
        raise UsageError("--strict and --force exclude each other: --force skips the checks --strict makes")


def scope_from(given: str | None) -> str:
    """The scope named by --scope (any letter case); shell when not given."""
    from ccprofile.claude import scopes

    chosen = scopes.named(given or "shell")
    if chosen is None:
        raise BadValue(scopes.unknown(given or ""))
    return chosen


def catalog_here() -> Catalog:
    """The catalog with the rules of the installed Claude Code (see claude/releases.py)."""
    from ccprofile.claude import catalog
    from ccprofile.claude.releases import claude_here

    return catalog.load(claude_here(os.environ).rules.version)
