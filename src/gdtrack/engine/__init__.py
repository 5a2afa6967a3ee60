"""The pure engine: 序时进度, completion, status, roll-ups, history, escalation, forecast, comparisons."""
