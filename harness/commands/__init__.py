"""Subcommands of the `astroshop` command, one module per area."""
