"""The command line: entry point, typer commands, the status fast path, the picker, and all
rendering (rich tables, messages, error lines and exit codes).

May import every other package; nothing imports it. The only layer that prints, reads
``os.environ`` for a command, or decides an exit code.

Imports inside functions, here and in ``claude/``: typer builds every command's module to run
any one of them, and ``status`` runs on every prompt, so a command imports the knowledge and
I/O it needs when it runs, not when its module loads. Each such import is one that start-up
measurements showed (docs/performance.md); a module only a command loads imports at the top.
"""
