"""Layout: a published plan's plain text → its metadata, chapters and tasks, each task as a span of the source.

Pure text → data. Every task's text is kept as offsets into the source, so the catalogue's `text` is a verbatim
substring of the document (line breaks inside a task included). Handles the genre's layouts: the 印发通知, the
addressees, the preamble and web-page boilerplate before the plan are skipped; chapters `一、` (or `第一章`),
an optional level `（一）` and unnumbered topic lines; tasks numbered `1.` `1．` `1、` or `（1）`; the
attribution in brackets at the end, before the closing 。, or on its own lines after the task or before it
(a plan-wide choice: the first labelled line before the first task); a progress report's 进展情况 paragraphs read
past; and a table flattened to text by pipes, tabs, runs of spaces (cells placed under the header's columns by
display width) or one cell per line, its header naming the columns (TABLE_COLUMNS). In a table the task's text is
its 具体目标 cell and its name the 重点任务 cell; a row without a 序号 continues the row above (a wrapped cell) or,
with a 具体目标 of its own, is a task of its own numbered as that row.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import field

from gdtrack.files.documents import PAGE_MARK_RE
from gdtrack.values import Value, record

SP = r"[ \t\u3000]"
CN_DIGITS = "零〇一二两三四五六七八九十百"

CHAPTER_RE = re.compile(rf"^{SP}*(?:第([{CN_DIGITS}]+)(?:章|部分|篇){SP}*[、．.:：]?|([{CN_DIGITS}]+){SP}*[、．.])"
                        rf"{SP}*(\S.*?){SP}*$")
SUB_RE = re.compile(rf"^{SP}*[（(]([{CN_DIGITS}]+)[）)]{SP}*(\S.*?){SP}*$")
TASK_DOT_RE = re.compile(rf"^{SP}*(\d{{1,4}}){SP}*[.．、](?![\d０-９]){SP}*(?=\S)")
TASK_PAREN_RE = re.compile(rf"^{SP}*[（(](\d{{1,4}})[）)]{SP}*(?=\S)")
ATTR_LABELS = ("责任领导|分管领导|牵头领导|包保领导|牵头单位|牵头部门|主责单位|责任单位|责任部门|配合单位|配合部门|"
               "参与单位|参与部门|协办单位|协同单位|协助单位|完成时限|完成时间|时间节点|时限要求|时限")
ATTR_LINE_RE = re.compile(rf"^{SP}*[（(【\[［]?(?:{ATTR_LABELS}){SP}*[:：]")
PROGRESS_LABELS = "进展情况|完成情况|推进情况|工作进展|目前进展|进度情况|进展|存在问题|下步打算|下步工作打算"
PROGRESS_RE = re.compile(rf"(?:^|(?<=[。；;！？\n])){SP}*[【\[［（(]?(?:{PROGRESS_LABELS})[】\]］）)]?{SP}*[:：]", re.M)
"""A progress report's own words after a task (进展情况：已完成…): not the plan's, not read for goals."""
END_MARK_RE = re.compile(rf"^{SP}*(?:抄送|附件|打印本页|【(?!{ATTR_LABELS})|\[打印|关闭窗口|扫一扫|分享到|责任编辑|"
                         rf"来源[:：]|发布时间|版权所有|主办单位|网站标识码|相关链接|上一篇|下一篇)")
DOCNO_RE = re.compile(r"([\u4e00-\u9fa5]{2,12})\s*[〔\[［【]\s*(\d{4})\s*[〕\]］】]\s*第?\s*(\d{1,4})\s*号")
DATE_LINE_RE = re.compile(rf"^{SP}*(\d{{4}}|[〇零一二三四五六七八九]{{4}})\s*年"
                          rf"\s*(\d{{1,2}}|[一二三四五六七八九十]{{1,3}})\s*月\s*(\d{{1,2}}|[一二三四五六七八九十]{{1,3}})\s*日(?:印发)?{SP}*$")
FIELD_DATE_RE = re.compile(r"(?:成文日期|发文日期|发布日期|发布时间)\s*[:：]\s*(\d{4})[-/年.](\d{1,2})[-/月.](\d{1,2})")
ORG_RE = re.compile(r"^[\u4e00-\u9fa5（）()]{4,40}(?:办公室|办公厅|人民政府|委员会|管委会|党工委|局|厅|中心|部|委)$")
SITE_LINE_RE = re.compile(r"^(?:首页|当前位置|您现在的位置|您的位置)|[>＞»›]|^(?:发布时间|发布日期|来源|信息来源|字体|"
                          r"浏览次数|点击数|阅读次数)[:：]")
"""A web page's own lines around a plan's title: the breadcrumb, 发布时间, 来源, 字体."""
NOTICE_TITLE_RE = re.compile(r"关于印发《(.+?)》的通知")
PIPE_SPLIT_RE = re.compile(r"[ \t\u3000]*[|｜][ \t\u3000]*")
TAB_SPLIT_RE = re.compile(r"[ \u3000]*\t[ \u3000]*")
TERMINAL = "。！？；;）)"

TABLE_COLUMNS = {
    "id": ("序号", "编号"),
    "text": ("重点工作", "工作任务", "重点任务", "主要任务", "任务内容", "工作内容", "具体任务", "目标任务", "任务",
             "重点工作任务", "任务名称", "项目名称"),
    "goals": ("具体目标", "目标要求", "工作措施", "工作目标", "主要目标", "具体措施", "主要措施", "推进措施",
              "目标", "工作要求", "年度目标", "具体内容"),
    "leaders": ("责任领导", "分管领导", "牵头领导", "包保领导", "责任人", "县级责任领导", "区级责任领导"),
    "lead": ("牵头单位", "牵头部门", "主责单位", "牵头单位及责任人", "牵头单位/责任人"),
    "resp": ("责任单位", "责任部门", "责任单位及责任人", "责任单位/责任人"),
    "co": ("配合单位", "配合部门", "参与单位", "协办单位", "协同单位"),
    "deadline": ("完成时限", "完成时间", "时间节点", "时限", "时限要求", "完成时限要求"),
    "progress": ("进展情况", "完成情况", "推进情况", "工作进展", "进展", "目前进展", "进度情况", "工作推进情况",
                 "存在问题", "下步打算", "备注", "完成进度"),
}
"""A table's columns by the names its header gives them. `progress` columns (a progress report that repeats the
plan's columns) are read past: what was achieved is not a target."""
SPACES_SPLIT_RE = re.compile(r"[ \u3000]{2,}")


