#!/usr/bin/env bash
# The interop harness's loopback benchmark (bench.sh) through fox-wamp and through the WampKit router, for the
# clients Autobahn|JS, autobahn-java and WampKit; one table of medians, the goal ratios, docs/performance.md
# (between its bench:table markers) and docs/performance.png.
#
# Usage: bench/run.sh                                 (from anywhere; ~15 min with the defaults)
# Env:   INTEROP_DIR=DIR   the harness (default ../shared/interop next to the repository). It must have been set
#                          up by its setup.sh (DIR/.cache). A directory that is not writable is copied to a temp dir
#                          first (as .ci/run does) and the copy is removed at the end.
#        RUNS=3 SECONDS_=10 CALLS=5000 WARMUP=1000   passed to bench.sh (see its header)
#        BASELINE_JAR=JAR  also bench the clients through this (older) WampKit router jar, labelled "baseline",
#                          for a before/after comparison in the same run
#        BENCH_PORT=18190  the port bench.sh's routers listen on (the raw WebSocket baseline is skipped, SKIP_RAW=1)
#        BASELINE_PEER=DIR also run the WampKit *client* of an older build: DIR is a built .cache/wampkit of the harness
#                          (target/wampkit-peer.jar + lib/), used through fox-wamp and, with BASELINE_JAR, through it
#        KTOR_ROUTER=1     also bench the WampKit router with its Ktor CIO listener (WAMPKIT_ROUTER_ENGINE=ktor-cio)
#        TRANSPORT=1       also run TransportBench (client engine x router listener, one JVM) into docs/performance.md
#        SLOW_CONSUMER=1   also run SlowConsumerBench (goal e: a slow and a stuck subscriber beside a fast one,
#                          SLOW_SECONDS=60 per phase, router -Xmx256m) into docs/performance.md
#        SKIP_BUILD=1      use the jars already in wamp-router/target and bench/target, and the harness's peer as built
#        SKIP_PEER_BUILD=1 keep the harness's WampKit peer as it is (else it is rebuilt against this checkout, which
#                          needs `mvn install` of wamp-runtime, wamp-router and wamp-dsl into ~/.m2 first: done here)
#        MVN_ARGS="-o"     extra Maven arguments for the build
#        NO_DOCS=1         print the table only; leave docs/ alone
# Needs: bash, /usr/bin/python3, JDK 17, Maven, Node (for the harness), and a font for the chart
#        (Debian: apt-get install -y fonts-dejavu-core).
# The WampKit *client* is the harness's WampKit peer (clients/wampkit, a program written from the README as a user
# would), rebuilt here against this checkout (mvn install -DskipTests puts the library into ~/.m2, then the peer's
# own build picks it up). The routers are this checkout's wamp-router.jar and fox-wamp.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
cd "$ROOT"
PY=/usr/bin/python3

export RUNS="${RUNS:-3}" SECONDS_="${SECONDS_:-10}" CALLS="${CALLS:-5000}" WARMUP="${WARMUP:-1000}"
export SKIP_RAW="${SKIP_RAW:-1}"
PORT="${BENCH_PORT:-18190}"
BENCH_CLIENTS="autobahn-js autobahn-java wampkit"
INTEROP_GIVEN="${INTEROP_DIR:-}"
INTEROP_DIR="${INTEROP_DIR:-$ROOT/../shared/interop}"
ROUTER_JAR="$ROOT/wamp-router/target/wamp-router.jar"
BENCH_JAR="$ROOT/bench/target/benchmarks.jar"

