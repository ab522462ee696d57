#!/usr/bin/env bash
# make bench: Findings beside the anchor tools of ../shared/bench-anchors, timed in the same run.
# Every figure is a whole process (start to exit), the median of RUNS runs after one warm-up,
# with peak resident memory. The anchors' folder is copied first (it is read-only in CI).
#   BENCH_ROWS="1000000"   survey sizes to measure (add 5000000 for the large file)
#   RUNS=5                 counted runs per command
#   BENCH_SECTIONS="ingest analysis design import charts synth loop markdown sites scale"   which tables to print
#   IMPORT_ROWS="1000000"  respondents of the .sav and .xlsx files the import section reads
#   DESIGN_ROWS="100000 1000000"   survey sizes for the design section (R survey runs once per size:
#                          about N minutes at 100,000 respondents; R is skipped above R_DESIGN_MAX)
#                          (add "full" for the resource bounds at full scale: a 2 GB responses
#                          file and 100,000 pages; about 10 minutes and 3 GB of disk)
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
WORK=$ROOT/Benchmarks/work
ANCHORS=$WORK/anchors
RUNS=${RUNS:-5}
BENCH_ROWS=${BENCH_ROWS:-1000000}
BENCH_SECTIONS=${BENCH_SECTIONS:-ingest analysis design import charts synth loop markdown sites scale}
IMPORT_ROWS=${IMPORT_ROWS:-1000000}
DESIGN_ROWS=${DESIGN_ROWS:-100000 1000000}
R_DESIGN_MAX=${R_DESIGN_MAX:-100000}
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

