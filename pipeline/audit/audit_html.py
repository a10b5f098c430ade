"""The HTML audit report (`DIR/audit/`): every value on its page, what was not read, what changed.

One index page (run summary with reasons, coverage per indicator as inline SVG, every document with
a link, cross-document disagreements, the last run's changes, the least sure values, the review
queue grouped) and one page per document, so that 500 documents stay as light as one. A document
page shows each PDF page as an image (pypdfium2, `PAGE_DPI`) under an SVG overlay in PDF points
(pdfplumber's top-left coordinates, so bboxes are drawn as stored): one box per value, coloured by
method, styled by confidence, review items with a `bbox=x0,top,x1,bottom` in their detail outlined
(`unread_region` in magenta); a click or hover shows the value. Below: a sortable table of the
values, and the document's review queue with candidates. Everything is plain files: open
`audit/index.html` in a browser, no server needed.
"""
from __future__ import annotations

import hashlib
import io
import json
import math
from dataclasses import dataclass
from html import escape
from pathlib import Path

import pandas as pd
import pypdfium2 as pdfium

from pipeline.indicators import catalogue
from pipeline.model.confidence import REVIEW_LINE, SURE
from pipeline.output import location
from pipeline.ops.codeversion import code_version
from pipeline.output.contracts import bbox_of
from pipeline.output.report import grouped_review, least_sure, read_table

PAGE_DPI = 96  # screen resolution: an A4 page is 794 px wide, about 60 KB as WebP; boxes stay legible
WEBP_QUALITY = 80
# libwebp's effort, 0-6 (Pillow's default 4): on three fact-sheet pages 2 encodes in 0.11 CPU s against
# 0.31 for files 3% larger (0: 0.08 s, 25% larger); the encoding was a tenth of a 200-document backfill.
WEBP_METHOD = 2
METHOD_COLOURS = {"chart:bar": "#1f77b4", "chart:stacked_bar": "#17becf", "chart:pie": "#9467bd",
                  "table:ticks": "#2ca02c", "table:grid": "#8c564b", "table:likert": "#bcbd22",
                  "text:rule": "#ff7f0e"}
FAMILY_COLOURS = {"chart": "#1f77b4", "table": "#2ca02c", "text": "#ff7f0e", "html": "#7f7f7f"}
UNREAD, FLAGGED = "#e6007e", "#ff9900"
RAW_TEXT_SHOWN = 80  # characters of the text a value was read from, in the value table
MAX_INDEX_ROWS = 500  # long lists on the index are cut here; each document page has all of its own
LEAST_SURE_SHOWN = 100
VALUE_FIELDS = ["indicator", "municipality_id", "category", "period_end", "value", "unit", "confidence", "method",
                "page", "x0", "top", "x1", "bottom", "raw_text", "municipality_raw", "notes"]

