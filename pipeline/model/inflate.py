"""FlateDecode with a ceiling: a compressed stream may not inflate past MAX_INFLATED_MB.

pdfminer inflates a stream with one `zlib.decompress` call, so 1 MB of deflated spaces becomes
1 GB in memory before anything can look at it (a decompression bomb peaked at 2.3 GB and came out
`ok`). `install` gives pdfminer a zlib whose `decompress` stops at the ceiling and raises
`InflateLimit`, which quarantines the document; everything else is the real zlib module.
"""
from __future__ import annotations

import logging
import types
import zlib

log = logging.getLogger(__name__)  # pipeline.model.damage collects its warnings as signs of damage

# A 600 dpi A4 colour scan inflates to 105 MB; a page's content stream is rarely over 1 MB.
MAX_INFLATED_MB = 128


class InflateLimit(Exception):
    """A stream that would inflate past the ceiling: the message is the quarantine reason."""


def bounded_decompress(data: bytes, *args, **kwargs) -> bytes:
    """`zlib.decompress` that refuses to produce more than MAX_INFLATED_MB; a truncated stream raises
    `zlib.error` as the real one does, so pdfminer's own repair of corrupt streams still runs."""
    limit = MAX_INFLATED_MB * 1024 * 1024
    inflater = zlib.decompressobj(*args[1:2], **kwargs)
    try:
        out = inflater.decompress(data, limit + 1)
    except zlib.error as e:  # pdfminer then reads what it can, or nothing, and says nothing: we say it
        log.warning("a compressed stream is corrupt (%s); what it held is lost or partly read", e)
        raise
    if len(out) > limit:
        raise InflateLimit(f"a compressed stream inflates past {MAX_INFLATED_MB} MB (a decompression bomb, "
                           f"or a scan far larger than any fact sheet); not read")
    if not inflater.eof:
        log.warning("a compressed stream is truncated; what it held is lost or partly read")
        raise zlib.error("Error -5 while decompressing data: incomplete or truncated stream")
    return out


def install() -> None:
    """Make pdfminer inflate streams through `bounded_decompress` (idempotent)."""
    from pdfminer import pdftypes

    if getattr(pdftypes.zlib, "decompress", None) is not bounded_decompress:
        shim = types.SimpleNamespace(**{k: getattr(zlib, k) for k in dir(zlib) if not k.startswith("__")})
        shim.decompress = bounded_decompress
        pdftypes.zlib = shim
