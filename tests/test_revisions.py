"""The past is append-only: `check --against REF` fails a pull request that rewrites a merged figure or removes a
merged report, unless the figure is marked revised; `history --revisions` shows who changed what, when, in git.
Each test builds a real git repository in tmp_path."""

from __future__ import annotations

import json
import shutil
import subprocess

import pytest

from .conftest import MINI, MINI_PROGRESS

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")

ECON = "区经济发展局.yaml"


def git(repo, *args):
    return subprocess.run(["git", *args], cwd=repo, check=True, capture_output=True, text=True).stdout


@pytest.fixture
def repo(tmp_path):
    """A data repository: main holds the mini catalogue and both progress files; the work tree is on branch pr."""
    root = tmp_path / "data-repo"
    (root / "data" / "progress").mkdir(parents=True)
    (root / "data" / "tasks.yaml").write_text(MINI, encoding="utf-8")
    for name, text in MINI_PROGRESS.items():
        (root / "data" / "progress" / name).write_text(text, encoding="utf-8")
    git(root, "init", "-q", "-b", "main")
    git(root, "config", "user.name", "经发局 张三")
    git(root, "config", "user.email", "zhang@example.org")
    git(root, "config", "commit.gpgsign", "false")
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", "reports up to September")
    git(root, "checkout", "-q", "-b", "pr")
    return root


def edit(path, old, new):
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def against(cli, repo, ref="main", *more):
    result = cli("check", "-c", repo / "data" / "tasks.yaml", "-p", repo / "data" / "progress", "--against", ref,
                 "-f", "json", *more)
    return result.exit_code, [d for d in json.loads(result.stdout) if d["code"].startswith(("revised", "removed"))]


def test_unchanged_data_passes(cli, repo):
    assert against(cli, repo) == (0, [])


def test_a_pr_that_edits_a_past_figure_fails_with_old_and_new_value(cli, repo):
    edit(repo / "data" / "progress" / ECON, "value: 15", "value: 20")  # line 7, June
    code, (d,) = against(cli, repo)
    assert code == 1 and d["severity"] == "error" and d["code"] == "revised-figure"
    assert d["line"] == 8 and d["path"].endswith(ECON)
    assert "from 15 to 20" in d["message"] and "由 15 改为 20" in d["message_zh"] and "line 8 at main" in d["message"]
    assert "revised: {reason" in d["hint"]


def test_committed_on_the_branch_it_still_fails(cli, repo):
    edit(repo / "data" / "progress" / ECON, "value: 15", "value: 20")
    git(repo, "commit", "-q", "-am", "quietly raise June")
    assert against(cli, repo)[0] == 1


def test_a_revised_figure_with_a_reason_passes_with_a_warning(cli, repo):
    edit(repo / "data" / "progress" / ECON, "value: 15", "value: 20\n        revised: {reason: 统计口径调整，补录3个}")
    code, (d,) = against(cli, repo)
    assert code == 0 and d["severity"] == "warning" and d["line"] == 8
    assert "15 → 20" in d["message"] and "统计口径调整，补录3个" in d["message"]
    text = cli("check", "--lang", "en", "-c", repo / "data" / "tasks.yaml", "-p", repo / "data" / "progress",
               "--against", "main")
    assert text.exit_code == 0 and "warning:" in text.stdout and "统计口径调整" in text.stdout


def test_a_removed_report_fails_even_when_the_rest_is_revised(cli, repo):
    path = repo / "data" / "progress" / ECON
    text = path.read_text(encoding="utf-8")
    june = text[text.index("  - as_of: 2023-06-30"):text.index("  - as_of: 2023-09-30")]
    path.write_text(text.replace(june, ""), encoding="utf-8")
    code, (d,) = against(cli, repo)
    assert code == 1 and d["code"] == "removed-report" and d["severity"] == "error"
    assert "2023-06-30" in d["message"] and "line 5 at main" in d["message"] and "1 figure" in d["message"]


