"""Load chronograph's jsonl export into a pandas DataFrame.

Usage: pandas_check.py EVENTS.jsonl

Prints the number of rows, negated rows, meet events, dated events, the
sum of the sources column, and whether the hostile actor's id came through.
"""
import sys

import pandas as pd

events = pd.read_json(sys.argv[1], lines=True, dtype={"date": str})
for col in ["date", "type", "cameo", "plover", "source", "target", "source_codes", "negated",
            "sources", "documents", "sentence"]:
    assert col in events.columns, col
assert events.negated.dtype == bool, events.negated.dtype
dated = (events.granularity != "").sum()
evil = (events.source_ids == 'evil"id\\').any()
print(f"rows={len(events)} negated={events.negated.sum()} meet={(events.type == 'meet').sum()} "
      f"dated={dated} sources={events.sources.sum()} evil={evil}")
