"""Issue 23: the Word documents laid out after GB/T 9704-2012 — the red rule as wide as the type area, the title two
lines under it and broken between words, the 主送机关, the 落款 with or without room for the seal, the 版记 on the last
lines of the last page, all as `plan.policy.document` says — read from the document's XML and from the PDF that
LibreOffice prints (PDF positions are in pt from the page's foot)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Mm, Pt

from gdtrack.views.titling import em, title_lines

from . import external
from .conftest import CATALOGUE, MINI, MINI_PROGRESS, PROGRESS

LINE = 28.95  # the body's line, pt
CHAR = 16 - 0.25  # a body character as set (三号 with the body's −0.25 pt letter spacing), pt
LEFT, RIGHT = 28 / 25.4 * 72, (210 - 26) / 25.4 * 72  # the type area's edges: 79.37 and 521.57 pt
FOOT = 35 / 25.4 * 72  # the type area's foot: 99.21 pt above the page's
IMPRINT_LINE = 7 / 25.4 * 72  # a line of the 版记: 19.84 pt
TYPE_TWIPS = round(Mm(156).twips), round(Mm(225).twips)  # 8844 × 12756

POLICY = """\
  period_end: 2023-12-31
  policy:
    document:
      number_prefix: 测试办字
      addressee: 各成员单位
      signature: 测试工作领导小组办公室
      seal: false
      copy_to: [区委办公室, 区人大办公室]
      printed_by: 测试办公室秘书科"""


def _mini(tmp_path: Path, policy: str | None = None) -> tuple[Path, Path]:
    folder = tmp_path / "progress"
    folder.mkdir(exist_ok=True)
    for name, text in MINI_PROGRESS.items():
        (folder / name).write_text(text, encoding="utf-8")
    lines = MINI.splitlines()
    if policy is not None:
        lines[6] = policy  # line 7: period_end
    cat = tmp_path / "mini.yaml"
    cat.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return cat, folder


def _report(cli, cat, folder, out, *extra):
    result = cli("report", "-c", cat, "-p", folder, "--as-of", "2023-09-30", "-f", "docx", "-o", out, *extra)
    assert result.exit_code == 0, result.output
    return Document(str(out))


def _red_rule(doc):
    """The paragraph whose bottom border is the red rule."""
    return next(p for p in doc.paragraphs
                if p._p.xpath("./w:pPr/w:pBdr/w:bottom[@w:color='FF0000']"))


def _frames(doc):
    """The 版记's paragraphs: those in a frame, with the frame's properties."""
    return [(p, p._p.pPr.find(qn("w:framePr"))) for p in doc.paragraphs if p._p.xpath("./w:pPr/w:framePr")]


def _border(p, side: str) -> str | None:
    el = p._p.pPr.find(qn("w:pBdr")).find(qn(f"w:{side}"))
    return None if el is None else el.get(qn("w:sz"))


def _chars(length) -> float:
    """A length as Word keeps it (in twips), in body characters to the hundredth."""
    return round(length.pt / CHAR, 2)


def _index(doc, p) -> int:
    return [x._p for x in doc.paragraphs].index(p._p)


# ── the title's lines (pure) ──────────────────────────────────────────────────────────────────


def test_a_long_title_breaks_between_words_in_as_few_even_lines_as_fit():
    """The plan's title at 2号 (20 characters a line): 44 characters' worth, so three lines. The places it may break
    (docx.title.*): after 关于, 开发区, 转换, 发展, 年 and 任务 — never inside 新旧动能 or 2023年. The two 3-line splits
    whose longest line is 19 — 11/19/16 and 19/14/13 — differ in evenness: 11² + 19² + 16² = 738 against
    19² + 14² + 13² = 726, so the second."""
    title = "关于济宁经济技术开发区深化新旧动能转换推动绿色低碳高质量发展2023年重点工作任务推进情况的通报"
    assert em(title) == 46  # "2023" is two characters wide
    assert title_lines(title, 20) == ["关于济宁经济技术开发区深化新旧动能转换", "推动绿色低碳高质量发展2023年",
                                            "重点工作任务推进情况的通报"]


def test_the_notice_title_is_two_lines_and_a_short_one_is_one():
    """23 characters: after 任务 (14 / 9) beats after 局 (8 / 15); 关于|区 is a place too, but makes no fit."""
    assert title_lines("关于区经济发展局重点工作任务滞后指标的督办通知", 20) == ["关于区经济发展局重点工作任务",
                                                                              "滞后指标的督办通知"]
    assert title_lines("关于测试计划推进情况的通报", 20) == ["关于测试计划推进情况的通报"]


def test_a_title_with_no_place_to_break_is_split_evenly_and_english_at_spaces():
    assert title_lines("甲" * 22, 20) == ["甲" * 11, "甲" * 11]
    # 15 characters wide at 0.5 each: "Progress of the" (7.5) / "Key Tasks Plan" (7) beats 5.5 / 9
    assert title_lines("Progress of the Key Tasks Plan", 10) == ["Progress of the", "Key Tasks Plan"]
    assert title_lines("Plan2023x" * 3, 5) == ["Plan2023x" * 3]  # one Latin word: never cut, left whole
    # an English title with the plan's Chinese name in it breaks at its spaces and between the name's words: 45
    # wide, so three lines; 17 / 19 / 9 is the only split whose longest line is 19
    english = "Progress of the 济宁经济技术开发区深化新旧动能转换推动绿色低碳高质量发展2023年重点工作任务"
    assert title_lines(english, 20) == ["Progress of the 济宁经济技术开发区", "深化新旧动能转换推动绿色低碳高质量发展",
                                        "2023年重点工作任务"]


# ── the XML: where everything is, with the defaults and with plan.policy.document ──────────────────────


def test_bulletin_by_default_rule_title_addressee_seal_and_imprint(cli, tmp_path):
    doc = _report(cli, *_mini(tmp_path), tmp_path / "通报.docx", "--issue", "9")
    rule = _red_rule(doc)
    assert rule.text == "测试办公室\t2023年9月30日"
    f = rule.paragraph_format
    # the rule from the type area's left edge (no left indent), the issuer one character in, the date likewise
    assert (f.left_indent or 0) == 0 and (f.right_indent or 0) == 0
    assert f.first_line_indent == Pt(CHAR)
    assert [round(t.position.pt, 2) for t in f.tab_stops] == [round(Mm(156).pt - CHAR, 2)]
    assert rule._p.pPr.find(qn("w:pBdr")).find(qn("w:bottom")).get(qn("w:space")) == "11"  # 4 mm ≈ 11.3 pt

    i = _index(doc, rule)
    title = doc.paragraphs[i + 1]
    assert title.text == "关于测试计划推进情况的通报" and title.style.name == "公文标题"
    assert title.paragraph_format.space_before == Pt(2 * LINE)  # 红色分隔线下空二行
    assert title.style.paragraph_format.alignment == WD_ALIGN_PARAGRAPH.CENTER
    assert doc.paragraphs[i + 2].text == ""  # 标题下空一行
    assert doc.paragraphs[i + 3].text == "各牵头单位："  # 主送机关, flush left
    assert doc.paragraphs[i + 3].paragraph_format.first_line_indent == Pt(0)

    texts = [p.text for p in doc.paragraphs]
    # 落款 with room for the seal: two blank lines; the date four characters in, 测试办公室 (5) centred over the
    # date (6.5 wide: the digits are half): 4 + (6.5 − 5) ÷ 2 = 4.75 characters in
    at = texts.index("测试办公室")
    assert texts[at - 2:at] == ["", ""] and texts[at + 1] == "2023年9月30日"
    assert all(doc.paragraphs[k].paragraph_format.keep_with_next for k in range(at - 3, at + 1))  # text to 署名
    name, date = doc.paragraphs[at], doc.paragraphs[at + 1]
    assert name.alignment == date.alignment == WD_ALIGN_PARAGRAPH.RIGHT
    assert _chars(date.paragraph_format.right_indent) == 4
    assert _chars(name.paragraph_format.right_indent) == 4.75

    frames = _frames(doc)
    assert [p.text for p, _ in frames] == ["测试办公室\t2023年9月30日印发"]  # no 抄送: the 印发 line alone
    p, frame = frames[0]
    assert (_border(p, "top"), _border(p, "bottom")) == ("8", "8")  # 0.35 mm rules above and below
    assert frame.get(qn("w:w")) == str(TYPE_TWIPS[0]) and frame.get(qn("w:vAnchor")) == "margin"
    assert int(frame.get(qn("w:y"))) + int(frame.get(qn("w:h"))) == TYPE_TWIPS[1]  # its foot on the type area's
    assert doc.paragraphs[-1].text == "" and _index(doc, p) == len(doc.paragraphs) - 2  # the anchor, then nothing


def test_policy_document_number_addressee_signature_without_seal_and_copy_to(cli, tmp_path):
    cat, folder = _mini(tmp_path, POLICY)
    doc = _report(cli, cat, folder, tmp_path / "通报.docx", "--issue", "9")
    texts = [p.text for p in doc.paragraphs]
    rule = _red_rule(doc)
    assert rule.text == "测试办字〔2023〕9号" and _index(doc, rule) == 1  # 发文字号 right under the masthead …
    assert rule.alignment == WD_ALIGN_PARAGRAPH.CENTER
    assert rule.paragraph_format.space_before == Pt(2 * LINE)  # … two lines under it, the rule under the number
    assert "第9期" not in texts and "测试办公室\t2023年9月30日" not in texts
    assert "各成员单位：" in texts and "各牵头单位：" not in texts
    # no seal: one blank line; the 署名 (11 characters) two characters in; the date (6.5) starts two characters
    # right of the 署名's first: 2 + 11 − 6.5 − 2 = 4.5 characters in
    at = texts.index("测试工作领导小组办公室")
    assert texts[at - 1] == "" and texts[at - 2] != ""
    assert _chars(doc.paragraphs[at].paragraph_format.right_indent) == 2
    assert _chars(doc.paragraphs[at + 1].paragraph_format.right_indent) == 4.5
    (copy, copy_frame), (printed, printed_frame) = _frames(doc)
    assert copy.text == "抄送：区委办公室，区人大办公室。"
    assert printed.text == "测试办公室秘书科\t2023年9月30日印发"
    # thick first and last rules, a thin one between; each frame one 7 mm line, stacked on the type area's foot
    assert (_border(copy, "top"), _border(copy, "bottom"), _border(printed, "bottom")) == ("8", "6", "8")
    assert printed.paragraph_format.first_line_indent == Pt(14)  # one character (4号) in
    line = Mm(7).twips
    assert int(printed_frame.get(qn("w:y"))) == round(TYPE_TWIPS[1] - line)
    assert int(copy_frame.get(qn("w:y"))) == round(TYPE_TWIPS[1] - 2 * line)

    blank = _report(cli, cat, folder, tmp_path / "blank.docx")  # no --issue: the number left to fill
    assert _red_rule(blank).text == "测试办字〔2023〕　　号"


def test_a_long_copy_to_list_continues_under_the_first_name(cli, tmp_path):
    """抄送 wraps under the character after "抄送：": 156 mm (442.2 pt) holds 32 characters of 4号 as set
    (13.75 pt), 30 of them one character in from either side — "抄送：" and 27."""
    names = [f"测试第{n}单位" for n in "一二三四五六"]  # 6 × 6 + 5 commas + 。 = 42 characters after 抄送：
    policy = POLICY.replace("[区委办公室, 区人大办公室]", "[" + ", ".join(names) + "]")
    doc = _report(cli, *_mini(tmp_path, policy), tmp_path / "通报.docx")
    (copy, frame), _ = _frames(doc)
    first, second = copy.text.split("\n")
    assert first == "抄送：" + "，".join(names)[:27] and second.startswith("\u3000\u3000\u3000")
    assert (first + second.lstrip("\u3000")) == "抄送：" + "，".join(names) + "。"
    assert int(frame.get(qn("w:h"))) == round(2 * Mm(7).twips)  # two lines: the frame twice as high …
    assert int(frame.get(qn("w:y"))) == round(TYPE_TWIPS[1] - 3 * Mm(7).twips)  # … and one line higher


def test_policy_document_date_blank_leaves_the_dates_to_fill(cli, tmp_path):
    cat, folder = _mini(tmp_path, "  period_end: 2023-12-31\n  policy:\n    document:\n      date: blank")
    doc = _report(cli, cat, folder, tmp_path / "通报.docx")
    texts = [p.text for p in doc.paragraphs]
    blank = "　　　　年　　月　　日"
    assert texts[texts.index("测试办公室") + 1] == blank
    assert [p.text for p, _ in _frames(doc)] == [f"测试办公室\t{blank}印发"]
    assert _red_rule(doc).text == f"测试办公室\t{blank}"


def test_a_wrong_document_policy_is_one_message_with_its_line(cli, tmp_path):
    cat, folder = _mini(tmp_path, "  period_end: 2023-12-31\n  policy:\n    document:\n      seal: 是")
    result = cli("report", "-c", cat, "-p", folder, "--as-of", "2023-09-30", "-f", "docx", "-o", tmp_path / "x.docx")
    assert result.exit_code != 0
    assert "mini.yaml:10" in result.output and "seal" in result.output and "Traceback" not in result.output
    assert not (tmp_path / "x.docx").exists()


def test_notice_title_two_lines_contact_left_and_minus_kept(cli, tmp_path):
    cat, folder = _mini(tmp_path)
    econ = MINI_PROGRESS["区经济发展局.yaml"].replace("value: 15", "value: 5").replace("value: 21", "value: 10")
    (folder / "区经济发展局.yaml").write_text(econ, encoding="utf-8")
    cat.write_text(cat.read_text(encoding="utf-8").replace(
        "  period_end: 2023-12-31", "  period_end: 2023-12-31\n  policy:\n    supervision_from: 2023-01-01"),
        encoding="utf-8")
    out = tmp_path / "督办单.docx"
    result = cli("notice", "区经济发展局", "-c", cat, "-p", folder, "--as-of", "2023-09-30", "-o", out)
    assert result.exit_code == 0, result.output
    doc = Document(str(out))
    title = next(p for p in doc.paragraphs if p.style.name == "公文标题")
    assert title.text == "关于区经济发展局重点工作任务\n滞后指标的督办通知"  # one paragraph, a line break
    assert len(title._p.xpath(".//w:br")) == 1
    contact = doc.paragraphs[-1]
    assert contact.text.startswith("（联系人：") and contact.alignment == WD_ALIGN_PARAGRAPH.LEFT
    assert em(contact.text) + 2 <= 28  # with its two characters' indent, on one line
    pace = next(c for r in doc.tables[0].rows for c in r.cells if "差距" in c.text)
    assert pace.text == "33.3%／74.8%，差距-41.5个百分点"  # reads as it did …
    assert pace._tc.xpath(".//w:noBreakHyphen")  # … but the minus is a non-breaking hyphen


# ── LibreOffice's PDF: where it prints them ───────────────────────────────────────────────────


@pytest.fixture(scope="module")
def printed(tmp_path_factory) -> Path:
    """The sample data's bulletin, the 督办单 to 经发局 and to 市教育局经开区分局 (its 56.4 is at −100.0 points), and
    MINI's bulletin with the 抄送 of POLICY, printed to PDF by LibreOffice Writer in one run."""
    soffice = external.libreoffice("writer")
    external.cjk_font()
    from typer.testing import CliRunner

    from gdtrack.cli import app

    folder = tmp_path_factory.mktemp("gb9704")
    cat, progress = _mini(folder, POLICY)
    data = ["-c", str(CATALOGUE), "-p", str(PROGRESS), "--as-of", "2023-09-30"]
    runs = {"通报": ["report", *data, "-f", "docx", "--issue", "9"],
            "督办单": ["notice", "经发局", *data],
            "督办单-教育": ["notice", "市教育局经开区分局", *data],
            "通报-抄送": ["report", "-c", str(cat), "-p", str(progress), "--as-of", "2023-09-30", "-f", "docx"]}
    for name, args in runs.items():
        result = CliRunner().invoke(app, [*args, "-o", str(folder / f"{name}.docx")])
        assert result.exit_code == 0, result.output
    external.convert(soffice, "pdf", [folder / f"{name}.docx" for name in runs], folder, home=folder)
    return folder


