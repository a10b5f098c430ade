"""Word building blocks the way a person formats a fact sheet: page setup, headings, ruled tables,
shading, merged headers, header/footer fields, newspaper columns.

python-docx covers documents, paragraphs and tables; borders, shading, fields, columns and text
direction are plain WordprocessingML set on the elements, as Word itself writes them.
"""
from __future__ import annotations

from dataclasses import dataclass

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor
from docx.table import Table, _Cell
from docx.text.paragraph import Paragraph

PAGE_SIZES = {"A4": (Cm(21.0), Cm(29.7)), "Letter": (Cm(21.59), Cm(27.94))}


@dataclass
class Look:
    """One document's visual choices (drawn per document from the seed)."""
    font: str = "Liberation Sans"
    body_pt: float = 9.5
    accent: str = "1F5FA0"
    page: str = "A4"
    landscape: bool = False
    table_rules: str = "grid"       # grid | header | zebra | none
    header_fill: str = "DCE6F1"
    letter_spaced_headings: bool = False
    shadow_headings: bool = False   # Word's text shadow: LibreOffice prints such text twice


def new_document(look: Look) -> Document:
    doc = Document()
    sec = doc.sections[0]
    w, h = PAGE_SIZES[look.page]
    if look.landscape:
        sec.orientation = WD_ORIENT.LANDSCAPE
        w, h = h, w
    sec.page_width, sec.page_height = w, h
    for side in ("left_margin", "right_margin"):
        setattr(sec, side, Cm(1.8))
    sec.top_margin, sec.bottom_margin = Cm(1.6), Cm(1.6)
    normal = doc.styles["Normal"]
    normal.font.name = look.font
    normal.font.size = Pt(look.body_pt)
    normal.element.rPr.rFonts.set(qn("w:eastAsia"), look.font)
    normal.paragraph_format.space_after = Pt(4)
    for name in ("Heading 1", "Heading 2", "Heading 3", "Title"):
        st = doc.styles[name]
        st.font.name = look.font
        st.font.color.rgb = RGBColor.from_string(look.accent)
        st.element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:ascii"), look.font)
        st.element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:hAnsi"), look.font)
    doc.styles["Heading 1"].font.size = Pt(15)
    doc.styles["Heading 2"].font.size = Pt(11.5)
    doc.styles["Heading 3"].font.size = Pt(10)
    return doc


def heading(doc: Document, text: str, level: int, look: Look) -> Paragraph:
    p = doc.add_heading(level=level)
    run = p.add_run(text)
    if look.letter_spaced_headings and level == 1:
        spacing = OxmlElement("w:spacing")
        spacing.set(qn("w:val"), "50")      # 2.5 pt expanded character spacing
        run._r.get_or_add_rPr().append(spacing)
    if look.shadow_headings and level <= 2:
        run.font.shadow = True
    return p


def para(doc_or_cell, text: str = "", *, bold: bool = False, size: float | None = None,
         align: str | None = None, italic: bool = False, color: str | None = None,
         keep_next: bool = False) -> Paragraph:
    """A paragraph; `keep_next` holds a caption on the page of the figure or table under it."""
    p = doc_or_cell.add_paragraph()
    p.paragraph_format.keep_with_next = keep_next
    if text:
        run = p.add_run(text)
        run.bold = bold
        run.italic = italic
        if size:
            run.font.size = Pt(size)
        if color:
            run.font.color.rgb = RGBColor.from_string(color)
    if align:
        p.alignment = {"center": WD_ALIGN_PARAGRAPH.CENTER, "right": WD_ALIGN_PARAGRAPH.RIGHT,
                       "justify": WD_ALIGN_PARAGRAPH.JUSTIFY}[align]
    return p


SOFT_HYPHEN = "\u00ad"
HYPHENATE_FROM = 10   # letters: shorter words fit a 1.4 cm matrix column at 6 pt without a break


