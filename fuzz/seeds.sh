#!/usr/bin/env bash
# Fills fuzz/corpus/<target>/ with seeds taken from testdata and the built-in policies, so
# fuzzing starts from real manifests, evidence, events, facts, image references and Rego.
# Run from anywhere; existing corpus files are kept.
set -euo pipefail
cd "$(dirname "$0")"
root=..
seed() { # seed TARGET FILE: copy FILE into the target's corpus under a name from its path
  local dir="corpus/$1"
  mkdir -p "$dir"
  cp "$2" "$dir/$(printf '%s' "$2" | tr '/.' '__')"
}
while IFS= read -r -d '' f; do seed inputs "$f"; done \
  < <(find "$root/testdata" -type f \( -name '*.yaml' -o -name '*.yml' -o -name '*.json' -o -name '*.jsonl' \) -not -path '*/golden/*' -print0)
while IFS= read -r -d '' f; do seed facts_evaluate "$f"; done \
  < <(find "$root/testdata/facts" -type f -name '*.json' -print0)
while IFS= read -r -d '' f; do seed rego_load "$f"; done \
  < <(find "$root/policies" "$root/testdata" -type f -name '*.rego' -print0)
# One seed per event line and per image reference.
mkdir -p corpus/event_stream corpus/image_ref
n=0
while IFS= read -r line; do
  n=$((n + 1)); printf '%s' "$line" > "corpus/event_stream/line-$n"
done < <(cat "$root"/testdata/events/*.jsonl "$root"/testdata/examples/quickstart/runtime.json 2>/dev/null)
n=0
while IFS= read -r image; do
  n=$((n + 1)); printf '%s' "$image" > "corpus/image_ref/image-$n"
done < <(grep -rhoE 'image: *"?[^" ,}]+' "$root/testdata" | sed -E 's/image: *"?//' | sort -u)
for target in corpus/*; do
  printf '%s: %s seeds\n' "${target#corpus/}" "$(find "$target" -type f | wc -l)"
done