# The page images leave the right 30em of the window to the value panel (#info, fixed there), so that
# the panel never covers a box: on a 1200 px window it covered the page's bottom right corner.
CSS = """
body{font:14px/1.4 system-ui,sans-serif;margin:1.5em;color:#222}
table{border-collapse:collapse;margin:.5em 0 1.5em}th,td{border:1px solid #ccc;padding:2px 6px;vertical-align:top}
td{max-width:40em;overflow-wrap:anywhere}
th{background:#f0f0f0;cursor:pointer;user-select:none}th.sorted-asc:after{content:" \\25B2"}
th.sorted-desc:after{content:" \\25BC"}tr.hl td{background:#fff3b0}
.ok{color:#2a7d2a}.partial{color:#b36b00}.quarantined{color:#c62828}
.page{position:relative;max-width:min(900px,calc(100vw - 30em));border:1px solid #999;margin:1em 0}
.page img{width:100%;display:block}
.page svg{position:absolute;left:0;top:0;width:100%;height:100%}
svg rect.value{cursor:pointer}svg rect.value:hover,svg rect.selected{stroke-width:3;fill-opacity:.45}
#info{position:fixed;right:1em;bottom:1em;background:#fff;border:2px solid #333;padding:.5em 1em;max-width:28em;
box-shadow:0 2px 8px #0004;white-space:pre-wrap;font-family:monospace;font-size:12px}
#info:empty{display:none}.legend span{display:inline-block;margin-right:1em}.muted{color:#777}
"""
JS = """
function sortBy(th){const t=th.closest('table'),b=t.tBodies[0],i=[...th.parentNode.children].indexOf(th),
asc=!th.classList.contains('sorted-asc');t.querySelectorAll('th').forEach(h=>h.classList.remove('sorted-asc','sorted-desc'));
th.classList.add(asc?'sorted-asc':'sorted-desc');const key=r=>{const c=r.children[i],s=c.dataset.sort??c.textContent,
n=parseFloat(s);return isNaN(n)||!/^[-\\d.]/.test(s)?s:n};[...b.rows].sort((x,y)=>{const a=key(x),c=key(y);
return (a<c?-1:a>c?1:0)*(asc?1:-1)}).forEach(r=>b.appendChild(r))}
document.querySelectorAll('table.sortable th').forEach(th=>th.addEventListener('click',()=>sortBy(th)));
const filter=document.getElementById('filter');if(filter)filter.addEventListener('input',()=>{const q=filter.value.toLowerCase();
document.querySelectorAll('#documents tbody tr').forEach(r=>r.style.display=r.textContent.toLowerCase().includes(q)?'':'none')});
const VALUES=JSON.parse(document.getElementById('values-data')?.textContent||'[]');
const info=document.getElementById('info');
function show(i){const v=VALUES[i];if(!info||!v)return;document.querySelectorAll('.selected').forEach(e=>e.classList.remove('selected'));
document.querySelectorAll('tr.hl').forEach(e=>e.classList.remove('hl'));
document.querySelectorAll('[data-i="'+i+'"]').forEach(e=>e.classList.add(e.tagName==='TR'?'hl':'selected'));
info.textContent=['indicator: '+v.indicator,'municipality: '+(v.municipality_id??''),'category: '+(v.category??''),
'period: '+v.period_end,'value: '+v.value+' '+v.unit,'confidence: '+v.confidence,'method: '+v.method,
'page '+v.page+', bbox '+[v.x0,v.top,v.x1,v.bottom].map(x=>x==null?'':x.toFixed(1)).join(','),
'read from: '+v.raw_text].concat(v.notes?['doubt: '+v.notes]:[]).join('\\n')}
document.querySelectorAll('rect.value').forEach(r=>{r.addEventListener('click',()=>show(r.dataset.i));
r.addEventListener('mouseenter',()=>show(r.dataset.i))});
document.querySelectorAll('tr[data-i]').forEach(r=>r.addEventListener('click',()=>show(r.dataset.i)));
"""


@dataclass
class Tables:
    """What the report is built from, read once."""

    documents: pd.DataFrame  # each document's latest row
    run: pd.DataFrame  # the last run's rows
    indicators: pd.DataFrame
    review: pd.DataFrame
    changes: pd.DataFrame
    disagreements: pd.DataFrame


def doc_key(document_id: str | float | None) -> str:
    """A document's page name; a source that was never fetched has no document id."""
    return document_id[:16] if isinstance(document_id, str) else "unfetched"


def colour(method: str) -> str:
    return METHOD_COLOURS.get(method) or FAMILY_COLOURS.get(method.split(":")[0], "#555")


def cell(v: object) -> str:
    if v is None or v is pd.NA or v is pd.NaT or (isinstance(v, float) and math.isnan(v)):
        return "<td></td>"
    if isinstance(v, float):
        return f'<td data-sort="{v}">{v:g}</td>'
    return f"<td>{escape(str(v))}</td>"


def table(df: pd.DataFrame, attrs: str = "", row_attrs: list[str] | None = None,
          links: dict[str, list[str]] | None = None) -> str:
    """A sortable HTML table; `links[column][n]` makes row n's cell of that column a link."""
    if not len(df):
        return '<p class="muted">none</p>'
    links = links or {}
    head = "".join(f"<th>{escape(str(c))}</th>" for c in df.columns)
    rows = []
    for n, r in enumerate(df.to_numpy(dtype=object).tolist()):
        cells = [f'<td data-sort="{escape(str(v))}"><a href="{escape(links[c][n])}">{escape(str(v))}</a></td>'
                 if c in links else cell(v) for c, v in zip(df.columns, r)]
        rows.append(f"<tr{row_attrs[n] if row_attrs else ''}>{''.join(cells)}</tr>")
    return f'<table class="sortable"{attrs}><thead><tr>{head}</tr></thead><tbody>{"".join(rows)}</tbody></table>'


