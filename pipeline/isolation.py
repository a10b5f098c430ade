"""One failing item costs that item, never the document.

Every stage that works item by item (a graphic, a table, a page of text, one graphic's mapping)
runs each item through `Isolation.run`. An exception becomes a `reader_failure` review item that
names the stage, the page and the error (as Docling's `ErrorItem.module_name` does), the item
yields nothing, and the document is reported `partial` instead of being quarantined.
"""
from __future__ import annotations

import logging
import traceback
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TypeVar

from pipeline.model.records import ReviewItem

log = logging.getLogger(__name__)
T = TypeVar("T")


@dataclass
class Isolation:
    review: list[ReviewItem] = field(default_factory=list)

    def run(self, stage: str, page: int | None, fn: Callable[..., T], *args: object, default: T) -> T:
        """`fn(*args)`, or `default` with a review item when it raises."""
        try:
            return fn(*args)
        except Exception as e:  # noqa: BLE001 - the point: any bug in one item is contained
            log.warning("%s failed on page %s: %r", stage, page, e)
            self.review.append(ReviewItem(
                page, "reader_failure", f"{stage} failed: {type(e).__name__}: {e}"[:300],
                detail=f"stage={stage}; the item yielded no values; please report it\n"
                       + traceback.format_exc(limit=4)))
            return default

    @property
    def failed(self) -> bool:
        return bool(self.review)

    def summary(self) -> str:
        stages = sorted({r.text.split(" failed:")[0] for r in self.review})
        return f"{len(self.review)} item(s) failed in {', '.join(stages)}; see review/ (reader_failure)"
