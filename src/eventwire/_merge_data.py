"""Common English words that say nothing about which story an article tells (merge.py's TF-IDF)."""

from __future__ import annotations

__all__ = ["STOPWORDS"]

_WORDS = """
about above after again against ago all almost along already also although always among and another any
anyone anything are around as at away back be became because become been before being below between both
but by came can cannot could did does doing done down during each either else even ever every few for from
further get gets getting give given go goes going gone got had has have having he her here hers herself him
himself his how however i if in including into is it its itself just last least less like made make many
may me might more most much must my near need never new next no nor not now of off often on once one only
or other others our out over own part per put rather really said same say saying says see seen several she
should since so some something still such take taken than that the their them themselves then there these
they thing things this those though three through to told too toward two under until up upon us use used
very via want was way we well went were what when where whether which while who whom whose why will with
within without would year years yet you your also according mr mrs ms told tuesday monday wednesday thursday
friday saturday sunday today yesterday tomorrow week weeks day days time times people news report reported
reports reporting first second another around percent com www http https
"""
STOPWORDS = frozenset(_WORDS.split())
