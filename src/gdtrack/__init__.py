"""gdtrack: track a government key-task plan (重点工作任务) kept as data in git."""

__version__ = "0.1.0"
