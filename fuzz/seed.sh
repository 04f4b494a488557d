#!/bin/sh
# Seeds the corpora of the text targets with the `.wit` files of the shared
# corpus (real-world WIT, see its README.md) and of this repository. The
# corpus directories are git-ignored; libFuzzer adds what it finds to them.
set -eu
cd "$(dirname "$0")"
# The shared corpus sits beside the repository (../shared/corpus), as in CI.
shared=${1:-../../shared/corpus}
for target in parse_analyze format; do
    mkdir -p "corpus/$target"
    # Named by content, so that re-running adds no duplicates.
    find "$shared" ../examples ../tests ../crates -name '*.wit' -type f -size -64k 2>/dev/null |
        while IFS= read -r file; do
            cp "$file" "corpus/$target/$(sha1sum <"$file" | cut -c1-40)"
        done
done
# The structured targets (document_edits, lsp_session) decode their input
# with `arbitrary`; a `.wit` file is no better a seed there than noise.
mkdir -p corpus/document_edits corpus/lsp_session
echo "seeded: $(ls corpus/parse_analyze | wc -l) files for parse_analyze and format"
