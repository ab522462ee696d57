#!/usr/bin/env bash
# make bench: Findings beside the anchor tools of ../shared/bench-anchors, timed in the same run.
# Every figure is a whole process (start to exit), the median of RUNS runs after one warm-up,
# with peak resident memory. The anchors' folder is copied first (it is read-only in CI).
#   BENCH_ROWS="1000000"   survey sizes to measure (add 5000000 for the large file)
#   RUNS=5                 counted runs per command
#   BENCH_SECTIONS="ingest analysis charts synth loop"   which tables to print
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
WORK=$ROOT/Benchmarks/work
ANCHORS=$WORK/anchors
RUNS=${RUNS:-5}
BENCH_ROWS=${BENCH_ROWS:-1000000}
BENCH_SECTIONS=${BENCH_SECTIONS:-ingest analysis charts synth loop}
want() { [[ " $BENCH_SECTIONS " == *" $1 "* ]]; }

# Tools: GNU time for peak memory; DuckDB and pandas for the reference readers.
command -v /usr/bin/time >/dev/null 2>&1 || { apt-get update -qq && apt-get install -y -qq time; }
python3 -c "import duckdb, pandas, yaml, numpy" 2>/dev/null || pip install -q duckdb pandas pyyaml numpy

make -s deps
swift build -c release --product findings-bench >/dev/null
swift build -c release --product findings >/dev/null
BENCH=$ROOT/.build/release/findings-bench
FINDINGS=$ROOT/.build/release/findings

mkdir -p "$WORK"
if [ ! -d "$ANCHORS" ]; then cp -r ../shared/bench-anchors "$ANCHORS"; chmod -R u+w "$ANCHORS"; fi
for n in $BENCH_ROWS; do
  [ -f "$ANCHORS/data/n$n/responses.csv" ] || (cd "$ANCHORS" && python3 gen_survey.py --rows "$n" --out "data/n$n" >/dev/null)
done

# median wall seconds and peak MiB of a command over RUNS runs (after one warm-up)
measure() {
  "$@" >/dev/null 2>&1 || { echo "FAILED: $*" >&2; return 1; }
  local times=() mems=() log
  log=$(mktemp)
  for _ in $(seq "$RUNS"); do
    /usr/bin/time -o "$log" -f "%e %M" "$@" >/dev/null 2>&1
    local out
    out=$(tail -1 "$log")
    times+=("${out% *}"); mems+=("${out#* }")
  done
  rm -f "$log"
  local t m
  t=$(printf '%s\n' "${times[@]}" | sort -n | sed -n "$(( (RUNS + 1) / 2 ))p")
  m=$(printf '%s\n' "${mems[@]}" | sort -n | tail -1)
  echo "$t $(( m / 1024 ))"
}

ratio() { python3 -c "print(f'{$1/max($2,0.001):.1f}× Findings')"; }
row() { printf '| %-34s | %8s | %9s | %8s | %s\n' "$1" "$2" "$3" "$4" "$5"; }

echo "Findings benchmarks, $(date -u +%Y-%m-%d), $(nproc) cores, $(uname -m); median of $RUNS whole-process runs"
echo
want ingest && for n in $BENCH_ROWS; do
  data=$ANCHORS/data/n$n
  size=$(stat -c %s "$data/responses.csv")
  mb=$(python3 -c "print(f'{$size/1e6:.1f}')")
  echo "## Ingest: load and validate responses.csv, $n rows ($mb MB)"
  echo
  row "job" "wall s" "MB/s" "peak MiB" "ratio"
  row "---" "---:" "---:" "---:" "---"
  read -r cat_t cat_m < <(measure sh -c "cat '$data/responses.csv' >/dev/null")
  read -r f_t f_m < <(measure "$BENCH" load "$data")
  read -r d_t d_m < <(measure sh "$ANCHORS/load_only.sh" duckdb "$data")
  read -r p_t p_m < <(measure sh "$ANCHORS/load_only.sh" pandas "$data")
  rate() { python3 -c "print(f'{$size/1e6/max($1,0.001):.0f}')"; }
  row "floor: cat" "$cat_t" "$(rate "$cat_t")" "$cat_m" ""
  row "Findings (load + validate)" "$f_t" "$(rate "$f_t")" "$f_m" "1.0"
  row "DuckDB read_csv (no validation)" "$d_t" "$(rate "$d_t")" "$d_m" "$(ratio "$d_t" "$f_t")"
  row "pandas read_csv (no validation)" "$p_t" "$(rate "$p_t")" "$p_m" "$(ratio "$p_t" "$f_t")"
  echo
