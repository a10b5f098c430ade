"""Benchmark of the municipality-name matcher against the plain rapidfuzz baseline.

Prints, for `pipeline.places` and for `process.extractOne(text, official_names, scorer=WRatio,
score_cutoff=80 / 90)` over all official names:
- the dev-set figures on ../shared/contract/names_dev.csv (accuracy on names with an answer, negatives
  rejected, wrong matches);
- the held-out variants of `bench/name_variants.py` (keyboard spellings, letter-spaced headings,
  designators, prose inflections, OCR confusions, doubled glyphs, run-together and split words; and
  directorates, foreign towns, two names, words, ambiguous midpoints that must not match), per kind;
- names matched per second in batch and the peak memory, on 100,000 names built by perturbing the
  gazetteer's names and the negatives (case, diacritics, designators, inflection, OCR look-alikes,
  invisible characters, line breaks, bilingual pairs, doubled letters), with their accuracy.

Run: python bench/places.py [--n 100000] [--seed 7] [--per-kind 400] [--variant-seed 11]
"""
from __future__ import annotations

import argparse
import csv
import random
import resource
import sys
import time
import unicodedata
from collections.abc import Callable
from pathlib import Path

from rapidfuzz import fuzz, process

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from bench import name_variants  # noqa: E402
from pipeline import places  # noqa: E402
from pipeline.indicators.catalogue import data_path  # noqa: E402

DEV = name_variants.dev_set()
NAME_COLUMNS = ("name_sq", "name_sr_latn", "name_sr_cyrl", "name_en", "name_tr")

Matcher = Callable[[list[str]], list[str | None]]


