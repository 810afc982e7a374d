"""A file's bytes as text and back, every byte kept: what lets ccprofile edit a startup file
it cannot decode without changing a byte it did not mean to."""

from __future__ import annotations

# surrogateescape maps every byte that is not UTF-8 to a lone surrogate and back again, so a
# file in Latin-1 or with binary junk is written back byte for byte.
_CODEC = ("utf-8", "surrogateescape")


def encode(text: str) -> bytes:
    return text.encode(*_CODEC)


def decode(data: bytes) -> str:
    return data.decode(*_CODEC)
