"""The 公文 page every Word document of gdtrack is laid out on, after GB/T 9704-2012 (党政机关公文格式).

The page: A4, margins 37 mm top, 35 mm bottom, 28 mm left, 26 mm right (a 156 × 225 mm type area); body 仿宋_GB2312
三号 (16 pt) on a fixed 28.95 pt line, 22 lines of 28 characters; 黑体 first-level and 楷体_GB2312 second-level
headings; titles in 方正小标宋简体; page numbers "— 1 —" in 4号 宋体, odd pages right and even pages left, one
character in. The 版头's red rule spans the type area, 4 mm under the 期号 line or the 发文字号; the title, two
lines under it, is broken where its words allow (views/titling.py); the 落款 leaves room for the seal or not (7.3.5);
the 版记 sits on the last lines of the last page (7.4), its rules as wide as the type area. Chinese fonts are named
through the East Asian font attribute (w:eastAsia); the font table gives each the name Windows has when the GB2312
one is missing (仿宋, 楷体, 宋体), which Word and WPS use in its place.
Department text is data: characters XML cannot hold are removed before it goes in (`clean`).
"""

from __future__ import annotations

import datetime as dt
import io
import re
from collections.abc import Sequence

from docx import Document
from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT, WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING, WD_TAB_ALIGNMENT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt, RGBColor
from lxml import etree

from gdtrack.models import Plan
from gdtrack.values import Frozen, frozen
from gdtrack.views.titling import em, title_lines
from gdtrack.words import Lang, word

# ── the page and the type (GB/T 9704-2012) ─────────────────────────────────────────────────────

PAGE_MM = {"width": 210, "height": 297, "top": 37, "bottom": 35, "left": 28, "right": 26}
TYPE_WIDTH = Mm(210 - 28 - 26)  # 156 mm
LINE = Pt(28.95)  # 225 mm ÷ 22 lines
CHARS = 28  # characters of 三号 on a line of the type area …
TIGHTEN = Pt(-0.25)  # … with this letter spacing: 28 × (16 − 0.25) pt = 441 pt ≤ 156 mm (442.2 pt)
BODY = Pt(16)  # 三号
TABLE = Pt(10.5)  # 五号
FORM = Pt(12)  # 小四, the notice's form
FOLIO = Pt(14)  # 4号, page numbers and the 版记
TITLE = Pt(22)  # 2号, the title
CHAR = Pt(BODY.pt + TIGHTEN.pt)  # a character of the body as it is set: indents in characters are counted in these
IMPRINT_LINE = Mm(7)  # a line of the 版记
RULE_GAP = 11  # pt between the 期号 line or the 发文字号 and the red rule under it: 4 mm
RED = RGBColor(0xFF, 0x00, 0x00)

# The fonts by role: body 仿宋_GB2312, 黑体, 楷体_GB2312, 宋体 and the title's 方正小标宋简体; their names are
# words.py's `docx.font.*` (as people pick them in Word's font box), found by Gongwen.font(role).
LATIN = "Times New Roman"
# Each font's stand-in when it is not installed (the font table's w:altName): a words.py key, or a Windows name.
FALLBACKS: dict[str, str] = {"fangsong": "docx.font.fangsong_alt", "kaiti": "docx.font.kaiti_alt",
                             "title": "docx.font.title_alt", "heiti": "SimHei", "songti": "SimSun"}

_MINUS = re.compile(r"(?<![0-9A-Za-z.])-(?=\d)")  # a minus sign: a hyphen before a figure, not inside a word or number
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")


def clean(text: object) -> str:
    """Text as Word can hold it: control characters (and other code points XML 1.0 refuses) removed."""
    return _NOT_XML.sub("", str(text))


def add_text(p, text: str, bold: bool = False) -> None:
    """`text` into paragraph `p`, each minus sign before a figure a non-breaking hyphen (w:noBreakHyphen), so that
    "-100.0" never breaks after its sign."""
    for i, part in enumerate(_MINUS.split(text)):
        if i:
            run = p.add_run()
            run._r.append(OxmlElement("w:noBreakHyphen"))  # noqa: SLF001
            run.bold = bold or None
        if part:
            p.add_run(part).bold = bold or None


