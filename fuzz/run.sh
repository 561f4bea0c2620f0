#!/usr/bin/env bash
# Fuzzes cake-core: installs cargo-fuzz if missing, seeds the corpora from tests/vectors/,
# builds every target once, runs each for a fixed number of executions, and prints per target
# the executions, crashes and wall time. Exits non-zero if any target crashed.
#
#   fuzz/run.sh                      # the default budget: >= 10,000,000 executions in total
#   RUNS_MONEY=100000 fuzz/run.sh    # a budget per target (RUNS_PARSE_RESPONSE, RUNS_VALIDATE,
#                                    # RUNS_JSON_READERS)
#   fuzz/run.sh validate             # only the named targets
#
# Only a stable toolchain is available: cargo-fuzz passes -Z flags (coverage instrumentation),
# which stable rustc accepts under RUSTC_BOOTSTRAP=1. No sanitizer: the core forbids unsafe
# code, so AddressSanitizer would find nothing the panic, overflow-check, stack-overflow, OOM
# and timeout detection do not, at 2-3x the cost per execution. Builds keep debug assertions,
# so integer overflow panics. Crash inputs land in fuzz/artifacts/<target>/; reproduce one with
# `RUSTC_BOOTSTRAP=1 cargo fuzz run -s none <target> <file>`.
set -euo pipefail
cd "$(dirname "$0")"
export RUSTC_BOOTSTRAP=1
# One build job and one fuzzing process: the machine is shared with other builds.
export CARGO_BUILD_JOBS="${CARGO_BUILD_JOBS:-1}"

# Executions per target, 10,000,000 in all; measured on one core of a 2-core machine busy with
# other builds: parse_response 380 s, validate 260 s, money 128 s (about 13 minutes).
declare -A RUNS=(
  [parse_response]="${RUNS_PARSE_RESPONSE:-3000000}"
  [validate]="${RUNS_VALIDATE:-3000000}"
  [money]="${RUNS_MONEY:-4000000}"
  [json_readers]="${RUNS_JSON_READERS:-2000000}"
)
# Longest input per target: above the largest seed (a 4 kB response body), and enough bytes
# for the money target's decimals and weights.
declare -A MAX_LEN=([parse_response]=8192 [validate]=4096 [money]=1024 [json_readers]=4096)
TARGETS=("$@")
[ ${#TARGETS[@]} -eq 0 ] && TARGETS=(parse_response validate money json_readers)

if ! cargo fuzz --version >/dev/null 2>&1; then
  cargo install cargo-fuzz --locked
fi
python3 seed.py ../tests/vectors corpus
cargo fuzz build -s none

mkdir -p artifacts
summary=()
failed=0
for target in "${TARGETS[@]}"; do
  runs="${RUNS[$target]}"
  log="artifacts/$target.log"
  mkdir -p "artifacts/$target"
  before=$(find "artifacts/$target" -type f | wc -l)
  start=$(date +%s%N)
  # -timeout: an input taking 10 s is a hang; -rss_limit_mb: 2 GB is an out-of-memory.
  set +e
  cargo fuzz run -s none "$target" "corpus/$target" -- -runs="$runs" -max_len="${MAX_LEN[$target]}" \
    -timeout=10 -rss_limit_mb=2048 -print_final_stats=1 >"$log" 2>&1
  status=$?
  set -e
  seconds=$(( ($(date +%s%N) - start) / 1000000000 ))
  executed=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$log" | grep -o '[0-9]*$' | tail -1)
  crashes=$(( $(find "artifacts/$target" -type f | wc -l) - before ))
  if [ "$status" -ne 0 ] && [ "$crashes" -eq 0 ]; then
    crashes="?"  # libFuzzer failed without leaving an input: see the log
  fi
  [ "$status" -ne 0 ] && failed=1
  summary+=("$(printf '%-16s executions %10s  crashes %s  time %6d s' \
    "$target" "${executed:-0}" "$crashes" "$seconds")")
done

total=0
echo
echo "fuzz summary (logs in fuzz/artifacts/<target>.log)"
for line in "${summary[@]}"; do
  echo "  $line"
  total=$(( total + $(echo "$line" | awk '{print $3}') ))
done
echo "  total executions: $total"
exit "$failed"
