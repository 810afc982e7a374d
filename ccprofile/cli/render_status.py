"""What ``ccprofile status`` prints: a table where it fits, else one record per block; never a
model ID or a path cut to fit."""

from __future__ import annotations

from pathlib import Path

from rich.console import Console
from rich.markup import escape

from ccprofile.claude.layers import region_used, winner
from ccprofile.claude.places import Ours, pinned_scope
from ccprofile.claude.report import Report, View
from ccprofile.claude.resolve import Model
from ccprofile.claude.status_starts import NO_SHELL
from ccprofile.cli import wording
from ccprofile.cli.program import runnable
from ccprofile.cli.render import fitting_table, say, show_warnings, tilde, tilde_text

_SOURCE_NAMES = {
    "environment": "this shell's environment",
    "session": "inherited by new terminals from",
    "profile": "startup file",
    "default": "Claude Code default",
    "untraced": "set by a startup file ccprofile could not trace",
    "inherit": "the primary model (subagents inherit it)",
    "policy": "the organisation's model policy in",
}
VERBOSE_HINT = "ccprofile status --verbose"
_FILE_NOT_KNOWN = "not known ({} reads it from a folder ccprofile cannot work out)"  # zsh's ZDOTDIR


def source_words(model: Model, home: Path, ours: Ours | None = None) -> str:
    """Where a model comes from, in the words of the status table."""
    text = _SOURCE_NAMES.get(model.source, model.source)
    if model.file:
        text += f" {tilde(Path(model.file), home)}"
    if model.variable:
        text += f" ({model.variable})"
    scope = pinned_scope(ours, model.file, model.variable)
    if scope is not None:
        text += f", ccprofile's pin (--scope {scope})"
    if model.alias:
        text += f", alias {model.alias!r}"
    if model.override is not None:
        before, where, _ = model.override
        text += f"; modelOverrides in {tilde(Path(where), home)} sends it for {before}"
    if model.restricted is not None:
        refused, where, _ = model.restricted
        refuses = "" if model.source == "policy" else f", which {tilde(Path(where), home)} does not allow"
        text += f", instead of {refused}{refuses}"
    return text


_STATUS_HEADER = ("Model", "claude started from this shell", "claude started from a new terminal")
_NO_SHELL_HEADER = ("Model", "claude started here", "… from a new terminal")
_LABELS = (
    ("Background model (titles, summaries)", "Background", "background"),
    ("Primary model", "Primary", "primary"),
)

_UNCERTAIN = "\nnot certain: see the warnings"
# The new-terminal column when no shell could be determined: there are no startup files to read.
_NO_SHELL = ("not known", "no shell: pass --shell NAME")
_NO_SHELL_HEADING = "claude started from this environment (no shell, so no new terminal)"


def show_status(console: Console, report: Report, home: Path, *, verbose: bool = False) -> None:
    _show_header(console, report, home)
    views = [(label, getattr(report, attribute)) for label, _, attribute in _LABELS]
    agents = report.subagents
    if agents is not None and any(m is not None and m.selected for m in (agents.now, agents.new_shell)):
        # Only when they do not simply use the primary model, as they do by default.
        views.append(("Subagents (general-purpose, custom without model:; Explore uses the primary)", agents))
    # A new terminal's model that rests on lines ccprofile could not follow says so in its cell.
    doubt = "" if report.certain else _UNCERTAIN
    plain = [
        [label, _plain(view.now, home, report.ours), _plain(view.new_shell, home, report.ours) + doubt]
        for label, view in views
    ]
    rows = [
        [
            escape(label),
            _cell(view.now, home, report.ours),
            _cell(view.new_shell, home, report.ours) + (f"[yellow]{doubt}[/yellow]" if doubt else ""),
        ]
        for label, view in views
    ]
    header = _STATUS_HEADER if report.shell is not None else _NO_SHELL_HEADER
    table = fitting_table(console, header, rows, plain, show_lines=True)
    if table is not None:
        console.print(table)
    else:
        for label, view in views:
            _show_stacked(console, label, view, home, report.ours, doubt)
    for _, short, attribute in _LABELS:
        view = getattr(report, attribute)
        # Places that agree override nothing: their list would only repeat the table.
        if verbose or len({layer.value for layer in view.layers}) > 1:
            _show_layers(console, short, view, home)
    _show_launched(console, report, home)
    show_warnings(console, report.warnings, home, wording.carried(report.shell, report.shell_reason))
    if verbose and report.aliases:
        _show_aliases(console, report, home)
    if verbose and report.fallback[0]:
        _show_fallback(console, report, home)
    # The caveats every report shares wait for --verbose; one that qualifies this table does not.
    for note in report.notes if verbose else report.table_notes:
        console.print(f"[dim]{escape(tilde_text(note, home))}[/dim]")
    footer, more = _footer(report, verbose)
    # The command stays whole on one line: on its own when the two do not fit together.
    fits = console.width >= len(f"{footer} {more}") or not more
    if not report.warnings:
        footer = f"[green]{footer}[/green]"
    gap = " " if fits else "\n"
    console.print(f"{footer}{gap}{escape(more)}".rstrip(), soft_wrap=True)