def test_a_removed_figure_fails(cli, repo):
    path = repo / "data" / "progress" / ECON
    edit(path, '      - indicator: "1.1"\n        value: 15\n        note: 已建成15个\n', "")
    edit(path, "  - as_of: 2023-06-30\n    entries:\n", "  - as_of: 2023-06-30\n    entries: []\n")
    code, (d,) = against(cli, repo)
    assert code == 1 and d["code"] == "revised-figure" and "15, was removed" in d["message"]


def test_a_deleted_file_fails_once_naming_the_unit_and_its_reports(cli, repo):
    (repo / "data" / "progress" / ECON).unlink()
    code, found = against(cli, repo)
    assert code == 1 and [d["code"] for d in found] == ["removed-file"]
    assert "区经济发展局" in found[0]["message_zh"] and "2 期报告" in found[0]["message_zh"]


def test_adding_a_new_month_passes_and_a_late_entry_needs_a_reason(cli, repo):
    """Issue 24: back-dated reports turned a goal at 通报 for 7 periods into 提醒 for 1. A figure added for a date
    before the newest period the unit had reported is a change to history: it needs `revised:`."""
    path = repo / "data" / "progress" / ECON
    path.write_text(path.read_text(encoding="utf-8") + """\
  - as_of: 2023-10-31
    entries:
      - indicator: "1.1"
        value: 25
        evidence: 经发局10月台账
""", encoding="utf-8")
    assert against(cli, repo) == (0, [])
    farm = repo / "data" / "progress" / "区农业服务中心.yaml"
    edit(farm, "  - as_of: 2023-09-30",
         '  - as_of: 2023-06-30\n    entries:\n      - indicator: "2.1"\n        value: 4\n  - as_of: 2023-09-30')
    result = cli("check", "-c", repo / "data" / "tasks.yaml", "-p", repo / "data" / "progress", "--against", "main",
                 "-f", "json")
    (late,) = [d for d in json.loads(result.stdout) if d["code"] == "backdated-report"]
    assert result.exit_code == 1 and late["severity"] == "error" and "2023-06-30" in late["message_zh"]
    assert "2023-09-30" in late["message_zh"] and "revised" in late["hint_zh"]
    edit(farm, '        value: 4\n', '        value: 4\n        revised: {reason: 6月数据漏报，补报}\n')
    result = cli("check", "-c", repo / "data" / "tasks.yaml", "-p", repo / "data" / "progress", "--against", "main",
                 "-f", "json")
    (late,) = [d for d in json.loads(result.stdout) if d["code"] == "backdated-report"]
    assert result.exit_code == 0 and late["severity"] == "warning" and "6月数据漏报，补报" in late["message_zh"]


def test_reports_merged_on_main_after_the_branch_left_it_are_not_removals(cli, repo):
    """A pull request is compared with where it left main: another unit's later report is not its business."""
    git(repo, "checkout", "-q", "main")
    path = repo / "data" / "progress" / ECON
    path.write_text(path.read_text(encoding="utf-8") + "  - as_of: 2023-10-31\n    entries: []\n", encoding="utf-8")
    git(repo, "commit", "-q", "-am", "October")
    git(repo, "checkout", "-q", "pr")
    assert against(cli, repo) == (0, [])


@pytest.mark.parametrize(("where", "ref", "zh", "en"), [
    ("outside", "main", "不在仓库", "is not inside the repository"),
    ("repo", "no-such-branch", "git 中没有 no-such-branch", "git knows no no-such-branch"),
])
def test_no_repository_or_an_unknown_ref_is_a_usage_error(cli, repo, tmp_path, where, ref, zh, en):
    progress = repo / "data" / "progress"
    if where == "outside":
        progress = tmp_path / "loose"
        shutil.copytree(repo / "data" / "progress", progress)
    for lang, says in (([], zh), (["--lang", "en"], en)):
        result = cli("check", *lang, "-c", repo / "data" / "tasks.yaml", "-p", progress, "--against", ref)
        assert result.exit_code == 2 and says in result.stderr and "Traceback" not in result.stderr
        assert isinstance(result.exception, SystemExit)


