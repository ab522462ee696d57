# Findings: two commands set up a fresh Debian machine and do the work.
#   make site   builds the report in content/ into public/
#   make test   runs every test
SWIFT ?= swift
CONFIG ?= debug
FINDINGS = .build/$(CONFIG)/findings
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: deps site test check bench clean

# The system libraries Findings links: libcmark (Markdown), zlib (gzip) and libcrypto (SHA-256);
# install them when pkg-config cannot find them.
deps:
	@if ! command -v pkg-config >/dev/null 2>&1 || ! pkg-config --exists libcmark zlib libcrypto; then \
		echo "Installing libcmark-dev, zlib1g-dev, libssl-dev and pkg-config with apt-get"; \
		$(SUDO) apt-get update -qq && \
		DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq --no-install-recommends libcmark-dev zlib1g-dev libssl-dev pkg-config; \
	fi

.PHONY: $(FINDINGS)
$(FINDINGS): deps
	$(SWIFT) build -c $(CONFIG) --product findings

site: $(FINDINGS)
	$(FINDINGS) build --content content --templates templates --output public

check: $(FINDINGS)
	$(FINDINGS) check --content content --templates templates

test: deps
	$(SWIFT) build --build-tests
	$(SWIFT) test --skip-build

clean:
	rm -rf .build public

# Speed and memory beside DuckDB, pandas and the cat floor, measured in one run (see Benchmarks/run.sh).
bench: deps
	bash Benchmarks/run.sh
