"""Stage 6, cli: the ``kb`` command, thin commands over the views, one module per group."""

from comorbidity_kb.cli import check_commands, cite_commands, query_commands
from comorbidity_kb.cli.app import app, main

__all__ = ["app", "check_commands", "cite_commands", "main", "query_commands"]
