import pytest
from django.core.exceptions import ImproperlyConfigured

import cris.env
from cris.env import env_bool, env_choice, env_int, env_list, env_str


@pytest.fixture(autouse=True)
def _own_registry(monkeypatch):
    # The variables these tests declare must not end up in docs/configuration.md.
    monkeypatch.setattr(cris.env, "DECLARED", dict(cris.env.DECLARED))


def test_a_bad_boolean_is_an_error_not_a_default(monkeypatch):
    monkeypatch.setenv("CRIS_TEST_BOOL", "misschien")
    with pytest.raises(ImproperlyConfigured, match="CRIS_TEST_BOOL"):
        env_bool("CRIS_TEST_BOOL", False, help="test")


@pytest.mark.parametrize(("raw", "expected"), [("true", True), ("1", True), ("Ja", True), ("off", False), ("0", False)])
def test_booleans_are_read_strictly(monkeypatch, raw, expected):
    monkeypatch.setenv("CRIS_TEST_BOOL", raw)
    assert env_bool("CRIS_TEST_BOOL", not expected, help="test") is expected


def test_unset_gives_the_default(monkeypatch):
    monkeypatch.delenv("CRIS_TEST_INT", raising=False)
    assert env_int("CRIS_TEST_INT", 7, help="test") == 7


def test_a_bad_integer_is_an_error(monkeypatch):
    monkeypatch.setenv("CRIS_TEST_INT", "tien")
    with pytest.raises(ImproperlyConfigured):
        env_int("CRIS_TEST_INT", 7, help="test")


def test_secrets_are_read_from_a_file(monkeypatch, tmp_path):
    secret = tmp_path / "secret"
    secret.write_text("geheim\n")
    monkeypatch.delenv("CRIS_TEST_SECRET", raising=False)
    monkeypatch.setenv("CRIS_TEST_SECRET_FILE", str(secret))
    assert env_str("CRIS_TEST_SECRET", None, help="test", secret=True) == "geheim"


def test_a_secret_set_twice_is_an_error(monkeypatch, tmp_path):
    secret = tmp_path / "secret"
    secret.write_text("a")
    monkeypatch.setenv("CRIS_TEST_SECRET", "b")
    monkeypatch.setenv("CRIS_TEST_SECRET_FILE", str(secret))
    with pytest.raises(ImproperlyConfigured, match="not both"):
        env_str("CRIS_TEST_SECRET", None, help="test", secret=True)


def test_a_missing_secret_file_is_an_error(monkeypatch, tmp_path):
    monkeypatch.delenv("CRIS_TEST_SECRET", raising=False)
    monkeypatch.setenv("CRIS_TEST_SECRET_FILE", str(tmp_path / "nope"))
    with pytest.raises(ImproperlyConfigured, match="cannot be read"):
        env_str("CRIS_TEST_SECRET", None, help="test", secret=True)


def test_lists_and_choices(monkeypatch):
    monkeypatch.setenv("CRIS_TEST_LIST", "a, b,,c")
    assert env_list("CRIS_TEST_LIST", [], help="test") == ["a", "b", "c"]
    monkeypatch.setenv("CRIS_TEST_CHOICE", "LUID")
    with pytest.raises(ImproperlyConfigured, match="one of"):
        env_choice("CRIS_TEST_CHOICE", "INFO", ["INFO", "DEBUG"], help="test")
