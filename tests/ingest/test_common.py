"""normalise, fingerprint, decoding and the language check."""

from __future__ import annotations

import datetime as dt

import pytest

from eventwire.errors import IngestError
from eventwire.ingest import common
from eventwire.ingest.common import (
    decode,
    english_share,
    fingerprint,
    language_shares,
    looks_binary,
    normalise,
    parse_date,
)


def test_normalise_unifies_newlines_spaces_and_composition() -> None:
    raw = "\ufeff  Cafe\u0301\u00a0 in\tZurich  \r\nsecond line \r\r\n\n\n\nlast\u200b line  "
    assert normalise(raw) == "Café in Zurich\nsecond line\n\nlast line"


def test_fingerprint_ignores_case_spacing_and_composition() -> None:
    one = fingerprint("Police fired tear gas.\n\nThe crowd ran.")
    assert one == fingerprint("  police   FIRED tear gas. The crowd ran.  ")
    assert one == fingerprint("Police fired tear gas.\r\nThe crowd ran.")
    assert one != fingerprint("Police fired rubber bullets. The crowd ran.")
    assert len(one) == 16 and int(one, 16) >= 0


def test_fingerprint_same_for_composed_and_decomposed_accents() -> None:
    assert fingerprint("Caf\u00e9 attacked") == fingerprint("Cafe\u0301 attacked")


def test_decode_utf8_with_bom() -> None:
    decoded = decode("\ufeffPolice said".encode())
    assert decoded.text == "Police said" and decoded.note is None


def test_decode_cp1252_is_detected_with_a_note() -> None:
    text = "The café owner said “nobody expected this” – and the police agreed with him that day."
    decoded = decode(text.encode("cp1252"))
    assert decoded.text == text
    assert decoded.note is not None and decoded.note.code == "not_utf8"
    assert decoded.encoding in decoded.note.message


def test_decode_declared_latin1_is_read_as_cp1252_without_a_note() -> None:
    decoded = decode("“quoted” café".encode("cp1252"), declared="ISO-8859-1")
    assert decoded.text == "“quoted” café" and decoded.note is None


def test_decode_utf16_with_bom() -> None:
    decoded = decode("\ufeffRiot police arrived".encode("utf-16-le"))
    assert decoded.text == "Riot police arrived"
    assert decoded.note is not None and decoded.note.code == "not_utf8"


def test_decode_refuses_binary() -> None:
    with pytest.raises(IngestError) as caught:
        decode(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    assert caught.value.code == "binary"


def test_decode_undecodable_when_no_charset_fits(monkeypatch: pytest.MonkeyPatch) -> None:
    class _NoMatch:
        def best(self) -> None:
            return None

    monkeypatch.setattr(common.charset_normalizer, "from_bytes", lambda data: _NoMatch())
    with pytest.raises(IngestError) as caught:
        decode(b"caf\xe9 \xff\xfe\xfd")
    assert caught.value.code == "undecodable"


def test_looks_binary_control_characters() -> None:
    assert looks_binary(b"\x01\x02\x03\x04" * 10 + b"text")
    assert not looks_binary(b"plain text\twith tabs\r\nand lines\f")
    assert not looks_binary(b"")


def test_english_share(english: str, german: str, spanish: str) -> None:
    share = english_share(english)
    assert share is not None and share > 0.2
    for foreign in (german, spanish):
        share = english_share(foreign)
        assert share is not None and share < 0.04
    assert english_share("Police fire tear gas at protesters in Almaty") is None  # too short to judge


def test_language_shares_weigh_english_against_other_languages(german: str, spanish: str) -> None:
    for foreign in (german, spanish):
        english, other = language_shares(foreign) or (1.0, 0.0)
        assert other > 0.1 > english
    # A caption made of names has few English function words, and none of another language
    caption = ("A trader named as 'Baba' was beaten by a crowd in Ilupeju market, Mushin Local Government "
               "Area of Lagos State on Friday, May 3 near Agege Motor Road")
    english, other = language_shares(caption) or (0.0, 1.0)
    assert other == 0.0 < english
    russian = "Тысячи людей вышли на площадь в Алматы в среду, чтобы выступить против роста цен на топливо " * 2
    english, other = language_shares(russian) or (1.0, 0.0)
    assert english == 0.0 and other == 1.0


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2022-01-06", dt.date(2022, 1, 6)),
        ("2022-01-06T23:30:00Z", dt.date(2022, 1, 6)),
        ("2022-01-06T23:30:00+06:00", dt.date(2022, 1, 6)),
        ("Thu, 06 Jan 2022 10:00:00 GMT", dt.date(2022, 1, 6)),
        (dt.datetime(2022, 1, 6, 10), dt.date(2022, 1, 6)),
    ],
)
def test_parse_date(value: object, expected: dt.date) -> None:
    assert parse_date(value) == expected


@pytest.mark.parametrize("value", ["2022-02-30", "yesterday", "", "soon", 20220106])
def test_parse_date_refuses(value: object) -> None:
    with pytest.raises(ValueError):
        parse_date(value)