def _reader(path: Path):
    pypdf = pytest.importorskip("pypdf", reason="pypdf not installed: pip install pypdf")
    return pypdf.PdfReader(str(path))


def _chunks(page) -> list[tuple[float, float, float, str]]:
    """(baseline, x, size, text) of each piece of text on the page."""
    found: list[tuple[float, float, float, str]] = []
    page.extract_text(visitor_text=lambda text, cm, tm, font, size: found.append((tm[5], tm[4], size, text))
                      if text.strip() else None)
    return found


def _rules(reader, page) -> list[tuple[tuple[float, ...], float, float, float, float]]:
    """The horizontal lines LibreOffice strokes on a page (paragraph borders): (colour, width, x0, x1, y), top first."""
    from pypdf.generic import ContentStream

    colour, width, start, found = (0.0, 0.0, 0.0), 1.0, None, set()
    for args, op in ContentStream(page.get_contents(), reader).operations:
        if op == b"RG":
            colour = tuple(float(a) for a in args)
        elif op == b"w":
            width = float(args[0])
        elif op == b"m":
            start = (float(args[0]), float(args[1]))
        elif op == b"l" and start and abs(float(args[1]) - start[1]) < 0.01:
            x = sorted((start[0], float(args[0])))
            found.add((colour, width, round(x[0], 2), round(x[1], 2), round(start[1], 2)))
    return sorted(found, key=lambda r: -r[4])


