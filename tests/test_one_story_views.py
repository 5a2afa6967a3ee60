"""Issue 21, done when: on the sample data at 2023-09-30 the terminal, the HTML and the Word bulletin, the ledger and
the 督办单 give every goal the same colour, gap, level and forecast.

The expectation for each goal is taken once, from `status --format json` (colour, completion and expected, forecast)
and `escalations --format json` (level), and worded by hand: a gap is (completion − expected) in points, a forecast
"low – high unit verdict". Every view is then read back and held against it; a gap, from fractions the JSON rounds
to four places, must agree within 0.05 points, and every view must print the same one (SHOWN)."""

from __future__ import annotations

import csv
import io
import json
import re

import pytest

from .conftest import CATALOGUE, PROGRESS

DAY = ("--as-of", "2023-09-30", "-c", str(CATALOGUE), "-p", str(PROGRESS))
STATUS = {"done": "完成", "on_track": "序时推进", "behind": "略滞后", "lagging": "滞后", "missed": "未完成",
          "no_report": "未报送", "no_baseline": "缺基数"}
VERDICT = {"on_course": "将完成", "at_risk": "有风险", "unlikely": "难以完成"}


SHOWN: dict[str, set[str]] = {}


def _gap(goal: str, g: dict, shown: str) -> bool:
    """`shown` is the goal's gap as a view prints it ("—" without one): near the JSON's, and what the others print."""
    SHOWN.setdefault(goal, set()).add(shown)
    if g["gap"] is None:
        return shown == "—" and len(SHOWN[goal]) == 1
    return abs(float(shown) - g["gap"]) <= 0.051 and len(SHOWN[goal]) == 1


def _n(x: float) -> str:
    return f"{x:g}" if float(x).is_integer() else f"{x:.2f}".rstrip("0").rstrip(".")


@pytest.fixture(scope="module")
def story():
    from typer.testing import CliRunner

    from gdtrack.cli import app

    def run(*args):
        result = CliRunner().invoke(app, [str(a) for a in (*args, *DAY)])
        assert result.exit_code == 0, result.output
        return result.stdout

    rows = json.loads(run("status", "-f", "json"))["indicators"]
    levels = {e["id"]: e["level"] for e in json.loads(run("escalations", "-f", "json"))["escalations"]}
    goals = {}
    for r in rows:
        gap = None if r["completion"] is None else (r["completion"] - r["expected"]) * 100
        f = r["forecast"]
        if f is None:
            forecast = None
        else:
            span = _n(f["low"]) if f["low"] == f["high"] else f"{_n(f['low'])} – {_n(f['high'])}"
            unit = "%" if r["unit"] == "%" else f" {r['unit'] or ''}".rstrip()
            forecast = f"{span}{unit} {VERDICT[f['verdict']]}"
        goals[r["id"]] = {"colour": STATUS[r["status"]], "gap": gap, "level": levels.get(r["id"]),
                          "forecast": forecast, "owner": r["owner"], "verdict": f and f["verdict"]}
    return run, goals


def test_the_terminal_table(story):
    run, goals = story
    out = run("status", "-f", "csv")  # the table's cells, none clipped
    rows = {r[0]: r for r in csv.reader(io.StringIO(out.removeprefix("\ufeff"))) if r and r[0] in goals}
    assert set(rows) == set(goals)
    for goal, g in goals.items():
        row = rows[goal]
        assert row[-1] == g["colour"] and _gap(goal, g, row[7]), (goal, row)
        assert row[8] == (g["forecast"] or ""), (goal, row)
    escalated = run("escalations")
    for goal, g in goals.items():
        if g["level"]:
            line = next(line for line in escalated.splitlines() if f"  {goal}  " in line)
            assert line.startswith(g["level"]), line


def test_the_ledger(story, tmp_path):
    openpyxl = pytest.importorskip("openpyxl")
    run, goals = story
    path = tmp_path / "台账.xlsx"
    run("export", "-o", path)
    ws = openpyxl.load_workbook(path)["全部指标"]
    seen = {r[2].value: r for r in ws.iter_rows(min_row=4)}
    assert set(seen) == set(goals)
    for goal, g in goals.items():
        r = seen[goal]
        assert _gap(goal, g, "—" if r[11].value is None else f"{r[11].value:+.1f}"), goal
        assert (r[12].value, r[13].value, r[14].value) == (g["colour"], g["level"], g["forecast"]), goal