def page_html(title: str, body: str) -> str:
    return (f'<!doctype html><html lang="en"><head><meta charset="utf-8"><title>{escape(title)}</title>'
            f"<style>{CSS}</style></head><body>{body}<div id=\"info\"></div><script>{JS}</script></body></html>")


def write_text(path: Path, text: str) -> None:
    location.write_bytes(path, text.encode("utf-8"))


def render_pages(source: Path, document_id: str, folder: Path) -> list[tuple[str, float, float]]:
    """(image file name, width, height in points) per page; images are kept across runs, since a
    document id is the hash of its bytes. Empty when the file is gone or is no longer that document."""
    if not source.is_file() or hashlib.sha256(source.read_bytes()).hexdigest() != document_id:
        return []
    pages = []
    try:
        pdf = pdfium.PdfDocument(source)
    except pdfium.PdfiumError:  # a file that pdfplumber read but PDFium cannot: the table still shows all
        return []
    try:
        for n in range(len(pdf)):
            page = pdf[n]
            width, height = page.get_size()
            name = f"{doc_key(document_id)}-{n + 1}.webp"
            if not (folder / name).exists():
                image, data = page.render(scale=PAGE_DPI / 72).to_pil(), io.BytesIO()
                image.save(data, "WEBP", quality=WEBP_QUALITY, method=WEBP_METHOD)
                location.write_bytes(folder / name, data.getvalue())
            pages.append((name, width, height))
    finally:
        pdf.close()
    return pages


def coverage(documents: pd.DataFrame, indicators: pd.DataFrame) -> list[dict]:
    """Per catalogue indicator: documents of its mechanism, how many carry it, its values and sure share.
    (One pass over the values, grouped: a filter per indicator cost 0.75 CPU s on a single document.)"""
    loaded = documents[documents["status"] != "quarantined"] if len(documents) else documents
    specs = catalogue.indicators()
    docs_of = {m: set(ids) for m, ids in loaded.groupby("mechanism")["document_id"]} if len(loaded) else {}
    stats = pd.DataFrame()
    if len(indicators) and len(loaded):
        pairs = set(zip(loaded["document_id"], loaded["mechanism"]))
        mechanism = indicators["indicator"].map({k: v.mechanism for k, v in specs.items()})
        mine = indicators[[pair in pairs for pair in zip(indicators["document_id"], mechanism)]]
        sure = (mine["confidence"] >= SURE).groupby(mine["indicator"])
        stats = pd.DataFrame({"documents_with_values": mine.groupby("indicator")["document_id"].nunique(),
                              "values": sure.size(), "sure_share": sure.mean()})
    rows = []
    for name, spec in specs.items():
        found = name in stats.index
        rows.append({"indicator": name, "mechanism": spec.mechanism, "documents": len(docs_of.get(spec.mechanism, ())),
                     "documents_with_values": int(stats.at[name, "documents_with_values"]) if found else 0,
                     "values": int(stats.at[name, "values"]) if found else 0,
                     "sure_share": round(float(stats.at[name, "sure_share"]), 3) if found else None})
    return rows


