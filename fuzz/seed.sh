#!/usr/bin/env bash
# Seeds the fuzz corpora from the real programmes (and the test fixtures): run from fuzz/.
# load_part: one file per part, its first byte the part's index in Part::ALL;
# check_folder: each programme's parts joined by a line `%%`, in Part::ALL's order;
# render: the programmes' YAML as raw bytes (libFuzzer's `arbitrary` reads them as strings).
set -euo pipefail
cd "$(dirname "$0")"
parts=(programme institutions situation svid goals indicators plan monitoring)
mkdir -p corpus/load_part corpus/check_folder corpus/render
for dir in ../programmes/*/ ../tests/fixtures/*/; do
  name=$(basename "$dir")
  folder=corpus/check_folder/$name
  : > "$folder"
  for i in "${!parts[@]}"; do
    part=${parts[$i]}
    file=$dir$part.yaml
    if [ -f "$file" ]; then
      { printf "\\x$(printf %02x "$i")"; cat "$file"; } > "corpus/load_part/$name-$part"
      cat "$file" >> "$folder"
      # The render target reads strings; a part's first lines are enough of a seed.
      head -c 4096 "$file" > "corpus/render/$name-$part"
    fi
    [ "$i" -lt 7 ] && printf '\n%%%%\n' >> "$folder"
  done
done
ls corpus/* | wc -l
