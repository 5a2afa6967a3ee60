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


def test_a_deleted_file_fails_once_per_report(cli, repo):
    (repo / "data" / "progress" / ECON).unlink()
    code, found = against(cli, repo)
    assert code == 1 and [d["code"] for d in found] == ["removed-report", "removed-report"]


def test_adding_a_new_month_and_a_late_entry_passes(cli, repo):
    path = repo / "data" / "progress" / ECON
    path.write_text(path.read_text(encoding="utf-8") + """\
  - as_of: 2023-10-31
    entries:
      - indicator: "1.1"
        value: 25
        evidence: 经发局10月台账
""", encoding="utf-8")
    edit(repo / "data" / "progress" / "区农业服务中心.yaml", "  - as_of: 2023-09-30",
         '  - as_of: 2023-06-30\n    entries:\n      - indicator: "2.1"\n        value: 4\n  - as_of: 2023-09-30')
    assert against(cli, repo) == (0, [])


def test_reports_merged_on_main_after_the_branch_left_it_are_not_removals(cli, repo):
    """A pull request is compared with where it left main: another unit's later report is not its business."""
    git(repo, "checkout", "-q", "main")
    path = repo / "data" / "progress" / ECON
    path.write_text(path.read_text(encoding="utf-8") + "  - as_of: 2023-10-31\n    entries: []\n", encoding="utf-8")
    git(repo, "commit", "-q", "-am", "October")
    git(repo, "checkout", "-q", "pr")
    assert against(cli, repo) == (0, [])


@pytest.mark.parametrize(("where", "ref", "zh", "en"), [
    ("outside", "main", "不在 git 仓库中", "not in a git repository"),
    ("repo", "no-such-branch", "git 中没有 no-such-branch", "git knows no no-such-branch"),
])
def test_no_repository_or_an_unknown_ref_is_a_usage_error(cli, repo, tmp_path, where, ref, zh, en):
    progress = repo / "data" / "progress"
    if where == "outside":
        progress = tmp_path / "loose"
        shutil.copytree(repo / "data" / "progress", progress)
    for lang, says in (([], zh), (["--lang", "en"], en)):
        result = cli("check", *lang, "-c", repo / "data" / "tasks.yaml", "-p", progress, "--against", ref)
        assert result.exit_code == 2 and says in result.stderr and "git" in result.stderr
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