def test_history_lists_each_revision_with_commit_author_date_and_reason(cli, repo):
    path = repo / "data" / "progress" / ECON
    edit(path, "value: 15", "value: 17\n        revised: {reason: 补录2个}")
    git(repo, "commit", "-q", "-am", "June corrected")
    commits = git(repo, "log", "--format=%H").split()
    result = cli("history", "1.1", "--revisions", "-c", repo / "data" / "tasks.yaml", "-p", repo / "data" / "progress",
                 "-f", "json", "--as-of", "2023-09-30")
    assert result.exit_code == 0, result.output
    revisions = json.loads(result.stdout)["revisions"]
    assert [(r["as_of"], r["old"], r["new"], r["commit"], r["reason"]) for r in revisions] == [
        ("2023-06-30", None, 15, commits[1], None),
        ("2023-09-30", None, 21, commits[1], None),
        ("2023-06-30", 15, 17, commits[0], "补录2个"),
    ]
    assert {r["author"] for r in revisions} == {"经发局 张三"} and all(r["date"][:4].isdigit() for r in revisions)
    edit(path, "value: 21", "value: 22")  # not committed yet
    table = cli("history", "1.1", "--revisions", "-c", repo / "data" / "tasks.yaml", "-p", repo / "data" / "progress",
                "--as-of", "2023-09-30")
    assert table.exit_code == 0 and "修订记录" in table.stdout
    assert "15 → 17" in table.stdout and commits[0][:10] in table.stdout and "补录2个" in table.stdout
    assert "21 → 22" in table.stdout and "（未提交）" in table.stdout


def test_the_example_workflow_runs_it_on_pull_requests_with_the_whole_history():
    import yaml

    from .conftest import ROOT

    steps = yaml.safe_load((ROOT / "examples" / "github-workflow.yml").read_text(encoding="utf-8"))["jobs"]["check"][
        "steps"]
    assert steps[0]["uses"].startswith("actions/checkout@") and steps[0]["with"]["fetch-depth"] == 0
    (gate,) = [s for s in steps if "--against" in s.get("run", "")]
    assert gate["if"] == "github.event_name == 'pull_request'"
    assert gate["run"] == 'gdtrack check --format github --fail-on review --against "origin/${{ github.base_ref }}"'


# ── issue 24: history that cannot be moved away from ──────────────────────────────────────────────────────────


def gated(cli, repo, *paths, cwd=None):
    """`check --against main` as CI runs it; the codes of its diagnostics, and its exit code."""
    result = cli("check", "--against", "main", "-f", "json", *paths)
    return result.exit_code, json.loads(result.stdout) if result.stdout.strip().startswith("[") else result.output


def with_toml(repo, progress="data/progress", **more):
    lines = ['[plans.2023]', 'catalogue = "data/tasks.yaml"', f'progress = "{progress}"']
    lines += [f"{k} = {v}" for k, v in more.items()]
    (repo / "gdtrack.toml").write_text("\n".join(lines) + "\n", encoding="utf-8")


@pytest.fixture
def toml_repo(repo):
    """The repository with a gdtrack.toml on main, and the work tree on branch pr."""
    git(repo, "checkout", "-q", "main")
    with_toml(repo)
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "gdtrack.toml")
    git(repo, "checkout", "-q", "pr")
    git(repo, "merge", "-q", "main")
    return repo


def codes(found) -> list[str]:
    return [d["code"] for d in found if d["severity"] == "error"]


def test_a_toml_that_points_at_an_edited_copy_does_not_escape_the_past(cli, toml_repo, monkeypatch):
    """gdtrack.toml moved `progress` to a copy whose June figure was rewritten: the copy is compared with the
    folder main had, and the move itself fails without a reason."""
    monkeypatch.chdir(toml_repo)
    shutil.copytree(toml_repo / "data" / "progress", toml_repo / "data" / "copy")
    edit(toml_repo / "data" / "copy" / ECON, "value: 15", "value: 20")
    with_toml(toml_repo, "data/copy")
    code, found = gated(cli, toml_repo)
    assert code == 1 and sorted(codes(found)) == ["progress-moved", "revised-figure"], found
    moved = next(d for d in found if d["code"] == "progress-moved")
    assert "data/progress" in moved["message_zh"] and "data/copy" in moved["message_zh"]
    assert 'moved = {from = "data/progress"' in moved["hint_zh"]
    edit(toml_repo / "data" / "copy" / ECON, "value: 20", "value: 15")  # the figures as they were, and a reason
    with_toml(toml_repo, "data/copy", moved='{from = "data/progress", reason = "按年份整理文件夹"}')
    assert gated(cli, toml_repo)[0] == 0