say() { printf '[run.sh %s] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }
die() { local rc="$1"; shift; say "$*"; exit "$rc"; }

# --- the harness -------------------------------------------------------------------------------------------
[ -d "$INTEROP_DIR" ] || die 2 "no interop harness at $INTEROP_DIR (set INTEROP_DIR=...)"
INTEROP_DIR="$(cd "$INTEROP_DIR" && pwd)"
if [ ! -d "$INTEROP_DIR/.cache" ]; then
  die 2 "the interop harness at $INTEROP_DIR is not set up (no .cache): run $INTEROP_DIR/setup.sh once first
  (in a writable copy if that directory is read-only: cp -r $INTEROP_DIR /some/dir && /some/dir/setup.sh,
  then INTEROP_DIR=/some/dir bench/run.sh)"
fi
[ -f "$INTEROP_DIR/.cache/wampkit/target/wampkit-peer.jar" ] ||
  die 2 "the WampKit peers are not built in $INTEROP_DIR/.cache/wampkit: run $INTEROP_DIR/setup.sh (it builds them against io.wampkit:wamp-dsl in ~/.m2)"
if [ -n "${BASELINE_JAR:-}" ]; then
  [ -f "$BASELINE_JAR" ] || die 2 "BASELINE_JAR: no such file $BASELINE_JAR"
  BASELINE_JAR="$(cd "$(dirname "$BASELINE_JAR")" && pwd)/$(basename "$BASELINE_JAR")"
fi

# Writable means: we may create results/ and .run/ there. root passes [ -w ] on any directory, so for root the
# owner's write bit decides (the shared copy is r-x on purpose).
writable() {
  if [ "$(id -u)" -eq 0 ]; then [ -n "$(find "$1" -maxdepth 0 -perm -u+w)" ]; else [ -w "$1" ]; fi
}
TMP_COPY=""
cleanup() { [ -z "$TMP_COPY" ] || [ "${KEEP_INTEROP_COPY:-0}" = 1 ] || rm -rf "$TMP_COPY"; }
trap cleanup EXIT
HARNESS="$INTEROP_DIR"
if ! writable "$INTEROP_DIR"; then
  TMP_COPY="$(mktemp -d /tmp/wampkit-bench-interop.XXXXXX)"
  say "$INTEROP_DIR is not writable: copying it to $TMP_COPY/interop"
  cp -r "$INTEROP_DIR" "$TMP_COPY/interop"
  chmod -R u+w "$TMP_COPY/interop"
  HARNESS="$TMP_COPY/interop"
fi

# --- the jars ----------------------------------------------------------------------------------------------
if [ "${SKIP_BUILD:-0}" != 1 ]; then
  say "building wamp-router.jar and benchmarks.jar (mvn -B -q ${MVN_ARGS:+$MVN_ARGS }-pl wamp-router,bench -am package -DskipTests)"
  # shellcheck disable=SC2086  # MVN_ARGS is a list of arguments
  mvn -B -q ${MVN_ARGS:-} -pl wamp-router,bench -am package -DskipTests
fi
[ -f "$ROUTER_JAR" ] || die 1 "missing $ROUTER_JAR"
[ -f "$BENCH_JAR" ] || die 1 "missing $BENCH_JAR"
if [ "${SKIP_BUILD:-0}" != 1 ] && [ "${SKIP_PEER_BUILD:-0}" != 1 ]; then
  say "rebuilding the harness's WampKit peer against this checkout (mvn install -DskipTests of the library, then the peer)"
  # shellcheck disable=SC2086
  mvn -B -q ${MVN_ARGS:-} -pl wamp-runtime,wamp-router,wamp-dsl -am install -DskipTests
  (cd "$HARNESS/clients/wampkit" && { mvn -o -q -B package || mvn -q -B package; }) || die 1 "the WampKit peer did not build"
fi
if [ -n "${BASELINE_PEER:-}" ]; then
  [ -f "$BASELINE_PEER/target/wampkit-peer.jar" ] || die 2 "BASELINE_PEER: no target/wampkit-peer.jar in $BASELINE_PEER"
  BASELINE_PEER="$(cd "$BASELINE_PEER" && pwd)"
fi

LOAD_AT_START="$(cut -d' ' -f1-3 /proc/loadavg)"
OUT="$ROOT/bench/target/interop-bench-$(date +%Y%m%d-%H%M%S)"
mkdir -p "$OUT"

# run_bench LABEL [ENV=VALUE...] -> bench.sh through one router; its raw BENCH lines end up in $OUT/raw-LABEL.txt
run_bench() {
  local label="$1"; shift
  local clients="$BENCH_CLIENTS"
  case "$label" in foxbase) clients="wampkit" ;; esac
  local log="$OUT/bench-$label.log"
  say "bench.sh through $label (clients: $clients; runs=$RUNS seconds=$SECONDS_ calls=$CALLS warmup=$WARMUP)"
  (cd "$HARNESS" && env "$@" CLIENTS="$clients" ./bench.sh "$PORT") 2>&1 | tee "$log" >&2
  local raw
  raw="$(sed -n 's/^.*raw results: //p' "$log" | tail -n 1)"
  [ -n "$raw" ] && [ -f "$raw" ] || die 1 "bench.sh through $label left no raw results (see $log)"
  cp "$raw" "$OUT/raw-$label.txt"
  cp "$(dirname "$raw")/router.txt" "$OUT/router-$label.txt" 2>/dev/null || true
}