def coverage_svg(rows: list[dict]) -> str:
    """Horizontal bars: share of a mechanism's documents that carry each indicator."""
    label_w, bar_w, row_h = 330, 300, 18
    parts = []
    for n, r in enumerate(rows):
        y = n * row_h
        share = r["documents_with_values"] / r["documents"] if r["documents"] else 0
        fill = "#bbb" if not r["documents"] else "#2a7d2a" if share == 1 else "#e08a00" if share else "#c62828"
        text = "#222" if fill == "#2a7d2a" else fill  # an empty bar still shows its colour in its label
        parts.append(
            f'<text x="0" y="{y + 13}" font-size="12">{escape(r["indicator"])}</text>'
            f'<rect x="{label_w}" y="{y + 3}" width="{bar_w}" height="{row_h - 6}" fill="#eee"/>'
            f'<rect class="coverage" x="{label_w}" y="{y + 3}" width="{bar_w * share:.1f}" height="{row_h - 6}" '
            f'fill="{fill}"><title>{escape(r["indicator"])}: {r["documents_with_values"]}/{r["documents"]} '
            f'documents, {r["values"]} values</title></rect>'
            f'<text x="{label_w + bar_w + 8}" y="{y + 13}" font-size="12" fill="{text}">'
            f'{r["documents_with_values"]}/'
            f'{r["documents"]} documents, {r["values"]} values</text>')
    height = row_h * len(rows)
    return (f'<svg id="coverage" width="{label_w + bar_w + 220}" height="{height}" '
            f'viewBox="0 0 {label_w + bar_w + 220} {height}" role="img">{"".join(parts)}</svg>')


def boxes(values: pd.DataFrame, review: pd.DataFrame, page: int) -> str:
    """SVG rectangles for one page: the values (data-i = row in the value table) and review boxes."""
    out = []
    on_page = values[(values["page"] == page) & values["x0"].notna()]
    for i, v in zip(on_page.index, on_page.to_dict("records")):  # dictionaries: a pandas row each costs 10x
        conf = float(v["confidence"])
        dash = "" if conf >= SURE else ' stroke-dasharray="4 2"' if conf >= REVIEW_LINE else ' stroke-dasharray="2 2"'
        stroke = colour(v["method"]) if conf >= REVIEW_LINE else "#d62728"
        out.append(f'<rect class="value" data-i="{i}" x="{v["x0"]:.1f}" y="{v["top"]:.1f}" '
                   f'width="{max(v["x1"] - v["x0"], 2):.1f}" height="{max(v["bottom"] - v["top"], 2):.1f}" '
                   f'fill="{colour(v["method"])}" fill-opacity="{0.1 + 0.2 * conf:.2f}" stroke="{stroke}" '
                   f'stroke-width="1.2"{dash}><title>{escape(v["indicator"])} = {v["value"]:g} '
                   f'({conf:.2f})</title></rect>')
    for r in review[review["page"] == page].to_dict("records") if len(review) else ():
        b = bbox_of(r["detail"])
        if b is None:
            continue
        cls, stroke = ("unread", UNREAD) if r["kind"] == "unread_region" else ("flag", FLAGGED)
        out.append(f'<rect class="{cls}" x="{b[0]:.1f}" y="{b[1]:.1f}" width="{b[2] - b[0]:.1f}" '
                   f'height="{b[3] - b[1]:.1f}" fill="none" stroke="{stroke}" stroke-width="2.5" '
                   f'stroke-dasharray="8 4"><title>{escape(r["kind"])}: {escape(str(r["text"])[:200])}</title></rect>')
    return "".join(out)


LEGEND = ('<p class="legend">'
          + "".join(f'<span style="color:{c}">&#9632; {m}</span>' for m, c in METHOD_COLOURS.items())
          + f'<br><span>solid: confidence &ge; {SURE}</span><span>dashed: {REVIEW_LINE}&ndash;{SURE}</span>'
          f'<span style="color:#d62728">red dotted: below {REVIEW_LINE} (in review)</span>'
          f'<span style="color:{UNREAD}">magenta: unread region</span>'
          f'<span style="color:{FLAGGED}">orange: other review item</span></p>')


def shown_run(doc: pd.Series, values: pd.DataFrame) -> str:
    """The run a document page names: the one that extracted its values (a re-run that found the
    document unchanged keeps them, and its page), or the run that last logged a document without any."""
    return str(values["run_id"].iloc[0]) if len(values) else str(doc["run_id"])


def page_images(doc: pd.Series, pages_dir: Path) -> list[tuple[str, float, float]]:
    """The document's page images (`render_pages`), for a PDF that was not quarantined."""
    if not str(doc["path_or_url"]).lower().endswith(".pdf") or doc["status"] == "quarantined":
        return []
    return render_pages(Path(str(doc["path_or_url"])), doc["document_id"], pages_dir)