@record
class Meta(Value):
    title: str | None = None
    document_number: str | None = None
    issuer: str | None = None
    issued: dt.date | None = None


@record
class RawChapter(Value):
    number: int
    title: str
    line: int


@record
class RawTask(Value):
    id: int
    number: int  # as numbered in the source
    chapter: int
    start: int  # offsets of the paragraph (number prefix excluded) in the source
    end: int
    line: int
    topic: str | None = None  # the （一） heading or unnumbered topic line it sits under
    attr_lines: list[str] = field(default_factory=list)  # an attribution on its own lines after the task
    cells: dict[str, str] = field(default_factory=dict)  # a table row's other columns
    name: str | None = None  # a table's 重点任务 cell, when the text is its 具体目标 cell


@record
class Layout(Value):
    meta: Meta
    chapters: list[RawChapter]
    tasks: list[RawTask]
    body_line: int | None  # first line of the plan itself
    table: bool = False


@record
class _Line(Value):
    no: int  # 1-based
    start: int
    end: int  # end of the content, newline excluded
    text: str


def _lines(source: str) -> list[_Line]:
    out, pos = [], 0
    for no, raw in enumerate(source.splitlines(keepends=True), 1):
        content = raw.rstrip("\r\n")
        out.append(_Line(no, pos, pos + len(content), content))
        pos += len(raw)
    return out


def cn_number(text: str) -> int | None:
    """A Chinese numeral (十一, 二〇二三) or Arabic digits as an int."""
    if text.isdigit():
        return int(text)
    import cn2an

    try:
        value = cn2an.cn2an(text, "smart")
    except (ValueError, KeyError, TypeError):
        return None
    return int(value) if float(value).is_integer() else None


def squash(text: str) -> str:
    """Text for display: line breaks and the spaces around them removed (Chinese wraps anywhere)."""
    return re.sub(r"\s*[\r\n]+\s*", "", text).strip()


def title_of(text: str) -> str:
    """The task's title: its text before the first 。 (line breaks removed)."""
    flat = squash(text)
    head = flat.split("。", 1)[0]
    if len(head) > 40 and "。" not in flat:
        head = re.split(r"[，,；;]", head, maxsplit=1)[0]
    return head.strip() or flat[:40]


