"""Fixtures for the ingest tests: short articles written for these tests, and a reader."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path

import pytest

from eventwire.ingest import read_sources
from eventwire.model import Article, Problem

Results = tuple[list[Article], list[Problem]]

ENGLISH = (
    "Thousands of people gathered in the main square of Almaty on Wednesday to protest against the "
    "rise in fuel prices, witnesses said.\n\n"
    "Police used tear gas and stun grenades to break up the crowd after some protesters set fire to "
    "cars near the mayor's office. The interior ministry said that eight officers had been killed and "
    "more than 300 were injured during the clashes."
)

GERMAN = (
    "Tausende Menschen versammelten sich am Mittwoch auf dem Hauptplatz von Almaty, um gegen die "
    "gestiegenen Treibstoffpreise zu protestieren, wie Augenzeugen berichteten. Die Polizei setzte "
    "Tränengas und Blendgranaten ein, nachdem einige Demonstranten Autos in der Nähe des Rathauses "
    "angezündet hatten."
)

SPANISH = (
    "Miles de personas se reunieron el miércoles en la plaza principal de Almaty para protestar contra "
    "la subida de los precios del combustible, según testigos. La policía usó gases lacrimógenos y "
    "granadas aturdidoras para dispersar a la multitud después de que algunos manifestantes "
    "incendiaran coches cerca de la alcaldía."
)


@pytest.fixture
def english() -> str:
    return ENGLISH


@pytest.fixture
def german() -> str:
    return GERMAN


@pytest.fixture
def spanish() -> str:
    return SPANISH


@pytest.fixture
def read() -> Callable[..., Results]:
    """Run read_sources and split its output into articles and problems."""

    def _read(paths: Iterable[str | Path] | str | Path, **options: object) -> Results:
        if isinstance(paths, str | Path):
            paths = [paths]
        results = list(read_sources(paths, **options))  # type: ignore[arg-type]
        articles = [item for item in results if isinstance(item, Article)]
        problems = [item for item in results if isinstance(item, Problem)]
        assert len(articles) + len(problems) == len(results)
        return articles, problems

    return _read