def test_pdf_the_red_rule_is_the_type_area_wide(printed):
    reader = _reader(printed / "通报.pdf")
    red = [r for r in _rules(reader, reader.pages[0]) if r[0] == (1.0, 0.0, 0.0)]
    assert len(red) == 1
    _, _, x0, x1, _ = red[0]
    assert abs(x0 - LEFT) < 0.5 and abs(x1 - RIGHT) < 0.5  # 156 mm, from the type area's left edge


def test_pdf_the_title_lies_two_lines_under_the_rule_centred_on_three_lines(printed):
    for name, lines in (("通报", 3), ("督办单", 2)):
        reader = _reader(printed / f"{name}.pdf")
        page = reader.pages[0]
        rule = next(r[4] for r in _rules(reader, page) if r[0] == (1.0, 0.0, 0.0))
        title = [c for c in _chunks(page) if abs(c[2] - 22) < 0.1]  # 2号
        baselines = sorted({round(c[0], 1) for c in title}, reverse=True)
        assert len(baselines) == lines, (name, baselines)
        assert all(abs(a - b - 36) < 0.2 for a, b in zip(baselines, baselines[1:], strict=False))  # 36 pt lines
        # two blank lines of the grid, then the first line's baseline within its 36 pt line of 22 pt type
        assert 2 * LINE + 22 <= rule - baselines[0] <= 2 * LINE + 36, (name, rule, baselines[0])
        for y in baselines:
            pieces = sorted((c for c in title if round(c[0], 1) == y), key=lambda c: c[1])
            last = pieces[-1]
            assert re.fullmatch(r"[\u4e00-\u9fff]+", last[3])  # ends in Chinese: its width is 22 pt a character
            middle = (pieces[0][1] + last[1] + 22 * len(last[3])) / 2
            assert abs(middle - (LEFT + RIGHT) / 2) < 4, (name, y, middle)


