#!/usr/bin/env bash
# Liquid benchmark: a blog index looping over 2,000 posts with filters
# (bench/liquid/page.liquid, data from bench/liquid/make_data.rb), rendered
# by hyde and by Jekyll 4.3.1 with Ruby Liquid 4.0.4 (the oracle). Checks
# that the outputs are identical, then prints times and ratios, measured two
# ways:
#   render:  parse + render in-process, fastest of N runs, wall and on-CPU
#            (hyde: tests/liquid/bench.rs with the site's LiquidRenderer;
#            Ruby: bench/liquid/ruby_render.rb with the oracle's JekyllOracle);
#   process: whole command, fastest of N: `hyde liquid` against
#            `ruby make_liquid_oracle.rb` (includes Ruby and Jekyll start-up).
# Not a test: nothing is asserted about speed.
#
# Usage: bench/liquid.sh [POSTS] [RUNS]
# Env:   ORACLE_DIR   the oracle scripts (default ../shared/tools/oracle)
#        LIQUID4_LIB  Liquid 4.0.4's lib/ (default: the oracle's vendor copy, or
#                     extracted from LIQUID_MIRROR, a Shopify/liquid git dir)
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/.." && pwd)
posts=${1:-2000}
runs=${2:-20}
oracle=${ORACLE_DIR:-$root/../shared/tools/oracle}
site=$here/liquid
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

if [ -z "${LIQUID4_LIB:-}" ] && [ ! -f "$oracle/vendor/liquid-4.0.4/lib/liquid.rb" ]; then
  if [ -z "${LIQUID_MIRROR:-}" ]; then
    echo "need Liquid 4.0.4: set LIQUID4_LIB or LIQUID_MIRROR (see the header)" >&2
    exit 2
  fi
  git -C "$LIQUID_MIRROR" archive v4.0.4 lib | tar x -C "$work"
  export LIQUID4_LIB=$work/lib
fi
export ORACLE_LIQUID=4 TZ=UTC SOURCE_DATE_EPOCH=1700000000

ruby "$site/make_data.rb" "$work/page.json" "$posts"
(cd "$root" && cargo build --release --quiet && cargo test --release --quiet --test liquid --no-run)

# In-process render times.
hyde_lines=$(cd "$root" && BENCH_DATA=$work/page.json BENCH_RUNS=$runs BENCH_OUT=$work/out.hyde \
  cargo test --release --quiet --test liquid -- --ignored --nocapture render_benchmark | grep '^hyde render')
hyde_wall=$(echo "$hyde_lines" | sed -n 's/^hyde render: \([0-9.]*\) s.*/\1/p')
hyde_cpu=$(echo "$hyde_lines" | sed -n 's/^hyde render cpu: \([0-9.]*\) s.*/\1/p')
read -r ruby_wall ruby_cpu < <(ruby "$site/ruby_render.rb" "$oracle" "$site" "$site/page.liquid" \
  "$work/page.json" "$work/out.ruby" "$((runs < 10 ? runs : 10))")
cmp "$work/out.hyde" "$work/out.ruby" || { echo "outputs differ" >&2; exit 1; }

# Whole-process times (fastest of N).
fastest() {
  local n=$1 best="" start end t
  shift
  for _ in $(seq "$n"); do
    start=$(date +%s%N)
    "$@" > /dev/null 2>&1
    end=$(date +%s%N)
    t=$((end - start))
    if [ -z "$best" ] || [ "$t" -lt "$best" ]; then best=$t; fi
  done
  echo "scale=6; $best / 1000000000" | bc
}
mkdir -p "$work/oracle"
cp "$site/_config.yml" "$site/page.liquid" "$work/oracle/"
ruby -rjson -e 'File.write(ARGV[1], JSON.generate("page" => JSON.parse(File.read(ARGV[0]))))' \
  "$work/page.json" "$work/oracle/page.json"
hyde_process=$(fastest "$runs" "$root/target/release/hyde" liquid -s "$site" --data "$work/page.json" "$site/page.liquid")
ruby_process=$(fastest 3 ruby "$oracle/make_liquid_oracle.rb" --force "$work/oracle")
"$root/target/release/hyde" liquid -s "$site" --data "$work/page.json" "$site/page.liquid" > "$work/out.process"
cmp "$work/out.process" "$work/oracle/page.out" || { echo "process outputs differ" >&2; exit 1; }

ratio() { echo "scale=1; $1 / $2" | bc; }
echo "posts: $posts; output: $(wc -c < "$work/out.hyde") bytes, identical in hyde and Ruby"
echo "render  (in-process, fastest): ruby ${ruby_wall}s wall ${ruby_cpu}s cpu; hyde ${hyde_wall}s wall ${hyde_cpu}s cpu"
echo "render  ratio: $(ratio "$ruby_wall" "$hyde_wall")x wall, $(ratio "$ruby_cpu" "$hyde_cpu")x cpu"
echo "process (whole command, fastest): ruby make_liquid_oracle.rb ${ruby_process}s; hyde liquid ${hyde_process}s"
echo "process ratio: $(ratio "$ruby_process" "$hyde_process")x"