def _task_match(text: str, style: str) -> re.Match | None:
    return (TASK_DOT_RE if style == "dot" else TASK_PAREN_RE).match(text)


def _topic_like(text: str) -> bool:
    s = text.strip(" \t\u3000")
    return (0 < len(s) <= 30 and not re.search(r"[。；;]", s) and s[0] not in "，、,）)”：:"
            and s[-1] not in "，、：:,")


def _open_brackets(text: str) -> int:
    return text.count("（") + text.count("(") - text.count("）") - text.count(")")


def segment(source: str) -> Layout:
    lines = _lines(source)
    table = _find_table_header(lines)
    layout = _segment_table(source, lines, table) if table is not None else _segment_prose(source, lines)
    layout.meta = find_meta(lines, layout.body_line, layout.table)
    return layout


# ── prose layouts ──────────────────────────────────────────────────────────────────────────────


def _body_style(lines: list[_Line]) -> tuple[int | None, str]:
    """The first line of the plan (a chapter heading or the first task) and how its tasks are numbered."""
    first_heading = next((ln.no for ln in lines if CHAPTER_RE.match(ln.text) and _is_heading(ln.text)), None)
    for ln in lines:
        if first_heading is not None and ln.no < first_heading:
            continue
        m_dot, m_paren = TASK_DOT_RE.match(ln.text), TASK_PAREN_RE.match(ln.text)
        if m_dot and int(m_dot.group(1)) == 1:
            return first_heading or ln.no, "dot"
        if m_paren and int(m_paren.group(1)) == 1:
            return first_heading or ln.no, "paren"
    return first_heading, "dot"


def _is_heading(text: str) -> bool:
    """A chapter heading is a short line: 一、聚力… (a long sentence after 一、 is not a heading)."""
    m = CHAPTER_RE.match(text)
    return bool(m) and len(m.group(3)) <= 40 and "。" not in m.group(3).rstrip("。")


def _next_id(n: int, last_id: int) -> int:
    """A task's or chapter's id: its number, unless numbering restarts or repeats, when it goes on from the last."""
    return n if n > last_id else last_id + 1


