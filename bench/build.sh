#!/usr/bin/env bash
# Whole-site build time: hyde against Jekyll (and Hugo, when installed) on the
# shared synthetic blog (../shared/bench/gen_site.py), in one run.
#
# Usage: bench/build.sh [POSTS...]        (default: 1000 4000)
#   RUNS=5 bench/build.sh 1000            runs per engine (median reported)
#   NO_JEKYLL=1 bench/build.sh 10000      skip Jekyll (slow at large sizes)
#
# Each build writes into a fresh folder under /dev/shm (tmpfs), so the file
# system is not what is measured; engines alternate within each round.
# The clock is pinned after the posts' dates (2026-01-01), so none is skipped.
set -euo pipefail

here=$(cd "$(dirname "$0")/.." && pwd)
shared=${SHARED:-$here/../shared}
runs=${RUNS:-3}
sizes=("$@")
[ ${#sizes[@]} -gt 0 ] || sizes=(1000 4000)
export SOURCE_DATE_EPOCH=1767225600 TZ=UTC

cargo build --release --quiet --manifest-path "$here/Cargo.toml"
hyde=$here/target/release/hyde
work=$(mktemp -d /dev/shm/hyde-bench.XXXXXX)
trap 'rm -rf "$work"' EXIT

# seconds ENGINE SRC: the wall time of one build into a fresh folder.
seconds() {
  local out="$work/out-$RANDOM$RANDOM" start end
  start=$(date +%s.%N)
  case "$1" in
    hyde) "$hyde" build -q -s "$2" -d "$out" >/dev/null ;;
    jekyll) faketime -f "2026-01-01 00:00:00" jekyll build -q --disable-disk-cache -s "$2" -d "$out" >/dev/null ;;
    hugo) hugo --quiet -s "$2" -d "$out" >/dev/null ;;
  esac
  end=$(date +%s.%N)
  rm -rf "$out"
  python3 -c "print($end - $start)"
}

median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }

engines=(hyde)
[ -n "${NO_JEKYLL:-}" ] || ! command -v jekyll >/dev/null || engines+=(jekyll)
! command -v hugo >/dev/null || engines+=(hugo)

for n in "${sizes[@]}"; do
  python3 "$shared/bench/gen_site.py" jekyll "$n" "$work/jekyll-$n" >/dev/null
  [[ " ${engines[*]} " != *" hugo "* ]] || python3 "$shared/bench/gen_site.py" hugo "$n" "$work/hugo-$n" >/dev/null
  declare -A times=()
  for _ in $(seq "$runs"); do
    for e in "${engines[@]}"; do
      src="$work/jekyll-$n"; [ "$e" != hugo ] || src="$work/hugo-$n"
      times[$e]+="$(seconds "$e" "$src") "
    done
  done
  line="posts $n:"
  for e in "${engines[@]}"; do
    m=$(echo "${times[$e]}" | tr ' ' '\n' | grep . | median)
    line+=" $e $(printf '%.3f' "$m") s;"
    declare "med_$e=$m"
  done
  for e in "${engines[@]}"; do
    [ "$e" = hyde ] && continue
    v="med_$e"
    line+=" $e/hyde $(python3 -c "print('%.1f' % (${!v} / $med_hyde))")x;"
  done
  echo "$line"
  unset times
done
