"""This machine as it runs now: the user's shell found among ccprofile's ancestors, the
environment new terminals inherit, a real shell started as a new terminal (the probe), and
the file a command works on.

May import: ``ccprofile.startup`` (what each shell is and reads), ``ccprofile.storage``,
``ccprofile.system`` and ``ccprofile.errors``. Never ``ccprofile.claude`` or ``ccprofile.cli``.
"""
