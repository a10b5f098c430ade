"""Native Word charts (DrawingML `c:chart` parts) inside a python-docx document.

Word and LibreOffice draw such charts as vector shapes with real text labels when they export PDF,
which is what real office-made fact sheets carry. python-docx cannot make charts; python-pptx's
chart XML writer makes the same `c:chartSpace` part Word uses, so it is borrowed for the XML and
the part is related to the Word document by hand. LibreOffice renders from the cached values in
the part, so no embedded workbook is needed.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from itertools import count

from docx.opc.packuri import PackURI
from docx.opc.part import Part
from docx.oxml import parse_xml as parse_docx_xml
from docx.shared import Cm, Pt
from docx.text.paragraph import Paragraph
from lxml import etree
from pptx.chart.chart import Chart
from pptx.chart.data import CategoryChartData
from pptx.chart.xmlwriter import ChartXmlWriter
from pptx.dml.color import RGBColor
from pptx.enum.chart import XL_CHART_TYPE, XL_LABEL_POSITION, XL_LEGEND_POSITION
from pptx.oxml import parse_xml as parse_pptx_xml

CHART_CT = "application/vnd.openxmlformats-officedocument.drawingml.chart+xml"
CHART_RT = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/chart"

KINDS = {
    "bar_h": XL_CHART_TYPE.BAR_CLUSTERED,
    "bar_v": XL_CHART_TYPE.COLUMN_CLUSTERED,
    "stack_h": XL_CHART_TYPE.BAR_STACKED,
    "stack_v": XL_CHART_TYPE.COLUMN_STACKED,
    "pie": XL_CHART_TYPE.PIE,
    "donut": XL_CHART_TYPE.DOUGHNUT,
}
LABELS = {
    "outside": XL_LABEL_POSITION.OUTSIDE_END,
    "inside": XL_LABEL_POSITION.INSIDE_END,
    "center": XL_LABEL_POSITION.CENTER,
    "best": XL_LABEL_POSITION.BEST_FIT,
}
LEGENDS = {
    "top": XL_LEGEND_POSITION.TOP,
    "bottom": XL_LEGEND_POSITION.BOTTOM,
    "left": XL_LEGEND_POSITION.LEFT,
    "right": XL_LEGEND_POSITION.RIGHT,
    "corner": XL_LEGEND_POSITION.CORNER,
}

CHART_NS = "http://schemas.openxmlformats.org/drawingml/2006/chart"
_ids = count(1)


@dataclass
class ChartSpec:
    """What a designer sets in the chart dialog.

    `labels`: None (no value labels: values are read off the axis), or a key of LABELS.
    `legend`: None (no legend) or a key of LEGENDS. `number_format`: Excel format of the labels.
    `category_labels`: pies print the category name beside the value (direct labels).
    `axis_max` / `major_unit`: value axis scale, so unlabelled bars can be read off the ticks.
    """
    kind: str
    categories: list[str]
    series: list[tuple[str, list[float]]]
    labels: str | None = "outside"
    legend: str | None = "bottom"
    number_format: str = "General"
    category_labels: bool = False
    colors: list[str] = field(default_factory=lambda: ["1F5FA0", "E0892B", "7A9A3A", "9E3D64",
                                                       "4BACC6", "8064A2", "C0504D", "F2C314"])
    font: str = "Liberation Sans"
    font_size: float = 8
    width_cm: float = 15
    height_cm: float = 8
    axis_max: float | None = None
    major_unit: float | None = None
    gridlines: bool = True
    gap_width: int = 80
    hide_zero_labels: bool = False


def _chart_space(spec: ChartSpec) -> etree._Element:
    data = CategoryChartData(number_format=spec.number_format)
    data.categories = spec.categories
    for name, values in spec.series:
        data.add_series(name, values)
    space = parse_pptx_xml(ChartXmlWriter(KINDS[spec.kind], data).xml.encode("utf-8"))
    chart = Chart(space, None)
    chart.font.name = spec.font
    chart.font.size = Pt(spec.font_size)
    chart.has_legend = spec.legend is not None
    if spec.legend:
        chart.legend.position = LEGENDS[spec.legend]
        chart.legend.include_in_layout = False
        _font(chart.legend.font, spec)
    plot = chart.plots[0]
    pie = spec.kind in ("pie", "donut")
    if spec.labels:
        plot.has_data_labels = True
        dl = plot.data_labels
        dl.show_value = True
        dl.number_format = spec.number_format
        dl.number_format_is_linked = False
        dl.position = LABELS[spec.labels]
        _font(dl.font, spec)
        if spec.category_labels:
            dl.show_category_name = True
        if pie and spec.labels in ("outside", "best"):
            _leader_lines(dl._element)
    if pie:
        points = plot.series[0].points
        for i in range(len(spec.categories)):
            fill = points[i].format.fill
            fill.solid()
            fill.fore_color.rgb = RGBColor.from_string(spec.colors[i % len(spec.colors)])
    else:
        plot.gap_width = spec.gap_width
        if spec.kind.startswith("stack"):
            plot.overlap = 100
        for i, s in enumerate(plot.series):
            s.format.fill.solid()
            s.format.fill.fore_color.rgb = RGBColor.from_string(spec.colors[i % len(spec.colors)])
            if spec.labels and spec.hide_zero_labels:
                _hide_zero_labels(s, spec.series[i][1])
        axis = chart.value_axis
        axis.has_major_gridlines = spec.gridlines
        if spec.axis_max is not None:
            axis.maximum_scale = spec.axis_max
            axis.minimum_scale = 0
        if spec.major_unit is not None:
            axis.major_unit = spec.major_unit
        axis.tick_labels.number_format = "0"
        axis.tick_labels.number_format_is_linked = False
        _font(axis.tick_labels.font, spec)
        _font(chart.category_axis.tick_labels.font, spec)
        _label_every_category(chart.category_axis._element)
    for ext in space.xpath("//c:externalData"):
        ext.getparent().remove(ext)
    return space


def _font(font, spec: ChartSpec) -> None:
    """Fonts set on each text element: LibreOffice does not inherit the chart-wide text style."""
    font.name = spec.font
    font.size = Pt(spec.font_size)


def _label_every_category(cat_ax: etree._Element) -> None:
    """Print every category name: left to itself the chart skips labels when bars are crowded,
    and a bar with no name carries no recoverable value."""
    skip = etree.Element(f"{{{CHART_NS}}}tickLblSkip")
    skip.set("val", "1")
    later = cat_ax.find(f"{{{CHART_NS}}}tickMarkSkip")
    if later is None:
        later = cat_ax.find(f"{{{CHART_NS}}}noMultiLvlLbl")
    if later is not None:
        later.addprevious(skip)
    else:
        cat_ax.append(skip)


def _hide_zero_labels(series, values: list[float]) -> None:
    """Stacked segments of size 0 get no '0' label, as a designer deletes them."""
    dlbls = series._ser.get_or_add_dLbls()
    for idx, v in enumerate(values):
        if v == 0:
            dlbl = dlbls.get_or_add_dLbl_for_point(idx)
            for child in list(dlbl):
                if not child.tag.endswith("}idx"):
                    dlbl.remove(child)
            etree.SubElement(dlbl, f"{{{CHART_NS}}}delete").set("val", "1")


def _leader_lines(dlbls: etree._Element) -> None:
    ns = dlbls.nsmap.get("c") or "http://schemas.openxmlformats.org/drawingml/2006/chart"
    if not dlbls.findall(f"{{{ns}}}showLeaderLines"):
        el = etree.SubElement(dlbls, f"{{{ns}}}showLeaderLines")
        el.set("val", "1")


def add_chart(paragraph: Paragraph, spec: ChartSpec) -> None:
    """Append the chart as an inline drawing to `paragraph`."""
    document_part = paragraph.part
    n = next(_ids)
    blob = etree.tostring(_chart_space(spec), xml_declaration=True, encoding="UTF-8", standalone=True)
    part = Part(PackURI(f"/word/charts/chart{n}.xml"), CHART_CT, blob, document_part.package)
    rid = document_part.relate_to(part, CHART_RT)
    cx, cy = Cm(spec.width_cm), Cm(spec.height_cm)
    drawing = parse_docx_xml(
        '<w:drawing xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
        ' xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"'
        ' xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main"'
        ' xmlns:c="http://schemas.openxmlformats.org/drawingml/2006/chart"'
        ' xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
        f'<wp:inline distT="0" distB="0" distL="0" distR="0"><wp:extent cx="{cx}" cy="{cy}"/>'
        f'<wp:docPr id="{1000 + n}" name="Chart {n}"/><a:graphic>'
        '<a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/chart">'
        f'<c:chart r:id="{rid}"/></a:graphicData></a:graphic></wp:inline></w:drawing>'
    )
    paragraph.add_run()._r.append(drawing)
