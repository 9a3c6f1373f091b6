"""kb_tools.settings: one Settings object; a bad KB_* value names its variable, in German."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kb_tools.errors import ConfigError
from kb_tools.settings import Settings, load_settings
from tests.test_phrases import ENGLISH


@pytest.mark.parametrize(
    ("variable", "value", "message"),
    [
        (
            "KB_PORT",
            "achttausend",
            "KB_PORT hat den ungültigen Wert 'achttausend': muss eine ganze Zahl sein",
        ),
        ("KB_PORT", "70000", "KB_PORT hat den ungültigen Wert '70000': darf höchstens 65535 sein"),
        ("KB_WORKERS", "0", "KB_WORKERS hat den ungültigen Wert '0': muss mindestens 1 sein"),
        (
            "KB_HEADER_TIMEOUT",
            "-1",
            "KB_HEADER_TIMEOUT hat den ungültigen Wert '-1': muss größer als 0 sein",
        ),
        (
            "KB_CMS_BACKEND",
            "svn",
            "KB_CMS_BACKEND hat den ungültigen Wert 'svn': muss einer dieser Werte sein: local, github, gitlab",
        ),
    ],
)
def test_a_bad_environment_value_is_named_in_german(
    monkeypatch: pytest.MonkeyPatch, variable: str, value: str, message: str
) -> None:
    monkeypatch.setenv(variable, value)
    with pytest.raises(ConfigError) as caught:
        load_settings()
    assert caught.value.message == f"Einstellung {message}"


@given(
    field=st.sampled_from(sorted(Settings.model_fields)),
    value=st.text(st.characters(exclude_categories=["Cs"], exclude_characters="\x00"), max_size=12),
)
def test_any_value_for_any_setting_is_taken_or_refused_in_german(field: str, value: str) -> None:
    try:
        load_settings(**{field: value})
    except ConfigError as exc:
        assert exc.message.startswith(f"Einstellung KB_{field.upper()} hat den ungültigen Wert")
        assert not any(word in exc.message for word in ENGLISH), exc.message
