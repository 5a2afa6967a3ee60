"""Rendering: tables for the terminal, plain text, Markdown, CSV and JSON."""