def document_page(doc: pd.Series, values: pd.DataFrame, review: pd.DataFrame, changes: pd.DataFrame,
                  disagreements: pd.DataFrame, pages: list[tuple[str, float, float]], names: dict[str, str]) -> str:
    run = shown_run(doc, values)
    values = values.sort_values(["page", "top", "x0"], na_position="last").reset_index(drop=True)
    name = Path(str(doc["path_or_url"])).name
    status = f'<b class="{doc["status"]}">{doc["status"]}</b>' + (f": {escape(str(doc['error']))}"
                                                                  if pd.notna(doc["error"]) else "")
    body = [f'<p><a href="../index.html">&larr; all documents</a></p><h1>{escape(name)}</h1>',
            f'<p>{escape(" / ".join(str(doc[c]) for c in ("publisher", "mechanism", "language") if pd.notna(doc[c])))}'
            f', {doc["period_start"]}&ndash;{doc["period_end"]}, {doc["n_pages"]} pages, '
            f'<span id="n-values">{len(values)}</span> values; {status}</p>',
            f'<p class="muted">document {doc["document_id"]} &middot; run {escape(run)}</p>']
    if pages:
        body.append(LEGEND)
        for n, (image, width, height) in enumerate(pages, start=1):
            body.append(f'<h2 id="page-{n}">Page {n}</h2><div class="page" data-page="{n}">'
                        f'<img src="../pages/{image}" alt="page {n}" width="{width * PAGE_DPI / 72:.0f}">'
                        f'<svg viewBox="0 0 {width:.2f} {height:.2f}" preserveAspectRatio="none">'
                        f"{boxes(values, review, n)}</svg></div>")
    else:
        body.append('<p class="muted">No page images (an HTML page, a quarantined file, or a file no longer at '
                    "its path): the values are in the table below.</p>")
    shown = values[VALUE_FIELDS].assign(period_end=values["period_end"].astype(str))  # a date, not a timestamp
    listed = shown.assign(raw_text=shown["raw_text"].str.slice(0, RAW_TEXT_SHOWN))  # in full on click
    body += [f"<h2>Values ({len(values)})</h2>",
             table(listed, attrs=' id="values"', row_attrs=[f' data-i="{i}"' for i in range(len(shown))])]
    body += ["<h2>Review queue</h2>",
             table(grouped_review(review, names)[["kind", "count", "where", "text", "candidates", "detail"]]
                   if len(review) else review)]
    if len(disagreements):
        body += ["<h2>Disagreements with other documents</h2>", disagreement_table(disagreements, "")]
    if len(changes):
        body += ["<h2>Changes in the last run</h2>", table(changes.drop(columns=["document_id", "document"]))]
    data = json.dumps(json.loads(shown.to_json(orient="records", date_format="iso")), ensure_ascii=False)
    data = data.replace("</", "<\\/")  # a raw text "</script>" must not end the data block
    body.append(f'<script type="application/json" id="values-data">{data}</script>')
    return page_html(name, "".join(body))


def disagreement_table(d: pd.DataFrame, prefix: str) -> str:
    """Disagreements between documents, each side linked to its document's page."""
    if not len(d):
        return table(d)
    rows = pd.DataFrame({
        "check": d["check"], "indicator": d["indicator"], "municipality_id": d["municipality_id"],
        "category": d["category"], "period_end": d["period_end"].astype(str),
        "value_a": d["value_a"], "where_a": d["document_a"] + " p" + d["page_a"].astype(str),
        "value_b": d["value_b"], "where_b": d["document_b"] + " p" + d["page_b"].astype(str)})
    links = {f"where_{s}": [f"{prefix}{doc_key(i)}.html#page-{p}"
                            for i, p in zip(d[f"document_id_{s}"], d[f"page_{s}"])] for s in ("a", "b")}
    return table(rows, links=links)


