"""The alerts of SPEC §10, by name: what a watch may ask for (`mxt watch add --alert`) and what
`projections/rules/alerts.py` decides. The vocabulary only: when each holds is a rule of the
read side."""

from __future__ import annotations

OVERDUE, SLIPPED, OUT_OF_REACH, BEHIND = "overdue", "slipped", "out-of-reach", "behind"
CONFLICT, CLAIM_FAILS, TARGET_REVISED, EXIT = "conflict", "claim-fails", "target-revised", "exit"
ALERT_KINDS = (OVERDUE, SLIPPED, OUT_OF_REACH, BEHIND, CONFLICT, CLAIM_FAILS, TARGET_REVISED, EXIT)