def test_a_plan_removed_from_the_toml_fails(cli, toml_repo, monkeypatch):
    monkeypatch.chdir(toml_repo)
    (toml_repo / "gdtrack.toml").write_text('[plans.2024]\ncatalogue = "data/tasks.yaml"\nprogress = "data/progress"\n',
                                            encoding="utf-8")
    code, found = gated(cli, toml_repo)
    assert code == 1 and codes(found) == ["plan-removed"] and "2023" in found[0]["message_zh"]


@pytest.mark.parametrize("what", ["folder", "file"])
def test_a_progress_folder_or_file_that_is_a_symlink_is_refused(cli, repo, tmp_path, what):
    progress = repo / "data" / "progress"
    elsewhere = tmp_path / "elsewhere"
    if what == "folder":
        shutil.move(progress, elsewhere)
        progress.symlink_to(elsewhere, target_is_directory=True)
        edit(elsewhere / ECON, "value: 15", "value: 20")  # invisible to git: the link's target has no history
    else:
        elsewhere.mkdir()
        shutil.move(progress / ECON, elsewhere / ECON)
        (progress / ECON).symlink_to(elsewhere / ECON)
    result = cli("check", "-c", repo / "data" / "tasks.yaml", "-p", progress, "--against", "main", "-f", "json")
    links = [d for d in json.loads(result.stdout) if d["code"] == "history-symlink"]
    assert result.exit_code == 1 and len(links) == 1 and "符号链接" in links[0]["message_zh"], result.output


def progress_text(path):
    return path.read_text(encoding="utf-8")


@pytest.mark.parametrize(("what", "old", "new", "code"), [
    ("a past note", "note: 已建成15个", "note: 已建成20个", "revised-entry"),
    ("a past evidence", "evidence: 经发局9月台账", "evidence: 经发局10月台账", "revised-entry"),
])
def test_notes_and_evidence_of_past_figures_are_history(cli, repo, what, old, new, code):
    edit(repo / "data" / "progress" / ECON, old, new)
    result = cli("check", "-c", repo / "data" / "tasks.yaml", "-p", repo / "data" / "progress", "--against", "main",
                 "-f", "json")
    found = [d for d in json.loads(result.stdout) if d["code"] == code]
    assert result.exit_code == 1 and len(found) == 1 and found[0]["severity"] == "error", (what, result.output)


def test_baselines_and_replies_are_history(cli, repo):
    farm = repo / "data" / "progress" / "区农业服务中心.yaml"
    git(repo, "checkout", "-q", "main")
    farm.write_text(progress_text(farm) + "responses:\n  - indicator: \"2.1\"\n    measures: 四季度集中整治\n"
                    "    by: 2023-12-15\n    replied: 2023-10-20\n", encoding="utf-8")
    git(repo, "commit", "-q", "-am", "reply")
    git(repo, "checkout", "-q", "pr")
    git(repo, "merge", "-q", "main")
    paths = ("-c", repo / "data" / "tasks.yaml", "-p", repo / "data" / "progress", "--against", "main", "-f", "json")
    edit(farm, "    value: 5\n", "    value: 6\n")
    edit(farm, "by: 2023-12-15", "by: 2023-12-28")
    result = cli("check", *paths)
    found = {d["code"]: d for d in json.loads(result.stdout) if d["code"].startswith("revised")}
    assert result.exit_code == 1 and set(found) == {"revised-baseline", "revised-reply"}, result.output
    assert "由 5 改为 6" in found["revised-baseline"]["message_zh"]
    assert "2023-12-15" in found["revised-reply"]["message_zh"]
    edit(farm, "    value: 6\n", "    value: 6\n    revised: {reason: 复核排查台账}\n")
    edit(farm, "by: 2023-12-28", "by: 2023-12-28\n    revised: {reason: 经批准延期}")
    result = cli("check", *paths)
    assert result.exit_code == 0, result.output
    warned = [d for d in json.loads(result.stdout) if d["code"].startswith("revised")]
    assert sorted(d["severity"] for d in warned) == ["warning", "warning"]
    said = " ".join(d["message_zh"] for d in warned)
    assert "复核排查台账" in said and "经批准延期" in said


