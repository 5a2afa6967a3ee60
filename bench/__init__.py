"""gdtrack's benchmark: a synthetic-plan generator (`generate.py`) and the timing harness (`run.py`)."""
