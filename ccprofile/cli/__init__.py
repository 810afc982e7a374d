"""The command line: entry point, typer commands, the status fast path, the picker, and all
rendering (rich tables, messages, error lines and exit codes).

May import every other package; nothing imports it. The only layer that prints, reads
``os.environ`` for a command, or decides an exit code.
"""
