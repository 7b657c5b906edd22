#!/usr/bin/env bash
# Whole-process benchmark of `vigil scan` next to its own parse-only floor, same run, same machine.
#
#   benches/scripts/bench.sh                 # every corpus below (built on first use)
#   benches/scripts/bench.sh jdk cpython     # some of them
#   benches/scripts/bench.sh DIR [DIR...]    # your own directories
#
# Corpora (built in $BENCH_CORPORA, default /tmp/vigil-corpora; never committed):
#   jdk      the whole OpenJDK source: Debian's openjdk-17-source `src.zip` (or $JAVA_HOME/lib/src.zip)
#   cpython  a copy of the machine's CPython standard library (`Lib/`)
#   django   the newest sdists of Django and SQLAlchemy from PyPI, unpacked
#
# For each corpus it prints, for the parse-only floor and for the full default rule set with 1 and
# 2 threads (cold cache, `--no-cache`), and for warm-cache re-runs (nothing changed; one file
# edited): files, MB, wall and CPU seconds, MB/s per core, ratio to the floor (2 threads) and peak
# RSS. Results are appended to benches/runs/<date>-<host>.md. VIGIL_BIN=path uses an existing
# binary instead of building the release one. Needs GNU time (/usr/bin/time).
set -euo pipefail

root="$(cd "$(dirname "$0")/../.." && pwd)"
cd "$root"
corpora="${BENCH_CORPORA:-/tmp/vigil-corpora}"
mkdir -p "$corpora"

if [[ -n "${VIGIL_BIN:-}" ]]; then
    bin="$VIGIL_BIN"
else
    cargo build --release -p vigil --quiet
    bin="$root/target/release/vigil"
fi
[[ -x /usr/bin/time ]] || { echo "GNU time (/usr/bin/time) is needed" >&2; exit 2; }

corpus_dir() {
    case "$1" in
    jdk)
        local d="$corpora/jdk"
        # Unpacked whole (a folder left by an interrupted unzip, or holding one module, is not the
        # whole OpenJDK: unpacked again).
        if [[ ! -f "$d/.vigil-complete" ]]; then
            rm -rf "$d"
            local zip=""
            for z in /usr/lib/jvm/openjdk-17/lib/src.zip /usr/lib/jvm/java-17-openjdk-*/lib/src.zip \
                "${JAVA_HOME:-/nonexistent}/lib/src.zip"; do
                [[ -f "$z" ]] && { zip="$z"; break; }
            done
            if [[ -z "$zip" ]]; then
                echo "no src.zip: apt-get install openjdk-17-source (or set JAVA_HOME)" >&2
                return 1
            fi
            mkdir -p "$d" && unzip -q "$zip" -d "$d" && touch "$d/.vigil-complete"
        fi
        echo "$d"
        ;;
    cpython)
        # A copy, so the edited-file run never touches the machine's own standard library.
        local d="$corpora/cpython-lib"
        if [[ ! -d "$d" ]]; then
            # The standard library only: no installed third-party packages, no byte code.
            mkdir -p "$d"
            tar -C "$(python3 -c 'import sysconfig; print(sysconfig.get_paths()["stdlib"])')" \
                --exclude=site-packages --exclude=dist-packages --exclude=__pycache__ -cf - . |
                tar -C "$d" -xf -
        fi
        echo "$d"
        ;;
    django)
        local d="$corpora/django-sqlalchemy"
        if [[ ! -d "$d" ]]; then
            mkdir -p "$d/dl"
            # The newest sdists, from PyPI's JSON API (`pip download --no-binary` would build
            # SQLAlchemy's build dependencies from source just to read its metadata).
            python3 - "$d/dl" Django SQLAlchemy <<'PY' >&2
import json, sys, urllib.request
for name in sys.argv[2:]:
    meta = json.load(urllib.request.urlopen(f"https://pypi.org/pypi/{name}/json", timeout=60))
    url = next(u["url"] for u in meta["urls"] if u["packagetype"] == "sdist")
    urllib.request.urlretrieve(url, f"{sys.argv[1]}/{name}.tar.gz")