def _segment_prose(source: str, lines: list[_Line]) -> Layout:
    body_line, style = _body_style(lines)
    chapters: list[RawChapter] = []
    tasks: list[RawTask] = []
    has_cn_chapters = any(CHAPTER_RE.match(ln.text) and _is_heading(ln.text) for ln in lines
                          if body_line is not None and ln.no >= body_line)
    chapter_no = 0
    topic: str | None = None
    current: RawTask | None = None
    blank = False
    last_id = 0
    title_open: RawChapter | None = None  # a chapter heading that may continue on the next line
    before = _attribution_first(lines, body_line, style)  # 【牵头单位：…】 on its own lines before each task
    pending: list[str] = []  # those lines, for the next task
    reporting = False  # inside a progress report's 进展情况 after a task

    def close() -> None:
        nonlocal current
        current = None

    for ln in lines:
        if body_line is None or ln.no < body_line:
            continue
        text = ln.text
        if not text.strip(" \t\u3000"):
            blank = True
            title_open = None
            continue
        if END_MARK_RE.match(text):
            break
        if PAGE_MARK_RE.match(text):
            continue
        ch = CHAPTER_RE.match(text)
        sub = SUB_RE.match(text)
        task_m = _task_match(text, style)
        if task_m and current is not None and _open_brackets(source[current.start:current.end]) > 0:
            task_m = None  # inside an unclosed bracket: a wrapped line, not a new task
        if task_m:
            n = int(task_m.group(1))
            if not (n == last_id + 1 or n == 1 or (current is None and not tasks)):
                task_m = None  # not the next number: a wrapped line that happens to start with digits
        if PROGRESS_RE.match(text) and not task_m:
            close()
            reporting = True
            continue
        if reporting and not (task_m or ch and _is_heading(text) or sub or ATTR_LINE_RE.match(text)):
            continue
        reporting = False
        if before and ATTR_LINE_RE.match(text) and not task_m:
            close()
            pending.append(text.strip(" \t\u3000"))
            continue
        if before and pending and not task_m and not (ch and _is_heading(text)) and not sub and (
                pending[-1][-1:] in "、，," or _open_brackets(pending[-1]) > 0):
            pending[-1] += text.strip(" \t\u3000")
            continue
        if ch and _is_heading(text) and not task_m:
            close()
            chapter_no = _next_id(cn_number(ch.group(1) or ch.group(2)) or 0, chapter_no)
            chapters.append(RawChapter(chapter_no, ch.group(3).strip(), ln.no))
            title_open = chapters[-1] if ch.group(3).rstrip()[-1:] in "，、," else None
            topic = None
        elif sub and not task_m and (has_cn_chapters or chapters):
            close()
            topic = sub.group(0).strip(" \t\u3000")
        elif sub and not task_m:
            close()
            chapter_no = _next_id(cn_number(sub.group(1)) or 0, chapter_no)
            chapters.append(RawChapter(chapter_no, sub.group(2).strip(), ln.no))
            topic = None
        elif task_m:
            close()
            n = int(task_m.group(1))
            last_id = _next_id(n, last_id)
            chapter_no = chapter_no or 1
            current = RawTask(last_id, n, chapter_no, ln.start + task_m.end(), ln.end, ln.no, topic)
            current.attr_lines, pending = pending, []
            tasks.append(current)
        elif ATTR_LINE_RE.match(text) and current is not None and not _ends_with_attribution(source, current):
            current.attr_lines.append(text.strip(" \t\u3000"))
        elif current is not None and current.attr_lines and not before:
            last = current.attr_lines[-1]
            if last[-1:] in "、，," or _open_brackets(last) > 0 or not _topic_like(text):
                current.attr_lines[-1] += text.strip(" \t\u3000")
            else:
                close()
                topic = text.strip(" \t\u3000")
        elif title_open is not None and _topic_like(text):
            title_open.title += text.strip(" \t\u3000")
            title_open = None
        elif current is not None and _continues(source, current, text, blank):
            current.end = ln.end
        else:
            close()
            if _topic_like(text):
                topic = text.strip(" \t\u3000")
        blank = False
        if not ch:
            title_open = None
    for t in tasks:
        while t.end > t.start and source[t.end - 1] in " \t\u3000\r\n":
            t.end -= 1
    return Layout(Meta(), _chapters_used(chapters, tasks), tasks, body_line)


def _attribution_first(lines: list[_Line], body_line: int | None, style: str) -> bool:
    """Whether the plan puts a task's attribution on lines of their own before it: the first such line comes
    before the first task."""
    for ln in lines:
        if body_line is None or ln.no < body_line:
            continue
        if ATTR_LINE_RE.match(ln.text):
            return True
        if _task_match(ln.text, style):
            return False
    return False


def _chapters_used(chapters: list[RawChapter], tasks: list[RawTask]) -> list[RawChapter]:
    """The chapters that hold tasks; tasks before any heading get a chapter without a title (to fill in)."""
    known = {c.number for c in chapters}
    extra = {t.chapter: RawChapter(t.chapter, "", t.line) for t in reversed(tasks) if t.chapter not in known}
    used = {t.chapter for t in tasks}
    return sorted([c for c in chapters if c.number in used] + list(extra.values()), key=lambda c: c.number)


def _ends_with_attribution(source: str, task: RawTask) -> bool:
    from gdtrack.drafting.attribution import split_trailing

    return split_trailing(source[task.start:task.end])[1] is not None


def _continues(source: str, task: RawTask, line: str, blank: bool) -> bool:
    """Whether a plain line continues the open task (a wrapped line) rather than ending it."""
    so_far = source[task.start:task.end].rstrip(" \t\u3000\r\n")
    if _open_brackets(so_far) > 0 or not so_far or so_far[-1] not in TERMINAL:
        return True  # mid-sentence or inside a bracket: the paragraph goes on
    if blank or _topic_like(line):
        return False
    return not _ends_with_attribution(source, task)


# ── tables flattened to text ───────────────────────────────────────────────────────────────────


def _header_name(cell: str) -> str:
    """A header cell as a column's name: spaces, footnote marks and a bracketed aside removed (序 号, 责任单位（排在
    第一位的为牵头单位）)."""
    return re.sub(r"[\s\u3000*＊]+|[（(][^）)]*[）)]$", "", re.sub(r"[\s\u3000]+", "", cell))


