"""Problems: their printed form, their field, suggestions and "unbekannt" messages."""

from __future__ import annotations

import unicodedata

from hypothesis import given
from hypothesis import strategies as st

from kb_tools.library import LICENSES
from kb_tools.problems import Problem, did_you_mean, unknown_value


def test_printed_form_is_unchanged_by_the_field() -> None:
    problem = Problem("sachsen/x.md", 7, "topics.1: unbekanntes Thema 'kl'", field="topics.1")
    assert str(problem) == "sachsen/x.md:7: fehler: topics.1: unbekanntes Thema 'kl'"


def test_field_defaults_to_the_whole_file() -> None:
    assert Problem("x.md", 1, "Datei ist leer").field == ""


def test_as_dict_is_the_json_shape() -> None:
    problem = Problem("x.md", 3, "m", "warnung", "summary")
    assert problem.as_dict() == {
        "path": "x.md",
        "line": 3,
        "level": "warning",
        "field": "summary",
        "message": "m",
    }


def test_github_annotation_escapes_data_and_properties() -> None:
    problem = Problem("a,b:c.md", 2, "100% kaputt\r\nzweite Zeile: ja, wirklich", field="x")
    assert problem.github_annotation("concepts/") == (
        "::error file=concepts/a%2Cb%3Ac.md,line=2,title=x::100%25 kaputt%0D%0Azweite Zeile: ja, "
        "wirklich"
    )


def test_github_annotation_title_without_field() -> None:
    problem = Problem("x.md", 1, "Datei ist leer", "warnung")
    assert (
        problem.github_annotation()
        == "::warning file=x.md,line=1,title=kb validate::Datei ist leer"
    )


def test_suggestion_ignores_case() -> None:
    assert did_you_mean("KI", ["ki", "robotik"]) == " – meinten Sie 'ki'?"


def test_suggestion_ignores_spaces_and_dashes() -> None:
    assert did_you_mean("CC BY-SA 4.0", LICENSES) == " – meinten Sie 'CC-BY-SA-4.0'?"
    assert did_you_mean("cc0 1.0", LICENSES) == " – meinten Sie 'CC0-1.0'?"


def test_suggestion_reads_umlauts_as_transliterated() -> None:
    assert did_you_mean("Führungskräfte", ["fuehrungskraefte", "beschaeftigte"]) == (
        " – meinten Sie 'fuehrungskraefte'?"
    )


def test_no_suggestion_for_something_else() -> None:
    assert did_you_mean("xyz", ["ki", "robotik"]) == ""
    assert did_you_mean(3, ["ki"]) == ""


def test_unknown_uses_the_article_of_the_noun() -> None:
    many = [f"wert-{n}" for n in range(20)]
    assert unknown_value("Thema", "x", many) == "unbekanntes Thema 'x'"
    assert unknown_value("Format", "x", many) == "unbekanntes Format 'x'"
    assert unknown_value("Zentrum", "x", many) == "unbekanntes Zentrum 'x'"
    assert unknown_value("Zielgruppe", "x", many) == "unbekannte Zielgruppe 'x'"


def test_unknown_lists_up_to_eight_allowed_values() -> None:
    assert unknown_value("Format", "kurs", ["workshop", "seminar"]) == (
        "unbekanntes Format 'kurs' – erlaubt: workshop, seminar"
    )
    nine = [f"wert-{n}" for n in range(9)]
    assert "erlaubt" not in unknown_value("Format", "kurs", nine)


@given(
    path=st.text(min_size=1, max_size=20),
    message=st.text(min_size=1, max_size=40),
)
def test_a_problem_is_always_one_line(path: str, message: str) -> None:
    # Keys and file names may hold line breaks of any kind (also \x85, \u2028); editors and
    # CI read one problem per line.
    printed = str(Problem(path, 1, message))
    assert len(printed.splitlines()) == 1
    assert not any(unicodedata.category(char) == "Cc" for char in printed)


def test_line_breaks_in_a_problem_are_shown_as_escapes() -> None:
    printed = str(Problem("a\nb.md", 3, "Schlüssel 'x\u2028y' unbekannt"))
    assert printed == "a\\nb.md:3: fehler: Schlüssel 'x\\u2028y' unbekannt"