def _show_header(console: Console, report: Report, home: Path) -> None:
    provider = f"[bold]{report.provider}[/bold]"
    if report.provider_new is not None:
        provider += f" (a new terminal: [bold]{report.provider_new}[/bold])"
    if report.shell is None:
        console.print(f"Provider: {provider}   Shell: none")
        return
    reason = wording.shell_reason(report.shell_reason, report.startup_file)
    console.print(f"Provider: {provider}   Shell: [bold]{report.shell}[/bold], {escape(reason)}")
    file = tilde(report.startup_file, home) if report.startup_file else _FILE_NOT_KNOWN.format(report.shell)
    console.print(f"Startup file: {escape(file)}", soft_wrap=True)


def _show_fallback(console: Console, report: Report, home: Path) -> None:
    models, files = report.fallback
    said = (
        f"If the primary model keeps failing (529 overloaded, 404), Claude Code switches to "
        f"{', then '.join(models)} (fallbackModel in {tilde_text(files[0], home)}); background "
        "requests never fall back."
    )
    if len(files) > 1:
        others = ", ".join(tilde_text(f, home) for f in files[1:])
        said += f" {others} set one too: whether Claude Code merges them was not observed."
    say(console, said)


def _show_launched(console: Console, report: Report, home: Path) -> None:
    """macOS and Windows: what a claude started each other way uses, and what it reads."""
    if not report.launched:
        return
    console.print("[bold]claude started another way[/bold] (settings files are read by each):")
    for view in report.launched:
        if view.background is None or view.primary is None:
            models = f"not known: {view.unknown}"
            if view.unknown == NO_SHELL:
                models += " (`ccprofile status --shell NAME` names yours)"
        else:
            models = f"background {view.background.model}, primary {view.primary.model}"
        say(console, f"{view.launcher.name}: {models}", indent="  ")
        files = ", ".join(tilde_text(place, home) for place in view.reads[1:]) or "no startup file"
        say(console, f"inherits from {view.reads[0]}; reads {files}", "dim", indent="    ")
        for line in view.unseen:
            say(console, f"not certain: {tilde_text(line, home)}", "yellow", indent="    ")
        if view.launcher.caveat:
            say(console, view.launcher.caveat, "dim", indent="    ")


def _show_aliases(console: Console, report: Report, home: Path) -> None:
    """What each alias sends (in ANTHROPIC_MODEL, /model, an agent's model:), with this
    shell's environment: the one the provider line is about."""
    started = "this shell" if report.shell is not None else "this environment (no shell)"
    console.print(f"Aliases on {report.provider}, for a claude started from {started}:")
    for target in report.aliases:
        if target.origin is not None and target.variable:
            model = Model(target.model, target.origin.source, None, target.origin.file)
            where = f"{target.variable}, {source_words(model, home)}"
        else:
            where = "Claude Code's own" + ("" if target.verified else ", not observed in the real client")
        if target.override is not None:
            before, file, _ = target.override
            where += f"; modelOverrides in {tilde_text(file, home)} sends it for {before}"
        say(console, f"{target.alias} -> {target.model} ({where})", indent="  ")


