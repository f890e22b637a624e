# Vigie: `make run` and `make test` do all set-up on a fresh Debian/Ubuntu machine.
SHELL := /bin/bash
GO ?= go
export VIGIE_MODELS ?= $(CURDIR)/models

.PHONY: build run test fuzz bench bench-sweep setup system-deps test-deps models assets node-deps clean

build: system-deps
	$(GO) build -o bin/vigie ./cmd/vigie
	$(GO) build -o bin/vigie-watch ./cmd/vigie-watch

# System packages (X11/GL headers for the live view), then the models.
setup: system-deps models assets

system-deps:
	@bash scripts/system-deps.sh build

test-deps:
	@bash scripts/system-deps.sh test

# Fetch pinned npm packages (face-api weights, ONNX Runtime), check their
# checksums, convert the weights to ONNX. A second run does no network work.
models: system-deps
	@bash scripts/models.sh

# The ECharts library the HTML report inlines (pinned npm package, checksummed).
assets:
	@bash scripts/echarts.sh

# face-api.js + tfjs (wasm) for the reference equivalence test and benchmark
# in sim/recognition/reference: exact versions and sha512 integrity from
# package-lock.json; skipped when node_modules already matches the lock.
node-deps:
	@cmp -s package-lock.json node_modules/.vigie-lock 2>/dev/null || \
		{ npm ci --no-audit --no-fund --ignore-scripts && cp package-lock.json node_modules/.vigie-lock; }

run: setup build
	./bin/vigie run

# go test stops a package after 10 minutes by default; on a 2-core machine
# half as fast as the one the tests were sized on, cmd/vigie's end-to-end
# tests and the face audit, run side by side, take 9-10 minutes each.
test: setup test-deps node-deps
	$(GO) vet ./...
	$(GO) test -count=1 -timeout 40m ./...
	$(GO) test -run '^$$' -fuzz FuzzLoad -fuzztime 20s ./scenarios

clean:
	rm -rf bin out

# Longer fuzzing of the scenario loader than make test's 20 seconds.
fuzz:
	$(GO) test -run '^$$' -fuzz FuzzLoad -fuzztime 5m ./scenarios

# The engine's benchmarks (agent-steps per second), as quoted in the README.
bench:
	$(GO) test -run '^$$' -bench . -benchtime 3x ./sim

# The sweep machinery's cost per point on a 1,000-point published-rates
# sweep against the same runs bare, as quoted in the README.
bench-sweep:
	$(GO) test -run '^$$' -bench SweepOverhead -benchtime 1x ./cmd/vigie
