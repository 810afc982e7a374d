"""Warnings about Bedrock regions: a model ID its region cannot call, a cross-region
prefix that disagrees with the region.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from ccprofile.claude import bedrock_regions, fixes, resolve
from ccprofile.claude.fixes import Command
from ccprofile.claude.places import Place, fix, place_of
from ccprofile.claude.providers import BY_NAME, REGIONAL, detect_provider
from ccprofile.claude.resolve import Composed
from ccprofile.claude.variables import (
    AWS_REGIONS,
    FAST,
    HAIKU,
    PINNED,
    REGION,
    REGION_PREFIX,
)
from ccprofile.claude.warnings.situation import Situation, StatusWarning, fix_at

_GEOGRAPHIES = {
    "us": ("us-",),
    "eu": ("eu-",),
    "apac": ("ap-",),
    "jp": ("ap-northeast-1", "ap-northeast-3"),
    "au": ("ap-southeast-2", "ap-southeast-4"),
    "us-gov": ("us-gov-",),
}


_PROFILE = re.compile(REGIONAL.pattern + r"anthropic\.")


_ARN_REGION = re.compile(r"^arn:aws[a-z-]*:bedrock:([a-z0-9-]+):")


def _callable_from(value: str, region: str) -> bool | None:
    """Whether a Bedrock ID can be called from ``region``; None: no region in it."""
    arn = _ARN_REGION.match(value)
    if arn:
        return arn.group(1) == region
    profile = _PROFILE.match(value)
    if profile is None:
        return None
    if profile.group(1) == "global":
        return not region.startswith("us-gov-")
    fits = _GEOGRAPHIES[profile.group(1)]
    return region.startswith(fits) and not (profile.group(1) == "us" and region.startswith("us-gov-"))


def bedrock_region(s: Situation) -> Iterator[StatusWarning]:
    """A pinned Bedrock ID for another geography than the region requests go to: Bedrock
    refuses every such request."""
    said: set[tuple[str, str]] = set()
    overrides, _ = resolve.overrides_in_force(s.settings)
    for composed in (s.fresh, s.now):
        env = composed.env
        if not BY_NAME[detect_provider(env)].prefixes:
            continue  # that claude is not on Bedrock: its region decides nothing
        yield from _declared_prefix(s, composed, said)
        for name in PINNED:
            value = env.get(name, "")
            if not value or value in overrides:
                continue  # a key of modelOverrides is not sent as it is
            if name == HAIKU and env.get(FAST) == value:
                continue  # ccprofile's mirror of the background pin: one warning, on FAST
            region = bedrock_regions.aws_region(env, s.aws_config_region)
            why = "the region Claude Code uses"
            # The variable that decides the background sends it to its region when one is set.
            if name == (FAST if env.get(FAST) else HAIKU) and env.get(REGION):
                region, why = env[REGION], f"{REGION}, where background requests go"
            # Judged per region: a new terminal's us-east-1 may call what this shell's cannot.
            if (name, f"{value} {region}") in said:
                continue
            said.add((name, f"{value} {region}"))
            place = place_of(composed.origins[name], name, s.scan, s.ours)
            yield from _region_warning(s, name, value, place, region, why)


def _declared_prefix(s: Situation, composed: Composed, said: set[tuple[str, str]]) -> Iterator[StatusWarning]:
    """ANTHROPIC_BEDROCK_REGION_PREFIX makes Claude Code give every ID it picks that prefix,
    without checking that the region can call it."""
    declared = bedrock_regions.declared_prefix(composed.env)
    if declared is None or (REGION_PREFIX, declared) in said:
        return
    said.add((REGION_PREFIX, declared))
    region = bedrock_regions.aws_region(composed.env, s.aws_config_region)
    if _callable_from(f"{declared}.anthropic.x", region) is not False:
        return
    place = place_of(composed.origins[REGION_PREFIX], REGION_PREFIX, s.scan, s.ours)
    yield StatusWarning(
        "bedrock-region",
        f"{REGION_PREFIX}={declared} ({place.where}) makes Claude Code send {declared}. profiles for "
        f"the models it picks, which cannot be called from {region} (the region Claude Code uses): "
        "Bedrock refuses every such request.",
        fix(place, REGION_PREFIX, None, s.shell),
    )


def _region_warning(
    s: Situation, name: str, value: str, place: Place, region: str, why: str
) -> Iterator[StatusWarning]:
    if _callable_from(value, region) is not False:
        return
    right = (
        bedrock_regions.regional(value, "bedrock", {AWS_REGIONS[0]: region})
        if _PROFILE.match(value)
        else None
    )
    repair = (
        fix_at(s, place, name, right)
        if right and right != value
        else (
            f"pin an ID of {region}: ",
            Command(fixes.MODELS, provider="bedrock", region=region),
            " lists them",
        )
    )
    yield StatusWarning(
        "bedrock-region",
        f"{name}={value} ({place.where}) cannot be called from {region} ({why}): Bedrock refuses "
        "every request for it there.",
        repair,
    )
