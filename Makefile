# Every target creates .venv and installs the project into it when needed,
# so a machine with only Python 3.11+ and make can run them.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
# The OpenID Connect provider the tests run (Node); without npm those tests skip, saying so.
OIDC_DIR   := tests/oidc
OIDC_STAMP := $(OIDC_DIR)/node_modules/.installed

.PHONY: serve test check bench load schema web clean oidc-provider

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $(STAMP)

# In development, mail goes to .mail/ as .eml files (unless CTECR_SMTP_HOST is set), and the
# sample reviewer's address gets the reviewers' mail.
serve: $(STAMP)
	CTECR_MAIL_DIR="$${CTECR_MAIL_DIR:-.mail}" \
	CTECR_REVIEWER_EMAILS="$${CTECR_REVIEWER_EMAILS:-reviewer-1@example.org}" \
	$(BIN)/ctecr serve

test: check oidc-provider
	$(BIN)/python -m pytest -q

oidc-provider:
	@if command -v npm >/dev/null 2>&1; then $(MAKE) -s --no-print-directory $(OIDC_STAMP); \
	else echo "npm not found: the tests against oidc-provider will be skipped"; fi

$(OIDC_STAMP): $(OIDC_DIR)/package-lock.json
	cd $(OIDC_DIR) && npm ci --no-audit --no-fund --silent
	touch $(OIDC_STAMP)

check: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy

bench: $(STAMP)
	$(BIN)/python -m benchmarks

# LOAD_ARGS, e.g. "--seconds 60 --lea-users 16 --reviewers 4 --url http://127.0.0.1:8000"
load: $(STAMP)
	$(BIN)/python -m benchmarks.user_flows $(LOAD_ARGS)

schema: $(STAMP)
	$(BIN)/ctecr schema > schema/schema.graphql

# The web app's bundle (committed in server/static/app/), from the lockfile.
web:
	cd web && npm ci --no-audit --no-fund && npm run build

clean:
	rm -rf $(VENV) $(OIDC_DIR)/node_modules
