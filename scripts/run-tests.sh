#!/usr/bin/env bash
# Runs every *.test.ts under src/ and test/ with Node's built-in test runner (through tsx).
# Extra arguments are passed to node (e.g. --test-name-pattern=retrieval).
set -euo pipefail
cd "$(dirname "$0")/.."
mapfile -t files < <(find src test -name '*.test.ts' -not -path '*/node_modules/*' | sort)
if [ ${#files[@]} -eq 0 ]; then echo "no test files found" >&2; exit 1; fi
exec node --import tsx --test --test-concurrency=2 --test-timeout=900000 "$@" "${files[@]}"
