#!/usr/bin/env bash
# Runs every *.test.ts under src/, examples/ and test/ with Node's built-in test runner (through tsx).
# Extra arguments are passed to node (e.g. --test-name-pattern=retrieval).
set -euo pipefail
cd "$(dirname "$0")/.."
mapfile -t files < <(find src examples test -name '*.test.ts' -not -path '*/node_modules/*' | sort)
if [ ${#files[@]} -eq 0 ]; then echo "no test files found" >&2; exit 1; fi
export MAXELLA_NATIVE_THREADS="${MAXELLA_NATIVE_THREADS:-1}"  # two test files run at once: one BLAS thread each
exec node --conditions=maxella-source --import tsx --test --test-concurrency=2 --test-timeout=900000 "$@" "${files[@]}"
