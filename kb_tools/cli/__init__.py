"""The ``kb`` command: one module per group of commands, German messages at this edge only."""

from kb_tools.cli.main import cli

__all__ = ["cli"]