def numeral(n: int, lang: Lang) -> str:
    """一, 二, … in Chinese (1, 2, … in English); past the table's end, the digits."""
    names = word("docx.numerals", lang).split()
    return names[n - 1] if 1 <= n <= len(names) else str(n)


def date_text(day: dt.date, lang: Lang) -> str:
    """2023年9月30日."""
    return word("docx.date", lang, y=day.year, m=day.month, d=day.day)


def document_date(plan: Plan, day: dt.date, lang: Lang) -> str:
    """The 成文日期 and 印发日期: the query date, or a blank to fill (`plan.policy.document.date: blank`)."""
    return word("docx.date_blank", lang) if plan.policy.document.date == "blank" else date_text(day, lang)


def signed_by(plan: Plan) -> str:
    """The 署名: `plan.policy.document.signature`, else the plan's issuer."""
    return plan.policy.document.signature or plan.issuer


# ── the schema's element order, for the few properties python-docx has no setter for ──────────

_PPR = ("pStyle", "keepNext", "keepLines", "pageBreakBefore", "framePr", "widowControl", "numPr",
        "suppressLineNumbers", "pBdr", "shd", "tabs", "suppressAutoHyphens", "kinsoku", "wordWrap", "overflowPunct",
        "topLinePunct", "autoSpaceDE", "autoSpaceDN", "bidi", "adjustRightInd", "snapToGrid", "spacing", "ind",
        "contextualSpacing", "mirrorIndents", "suppressOverlap", "jc", "textDirection", "textAlignment",
        "textboxTightWrap", "outlineLvl", "divId", "cnfStyle", "rPr", "sectPr", "pPrChange")
_RPR = ("rStyle", "rFonts", "b", "bCs", "i", "iCs", "caps", "smallCaps", "strike", "dstrike", "outline", "shadow",
        "emboss", "imprint", "noProof", "snapToGrid", "vanish", "webHidden", "color", "spacing", "w", "kern",
        "position", "sz", "szCs", "highlight", "u", "effect", "bdr", "shd", "fitText", "vertAlign", "rtl", "cs", "em",
        "lang", "eastAsianLayout", "specVanish", "oMath")
_TRPR = ("cnfStyle", "divId", "gridBefore", "gridAfter", "wBefore", "wAfter", "cantSplit", "trHeight", "tblHeader",
         "tblCellSpacing", "jc", "hidden")
_TBLPR = ("tblStyle", "tblpPr", "tblOverlap", "bidiVisual", "tblStyleRowBandSize", "tblStyleColBandSize", "tblW", "jc",
          "tblCellSpacing", "tblInd", "tblBorders", "shd", "tblLayout", "tblCellMar", "tblLook")


def _put(parent, tag: str, order: tuple[str, ...], **attrs: str):
    """Set child w:`tag` of `parent` (replacing any) with `attrs`, at its place in the schema's order."""
    old = parent.find(qn(f"w:{tag}"))
    if old is not None:
        parent.remove(old)
    el = OxmlElement(f"w:{tag}", {qn(f"w:{k}"): v for k, v in attrs.items()})
    parent.insert_element_before(el, *(f"w:{t}" for t in order[order.index(tag) + 1:]))
    return el


def _fonts(rpr, east_asia: str, latin: str = LATIN) -> None:
    """Name the fonts of a run or style: Chinese through w:eastAsia, Latin letters and digits through the others.
    Theme fonts are dropped: they would win over the names."""
    _put(rpr, "rFonts", _RPR, ascii=latin, hAnsi=latin, eastAsia=east_asia, cs=latin, hint="eastAsia")


def _border(ppr, sides: Sequence[str], size_eighths: int, color: str, space: int = 1) -> None:
    bdr = _put(ppr, "pBdr", _PPR)
    for side in sides:
        bdr.append(OxmlElement(f"w:{side}", {qn("w:val"): "single", qn("w:sz"): str(size_eighths),
                                             qn("w:space"): str(space), qn("w:color"): color}))


