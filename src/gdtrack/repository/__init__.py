"""The data repository: earlier plans, recording figures, forms, git history, scaffolding."""
