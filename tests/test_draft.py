"""`gdtrack draft`: a catalogue draft from a plan's text, measured against the hand-made catalogue, and per layout."""

from __future__ import annotations

import pytest

from gdtrack.loading import load_catalogue
from gdtrack.parsing import parse_yaml

from .conftest import CATALOGUE, SOURCE

# Floors at what the drafter reaches on the 2023 plan (README "Drafting a catalogue"): a change that drafts
# worse fails here.
TASKS_FLOOR = 68
LEADS_FLOOR = 68
GOALS_FLOOR = 0.90


def _overlap(text: str, a: str, b: str) -> bool:
    """Two quotes of the same task's text share at least one character's position."""
    ia, ib = text.find(a), text.find(b)
    return ia != -1 and ib != -1 and ia < ib + len(b) and ib < ia + len(a)


def agreement(drafted: dict, shipped: dict) -> tuple[int, int, int, int]:
    """(tasks with the same id, chapter and text; tasks with the same lead units; shipped numeric goals matched by a
    drafted goal of the same task whose quote overlaps and whose target is equal; shipped numeric goals)."""
    mine = {t["id"]: t for t in drafted["tasks"]}
    tasks = leads = matched = total = 0
    for t in shipped["tasks"]:
        d = mine.get(t["id"])
        if d is None:
            continue
        tasks += d["text"] == t["text"] and d["chapter"] == t["chapter"]
        leads += d.get("lead_units", []) == t.get("lead_units", [])
    for t in shipped["tasks"]:
        for ind in t.get("indicators", []):
            if ind["comparator"] == "milestone":
                continue
            total += 1
            found = mine.get(t["id"], {}).get("indicators", [])
            matched += any(c.get("target") == ind["target"] and _overlap(t["text"], c["quote"], ind["quote"])
                           for c in found)
    return tasks, leads, matched, total


@pytest.fixture(scope="module")
def seed_draft(tmp_path_factory):
    if not SOURCE.is_file():
        pytest.skip(f"the source document is not beside the repository: {SOURCE}")
    from typer.testing import CliRunner

    from gdtrack.cli import app

    out = tmp_path_factory.mktemp("draft") / "tasks.draft.yaml"
    result = CliRunner().invoke(app, ["draft", str(SOURCE), "-o", str(out)])
    assert result.exit_code == 0, result.output
    return out, result


def test_the_2023_plan_is_drafted_close_to_the_hand_made_catalogue(seed_draft):
    out, _ = seed_draft
    drafted = parse_yaml(out.read_text(encoding="utf-8"), str(out))
    shipped = parse_yaml(CATALOGUE.read_text(encoding="utf-8"), str(CATALOGUE))
    tasks, leads, matched, total = agreement(drafted, shipped)
    assert total == 76  # 119 indicators, 43 of them milestones
    assert tasks >= TASKS_FLOOR
    assert leads >= LEADS_FLOOR
    assert matched / total >= GOALS_FLOOR, f"{matched}/{total}"
    assert drafted["plan"]["document_number"] == "济开管办字〔2023〕5号"
    assert drafted["plan"]["title"] == shipped["plan"]["title"]
    assert drafted["plan"]["issuer"] == "济宁经济技术开发区党政办公室"
    assert str(drafted["plan"]["issued"]) == "2023-08-02"
    assert [u["name"] for u in drafted["units"]] == [u["name"] for u in shipped["units"]]


def test_the_draft_passes_check_against_its_source_but_for_the_review_warnings(seed_draft, cli):
    out, run = seed_draft
    assert load_catalogue(out).ok
    result = cli("check", "-c", out, "--source", SOURCE, "-p", "/nonexistent", "--format", "json")
    import json

    rows = json.loads(result.stdout)
    assert result.exit_code == 0
    assert {r["code"] for r in rows} == {"review", "no-baseline"}
    indicators = parse_yaml(out.read_text(encoding="utf-8"), str(out))
    drafted = [i for t in indicators["tasks"] for i in t.get("indicators", [])]
    assert sum(r["code"] == "review" for r in rows) == len(drafted)
    assert all(i["review"] is True and i["note"] for i in drafted)
    text = cli("check", "-c", out, "--source", SOURCE, "-p", "/nonexistent").stdout
    assert f"待复核 to review: {len(drafted)} drafted indicator(s)" in text
    assert f"待复核 {len(drafted)} 项" in run.stderr