def test_the_html_bulletin(story):
    run, goals = story
    page = run("report", "-f", "html")
    for goal, g in goals.items():
        if f'id="goal-{goal}"' not in page:
            continue  # the lagging list holds the goals that lag; the rest are counted above it
        row = page.split(f'id="goal-{goal}"', 1)[1].split("</tr>", 1)[0]
        assert f">{g['colour']}<" in row, (goal, row)
        if g["gap"] is not None:
            assert _gap(goal, g, re.search(r">([+-]\d+\.\d)<", row).group(1)), (goal, row)
    escalations = page.split('id="escalations"', 1)[1].split("</section>", 1)[0]
    rows = {m.group(2): m.group(0) for m in re.finditer(r"<tr><td[^>]*>([^<]+)</td><td[^>]*>\d+</td>"
                                                           r"<td[^>]*>([\d.]+) (?:(?!</tr>).)*</tr>", escalations)}
    for goal, g in goals.items():
        if g["level"]:
            row = rows[goal]
            assert row.startswith(f'<tr><td class="nowrap">{g["level"]}<') and f">{g['colour']}<" in row, row
            if g["gap"] is not None:
                assert _gap(goal, g, re.search(r">([+-]\d+\.\d)<", row).group(1)), row
    assert set(rows) == {k for k, g in goals.items() if g["level"]}
    outlook = page.split('id="outlook"', 1)[1].split("</section>", 1)[0]
    for goal, g in goals.items():
        if g["verdict"] in ("at_risk", "unlikely"):
            span = g["forecast"].rsplit(" ", 1)[0]
            assert span in outlook and VERDICT[g["verdict"]] in outlook, goal


def _docx_rows(path):
    from docx import Document

    return [[c.text for c in row.cells] for t in Document(str(path)).tables for row in t.rows]


def test_the_word_bulletin(story, tmp_path):
    pytest.importorskip("docx")
    run, goals = story
    path = tmp_path / "通报.docx"
    run("report", "-f", "docx", "-o", path)
    rows = _docx_rows(path)
    checked = set()
    for row in rows:
        if row and row[0] in goals and len(row) == 10:  # the lagging table
            g = goals[row[0]]
            assert row[8] == g["colour"] and _gap(row[0], g, row[5]), row
            checked.add("lagging")
        if len(row) > 1 and row[1] in goals and row[0] in ("提醒", "督办", "通报"):  # the escalations table
            g = goals[row[1]]
            assert row[0] == g["level"] and _gap(row[1], g, row[5]), row
            checked.add("escalations")
        if row and row[0] in goals and len(row) == 6:  # the year-end outlook
            g = goals[row[0]]
            span, verdict = g["forecast"].rsplit(" ", 1)
            assert (row[3], row[5]) == (span, verdict), row
            checked.add("outlook")
    assert checked == {"lagging", "escalations", "outlook"}


def test_every_notice(story, tmp_path):
    pytest.importorskip("docx")
    from docx import Document

    run, goals = story
    units = sorted({g["owner"] for g in goals.values() if g["level"] in ("督办", "通报")})
    assert units
    for unit in units:
        path = tmp_path / f"{unit}.docx"
        run("notice", unit, "-o", path)
        doc = Document(str(path))
        headings = [p.text for p in doc.paragraphs if re.match(r"（[一二三四五六七八九十]+）", p.text)]
        for heading, table in zip(headings, doc.tables, strict=True):
            goal = heading.split("）", 1)[1].split("　", 1)[0]
            g = goals[goal]
            assert f"（{g['level']}，" in heading, heading
            form = {r.cells[0].text: r.cells[1].text for r in table.rows}
            shown = form["完成度／序时进度"].split("差距", 1)[1].removesuffix("个百分点")
            assert _gap(goal, g, shown), form
            milestone = "按期完成" in form["目标"]
            none = "—（里程碑不作外推）" if milestone else "—（需要至少两次数值报送，且截止日未到）"
            assert form["年底预计"] == (g["forecast"] or none), (goal, form)
