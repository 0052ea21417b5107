# The two commands: `make demo` and `make test`. Both set everything up on a fresh machine.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
# Debian packages the project needs (installed when run as root on Debian).
SYSTEM_PACKAGES := chromium fonts-noto-cjk poppler-utils

.PHONY: install test lint demo bench docs clean

install: $(STAMP)

$(STAMP): pyproject.toml
	@if [ -n "$(SYSTEM_PACKAGES)" ] && [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
		missing=$$(for p in $(SYSTEM_PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || echo $$p; done); \
		if [ -n "$$missing" ]; then apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing; fi; \
	fi
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -e '.[dev]'
	touch $(STAMP)

lint: install
	$(BIN)/ruff check src tests bench demo
	$(BIN)/ruff format --check src tests bench demo
	$(BIN)/mypy
	$(BIN)/lint-imports

test: lint
	$(BIN)/python -X warn_default_encoding -m pytest -W error

demo: install
	$(BIN)/qingdan --registry registry validate
	$(BIN)/qingdan --registry registry stats
	$(BIN)/qingdan --registry registry catalogue
	@# The law library: the laws amended since 2020 and the records citing them, the clerk's review worklist.
	$(BIN)/qingdan --registry registry laws --changed-since 2020-01-01
	@# The bundled registry's history, replayed into a throwaway repository: how it came to be in 2018–2021.
	rm -rf out/demo-history
	$(BIN)/python -m demo.build_history out/demo-history --quiet
	$(BIN)/qingdan --registry out/demo-history/registry diff --year 2020
	@# 2021: the laws amended that year reach the library; the report ends with the law worklist.
	$(BIN)/qingdan --registry out/demo-history/registry diff --year 2021
	$(BIN)/qingdan --registry registry render --format html --out out/site
	$(BIN)/qingdan --registry registry render --format pdf --out out/qingdan.pdf
	@# 简易版, for citizens: code, name, type and unit of every item, one card a page for each service guide.
	$(BIN)/qingdan --registry registry render --edition simple --format html --out out/site-simple
	$(BIN)/qingdan --registry registry render --edition simple --format pdf --out out/qingdan-simple.pdf
	$(BIN)/qingdan --registry out/demo-history/registry diff --year 2020 --format pdf --out out/adjustments-2020.pdf
	@# A demo province: 江北区 and two generated neighbours with deliberate divergences, compared (八统一); exit 1
	@# is expected, since the neighbours' divergences are errors in their own validation too.
	$(BIN)/python -m demo.province out/province-districts
	$(BIN)/qingdan province out/province-districts --out out/province || [ $$? -eq 1 ]
	@echo "标准版 out/site/index.html、out/qingdan.pdf · 简易版 out/site-simple/index.html、out/qingdan-simple.pdf · 2020 年调整报告 out/adjustments-2020.pdf · 全市比对 out/province/index.html"


bench: install
	$(BIN)/python -m bench.run

docs: install
	$(BIN)/python -m qingdan.cli.docs README.md

clean:
	rm -rf $(VENV) bench/data .pytest_cache .mypy_cache .ruff_cache
