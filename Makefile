# kicktimer — `make run` opens the timer on a demo session; `make test` runs every check.
SHELL := /bin/bash
VENV ?= .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
DEMO ?= sessions/kick-500s.session.yaml
export PIP_DISABLE_PIP_VERSION_CHECK := 1

.PHONY: run test lint pytest bench fuzz trials sysdeps screenshots icons package install-check clean

$(STAMP): pyproject.toml scripts/sysdeps.sh
	@bash scripts/sysdeps.sh
	@test -x $(PY) || python3 -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q -e '.[dev]'
	@touch $(STAMP)

sysdeps:
	@bash scripts/sysdeps.sh

run: $(STAMP)
	$(VENV)/bin/kicktimer gui $(DEMO)

lint: $(STAMP)
	$(VENV)/bin/ruff check kicktimer tests benchmarks scripts packaging
	$(VENV)/bin/ruff format --check kicktimer tests benchmarks scripts packaging
	$(VENV)/bin/mypy kicktimer
	$(VENV)/bin/lint-imports

pytest: $(STAMP)
	$(PY) -m pytest

test: lint pytest

bench: $(STAMP)
	$(PY) benchmarks/run_all.py

# 12,000 damaged and random session files through check and plan: files, accepted, rejected, crashes, slowest
fuzz: $(STAMP)
	$(PY) -m tests.fuzz_sessions --files $(or $(FILES),12000) $(if $(SEED),--seed $(SEED))

# The fault trials in full (~15 min): kill -9 (170: 102 just after a key, the rest during a resume or at random),
# 200 damaged recordings through every command, a real full disk (a tmpfs; skipped where it cannot be mounted).
trials: $(STAMP)
	$(PY) benchmarks/kill_trials.py 170
	$(PY) benchmarks/damage_trials.py 200
	$(PY) benchmarks/disk_trials.py

package: $(STAMP)
	$(PY) -m pip install -q -e '.[package]'
	$(VENV)/bin/pyinstaller --noconfirm --clean --log-level WARN --distpath dist --workpath build packaging/kicktimer.spec
	$(PY) packaging/smoke_test.py dist/kicktimer

install-check: $(STAMP)
	$(PY) packaging/install_check.py

icons: $(STAMP)
	QT_QPA_PLATFORM=offscreen $(PY) scripts/icons.py

screenshots: $(STAMP)
	QT_QPA_PLATFORM=xcb xvfb-run -a -s "-screen 0 1600x1000x24" $(PY) scripts/screenshot.py

clean:
	rm -rf $(VENV) .mypy_cache .pytest_cache .ruff_cache .hypothesis build dist