PY
            for a in "$d"/dl/*.tar.gz; do tar -xzf "$a" -C "$d"; done
            rm -rf "$d/dl"
        fi
        echo "$d"
        ;;
    *)
        [[ -d "$1" ]] || { echo "no corpus or directory: $1" >&2; return 1; }
        (cd "$1" && pwd)
        ;;
    esac
}

mkdir -p benches/runs
out="benches/runs/$(date -u +%Y-%m-%d)-$(hostname -s 2>/dev/null || echo host).md"

# One measured run: prints "wall user sys maxrss_kb" of the command.
measure() {
    local f
    f=$(mktemp)
    /usr/bin/time -o "$f" -f '%e %U %S %M' "$@" >/dev/null 2>&1 || true
    tail -1 "$f"
    rm -f "$f"
}

row() { # label files mb wall user sys rss floor_wall threads
    local label=$1 files=$2 mb=$3 wall=$4 user=$5 sys=$6 rss=$7 floor=$8 threads=$9
    awk -v l="$label" -v f="$files" -v mb="$mb" -v w="$wall" -v u="$user" -v s="$sys" -v r="$rss" \
        -v fl="$floor" -v t="$threads" 'BEGIN {
        cpu = u + s; per = (w > 0) ? mb / w / t : 0; ratio = (fl > 0) ? w / fl : 0;
        printf "| %s | %d | %.1f | %.2f | %.2f | %.1f | %.2fx | %d |\n", l, f, mb, w, cpu, per, ratio, r / 1024 }'
}

targets=("$@")
[[ ${#targets[@]} -eq 0 ]] && targets=(jdk cpython django)

for t in "${targets[@]}"; do
    dir=$(corpus_dir "$t") || continue
    scan=("$bin" scan "$dir" --format json --output /dev/null --fail-on never --no-progress --quiet)
    # The floor: same walker, reading, parsing and a visit of every node; nothing else.
    stats=$("$bin" scan "$dir" --parse-only --no-progress -j 2)
    files=$(sed -E 's/^parse-only: ([0-9]+) files.*/\1/' <<<"$stats")
    mb=$(sed -E 's/.* files, ([0-9.]+) MB.*/\1/' <<<"$stats")
    {
        echo "## $(date -u +%Y-%m-%dT%H:%M:%SZ) $t"
        echo
        echo "- vigil: $("$bin" --version) ($(git rev-parse --short HEAD 2>/dev/null || echo unknown))"
        echo "- machine: $(uname -srm), $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')"
        echo "- corpus: $dir ($stats)"
        echo "- command: ${scan[*]} [-j N] [--no-cache]"
        echo
        echo "| run | files | MB | wall s | CPU s | MB/s per core | / floor (2 thr) | peak RSS MB |"
        echo "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"
    } | tee -a "$out"
    read -r fw2 fu2 fs2 fr2 < <(measure "$bin" scan "$dir" --parse-only --no-progress -j 2)
    read -r fw1 fu1 fs1 fr1 < <(measure "$bin" scan "$dir" --parse-only --no-progress -j 1)
    row "parse-only floor, 1 thread" "$files" "$mb" "$fw1" "$fu1" "$fs1" "$fr1" "$fw2" 1 | tee -a "$out"
    row "parse-only floor, 2 threads" "$files" "$mb" "$fw2" "$fu2" "$fs2" "$fr2" "$fw2" 2 | tee -a "$out"
    read -r w1 u1 s1 r1 < <(measure "${scan[@]}" --no-cache -j 1)
    row "full scan, 1 thread, no cache" "$files" "$mb" "$w1" "$u1" "$s1" "$r1" "$fw2" 1 | tee -a "$out"
    read -r w2 u2 s2 r2 < <(measure "${scan[@]}" --no-cache -j 2)
    row "full scan, 2 threads, no cache" "$files" "$mb" "$w2" "$u2" "$s2" "$r2" "$fw2" 2 | tee -a "$out"
    # The cache: a cold run fills it (in a scratch folder), then re-runs.
    cache=$(mktemp -d)
    read -r cw cu cs cr < <(measure "${scan[@]}" -j 2 --cache-dir "$cache")
    row "cold cache (filled), 2 threads" "$files" "$mb" "$cw" "$cu" "$cs" "$cr" "$fw2" 2 | tee -a "$out"
    read -r ww wu ws wr < <(measure "${scan[@]}" -j 2 --cache-dir "$cache")
    row "warm cache, nothing changed" "$files" "$mb" "$ww" "$wu" "$ws" "$wr" "$fw2" 2 | tee -a "$out"
    if [[ -w "$dir" ]]; then
        # `sed -n 1p` reads to the end: `head -1` would end the pipe early (SIGPIPE under pipefail).
        victim=$(find "$dir" -type f \( -name '*.java' -o -name '*.py' \) | sort | sed -n 1p)
        cp -p "$victim" "$cache/victim.bak"
        printf '\n// edited by bench.sh\n' >>"$victim"
        [[ "$victim" == *.py ]] && { cp -p "$cache/victim.bak" "$victim"; printf '\n# edited by bench.sh\n' >>"$victim"; }
        read -r ew eu es er < <(measure "${scan[@]}" -j 2 --cache-dir "$cache")
        cp -p "$cache/victim.bak" "$victim"
        row "warm cache, one file edited" "$files" "$mb" "$ew" "$eu" "$es" "$er" "$fw2" 2 | tee -a "$out"
    fi
    rm -rf "$cache"
    awk -v a="$w1" -v b="$w2" 'BEGIN { printf "\nTwo threads: %.2fx the throughput of one.\n\n", a / b }' | tee -a "$out"
done
echo "recorded in $out"
