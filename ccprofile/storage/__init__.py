"""Storage: how ccprofile changes any file safely and remembers what it changed.

Locking, reading bytes, atomic replace with the mode and links kept, backups, the state
directory, the ledger of every change and the record of settings keys. Knows nothing of shells
or of Claude Code: what a file means is decided above.

May import: ``ccprofile.system`` and ``ccprofile.errors`` (the import-linter contract in
pyproject.toml enforces it).
"""