def index_page(t: Tables, cover: list[dict], names: dict[str, str]) -> str:
    run = t.run
    counts = run["status"].value_counts().to_dict() if len(run) else {}
    run_id = run["run_id"].iloc[0] if len(run) else "none"
    body = [f"<h1>factsheets audit</h1><h2>Last run</h2><p>run {escape(str(run_id))}: {len(run)} documents &mdash; "
            + ", ".join(f'<b class="{s}" id="n-{s}">{counts.get(s, 0)} {s}</b>'
                        for s in ("ok", "partial", "quarantined"))
            + f"; {len(t.indicators)} current values, {len(t.review)} review items, "
            f"{len(t.disagreements)} disagreements between documents, {len(t.changes)} changed values.</p>"]
    not_ok = run[run["status"] != "ok"] if len(run) else run
    if len(not_ok):
        body.append(table(pd.DataFrame({"document": not_ok["path_or_url"].map(lambda p: Path(str(p)).name),
                                        "status": not_ok["status"], "reason": not_ok["error"]})))
    body += ["<h2>Coverage per indicator</h2><p class=\"muted\">Share of the documents of the indicator's "
             "mechanism that carry at least one of its values.</p>", coverage_svg(cover)]
    docs = t.documents
    per_doc = t.indicators.groupby("document_id")["confidence"].agg(["size", "min"]) if len(t.indicators) else None
    n_review = t.review.groupby("document_id").size() if len(t.review) else pd.Series(dtype=int)
    rows = pd.DataFrame({
        "document": [names[d] for d in docs["document_id"]],
        "publisher": docs["publisher"], "mechanism": docs["mechanism"], "language": docs["language"],
        "period_end": docs["period_end"], "status": docs["status"],
        "values": [int(per_doc["size"].get(d, 0)) if per_doc is not None else 0 for d in docs["document_id"]],
        "least_confidence": [per_doc["min"].get(d) if per_doc is not None else None for d in docs["document_id"]],
        "review": [int(n_review.get(d, 0)) for d in docs["document_id"]], "error": docs["error"]})
    body += [f"<h2>Documents ({len(docs)})</h2>",
             '<p><input id="filter" placeholder="filter documents" size="40"></p>',
             table(rows, attrs=' id="documents"',
                   links={"document": [f"doc/{doc_key(d)}.html" for d in docs["document_id"]]})]
    body += ["<h2>Disagreements between documents</h2>",
             disagreement_table(t.disagreements.head(MAX_INDEX_ROWS), "doc/")]
    body += ["<h2>Changes in the last run</h2>",
             table(t.changes.drop(columns=["document_id"]).head(MAX_INDEX_ROWS)) if len(t.changes)
             else '<p class="muted">none (or first run of these documents)</p>']
    if len(t.indicators):
        least = least_sure(t.indicators, names, LEAST_SURE_SHOWN)
        body += [f"<h2>Least sure values (up to {LEAST_SURE_SHOWN})</h2>",
                 table(least[["document", "page", "bbox", "indicator", "municipality_id",
                              "category", "period_end", "value", "confidence", "method", "notes"]],
                       links={"document": [f"doc/{doc_key(d)}.html#page-{p}"
                                           for d, p in zip(least["document_id"], least["page"])]})]
    g = grouped_review(t.review, names).head(MAX_INDEX_ROWS)
    body += ["<h2>Review queue (identical items grouped)</h2>",
             table(g[["kind", "count", "where", "text", "candidates", "detail"]],
                   links={"where": [f"doc/{doc_key(d)}.html" for d in g["document_id"]]}) if len(g) else table(g)]
    return page_html("factsheets audit", "".join(body))


