"""kb_tools.phrases: pydantic's English explanations said once, in German."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Literal

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from kb_tools.phrases import UNKNOWN, phrase

# Words of pydantic's English messages; none may reach a user.
ENGLISH = ("Input should", "should be", "Field required", "valid", "Value error", "at least")


class Everything(BaseModel):
    """One field per kind of constraint the format, the API and the settings use."""

    model_config = ConfigDict(extra="forbid")

    count: Annotated[int, Field(ge=1, le=10)] = 1
    ratio: Annotated[float, Field(gt=0, lt=1)] = 0.5
    flag: bool = False
    day: dt.date = dt.date(2026, 1, 1)
    name: Annotated[str, Field(min_length=1, max_length=5)] = "a"
    code: Annotated[str, Field(pattern=r"^[a-z]+$")] = "a"
    items: Annotated[list[str], Field(min_length=1, max_length=2)] = ["a"]
    choice: Literal["alt", "neu"] = "alt"
    pairs: dict[str, int] = {}


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=8) | st.dates(),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=4), inner),
    max_leaves=6,
)
fields = st.sampled_from([*Everything.model_fields, "unbekannt"])


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.dictionaries(fields, json_values, max_size=4))
def test_every_error_of_any_value_is_said_in_german(values: dict[str, object]) -> None:
    try:
        Everything(**values)  # type: ignore[arg-type]
    except ValidationError as exc:
        for err in exc.errors(include_url=False):
            text = phrase(err)
            assert text != UNKNOWN, err["type"]
            assert not any(word in text for word in ENGLISH), (err["type"], text)


@pytest.mark.parametrize(
    ("values", "expected"),
    [
        ({"count": "drei"}, "muss eine ganze Zahl sein"),
        ({"count": 0}, "muss mindestens 1 sein"),
        ({"count": 11}, "darf höchstens 10 sein"),
        ({"ratio": 0}, "muss größer als 0 sein"),
        ({"ratio": 1.5}, "muss kleiner als 1 sein"),
        ({"ratio": "halb"}, "muss eine Zahl sein"),
        ({"flag": "vielleicht"}, "muss ja oder nein sein (true/false)"),
        ({"day": "2024-02-30"}, "muss ein Datum sein (JJJJ-MM-TT, z. B. 2026-03-31)"),
        ({"name": ""}, "darf nicht leer sein"),
        ({"name": "zu lang"}, "darf höchstens 5 Zeichen haben"),
        ({"items": ["a", "b", "c"]}, "darf höchstens 2 Einträge haben"),
        ({"code": "ABC"}, "hat nicht die erwartete Form"),
        ({"choice": "alt2"}, "muss einer dieser Werte sein: alt, neu"),
        ({"pairs": []}, "muss eine Zuordnung (Schlüssel: Wert) sein"),
        ({"unbekannt": 1}, "ist unbekannt"),
    ],
)
def test_each_kind_reads_as_the_end_of_a_sentence(values: dict[str, object], expected: str) -> None:
    with pytest.raises(ValidationError) as caught:
        Everything(**values)  # type: ignore[arg-type]
    assert phrase(caught.value.errors()[0]) == expected


def test_a_kind_it_does_not_know_is_still_german() -> None:
    assert phrase({"type": "something_new", "msg": "Something new went wrong"}) == UNKNOWN
