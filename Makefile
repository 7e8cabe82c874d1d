# The two entry points: `make demo` (run the shop) and `make test` (run every test).
# Both bootstrap the machine first (system packages and .venv).
VENV := .venv/bin
SHELL := /bin/bash

.PHONY: bootstrap demo test down clean

bootstrap:
	@scripts/bootstrap.sh

# demo: start the shop (unless it runs), judge it with the smoke gate (a pass, or a warning,
# exit 4, goes on; a fail or a cannot judge stops demo there; the gate prints the report's
# path and the URLs of the store, Prometheus and the report), then place one order through
# the public API and print its id and its page in the store, and the HTTPS store's address
# with the CA file that signed its certificate and how to trust it.
demo: bootstrap
	@$(VENV)/astroshop status >/dev/null 2>&1 || $(VENV)/astroshop up
	@$(VENV)/astroshop gate --profile smoke || [ $$? -eq 4 ]
	@$(VENV)/astroshop purchase
	@$(VENV)/astroshop certs show
	@echo "Stop the shop with: $(VENV)/astroshop down"

test: bootstrap
	@$(VENV)/tox run

down:
	@$(VENV)/astroshop down

clean: down
	rm -rf run .tox