def write_audit(out: Path, t: Tables) -> tuple[Path, list[dict]]:
    """Write `audit/index.html` and the page of every document whose page would change; returns the
    index's path and the coverage per indicator it shows. A page whose fingerprint (`fingerprints`) is the one recorded when it was written
    (`audit/doc/.built.json`), with its images in place, is kept as it is: an unchanged re-run of 200
    documents rebuilt all of them, 23 CPU s, most of the run."""
    folder = out / "audit"
    names = {d: Path(str(p)).name for d, p in zip(t.documents["document_id"], t.documents["path_or_url"])}
    empty = pd.DataFrame(columns=VALUE_FIELDS + ["document_id", "run_id"])
    values = dict(tuple(t.indicators.groupby("document_id"))) if len(t.indicators) else {}
    review = dict(tuple(t.review.groupby("document_id"))) if len(t.review) else {}
    changes = dict(tuple(t.changes.groupby("document_id"))) if len(t.changes) else {}
    d = t.disagreements
    built_file = folder / "doc" / BUILT
    built = read_built(built_file)
    for doc, fingerprint in zip(t.documents.to_dict("records"), fingerprints(t)):
        doc = pd.Series(doc)
        key, doc_id = doc_key(doc["document_id"]), doc["document_id"]
        page = folder / "doc" / f"{key}.html"
        known = built.get(key, {})
        if (known.get("fingerprint") == fingerprint and page.exists()
                and all((folder / "pages" / image).exists() for image in known.get("images", []))):
            continue
        mine = d[(d["document_id_a"] == doc_id) | (d["document_id_b"] == doc_id)] if len(d) else d
        images = page_images(doc, folder / "pages")
        write_text(page, document_page(doc, values.get(doc_id, empty), review.get(doc_id, pd.DataFrame(columns=["page"])),
                                       changes.get(doc_id, pd.DataFrame()), mine, images, names))
        built[key] = {"fingerprint": fingerprint, "images": [image for image, _, _ in images]}
    write_text(built_file, json.dumps(built, sort_keys=True))
    index, cover = folder / "index.html", coverage(t.documents, t.indicators)
    write_text(index, index_page(t, cover, names))
    return index, cover


BUILT = ".built.json"  # in audit/doc/: per page, the fingerprint it was written for and its images
DOC_FIELDS = ["document_id", "path_or_url", "publisher", "mechanism", "language", "period_start", "period_end",
              "n_pages", "status", "error"]  # what a document page shows of its run log row


def read_built(path: Path) -> dict[str, dict]:
    """What `write_audit` recorded of the pages it wrote; nothing when there is no record or a broken one."""
    try:
        built = json.loads(path.read_text(encoding="utf-8"))
        return built if isinstance(built, dict) else {}
    except (OSError, ValueError):
        return {}


def row_digests(df: pd.DataFrame, by: str) -> dict[str, str]:
    """Per value of column `by`, a digest of its rows in order (every column)."""
    if not len(df):
        return {}
    hashes = pd.util.hash_pandas_object(df, index=False)
    return {k: hashlib.sha256(h.to_numpy().tobytes()).hexdigest()
            for k, h in hashes.groupby(df[by].to_numpy(), sort=False)}


def fingerprints(t: Tables) -> list[str]:
    """Per document (in `t.documents` order), a digest of everything its page shows: its log row's shown
    fields, the run it names, its values, review items, changes and disagreements, and the code version
    (a new audit page layout rewrites every page)."""
    d = t.disagreements
    sides = pd.concat([d.assign(side=d["document_id_a"]), d.assign(side=d["document_id_b"])]) if len(d) else d
    parts = [row_digests(t.indicators, "document_id"), row_digests(t.review, "document_id"),
             row_digests(t.changes, "document_id"), row_digests(sides, "side")]
    runs = t.indicators.groupby("document_id")["run_id"].first().to_dict() if len(t.indicators) else {}
    version = code_version()
    rows = t.documents[DOC_FIELDS].astype(str).to_numpy().tolist()
    return [hashlib.sha256(json.dumps([version, row, runs.get(doc_id, run_id), *(p.get(doc_id) for p in parts)])
                           .encode()).hexdigest()
            for row, doc_id, run_id in zip(rows, t.documents["document_id"], t.documents["run_id"])]


def load_tables(out: Path, changes: pd.DataFrame, disagreements: pd.DataFrame) -> Tables:
    log = read_table(out, "documents")
    if len(log):
        log = log.sort_values("started_at", kind="stable")
        run = log[log["run_id"] == log["run_id"].iloc[-1]]
        documents = log.drop_duplicates("document_id", keep="last").reset_index(drop=True)
    else:
        run = documents = log
    return Tables(documents, run, as_objects(read_table(out, "indicators")), as_objects(read_table(out, "review")),
                  changes, disagreements)


def as_objects(df: pd.DataFrame) -> pd.DataFrame:
    """Text columns as Python objects: splitting Arrow-backed strings per document costs a pyarrow
    `take` per column and document, most of the report's time at 500 documents."""
    return df.astype({c: object for c in df.columns if pd.api.types.is_string_dtype(df[c])})
