"""Bedrock's regions: the AWS region Claude Code sends requests to, and the cross-region
prefix it gives the IDs it picks itself (``eu.``, ``us-gov.``). Pure: the environment and the
AWS config file's region are handed in."""

from __future__ import annotations

import re
from collections.abc import Mapping

from ccprofile.claude.providers import BY_NAME, REGIONAL
from ccprofile.claude.variables import AWS_REGIONS, REGION_PREFIX

_AWS_REGION = re.compile(r"[a-z]{2}(?:-gov)?-[a-z]+-\d+")


def aws_region(env: Mapping[str, str], config_region: str | None = None) -> str:
    """The AWS region Claude Code uses: AWS_REGION, then AWS_DEFAULT_REGION (each only when it
    looks like a region), then the shared config file's, else us-east-1 (2.1.332's binary)."""
    found = next((env[v] for v in AWS_REGIONS if _AWS_REGION.fullmatch(env.get(v, ""))), None)
    return found or config_region or "us-east-1"


def bedrock_prefix(env: Mapping[str, str], config_region: str | None = None) -> str:
    """The cross-region inference prefix Claude Code gives the Bedrock IDs it picks itself
    (defaults, aliases): us-gov for GovCloud, else ANTHROPIC_BEDROCK_REGION_PREFIX, else by the
    region: us, eu, apac (ap-), or global for any other."""
    region = aws_region(env, config_region)
    if region.startswith("us-gov-"):
        return "us-gov"
    declared = declared_prefix(env)
    if declared:
        return declared
    return next(
        (p for r, p in (("us-", "us"), ("eu-", "eu"), ("ap-", "apac")) if region.startswith(r)), "global"
    )


# The values Claude Code's ANTHROPIC_BEDROCK_REGION_PREFIX takes (another one is ignored).
_PREFIXES = ("us", "eu", "apac", "jp", "au", "global")


def declared_prefix(env: Mapping[str, str]) -> str | None:
    value = env.get(REGION_PREFIX)
    return value if value in _PREFIXES else None


def regional(model_id: str, provider: str, env: Mapping[str, str], config_region: str | None = None) -> str:
    """A catalog ID as Claude Code sends it from this region (only Bedrock's change)."""
    if not BY_NAME[provider].prefixes:
        return model_id
    return with_prefix(model_id, bedrock_prefix(env, config_region))


def with_prefix(model_id: str, prefix: str) -> str:
    """A Bedrock ID in the geography ``prefix`` names (``eu``); an ARN stays as it is."""
    if REGIONAL.match(model_id):
        return REGIONAL.sub(f"{prefix}.", model_id)
    return f"{prefix}.{model_id}" if model_id.startswith("anthropic.") else model_id
