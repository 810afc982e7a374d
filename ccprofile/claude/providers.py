"""Which API provider Claude Code talks to, from the environment it ends up with.

Rules from shared/claude-code-models.md §2; Bedrock, Vertex and Foundry switches are checked
in that order, then a non-default ``ANTHROPIC_BASE_URL`` makes it a gateway.
"""

from __future__ import annotations

from collections.abc import Mapping

from ccprofile.claude.variables import BASE_URL

PROVIDERS = ("anthropic", "gateway", "bedrock", "vertex", "foundry")
OFFICIAL_BASE_URL = "https://api.anthropic.com"
# Where model names are the user's own (a gateway's routes, a Foundry deployment), which no
# catalog can know: an unknown one is not taken for a typo.
NAMED_BY_USER = ("gateway", "foundry")
_SWITCHED = (
    ("CLAUDE_CODE_USE_BEDROCK", "bedrock"),
    ("CLAUDE_CODE_USE_VERTEX", "vertex"),
    ("CLAUDE_CODE_USE_FOUNDRY", "foundry"),
)
# Providers Claude Code 2.1.332 has and ccprofile does not model yet, each after the modelled
# ones that beat it (Claude Code checks bedrock > foundry > anthropicAws > anthropicGoogleCloud
# > mantle > vertex); CLAUDE_CODE_USE_GATEWAY's place in that order was not observed.
UNMODELLED = (
    (
        "CLAUDE_CODE_USE_ANTHROPIC_AWS",
        "Claude Platform on AWS",
        ("CLAUDE_CODE_USE_BEDROCK", "CLAUDE_CODE_USE_FOUNDRY"),
    ),
    (
        "CLAUDE_CODE_USE_ANTHROPIC_GOOGLE_CLOUD",
        "Claude Platform on Google Cloud",
        ("CLAUDE_CODE_USE_BEDROCK", "CLAUDE_CODE_USE_FOUNDRY"),
    ),
    (
        "CLAUDE_CODE_USE_MANTLE",
        "Amazon Bedrock (Mantle)",
        ("CLAUDE_CODE_USE_BEDROCK", "CLAUDE_CODE_USE_FOUNDRY"),
    ),
    ("CLAUDE_CODE_USE_GATEWAY", "a gateway switch whose rules were not observed", ()),
)
# The variables that turn a provider on, in the order Claude Code checks them.
SWITCHES = (*(variable for variable, _ in _SWITCHED), *(variable for variable, _, _ in UNMODELLED))


def unmodelled_provider(env: Mapping[str, str]) -> tuple[str, str] | None:
    """(variable, name) of a provider switch that decides and that ccprofile does not model."""
    for variable, name, beaten_by in UNMODELLED:
        if is_truthy(env.get(variable)) and not any(is_truthy(env.get(v)) for v in beaten_by):
            return variable, name
    return None


def is_truthy(value: str | None) -> bool:
    # Claude Code's own test for its boolean switches.
    return (value or "").strip().lower() in {"1", "true", "yes", "on"}


def detect_provider(env: Mapping[str, str]) -> str:
    for variable, provider in _SWITCHED:
        if is_truthy(env.get(variable)):
            return provider
    base_url = env.get(BASE_URL, "").strip().rstrip("/")
    if base_url and base_url != OFFICIAL_BASE_URL:
        return "gateway"
    return "anthropic"