def _footer(report: Report, verbose: bool) -> tuple[str, str]:
    """The count of warnings and the rules, and where more is said ("" with --verbose)."""
    count = len(report.warnings)
    found = "No problems found." if not count else f"{count} warning{'s' * (count > 1)}."
    footer = f"{found} Claude Code {report.claude.get('rules')} rules."
    more = wording.on_shell(VERBOSE_HINT, wording.carried(report.shell, report.shell_reason))
    return footer, "" if verbose else runnable(f"More: {more}")


def _plain(model: Model | None, home: Path, ours: Ours) -> str:
    if model is None:
        return "\n".join(_NO_SHELL)
    return f"{model.model}\n{source_words(model, home, ours)}"


def _cell(model: Model | None, home: Path, ours: Ours) -> str:
    if model is None:
        return f"[bold]{_NO_SHELL[0]}[/bold]\n[dim]{_NO_SHELL[1]}[/dim]"
    return f"[bold]{escape(model.model)}[/bold]\n[dim]{escape(source_words(model, home, ours))}[/dim]"


def _show_stacked(console: Console, label: str, view: View, home: Path, ours: Ours, doubt: str) -> None:
    """The table's cells as lines, for a narrow terminal; ``doubt`` qualifies a new terminal's."""
    console.print(f"[bold]{escape(label)}[/bold]")
    fresh = view.new_shell
    # (heading, model, whether it is a new terminal's, which the doubt qualifies)
    pairs: list[tuple[str, Model, bool]] = [(_NO_SHELL_HEADING, view.now, False)]
    if fresh is not None and _plain(view.now, home, ours) == _plain(fresh, home, ours):
        pairs = [("claude started from this shell or a new terminal", view.now, True)]
    elif fresh is not None:
        pairs = [
            ("claude started from this shell", view.now, False),
            ("claude started from a new terminal", fresh, True),
        ]
    for heading, model, new in pairs:
        console.print(f"  {heading}:")
        console.print(f"    [bold]{escape(model.model)}[/bold]", soft_wrap=True)
        console.print(f"    [dim]{escape(source_words(model, home, ours))}[/dim]", soft_wrap=True)
        if doubt and new:
            console.print(f"    [yellow]{escape(doubt.strip())}[/yellow]", soft_wrap=True)


def _show_layers(console: Console, label: str, view: View, home: Path) -> None:
    """Each place that sets the model, highest precedence first, as the table resolves them;
    for this shell and for a new terminal apart, since they start from other environments."""
    here = "claude started from this shell" if view.new_shell is not None else _NO_SHELL_HEADING
    sides = [(here, view.ranked_now)]
    if view.ranked_new == view.ranked_now:
        sides = [("claude started from this shell or a new terminal", view.ranked_now)]
    elif view.ranked_new is not None:
        sides.append(("claude started from a new terminal", view.ranked_new))
    console.print(f"{label}, highest precedence first (the first one set wins):")
    resolved = {
        "claude started from this shell": view.now,
        "claude started from a new terminal": view.new_shell,
    }
    for heading, ranked in sides:
        console.print(f"  {heading}:")
        model = resolved.get(heading, view.now)
        top, region, seen = winner(ranked), region_used(ranked), set()
        for layer in ranked:
            where = f" {tilde(Path(layer.file), home)}" if layer.file else ""
            shown = repr(layer.value) if layer.value else "'' (counts as unset)"
            verdict = " [green]<- wins[/green]" if layer is top else ""
            if layer is region:
                verdict = " [green]<- the AWS region of these requests (Bedrock)[/green]"
            if layer.variable in seen:
                verdict = " [dim](overridden above)[/dim]"
            seen.add(layer.variable)
            source = _SOURCE_NAMES.get(layer.source, layer.source).replace(" from", "")
            line = f"    {escape(layer.variable)}={escape(shown)}  {escape(source)}{escape(where)}{verdict}"
            console.print(line, soft_wrap=True)
        if top is None:
            console.print("    nothing sets it: Claude Code's default applies", soft_wrap=True)
        if model is not None and model.restricted is not None:
            refused, where, _ = model.restricted
            console.print(
                f"    then the organisation's model policy in {escape(tilde(Path(where), home))} refuses "
                f"{escape(refused)}: Claude Code uses {escape(model.model)}",
                soft_wrap=True,
            )
