"""KOP-1 with the real parts: a `celery worker` process takes the inbox task from Redis and imports the
inbox into PostgreSQL (make test-integration)."""

import pytest

from aanmelding.models import Aanmelding
from koppelingen.berichten.models import Aanlevering
from koppelingen.berichten.tasks import inbox_verwerken
from tests import berichten as b

pytestmark = [pytest.mark.integration, pytest.mark.real_worker, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def inbox(monkeypatch, tmp_path):
    """Set before the worker starts: it reads its settings from the environment."""
    monkeypatch.setenv("CRIS_BERICHTEN_INBOX", str(tmp_path / "inbox"))
    monkeypatch.setenv("CRIS_BERICHTEN_ARCHIEF", str(tmp_path / "archief"))
    monkeypatch.setenv("CRIS_BERICHTEN_INBOX_WACHTTIJD", "0")
    (tmp_path / "inbox").mkdir()
    return tmp_path / "inbox"


def test_a_real_worker_imports_the_inbox(inbox, worker):
    for _ in range(3):
        b.bestand(inbox, b.edp())
    b.bestand(inbox, b.batch(b.edp(root=False), b.edp(root=False, pv="kapot")))
    result = inbox_verwerken.apply_async(queue=worker).get(timeout=90)
    assert result == {"ontvangen": 5, "geimporteerd": 4, "dubbel": 0, "quarantaine": 1}
    assert Aanmelding.objects.filter(kanaal="edp").count() == 4
    assert Aanlevering.objects.count() == 4
    assert [p.name for p in inbox.iterdir()] == [".verwerking"]
