#!/usr/bin/env bash
# Whole-process timing of `vigil scan` over a directory, with the machine and the command recorded.
#
#   benches/scripts/bench.sh DIR [extra vigil scan args...]
#
# Typical corpora (not in the repository): OpenJDK's `lib/src.zip` extracted
# (`mkdir -p /tmp/jdk-src && unzip -q "$JAVA_HOME/lib/src.zip" -d /tmp/jdk-src`) and the Python
# standard library (`python3 -c 'import sysconfig; print(sysconfig.get_paths()["stdlib"])'`).
#
# Builds the release binary (or uses $VIGIL_BIN), then times it with hyperfine when installed (3 warm-up runs, 10 runs),
# else with `time` (3 runs). Results are appended to benches/runs/<date>-<host>.md.
set -euo pipefail

if [[ $# -lt 1 || ! -d "$1" ]]; then
    echo "usage: $0 DIR [vigil scan args...]" >&2
    exit 2
fi
dir="$(cd "$1" && pwd)"
shift
root="$(cd "$(dirname "$0")/../.." && pwd)"
cd "$root"

# VIGIL_BIN=path uses an existing binary instead of building the release one.
if [[ -n "${VIGIL_BIN:-}" ]]; then
    bin="$VIGIL_BIN"
else
    cargo build --release -p vigil --quiet
    bin="$root/target/release/vigil"
fi
cmd=("$bin" scan "$dir" --format json --output /dev/null --fail-on never --no-progress --quiet "$@")

mkdir -p benches/runs
out="benches/runs/$(date -u +%Y-%m-%d)-$(hostname -s 2>/dev/null || echo host).md"
files=$(find "$dir" -type f \( -name '*.java' -o -name '*.py' -o -name '*.yml' -o -name '*.yaml' -o -name '*.json' \) | wc -l)
bytes=$(find "$dir" -type f \( -name '*.java' -o -name '*.py' \) -print0 | du -cb --files0-from=- 2>/dev/null | tail -1 | cut -f1)

{
    echo "## $(date -u +%Y-%m-%dT%H:%M:%SZ) $(basename "$dir")"
    echo
    echo "- vigil: $("$bin" --version) ($(git rev-parse --short HEAD 2>/dev/null || echo unknown))"
    echo "- machine: $(uname -srm), $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo 2>/dev/null | cut -d: -f2 | sed 's/^ //' || echo unknown cpu)"
    echo "- memory: $(free -h 2>/dev/null | awk '/^Mem:/ {print $2}' || echo unknown)"
    echo "- corpus: $dir ($files candidate files, ${bytes:-0} bytes of Java/Python)"
    echo "- command: ${cmd[*]}"
    echo
} | tee -a "$out"

if command -v hyperfine >/dev/null 2>&1; then
    hyperfine --warmup 3 --runs 10 --export-markdown /dev/stdout "${cmd[*]}" | tee -a "$out"
else
    for i in 1 2 3; do
        TIMEFORMAT="run $i: %R s wall, %U s user, %S s system"
        { time "${cmd[@]}"; } 2>&1 | tee -a "$out"
    done
fi
echo | tee -a "$out"
echo "recorded in $out"