def test_the_catalogue_is_history_too(cli, repo):
    cat = repo / "data" / "tasks.yaml"
    paths = ("-c", cat, "-p", repo / "data" / "progress", "--against", "main", "-f", "json")
    edit(cat, "target: 30", "target: 20")
    edit(cat, "  period_end: 2023-12-31\n", "  period_end: 2023-12-31\n  policy:\n    tolerance: 0.3\n")
    result = cli("check", *paths)
    found = [d for d in json.loads(result.stdout) if d["code"] == "catalogue-changed"]
    assert result.exit_code == 1 and len(found) == 2, result.output
    assert any("target: 30 → 20" in d["message_zh"] for d in found)
    assert any("plan.policy" in d["message_zh"] for d in found)


@pytest.mark.parametrize("reason", ["\u200b", "\u3164", " \u2800 "])
def test_a_reason_must_show_words(cli, repo, reason):
    edit(repo / "data" / "progress" / ECON, "value: 15", f'value: 20\n        revised: {{reason: "{reason}"}}')
    result = cli("check", "-c", repo / "data" / "tasks.yaml", "-p", repo / "data" / "progress", "-f", "json")
    assert result.exit_code == 1 and any("原因" in d["message_zh"] for d in json.loads(result.stdout)), result.output


def test_filling_a_blank_past_line_and_a_milestone_word_in_chinese_are_not_revisions(cli, repo):
    """A template's blank line held no figure (filling it is reporting); 推进中 is in_progress."""
    cat, econ = repo / "data" / "tasks.yaml", repo / "data" / "progress" / ECON
    git(repo, "checkout", "-q", "main")
    cat.write_text(progress_text(cat) + """\
  - id: 3
    chapter: 1
    title: 建设数据平台
    text: 建设数据平台。建成一体化大数据平台。
    lead_units: [区经济发展局]
    indicators:
      - id: "3.1"
        name: 建成一体化大数据平台
        quote: 建成一体化大数据平台
        comparator: milestone
""", encoding="utf-8")
    edit(econ, "        note: 已建成15个\n", '        note: 已建成15个\n      - indicator: "3.1"\n        value:\n')
    edit(econ, "        evidence: 经发局9月台账\n", '        evidence: 经发局9月台账\n      - indicator: "3.1"\n'
         "        value: in_progress\n")
    git(repo, "commit", "-q", "-am", "a milestone, a blank line")
    git(repo, "checkout", "-q", "pr")
    git(repo, "merge", "-q", "main")
    assert against(cli, repo) == (0, [])
    edit(econ, '      - indicator: "3.1"\n        value:\n', '      - indicator: "3.1"\n        value: 推进中\n')
    edit(econ, "        value: in_progress\n", "        value: 推进中\n")
    result = cli("check", "-c", cat, "-p", repo / "data" / "progress", "--against", "main", "-f", "json")
    assert result.exit_code == 0 and {d["code"] for d in json.loads(result.stdout)} == {"no-evidence"}, result.output


def test_a_units_file_removed_on_purpose_says_why(cli, toml_repo, monkeypatch):
    monkeypatch.chdir(toml_repo)
    (toml_repo / "data" / "progress" / ECON).unlink()
    code, found = gated(cli, toml_repo)
    assert code == 1 and codes(found) == ["removed-file"] and 'removed = {"' in found[0]["hint_zh"]
    with_toml(toml_repo, removed='{"区经济发展局" = "2024年起并入区农业服务中心"}')
    code, found = gated(cli, toml_repo)
    gone = [d for d in found if d["code"] == "removed-file"]
    assert code == 0 and gone[0]["severity"] == "warning" and "2024年起并入区农业服务中心" in gone[0]["message_zh"]
