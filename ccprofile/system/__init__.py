"""The operating system as ccprofile sees it: which platform's rules apply, process ancestry
and a process's environment, Windows's registry. No knowledge of shells or Claude Code.

May import nothing of ccprofile but ``ccprofile.errors``.
"""
