"""Acceptance testing: the pytest-bdd plugin, its helpers, and the `astroshop bdd` runner."""
