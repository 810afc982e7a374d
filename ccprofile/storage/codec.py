"""A file's bytes as text and back, every byte kept: what lets ccprofile edit a startup file
it cannot decode without changing a byte it did not mean to."""

from __future__ import annotations


def encode(text: str) -> bytes:
    return text.encode("utf-8", "surrogateescape")


def decode(data: bytes) -> str:
    # surrogateescape maps every byte that is not UTF-8 to a lone surrogate and back again,
    # so a file in Latin-1 or with binary junk is written back byte for byte.
    return data.decode("utf-8", "surrogateescape")