done

want analysis && for n in $BENCH_ROWS; do
  data=$ANCHORS/data/n$n
  out=$WORK/out
  mkdir -p "$out"
  echo "## Analysis: every question, every cross-tab by three breakdowns, BH; $n rows (whole process, load included)"
  echo
  row "job" "wall s" "" "peak MiB" "ratio"
  row "---" "---:" "" "---:" "---"
  read -r f_t f_m < <(measure "$BENCH" analyze "$data" "$out/findings.json")
  row "Findings" "$f_t" "" "$f_m" "1.0"
  for tool in duckdb pandas r; do
    case $tool in
      duckdb) cmd=(python3 "$ANCHORS/analyze_duckdb.py" "$data" "$out/duckdb.json") ;;
      pandas) cmd=(python3 "$ANCHORS/analyze_pandas.py" "$data" "$out/pandas.json") ;;
      r) command -v Rscript >/dev/null && Rscript -e 'library(data.table); library(yaml); library(jsonlite)' >/dev/null 2>&1 || { row "R data.table" "not installed" "" "" ""; continue; }
         cmd=(Rscript "$ANCHORS/analyze_r.R" "$data" "$out/r.json") ;;
    esac
    if read -r t_t t_m < <(measure "${cmd[@]}"); then
      agreement=$(python3 "$ROOT/Benchmarks/compare_anchor.py" "$out/findings.json" "$out/$tool.json" | tail -1)
      row "$tool" "$t_t" "" "$t_m" "$(ratio "$t_t" "$f_t"); $agreement"
    fi
  done
  echo
done

if want charts; then
echo "## Charts: bar charts of 8–12 bars with intervals, as SVG files"
echo
row "job" "wall s" "" "peak MiB" "ratio"
row "---" "---:" "" "---:" "---"
python3 -c "import matplotlib" 2>/dev/null || pip install -q matplotlib
charts=$(mktemp -d)
read -r c25_t c25_m < <(measure "$BENCH" charts 25 "$charts/f25")
read -r c1k_t c1k_m < <(measure "$BENCH" charts 1000 "$charts/f1000")
read -r m25_t m25_m < <(measure python3 "$ANCHORS/charts_mpl.py" 25 "$charts/m25")
size=$("$BENCH" charts 25 | awk '{print $4}')
row "Findings, 25 charts ($size bytes each)" "$c25_t" "" "$c25_m" "1.0"
row "Findings, 1,000 charts" "$c1k_t" "" "$c1k_m" ""
row "matplotlib, 25 charts" "$m25_t" "" "$m25_m" "$(ratio "$m25_t" "$c25_t")"
rm -rf "$charts"
echo
fi

if want synth; then
echo "## Synthetic data: findings synth"
echo
row "job" "wall s" "" "peak MiB" ""
row "---" "---:" "" "---:" ""
synth_out=$(mktemp -d)
for n in 5142 1000000; do
  read -r s_t s_m < <(measure "$FINDINGS" synth --respondents "$n" --output "$synth_out")
  row "synth $n respondents" "$s_t" "" "$s_m" ""
done
rm -rf "$synth_out"
echo
fi

if want loop; then
echo "## The author's loop: the whole report (both languages), release build"
echo
row "job" "ms" "" "peak MiB" "target"
row "---" "---:" "" "---:" "---"
site_out=$(mktemp -d)
read -r b_t b_m < <(measure "$FINDINGS" build --content content --templates templates --output "$site_out/public" --quiet)
rm -rf "$site_out"
loop=$(python3 "$ROOT/Benchmarks/serve_loop.py" "$FINDINGS" "$ROOT" 10)
field() { python3 -c "import json,sys; print(f'{json.loads(sys.argv[1])[sys.argv[2]]:.0f}')" "$loop" "$1"; }
cold_ms=$(python3 -c "print(f'{$b_t*1000:.0f}')")
page_ms=$(field page_median_ms)
row "cold build (whole process)" "$cold_ms" "" "$b_m" "< 250 ms"
row "save one page → reload event (median)" "$page_ms" "" "" "< 100 ms, ≥ 5× faster than cold: $(python3 -c "print(f'{$cold_ms/max($page_ms,1):.1f}×')")"
row "save one page → reload event (max of 10)" "$(field page_max_ms)" "" "" ""
row "save the data → reload event (median)" "$(field data_median_ms)" "" "" ""
fi