def test_pdf_the_imprint_is_on_the_last_lines_of_the_last_page(printed):
    reader = _reader(printed / "通报.pdf")
    assert all("印发" not in page.extract_text() for page in reader.pages[:-1])
    last = reader.pages[-1]
    rules = [r for r in _rules(reader, last) if r[0] == (0.0, 0.0, 0.0)]
    (_, _, x0, x1, top), (_, _, _, _, foot) = rules[-2:]
    assert abs(foot - FOOT) < 1 and abs(top - foot - IMPRINT_LINE) < 1.5  # the type area's last 7 mm
    assert abs(x0 - LEFT) < 0.5 and abs(x1 - RIGHT) < 0.5
    chunks = _chunks(last)
    printed_line = [c for c in chunks if abs(c[2] - 14) < 0.1 and c[0] > FOOT]  # 4号, above the folio
    assert printed_line and all(foot < c[0] < top for c in printed_line)
    body = [c for c in chunks if c[0] > FOOT and c not in printed_line]
    assert body and min(c[0] for c in body) > top  # the text and the 落款 all above it
    signed = min(c[0] for c in body if c[3] == "济宁经济技术开发区党政办公室" and abs(c[2] - 16) < 0.1)
    assert any(c[0] > signed + 2 * LINE for c in body)  # never a 落款 alone on a page: text above it


