"""ORG-1 districts and postcodes, ORG-2 teams, the demo organisation."""

import pytest
from django.core.management import call_command

from cris.accounts.models import Medewerker
from cris.accounts.roles import ALLE_ROLLEN
from testgegevens.demo.werkstroom import DEMO_GEBRUIKERS, DEMO_WACHTWOORD
from werkstroom.models import Afdeling, District, Lidmaatschap, Postcode, Team
from werkstroom.postcodes import DATA_FILE, PostcodeFileError, read_ranges
from werkstroom.selectors import district_voor_postcode

pytestmark = pytest.mark.django_db


def test_there_are_eleven_districts():
    assert District.objects.count() == 11


def test_every_postcode_from_1000_to_9999_maps_to_exactly_one_district():
    assert Postcode.objects.count() == 9000
    numbers = set(Postcode.objects.values_list("cijfers", flat=True))
    assert numbers == set(range(1000, 10000))
    assert District.objects.filter(postcodes__isnull=True).count() == 0


@pytest.mark.parametrize(
    ("postcode", "district"),
    [
        ("1012 AB", "AA"),
        ("1217AB", "MN"),
        ("1315", "MN"),
        ("2011 AA", "NH"),
        ("2511 CV", "DH"),
        ("3011 AA", "RR"),
        ("3511 AA", "MN"),
        ("6511 AA", "GL"),
        ("6811 AA", "GL"),
        ("7511 AA", "OV"),
        ("8011 AA", "OV"),
        ("8232 AA", "MN"),
        ("8911 AA", "NN"),
        ("9711 AA", "NN"),
        ("5611 AA", "OB"),
        ("4811 AA", "ZWB"),
        ("4331 AA", "ZWB"),
        ("6211 AA", "LB"),
        ("5911 AA", "LB"),
    ],
)
def test_postcodes_follow_real_dutch_regions(postcode, district):
    assert district_voor_postcode(postcode).code == district


@pytest.mark.parametrize("postcode", ["", "abcd", "0999", "12", None])
def test_no_district_for_what_is_not_a_postcode(postcode):
    assert district_voor_postcode(postcode) is None


def test_the_postcode_file_is_checked_for_gaps(tmp_path):
    assert len(read_ranges(DATA_FILE)) > 11
    broken = tmp_path / "p.csv"
    broken.write_text("van,tot,district\n1000,4999,NN\n5001,9999,LB\n")
    with pytest.raises(PostcodeFileError, match="sluit niet aan"):
        read_ranges(broken)
    broken.write_text("van,tot,district\n1000,9999,XX\n")
    with pytest.raises(PostcodeFileError, match="onbekend district"):
        read_ranges(broken)


def test_demo_creates_all_teams_and_one_user_per_role_and_is_idempotent(settings):
    call_command("demo")
    teams, users = Team.objects.count(), Medewerker.objects.count()
    call_command("demo")
    assert (Team.objects.count(), Medewerker.objects.count()) == (teams, users)
    assert set(Team.objects.values_list("afdeling", flat=True)) == set(Afdeling.values)
    assert Team.objects.filter(district__isnull=True).count() == 6
    assert Team.objects.filter(afdeling=Afdeling.ACTIEVE_BENADERING).count() == 11
    roles = {r for u in Medewerker.objects.prefetch_related("groups") for r in u.rol_namen}
    assert roles == set(ALLE_ROLLEN)
    assert len(DEMO_GEBRUIKERS) == len(ALLE_ROLLEN)
    assert Medewerker.objects.get(username="ab").check_password(DEMO_WACHTWOORD)
    assert Lidmaatschap.objects.get(medewerker__username="teamleider").rol == Lidmaatschap.Rol.TEAMLEIDER
    from aanmelding.models import Aanmelding

    assert Aanmelding.objects.filter(wachtrij="administratie", status="nieuw").count() == 3


def test_demo_refuses_production(settings):
    from django.core.management.base import CommandError

    settings.PRODUCTION = True
    with pytest.raises(CommandError, match="productie"):
        call_command("demo")


def test_a_medewerker_can_be_in_several_teams(medewerker):
    from tests.factories import LidmaatschapFactory

    LidmaatschapFactory(medewerker=medewerker)
    assert medewerker.teams.count() == 2
