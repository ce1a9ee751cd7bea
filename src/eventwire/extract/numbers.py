"""Read a count phrase ("at least 12", "dozens", "twenty-three", "1.2 million", "two or three") as a range.

`read_count(words)` returns `(min, best, max)` integers with min <= best <= max, or None when the
words hold no count. The best figure is conservative, in the spirit of ACLED's codebook: the lower
end of what the words allow. The scheme is the table in `eventwire.extract.quantities`; the values
live here, in `VAGUE` and `_apply`.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence

__all__ = ["VAGUE", "Range", "read_count", "words_of"]

Range = tuple[int, int, int]

_UNIT_WORDS = ("zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen "
               "fifteen sixteen seventeen eighteen nineteen")
_UNITS = {w: i for i, w in enumerate(_UNIT_WORDS.split())}
_TENS = {w: 10 * (i + 2) for i, w in enumerate(("twenty", "thirty", "forty", "fifty", "sixty", "seventy",
                                                 "eighty", "ninety"))}
_SCALES = {"dozen": 12, "score": 20, "hundred": 100, "thousand": 1_000, "million": 1_000_000,
           "billion": 1_000_000_000}
_SINGLE = {"a": 1, "an": 1, "single": 1, "lone": 1, "another": 1, "both": 2, "pair": 2, "no": 0, "none": 0,
           "no one": 0, "double": 2, "triple": 3, "quadruple": 4, "a double": 2, "a triple": 3,
           "a quadruple": 4}

#: Vague quantity words -> (min, best, max). Plural scale words ("dozens", "hundreds") multiply a
#: following "of <scale>s" ("tens of thousands"); quantifiers multiply a following scale word
#: ("several hundred", "a few dozen").
VAGUE: dict[str, Range] = {
    "a couple": (2, 2, 3),
    "couple": (2, 2, 3),
    "a few": (2, 3, 5),
    "few": (2, 3, 5),
    "several": (3, 3, 9),
    "a handful": (2, 3, 9),
    "handful": (2, 3, 9),
    "a number": (2, 3, 9),
    "some": (2, 2, 9),
    "multiple": (2, 2, 9),
    "many": (3, 10, 99),
    "numerous": (3, 10, 99),
    "dozens": (12, 12, 99),
    "scores": (20, 20, 99),
    "tens": (10, 10, 99),
    "hundreds": (100, 100, 999),
    "thousands": (1_000, 1_000, 9_999),
    "millions": (1_000_000, 1_000_000, 9_999_999),
}
_PLURAL_SCALES = {"dozens": 12, "scores": 20, "hundreds": 100, "thousands": 1_000, "millions": 1_000_000}

# Modifiers, longest first within each class.
_MODIFIERS: dict[str, tuple[str, ...]] = {
    "at_least": ("no fewer than", "no less than", "a minimum of", "at a minimum", "at least", "minimum"),
    "more_than": ("in excess of", "upwards of", "more than", "greater than", "over", "above", "beyond"),
    "nearly": ("just under", "close to", "nearly", "almost", "just shy of"),
    "about": ("an estimated", "approximately", "estimated", "roughly", "around", "about", "some", "circa",
              "approx", "reportedly", "perhaps", "maybe", "possibly"),
    "up_to": ("as many as", "up to", "at most", "no more than"),
    "less_than": ("fewer than", "less than", "under", "below"),
    "exact": ("only", "just", "exactly", "precisely", "all", "the", "another", "these", "those", "other"),
}
_SUFFIXES = {("or", "more"): "at_least", ("plus",): "at_least", ("+",): "at_least", ("or", "so"): "about",
             ("or", "fewer"): "up_to", ("or", "less"): "up_to"}
_WORD_RE = re.compile(r"\d[\d,]*(?:\.\d+)?|[a-z]+|[-+–]")


def words_of(text: str) -> list[str]:
    """Lower-cased words, digits and dashes of a phrase ("at least 1,200" -> at, least, 1,200)."""
    return _WORD_RE.findall(text.lower().replace("’", "'"))


def _number(words: Sequence[str]) -> float | None:
    """An exact number: digits, spelled-out words, scales ("1.2 million", "a hundred and five")."""
    total, current, seen = 0.0, 0.0, False
    words = " ".join(words).replace("half a ", "0.5 ").replace("half an ", "0.5 ").split()
    for i, w in enumerate(words):
        if w[0].isdigit():
            current += float(w.replace(",", ""))
        elif w in _UNITS:
            current += _UNITS[w]
        elif w in _TENS:
            current += _TENS[w]
        elif w in ("a", "an") and i + 1 < len(words) and words[i + 1] in _SCALES:
            current += 1
        elif w in _SCALES:
            factor = _SCALES[w]
            if factor >= 1_000:
                total += (current or 1) * factor
                current = 0.0
            else:
                current = (current or 1) * factor
        elif w in ("and", "-") and seen:
            continue
        else:
            return None
        seen = True
    return total + current if seen else None


def _core(words: Sequence[str]) -> Range | None:
    """The range that modifier-free words denote."""
    if not words:
        return None
    joined = " ".join(words)
    if joined in _SINGLE:
        n = _SINGLE[joined]
        return n, n, n
    if joined in VAGUE:
        return VAGUE[joined]
    for k in range(len(words) - 1, 0, -1):
        head, tail = " ".join(words[:k]), list(words[k:])
        if tail and tail[0] == "of":
            tail = tail[1:]
        if head in VAGUE and len(tail) == 1 and (tail[0] in _PLURAL_SCALES or tail[0] in _SCALES):
            unit = _PLURAL_SCALES.get(tail[0]) or _SCALES[tail[0]]
            lo, best, hi = VAGUE[head]
            return lo * unit, best * unit, (hi + 1) * unit - 1
    value = _number(words)
    if value is None:
        return None
    n = int(value)
    return n, n, n


def _apply(mod: str, rng: Range) -> Range:
    """Widen a range for its modifier; the best figure stays conservative."""
    lo, best, hi = rng
    if mod == "at_least":
        return lo, best, max(hi, 2 * best)
    if mod == "more_than":
        return lo + 1, best + 1, max(hi, 2 * best, best + 1)
    margin = max(1, math.ceil(best / 10))
    if mod == "nearly":
        return max(0, lo - margin), best, best
    if mod == "about":
        return max(0, lo - margin), best, hi + margin
    if mod == "up_to":
        return min(1, best), math.ceil(best / 2), best
    if mod == "less_than":
        top = max(0, best - 1)
        return min(1, top), math.ceil(top / 2), top
    return rng


def read_count(words: Sequence[str]) -> Range | None:
    """The (min, best, max) of a count phrase's words, or None when they hold no count."""
    words = [w for w in words if w not in ("'s", "'")]
    mods: list[str] = []
    changed = True
    while changed and words:
        changed = False
        joined = " ".join(words) + " "
        for mod, phrases in _MODIFIERS.items():
            phrase = next((p for p in phrases if joined.startswith(p + " ")), None)
            if phrase is not None and len(phrase.split()) < len(words):
                words, changed = words[len(phrase.split()):], True
                mods.append(mod)
                break
        for suffix, mod in _SUFFIXES.items():
            if tuple(words[-len(suffix):]) == suffix and len(suffix) < len(words):
                words, changed = words[: -len(suffix)], True
                mods.append(mod)
    lo_words, hi_words = _split_range(words)
    rng = _core(lo_words)
    if rng is None:
        return None
    if hi_words:
        upper = _core(hi_words)
        if upper is None:
            return None
        if upper[2] < rng[0] and len(hi_words) == 1 and lo_words[-1] in _SCALES:
            return None
        rng = (rng[0], rng[1], max(rng[2], upper[2]))
    for mod in reversed(mods):
        rng = _apply(mod, rng)
    lo, best, hi = rng
    return min(lo, best), best, max(hi, best)


def _split_range(words: list[str]) -> tuple[list[str], list[str]]:
    """'two or three' -> (two), (three); 'between 10 and 20' -> (10), (20); '5-10' -> (5), (10)."""
    if words and words[0] == "between" and "and" in words:
        k = words.index("and")
        return words[1:k], words[k + 1:]
    for sep in ("to", "or", "-", "–"):
        if sep in words:
            k = words.index(sep)
            lo, hi = words[:k], words[k + 1:]
            if sep == "-" and lo and hi and lo[-1] in _TENS and hi[0] in _UNITS:
                continue  # "twenty-three"
            if lo and hi:
                return lo, hi
    return words, []
