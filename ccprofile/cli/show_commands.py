"""The commands that only read: status (its fast path is ``fast_status``) and models."""

from __future__ import annotations

from pathlib import Path

from ccprofile.cli import fast_status
from ccprofile.cli.consoles import console
from ccprofile.cli.options import bedrock_prefix_here, catalog_here, provider_from
from ccprofile.errors import BadValue


def status(
    *,
    as_json: bool = False,
    check: bool = False,
    verbose: bool = False,
    project: Path | None = None,
    probe: bool = False,
    shell: str | None = None,
    expect_fast_model: str | None = None,
    expect_model: str | None = None,
    expect_scope: str | None = None,
    claude_version: str | None = None,
) -> int:
    """The status report; the same function the fast path runs (``fast_status.run``)."""
    return fast_status.run(
        fast_status.StatusArgs(
            as_json=as_json,
            check=check,
            verbose=verbose,
            project=project,
            probe=probe,
            shell=shell,
            expect_fast_model=expect_fast_model,
            expect_model=expect_model,
            expect_scope=expect_scope,
            claude_version=claude_version,
        )
    )


def models(*, provider: str | None = None, family: list[str] | None = None, as_json: bool = False) -> int:
    """The catalog's models with the provider's exact IDs (``family``: only those)."""
    import json

    from ccprofile.cli import render_models

    chosen = provider_from(provider)
    models_ = catalog_here()
    prefix = bedrock_prefix_here(chosen)
    families = [f.lower() for f in family or []]
    unknown = [f for f in families if f not in models_.families]
    if unknown:
        raise BadValue(f"unknown family {unknown[0]!r}: choose from {', '.join(models_.families)}")
    if as_json:
        print(json.dumps(render_models.models_json(models_, chosen, families, prefix), indent=2))
        return 0
    render_models.show_models(console, models_, chosen, families, prefix)
    return 0