def _columns(cells: list[str]) -> dict[str, int]:
    cols: dict[str, int] = {}
    names = [_header_name(c) for c in cells]
    for key, known in TABLE_COLUMNS.items():
        for ci, name in enumerate(names):
            if name in known and key not in cols and ci not in cols.values():
                cols[key] = ci
    return cols


@record
class _Table(Value):
    header: int  # index of the header's (first) line
    cols: dict[str, int]
    split: re.Pattern | None  # how a row's line splits into cells; None: one cell per line
    width: int  # the number of columns the header names
    positions: list[int] = field(default_factory=list)  # columns split by runs of spaces: where each starts


def _width(text: str) -> int:
    from wcwidth import wcswidth

    return max(wcswidth(text), 0)


def _find_table_header(lines: list[_Line]) -> _Table | None:
    for i, ln in enumerate(lines):
        for split in (PIPE_SPLIT_RE, TAB_SPLIT_RE, SPACES_SPLIT_RE):
            if not split.search(ln.text.strip(" \t\u3000")):
                continue
            cells = _cells(ln.text, split)
            cols = _columns(cells)
            if "id" in cols and "text" in cols and len(cols) >= 3 - (split is not SPACES_SPLIT_RE):
                positions = [_width(ln.text[:a - ln.start]) for a, _ in _cell_spans(ln, split)]
                return _Table(i, cols, split, len(cells), positions if split is SPACES_SPLIT_RE else [])
        if _header_name(ln.text) in TABLE_COLUMNS["id"]:  # one cell per line: 序号 / 重点任务 / 牵头单位 …
            names = []
            for nxt in lines[i:i + 12]:
                name = _header_name(nxt.text)
                if not any(name in known for known in TABLE_COLUMNS.values()):
                    break
                names.append(name)
            cols = _columns(names)
            if "text" in cols and len(cols) >= 3:
                return _Table(i, cols, None, len(names))
    return None


def _cells(text: str, split: re.Pattern = PIPE_SPLIT_RE) -> list[str]:
    parts = split.split(text.strip(" \t\u3000") if split is not TAB_SPLIT_RE else text)
    if parts and parts[0] == "" and split is not TAB_SPLIT_RE:
        parts = parts[1:]
    if parts and parts[-1] == "":
        parts = parts[:-1]
    return parts


def _cell_spans(ln: _Line, split: re.Pattern) -> list[tuple[int, int]]:
    """(start, end) offsets of each cell's content in the source (an empty cell between tabs kept)."""
    spans, pos = [], 0
    text = ln.text
    for m in split.finditer(text):
        spans.append((pos, m.start()))
        pos = m.end()
    spans.append((pos, len(text)))
    out = []
    for a, b in spans:
        seg = text[a:b]
        lead = len(seg) - len(seg.lstrip(" \t\u3000"))
        trail = len(seg) - len(seg.rstrip(" \t\u3000"))
        out.append((ln.start + a + lead, max(ln.start + a + lead, ln.start + b - trail)))
    if out and out[0][0] == out[0][1] and split is not TAB_SPLIT_RE:
        out = out[1:]
    if out and out[-1][0] == out[-1][1]:
        out = out[:-1]
    return out


def _placed(ln: _Line, table: _Table) -> list[tuple[int, int]]:
    """A line of a table whose columns are runs of spaces: each cell in the column it starts under (by display
    width), so a missing cell or a wrapped line keeps its place."""
    out = [(ln.end, ln.end)] * table.width
    if not ln.text.strip(" \t\u3000"):
        return out
    for a, b in _cell_spans(ln, SPACES_SPLIT_RE) if ln.text.strip(" \u3000") else []:
        at = _width(ln.text[:a - ln.start])
        ci = max((i for i, p in enumerate(table.positions) if p <= at + 1), default=0)
        out[ci] = (a, b) if out[ci][0] == out[ci][1] else (out[ci][0], b)
    while out and out[-1][0] == out[-1][1]:
        out.pop()
    return out


