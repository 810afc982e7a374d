"""Startup files: the marked block, shells as data, the home snapshot, the static scan and
the plan of a file's new block.

Owns everything about a shell's startup files and nothing about Claude Code: which file a
shell reads, how it writes and quotes an export, the fenced block's text, what a new shell's
files assign. The variable names it handles are handed in by the caller.

May import: ``ccprofile.storage``, ``ccprofile.system`` and ``ccprofile.errors``. Never
``ccprofile.machine``, ``ccprofile.claude`` or ``ccprofile.cli`` (the import-linter contract in
pyproject.toml enforces it). Pure modules: ``block``, ``syntax``, ``sourcing``, ``shells``;
the disk is touched by ``homes``, ``scan`` and ``profile``.
"""
