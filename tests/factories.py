import factory
from django.contrib.auth.models import Group

from cris.accounts.models import Functieprofiel, Medewerker
from werkstroom.models import Afdeling, District, Lidmaatschap, Team

WACHTWOORD = "test-wachtwoord-123"


class MedewerkerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Medewerker
        django_get_or_create = ("username",)
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"medewerker{n}")
    personeelsnummer = factory.Sequence(lambda n: f"P{n:06d}")
    voornamen = factory.Faker("first_name", locale="nl_NL")
    achternaam = factory.Faker("last_name", locale="nl_NL")
    email = factory.LazyAttribute(lambda o: f"{o.username}@example.org")
    password = factory.django.Password(WACHTWOORD)

    @factory.post_generation
    def rollen(self, create, extracted, **kwargs):
        """MedewerkerFactory(rollen=[Rol.TEAMLEIDER]) gives those roles through a function profile."""
        if not create or not extracted:
            return
        from cris.accounts.services import medewerker_rollen_afleiden

        profiel, _ = Functieprofiel.objects.get_or_create(code="-".join(sorted(extracted)), defaults={"naam": "test"})
        profiel.rollen.set(Group.objects.filter(name__in=extracted))
        self.profiel = profiel
        self.save(update_fields=["profiel"])
        medewerker_rollen_afleiden(medewerker=self)


class TeamFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Team

    code = factory.Sequence(lambda n: f"T{n:04d}")
    naam = factory.Sequence(lambda n: f"Testteam {n}")
    afdeling = Afdeling.ACTIEVE_BENADERING
    district = factory.LazyFunction(lambda: District.objects.get(code="MN"))


class LidmaatschapFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Lidmaatschap

    medewerker = factory.SubFactory(MedewerkerFactory)
    team = factory.SubFactory(TeamFactory)
    rol = None
    standaard = None

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        from werkstroom.services import lidmaatschap_opslaan

        return lidmaatschap_opslaan(**kwargs)