def soft_hyphens(text: str) -> str:
    """Optional hyphens in long words, as a typist puts them (Ctrl+-) into a narrow header: Writer
    breaks there and prints a hyphen at the line end."""
    vowels = set("aeiouëyаеиоу")
    words = []
    for word in text.split(" "):
        if len(word) >= HYPHENATE_FROM and word.rstrip(".,;").isalpha():
            cut = next((i + 1 for i in range(len(word) // 2, len(word) - 3) if word[i].lower() in vowels),
                       len(word) // 2)
            word = word[:cut] + SOFT_HYPHEN + word[cut:]
        words.append(word)
    return " ".join(words)


def sidebar(doc: Document, text: str, fill: str, width_cm: float = 5.5) -> Paragraph:
    """A framed, shaded box floating at the right margin (Word's text frame), with the text
    flowing around it."""
    p = doc.add_paragraph()
    run = p.add_run(text)
    run.font.size = Pt(8)
    p_pr = p._p.get_or_add_pPr()
    frame = OxmlElement("w:framePr")
    for k, v in (("w", str(int(Cm(width_cm).twips))), ("hSpace", "180"), ("wrap", "around"),
                 ("vAnchor", "text"), ("hAnchor", "margin"), ("xAlign", "right"), ("y", "1")):
        frame.set(qn(f"w:{k}"), v)
    p_pr.insert(0, frame)
    borders = OxmlElement("w:pBdr")
    for side in ("top", "left", "bottom", "right"):
        borders.append(_border_el(side, 6, "A6A6A6"))
    p_pr.append(borders)
    shd = OxmlElement("w:shd")
    shd.set(qn("w:val"), "clear")
    shd.set(qn("w:color"), "auto")
    shd.set(qn("w:fill"), fill)
    p_pr.append(shd)
    return p


def bullets(doc: Document, items: list[str]) -> None:
    for item in items:
        doc.add_paragraph(item, style="List Bullet")


def set_cell_text(cell: _Cell, text: str, *, bold: bool = False, size: float | None = None,
                  align: str | None = None, color: str | None = None) -> None:
    cell.text = ""
    p = cell.paragraphs[0]
    p.paragraph_format.space_after = Pt(0)
    lines = text.split("\n")
    for i, line in enumerate(lines):
        run = p.add_run(line)
        run.bold = bold
        if size:
            run.font.size = Pt(size)
        if color:
            run.font.color.rgb = RGBColor.from_string(color)
        if i < len(lines) - 1:
            run.add_break()
    if align:
        p.alignment = {"center": WD_ALIGN_PARAGRAPH.CENTER, "right": WD_ALIGN_PARAGRAPH.RIGHT,
                       "left": WD_ALIGN_PARAGRAPH.LEFT}[align]


def shade(cell: _Cell, fill: str) -> None:
    tc_pr = cell._tc.get_or_add_tcPr()
    shd = OxmlElement("w:shd")
    shd.set(qn("w:val"), "clear")
    shd.set(qn("w:color"), "auto")
    shd.set(qn("w:fill"), fill)
    tc_pr.append(shd)


def rotate(cell: _Cell) -> None:
    """Vertical header text (bottom to top), as narrow matrix columns are often set."""
    direction = OxmlElement("w:textDirection")
    direction.set(qn("w:val"), "btLr")
    cell._tc.get_or_add_tcPr().append(direction)


def _border_el(tag: str, size: int, color: str = "808080", val: str = "single") -> OxmlElement:
    el = OxmlElement(f"w:{tag}")
    el.set(qn("w:val"), val)
    el.set(qn("w:sz"), str(size))
    el.set(qn("w:space"), "0")
    el.set(qn("w:color"), color)
    return el


def table(doc_or_cell, rows: int, cols: int, look: Look, widths_cm: list[float] | None = None,
          header_rows: int = 1) -> Table:
    """An empty table ruled per `look.table_rules`, header rows repeated on each page."""
    t = doc_or_cell.add_table(rows=rows, cols=cols)
    t.alignment = WD_TABLE_ALIGNMENT.CENTER
    tbl_pr = t._tbl.tblPr
    borders = OxmlElement("w:tblBorders")
    rules = look.table_rules
    for tag in ("top", "left", "bottom", "right", "insideH", "insideV"):
        if rules == "grid":
            borders.append(_border_el(tag, 4))
        elif rules in ("header", "zebra") and tag in ("top", "bottom"):
            borders.append(_border_el(tag, 8, "404040"))
        else:
            borders.append(_border_el(tag, 0, "auto", "nil"))
    tbl_pr.append(borders)
    for r in range(header_rows):
        tr_pr = t.rows[r]._tr.get_or_add_trPr()
        tr_pr.append(OxmlElement("w:tblHeader"))
        for cell in t.rows[r].cells:
            if look.header_fill and rules != "none":
                shade(cell, look.header_fill)
            if rules in ("header", "zebra") and r == header_rows - 1:
                tc_borders = OxmlElement("w:tcBorders")
                tc_borders.append(_border_el("bottom", 8, "404040"))
                cell._tc.get_or_add_tcPr().append(tc_borders)
    if rules == "zebra":
        for i in range(header_rows, rows):
            if (i - header_rows) % 2 == 1:
                for cell in t.rows[i].cells:
                    shade(cell, "F2F2F2")
    for row in t.rows:   # a row never breaks across pages, as Word's "allow row to break" unticked
        row._tr.get_or_add_trPr().append(OxmlElement("w:cantSplit"))
    if widths_cm:
        t.autofit = False
        for col, w in zip(t._tbl.tblGrid.findall(qn("w:gridCol")), widths_cm):
            col.set(qn("w:w"), str(int(Cm(w).twips)))
        for row in t.rows:
            for cell, w in zip(row.cells, widths_cm):
                cell.width = Cm(w)
    return t


def _field(run, instr: str) -> None:
    for kind, text in (("begin", None), (None, instr), ("separate", None), (None, "1"), ("end", None)):
        if kind:
            el = OxmlElement("w:fldChar")
            el.set(qn("w:fldCharType"), kind)
            run._r.append(el)
        elif text == instr:
            el = OxmlElement("w:instrText")
            el.set(qn("xml:space"), "preserve")
            el.text = f" {instr} "
            run._r.append(el)
        else:
            el = OxmlElement("w:t")
            el.text = text
            run._r.append(el)


def header_footer(doc: Document, header_text: str, footer_text: str, page_label: str,
                  print_date: str | None) -> None:
    """Running header, and a footer with the page number field and, on some, a print date."""
    sec = doc.sections[0]
    hp = sec.header.paragraphs[0]
    hp.text = header_text
    hp.runs[0].font.size = Pt(7.5)
    fp = sec.footer.paragraphs[0]
    fp.alignment = WD_ALIGN_PARAGRAPH.CENTER
    r = fp.add_run(f"{footer_text}  ·  {page_label} ")
    r.font.size = Pt(7.5)
    _field(fp.add_run(), "PAGE")
    if print_date:
        r2 = fp.add_run(f"    {print_date}")
        r2.font.size = Pt(7.5)


def columns(doc: Document, n: int) -> None:
    """Start a new continuous section with `n` newspaper columns (n=1 returns to one column)."""
    from docx.enum.section import WD_SECTION
    sec = doc.add_section(WD_SECTION.CONTINUOUS)
    cols = sec._sectPr.find(qn("w:cols"))
    if cols is None:
        cols = OxmlElement("w:cols")
        sec._sectPr.append(cols)
    cols.set(qn("w:num"), str(n))
    cols.set(qn("w:space"), "425")


def page_break(doc: Document) -> None:
    from docx.enum.text import WD_BREAK
    doc.add_paragraph().add_run().add_break(WD_BREAK.PAGE)


def landscape_section(doc: Document) -> None:
    """Continue on a new landscape page (a wide matrix), as Word's section break does."""
    from docx.enum.section import WD_SECTION
    sec = doc.add_section(WD_SECTION.NEW_PAGE)
    if sec.page_width < sec.page_height:
        sec.orientation = WD_ORIENT.LANDSCAPE
        sec.page_width, sec.page_height = sec.page_height, sec.page_width
