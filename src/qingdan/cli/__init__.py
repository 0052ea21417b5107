"""The command line: the only place that prints or exits. Each command calls one library function;
one module per group of commands, all on one Typer app."""

from qingdan.cli import catalogue, checking, history, laws, province, publishing, scaffold, serve, sheets
from qingdan.cli.app import app, main

__all__ = [
    "app",
    "catalogue",
    "checking",
    "history",
    "laws",
    "main",
    "province",
    "publishing",
    "scaffold",
    "serve",
    "sheets",
]
