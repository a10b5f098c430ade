"""Hostile inputs, built byte by byte: each one hung, crashed or fooled a run before it was handled.

Shared by tests/test_hostile.py and bench/memory.py, so the bench measures the very files the tests use.
"""
from __future__ import annotations

import zlib
from pathlib import Path


def pdf_bytes(objects: list[bytes], root: int = 1) -> bytes:
    """A PDF with a correct xref table from its numbered object bodies (object i+1 is objects[i])."""
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % o for o in offsets)
    out += b"trailer\n<< /Size %d /Root %d 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, root, xref)
    return bytes(out)


def stream(data: bytes, extra: bytes = b"") -> bytes:
    return b"<< /Length %d %s>>\nstream\n" % (len(data), extra) + data + b"\nendstream"


FONT = b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"


def self_referencing_contents() -> bytes:
    """A page whose /Contents is an object that refers to itself: pdfminer resolves it forever."""
    return pdf_bytes([
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R >>",
        b"4 0 R",
    ])


def flate_bomb(inflated_mb: int = 1024) -> bytes:
    """A one-page fact sheet whose content stream is about 1 MB deflated and `inflated_mb` MB
    inflated: its text first, then spaces."""
    z = zlib.compressobj(9)
    text = b"".join(b"BT /F1 9 Tf %.1f %.1f Td (%s) Tj ET\n" % (x, y, t.encode("latin-1")) for x, y, t in fact_sheet_page(1))
    block = b" " * (1 << 20)
    data = z.compress(text) + b"".join(z.compress(block) for _ in range(inflated_mb)) + z.flush()
    return pdf_bytes([
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>",
        stream(data, b"/Filter /FlateDecode "),
        FONT,
    ])


def text_pdf(pages: list[list[tuple[float, float, str]]], size: float = 9) -> bytes:
    """Pages of Helvetica text at (x, y) positions, one content stream each, uncompressed."""
    kids = " ".join(f"{4 + 2 * i} 0 R" for i in range(len(pages))).encode()
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>",
               b"<< /Type /Pages /Kids [%s] /Count %d >>" % (kids, len(pages)), FONT]
    for i, lines in enumerate(pages):
        ops = b"".join(b"BT /F1 %g Tf %.1f %.1f Td (%s) Tj ET\n" % (size, x, y, text.encode("latin-1"))
                       for x, y, text in lines)
        objects.append(b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 3 0 R >> >> "
                       b"/Contents %d 0 R >>" % (5 + 2 * i))
        objects.append(stream(ops))
    return pdf_bytes(objects)


def fact_sheet_page(n: int) -> list[tuple[float, float, str]]:
    """One page of an MCSC-like sheet: a heading naming the publisher and mechanism, a few sentences."""
    return [(50, 800, f"Misioni i OSBE-se ne Kosove - Keshillat Komunale per Siguri ne Bashkesi, faqe {n}"),
            (50, 780, "Periudha: Janar - Dhjetor 2024"),
            (50, 760, f"KKSB-te kane mbajtur {n % 90 + 10} takime gjate periudhes Janar - Dhjetor 2024."),
            (50, 740, "Ne komunat e Kosoves jane themeluar 38 keshilla per siguri ne bashkesi.")]


def random_words_page(rng, n_words: int = 10_000) -> list[tuple[float, float, str]]:
    """`n_words` words, captions and numbers scattered over a page (a dense annex; 104 s before the fix)."""
    vocabulary = ["takime", "komuna", "12", "345", "Prizren", "1 234", "nga 36"]
    return [(rng.uniform(20, 560), rng.uniform(20, 800), rng.choice(vocabulary)) for _ in range(n_words)]


def nested_divs(depth: int = 100_000) -> bytes:
    return (b"<!DOCTYPE html><html><body>" + b"<div>" * depth + b"Komitetet Lokale per Siguri Publike"
            + b"</div>" * depth + b"</body></html>")


def write(path: Path, data: bytes) -> Path:
    path.write_bytes(data)
    return path


# --- damaged copies of good documents (the fuzz test) ---------------------------------------------

def flip_bytes(data: bytes, rng, n: int = 8) -> bytes:
    """`n` bytes past the header replaced with random ones."""
    out = bytearray(data)
    for _ in range(n):
        out[rng.randrange(16, len(out))] = rng.randrange(256)
    return bytes(out)


def truncate(data: bytes, rng) -> bytes:
    return data[:rng.randrange(len(data) // 4, len(data))]


def delete_stream(data: bytes, rng) -> bytes:
    """One stream's bytes removed (its dictionary still promises them)."""
    starts = [i for i in range(len(data)) if data.startswith(b"stream", i) and not data.startswith(b"endstream", i - 3)]
    if not starts:
        return data
    start = rng.choice(starts) + len(b"stream")
    end = data.find(b"endstream", start)
    return data[:start] + b"\n" + data[end:] if end > 0 else data


def damage_xref(data: bytes, rng) -> bytes:
    """The cross-reference table or the startxref offset garbled: pdfminer must rebuild it."""
    out = bytearray(data)
    where = data.rfind(b"startxref") if rng.random() < 0.3 else data.rfind(b"xref\n0 ")
    if where < 0:
        return data
    for i in range(where + 10, min(len(out), where + 10 + rng.randrange(20, 400))):
        if chr(out[i]).isdigit() and rng.random() < 0.3:
            out[i] = ord(str(rng.randrange(10)))
    return bytes(out)


MUTATIONS = (flip_bytes, truncate, delete_stream, damage_xref)
