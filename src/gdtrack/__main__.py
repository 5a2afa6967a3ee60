"""The entry point (`gdtrack`, `python -m gdtrack`). `--lang en` on the command line chooses the language before
the commands are declared, so that `gdtrack status --help --lang en` is English too (help texts are fixed when the
CLI is imported; GDTRACK_LANG is what chooses them)."""

import os
import sys


def main() -> None:
    args = sys.argv[1:]
    for i, arg in enumerate(args):
        chosen = (args[i + 1] if arg == "--lang" and i + 1 < len(args) else
                  arg.removeprefix("--lang=") if arg.startswith("--lang=") else None)
        if chosen in ("zh", "en"):
            os.environ["GDTRACK_LANG"] = chosen
    from gdtrack.cli import main as run

    run()


if __name__ == "__main__":
    main()
