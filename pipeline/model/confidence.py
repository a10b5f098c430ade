"""The one confidence scale (0..1) and the one way to lower a confidence: `Confidence.doubt`.

Two lines come from the contract (CONTRACT.md): a value below REVIEW_LINE must also be in the
review queue, and a wrong value at SURE or above is a silent error, the worst kind. Every other
level sits on one side of those lines on purpose, and says why. A reader starts a value at
READING (or STATED for a count named in a sentence) and every doubt after that names its reason,
so the reasons travel with the value and become the output's `notes`.

Like docling-core's `ProvenanceItem`, a confidence is a value shared by the observation and the
value built from it, never fields copied from one to the other.
"""
from __future__ import annotations

from dataclasses import dataclass

# --- the contract's two lines -----------------------------------------------------------------
SURE = 0.9  # at or above: trusted (the report's `sure`, a solid box in the audit); wrong here = silent error
REVIEW_LINE = 0.5  # below: the value also goes to review/ as low_confidence_value

# --- where readings start ---------------------------------------------------------------------
# A value read from a chart's or a table's geometry that nothing else contradicts: sure, yet below
# certainty, since no reader checks a printed number against a second source.
READING = 0.95
# A count a rule binds in running text or a caption bound to one figure: sure, one step below a
# geometric reading (its words, not a drawing, say what it counts).
STATED = SURE

# --- caps: loaded, but never counted sure (between REVIEW_LINE and SURE) ------------------------
UNCONFIRMED = 0.85  # one plausible inference nothing confirms: a blank tick cell read as 0, a value
#                     printed away from its bar, labels split by the gazetteer, no axis to check the
#                     label against, an answer option named by its printed words
INFERRED = 0.7  # no printed number says it: a count read from a bar's length, a caption bound to
#                 one of two figures that would both do
SUSPECT = 0.6  # something printed disagrees: a caption's own count, shares not adding to 100, a
#                task count against its ticks, a damaged text layer (kept above the review line
#                so the document stays loadable, far below SURE so each value can be found)

# --- caps below the review line: a person must look -------------------------------------------
GUESS = 0.45  # a guess nothing checks: labels cut by position, no category label, conflicting
#               values for one key in one text, two series of one legend name
CONTRADICTED = 0.4  # the printed label disagrees with the drawing (bar length, slice angle,
#                     legend) or a cell has no row label
CONFLICT = 0.3  # two readings of one key in one document disagree: at most one of them is right

# --- steps for a text rule's lesser doubts: STATED less one of each is still loaded (0.65), less
# all four (two of each) falls below REVIEW_LINE, to review -----------------------------------
RIVALS = 0.1  # other counts in the sentence, or the label read from the words before the count
UNNAMED = 0.15  # the sentence does not name the mechanism, or names what is counted only before
DIGITS = 3  # scores keep the output's precision, so that steps add up without float drift


@dataclass(frozen=True, slots=True)
class Confidence:
    """How sure a reading is, and every reason it was doubted (the output's `notes`)."""

    score: float
    reasons: tuple[str, ...] = ()

    def doubt(self, reason: str, cap: float | None = None, less: float = 0.0) -> "Confidence":
        """This confidence lowered to at most `cap` and/or by `less`, the reason kept (even when the
        score was already below the cap: the reason is news to whoever reviews the value)."""
        score = round(self.score - less, DIGITS)
        if cap is not None:
            score = min(score, cap)
        return Confidence(score, (*self.reasons, reason))