# with_peer DIR CMD...: runs CMD with the harness's WampKit peer swapped for the build in DIR, then swaps it back
with_peer() {
  local dir="$1"; shift
  local cache="$HARNESS/.cache/wampkit"
  mv "$cache" "$cache.current"
  cp -r "$dir" "$cache"
  local rc=0
  "$@" || rc=$?
  rm -rf "$cache"
  mv "$cache.current" "$cache"
  return "$rc"
}

run_bench fox ROUTER=fox
run_bench wampkit ROUTER=wampkit WAMPKIT_ROUTER_JAR="$ROUTER_JAR"
if [ "${KTOR_ROUTER:-0}" = 1 ]; then
  run_bench ktor ROUTER=wampkit WAMPKIT_ROUTER_JAR="$ROUTER_JAR" WAMPKIT_ROUTER_ENGINE=ktor-cio
fi
if [ -n "${BASELINE_JAR:-}" ]; then
  if [ -n "${BASELINE_PEER:-}" ]; then
    with_peer "$BASELINE_PEER" run_bench baseline ROUTER=wampkit WAMPKIT_ROUTER_JAR="$BASELINE_JAR"
  else
    run_bench baseline ROUTER=wampkit WAMPKIT_ROUTER_JAR="$BASELINE_JAR"
  fi
fi
if [ -n "${BASELINE_PEER:-}" ]; then
  with_peer "$BASELINE_PEER" run_bench foxbase ROUTER=fox
fi

# --- table, goals, docs ------------------------------------------------------------------------------------
CMD="${INTEROP_GIVEN:+INTEROP_DIR=$INTEROP_GIVEN }RUNS=$RUNS SECONDS_=$SECONDS_ CALLS=$CALLS WARMUP=$WARMUP${BASELINE_JAR:+ BASELINE_JAR=$BASELINE_JAR} bench/run.sh"
DIRTY=""; git -C "$ROOT" diff --quiet HEAD -- 2>/dev/null || DIRTY=" (with uncommitted changes)"
MACHINE="$(nproc) cores$(lscpu 2>/dev/null | sed -n 's/^Model name: *\(.*\)$/, \1/p' | head -n 1); $(java -version 2>&1 | head -n 1); node $(node --version); load average at the start $LOAD_AT_START"
PEER="the harness's WampKit peer, built $(date -r "$HARNESS/.cache/wampkit/target/wampkit-peer.jar" '+%Y-%m-%d %H:%M')"

"$PY" - "$OUT" "$BENCH_CLIENTS" "$CMD" "$MACHINE" "$(git -C "$ROOT" rev-parse --short HEAD)$DIRTY" \
  "${NO_DOCS:-0}" "$ROOT/docs/performance.md" "$PEER" <<'PY'
import datetime, os, statistics, sys

out, clients, cmd, machine, commit, no_docs, doc, peer = sys.argv[1:9]
clients = clients.split()
ROUTERS = [('fox', 'fox-wamp'), ('wampkit', 'WampKit'), ('ktor', 'WampKit (Ktor CIO listener)'),
           ('baseline', 'WampKit baseline'), ('foxbase', 'fox-wamp')]
LABELS = {('baseline', 'wampkit'): 'wampkit (baseline) → WampKit baseline', ('foxbase', 'wampkit'): 'wampkit (baseline) → fox-wamp'}

def read_raw(path):
    # bench.sh's raw.txt: "run=N BENCH client=C mode=M key=value ..."
    rows = []
    for line in open(path):
        rows.append(dict(kv.split('=', 1) for kv in line.split() if '=' in kv))
    return rows

def med(rows, client, mode, key):
    # bench.sh's own summary: the median over runs of one client's figure
    v = [float(r[key]) for r in rows if r.get('client') == client and r.get('mode') == mode and key in r]
    return statistics.median(v) if v else None