# ── the document: styles, page, folio ──────────────────────────────────────────────────────────


@frozen
class Column(Frozen):
    header: str
    width_mm: float
    align: str = "center"  # "left" for text that wraps


class Gongwen:
    """A python-docx document set up as a 公文, with the few kinds of paragraph and table it is made of."""

    def __init__(self, title: str, author: str, day: dt.date, lang: Lang) -> None:
        self.lang = lang
        self.doc = Document()
        self._styles()
        self._page()
        self._font_table()
        props = self.doc.core_properties
        props.title, props.author, props.last_modified_by = clean(title), clean(author), clean(author)
        props.created = props.modified = dt.datetime.combine(day, dt.time())
        props.revision, props.comments = 1, "gdtrack"
        self.doc._body.clear_content()  # noqa: SLF001 - the template's empty first paragraph

    def font(self, role: str) -> str:
        """A font's name by its role (FONTS)."""
        return word(f"docx.font.{role}", self.lang)

    def style(self, key: str) -> str:
        """A paragraph style's name, as Word's style gallery shows it, by its key (body, title, heading1 …)."""
        return word(f"docx.style.{key}", self.lang)

    # styles ------------------------------------------------------------------------------------

    def _styles(self) -> None:
        styles = self.doc.styles
        defaults = styles.element.find(qn("w:docDefaults"))
        rpr = defaults.find(qn("w:rPrDefault")).find(qn("w:rPr"))
        _fonts(rpr, self.font("fangsong"))
        _put(rpr, "sz", _RPR, val=str(int(BODY.pt * 2)))
        _put(rpr, "szCs", _RPR, val=str(int(BODY.pt * 2)))
        _put(rpr, "lang", _RPR, val="en-US", eastAsia="zh-CN", bidi="ar-SA")
        ppr = defaults.find(qn("w:pPrDefault")).find(qn("w:pPr"))
        _put(ppr, "spacing", _PPR, before="0", after="0", line=str(round(LINE.pt * 20)), lineRule="exact")

        normal = styles["Normal"]
        _fonts(normal.element.get_or_add_rPr(), self.font("fangsong"))
        normal.font.size = BODY
        _put(normal.element.get_or_add_rPr(), "spacing", _RPR, val=str(round(TIGHTEN.pt * 20)))
        f = normal.paragraph_format
        f.line_spacing_rule, f.line_spacing = WD_LINE_SPACING.EXACTLY, LINE
        f.space_before = f.space_after = Pt(0)
        f.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
        f.widow_control = False  # a 公文 fills every line of the grid

        self._style("body", first_line=True)
        self._style("title", font="title", size=Pt(22), align=WD_ALIGN_PARAGRAPH.CENTER, line=Pt(36),
                    off_grid=True)
        self._style("subtitle", font="kaiti", align=WD_ALIGN_PARAGRAPH.CENTER)
        self._style("masthead", font="title", size=Pt(32), align=WD_ALIGN_PARAGRAPH.CENTER, line=Pt(48),
                    off_grid=True, color=RED)
        self._style("heading1", font="heiti", first_line=True, outline=0)
        self._style("heading2", font="kaiti", first_line=True, outline=1)
        self._style("table", size=TABLE, line=None, off_grid=True, align=WD_ALIGN_PARAGRAPH.CENTER)
        self._style("table_header", font="heiti", size=TABLE, line=None, off_grid=True, align=WD_ALIGN_PARAGRAPH.CENTER)
        self._style("form", size=FORM, line=None, off_grid=True, align=WD_ALIGN_PARAGRAPH.LEFT)
        self._style("form_label", font="heiti", size=FORM, line=None, off_grid=True, align=WD_ALIGN_PARAGRAPH.CENTER)
        self._style("imprint", size=FOLIO, line=None, off_grid=True, align=WD_ALIGN_PARAGRAPH.LEFT)
        footer = styles["Footer"]
        _fonts(footer.element.get_or_add_rPr(), self.font("songti"), self.font("songti"))
        footer.font.size = FOLIO
        _put(footer.element.get_or_add_pPr(), "snapToGrid", _PPR, val="0")
        footer.paragraph_format.line_spacing_rule = WD_LINE_SPACING.SINGLE

    def _style(self, name: str, *, font: str = "fangsong", size: Pt = BODY, align=None, line: Pt | None = LINE,
               first_line: bool = False, off_grid: bool = False, outline: int | None = None,
               color: RGBColor | None = None) -> None:
        from docx.enum.style import WD_STYLE_TYPE

        style = self.doc.styles.add_style(self.style(name), WD_STYLE_TYPE.PARAGRAPH)
        style.base_style = self.doc.styles["Normal"]
        style.quick_style = True
        _fonts(style.element.get_or_add_rPr(), self.font(font))
        style.font.size = size
        style.font.bold = False
        if color is not None:
            style.font.color.rgb = color
        f = style.paragraph_format
        if line is None:
            f.line_spacing_rule = WD_LINE_SPACING.SINGLE
        else:
            f.line_spacing_rule, f.line_spacing = WD_LINE_SPACING.EXACTLY, line
        if align is not None:
            f.alignment = align
        if first_line:
            f.first_line_indent = BODY * 2
        ppr = style.element.get_or_add_pPr()
        if off_grid:
            _put(ppr, "snapToGrid", _PPR, val="0")
        if outline is not None:
            f.keep_with_next = True
            _put(ppr, "outlineLvl", _PPR, val=str(outline))

    # the page ----------------------------------------------------------------------------------

    def _page(self) -> None:
        section = self.doc.sections[0]
        section.page_width, section.page_height = Mm(PAGE_MM["width"]), Mm(PAGE_MM["height"])
        section.top_margin, section.bottom_margin = Mm(PAGE_MM["top"]), Mm(PAGE_MM["bottom"])
        section.left_margin, section.right_margin = Mm(PAGE_MM["left"]), Mm(PAGE_MM["right"])
        section.header_distance, section.footer_distance = Mm(15), Mm(23)  # the folio's rule 7 mm under the type
        # 22 lines: the line grid. Characters are not put on a grid (LibreOffice gives a 16 pt character two cells of
        # a 15.8 pt grid); the body's letter spacing of −0.25 pt (see _styles) fits 28 of them on 156 mm instead.
        grid = section._sectPr.find(qn("w:docGrid"))  # noqa: SLF001
        if grid is None:
            grid = OxmlElement("w:docGrid")
            section._sectPr.append(grid)  # noqa: SLF001
        grid.set(qn("w:type"), "lines")
        grid.set(qn("w:linePitch"), str(round(LINE.pt * 20)))
        self.doc.settings.odd_and_even_pages_header_footer = True
        self._folio(section.footer.paragraphs[0], WD_ALIGN_PARAGRAPH.RIGHT)
        self._folio(section.even_page_footer.paragraphs[0], WD_ALIGN_PARAGRAPH.LEFT)

    @staticmethod
    def _folio(p, align) -> None:
        """"— 1 —": the page number between two 一字线, one character in from the outer edge."""
        p.style = "Footer"
        p.alignment = align
        if align == WD_ALIGN_PARAGRAPH.RIGHT:
            p.paragraph_format.right_indent = FOLIO
        else:
            p.paragraph_format.left_indent = FOLIO
        p.add_run("— ")
        field = OxmlElement("w:fldSimple", {qn("w:instr"): " PAGE \\* MERGEFORMAT "})
        run = OxmlElement("w:r")
        text = OxmlElement("w:t")
        text.text = "1"
        run.append(text)
        field.append(run)
        p._p.append(field)  # noqa: SLF001
        p.add_run(" —")

    def _font_table(self) -> None:
        """Declare the Chinese fonts with the name to use when one is missing (w:altName), as WPS's templates do."""
        part = next(p for p in self.doc.part.package.iter_parts() if p.partname == "/word/fontTable.xml")
        root = etree.fromstring(part.blob)
        w = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
        for role, alt in FALLBACKS.items():
            font = etree.SubElement(root, f"{{{w}}}font", {f"{{{w}}}name": self.font(role)})
            alt = word(alt, self.lang) if alt.startswith("docx.") else alt
            etree.SubElement(font, f"{{{w}}}altName", {f"{{{w}}}val": alt})
            etree.SubElement(font, f"{{{w}}}charset", {f"{{{w}}}val": "86"})  # GB2312
            etree.SubElement(font, f"{{{w}}}family", {f"{{{w}}}val": "script" if role == "title" else "modern"})
            etree.SubElement(font, f"{{{w}}}pitch", {f"{{{w}}}val": "variable" if role == "title" else "fixed"})
        part._blob = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)  # noqa: SLF001

    # paragraphs --------------------------------------------------------------------------------

    def para(self, text: str, style: str = "body", bold: bool = False):
        p = self.doc.add_paragraph(style=self.style(style))
        if text:
            add_text(p, clean(text), bold)
        return p

    def masthead(self, name: str, issue: str | None, issuer: str, day: str, number: str | None = None) -> None:
        """版头: the red name, then either the 发文字号 two lines under it, centred (7.2.3), or the issue (期号) and a
        line with the issuer one character in from the left and the date one character in from the right; the red
        rule 4 mm under the last of them, as wide as the type area (7.2.4)."""
        self.para(name, "masthead")
        if number is not None:
            p = self.para(number)
            p.alignment = WD_ALIGN_PARAGRAPH.CENTER
            p.paragraph_format.first_line_indent, p.paragraph_format.space_before = Pt(0), LINE * 2
        else:
            if issue is not None:
                p = self.para(issue)
                p.alignment = WD_ALIGN_PARAGRAPH.CENTER
                p.paragraph_format.first_line_indent = Pt(0)
            p = self.para(f"{clean(issuer)}\t{day}", "body")
            f = p.paragraph_format
            f.first_line_indent, f.left_indent = CHAR, Pt(0)  # the text one character in; the rule from the edge
            f.tab_stops.add_tab_stop(TYPE_WIDTH - CHAR, WD_TAB_ALIGNMENT.RIGHT)
        _border(p._p.get_or_add_pPr(), ["bottom"], 12, "FF0000", RULE_GAP)  # noqa: SLF001 - the red rule, 1.5 pt

    def title(self, text: str, subtitle: str | None = None) -> None:
        """The title two lines under the red rule, centred, in as few lines as it needs, each broken where its
        words allow (7.3.1); one blank line under it."""
        p = self.doc.add_paragraph(style=self.style("title"))
        lines = title_lines(clean(text), TYPE_WIDTH.pt / (TITLE.pt + TIGHTEN.pt))
        for i, line in enumerate(lines):
            run = p.add_run(line)
            if i < len(lines) - 1:
                run.add_break()
        p.paragraph_format.space_before = LINE * 2
        if subtitle:
            self.para(subtitle, "subtitle")
        self.para("")

    def boxed(self, text: str) -> None:
        """A line that must be seen: 黑体, centred, in a box (the sample-data notice)."""
        p = self.para(text, "subtitle")
        _fonts(p.runs[0]._r.get_or_add_rPr(), self.font("heiti"))  # noqa: SLF001
        _border(p._p.get_or_add_pPr(), ["top", "left", "bottom", "right"], 8, "000000", 4)  # noqa: SLF001

    def heading(self, text: str, level: int = 1) -> None:
        self.para(text, "heading1" if level == 1 else "heading2")

    def addressee(self, text: str) -> None:
        p = self.para(text)
        p.paragraph_format.first_line_indent = Pt(0)

    def signature(self, name: str, day: str, seal: bool = True) -> None:
        """落款 (7.3.5). With a seal: the 成文日期 four characters in from the right, the 署名 centred over it, two
        blank lines above them for the seal, which presses on both. Without: one blank line, the 署名 two characters
        in, the date under it starting two characters further right (both moved left if the date is the longer)."""
        if self.doc.paragraphs:  # never a page with the 落款 and no text (7.3.5): the text's last lines come along
            self.doc.paragraphs[-1].paragraph_format.keep_with_next = True
        for _ in range(2 if seal else 1):
            self.para("").paragraph_format.keep_with_next = True
        signed, dated = em(clean(name)), em(day)
        if seal:
            date_in = 4.0
            name_in = max(0.0, date_in + (dated - signed) / 2)
        else:
            name_in = 2.0
            date_in = name_in + signed - dated - 2
            if date_in < 2:
                date_in, name_in = 2.0, 2 + dated + 2 - signed
        for text, indent in ((name, name_in), (day, date_in)):
            p = self.para(text)
            p.alignment = WD_ALIGN_PARAGRAPH.RIGHT
            p.paragraph_format.first_line_indent, p.paragraph_format.right_indent = Pt(0), Pt(CHAR.pt * indent)
            p.paragraph_format.keep_with_next = text == name

    def note(self, text: str) -> None:
        """附注 under the 成文日期: two characters in, in brackets, left-aligned (never spread across the line)."""
        p = self.para(text)
        p.alignment = WD_ALIGN_PARAGRAPH.LEFT

    def imprint(self, copy_to: Sequence[str], printed_by: str, printed: str) -> None:
        """版记 (7.4) on the last lines of the last page: 抄送 (when there is any) and the 印发机关 and 印发日期, one
        character in from either side, between rules as wide as the type area — thick first and last, thin between.
        Each is a frame anchored to the bottom margin (LibreOffice does not keep two paragraphs in one frame), so the
        body runs above it and the last rule lies on the type area's last line."""
        # each row: its lines, and its rules in eighths of a point (8: 0.35 mm, 6: 0.25 mm)
        rows = [(self._copy_lines(copy_to), {"top": 8, "bottom": 6})] if copy_to else []
        rows.append(([f"{clean(printed_by)}\t{printed}"], {"bottom": 8} if copy_to else {"top": 8, "bottom": 8}))
        type_height = Mm(PAGE_MM["height"] - PAGE_MM["top"] - PAGE_MM["bottom"]).twips
        for k, (lines, rules) in enumerate(rows):
            below = sum(len(x) for x, _ in rows[k:])  # lines from this one's top to the type area's foot
            p = self.doc.add_paragraph(style=self.style("imprint"))
            for i, line in enumerate(lines):
                run = p.add_run(line)
                if i < len(lines) - 1:
                    run.add_break()
            f = p.paragraph_format
            f.line_spacing_rule, f.line_spacing = WD_LINE_SPACING.EXACTLY, IMPRINT_LINE
            f.first_line_indent = FOLIO
            f.tab_stops.add_tab_stop(TYPE_WIDTH - FOLIO, WD_TAB_ALIGNMENT.RIGHT)
            ppr = p._p.get_or_add_pPr()  # noqa: SLF001
            height = IMPRINT_LINE.twips * len(lines)
            _put(ppr, "framePr", _PPR, w=str(round(TYPE_WIDTH.twips)), h=str(round(height)), hRule="exact",
                 wrap="around", vAnchor="margin", hAnchor="margin", xAlign="center",
                 y=str(round(type_height - IMPRINT_LINE.twips * below)))
            _border(ppr, list(rules), 8, "000000", 0)
            for side, size in rules.items():
                ppr.find(qn("w:pBdr")).find(qn(f"w:{side}")).set(qn("w:sz"), str(size))
        self.para("", "imprint")  # the paragraph the frames are anchored to

    def _copy_lines(self, copy_to: Sequence[str]) -> list[str]:
        """"抄送：A，B，C。" as lines of the 版记, continued under the first name after the colon."""
        text = word("docx.copy_to", self.lang, to=word("docx.copy_sep", self.lang).join(map(clean, copy_to)))
        width = TYPE_WIDTH.pt / (FOLIO.pt + TIGHTEN.pt) - 2  # one character in from either side
        hang = em(word("docx.copy_to", self.lang, to="\0").split("\0")[0])  # "抄送：": where the names start
        lines, line = [], ""
        for ch in text:
            if em(line + ch) > (width if not lines else width - hang):
                lines.append(line)
                line = ""
            line += ch
        lines.append(line)
        return [lines[0], *("\u3000" * round(hang) + x for x in lines[1:])]

    # tables ------------------------------------------------------------------------------------

    def table(self, columns: Sequence[Column], rows: Sequence[Sequence[object]]) -> None:
        """A table with a header row that repeats on every page; rows do not break across pages.

        The body is built in bulk: one row is made as `_row` makes it, without text, then copied for each row and
        its cells' text added (python-docx finds a paragraph's style by searching every style, and a table's cells
        by walking the whole table: per cell, that made a bulletin of thousands of rows quadratic)."""
        from copy import deepcopy

        from docx.table import _Cell, _Row
        from docx.text.paragraph import Paragraph

        aligns = [c.align for c in columns]
        t = self._grid(2, [c.width_mm for c in columns])
        head, blank = t._tbl.tr_lst  # noqa: SLF001
        self._row(_Row(head, t), [c.header for c in columns], "table_header", aligns, header=True)
        self._row(_Row(blank, t), [None] * len(columns), "table", aligns)
        t._tbl.remove(blank)  # noqa: SLF001
        for values in rows:
            tr = deepcopy(blank)
            t._tbl.append(tr)  # noqa: SLF001
            for tc, value in zip(tr.tc_lst, values, strict=True):
                text = clean("" if value is None else value)
                if text:
                    add_text(Paragraph(tc.p_lst[0], _Cell(tc, t)), text)
        self.para("")

    def form(self, rows: Sequence[tuple[str, str, float | None]]) -> None:
        """A two-column form (label, value); a row with a height in mm is left for the unit to fill (others are at
        least 8 mm high)."""
        t = self._grid(len(rows), [36, TYPE_WIDTH.mm - 36])
        for i, (row, (label, value, height)) in enumerate(zip(t.rows, rows, strict=True)):
            self._row(row, [label, value], "form", ["center", "left"])
            row.cells[0].paragraphs[0].style = self.style("form_label")
            for cell in row.cells:  # the form stays on one page
                cell.paragraphs[0].paragraph_format.keep_with_next = i < len(rows) - 1
            _put(row._tr.get_or_add_trPr(), "trHeight", _TRPR, val=str(round(Mm(height or 8).twips)),  # noqa: SLF001
                 hRule="atLeast")
        self.para("")

    def _grid(self, n_rows: int, widths_mm: Sequence[float]):
        t = self.doc.add_table(rows=n_rows, cols=len(widths_mm))
        t.style = "Table Grid"
        t.alignment = WD_TABLE_ALIGNMENT.CENTER
        t.autofit = False
        tblpr = t._tbl.tblPr  # noqa: SLF001
        _put(tblpr, "tblW", _TBLPR, w=str(round(sum(Mm(w).twips for w in widths_mm))), type="dxa")
        margins = _put(tblpr, "tblCellMar", _TBLPR)  # 1 mm either side, so narrow columns keep their figures whole
        for side in ("left", "right"):
            margins.append(OxmlElement(f"w:{side}", {qn("w:w"): str(round(Mm(1).twips)), qn("w:type"): "dxa"}))
        for col, w in zip(t.columns, widths_mm, strict=True):
            col.width = Mm(w)
        for tr in t._tbl.tr_lst:  # noqa: SLF001 - row by row: a column's cells are found by walking the whole table
            for tc, w in zip(tr.tc_lst, widths_mm, strict=True):
                tc.width = Mm(w)
        return t

    def _row(self, row, values: Sequence[object], style: str, aligns: Sequence[str], header: bool = False) -> None:
        trpr = row._tr.get_or_add_trPr()  # noqa: SLF001
        _put(trpr, "cantSplit", _TRPR)
        if header:
            _put(trpr, "tblHeader", _TRPR)
        for cell, value, align in zip(row.cells, values, aligns, strict=True):
            cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER
            p = cell.paragraphs[0]
            p.style = self.style(style)
            if align == "left" and not header:
                p.alignment = WD_ALIGN_PARAGRAPH.LEFT
            text = clean("" if value is None else value)
            if text:
                add_text(p, text)

    def to_bytes(self) -> bytes:
        out = io.BytesIO()
        self.doc.save(out)
        return out.getvalue()


