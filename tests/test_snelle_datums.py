"""The builtin `datum` filter (cris.templatetags.snelle_datums) prints exactly what Django's own `date` prints,
and `date` stays Django's (issue 27: no silent override)."""

from datetime import UTC, date, datetime, time

import pytest
from django.template import Context, Template, defaultfilters
from django.utils import timezone

WAARDEN = [
    datetime(2026, 3, 29, 0, 59, 7, tzinfo=UTC),  # the night the clocks go forward in Amsterdam
    datetime(2026, 10, 25, 1, 30, tzinfo=UTC),  # and back
    datetime(2025, 12, 31, 23, 5, 9, tzinfo=UTC),  # another year in local time
    datetime(999, 1, 2, 3, 4, 5, tzinfo=UTC),  # a four-digit year, zero-padded
    date(2026, 2, 3),
    date(5, 6, 7),
    time(7, 8, 9),
    None,
    "",
    "geen datum",
]
FORMATEN = ["d-m-Y H:i", "d-m-Y", "d-m", "d-m H:i", "H:i", "H:i:s", "d-m-Y H:i:s", "j F Y", "l j F", "D d-m-Y", None]


@pytest.mark.parametrize("formaat", FORMATEN)
def test_the_fast_date_filter_prints_what_django_prints(formaat):
    tekst = "{{ v|datum:f }}" if formaat else "{{ v|datum }}"
    sjabloon = Template(tekst)
    for waarde in WAARDEN:
        try:
            verwacht = defaultfilters.date(
                timezone.localtime(waarde) if isinstance(waarde, datetime) else waarde, formaat
            )
        except TypeError:  # Django refuses a time format for a date; so must we
            with pytest.raises(TypeError):
                sjabloon.render(Context({"v": waarde, "f": formaat}))
            continue
        assert sjabloon.render(Context({"v": waarde, "f": formaat})) == str(verwacht), (waarde, formaat)


def test_date_is_djangos_own_and_the_fast_filter_has_its_own_name():
    from cris.templatetags import snelle_datums

    def filter_van(tekst):
        return Template(tekst).nodelist[0].filter_expression.filters[0][0]

    assert filter_van("{{ v|date:'d-m-Y' }}") is defaultfilters.date
    assert filter_van("{{ v|datum:'d-m-Y' }}") is snelle_datums.datum
