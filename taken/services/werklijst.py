"""TAK-4: a worker's saved worklist filters."""

from __future__ import annotations

from django.http import QueryDict

from taken.models import MijnFilters


def mijn_filters_bewaren(*, actor, query: str) -> MijnFilters:
    """TAK-4: keep the worklist filters in ``query`` (a URL query) as this worker's "mijn filters"; only the
    worklist's own fields are kept (``WerklijstForm.BEWAARD``)."""
    from taken.forms import WerklijstForm

    data = QueryDict(query)
    bewaard = QueryDict(mutable=True)
    for naam in WerklijstForm.BEWAARD:
        if data.get(naam, "").strip():
            bewaard[naam] = data[naam].strip()[:200]
    filters, _nieuw = MijnFilters.objects.update_or_create(medewerker=actor, defaults={"query": bewaard.urlencode()})
    return filters
