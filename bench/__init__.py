"""mxt's benchmark suite (issue 6): synthetic announcement streams and one-run measurements.

python -m bench --size 1000000            # writes bench/RESULTS.md
python -m bench.generate --size 10000 --out bench/out/stream.jsonl
"""
