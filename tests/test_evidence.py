"""Evidence files (佐证材料): `record --attach` and the form's 佐证材料文件 column store a file and name it in the entry
by path, size and SHA-256; `check` then holds the file to them; refusals write nothing; the views count and list
the files, and a department's file name stays inert text. The figures are conftest's invented samples."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import zipfile
from pathlib import Path

import pytest
from openpyxl import load_workbook

PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\n%%EOF\n"  # the first bytes a PDF starts with: %PDF-
JPG = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + b"\x00" * 32  # a JPEG's SOI marker, then a JFIF header
EXE = b"MZ\x90\x00\x03\x00\x00\x00" + b"\x00" * 56  # a Windows program: "MZ", whatever its name says
STORED = Path("data", "evidence", "区经济发展局", "2023-10-31")  # under the root: the progress folder's parent here


def sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


@pytest.fixture
def repo(mini_data, tmp_path):
    """MINI and its two progress files; the data repository's root is tmp_path (the progress folder's parent, as no
    gdtrack.toml and no `data/` folder hold it)."""
    cat, prog = mini_data
    (tmp_path / "scan.pdf").write_bytes(PDF)
    return cat, prog, tmp_path


def run(cli, cat, prog, *args):
    return cli(*args, "-c", cat, "-p", prog)


def record(cli, cat, prog, *args):
    return run(cli, cat, prog, "record", "区经济发展局", "1.1", "25", "--as-of", "2023-10-31", "--evidence", "台账",
               *args)


def check_json(cli, cat, prog) -> list[dict]:
    result = run(cli, cat, prog, "check", "-f", "json", "--ignore", "no-evidence")
    return json.loads(result.stdout)


def entry_line(path: Path, day: str) -> int:
    """The line of the 1.1 entry (`- indicator: "1.1"`) in the report dated `day`."""
    lines = path.read_text(encoding="utf-8").splitlines()
    start = next(i for i, line in enumerate(lines) if f"as_of: {day}" in line)
    return next(i for i in range(start, len(lines)) if 'indicator: "1.1"' in lines[i]) + 1


def test_record_attach_stores_the_file_and_check_passes(cli, repo):
    cat, prog, root = repo
    result = record(cli, cat, prog, "--attach", root / "scan.pdf")
    assert result.exit_code == 0, result.output
    stored = root / STORED / "scan.pdf"
    assert stored.read_bytes() == PDF  # a copy under data/evidence/UNIT/DATE/, its own name kept
    assert "佐证材料已存：data/evidence/区经济发展局/2023-10-31/scan.pdf" in result.output
    text = (prog / "区经济发展局.yaml").read_text(encoding="utf-8")
    # the path from the root, with /; the SHA-256 and the size of the bytes written above
    assert "file: data/evidence/区经济发展局/2023-10-31/scan.pdf" in text
    assert f"sha256: {sha(PDF)}" in text and f"bytes: {len(PDF)}" in text
    assert check_json(cli, cat, prog) == []
    assert run(cli, cat, prog, "check", "--ignore", "no-evidence").exit_code == 0


def test_a_changed_file_fails_check_at_the_entry(cli, repo):
    cat, prog, root = repo
    assert record(cli, cat, prog, "--attach", root / "scan.pdf").exit_code == 0
    (root / STORED / "scan.pdf").write_bytes(PDF.replace(b"Catalog", b"Catalox"))  # same size, other bytes
    found = check_json(cli, cat, prog)
    assert [(d["code"], d["severity"]) for d in found] == [("evidence-changed", "error")]
    path = prog / "区经济发展局.yaml"
    assert found[0]["line"] == entry_line(path, "2023-10-31")  # the entry that names the file
    assert "data/evidence/区经济发展局/2023-10-31/scan.pdf" in found[0]["message"]
    shown = run(cli, cat, prog, "check", "--ignore", "no-evidence")
    assert shown.exit_code == 1
    assert f"区经济发展局.yaml:{entry_line(path, '2023-10-31')}:" in shown.output and "SHA-256" in shown.output
    (root / STORED / "scan.pdf").write_bytes(PDF + b"\n")  # one byte more: said as its size
    assert "现为 52 字节，记录为 51 字节" in run(cli, cat, prog, "check").output  # len(PDF) == 51


def test_a_deleted_file_fails_check_as_missing(cli, repo):
    cat, prog, root = repo
    assert record(cli, cat, prog, "--attach", root / "scan.pdf").exit_code == 0
    (root / STORED / "scan.pdf").unlink()
    found = check_json(cli, cat, prog)
    assert [d["code"] for d in found] == ["evidence-missing"]
    assert found[0]["line"] == entry_line(prog / "区经济发展局.yaml", "2023-10-31")


def test_a_stored_file_nothing_names_is_an_orphan_warning(cli, repo):
    cat, prog, root = repo
    stray = root / "data" / "evidence" / "区经济发展局" / "2023-09-30" / "旧照片.jpg"
    stray.parent.mkdir(parents=True)
    stray.write_bytes(JPG)
    found = check_json(cli, cat, prog)
    assert [(d["code"], d["severity"]) for d in found] == [("evidence-orphan", "warning")]
    assert "旧照片.jpg" in found[0]["message"]
    assert run(cli, cat, prog, "check", "--ignore", "no-evidence").exit_code == 0  # a warning does not fail


def test_the_same_bytes_are_stored_once_and_a_namesake_never_overwritten(cli, repo):
    cat, prog, root = repo
    assert record(cli, cat, prog, "--attach", root / "scan.pdf").exit_code == 0
    again = run(cli, cat, prog, "record", "区经济发展局", "1.1", "27", "--as-of", "2023-11-30", "--evidence", "台账",
                "--attach", root / "scan.pdf")
    assert again.exit_code == 0, again.output
    assert "已存在（内容相同，未重复存放）" in again.output
    assert not (root / "data" / "evidence" / "区经济发展局" / "2023-11-30").exists()  # named where it already is
    other = root / "other" / "scan.pdf"
    other.parent.mkdir()
    other.write_bytes(PDF + b"% another scan\n")
    assert record(cli, cat, prog, "--attach", other).exit_code == 0  # a new file of the same figure, same name
    assert (root / STORED / "scan.pdf").read_bytes() == PDF  # the first one untouched
    assert (root / STORED / "scan-2.pdf").read_bytes() == PDF + b"% another scan\n"
    text = (prog / "区经济发展局.yaml").read_text(encoding="utf-8")
    assert text.count("file: data/evidence/区经济发展局/2023-10-31/scan") == 2 + 1  # 10-31 names both, 11-30 one
    assert check_json(cli, cat, prog) == []


@pytest.mark.parametrize(("name", "data", "said"), [
    ("program.pdf", EXE, "的内容不是 .pdf 文件"),  # an .exe renamed .pdf: its first bytes say MZ
    ("fake.docx", b"PK\x03\x04" + b"\x00" * 40, "的内容不是 .docx 文件"),  # a zip, but no word/document.xml in it
    ("archive.zip", b"PK\x03\x04" + b"\x00" * 40, "的类型（zip）不接受"),
    ("tool.exe", EXE, "的类型（exe）不接受"),
    ("empty.pdf", b"", "是空文件"),
    ("fdp.exe\u202e.pdf", PDF, "含控制字符 U+202E"),  # a bidi override that shows the name as "….pdf.exe"
])
def test_a_refused_file_writes_nothing(cli, repo, name, data, said):
    cat, prog, root = repo
    source = root / name
    source.write_bytes(data)
    before = (prog / "区经济发展局.yaml").read_bytes()
    result = record(cli, cat, prog, "--attach", source)
    assert result.exit_code == 1 and said in result.output, result.output
    assert "Traceback" not in result.output
    assert (prog / "区经济发展局.yaml").read_bytes() == before
    assert not (root / "data").exists()


def test_a_file_over_the_limit_is_refused(cli, repo):
    cat, prog, root = repo
    big = root / "big.pdf"
    big.write_bytes(PDF + b"\x00" * (20 * 1024 * 1024 - len(PDF) + 1))  # 20 MiB and one byte
    result = record(cli, cat, prog, "--attach", big)
    assert result.exit_code == 1
    assert "太大：20,971,521 字节，每个文件最多 20,971,520 字节（20 MiB）" in result.output
    assert not (root / "data").exists()


def test_a_figure_refused_stores_no_file(cli, repo):
    cat, prog, root = repo
    # 1.1 is 21 on 2023-09-30 already: 22 without --force is refused after the file was judged good
    result = run(cli, cat, prog, "record", "区经济发展局", "1.1", "22", "--as-of", "2023-09-30",
                 "--attach", root / "scan.pdf")
    assert result.exit_code == 1
    assert not (root / "data").exists()


def test_a_failed_write_removes_the_file_it_stored(cli, repo, monkeypatch):
    cat, prog, root = repo
    from gdtrack.repository import recording

    def refuse(path, content):
        raise PermissionError(13, "Permission denied", str(path))

    monkeypatch.setattr(recording, "atomic_write", refuse)  # the progress file's write fails, after the copy
    before = (prog / "区经济发展局.yaml").read_bytes()
    result = record(cli, cat, prog, "--attach", root / "scan.pdf")
    assert result.exit_code == 1 and "Traceback" not in result.output
    assert not (root / STORED / "scan.pdf").exists()  # nothing half-way: no figure, no file
    assert (prog / "区经济发展局.yaml").read_bytes() == before


def test_library_store_evidence_gives_the_same_attachment_for_the_same_bytes(tmp_path):
    from gdtrack.models import Attachment
    from gdtrack.repository.evidence import EvidenceError, store_evidence

    source = tmp_path / "批复.pdf"
    source.write_bytes(PDF)
    first = store_evidence(tmp_path, source, None, dt.date(2023, 12, 1))  # None: the office's own (销号)
    assert first == Attachment("data/evidence/_office/2023-12-01/批复.pdf", sha(PDF), len(PDF))
    assert store_evidence(tmp_path, source, None, None) == first  # the same bytes: the same Attachment
    with pytest.raises(EvidenceError) as refused:
        store_evidence(tmp_path, tmp_path / "没有这个文件.pdf", "区经济发展局", None)
    assert "不存在" in refused.value.message_zh


# ── the form ──────────────────────────────────────────────────────────────────────────────────


def form_with(cli, cat, prog, folder: Path, files: str, files_there: dict[str, bytes]) -> Path:
    """区经济发展局's form for 2023-10-31, 1.1 (row 5) filled with 25 and the 佐证材料文件 cell N5 = `files`; the files
    written beside it."""
    folder.mkdir(exist_ok=True)
    path = folder / "经发局-2023-10.xlsx"
    assert run(cli, cat, prog, "template", "区经济发展局", "--as-of", "2023-10-31", "-o", path).exit_code == 0
    for name, data in files_there.items():
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_bytes(data)
    wb = load_workbook(path)
    ws = wb.active
    assert ws["N4"].value == "佐证材料文件"  # the form's last column
    ws["I5"], ws["K5"], ws["N5"] = 25, "经发局10月台账", files
    wb.save(path)
    return path


def test_import_stores_the_files_a_form_names(cli, repo):
    cat, prog, root = repo
    form = form_with(cli, cat, prog, root / "forms", "批复.pdf、照片/现场.jpg", {"批复.pdf": PDF, "照片/现场.jpg": JPG})
    result = run(cli, cat, prog, "import", form)
    assert result.exit_code == 0, result.output
    assert (root / STORED / "批复.pdf").read_bytes() == PDF and (root / STORED / "现场.jpg").read_bytes() == JPG
    text = (prog / "区经济发展局.yaml").read_text(encoding="utf-8")
    assert f"sha256: {sha(PDF)}" in text and f"sha256: {sha(JPG)}" in text
    assert check_json(cli, cat, prog) == []
    assert run(cli, cat, prog, "import", form).exit_code == 0  # the same form again: nothing changes
    assert (prog / "区经济发展局.yaml").read_text(encoding="utf-8") == text


@pytest.mark.parametrize(("cell", "said"), [
    ("../secret.pdf", "指向报送表所在文件夹之外"),  # the file is there, one folder up: still refused
    ("缺失.pdf", "佐证材料文件 "),  # not beside the form
    ("program.pdf", "的内容不是 .pdf 文件"),
])
def test_import_refuses_a_file_at_its_cell_and_writes_nothing(cli, repo, cell, said):
    cat, prog, root = repo
    (root / "secret.pdf").write_bytes(PDF)
    form = form_with(cli, cat, prog, root / "forms", cell, {"program.pdf": EXE})
    before = (prog / "区经济发展局.yaml").read_bytes()
    result = run(cli, cat, prog, "import", form)
    assert result.exit_code == 1
    assert "经发局-2023-10.xlsx:报送表!N5" in result.output and said in result.output, result.output
    assert "[evidence-refused]" in result.output
    assert (prog / "区经济发展局.yaml").read_bytes() == before
    assert not (root / "data").exists()


def test_an_import_whose_write_fails_leaves_no_file(cli, repo, monkeypatch):
    cat, prog, root = repo
    from gdtrack.repository import recording

    form = form_with(cli, cat, prog, root / "forms", "批复.pdf", {"批复.pdf": PDF})

    def refuse(path, content):
        raise PermissionError(13, "Permission denied", str(path))

    monkeypatch.setattr(recording, "atomic_write", refuse)  # the progress file's write fails, after the copy
    result = run(cli, cat, prog, "import", form)
    assert result.exit_code == 1 and "[unwritable]" in result.output, result.output
    assert not (root / STORED / "批复.pdf").exists()


def test_import_refuses_a_link_out_of_the_forms_folder(cli, repo):
    cat, prog, root = repo
    (root / "secret.pdf").write_bytes(PDF)  # a PDF, so only where it is can refuse it
    form = form_with(cli, cat, prog, root / "forms", "链接.pdf", {})
    (root / "forms" / "链接.pdf").symlink_to(root / "secret.pdf")
    result = run(cli, cat, prog, "import", form)
    assert result.exit_code == 1 and "报送表!N5" in result.output and "指向报送表所在文件夹之外" in result.output
    assert not (root / "data").exists()


# ── views ─────────────────────────────────────────────────────────────────────────────────────


def test_the_engine_counts_each_units_files_once_and_only_up_to_the_date():
    from gdtrack.engine.evidence import counts, filed
    from gdtrack.models import Attachment, Entry, ProgressFile, Report

    a, b, c = (Attachment(f"data/evidence/甲局/{n}.pdf", "0" * 64, 1) for n in "abc")
    files = [ProgressFile("甲局", [
        Report(dt.date(2023, 9, 30), [Entry("1.1", 1, attachments=[a]), Entry("1.2", 2, attachments=[a, b])]),
        Report(dt.date(2023, 10, 31), [Entry("1.1", 3, attachments=[a])]),  # a again: kept, not a new file
        Report(dt.date(2023, 11, 30), [Entry("1.1", 4, attachments=[c])]),  # after the date asked about
    ])]
    # up to 10-31: a (named by 1.1 and 1.2) and b → 2 files; c comes later
    assert counts(filed(files, dt.date(2023, 10, 31))) == {"甲局": 2}
    assert counts(filed(files, dt.date(2023, 11, 30))) == {"甲局": 3}


@pytest.fixture
def filed_repo(cli, repo):
    """On 2023-10-31 区经济发展局 attaches two files to 1.1 and 区农业服务中心 one to 2.1 (the same bytes as one of
    区经济发展局's: stored again, under its own unit)."""
    cat, prog, root = repo
    (root / "照片.jpg").write_bytes(JPG)
    assert record(cli, cat, prog, "--attach", root / "scan.pdf", "--attach", root / "照片.jpg").exit_code == 0
    result = run(cli, cat, prog, "record", "区农业服务中心", "2.1", "1", "--as-of", "2023-10-31", "--evidence", "台账",
                 "--attach", root / "scan.pdf")
    assert result.exit_code == 0, result.output
    return cat, prog, root


def test_the_bulletins_count_each_units_files(cli, filed_repo, tmp_path):
    cat, prog, _ = filed_repo
    md = run(cli, cat, prog, "report", "--as-of", "2023-10-31", "-f", "markdown").stdout
    # 2 + 1 = 3 files; 区经济发展局 ranks first (1.1: 25/30 = 83.3 % at a pace of 304/365 = 83.3 %), then
    # 区农业服务中心 (2.1: (1 − 5)/(0 − 5) = 80 %)
    assert "佐证材料文件共 3 份：区经济发展局 2 份、区农业服务中心 1 份" in md
    assert "2023-09-30 以来新增佐证材料文件：区经济发展局：scan.pdf、照片.jpg；区农业服务中心：scan.pdf" in md
    html = run(cli, cat, prog, "report", "--as-of", "2023-10-31", "-f", "html").stdout
    assert "佐证材料文件共 3 份：区经济发展局 2 份、区农业服务中心 1 份" in html
    out = tmp_path / "通报.docx"
    assert run(cli, cat, prog, "report", "--as-of", "2023-10-31", "-f", "docx", "-o", out).exit_code == 0
    with zipfile.ZipFile(out) as docx:
        assert "佐证材料文件共 3 份" in docx.read("word/document.xml").decode("utf-8")
    # a month before, nothing had been filed
    assert "佐证材料文件：尚无" in run(cli, cat, prog, "report", "--as-of", "2023-09-30", "-f", "markdown").stdout


def test_explain_and_the_ledger_list_a_goals_files(cli, filed_repo, tmp_path):
    cat, prog, _ = filed_repo
    shown = run(cli, cat, prog, "explain", "1.1", "--as-of", "2023-10-31").stdout
    assert "佐证材料文件（2 份）：" in shown
    assert f"2023-10-31  区经济发展局  data/evidence/区经济发展局/2023-10-31/scan.pdf（{len(PDF)} 字节）" in shown
    out = tmp_path / "台账.xlsx"
    assert run(cli, cat, prog, "export", "--as-of", "2023-10-31", "-o", out).exit_code == 0
    ws = load_workbook(out)["全部指标"]
    heads = [c.value for c in ws[3]]
    rows = {r[2]: r for r in ws.iter_rows(min_row=4, values_only=True)}
    assert rows["1.1"][heads.index("佐证材料文件")] == ("data/evidence/区经济发展局/2023-10-31/scan.pdf\n"
                                                   "data/evidence/区经济发展局/2023-10-31/照片.jpg")
    assert rows["2.1"][heads.index("佐证材料文件")] == "data/evidence/区农业服务中心/2023-10-31/scan.pdf"


HOSTILE = "<img src=x onerror=alert(1)>[点我](javascript:alert(1))=HYPERLINK(1).pdf"
"""A name a department could give a file (no / \\ : * ? " | in it, so a file system takes it) that would be markup in
HTML, a link in Markdown, a formula at the start of a spreadsheet cell."""


def test_a_hostile_file_name_is_inert_in_every_output(cli, repo, tmp_path):
    cat, prog, root = repo
    # Windows refuses < and > in a name, so record refuses them too: a hand-edited YAML is how such a name gets in
    (root / "x<y>.pdf").write_bytes(PDF)
    refused = record(cli, cat, prog, "--attach", root / "x<y>.pdf")
    assert refused.exit_code == 1 and "Windows 文件名不允许的字符" in refused.output
    stored = root / STORED / HOSTILE
    stored.parent.mkdir(parents=True)
    stored.write_bytes(PDF)
    path = prog / "区经济发展局.yaml"
    path.write_text(path.read_text(encoding="utf-8") + f"""\
  - as_of: 2023-10-31
    entries:
      - indicator: "1.1"
        value: 25
        evidence: 台账
        attachments:
          - file: '{STORED.as_posix()}/{HOSTILE}'
            sha256: {sha(PDF)}
            bytes: {len(PDF)}
""", encoding="utf-8")
    assert check_json(cli, cat, prog) == []  # the file is there as named: check passes
    md = run(cli, cat, prog, "report", "--as-of", "2023-10-31", "-f", "markdown").stdout
    html = run(cli, cat, prog, "report", "--as-of", "2023-10-31", "-f", "html").stdout
    for page in (md, html):
        assert "新增佐证材料文件" in page  # the name is shown …
        assert "<img" not in page  # … as text: no tag
    assert "点我](" not in md  # no link: the brackets are escaped
    assert "&lt;img src=x onerror=alert(1)&gt;\\[点我\\](javascript:alert(1))" in md
    assert "&lt;img src=x onerror=alert(1)&gt;[点我](javascript:alert(1))" in html
    out = tmp_path / "台账.csv"
    assert run(cli, cat, prog, "export", "--as-of", "2023-10-31", "-o", out).exit_code == 0
    assert "=HYPERLINK" in out.read_text(encoding="utf-8-sig")  # inside the path's text, never a cell's start
    assert all(not cell.startswith(("=", "+", "-", "@")) for line in out.read_text(encoding="utf-8-sig").splitlines()
               for cell in line.split(",") if "HYPERLINK" in cell)


# ── check --against ───────────────────────────────────────────────────────────────────────────


def git(folder: Path, *args: str) -> str:
    import subprocess

    return subprocess.run(["git", *args], cwd=folder, check=True, capture_output=True, text=True).stdout


@pytest.mark.skipif(__import__("shutil").which("git") is None, reason="git is not installed")
def test_an_attachment_removed_from_a_merged_entry_needs_a_reason(cli, repo):
    cat, prog, root = repo
    (root / "more.pdf").write_bytes(PDF + b"% page 2\n")
    assert record(cli, cat, prog, "--attach", root / "scan.pdf").exit_code == 0
    git(root, "init", "-q", "-b", "main")
    git(root, "-c", "user.name=t", "-c", "user.email=t@example.org", "-c", "commit.gpgsign=false", "add", "-A")
    git(root, "-c", "user.name=t", "-c", "user.email=t@example.org", "-c", "commit.gpgsign=false", "commit", "-qm",
        "October, with its scan")

    def revisions() -> list[tuple[str, str]]:
        result = run(cli, cat, prog, "check", "--against", "main", "-f", "json", "--ignore", "no-evidence")
        return [(d["code"], d["severity"]) for d in json.loads(result.stdout)]

    assert record(cli, cat, prog, "--attach", root / "more.pdf").exit_code == 0
    assert revisions() == []  # adding a file to a merged entry rewrites nothing
    path = prog / "区经济发展局.yaml"
    text = path.read_text(encoding="utf-8")
    first = text.index("        attachments:\n") + len("        attachments:\n")
    cut = text[:first] + text[text.index("          - file: data/evidence/区经济发展局/2023-10-31/more.pdf"):]
    path.write_text(cut, encoding="utf-8")  # scan.pdf's lines gone: merged evidence removed
    (root / STORED / "scan.pdf").unlink()
    assert revisions() == [("revised-entry", "error")]
    path.write_text(cut.replace("        evidence: 台账\n", "        evidence: 台账\n"
                                "        revised: {reason: 扫描件有误，以 more.pdf 为准}\n", 1), encoding="utf-8")
    assert revisions() == [("revised-entry", "warning")]  # with its reason: for the office to read


def test_the_verifier_takes_any_files_attachments_and_the_plans_period(tmp_path):
    """The office's decisions (another file than a progress file) pass their own Named list; with a period (plans of
    one repository share data/evidence/) a file dated in another plan's year is not this plan's orphan."""
    from gdtrack.checks.evidence import Named, check_evidence
    from gdtrack.models import Attachment

    for day, name in (("2022-12-31", "去年.pdf"), ("2023-05-01", "今年.pdf"), ("2023-06-01", "销号.pdf")):
        (tmp_path / "data" / "evidence" / "_office" / day).mkdir(parents=True)
        (tmp_path / "data" / "evidence" / "_office" / day / name).write_bytes(PDF)
    closed = Named(Attachment("data/evidence/_office/2023-06-01/销号.pdf", sha(PDF), len(PDF)),
                   "data/decisions_2023.yaml", ("closures", 0), "7.1")
    gone = Named(Attachment("data/evidence/_office/2023-06-01/没有.pdf", sha(PDF), len(PDF)),
                 "data/decisions_2023.yaml", ("closures", 1), "7.2")
    found = check_evidence(tmp_path, [closed, gone], period=(dt.date(2023, 1, 1), dt.date(2023, 12, 31)))
    # 销号.pdf is there as named; 没有.pdf is missing, at its decision; 今年.pdf (2023) is an orphan, 去年.pdf (2022)
    # is the 2022 plan's to name
    assert [(d.code, d.loc) for d in found] == [("evidence-missing", ("closures", 1)), ("evidence-orphan", ())]
    assert found[0].path == "data/decisions_2023.yaml" and found[1].path.endswith("2023-05-01/今年.pdf")
