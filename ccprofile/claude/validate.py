"""The character check every model value passes before it goes into a startup file."""

from __future__ import annotations

import re

from ccprofile.errors import BadValue

MAX_LENGTH = 256
# Every real model ID, Bedrock ARN and alias fits this set; nothing in it is special inside
# single quotes in any supported shell, so a value that passes can never break out.
_ALLOWED = re.compile(r"[A-Za-z0-9._:@/\[\]-]+")
_NAMES = {
    " ": "a space",
    "\t": "a tab",
    "\n": "a newline",
    "\r": "a carriage return",
    "'": "a quote",
    '"': "a quote",
    "$": "a '$'",
    "`": "a backtick",
    "\\": "a backslash",
}


# us-east-1, ap-southeast-2, us-gov-west-1, cn-north-1: the shape of every AWS region name.
_AWS_REGION = re.compile(r"[a-z]{2}(-[a-z]+)+-[0-9]{1,2}")


def check_value(value: str) -> str:
    """Return the model ``value`` if it may be written; raise a one-line BadValue otherwise."""
    if not value:
        raise BadValue("the model is empty: give a model ID such as claude-haiku-4-5-20251001")
    if len(value) > MAX_LENGTH:
        raise BadValue(f"the model is {len(value)} characters long; the limit is {MAX_LENGTH}")
    if _ALLOWED.fullmatch(value) is None:
        bad = next(ch for ch in value if _ALLOWED.fullmatch(ch) is None)
        shown = _NAMES.get(bad, repr(bad))
        raise BadValue(
            f"invalid model {value!r}: it contains {shown}; a model ID has only letters, "
            "digits and . - _ : @ / [ ]"
        )
    return value


def check_region(value: str) -> str:
    """Return the AWS region ``value`` if it has a region's shape (which is also safe to quote)."""
    if _AWS_REGION.fullmatch(value) is None:
        raise BadValue(f"invalid AWS region {value!r}: a region looks like us-west-2 or eu-central-1")
    return value