def _rows(lines: list[_Line], table: _Table) -> list[tuple[_Line, list[tuple[int, int]]]]:
    """Each line after the header with the spans of its cells; in a one-cell-per-line table, a row's cells are the
    lines from its 序号 up to the next 序号 or heading (an empty cell's line may be missing: the cells fill the
    columns in order; a cell ending in ，、； goes on on the next line)."""
    body = lines[table.header + (table.width if table.split is None else 1):]
    if table.split is SPACES_SPLIT_RE:
        return [(ln, _placed(ln, table)) for ln in body]
    if table.split is not None:
        return [(ln, _cell_spans(ln, table.split) if table.split.search(ln.text.strip(" \t\u3000"))
                 else [(ln.start + len(ln.text) - len(ln.text.lstrip(" \t\u3000")),
                        ln.start + len(ln.text.rstrip(" \t\u3000")))]) for ln in body]
    out: list[tuple[_Line, list[tuple[int, int]]]] = []
    cells: list[tuple[int, int]] | None = None
    last = ""
    for ln in body:
        s = ln.text.strip(" \t\u3000")
        if not s or PAGE_MARK_RE.match(s):
            continue
        a = ln.start + len(ln.text) - len(ln.text.lstrip(" \t\u3000"))
        span = (a, a + len(s))
        if cells and last[-1:] in "，、；,;" and not re.fullmatch(r"\d{1,4}", s):
            cells[-1] = (cells[-1][0], span[1])
        elif re.fullmatch(r"\d{1,4}", s) or CHAPTER_RE.match(s) and _is_heading(s) or SUB_RE.match(s) \
                or END_MARK_RE.match(s) or cells is None or len(cells) >= table.width:
            cells = [span]
            out.append((ln, cells))
        else:
            cells.append(span)
        last = s
    return out


def _segment_table(source: str, lines: list[_Line], table: _Table) -> Layout:
    cols = table.cols
    chapters: list[RawChapter] = []
    tasks: list[RawTask] = []
    chapter_no, last_id, topic = 0, 0, None
    body = cols.get("goals", cols["text"])  # the task's text: its 具体目标 where the table has them
    for ln, spans in _rows(lines, table):
        text = ln.text
        if not text.strip(" \t\u3000") or re.fullmatch(r"[\s|｜:：\-—]+", text):
            continue
        if END_MARK_RE.match(text):
            break
        cells = [source[a:b] for a, b in spans]
        filled = [c for c in cells if c]
        if len(filled) == 1 and CHAPTER_RE.match(filled[0]) and _is_heading(filled[0]):
            ch = CHAPTER_RE.match(filled[0])
            chapter_no = _next_id(cn_number(ch.group(1) or ch.group(2)) or 0, chapter_no)
            chapters.append(RawChapter(chapter_no, ch.group(3).strip(), ln.no))
            topic = None
            continue
        if len(filled) == 1 and SUB_RE.match(filled[0]):
            topic = filled[0].strip()
            continue
        id_cell = cells[cols["id"]].strip() if len(cells) > cols["id"] else ""
        if not re.fullmatch(r"\d{1,4}", id_cell):
            if tasks and len(spans) > 1 and body < len(spans) and spans[body][0] < spans[body][1] \
                    and not _only_separators(source[tasks[-1].end:spans[body][0]]):
                tasks.append(_next_goal_row(source, tasks[-1], spans, cols, body, ln.no))  # 序号 merged over rows
                last_id = tasks[-1].id
            elif tasks:
                _continue_row(source, tasks[-1], spans, cols, body)
            continue
        if len(cells) <= cols["text"]:
            continue
        n = int(id_cell)
        last_id = _next_id(n, last_id)
        chapter_no = chapter_no or 1
        a, b = spans[body] if body < len(spans) and spans[body][0] < spans[body][1] else spans[cols["text"]]
        name = cells[cols["text"]] if (a, b) != spans[cols["text"]] else None
        row = {k: cells[ci] for k, ci in cols.items() if k not in ("id", "text", "goals", "progress")
               and ci < len(cells)}
        tasks.append(RawTask(last_id, n, chapter_no, a, b, ln.no, topic, cells=row, name=name))
    return Layout(Meta(), _chapters_used(chapters, tasks), tasks, lines[table.header].no, table=True)


def _only_separators(text: str) -> bool:
    return bool(re.fullmatch(r"[\s|｜]*", text))


