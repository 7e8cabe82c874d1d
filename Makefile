# The two entry points: `make demo` (run the shop) and `make test` (run every test).
# Both bootstrap the machine first (system packages and .venv).
VENV := .venv/bin
SHELL := /bin/bash

.PHONY: bootstrap demo test down clean

bootstrap:
	@scripts/bootstrap.sh

demo: bootstrap
	@$(VENV)/astroshop status >/dev/null 2>&1 || $(VENV)/astroshop up
	@$(VENV)/astroshop purchase
	@echo "The store is open at http://127.0.0.1:8080/ (stop it with: $(VENV)/astroshop down)"

test: bootstrap
	@$(VENV)/tox run

down:
	@$(VENV)/astroshop down

clean: down
	rm -rf run .tox
