"""The local stack: every process under supervisord, in one run directory."""
