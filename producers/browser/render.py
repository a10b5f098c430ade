"""Print HTML to PDF with headless Chromium (no network) and check the print against the truth."""
from __future__ import annotations

import re
import shutil
import subprocess
import tempfile
from pathlib import Path

import pdfplumber

CHROMIUM_FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                  "--disable-background-networking", "--disable-component-update", "--disable-sync",
                  "--disable-extensions", "--no-pdf-header-footer", "--proxy-server=127.0.0.1:9",
                  "--hide-scrollbars"]


def chromium() -> str:
    for name in ("chromium", "chromium-browser", "google-chrome"):
        path = shutil.which(name)
        if path:
            return path
    raise SystemExit("headless Chromium is needed: apt-get install -y chromium")


def print_pdf(html_path: Path, pdf_path: Path) -> None:
    with tempfile.TemporaryDirectory() as profile:
        cmd = [chromium(), *CHROMIUM_FLAGS, f"--user-data-dir={profile}", f"--print-to-pdf={pdf_path}",
               html_path.resolve().as_uri()]
        subprocess.run(cmd, check=True, capture_output=True, timeout=120)
    if not pdf_path.exists() or pdf_path.stat().st_size == 0:
        raise RuntimeError(f"Chromium wrote no PDF for {html_path}")


def squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


def page_texts(pdf_path: Path) -> list[str]:
    """Each page's text with all whitespace removed, in reading order and in drawing order (a big number
    beside smaller lines is interleaved with them in reading order, whole in drawing order)."""
    with pdfplumber.open(pdf_path) as pdf:
        return [squash(p.extract_text() or "") + "\n" + squash(p.extract_text(use_text_flow=True) or "")
                for p in pdf.pages]


def html_text(html_path: Path) -> str:
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(html_path.read_text(encoding="utf-8"), "html.parser")
    for tag in soup(["style", "script"]):
        tag.decompose()
    return squash(soup.get_text(" "))


def missing_printed(texts: list[str], values) -> list[str]:
    """Values whose printed text is absent from their page (an empty list means the print agrees)."""
    bad = []
    for v in values:
        if v.printed is None:
            continue
        if v.page > len(texts) or squash(v.printed) not in texts[v.page - 1]:
            bad.append(f"{v.indicator} {v.municipality_id or ''} {v.category or ''} {v.printed!r} page {v.page}")
    return bad
