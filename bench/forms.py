"""Filled report forms (报送表) for the import bench: the generated plan with every unit's last report
(2023-12-31) taken out of its progress file and put on the unit's form instead, as a clerk would fill it in.

    python bench/forms.py --scale 100 --out /tmp/gd-forms     # writes tasks.yaml, progress/ and forms/

Importing `forms/*.xlsx` into `progress/` then writes back the reports that were taken out (the same figures,
notes and sources). Units that miss their last report (about 10 %) get a form left blank, as some come back.
The figures are the generator's, synthetic (bench/generate.py), not official statistics.
"""

from __future__ import annotations

import argparse
import io
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bench.generate import generate  # noqa: E402

LAST = "2023-12-31"


def _cut_last(text: str) -> tuple[str, str]:
    """The progress file's text without its report dated LAST (the generator writes it last), and that report."""
    mark = f"  - as_of: {LAST}\n"
    at = text.find(mark)
    if at < 0:
        return text, ""
    end = text.find("\n", at + len(mark))
    while end >= 0 and text[end + 1:end + 5] == "    ":
        end = text.find("\n", end + 1)
    end = len(text) if end < 0 else end + 1
    return text[:at] + text[end:], text[at:end]


def make_forms(scale: int, out: Path, seed: int = 2023) -> list[Path]:
    """Generate the plan in `out`, move each unit's last report onto its form in `out/forms`; the forms' paths."""
    import datetime as dt

    import yaml
    from openpyxl import load_workbook

    from gdtrack.files.loading import load, load_catalogue, progress_paths
    from gdtrack.models import STATE_WORDS, ProgressFile
    from gdtrack.repository.forms import COLUMNS, FIRST_ROW
    from gdtrack.views.form_xlsx import form_xlsx

    generate(scale, out, seed)
    taken: dict[str, list[dict]] = {}
    for path in progress_paths(out / "progress"):
        text, last = _cut_last(path.read_text(encoding="utf-8"))
        path.write_text(text, encoding="utf-8")
        if last:
            taken[path.stem] = yaml.safe_load(last.replace("  - as_of", "- as_of", 1).replace("\n  ", "\n"))[0][
                "entries"]
    cat = load_catalogue(out / "tasks.yaml").model
    files = [f.model for f in (load(p, ProgressFile) for p in progress_paths(out / "progress")) if f.model]
    words = {state: word for word, state in STATE_WORDS.items()}
    column = {key: COLUMNS.index(key) + 1 for key in ("value", "note", "evidence")}
    (out / "forms").mkdir(exist_ok=True)
    paths = []
    day = dt.date.fromisoformat(LAST)
    for unit in cat.units:
        wb = load_workbook(io.BytesIO(form_xlsx(cat, unit.name, day, files)))
        ws = wb.worksheets[0]
        figures = {str(e["indicator"]): e for e in taken.get(unit.name, [])}
        for row in range(FIRST_ROW, ws.max_row + 1):
            entry = figures.get(str(ws.cell(row, 1).value))
            if entry is None or entry.get("value") is None:
                continue
            value = entry["value"]
            ws.cell(row, column["value"]).value = words.get(value, value) if isinstance(value, str) else value
            ws.cell(row, column["note"]).value = entry.get("note")
            ws.cell(row, column["evidence"]).value = entry.get("evidence")
        path = out / "forms" / f"{unit.name}-{LAST}.xlsx"
        wb.save(path)
        paths.append(path)
    return paths


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description="Write a synthetic plan and its units' filled forms.")
    ap.add_argument("--scale", type=int, default=1)
    ap.add_argument("--out", type=Path, required=True)
    ap.add_argument("--seed", type=int, default=2023)
    args = ap.parse_args(argv)
    print(f"{len(make_forms(args.scale, args.out, args.seed))} forms in {args.out / 'forms'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
