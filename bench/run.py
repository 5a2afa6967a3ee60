"""gdtrack's benchmark: one command that generates synthetic plans and times gdtrack against its floor and a peer.

    python bench/run.py --scale 100                 # the budgets are judged at ×100
    python bench/run.py --scale 1 10 100 --runs 5   # growth from ×1 to ×100
    python bench/run.py --scale 100 --out bench/results.md

Every measured command runs as a whole process, `--runs` times after one untimed warm-up; the table shows the
median, the spread (min–max) and the peak resident memory (via GNU `/usr/bin/time -f %M`, else a small Python
wrapper reading `ru_maxrss` of its child). Budgets are printed as PASS/FAIL; the exit status is 0 whatever they
say (this is a report) and non-zero only when the harness itself fails (a command errors, data cannot be made).
See bench/README.md for what each line measures.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shlex
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bench.generate import generate  # noqa: E402

PY = sys.executable
BIN = Path(PY).parent
AS_OF = "2023-12-31"

FLOOR = """\
import pathlib, sys, yaml
files = [pathlib.Path(sys.argv[1]), *sorted(pathlib.Path(sys.argv[2]).glob("*.yaml"))]
for path in files:
    with open(path, encoding="utf-8") as f:
        yaml.load(f, Loader=yaml.CSafeLoader)
"""

# The fast reader gdtrack's clean path uses (gdtrack.files.fastyaml): the least a strict YAML tool can pay with
# the fastest reader that installs as a wheel everywhere (see bench/README.md for the candidates measured).
FAST_FLOOR = """\
import pathlib, sys, yaml_rs
files = [pathlib.Path(sys.argv[1]), *sorted(pathlib.Path(sys.argv[2]).glob("*.yaml"))]
for path in files:
    yaml_rs.loads(path.read_text(encoding="utf-8"))
"""

# The cache's own load: every entry in the folder unpickled by the cache's unpickler (tags not checked), nothing
# else. A warm status on unchanged files cannot do less.
CACHE_FLOOR = """\
import io, pathlib, sys
from gdtrack.files.cache import _TAG, _Unpickler
for path in sorted(pathlib.Path(sys.argv[1]).glob("*.*")):
    if path.suffix in (".pickle", ".memo"):
        _Unpickler(io.BytesIO(path.read_bytes()[_TAG:])).load()
"""

# The least any command pays that is built, as gdtrack is, on typer, pydantic models and PyYAML: a typer command
# with one option (typer 0.29+ coerces options through pydantic TypeAdapters), one model built and used, and
# PyYAML imported. Nothing is read. gdtrack's own start-up work is what `status` costs above this.
STACK = """\
import typer, yaml
from pathlib import Path
from pydantic import BaseModel


class Plan(BaseModel):
    title: str


def main(catalogue: Path = Path("data/tasks_2023.yaml")) -> None:
    Plan(title=str(catalogue))


typer.run(main)
"""

# The outputs' floors (issue 27, item 3), each the least the same work costs with the library gdtrack uses:
# every form read once in openpyxl's read-only mode, every value looked at, nothing decided or written.
FORMS_FLOOR = """\
import pathlib, sys
from openpyxl import load_workbook
for path in sorted(pathlib.Path(sys.argv[1]).glob("*.xlsx")):
    wb = load_workbook(path, read_only=True, data_only=True)
    for ws in wb.worksheets:
        for row in ws.iter_rows(values_only=True):
            pass
    wb.close()
"""

# The ledger's cells (every sheet's values, taken from gdtrack's own ledger beforehand) written by a plain
# openpyxl write-only workbook: no styles, widths or print set-up.
LEDGER_FLOOR = """\
import pickle, sys
from openpyxl import Workbook
sheets = pickle.load(open(sys.argv[1], "rb"))
wb = Workbook(write_only=True)
for title, rows in sheets:
    ws = wb.create_sheet(title)
    for row in rows:
        ws.append(row)
wb.save(sys.argv[2])
"""

# The bulletin's paragraphs and tables (their texts, in order, taken from gdtrack's own .docx beforehand) written
# by plain python-docx calls: add_paragraph, add_table and cell.text, no styles.
DOCX_FLOOR = """\
import pickle, sys
from docx import Document
doc = Document()
for kind, body in pickle.load(open(sys.argv[1], "rb")):
    if kind == "p":
        doc.add_paragraph(body)
        continue
    table = doc.add_table(rows=0, cols=max(len(r) for r in body))
    for texts in body:
        cells = table.add_row().cells
        for cell, text in zip(cells, texts):
            cell.text = text
