#!/bin/sh
# run.sh measures key-date selection against the journalists' timelines of
# Timeline17: for each gold timeline, ingest its topic's articles into a fresh
# store, ask for as many key dates as the timeline has, and score the dates
# with ../shared/eval/score_timeline.py (date F1). It prints one line per
# timeline and the mean. Nothing is written to the repository.
#
#   timeline/testdata/eval/run.sh [SHARED [WORK]]
#
# SHARED defaults to ../shared next to the repository, WORK to a new
# directory under /tmp; set CG to a chronograph binary to skip the build.
# Extra flags for `chronograph timeline` can be given in TIMELINE_FLAGS.
set -eu
repo=$(cd "$(dirname "$0")/../../.." && pwd)
shared=${1:-$repo/../shared}
work=${2:-$(mktemp -d /tmp/chronograph-tl-eval.XXXXXX)}
gold=$shared/corpus/timeline17-timelines.jsonl
mkdir -p "$work"
if [ -z "${CG:-}" ]; then
	CG=$work/chronograph
	(cd "$repo" && go build -o "$CG" ./cmd/chronograph)
fi
# One JSONL file per topic, and the number of distinct gold dates per timeline.
python3 - "$shared/corpus/timeline17.jsonl.gz" "$gold" "$work" <<'PY'
import gzip, json, sys
src, gold, work = sys.argv[1:]
out = {}
for line in gzip.open(src, "rt", encoding="utf-8"):
    topic = json.loads(line)["topic"]
    if topic not in out:
        out[topic] = open(f"{work}/{topic}.jsonl", "w", encoding="utf-8")
    out[topic].write(line)
with open(f"{work}/timelines.tsv", "w") as f:
    for line in open(gold, encoding="utf-8"):
        g = json.loads(line)
        f.write(f"{g['topic']}\t{len({e['date'] for e in g['entries']})}\n")
PY
: > "$work/scores.jsonl"
while IFS="$(printf '\t')" read -r topic k; do
	db=$work/db-$topic
	if [ ! -d "$db" ]; then
		"$CG" ingest --db "$db" "$work/$topic.jsonl" > /dev/null
	fi
	# shellcheck disable=SC2086
	"$CG" timeline --db "$db" --key-dates "$k" --format json ${TIMELINE_FLAGS:-} > "$work/$topic.json"
	python3 "$shared/eval/score_timeline.py" "$gold" "$topic" "$work/$topic.json" >> "$work/scores.jsonl"
done < "$work/timelines.tsv"
python3 - "$work/scores.jsonl" <<'PY'
import json, sys
rs = [json.loads(l) for l in open(sys.argv[1])]
for r in rs:
    print(f"{r['topic']:24s} {r['date_f1']:.4f}")
print(f"{'mean':24s} {sum(r['date_f1'] for r in rs) / len(rs):.4f}")
PY
