"""Which API provider Claude Code talks to, and what each one does with models: one table.

A provider is one row of ``TABLE``: how Claude Code selects it, its catalog column, what its
background model does when nothing pins it, and whether model names are the user's own.
Claude Code 2.1.331 and 2.1.332 check the switches in the order of ``TABLE`` (bedrock > foundry
> anthropic_aws > anthropic_google_cloud > mantle > vertex; read in the binary's provider
function and observed by tests/e2e); with none set, a non-default ``ANTHROPIC_BASE_URL`` makes
it a gateway.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from ccprofile.claude.variables import (
    AWS_REGIONS,
    AWS_WORKSPACE,
    BASE_URL,
    FOUNDRY_SETUP,
    GOOGLE_CLOUD_SETUP,
    VERTEX_SETUP,
)

OFFICIAL_BASE_URL = "https://api.anthropic.com"

# The geographies of Bedrock's cross-region inference profiles, each an ID's prefix (``eu.``):
# the same model in another geography. us-gov is GovCloud's, which Claude Code gives the IDs it
# picks itself there (2.1.332's binary).
BEDROCK_PREFIXES = ("us", "eu", "apac", "jp", "au", "us-gov", "global")
# A Bedrock ID's geography prefix: group 1 is the geography.
REGIONAL = re.compile(rf"^({'|'.join(BEDROCK_PREFIXES)})\.")
# A Bedrock application inference profile (or other resource) ARN: a name for a model that
# only the AWS account can resolve.
ARN = re.compile(r"arn:aws[a-z-]*:bedrock:[a-z0-9-]+:\d{12}:[a-z-]+/[A-Za-z0-9._:/-]+")
_FIRST_PARTY_ID = r"claude-[a-z0-9-]+"

# What the background model is when nothing pins it: the provider's own small model ("own"),
# that until a primary model is chosen and then the primary ("own-until-primary"), or always
# the primary ("primary").
OWN, OWN_UNTIL_PRIMARY, PRIMARY_MODEL = "own", "own-until-primary", "primary"


class Provider:
    """One row of the table. A plain slotted class: a dataclass costs every status run a
    millisecond or two to create at import (docs/performance.md)."""

    __slots__ = (
        "api_key_background",
        "arns",
        "background",
        "column",
        "deployment",
        "display",
        "example",
        "id_shape",
        "name",
        "named_by_user",
        "prefixes",
        "serves_any_id",
        "setup",
        "switch",
        "translates_first_party",
    )

    # The rows are built when the module is imported, before a mutation run switches a mutant
    # on, so no mutant of this is ever seen: tests check each row's values instead.
    # pragma: no mutate block
    def __init__(
        self,
        name: str,  # what --provider takes and the JSON says
        display: str,  # Claude Code's own name for it
        switch: str | None,  # the variable that selects it; None: anthropic, or gateway by base URL
        column: str,  # catalog.json's column of its model IDs
        background: str,  # OWN, OWN_UNTIL_PRIMARY or PRIMARY_MODEL
        *,
        # What its IDs look like (a regular expression), for IDs newer than the catalog, and one.
        id_shape: str,
        example: str,
        named_by_user: bool = False,  # its model names are the user's own (a gateway's, a deployment)
        # It sends a first-party catalog ID as its own ID for that model (Mantle, observed 2026-11-29).
        translates_first_party: bool = False,
        # The geography prefixes its IDs take, the catalog listing the first one's (Bedrock's us.):
        # the region requests go to decides which one Claude Code gives the IDs it picks.
        prefixes: tuple[str, ...] = (),
        # It serves whatever names it is set up with (a gateway): any ID may be one it serves.
        serves_any_id: bool = False,
        # With an Anthropic API key (sk-ant-api...) and no ANTHROPIC_AUTH_TOKEN, the background
        # keeps this provider's default instead (a gateway; tests/e2e, 2.1.331).
        api_key_background: str | None = None,
        arns: bool = False,  # it takes an inference profile's ARN, which only the account resolves
        deployment: str | None = None,  # a name it takes is the user's deployment of this kind
        setup: tuple[str, ...] = (),  # the variables besides the switch that say where it goes
    ) -> None:
        self.name, self.display, self.switch, self.column = name, display, switch, column
        self.background, self.named_by_user = background, named_by_user
        self.id_shape, self.example = id_shape, example
        self.translates_first_party, self.prefixes = translates_first_party, prefixes
        self.serves_any_id, self.api_key_background = serves_any_id, api_key_background
        self.arns, self.deployment, self.setup = arns, deployment, setup


TABLE = (
    Provider(
        "anthropic",
        "Anthropic API",
        None,
        "first_party",
        OWN,
        id_shape=_FIRST_PARTY_ID,
        example="claude-haiku-4-5-20251001",
    ),
    Provider(
        "gateway",
        "an LLM gateway (ANTHROPIC_BASE_URL)",
        None,
        "gateway",
        PRIMARY_MODEL,
        id_shape=".+",
        example="claude-haiku-4-5-20251001",
        named_by_user=True,
        serves_any_id=True,
        api_key_background="anthropic",
    ),
    Provider(
        "bedrock",
        "Amazon Bedrock",
        "CLAUDE_CODE_USE_BEDROCK",
        "bedrock",
        OWN_UNTIL_PRIMARY,
        id_shape=rf"(?:(?:{'|'.join(BEDROCK_PREFIXES)})\.)?anthropic\.claude-[a-z0-9.-]+(?::\d+)?|{ARN.pattern}",
        example="us.anthropic.claude-haiku-4-5-20251001-v1:0",
        prefixes=BEDROCK_PREFIXES,
        arns=True,
        setup=AWS_REGIONS,
    ),
    Provider(
        "foundry",
        "Microsoft Foundry",
        "CLAUDE_CODE_USE_FOUNDRY",
        "foundry",
        PRIMARY_MODEL,
        id_shape=r"[A-Za-z0-9][A-Za-z0-9._-]*",
        example="claude-haiku-4-5",
        named_by_user=True,
        deployment="Foundry deployment",
        setup=FOUNDRY_SETUP,
    ),
    Provider(
        "anthropic_aws",
        "Claude Platform on AWS",
        "CLAUDE_CODE_USE_ANTHROPIC_AWS",
        "anthropic_aws",
        OWN,
        id_shape=_FIRST_PARTY_ID,
        example="claude-haiku-4-5-20251001",
        setup=(*AWS_REGIONS, AWS_WORKSPACE),
    ),
    Provider(
        "anthropic_google_cloud",
        "Claude Platform on Google Cloud",
        "CLAUDE_CODE_USE_ANTHROPIC_GOOGLE_CLOUD",
        "anthropic_google_cloud",
        OWN,
        id_shape=_FIRST_PARTY_ID,
        example="claude-haiku-4-5-20251001",
        setup=GOOGLE_CLOUD_SETUP,
    ),
    Provider(
        "mantle",
        "Amazon Bedrock (Mantle)",
        "CLAUDE_CODE_USE_MANTLE",
        "mantle",
        PRIMARY_MODEL,
        id_shape=r"anthropic\.claude-[a-z0-9.-]+",
        example="anthropic.claude-haiku-4-5",
        translates_first_party=True,
        setup=AWS_REGIONS,
    ),
    Provider(
        "vertex",
        "Google Vertex AI",
        "CLAUDE_CODE_USE_VERTEX",
        "vertex",
        OWN_UNTIL_PRIMARY,
        id_shape=r"claude-[a-z0-9-]+(?:@\d{8})?",
        example="claude-haiku-4-5@20251001",
        setup=VERTEX_SETUP,
    ),
)
BY_NAME: Mapping[str, Provider] = {provider.name: provider for provider in TABLE}
PROVIDERS = tuple(BY_NAME)
# Where model names are the user's own, which no catalog can know: an unknown one is no typo.
NAMED_BY_USER = tuple(p.name for p in TABLE if p.named_by_user)
# The providers an inference profile's ARN is an ID of.
TAKE_ARNS = tuple(p.name for p in TABLE if p.arns)
# (variable, provider) of each switch in the order Claude Code checks them: the first on decides.
SWITCH_ORDER = tuple((p.switch, p.name) for p in TABLE if p.switch)
# CLAUDE_CODE_USE_GATEWAY selects a gateway only in a session an app (Claude Desktop) starts
# with CLAUDE_CODE_PROVIDER_MANAGED_BY_HOST (2.1.332's binary, its gateway check): not modelled.
HOST_GATEWAY = ("CLAUDE_CODE_USE_GATEWAY", "CLAUDE_CODE_PROVIDER_MANAGED_BY_HOST")
# The variables that can change the provider, in the order Claude Code checks them.
SWITCHES = (*(variable for variable, _ in SWITCH_ORDER), *HOST_GATEWAY)


def is_truthy(value: str | None) -> bool:
    # Claude Code's own test for its boolean switches.
    return (value or "").strip().lower() in {"1", "true", "yes", "on"}


def detect_provider(env: Mapping[str, str]) -> str:
    for variable, provider in SWITCH_ORDER:
        if is_truthy(env.get(variable)):
            return provider
    base_url = env.get(BASE_URL, "").strip().rstrip("/")
    if base_url and base_url != OFFICIAL_BASE_URL:
        return "gateway"
    return "anthropic"


def switched_on(env: Mapping[str, str]) -> list[tuple[str, str]]:
    """(variable, provider) of every provider switch that is on, in Claude Code's order: the
    first decides, and Claude Code says nothing of the others (observed in 2.1.332)."""
    return [(variable, provider) for variable, provider in SWITCH_ORDER if is_truthy(env.get(variable))]


def unmodelled_provider(env: Mapping[str, str]) -> tuple[str, str] | None:
    """(variable, words) of a provider selection that ccprofile does not model."""
    if all(is_truthy(env.get(variable)) for variable in HOST_GATEWAY):
        return HOST_GATEWAY[0], "a gateway an app manages (CLAUDE_CODE_PROVIDER_MANAGED_BY_HOST)"
    return None