table = []  # (label, router name, client, p50, p99, calls/s, events/s)
routers_used = []
for key, name in ROUTERS:
    path = os.path.join(out, 'raw-%s.txt' % key)
    if not os.path.exists(path):
        continue
    desc = ''
    rp = os.path.join(out, 'router-%s.txt' % key)
    if os.path.exists(rp):
        desc = open(rp).read().strip().removeprefix('router ')
    routers_used.append((key, name, desc))
    rows = read_raw(path)
    for c in clients:
        if not any(r.get('client') == c for r in rows):
            continue
        table.append((LABELS.get((key, c), '%s → %s' % (c, name)), key, c,
                      med(rows, c, 'latency', 'p50_us'), med(rows, c, 'latency', 'p99_us'),
                      med(rows, c, 'throughput', 'calls_per_s'), med(rows, c, 'events', 'events_per_s')))

def fig(x, d=0):
    return '-' if x is None else '{:,.{}f}'.format(x, d)

hdr = '| client → router | p50 µs | p99 µs | calls/s | events/s |'
lines = [hdr, '|---|---:|---:|---:|---:|']
for label, _, _, p50, p99, thr, ev in table:
    lines.append('| %s | %s | %s | %s | %s |' % (label, fig(p50, 1), fig(p99, 1), fig(thr), fig(ev)))

def row(router, client):
    for t in table:
        if t[1] == router and t[2] == client:
            return t
    return None

def ratio(a, b):
    return None if a is None or b is None or b == 0 else a / b

# (label, numerator row, denominator row, [(figure, index, goal, higher_is_better)])
CALLS, EVENTS, P50 = 5, 6, 3
goals = [
    ('(a) WampKit client vs Autobahn|JS, both through fox-wamp', ('fox', 'wampkit'), ('fox', 'autobahn-js'),
     [('calls/s', CALLS, 1.0, True), ('events/s', EVENTS, 1.0, True), ('p50', P50, 1.0, False)]),
    ('(b) Autobahn|JS through the WampKit router vs through fox-wamp', ('wampkit', 'autobahn-js'), ('fox', 'autobahn-js'),
     [('calls/s', CALLS, 1.3, True), ('events/s', EVENTS, 1.3, True), ('p50', P50, 1.0, False)]),
    ('(c) WampKit through the WampKit router vs Autobahn|JS through fox-wamp', ('wampkit', 'wampkit'), ('fox', 'autobahn-js'),
     [('calls/s', CALLS, 1.5, True), ('events/s', EVENTS, 1.5, True)]),
]
goal_lines = []
misses = 0
for title, num, den, figures in goals:
    a, b = row(*num), row(*den)
    parts = []
    for name, i, goal, higher in figures:
        r = ratio(a[i] if a else None, b[i] if b else None)
        if r is None:
            mark = 'n/a'
        else:
            ok = r >= goal if higher else r <= goal
            mark = 'PASS' if ok else 'MISS'
            misses += 0 if ok else 1
        parts.append('%s %s (goal %s %.1f) %s' % (name, '-' if r is None else '%.2f' % r, '≥' if higher else '≤', goal, mark))
    goal_lines.append('- %s: %s' % (title, ', '.join(parts)))
if any(k == 'baseline' for k, _, _ in routers_used):
    for c in clients:
        a, b = row('wampkit', c), row('baseline', c)
        parts = ['%s %s' % (n, fig(ratio(a[i] if a else None, b[i] if b else None), 2)) for n, i in (('calls/s', CALLS), ('events/s', EVENTS), ('p50', P50))]
        goal_lines.append('- %s: WampKit router vs baseline: %s' % (c, ', '.join(parts)))
if any(k == 'foxbase' for k, _, _ in routers_used):
    a, b = row('fox', 'wampkit'), row('foxbase', 'wampkit')
    parts = ['%s %s' % (n, fig(ratio(a[i] if a else None, b[i] if b else None), 2)) for n, i in (('calls/s', CALLS), ('events/s', EVENTS), ('p50', P50))]
    goal_lines.append('- wampkit client through fox-wamp vs the baseline client: %s' % ', '.join(parts))

print()
print('\n'.join(lines))
print()
print('\n'.join(goal_lines))
print()
doc_goal_lines = [g.replace(' PASS', ' **PASS**').replace(' MISS', ' **MISS**') for g in goal_lines]

