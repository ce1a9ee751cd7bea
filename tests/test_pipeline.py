"""A mixed corpus of good and bad inputs: each bad one gets its problem, every good one is stored."""

from __future__ import annotations

import json

import pytest

from eventwire import api

GOOD_TXT = ("Farmers block roads in Punjab\n"
            "Thousands of farmers blocked highways across Punjab on Monday to protest new farm laws, "
            "police said. The protesters marched towards the state capital and officers detained 30 of them.")
GOOD_TXT2 = ("Army and rebels clash in the north\n"
             "Government soldiers clashed with rebels near the town of Kidal on Sunday, the army said, "
             "and at least seven fighters were killed in the fighting.")
GOOD_HTML = """<html><head><title>Port strike</title>
<meta property="og:site_name" content="Test Wire">
<meta property="article:published_time" content="2021-05-04T10:00:00Z">
</head><body><nav>Home | World</nav><article><h1>Dockers strike in Antwerp</h1>
<p>Hundreds of dock workers went on strike in Antwerp on Tuesday over pension cuts, the union said.</p>
<p>The strike halted traffic at the port, and police said the protest remained peaceful throughout the day.</p>
</article><footer>Copyright Test Wire</footer></body></html>"""
GERMAN = ("Die Polizei hat am Montag in Berlin mehrere Demonstranten festgenommen, nachdem es bei einer "
          "Kundgebung gegen die neue Regierung zu Auseinandersetzungen gekommen war. Die Veranstalter sprachen "
          "von einer friedlichen Versammlung, die erst durch das Eingreifen der Beamten eskaliert sei.")


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    d = tmp_path_factory.mktemp("mixed")
    (d / "2021-02-01-punjab.txt").write_text(GOOD_TXT, encoding="utf-8")
    (d / "2021-02-02-kidal.txt").write_text(GOOD_TXT2, encoding="utf-8")
    (d / "antwerp.html").write_text(GOOD_HTML, encoding="utf-8")
    lines = [json.dumps({"id": "j1", "title": "Curfew", "published": "2020-06-01",
                         "text": "Authorities imposed a curfew in Minneapolis on Friday after protesters "
                                 "set fire to a police station, officials said."}),
             "{this is not json",
             json.dumps({"id": "j2", "title": "no text"})]
    (d / "reports.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    (d / "empty.txt").write_text("", encoding="utf-8")
    (d / "binary.txt").write_bytes(bytes(range(256)) * 64)
    with (d / "huge.txt").open("w", encoding="utf-8") as f:  # 50 MB of text
        line = "The crowd gathered in the square and the police watched from a distance. " * 10 + "\n"
        for _ in range(50 * 1024 * 1024 // len(line) + 1):
            f.write(line)
    (d / "broken.html").write_text("<html><body><div><p>", encoding="utf-8")
    (d / "bad.rss").write_text("<rss><channel><item><title>x</title></chan", encoding="utf-8")
    (d / "latin1.txt").write_bytes(("Café owners protest in Nîmes\nCafé owners in Nîmes protested on Monday "
                                    "against new rules, the mayor's office said.").encode("cp1252"))
    (d / "german.txt").write_text("Festnahmen in Berlin\n" + GERMAN, encoding="utf-8")
    return d


@pytest.fixture(scope="module")
def ingested(corpus, tmp_path_factory):
    db_path = tmp_path_factory.mktemp("db") / "mixed.sqlite"
    with api.open(db_path) as db:
        report = db.ingest([corpus])
    return db_path, report


def test_each_bad_input_has_its_problem(ingested):
    _, report = ingested
    codes: dict[str, str] = {}
    for p in report.problems:  # the first problem of each file (items of a feed come after it)
        codes.setdefault((p.origin or "").split("/")[-1].split("#")[0], p.code)
    assert codes["empty.txt"] == "empty"
    assert codes["binary.txt"] == "binary"
    assert codes["huge.txt"] == "too_large"
    assert codes["broken.html"] == "no_main_text"
    assert codes["bad.rss"] in {"bad_feed", "bad_xml"}
    assert codes["latin1.txt"] == "not_utf8"
    assert codes["german.txt"] == "not_english"
    jsonl = sorted(p.code for p in report.problems if "reports.jsonl" in (p.origin or ""))
    assert jsonl == ["bad_json", "bad_record"]


def test_good_articles_are_all_stored(ingested):
    db_path, report = ingested
    with api.open(db_path) as db:
        stats = db.store.stats()
        assert stats.articles == 5  # two .txt, the .html, one JSONL line, the cp1252 text (decoded)
        titles = {db.article(e.article_id).title for e in db.events()}
        assert "Dockers strike in Antwerp" in titles or any("Antwerp" in (t or "") for t in titles)
        assert db.article("j1") is not None
        assert len(db.problems(report.run_id)) == len(report.problems)
    assert report.counts.events > 0


def test_reingest_changes_nothing(ingested, corpus):
    db_path, _ = ingested
    with api.open(db_path) as db:
        before = db.store.stats()
        rows = [(e.article_id, e.seq, json.dumps(e.event, sort_keys=True)) for e in db.events()]
        again = db.ingest([corpus])
        assert again.added == 0
        after = db.store.stats()
        assert (after.articles, after.events) == (before.articles, before.events)
        assert rows == [(e.article_id, e.seq, json.dumps(e.event, sort_keys=True)) for e in db.events()]


def test_one_parse_stream_serves_every_chunk(monkeypatch):
    # More articles than one chunk (64), problems among them and after the last: one nlp.pipe call
    # parses them all (a call per chunk would start its parse workers again), every problem comes
    # out, and what `skip` names is counted, not parsed.
    from eventwire import pipeline
    from eventwire.ingest import make_article
    from eventwire.model import Problem
    from eventwire.settings import Settings

    items: list = []
    for n in range(70):
        items.append(make_article(f"Police detained {n + 2} protesters in Nairobi on Monday.", id=f"a{n}"))
        if n % 30 == 0:
            items.append(Problem(stage="ingest", code="bad_json", message=f"line {n}"))
    items.append(Problem(stage="ingest", code="empty", message="last"))
    calls = []
    real = pipeline.parse_texts
    monkeypatch.setattr(pipeline, "parse_texts", lambda *a, **k: calls.append(1) or real(*a, **k))
    skipped = {items[0].fingerprint}  # an article already stored
    counts = pipeline.RunCounts()
    out = list(pipeline.run_pipeline(items, Settings(batch_size=8), counts=counts,
                                     skip=lambda fps: skipped & set(fps)))
    assert len(calls) == 1
    assert [p.message for p in out if isinstance(p, Problem)] == ["line 0", "line 30", "line 60", "last"]
    assert counts.skipped == 1 and counts.articles == 69
    assert [r.article.id for r in out if not isinstance(r, Problem)] == [f"a{n}" for n in range(70) if n != 0]