def test_pdf_the_copy_to_line_sits_above_the_printed_line_between_its_rules(printed):
    reader = _reader(printed / "通报-抄送.pdf")
    last = reader.pages[-1]
    rules = [r for r in _rules(reader, last) if r[0] == (0.0, 0.0, 0.0)][-3:]
    ys = [r[4] for r in rules]
    assert abs(ys[2] - FOOT) < 1
    assert all(abs(a - b - IMPRINT_LINE) < 1.5 for a, b in zip(ys, ys[1:], strict=False))
    assert [r[1] for r in rules] == [1.0, 0.75, 1.0]  # thick, thin, thick
    lines: dict[float, str] = {}  # a line's pieces joined (a PDF may place 抄 and 送 apart), by baseline
    for c in sorted(_chunks(last), key=lambda c: (c[0], c[1])):
        lines[round(c[0], 1)] = lines.get(round(c[0], 1), "") + c[3]
    copy = next(y for y, text in lines.items() if text.startswith("抄送"))
    assert ys[1] < copy < ys[0]


def test_pdf_the_notice_contact_line_is_one_unspread_line(printed):
    reader = _reader(printed / "督办单.pdf")
    last = reader.pages[-1]
    text = last.extract_text()
    assert "（联系人：" in text and "联系电话：" in text  # no spaces put between letter-spaced characters
    pieces = [c for c in _chunks(last) if "联系" in c[3] or c[3].strip() == "）"]
    assert len({round(c[0], 1) for c in pieces}) == 1  # one baseline: it does not wrap (and so is not spread)
    assert abs(min(c[1] for c in pieces) - (LEFT + 2 * CHAR)) < 1  # two characters in


def test_pdf_no_figure_breaks_after_its_sign_or_inside(printed):
    """The sample bulletin's tables and 市教育局经开区分局's 督办单 (56.4: 0.0 against 100.0, −100.0 points): no line
    ends in a sign or a decimal point, none starts with "%" or a digit left over from the line before."""
    broken = re.compile(r"(?:-|\d\.)\n\d|\d\n%|\d\n\.\d")
    reader = _reader(printed / "通报.pdf")
    text = "\n".join(page.extract_text() for page in reader.pages)
    assert "-100.0" in text.replace(" ", "")
    assert not broken.findall(text), broken.findall(text)[:5]
    notice = "\n".join(page.extract_text() for page in _reader(printed / "督办单-教育.pdf").pages)
    assert "差距-100.0个百分点" in notice.replace(" ", "") and not broken.findall(notice)
