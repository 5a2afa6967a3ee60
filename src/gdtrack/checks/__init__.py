"""Checks: the rules over loaded files, as Diagnostics; the workspace they are run on."""
