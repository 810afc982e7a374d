"""ccprofile: pin the models Claude Code uses, in a marked block of your shell startup file."""

__version__ = "0.1.0"