# the chart's input
with open(os.path.join(out, 'performance.tsv'), 'w') as f:
    f.write('# title: Interop bench medians (%s): calls/s and events/s\n' % datetime.date.today().isoformat())
    f.write('label\tp50_us\tp99_us\tcalls_per_s\tevents_per_s\n')
    for label, _, _, p50, p99, thr, ev in table:
        f.write('\t'.join([label] + ['-' if x is None else repr(x) for x in (p50, p99, thr, ev)]) + '\n')

if no_docs != '1':
    now = datetime.datetime.now(datetime.timezone.utc).strftime('%Y-%m-%d %H:%M UTC')
    section = ['<!-- bench:table:begin -->',
               '<!-- written by bench/run.sh, which replaces everything between these two markers on each run -->',
               '',
               '**%s**, commit `%s`. Machine: %s.' % (now, commit, machine),
               '',
               'Command: `%s`' % cmd,
               '',
               'Routers: ' + '; '.join('%s = %s' % (n, d or n) for _, n, d in routers_used) + '. WampKit client: %s.' % peer,
               '',
               'Medians over RUNS=%s of bench.sh (p50/p99: sequential add2 latency; calls/s: add2 with 16 outstanding '
               'calls; events/s: acknowledged publish, window 16, counted at one subscriber).' % os.environ.get('RUNS', '?'),
               '']
    section += lines + ['', 'Goals:', ''] + doc_goal_lines + ['', '<!-- bench:table:end -->']
    text = open(doc).read()
    b, e = '<!-- bench:table:begin -->', '<!-- bench:table:end -->'
    if b not in text or e not in text:
        sys.exit('%s: no %s ... %s markers' % (doc, b, e))
    head, rest = text.split(b, 1)
    tail = rest.split(e, 1)[1]
    with open(doc, 'w') as f:
        f.write(head + '\n'.join(section) + tail)
    print('updated %s' % doc)
print('raw results and the chart data: %s (%d goal(s) missed)' % (out, misses))
PY

# write_section NAME FILE: the Markdown table lines of FILE go between docs/performance.md's bench:NAME markers
write_section() {
  [ "${NO_DOCS:-0}" != 1 ] || return 0
  "$PY" - "$1" "$2" "$ROOT/docs/performance.md" "$(git -C "$ROOT" rev-parse --short HEAD)$DIRTY" "$MACHINE" <<'PY'
import datetime, sys
name, src, doc, commit, machine = sys.argv[1:6]
table = [l.rstrip('\n') for l in open(src) if l.startswith('|')]
b, e = '<!-- bench:%s:begin -->' % name, '<!-- bench:%s:end -->' % name
text = open(doc).read()
if b not in text or e not in text:
    sys.exit('%s: no %s ... %s markers' % (doc, b, e))
now = datetime.datetime.now(datetime.timezone.utc).strftime('%Y-%m-%d %H:%M UTC')
section = [b, '<!-- written by bench/run.sh -->', '', '**%s**, commit `%s`. Machine: %s.' % (now, commit, machine), ''] + table + ['', e]
head, rest = text.split(b, 1)
open(doc, 'w').write(head + '\n'.join(section) + rest.split(e, 1)[1])
print('updated %s (%s)' % (doc, name))
PY
}

if [ "${TRANSPORT:-0}" = 1 ]; then
  say "TransportBench: client engine x router listener, one JVM"
  java -cp "$BENCH_JAR" io.wampkit.bench.TransportBenchKt "$CALLS" "$SECONDS_" | tee "$OUT/transport.txt" >&2
  write_section transport "$OUT/transport.txt"
fi
if [ "${SLOW_CONSUMER:-0}" = 1 ]; then
  SLOW_SECONDS="${SLOW_SECONDS:-60}"
  say "SlowConsumerBench: ${SLOW_SECONDS} s alone, ${SLOW_SECONDS} s beside a slow and a stuck subscriber, router -Xmx256m"
  java -cp "$BENCH_JAR" io.wampkit.bench.SlowConsumerBenchKt "$ROUTER_JAR" "$SLOW_SECONDS" 256m | tee "$OUT/slow-consumer.txt" >&2
  write_section slow "$OUT/slow-consumer.txt"
fi

if [ "${NO_DOCS:-0}" != 1 ]; then
  java -Djava.awt.headless=true -cp "$BENCH_JAR" io.wampkit.bench.PerformanceChart "$OUT/performance.tsv" "$ROOT/docs/performance.png" ||
    die 1 "the chart failed (headless AWT needs a font: apt-get install -y fonts-dejavu-core)"
fi