# Like measure, for several shell commands whose runs take turns (a, b, c, a, b, c, …), so that
# none runs on a machine or file system left in a different state by the others' runs. Prints
# one "seconds MiB cpu-seconds" line per command, in order (cpu: user + system, median).
measure_in_turns() {
  local cmd log i
  local -a times=() mems=() cpus=()
  for cmd in "$@"; do sh -c "$cmd" >/dev/null 2>&1 || { echo "FAILED: $cmd" >&2; return 1; }; done
  log=$(mktemp)
  for _ in $(seq "$RUNS"); do
    i=0
    for cmd in "$@"; do
      /usr/bin/time -o "$log" -f "%e %M %U %S" sh -c "$cmd" >/dev/null 2>&1
      local e m u s
      read -r e m u s < <(tail -1 "$log")
      times[$i]+="$e "; mems[$i]+="$m "; cpus[$i]+="$(python3 -c "print(f'{$u + $s:.2f}')") "
      i=$((i + 1))
    done
  done
  rm -f "$log"
  local middle=$(( (RUNS + 1) / 2 ))
  for i in $(seq 0 $(($# - 1))); do
    local t m c
    t=$(printf '%s\n' ${times[$i]} | sort -n | sed -n "${middle}p")
    m=$(printf '%s\n' ${mems[$i]} | sort -n | tail -1)
    c=$(printf '%s\n' ${cpus[$i]} | sort -n | sed -n "${middle}p")
    echo "$t $(( m / 1024 )) $c"
  done
}

# The report's cold build, timed once and shown in both the loop and the sites tables.
REPORT_BUILD=""
time_report_build() {
  [ -n "$REPORT_BUILD" ] && return
  local out
  out=$(mktemp -d)
  REPORT_BUILD=$(measure "$FINDINGS" build --content content --templates templates --output "$out/public" --quiet)
  rm -rf "$out"
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

if want design; then
for n in $DESIGN_ROWS; do
  [ -f "$ANCHORS/data/n$n/responses.csv" ] || (cd "$ANCHORS" && python3 gen_survey.py --rows "$n" --out "data/n$n" >/dev/null)
  dir=$WORK/design/n$n
  [ -f "$dir/content/data/responses.csv" ] || python3 Benchmarks/design_content.py "$ANCHORS/data/n$n" "$dir/content"
  echo "## Design-based analysis: $n respondents in ~$((n / 100)) PSUs and 7 strata, raked to two margins; every question, every cross-tab by group and region with Rao–Scott and column comparisons"
  echo
  row "job" "wall s" "" "peak MiB" "ratio"
  row "---" "---:" "" "---:" "---"
  read -r f_t f_m < <(cd "$dir" && measure "$FINDINGS" analyze --json)
  row "Findings (findings analyze --json)" "$f_t" "" "$f_m" "1.0"
  if [ "$n" -le "$R_DESIGN_MAX" ] && ! Rscript -e 'library(survey); library(yaml); library(jsonlite)' >/dev/null 2>&1; then
    apt-get install -y -qq r-base-core r-cran-survey r-cran-yaml r-cran-jsonlite >/dev/null 2>&1 || true
  fi
  if [ "$n" -le "$R_DESIGN_MAX" ] && Rscript -e 'library(survey); library(yaml); library(jsonlite)' >/dev/null 2>&1; then
    # R survey once, without a warm-up (it takes minutes): design_reference.R, the script that makes the goldens.
    rlog=$(mktemp)
    /usr/bin/time -o "$rlog" -f "%e %M" Rscript ../shared/spec/design_reference.R "$dir/content" >/dev/null 2>&1
    read -r r_t r_m < <(tail -1 "$rlog" | awk '{print $1, int($2 / 1024)}')
    rm -f "$rlog"
    (cd "$dir" && "$FINDINGS" analyze --json > "$dir/findings.json")
    agreement=$(python3 Benchmarks/compare_design.py "$dir/findings.json" "$dir/content/design-reference.json")
    row "R survey (design_reference.R, one run)" "$r_t" "" "$r_m" "$(ratio "$r_t" "$f_t"); $agreement"
  else
    row "R survey" "skipped (R_DESIGN_MAX=$R_DESIGN_MAX or R missing)" "" "" ""
  fi
  echo
done
fi

if want import; then
python3 -c "import pyreadstat, openpyxl" 2>/dev/null || pip install -q pyreadstat openpyxl
for n in $IMPORT_ROWS; do
  dir=$WORK/import/n$n
  [ -f "$dir/survey.xlsx" ] || python3 Benchmarks/import_files.py "$n" "$dir"
  echo "## Import: a survey of $n respondents and 15 variables (value labels, user-missing codes, a 0/1 response group, a weight), to the data contract's CSV"
  echo
  row "job" "wall s" "" "peak MiB" "ratio"
  row "---" "---:" "" "---:" "---"
  read -r f_t f_m < <(cd "$dir" && measure "$FINDINGS" import survey.sav --to out-sav)
  row "Findings: findings import survey.sav" "$f_t" "" "$f_m" "1.0"
  read -r p_t p_m < <(cd "$dir" && measure python3 -c "import pyreadstat; df, meta = pyreadstat.read_sav('survey.sav'); df.to_csv('pyreadstat.csv', index=False)")
  agreement=$(python3 Benchmarks/compare_import.py "$dir/out-sav" "$dir/pyreadstat.csv" || true)
  row "pyreadstat.read_sav + to_csv" "$p_t" "" "$p_m" "$(ratio "$p_t" "$f_t"); $agreement"
  read -r x_t x_m < <(cd "$dir" && measure "$FINDINGS" import survey.xlsx --to out-xlsx)
  row "Findings: findings import survey.xlsx" "$x_t" "" "$x_m" "1.0"
  read -r o_t o_m < <(cd "$dir" && measure python3 -c "
import csv, openpyxl
sheet = openpyxl.load_workbook('survey.xlsx', read_only=True).active
with open('openpyxl.csv', 'w', newline='') as f:
    w = csv.writer(f)
    for row in sheet.iter_rows(values_only=True): w.writerow(row)")
  agreement=$(python3 Benchmarks/compare_import.py "$dir/out-xlsx" "$dir/openpyxl.csv" || true)
  row "openpyxl (read-only) + csv.writer" "$o_t" "" "$o_m" "$(ratio "$o_t" "$x_t"); $agreement"
  echo
done
fi

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
time_report_build
read -r b_t b_m <<< "$REPORT_BUILD"
loop=$(python3 "$ROOT/Benchmarks/serve_loop.py" "$FINDINGS" "$ROOT" 10)
field() { python3 -c "import json,sys; print(f'{json.loads(sys.argv[1])[sys.argv[2]]:.0f}')" "$loop" "$1"; }
cold_ms=$(python3 -c "print(f'{$b_t*1000:.0f}')")
page_ms=$(field page_median_ms)
row "cold build (whole process)" "$cold_ms" "" "$b_m" "< 250 ms"
row "save one page → reload event (median)" "$page_ms" "" "" "< 100 ms, ≥ 5× faster than cold: $(python3 -c "print(f'{$cold_ms/max($page_ms,1):.1f}×')")"
row "save one page → reload event (max of 10)" "$(field page_max_ms)" "" "" ""
row "save the data → reload event (median)" "$(field data_median_ms)" "" "" ""
fi

if want markdown; then
echo
echo "## Markdown throughput: one 10 MB CommonMark file to HTML"
echo
row "job" "wall s" "MB/s" "peak MiB" "ratio"
row "---" "---:" "---:" "---:" "---"
md=$ANCHORS/data/commentary.md
mkdir -p "$WORK/out"
[ -f "$md" ] || (cd "$ANCHORS" && python3 make_markdown.py big data/commentary.md 10 >/dev/null)
command -v cmark >/dev/null || { apt-get update -qq && apt-get install -y -qq cmark; }
size=$(stat -c %s "$md")
rate() { python3 -c "print(f'{$size/1e6/max($1,0.001):.0f}')"; }
read -r m_t m_m < <(measure "$BENCH" markdown "$md" "$WORK/out/commentary.html")
read -r c_t c_m < <(measure sh -c "cmark '$md' > '$WORK/out/commentary-cmark.html'")
row "Findings (libcmark + Swift tree + HTML)" "$m_t" "$(rate "$m_t")" "$m_m" "1.0"
row "cmark command" "$c_t" "$(rate "$c_t")" "$c_m" "$(ratio "$c_t" "$m_t")  (target: Findings within 1.5×)"
fi

if want sites; then
echo
echo "## Whole sites: the report beside R Markdown, Markdown pages beside Hugo (release, cold)"
echo
row "job" "wall s" "CPU s" "peak MiB" "ratio"
row "---" "---:" "---:" "---:" "---"
time_report_build
read -r r_t r_m <<< "$REPORT_BUILD"
site_out=$(mktemp -d)
row "Findings: the report, 27 pages, 22 charts, 2 languages" "$r_t" "" "$r_m" "1.0"
if Rscript -e 'library(rmarkdown); library(ggplot2)' >/dev/null 2>&1 && [ -d "$ANCHORS/data/n5142" -o -f "$ANCHORS/gen_survey.py" ]; then
  [ -d "$ANCHORS/data/n5142" ] || (cd "$ANCHORS" && python3 gen_survey.py --rows 5142 --out data/n5142 >/dev/null)
  read -r k_t k_m < <(measure sh -c "cd '$ANCHORS' && Rscript -e 'rmarkdown::render(\"report.Rmd\", params = list(datadir = \"data/n5142\"), output_dir = \"data/out\", intermediates_dir = tempdir(), quiet = TRUE)'")
  row "R Markdown: report.Rmd, 8 sections, 25 ggplot2 charts" "$k_t" "" "$k_m" "$(ratio "$k_t" "$r_t")  (target ≥ 25×)"
else
  row "R Markdown" "not installed" "" "" ""
fi
command -v hugo >/dev/null || { apt-get update -qq && apt-get install -y -qq hugo; }
for p in 1000 10000; do
  [ -d "$ANCHORS/data/hugo$p" ] || (cd "$ANCHORS" && python3 make_markdown.py hugo "data/hugo$p" "$p" >/dev/null)
  python3 "$ROOT/Benchmarks/hugo_to_findings.py" "$ANCHORS/data/hugo$p" "$FINDINGS" "$site_out/f$p"
  # Hugo builds a copy of its site, and Findings writes its output into that copy beside Hugo's
  # out/. On a file system without a journal (this machine's), ext4 will not reuse an inode freed
  # in the last minute (six while its inode table block is unwritten) and, for each new file,
  # scans past every such one in the group; where a folder's files land decides how many there
  # are to scan, so both tools write where the other writes.
  cp -r "$ANCHORS/data/hugo$p" "$site_out/h$p"
  rm -rf "$site_out/h$p/out" "$site_out/h$p/resources"
  # Hugo's script removes its output first. Findings is timed both ways: over its previous
  # output (unchanged files are linked, as an author's rebuild) and with its output removed first,
  # and clean once more without the .gz copies (`precompress: false`): the files Hugo writes.
  # All four take turns run by run.
  cp -r "$site_out/f$p" "$site_out/g$p"
  printf 'precompress: false\n' >> "$site_out/g$p/content/site.yaml"
  out="$site_out/h$p/findings"
  { read -r h_t h_m h_c; read -r f_t f_m f_c; read -r c_t c_m c_c; read -r g_t g_m g_c; } < <(measure_in_turns \
    "sh '$ANCHORS/hugo_build.sh' '$site_out/h$p'" \
    "cd '$site_out/f$p' && '$FINDINGS' build --quiet --output '$out'" \
    "cd '$site_out/f$p' && rm -rf '$out' && '$FINDINGS' build --quiet --output '$out'" \
    "cd '$site_out/g$p' && rm -rf '$out-no-gz' && '$FINDINGS' build --quiet --output '$out-no-gz'")
  row "Findings: $p Markdown pages, rebuild" "$f_t" "$f_c" "$f_m" "1.0"
  row "Findings: the same, output removed first" "$c_t" "$c_c" "$c_m" "$(ratio "$c_t" "$f_t")"
  row "Findings: removed first, no .gz copies" "$g_t" "$g_c" "$g_m" "$(ratio "$g_t" "$f_t")"
  row "Hugo: the same $p pages, minimal layout, out/ removed first" "$h_t" "$h_c" "$h_m" "$(ratio "$h_t" "$f_t") rebuild, $(ratio "$h_t" "$c_t") clean, $(ratio "$h_t" "$g_t") clean without .gz  (target > 1×)"
  # The same clean builds once more with both sites and both outputs in memory (tmpfs): what
  # the tools cost without the disk's inode allocator, which on this machine's journal-less
  # ext4 scans past every inode freed in the last minutes for each file it creates.
  if [ -d /dev/shm ] && [ -w /dev/shm ]; then
    mem=$(mktemp -d /dev/shm/findings-bench.XXXXXX)
    cp -r "$site_out/h$p" "$mem/h" && cp -r "$site_out/f$p" "$mem/f" && cp -r "$site_out/g$p" "$mem/g"
    rm -rf "$mem/h/out" "$mem/h/findings" "$mem/h/findings-no-gz"
    { read -r h_t h_m h_c; read -r c_t c_m c_c; read -r g_t g_m g_c; } < <(measure_in_turns \
      "sh '$ANCHORS/hugo_build.sh' '$mem/h'" \
      "cd '$mem/f' && rm -rf '$mem/h/findings' && '$FINDINGS' build --quiet --output '$mem/h/findings'" \
      "cd '$mem/g' && rm -rf '$mem/h/findings-no-gz' && '$FINDINGS' build --quiet --output '$mem/h/findings-no-gz'")
    row "Findings: $p pages in memory (tmpfs), output removed first" "$c_t" "$c_c" "$c_m" ""
    row "Findings: the same in memory, no .gz copies" "$g_t" "$g_c" "$g_m" ""
    row "Hugo: the same $p pages in memory, out/ removed first" "$h_t" "$h_c" "$h_m" "$(ratio "$h_t" "$c_t") clean, $(ratio "$h_t" "$g_t") clean without .gz"
    rm -rf "$mem"
  fi
done
rm -rf "$site_out"
fi

if want full; then
echo
echo "## Resource bounds at full scale (one cold run each)"
echo
row "input" "wall s" "" "peak MiB" "the build's memory estimate"
row "---" "---:" "" "---:" "---"
once() { /usr/bin/time -o "$WORK/once.log" -f "%e %M" "$@" >/dev/null 2>&1 || { echo "FAILED: $*" >&2; return 1; }; read -r t m < "$WORK/once.log"; echo "$t $(( m / 1024 ))"; }
big=$(mktemp -d)
[ -f "$ANCHORS/data/n5000000/responses.csv" ] || (cd "$ANCHORS" && python3 gen_survey.py --rows 5000000 --out data/n5000000 >/dev/null)
mkdir -p "$big/survey"
cp "$ANCHORS/data/n5000000/codebook.yaml" "$big/survey/"
# About 2 GB: the 5,000,000-row file seven times over, each copy's ids starting with another letter.
head -1 "$ANCHORS/data/n5000000/responses.csv" > "$big/survey/responses.csv"
for letter in A B C D E F G; do tail -n +2 "$ANCHORS/data/n5000000/responses.csv" | sed "s/^R/$letter/" >> "$big/survey/responses.csv"; done
bytes=$(stat -c %s "$big/survey/responses.csv")
read -r t m < <(once "$BENCH" analyze "$big/survey" "$big/findings.json")
row "$(python3 -c "print(f'{$bytes/1e9:.2f}')") GB, 35,000,000 respondents: load + analysis" "$t" "" "$m" "$(( 2 * bytes / 1048576 )) MiB (twice the data)"
rm -rf "$big/survey"
(cd "$ANCHORS" && python3 make_markdown.py hugo "$big/hugo" 100000 >/dev/null)
python3 "$ROOT/Benchmarks/hugo_to_findings.py" "$big/hugo" "$FINDINGS" "$big/site"
rm -rf "$big/hugo"
markdown=$(du -sb "$big/site/content" | cut -f1)
read -r t m < <(once sh -c "cd '$big/site' && '$FINDINGS' build --quiet")
row "100,000 Markdown pages, clean build" "$t" "" "$m" "$(( (25 * markdown + 65536 * 100000) / 1048576 )) MiB (25× the Markdown + 64 KB a page)"
rm -rf "$big"
fi

if want scale; then
echo
echo "## Scale: the whole report as respondents and pages grow (release, one run each)"
echo
row "input" "wall s" "" "peak MiB" "growth exponent"
row "---" "---:" "" "---:" "---"
scale=$(mktemp -d)
prev_n=""; prev_t=""
for n in 5142 100000 1000000 ${SCALE_BIG:-}; do
  rm -rf "$scale/r"; mkdir -p "$scale/r"; cp -r content templates "$scale/r/"
  [ "$n" = 5142 ] || "$FINDINGS" synth --spec "$scale/r/content/data/synth.yaml" --respondents "$n" --output "$scale/r/content/data" >/dev/null
  read -r t m < <(RUNS=1 measure sh -c "cd '$scale/r' && '$FINDINGS' build --quiet")
  g=""; [ -n "$prev_n" ] && g=$(python3 -c "import math; print(f'{math.log(max($t,0.001)/max($prev_t,0.001))/math.log($n/$prev_n):.2f}')")
  row "$n respondents" "$t" "" "$m" "$g"
  prev_n=$n; prev_t=$t
done
prev_n=""; prev_t=""
for p in 10 100 1000 10000; do
  [ -d "$ANCHORS/data/hugo$p" ] || (cd "$ANCHORS" && python3 make_markdown.py hugo "data/hugo$p" "$p" >/dev/null)
  python3 "$ROOT/Benchmarks/hugo_to_findings.py" "$ANCHORS/data/hugo$p" "$FINDINGS" "$scale/p$p"
  read -r t m < <(RUNS=1 measure sh -c "cd '$scale/p$p' && '$FINDINGS' build --quiet")
  g=""; [ -n "$prev_n" ] && g=$(python3 -c "import math; print(f'{math.log(max($t,0.001)/max($prev_t,0.001))/math.log($p/$prev_n):.2f}')")
  row "$p pages" "$t" "" "$m" "$g"
  prev_n=$p; prev_t=$t
done
rm -rf "$scale"
fi

