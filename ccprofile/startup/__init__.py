"""Startup files: the marked block, shells as data, safe file I/O, editing a file's block.

Owns everything about a shell's startup files and nothing about Claude Code: which file a
shell reads, how it writes and quotes an export, the fenced block's text, and writing a file
safely. The variable names it handles are handed in by the caller.

May import: ``ccprofile.errors``. Never ``ccprofile.claude`` or ``ccprofile.cli``
(the import-linter contract in pyproject.toml enforces it). Pure modules: ``block``,
``syntax``, ``shells``; the disk is touched by ``homes``, ``fileio``, ``scan``, ``profile``,
``targets``, ``detect`` and ``probe``.
"""