def read_csv(path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def official_names() -> tuple[list[str], list[str]]:
    """Every official name of municipalities.csv with its id, the baseline's choices."""
    pairs = [(r[c], r["municipality_id"]) for r in read_csv(data_path("municipalities.csv"))
             for c in NAME_COLUMNS if r[c]]
    return [n for n, _ in pairs], [i for _, i in pairs]


def baseline(cutoff: float) -> Matcher:
    names, ids = official_names()

    def run(texts: list[str]) -> list[str | None]:
        found = (process.extractOne(t, names, scorer=fuzz.WRatio, score_cutoff=cutoff) for t in texts)
        return [ids[f[2]] if f else None for f in found]
    return run


def ours(texts: list[str]) -> list[str | None]:
    return [m.municipality_id for m in places.match_many(texts)]


# --- the 100,000 perturbed names -------------------------------------------------------------------

DESIGNATORS_SQ = ("Komuna e {}", "Bashkia {}", "Bashkia e {}", "në {}", "Komuna {}", "{}")
DESIGNATORS_OTHER = ("Municipality of {}", "{} Municipality", "Opština {}", "u {}", "{}")
OCR = (("m", "rn"), ("d", "cl"), ("i", "l"), ("e", "c"), ("ë", "e"), ("ç", "c;"), ("o", "0"), ("u", "n"))
WRONG_DIACRITICS = {"ë": "èéê", "ç": "ćč", "č": "çć", "š": "ş", "ž": "z", "e": "ë"}
INVISIBLE = ("\u200b", "\u00ad", "\u200d")


def strip_diacritics(s: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFKD", s) if not unicodedata.combining(c))


def perturb(name: str, lang: str, rng: random.Random) -> str:
    """One realistic variant of a name: designator and inflection, then noise of a few kinds."""
    if lang == "sq" and rng.random() < 0.5:
        forms = sorted(places.albanian_forms(name.split()[0].lower()))
        first = rng.choice(forms)
        name = " ".join([first[:1].upper() + first[1:]] + name.split()[1:])
    name = rng.choice(DESIGNATORS_SQ if lang == "sq" else DESIGNATORS_OTHER).format(name)
    for _ in range(rng.randint(0, 2)):
        kind = rng.randrange(8)
        if kind == 0:
            name = name.upper() if rng.random() < 0.5 else name.lower()
        elif kind == 1:
            name = strip_diacritics(name)
        elif kind == 2:
            name = "".join(rng.choice(WRONG_DIACRITICS[c]) if c in WRONG_DIACRITICS and rng.random() < 0.5
                           else c for c in name)
        elif kind == 3:
            a, b = rng.choice(OCR)
            at = name.find(a, rng.randrange(max(len(name), 1)))
            name = name if at < 0 else name[:at] + b + name[at + len(a):]
        elif kind == 4:
            at = rng.randrange(1, max(len(name), 2))
            name = name[:at] + rng.choice(INVISIBLE) + name[at:]
        elif kind == 5:
            at = name.find(" ")
            name = name if at < 0 else name[:at] + "\n" + name[at + 1:]
        elif kind == 6:
            at = rng.randrange(2, max(len(name) - 1, 3))
            name = name[:at] + "-\n" + name[at:]
        else:  # a typo: one letter doubled (a dropped letter may spell another municipality: Vlorë, Vorë)
            at = rng.randrange(max(len(name), 1))
            name = name[:at + 1] + name[at:]
    return name + rng.choice(("", "", "", "*", "¹", ","))


def synthetic(n: int, seed: int) -> tuple[list[str], list[str | None]]:
    """n distinct perturbed names with their expected ids (None for negatives), a quarter of them negatives
    or bilingual pairs."""
    rng = random.Random(seed)
    rows = read_csv(data_path("municipalities.csv"))
    names = [(r[c], "sq" if c in ("name_sq", "name_en") else "sr", r["municipality_id"])
             for r in rows for c in NAME_COLUMNS if r[c]]
    names += [(r["alias"], r["lang"], r["municipality_id"]) for r in read_csv(data_path("aliases.csv"))]
    negatives = [r["text"] for r in read_csv(data_path("negatives.csv")) if r["kind"] not in ("trigger", "common_word")]
    regions = ("Qarku i {}", "{} County", "Regjioni i {}", "{} District", "Drejtoria Rajonale e Policisë {}")
    by_id = {}
    for name, lang, mid in names:
        by_id.setdefault(mid, []).append((name, lang))
    texts: dict[str, str | None] = {}
    while len(texts) < n:
        roll = rng.random()
        if roll < 0.12:
            texts.setdefault(perturb(rng.choice(negatives), "sq", rng), None)
        elif roll < 0.2:
            name, _, _ = rng.choice(names)
            texts.setdefault(rng.choice(regions).format(name), None)
        elif roll < 0.3:
            mid = rng.choice(sorted(by_id))
            (a, la), (b, lb) = rng.choice(by_id[mid]), rng.choice(by_id[mid])
            texts.setdefault(perturb(a, la, rng) + rng.choice(("/", " / ")) + perturb(b, lb, rng), mid)
        else:
            name, lang, mid = rng.choice(names)
            texts.setdefault(perturb(name, lang, rng), mid)
    return list(texts), list(texts.values())


# --- figures ---------------------------------------------------------------------------------------

def figures(expected: list[str | None], got: list[str | None]) -> dict[str, float]:
    answerable = [(e, g) for e, g in zip(expected, got) if e]
    negatives = [g for e, g in zip(expected, got) if not e]
    return {
        "accuracy": sum(e == g for e, g in answerable) / max(len(answerable), 1),
        "wrong": sum(g is not None and g != e for e, g in answerable),
        "negatives_rejected": sum(g is None for g in negatives) / max(len(negatives), 1),
        "negatives_through": sum(g is not None for g in negatives),
    }


def timed(run: Matcher, texts: list[str]) -> tuple[list[str | None], float, float, float]:
    """Results, wall seconds, CPU seconds (all threads: the figure to compare on a shared machine), and the
    growth of the process's peak resident memory in MB."""
    peak_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    start, cpu = time.perf_counter(), time.process_time()
    got = run(texts)
    seconds, cpu = time.perf_counter() - start, time.process_time() - cpu
    peak_after = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return got, seconds, cpu, (peak_after - peak_before) / 1024


def held_out(per_kind: int, seed: int) -> None:
    """Accuracy (or negatives rejected) and wrong matches per kind of held-out variant, and names/s."""
    variants = name_variants.variants(per_kind, seed)
    got, seconds, cpu, _ = timed(ours, [v.text for v in variants])
    print(f"\nHeld-out variants (bench/name_variants.py, seed {seed}): {len(variants):,} strings, "
          f"{len(variants) / seconds:,.0f} names/s, {len(variants) / cpu:,.0f} names per CPU s")
    print(f"{'kind':14} {'n':>5} {'right':>6} {'wrong':>6}   (right = the expected id, or no match for a negative)")
    by_kind: dict[str, list[tuple[str | None, str | None]]] = {}
    for v, g in zip(variants, got):
        by_kind.setdefault(v.kind, []).append((v.expected, g))
    for kind, pairs in [*by_kind.items(), ("all", [p for ps in by_kind.values() for p in ps])]:
        right = sum(e == g for e, g in pairs) / len(pairs)
        wrong = sum(g is not None and g != e for e, g in pairs)
        print(f"{kind:14} {len(pairs):5d} {right:6.3f} {wrong:6d}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--baseline-n", type=int, default=20_000,
                        help="names the baselines are timed on (extractOne is slow)")
    parser.add_argument("--per-kind", type=int, default=400, help="held-out variants per kind")
    parser.add_argument("--variant-seed", type=int, default=11)
    args = parser.parse_args()

    start = time.perf_counter()
    places.gazetteer()
    print(f"gazetteer: {len(places.gazetteer().forms)} forms, built in {time.perf_counter() - start:.2f} s")
    texts, expected = synthetic(args.n, args.seed)
    matchers = {"places.match_many": ours, "extractOne WRatio>=80": baseline(80), "extractOne WRatio>=90": baseline(90)}

    if DEV:
        dev = read_csv(DEV)
        dev_texts, dev_gold = [r["text"] for r in dev], [r["gold_municipality_id"] or None for r in dev]
        print(f"\nDev set ({DEV.name}: {sum(map(bool, dev_gold))} names with an answer, "
              f"{dev_gold.count(None)} negatives)")
        print(f"{'matcher':24} {'accuracy':>9} {'wrong':>6} {'neg. rejected':>14} {'neg. through':>13}")
        for label, run in matchers.items():
            f = figures(dev_gold, run(dev_texts))
            print(f"{label:24} {f['accuracy']:9.3f} {f['wrong']:6d} {f['negatives_rejected']:14.3f} "
                  f"{f['negatives_through']:13d}")
    else:
        print("\n(no dev set: ../shared/contract/names_dev.csv not found)")

    held_out(args.per_kind, args.variant_seed)

    print(f"\nSynthetic batch: {len(texts):,} distinct perturbed names "
          f"({expected.count(None):,} negatives); baselines timed on the first {args.baseline_n:,}")
    print(f"{'matcher':24} {'names':>8} {'seconds':>8} {'names/s':>9} {'per CPU s':>10} {'peak +MB':>9} "
          f"{'accuracy':>9} {'wrong':>6} {'neg. rejected':>14}")
    rates = {}
    for label, run in matchers.items():
        n = len(texts) if run is ours else min(args.baseline_n, len(texts))
        got, seconds, cpu, peak = timed(run, texts[:n])
        f = figures(expected[:n], got)
        rates[label] = n / seconds
        print(f"{label:24} {n:8,} {seconds:8.2f} {n / seconds:9,.0f} {n / cpu:10,.0f} {peak:9.1f} "
              f"{f['accuracy']:9.3f} {f['wrong']:6d} {f['negatives_rejected']:14.3f}")
    peak_total = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"\nprocess peak resident memory: {peak_total:.0f} MB")
    for label, rate in rates.items():
        if label != "places.match_many":
            print(f"speed ratio places / {label}: {rates['places.match_many'] / rate:.1f}x")


if __name__ == "__main__":
    main()
