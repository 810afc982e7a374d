"""The environment variables Claude Code reads for its models: each name defined once."""

from __future__ import annotations

FAST = "ANTHROPIC_SMALL_FAST_MODEL"
HAIKU = "ANTHROPIC_DEFAULT_HAIKU_MODEL"
# Bedrock only: moves the background requests to another AWS region.
REGION = "ANTHROPIC_SMALL_FAST_MODEL_AWS_REGION"
PRIMARY = "ANTHROPIC_MODEL"
DEFAULT_MODEL = "ANTHROPIC_DEFAULT_MODEL"
SONNET = "ANTHROPIC_DEFAULT_SONNET_MODEL"
OPUS = "ANTHROPIC_DEFAULT_OPUS_MODEL"
FABLE = "ANTHROPIC_DEFAULT_FABLE_MODEL"
BASE_URL = "ANTHROPIC_BASE_URL"
SUBAGENT = "CLAUDE_CODE_SUBAGENT_MODEL"
# Bedrock: the region Claude Code uses (the first valid of these, else ~/.aws/config's for
# AWS_PROFILE, else us-east-1) decides the cross-region prefix of the IDs it picks itself.
AWS_REGIONS = ("AWS_REGION", "AWS_DEFAULT_REGION")
AWS_PROFILE = "AWS_PROFILE"
AWS_CONFIG_FILE = "AWS_CONFIG_FILE"  # the shared config file's place, else ~/.aws/config
REGION_PREFIX = "ANTHROPIC_BEDROCK_REGION_PREFIX"
# Where a provider's requests go, besides its switch (each provider's setup documentation;
# Claude Platform on AWS's and on Google Cloud's as the 2.1.332 runs set them): a new
# terminal needs them as this shell has them.
VERTEX_SETUP = ("CLOUD_ML_REGION", "ANTHROPIC_VERTEX_PROJECT_ID")
FOUNDRY_SETUP = ("ANTHROPIC_FOUNDRY_RESOURCE", "ANTHROPIC_FOUNDRY_BASE_URL")
AWS_WORKSPACE = "ANTHROPIC_AWS_WORKSPACE_ID"
GOOGLE_CLOUD_SETUP = ("ANTHROPIC_GOOGLE_CLOUD_PROJECT", "ANTHROPIC_GOOGLE_CLOUD_LOCATION")
API_KEY = "ANTHROPIC_API_KEY"
AUTH_TOKEN = "ANTHROPIC_AUTH_TOKEN"
CONFIG_DIR = "CLAUDE_CONFIG_DIR"  # Claude Code's user folder, else ~/.claude

# Read in this order: ANTHROPIC_SMALL_FAST_MODEL wins over ANTHROPIC_DEFAULT_HAIKU_MODEL.
BACKGROUND = (FAST, HAIKU)
# What ccprofile's block may hold, in the order it writes them.
PINNABLE = (FAST, HAIKU, REGION, PRIMARY, SUBAGENT)
# What a pin of ccprofile's can be beaten or shadowed on.
PINNED = (FAST, HAIKU, PRIMARY, SUBAGENT)
# CLAUDE_CODE_SUBAGENT_MODEL's value for "the primary model", as when it is unset.
INHERIT = "inherit"
# What `set-fast-model` writes, and so what `unset-fast-model` takes out.
BACKGROUND_PINS = (FAST, HAIKU, REGION)
# The variable a pin of each kind of model sets (a fix's command is the one that pins it).
PIN_OF_KIND = {"background": FAST, "primary": PRIMARY, "subagent": SUBAGENT}