doc.save(sys.argv[2])
"""

WRAPPER = """\
import resource, subprocess, sys, time
t = time.perf_counter()
rc = subprocess.run(sys.argv[2:]).returncode
t = time.perf_counter() - t
with open(sys.argv[1], "w") as f:
    f.write(f"{t} {resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss}")
sys.exit(rc)
"""

# budgets (issue 27): (key, what, limit)
FAST_LIMIT = 2.5  # ×100 check and cold status against the fast reader's parse of the same files
MEM_LIMIT = 1.2  # ×100 check and status peak memory against the C loader's floor
WARM_LIMIT = 1.5  # ×100 warm status against the cache's own load
GROWTH_LIMIT = 11.0
VERSION_LIMIT = 1.3
REAL_STATUS_LIMIT = 2.0  # the daily run, warm, against `import typer`
REAL_COLD_LIMIT = 2.5
WRITE_LIMIT = 2.0  # record / template --add-date on the largest file against `check` of it
OUTPUT_LIMIT = 2.0  # import of every unit's form, export and report -f docx against their floors


class HarnessError(Exception):
    pass


@dataclass
class Result:
    name: str
    scale: int | None  # None: start-up lines, independent of the data
    baseline: str | None  # key of the line this one is compared to
    key: str
    times: list[float] = field(default_factory=list)
    mem_kib: list[int] = field(default_factory=list)
    error: str | None = None
    skipped: str | None = None

    @property
    def median(self) -> float:
        return statistics.median(self.times)

    @property
    def peak_mib(self) -> float:
        return max(self.mem_kib) / 1024


def _tool(name: str) -> str | None:
    beside = BIN / name
    if beside.exists():
        return str(beside)
    return shutil.which(name)


def _gnu_time() -> str | None:
    """GNU time, if it is there and understands -f/-o (BSD time on macOS does not)."""
    path = "/usr/bin/time"
    if not os.access(path, os.X_OK):
        return None
    with tempfile.NamedTemporaryFile("r", suffix=".txt") as f:
        r = subprocess.run([path, "-f", "%M", "-o", f.name, "true"], capture_output=True)
        try:
            ok = r.returncode == 0 and int(Path(f.name).read_text().split()[-1]) > 0
        except (ValueError, IndexError):
            ok = False
    return path if ok else None


class Runner:
    def __init__(self, runs: int, mem_tool: str, cwd: Path, env: dict[str, str]):
        self.runs, self.cwd, self.env = runs, cwd, env
        self.time_bin = _gnu_time() if mem_tool in ("auto", "time") else None
        if mem_tool == "time" and self.time_bin is None:
            raise HarnessError("--mem-tool time: GNU /usr/bin/time with -f is not available")
        self.mem_note = "GNU /usr/bin/time -f %M" if self.time_bin else "a Python wrapper reading ru_maxrss"

    def once(self, cmd: list[str], env: dict[str, str] | None = None) -> tuple[float, int]:
        with tempfile.NamedTemporaryFile("r", suffix=".txt") as f:
            if self.time_bin:
                full = [self.time_bin, "-f", "%M", "-o", f.name, *cmd]
            else:
                full = [PY, "-c", WRAPPER, f.name, *cmd]
            t0 = time.perf_counter()
            r = subprocess.run(full, cwd=self.cwd, env=self.env | (env or {}), stdout=subprocess.DEVNULL,
                               stderr=subprocess.PIPE)
            elapsed = time.perf_counter() - t0
            if r.returncode != 0:
                tail = r.stderr.decode("utf-8", "replace").strip().splitlines()[-3:]
                raise HarnessError(f"exit {r.returncode}: {' | '.join(tail)}")
            words = Path(f.name).read_text().split()
        if self.time_bin:
            return elapsed, int(words[-1])
        rss = int(words[1])
        return float(words[0]), rss // 1024 if sys.platform == "darwin" else rss  # macOS reports bytes

    def measure_together(self, lines: list[tuple[Result, list[str], dict[str, str] | None]], runs: int) -> list[Result]:
        """Start-up lines are compared with each other: run them in turn, round after round, so that a noisy
        moment on a shared machine falls on all of them rather than on one."""
        for res, _, _ in lines:
            print(f"  {res.name} …", file=sys.stderr, flush=True)
        for round_no in range(runs + 1):  # round 0 is the warm-up
            for res, cmd, env in lines:
                if res.error:
                    continue
                try:
                    t, m = self.once(cmd, env)
                except HarnessError as exc:
                    res.error = str(exc)
                    print(f"    {res.name} failed: {exc}", file=sys.stderr)
                    continue
                if round_no:
                    res.times.append(t)
                    res.mem_kib.append(m)
        return [res for res, _, _ in lines]

    def measure(self, res: Result, cmd: list[str], env: dict[str, str] | None = None) -> Result:
        print(f"  {res.name}{'' if res.scale is None else f' ×{res.scale}'} …", file=sys.stderr, flush=True)
        try:
            self.once(cmd, env)  # warm-up: file cache, .pyc files (and gdtrack's cache, where one is used)
            for _ in range(self.runs):
                t, m = self.once(cmd, env)
                res.times.append(t)
                res.mem_kib.append(m)
        except HarnessError as exc:
            res.error = str(exc)
            print(f"    failed: {exc}", file=sys.stderr)
        return res


def progress_schema(gdtrack: str, folder: Path, env: dict[str, str]) -> tuple[Path, str]:
    """The JSON Schema of progress files: `gdtrack schema progress` once it exists, else from the model."""
    path = folder / "progress.schema.json"
    probe = subprocess.run([gdtrack, "schema", "--help"], capture_output=True, env=env)
    if probe.returncode == 0:
        r = subprocess.run([gdtrack, "schema", "progress"], capture_output=True, env=env)
        if r.returncode != 0:
            raise HarnessError(f"`gdtrack schema progress` failed: {r.stderr.decode(errors='replace').strip()}")
        schema, source = json.loads(r.stdout), "gdtrack schema progress"
    else:
        from gdtrack.models import ProgressFile

        schema, source = ProgressFile.model_json_schema(), "ProgressFile.model_json_schema()"
    path.write_text(json.dumps(schema, ensure_ascii=False, indent=1), encoding="utf-8")
    return path, source


def _fmt_ratio(a: Result, b: Result | None, mem: bool = False) -> str:
    if b is None or not a.times or not b.times:
        return ""
    return f"{(a.peak_mib / b.peak_mib) if mem else (a.median / b.median):.2f}×"


def table(results: list[Result]) -> list[str]:
    by_key = {(r.key, r.scale): r for r in results}
    out = ["| scale | command | median s | spread s (min–max) | peak MiB | time vs baseline | memory vs baseline |",
           "|---|---|---:|---:|---:|---:|---:|"]
    for r in results:
        scale = "—" if r.scale is None else f"×{r.scale}"
        if r.error or r.skipped:
            out.append(f"| {scale} | {r.name} | {'ERROR ' + r.error if r.error else r.skipped} | | | | |")
            continue
        base = by_key.get((r.baseline, r.scale)) if r.baseline else None
        if base is not None and (base.error or base.skipped):
            base = None
        out.append(f"| {scale} | {r.name} | {r.median:.3f} | {min(r.times):.3f}–{max(r.times):.3f} | "
                   f"{r.peak_mib:.1f} | {_fmt_ratio(r, base)} | {_fmt_ratio(r, base, mem=True)} |")
    return out


def growth(results: list[Result], scales: list[int]) -> list[str]:
    keys = list(dict.fromkeys(r.key for r in results if r.scale is not None))
    names = {r.key: r.name for r in results}
    head = "| command | " + " | ".join(f"×{s} s" for s in scales) + " | " + " | ".join(
        f"×{a}→×{b}" for a, b in zip(scales, scales[1:], strict=False)) + " |"
    out = [head, "|---|" + "---:|" * (2 * len(scales) - 1)]
    by_key = {(r.key, r.scale): r for r in results}
    for k in keys:
        rs = [by_key.get((k, s)) for s in scales]
        meds = [r.median if r is not None and r.times else None for r in rs]
        cells = [f"{m:.3f}" if m is not None else "—" for m in meds]
        grow = [f"{b / a:.1f}×" if a and b else "—" for a, b in zip(meds, meds[1:], strict=False)]
        out.append(f"| {names[k]} | " + " | ".join(cells) + " | " + " | ".join(grow) + " |")
    return out


def budgets(results: list[Result], scales: list[int]) -> list[str]:
    by_key = {(r.key, r.scale): r for r in results if r.times and not r.error}
    rows: list[tuple[str, str, str]] = []

    def ratio_row(what: str, a_key: str, b_key: str, scale: int | None, limit: float, mem: bool = False) -> None:
        a, b = by_key.get((a_key, scale)), by_key.get((b_key, scale))
        if a is None or b is None:
            need = "" if scale is None else f" (run with --scale {scale})" if scale not in scales else " (not measured)"
            rows.append((what, "n/a" + need, "n/a"))
            return
        value = (a.peak_mib / b.peak_mib) if mem else (a.median / b.median)
        rows.append((what, f"{value:.3f}×", "PASS" if value <= limit else "FAIL"))

    for cmd in ("check", "status"):
        ratio_row(f"×100 {cmd} time ≤ {FAST_LIMIT}× the fast reader's parse", cmd, "fast", 100, FAST_LIMIT)
        ratio_row(f"×100 {cmd} peak memory ≤ {MEM_LIMIT}× floor (C loader)", cmd, "floor", 100, MEM_LIMIT, mem=True)
    ratio_row(f"×100 status, cache warm ≤ {WARM_LIMIT}× the cache's own load", "status_warm", "cache_floor", 100,
              WARM_LIMIT)
    check, peer = by_key.get(("check", 100)), by_key.get(("peer", 100))
    if check is None or peer is None:
        rows.append(("×100 check faster than check-jsonschema", "n/a (needs ×100 and check-jsonschema)", "n/a"))
    else:
        rows.append(("×100 check faster than check-jsonschema", f"{check.median:.3f} s vs {peer.median:.3f} s",
                     "PASS" if check.median < peer.median else "FAIL"))
    for low, high in ((10, 100), (100, 1000)):
        for cmd in ("check", "status"):
            a, b = by_key.get((cmd, low)), by_key.get((cmd, high))
            what = f"{cmd} growth ×{low}→×{high} ≤ {GROWTH_LIMIT:g}×"
            if a is None or b is None:
                rows.append((what, f"n/a (run with --scale {low} {high})", "n/a"))
            else:
                g = b.median / a.median
                rows.append((what, f"{g:.1f}×", "PASS" if g <= GROWTH_LIMIT else "FAIL"))
    for key, floor, what in (("import", "forms_floor", "import of every unit's form"),
                             ("export", "export_floor", "export of the ledger"),
                             ("docx", "docx_floor", "report -f docx")):
        if (key, 100) in by_key or (floor, 100) in by_key:
            ratio_row(f"×100 {what} ≤ {OUTPUT_LIMIT:g}× its floor", key, floor, 100, OUTPUT_LIMIT)
        else:
            rows.append((f"×100 {what} ≤ {OUTPUT_LIMIT:g}× its floor", "n/a (run with --outputs 100)", "n/a"))
    ratio_row(f"gdtrack --version ≤ {VERSION_LIMIT}× import typer", "version", "typer", None, VERSION_LIMIT)
    ratio_row(f"gdtrack status (real data, cache warm) ≤ {REAL_STATUS_LIMIT:g}× import typer", "real_status", "typer",
              None, REAL_STATUS_LIMIT)
    ratio_row(f"gdtrack status (real data, no cache) ≤ {REAL_COLD_LIMIT:g}× import typer", "real_cold", "typer",
              None, REAL_COLD_LIMIT)
    for key, what in (("record_big", "record"), ("add_date_big", "template --add-date")):
        ratio_row(f"{what} on the largest file ≤ {WRITE_LIMIT:g}× check of it", key, f"check_{key}", None,
                  WRITE_LIMIT)
    stack, typer = by_key.get(("stack", None)), by_key.get(("typer", None))
    for key, what in (("real_status", "cache warm"), ("real_cold", "no cache")):
        real = by_key.get((key, None))
        if real and stack and typer:
            own = real.median - stack.median
            rows.append((f"(not a budget) status's own start-up work, {what}: status − stack floor",
                         f"{real.median / typer.median:.2f}× import typer; {own * 1000:.0f} ms = "
                         f"{own / typer.median:.2f}× above the floor", "info"))
    return ["| budget | measured | result |", "|---|---:|---|", *(f"| {a} | {b} | {c} |" for a, b, c in rows)]


def _largest(path: Path, target: int) -> None:
    """The largest valid progress file of 区经济发展局 of its kind: `target` bytes of daily reports of its goals,
    with short notes (values: up to the value limit) or long ones (bytes: up to the size limit)."""
    import datetime as dt

    own = ["1.1", "2.2", "5.1", "7.1", "8.1", "13.1", "13.2", "13.3", "26.1", "34.2"]
    note = "进展" if target < 1_000_000 else "说" * 600
    lines, day = ["# 示例数据（虚构）", "unit: 区经济发展局", "reports:"], dt.date(2023, 1, 1)
    size = 0
    while size < target and day < dt.date(2023, 12, 1):
        lines += [f"  - as_of: {day}", "    entries:"]
        for i, goal in enumerate(own):
            lines += [f'      - indicator: "{goal}"', f"        value: {day.toordinal() % 1000 + i}",
                      f"        note: {note}", "        evidence: 台账"]
        size = sum(len(x.encode()) + 1 for x in lines)
        day += dt.timedelta(days=1)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def writes(runner: Runner, gdtrack: str, tmp_path: Path) -> list[Result]:
    """`record` on a file near the value limit and `template --add-date` on one near the size limit, each from
    the same file every run (copied back first), against `check` of the same folder."""
    out = []
    for key, target, what, kind, args in (
            ("record_big", 300_000, "record 7.1=400", "near the value limit (35,000 values, 0.3 MB)",
             ["record", "经发局", "--as-of", "2023-12-31", "7.1=400", "--evidence", "台账"]),
            ("add_date_big", 1_990_000, "template --add-date", "near the size limit (2 MB)",
             ["template", "经发局", "--as-of", "2023-12-31", "--add-date"])):
        folder = tmp_path / key
        shutil.copytree(ROOT / "data", folder)
        unit = folder / "progress" / "区经济发展局.yaml"
        _largest(unit, target)
        shutil.copy(unit, folder / "original.yaml")
        cat, prog = str(folder / "tasks_2023.yaml"), str(folder / "progress")
        out.append(runner.measure(Result(f"gdtrack check, the real data with one file {kind}", None, None,
                                         f"check_{key}"), [gdtrack, "check", "-c", cat, "-p", prog]))
        output = ["-o", str(unit)] if key == "add_date_big" else []
        command = shlex.join([gdtrack, *args, *output, "-c", cat, "-p", prog])
        restore = shlex.join(["cp", str(folder / "original.yaml"), str(unit)])  # the same file every run
        out.append(runner.measure(Result(f"gdtrack {what} on that file", None, f"check_{key}", key),
                                  ["sh", "-c", f"{restore} && {command}"]))
    return out


def big_plan(catalogue: Path) -> dict[str, str]:
    """The environment that lets gdtrack read a catalogue over its default limit (none for one within it)."""
    mib = catalogue.stat().st_size / 2**20
    return {} if mib <= 16 else {"GDTRACK_CATALOGUE_MB": str(min(1024, int(mib) + 9))}


def _ledger_cells(path: Path, out: Path) -> None:
    """Every sheet's title and rows of values of the ledger at `path`, pickled to `out` (LEDGER_FLOOR's input)."""
    import pickle

    from openpyxl import load_workbook

    wb = load_workbook(path, read_only=True)
    sheets = [(ws.title, [list(row) for row in ws.iter_rows(values_only=True)]) for ws in wb.worksheets]
    wb.close()
    out.write_bytes(pickle.dumps(sheets))


def _docx_parts(path: Path, out: Path) -> None:
    """The body of the .docx at `path` in order: ("p", text) per paragraph, ("t", rows of cell texts) per table,
    pickled to `out` (DOCX_FLOOR's input)."""
    import pickle

    from docx import Document
    from docx.oxml.ns import qn

    doc = Document(str(path))
    parts: list[tuple[str, object]] = []
    for child in doc.element.body.iterchildren():
        if child.tag == qn("w:p"):
            parts.append(("p", "".join(t.text or "" for t in child.iter(qn("w:t")))))
        elif child.tag == qn("w:tbl"):
            rows = [["".join(t.text or "" for t in tc.iter(qn("w:t"))) for tc in tr.iterchildren(qn("w:tc"))]
                    for tr in child.iterchildren(qn("w:tr"))]
            parts.append(("t", [r for r in rows if r]))
    out.write_bytes(pickle.dumps(parts))


def outputs(runner: Runner, gdtrack: str, tmp_path: Path, scale: int, seed: int) -> tuple[list[Result], str]:
    """Issue 27's outputs at `scale`, each against its own floor: `import` of every unit's filled form (bench/forms.py:
    each unit's last report moved onto its form), `export` of the ledger, `report -f docx` and `-f html`."""
    from bench.forms import make_forms

    folder = tmp_path / f"forms-x{scale}"
    print(f"making ×{scale}'s filled forms into {folder} …", file=sys.stderr, flush=True)
    t0 = time.perf_counter()
    forms = make_forms(scale, folder, seed)
    made = f"- ×{scale} forms: {len(forms):,} filled forms (bench/forms.py, made in {time.perf_counter() - t0:.0f} s)"
    cat, prog, work = folder / "tasks.yaml", folder / "progress", folder / "work"
    out: list[Result] = []
    m = runner.measure
    out.append(m(Result(f"floor: openpyxl read-only pass over the {len(forms):,} forms", scale, None, "forms_floor"),
                 [PY, "-c", FORMS_FLOOR, str(folder / "forms")]))
    fresh = shlex.join(["rm", "-rf", str(work)]) + " && " + shlex.join(["cp", "-r", str(prog), str(work)])
    # the shell expands the forms' names (one `sh -c` argument may not hold 2,100 of them: MAX_ARG_STRLEN)
    command = (shlex.join([gdtrack, "import"]) + f" {shlex.quote(str(folder / 'forms'))}/*.xlsx "
               + shlex.join(["-c", str(cat), "-p", str(work)]))
    out.append(m(Result(f"gdtrack import of the {len(forms):,} forms (a fresh copy of the folder each run)", scale,
                        "forms_floor", "import"), ["sh", "-c", f"{fresh} && {command}"]))
    base = ["--as-of", AS_OF, "-c", str(cat), "-p", str(prog)]
    ledger, cells = tmp_path / "ledger.xlsx", tmp_path / "ledger.pickle"
    export = [gdtrack, "export", *base, "-o", str(ledger)]
    subprocess.run(export, env=runner.env, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _ledger_cells(ledger, cells)
    out.append(m(Result("floor: openpyxl write-only of the ledger's cells (values only)", scale, None,
                        "export_floor"), [PY, "-c", LEDGER_FLOOR, str(cells), str(tmp_path / "plain.xlsx")]))
    out.append(m(Result("gdtrack export -o 台账.xlsx", scale, "export_floor", "export"), export))
    bulletin, parts = tmp_path / "bulletin.docx", tmp_path / "bulletin.pickle"
    docx = [gdtrack, "report", *base, "-f", "docx", "-o", str(bulletin)]
    subprocess.run(docx, env=runner.env, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _docx_parts(bulletin, parts)
    out.append(m(Result("floor: python-docx of the bulletin's paragraphs and tables (texts only)", scale, None,
                        "docx_floor"), [PY, "-c", DOCX_FLOOR, str(parts), str(tmp_path / "plain.docx")]))
    out.append(m(Result("gdtrack report -f docx", scale, "docx_floor", "docx"), docx))
    out.append(m(Result("gdtrack status --format json (the evaluation the bulletins rest on)", scale, None,
                        "status_forms"), [gdtrack, "status", "--format", "json", *base]))
    out.append(m(Result("gdtrack report -f html", scale, "status_forms", "html"),
                 [gdtrack, "report", *base, "-f", "html", "-o", str(tmp_path / "bulletin.html")]))
    return out, made


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description="Benchmark gdtrack on synthetic plans against its floor and a peer.")
    ap.add_argument("--scale", type=int, nargs="+", default=[100], help="scale factors (default: 100)")
    ap.add_argument("--runs", type=int, default=5, help="timed runs per command, after one warm-up (default: 5)")
    ap.add_argument("--startup-runs", type=int, default=20,
                    help="timed rounds of the start-up lines, run in turn (default: 20)")
    ap.add_argument("--out", type=Path, help="also write the report (markdown) to this file")
    ap.add_argument("--seed", type=int, default=2023, help="generator seed (default: 2023)")
    ap.add_argument("--data", type=Path, help="keep the generated data under DIR/x<scale> instead of a temp folder")
    ap.add_argument("--outputs", type=int, metavar="SCALE",
                    help="also time import of every unit's form, export and report -f docx/html at SCALE, each "
                         "against its floor (issue 27's budgets are at 100; the forms take minutes to make)")
    ap.add_argument("--mem-tool", choices=["auto", "time", "python"], default="auto",
                    help="how peak memory is read: GNU time, or a Python wrapper (default: auto)")
    args = ap.parse_args(argv)
    if args.runs < 1 or args.startup_runs < 1 or any(s < 1 for s in args.scale) or (args.outputs or 1) < 1:
        ap.error("--runs, --startup-runs, --scale and --outputs must be at least 1")
    scales = sorted(set(args.scale))

    gdtrack = _tool("gdtrack")
    if gdtrack is None:
        print("bench: error: no `gdtrack` next to this Python or on PATH; install the project first", file=sys.stderr)
        return 2
    cjs = _tool("check-jsonschema")
    # Measure what users run: installed byte-code caches in use (a session may set PYTHONDONTWRITEBYTECODE,
    # which would recompile gdtrack's modules on every start), no colour, no GDTRACK_* overrides. gdtrack's cache
    # of loaded files is off unless a line says otherwise: the budgets are about parsing and validating.
    env = {k: v for k, v in os.environ.items()
           if not k.startswith("GDTRACK_") and k != "PYTHONDONTWRITEBYTECODE"} | {"NO_COLOR": "1",
                                                                                "GDTRACK_CACHE": "off"}
    try:
        runner = Runner(args.runs, args.mem_tool, ROOT, env)
    except HarnessError as exc:
        print(f"bench: error: {exc}", file=sys.stderr)
        return 2

    def version(cmd: list[str]) -> str:
        r = subprocess.run(cmd, capture_output=True, text=True, env=env)
        return r.stdout.strip().splitlines()[0] if r.returncode == 0 and r.stdout.strip() else "?"

    results: list[Result] = []
    data_lines: list[str] = []
    with tempfile.TemporaryDirectory(prefix="gdtrack-bench-") as tmp:
        tmp_path = Path(tmp)
        try:
            schema, schema_source = progress_schema(gdtrack, tmp_path, env)
        except HarnessError as exc:
            print(f"bench: error: {exc}", file=sys.stderr)
            return 2
        for scale in scales:
            folder = (args.data if args.data else tmp_path) / f"x{scale}"
            print(f"generating ×{scale} into {folder} …", file=sys.stderr, flush=True)
            t0 = time.perf_counter()
            try:
                counts = generate(scale, folder, args.seed)
            except (OSError, ValueError) as exc:
                print(f"bench: error: generating ×{scale}: {exc}", file=sys.stderr)
                return 2
            data_lines.append(
                f"- ×{scale}: {counts['tasks']:,} tasks, {counts['indicators']:,} indicators, {counts['units']:,} "
                f"units / progress files, {counts['report_dates']} report dates, {counts['entries']:,} entries, "
                f"{counts['bytes'] / 2**20:.1f} MiB (generated in {time.perf_counter() - t0:.1f} s)")
            cat, prog = str(folder / "tasks.yaml"), str(folder / "progress")
            files = [str(p) for p in sorted(Path(prog).glob("*.yaml"))]
            big = big_plan(Path(cat))  # ×1000's catalogue is over the default limit: raised for gdtrack's lines
            if big:
                data_lines.append(f"- ×{scale}: the catalogue is over its default limit of 16 MiB; gdtrack's "
                                  f"lines run with GDTRACK_CATALOGUE_MB={big['GDTRACK_CATALOGUE_MB']}")

            def m(res: Result, cmd: list[str], env: dict[str, str] | None = None, big=big) -> Result:
                return runner.measure(res, cmd, {**big, **(env or {})})
            results.append(m(Result("floor: yaml.load(CSafeLoader) of every file", scale, None, "floor"),
                             [PY, "-c", FLOOR, cat, prog]))
            results.append(m(Result("floor: yaml-rs (the fast reader) of every file", scale, "floor", "fast"),
                             [PY, "-c", FAST_FLOOR, cat, prog]))
            results.append(m(Result("gdtrack check", scale, "floor", "check"),
                             [gdtrack, "check", "-c", cat, "-p", prog]))
            results.append(m(Result("gdtrack status --format json", scale, "floor", "status"),
                             [gdtrack, "status", "--as-of", AS_OF, "--format", "json", "-c", cat, "-p", prog]))
            results.append(m(Result("gdtrack lagging", scale, "floor", "lagging"),
                             [gdtrack, "lagging", "--as-of", AS_OF, "-c", cat, "-p", prog]))
            results.append(m(Result("(info) gdtrack status --format json, cache warm", scale, "floor", "status_warm"),
                             [gdtrack, "status", "--as-of", AS_OF, "--format", "json", "-c", cat, "-p", prog],
                             {"GDTRACK_CACHE": str(tmp_path / f"cache{scale}")}))
            results.append(m(Result("(info) floor: the cache's own load (unpickle every entry)", scale, "floor",
                                    "cache_floor"), [PY, "-c", CACHE_FLOOR, str(tmp_path / f"cache{scale}")]))
            peer = Result("peer: check-jsonschema (schema only)", scale, "floor", "peer")
            if cjs is None:
                peer.skipped = "not installed (pip install check-jsonschema)"
            else:
                m(peer, [cjs, "--schemafile", str(schema), *files])
            results.append(peer)
        results += writes(runner, gdtrack, tmp_path)
        if args.outputs:
            made, line = outputs(runner, gdtrack, tmp_path, args.outputs, args.seed)
            results += made
            data_lines.append(line)
        real = [gdtrack, "status", "-c", "data/tasks_2023.yaml", "-p", "data/progress"]
        results += runner.measure_together([
            (Result("start-up: python -c 'import typer'", None, None, "typer"), [PY, "-c", "import typer"], None),
            (Result("gdtrack --version", None, "typer", "version"), [gdtrack, "--version"], None),
            (Result("stack floor: typer command + pydantic model + import yaml", None, "typer", "stack"),
             [PY, "-c", STACK, "--catalogue", "data/tasks_2023.yaml"], None),
            (Result("gdtrack status, real data, cache warm (the daily run)", None, "typer", "real_status"), real,
             {"GDTRACK_CACHE": str(tmp_path / "cache")}),
            (Result("gdtrack status, real data, no cache (new reports, or GDTRACK_CACHE=off)", None, "typer",
                    "real_cold"), real, None),
        ], args.startup_runs)

    report = [
        "## gdtrack benchmark",
        "",
        f"{version([gdtrack, '--version'])}, Python {platform.python_version()}, {platform.system()} "
        f"{platform.machine()}, {os.cpu_count()} CPUs; "
        f"{version([cjs, '--version']) if cjs else 'check-jsonschema not installed'}.",
        f"{args.runs} timed runs per command after 1 warm-up ({args.startup_runs} rounds for the start-up lines, "
        f"run in turn); median and min–max wall time of the whole process; "
        f"peak RSS via {runner.mem_note}. Query date {AS_OF}; peer schema from `{schema_source}`.",
        "",
        f"Data (bench/generate.py, seed {args.seed}):",
        *data_lines,
        "",
        *table(results),
        "",
        "Baseline: the floor (C loader) for the fast reader, check, status, lagging and the peer (same scale); "
        "`import typer` for start-up lines; `check` of the same folder for the writes.",
    ]
    if len(scales) > 1:
        report += ["", "Growth of the median time:", "", *growth(results, scales)]
    report += ["", "Budgets:", "", *budgets(results, scales)]
    text = "\n".join(report) + "\n"
    print(text)
    if args.out:
        args.out.write_text(text, encoding="utf-8")
    errors = [r for r in results if r.error]
    if errors:
        print(f"bench: error: {len(errors)} command(s) failed: {', '.join(r.name for r in errors)}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
