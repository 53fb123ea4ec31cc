#!/usr/bin/env bash
# Seeds for fuzz/fuzz_genius_import.cpp from the shared Genius test data:
# one file per domain, in the fuzzer's format (a mode byte, then the files
# separated by a line "@@@@"). Usage: scripts/genius-fuzz-seeds.sh SHARED_DIR OUT_DIR
set -euo pipefail
shared=$1
out=$2
mkdir -p "$out"
separator=$'\n@@@@\n'
for dir in "$shared"/data/genius/*/; do
  name=$(basename "$dir")
  shopt -s nullglob
  xml=("$dir"*.xml)
  json=("$dir"*.json)
  if ((${#xml[@]} >= 3)); then
    # The domain is the file without evaluations; the rest are profiles.
    domain=$(grep -L 'evaluation=' "${xml[@]}" | head -n 1 || true)
    [[ -n "$domain" ]] || continue
    {
      printf 'x'
      cat "$domain"
      for f in "${xml[@]}"; do
        [[ "$f" == "$domain" ]] && continue
        printf '%s' "$separator"
        cat "$f"
      done
    } > "$out/$name.seed"
  elif ((${#json[@]} >= 2)); then
    {
      printf 'j'
      first=1
      for f in "${json[@]}"; do
        ((first)) || printf '%s' "$separator"
        first=0
        cat "$f"
      done
    } > "$out/$name.seed"
  fi
done
ls "$out" | wc -l
