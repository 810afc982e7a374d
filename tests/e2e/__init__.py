"""End-to-end proof against the real Claude Code CLI (see docs/e2e.md)."""
