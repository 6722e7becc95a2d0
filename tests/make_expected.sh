#!/usr/bin/env bash
# Regenerate tests/fixtures/<case>/expected/ with the real Jekyll, the way tests/fixtures.rs
# builds the same sites with hyde:
#   - the build runs with the working directory set to <case>/src (so `--config a.yml,b.yml`
#     in `args` names files of the site, as Jekyll resolves --config against the cwd);
#   - `args` (one line) holds extra flags, `env` holds KEY=VALUE lines, both optional;
#   - `dest-seed/`, if present, is copied into the destination before the build;
#   - SOURCE_DATE_EPOCH=1700000000 and TZ=UTC pin the clock (jekyll-reference does it).
# Cases with an `error` file are bad input: they have no expected/ and are skipped.
#
# Usage: tests/make_expected.sh [--liquid4 LIB] [CASE...]
#   CASE...        only these fixtures (default: all)
#   --liquid4 LIB  do not write expected/: rebuild each case with Liquid 4.0.4 loaded from LIB
#                  (upstream Jekyll 4.3 pins Liquid 4; Debian's jekyll runs 5.4) and report
#                  every case whose output differs from expected/.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
fixtures=$here/fixtures
reference=${JEKYLL_REFERENCE:-$here/../../shared/tools/jekyll-reference}
export SOURCE_DATE_EPOCH=1700000000 TZ=UTC

liquid4=""
if [ "${1:-}" = "--liquid4" ]; then
  liquid4=$(cd "$2" && pwd)
  shift 2
fi

cases=("$@")
all_cases=${#cases[@]}
if [ ${#cases[@]} -eq 0 ]; then
  for d in "$fixtures"/*/; do cases+=("$(basename "$d")"); done
fi

# Build one case into $2 (which must not exist yet) with the reference Jekyll.
build_case() {
  local dir=$fixtures/$1 dest=$2
  local -a args=() envs=()
  if [ -f "$dir/args" ]; then read -r -a args < "$dir/args"; fi
  if [ -f "$dir/env" ]; then
    while IFS= read -r line; do
      [ -n "$line" ] && envs+=("$line")
    done < "$dir/env"
  fi
  if [ -d "$dir/dest-seed" ]; then
    cp -a "$dir/dest-seed" "$dest"
  fi
  (cd "$dir/src" && env "${envs[@]}" "$reference" "$dir/src" "$dest" "${args[@]}")
}

status=0
for c in "${cases[@]}"; do
  dir=$fixtures/$c
  if [ ! -d "$dir/src" ]; then
    echo "make_expected: no such fixture: $c" >&2
    status=1
    continue
  fi
  if [ -f "$dir/error" ]; then
    echo "skip   $c (bad input: no expected output)"
    continue
  fi
  if [ -n "$liquid4" ]; then
    tmp=$(mktemp -d)
    if ! RUBYOPT="-I$liquid4" build_case "$c" "$tmp/out"; then
      echo "FAIL   $c (Liquid 4 build failed)"
      status=1
    elif diff -r "$dir/expected" "$tmp/out" > "$tmp/diff"; then
      echo "same   $c (Liquid 4)"
    else
      echo "DIFF   $c (Liquid 4):"
      sed 's/^/    /' "$tmp/diff"
      status=1
    fi
    rm -rf "$tmp"
    continue
  fi
  rm -rf "$dir/expected"
  if build_case "$c" "$dir/expected"; then
    echo "built  $c"
  else
    echo "FAIL   $c" >&2
    status=1
  fi
done

# The repository's own site (tests/site.rs), when no case was named.
if [ "$all_cases" -eq 0 ] && [ -z "$liquid4" ]; then
  tmp=$(mktemp -d)
  if "$reference" "$here/.." "$tmp/site"; then
    rm -rf "$here/site/expected"
    mv "$tmp/site" "$here/site/expected"
    echo "built  site"
  else
    echo "FAIL   site" >&2
    status=1
  fi
  rm -rf "$tmp"
fi
exit $status