def _next_goal_row(source: str, task: RawTask, spans: list[tuple[int, int]], cols: dict[str, int], body: int,
                   line: int) -> RawTask:
    """A row without a 序号 whose 具体目标 cell is its own (序号 and 重点任务 merged over several rows, each row a goal
    with its own units and date): a task of its own, numbered as the row above, its empty cells the row above's."""
    cells = dict(task.cells)
    for key, ci in cols.items():
        if key not in ("id", "text", "goals", "progress") and ci < len(spans) and spans[ci][0] < spans[ci][1]:
            cells[key] = source[spans[ci][0]:spans[ci][1]]
    return RawTask(task.id + 1, task.number, task.chapter, spans[body][0], spans[body][1], line, task.topic,
                   cells=cells, name=task.name)


def _continue_row(source: str, task: RawTask, spans: list[tuple[int, int]], cols: dict[str, int], body: int) -> None:
    """A line without a 序号 under a row: its cells continue the row's (a cell wrapped over lines). A line of one
    cell continues the task's text; otherwise each filled cell continues its column. The text goes on only where
    nothing but separators lies between (it stays a verbatim part of the source)."""
    if len(spans) == 1:
        spans = [(task.end, task.end)] * body + spans if body else spans
    for key, ci in cols.items():
        if ci >= len(spans) or spans[ci][0] == spans[ci][1] or key in ("id", "progress"):
            continue
        if ci == body:
            if _only_separators(source[task.end:spans[ci][0]]):
                task.end = spans[ci][1]
        elif key == "text" and task.name is not None:
            task.name += source[spans[ci][0]:spans[ci][1]]
        else:
            task.cells[key] = task.cells.get(key, "") + source[spans[ci][0]:spans[ci][1]]


# ── metadata ───────────────────────────────────────────────────────────────────────────────────


def _date(y: str, m: str, d: str) -> dt.date | None:
    try:
        return dt.date(cn_number(y) or 0, cn_number(m) or 0, cn_number(d) or 0)
    except (ValueError, TypeError):
        return None


def find_meta(lines: list[_Line], body_line: int | None, table: bool = False) -> Meta:
    """Title, 文号, issuer and date from the lines before the plan (and the signature after it; in a table, a
    unit's cell is not a signature unless a date follows it)."""
    head = [ln for ln in lines if body_line is None or ln.no < body_line]
    tail = [ln for ln in lines if body_line is not None and ln.no >= body_line]
    meta = Meta()
    for ln in head:
        for m in DOCNO_RE.finditer(ln.text):
            before = ln.text[:m.start()].rstrip()
            if before.endswith(("（", "(", "《")) or "《" in before and "》" not in before:
                continue  # a document cited in the preamble
            meta.document_number = re.sub(r"\s+", "", m.group(0))
            break
        if meta.document_number:
            break
    dated = None
    for ln in (*head, *tail):
        m = DATE_LINE_RE.match(ln.text)
        if m and (day := _date(*m.groups())):
            meta.issued, dated = day, ln
            break
    if meta.issued is None:
        for ln in (*head, *tail):
            m = FIELD_DATE_RE.search(ln.text)
            if m and (day := _date(*m.groups())):
                meta.issued = day
                break
    orgs = [ln for ln in (*head, *tail) if ORG_RE.match(ln.text.strip(" \t\u3000"))]
    if dated is not None:
        before = [ln for ln in orgs if ln.no < dated.no and dated.no - ln.no <= 3]
        if before:
            meta.issuer = before[-1].text.strip(" \t\u3000")
    if table:
        orgs = [ln for ln in orgs if body_line is None or ln.no < body_line]
    if meta.issuer is None and orgs:
        meta.issuer = orgs[0].text.strip(" \t\u3000")
    flat = squash("".join(ln.text + "\n" for ln in head))
    m = NOTICE_TITLE_RE.search(flat)
    if m:
        meta.title = m.group(1)
    else:
        meta.title = _title_block(head)
    return meta


def _title_block(head: list[_Line]) -> str | None:
    """The plan's title: the short lines (no 。) just before the preamble or the first heading."""
    block: list[str] = []
    for ln in reversed(head):
        s = ln.text.strip(" \t\u3000")
        if not s:
            continue
        if s[0] in "（(【[" or SITE_LINE_RE.search(s):
            if block and SITE_LINE_RE.search(s):
                break
            continue  # （此件公开发布）, a web page's breadcrumb and the like
        if "。" in s or len(s) > 40 or DATE_LINE_RE.match(s) or DOCNO_RE.search(s) or s.endswith(("：", ":")):
            if block:
                break
            continue
        block.insert(0, s)
        if len(block) >= 4:
            break
    title = "".join(block)
    return title or None
