"""Mijn werk's panels from taken (issue 25): my overdue and due-today tasks, call-back notes for me, today's
appointments, my drafts, and for team leaders and district managers their teams' workload. Registered in
``TakenConfig.ready`` (werkstroom.registry)."""

from __future__ import annotations

from collections import defaultdict
from datetime import timedelta

from django.db.models import Count, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from casus.namen import weergavenaam
from cris import klok
from cris.accounts.roles import Rol
from taken.models import OPEN_TAAKSTATUSSEN, Afspraak, Taak, TaakStatus, te_laat_q
from taken.terugbellen import open_terugbelnotities
from taken.verdeler import VERDELER_AFDELINGEN
from taken.verslag_models import VerslagConcept
from werkstroom.models import Lidmaatschap, Team
from werkstroom.registry import Paneel, Rij


def _lijst(**query) -> str:
    return f"{reverse('taken:werkstroom')}?{urlencode(query)}"


def _tijd(moment) -> str:
    return klok.als_tekst(moment) or "–"


def _einde_vandaag():
    return timezone.localtime(klok.nu()).replace(hour=23, minute=59, second=59)


_NAAMVELDEN = ("voornamen", "voorletters", "tussenvoegsel", "achternaam")  # the order of weergavenaam's arguments


def mijn_taken(user) -> Paneel:
    nu = klok.nu()
    taken = (
        Taak.objects.filter(behandelaar=user, status__in=OPEN_TAAKSTATUSSEN, deadline__lte=_einde_vandaag())
        .order_by("deadline", "id")
        .values_list(
            "pk", "deadline", "type__naam", "casus__client_id", *(f"casus__client__{veld}" for veld in _NAAMVELDEN)
        )[:20]
    )  # fmt: skip
    te_laat = _("te laat")
    rijen = [
        Rij(
            weergavenaam(*naam),
            reverse("taken:detail", args=[pk]),
            [type_naam, _tijd(deadline) + (f" ({te_laat})" if deadline < nu else "")],
            client_id=client_id,
        )
        for pk, deadline, type_naam, client_id, *naam in taken
    ]
    return Paneel(
        _("Mijn taken: te laat en vandaag"), rijen, leeg=_("Geen taken die vandaag af moeten."),
        kolommen=[_("Cliënt"), _("Taak"), _("Deadline")], meer_url=_lijst(weergave="mijn"),
        meer_tekst=_("Al mijn taken"), volgorde=10,
    )  # fmt: skip


def teamwachtrij(user) -> Paneel | None:
    """TAK-5 at a glance for whoever works from the taakverdeler as a member of an AB, AD or JD team: the new
    tasks waiting in their teams, how many of them are overdue, the ones assigned to them, and *Volgende
    taak*. Two queries, whatever the number of tasks."""
    teams = list(
        Lidmaatschap.objects.filter(medewerker=user, team__actief=True, team__afdeling__in=VERDELER_AFDELINGEN)
        .exclude(rol=Lidmaatschap.Rol.TEAMLEIDER)
        .values_list("team_id", flat=True)
    )
    if not teams:
        return None
    nieuw = Q(status=TaakStatus.NIEUW)
    n = Taak.objects.filter(team_id__in=teams, status__in=[TaakStatus.NIEUW, TaakStatus.TOEGEWEZEN]).aggregate(
        nieuw=Count("id", filter=nieuw),
        te_laat=Count("id", filter=nieuw & te_laat_q(klok.nu())),
        voor_mij=Count("id", filter=Q(status=TaakStatus.TOEGEWEZEN, behandelaar=user)),
    )
    waar = _("uw team") if len(teams) == 1 else _("uw teams")
    tekst = _("Geen nieuwe taken in %(w)s") % {"w": waar}
    if n["nieuw"]:
        tekst = ngettext("%(n)d nieuwe taak in %(w)s", "%(n)d nieuwe taken in %(w)s", n["nieuw"])
        tekst = tekst % {"n": n["nieuw"], "w": waar}
    rijen = [Rij(tekst, _lijst(weergave="team", status=TaakStatus.NIEUW))]
    if n["te_laat"]:
        url = _lijst(weergave="team", status=TaakStatus.NIEUW, deadline="te_laat")
        rijen.append(Rij(_("%(n)d daarvan te laat") % {"n": n["te_laat"]}, url))
    if n["voor_mij"]:
        url = _lijst(weergave="mijn", status=TaakStatus.TOEGEWEZEN)
        rijen.append(Rij(_("%(n)d aan u toegewezen") % {"n": n["voor_mij"]}, url))
    return Paneel(
        _("Wachtrij van mijn team"), rijen, meer_url=_lijst(weergave="team"), meer_tekst=_("Alle taken van mijn teams"),
        volgorde=12, actie_url=reverse("taken:volgende"), actie_tekst=_("Volgende taak"),
    )  # fmt: skip


def terugbelnotities(user) -> Paneel | None:
    notities = open_terugbelnotities(user=user)
    if not notities:
        return None
    rijen = [
        Rij(n.taak.casus.client.naam, reverse("taken:detail", args=[n.taak_id]),
            [n.taak.type.naam, _("van %(m)s") % {"m": n.door}, _tijd(n.terugbellen_voor)],
            client_id=n.taak.casus.client_id)
        for n in notities
    ]  # fmt: skip
    return Paneel(
        _("Terugbelnotities voor mij"), rijen, kolommen=[_("Cliënt"), _("Taak"), _("Van"), _("Vóór")], volgorde=20
    )


def afspraken_vandaag(user) -> Paneel | None:
    begin = timezone.localtime(klok.nu()).replace(hour=0, minute=0, second=0, microsecond=0)
    afspraken = Afspraak.objects.filter(medewerker=user, begin__gte=begin, begin__lt=begin + timedelta(days=1))
    rijen = [
        Rij(f"{timezone.localtime(a.begin):%H:%M} {a.onderwerp}", reverse("taken:detail", args=[a.taak_id]),
            [a.locatie or "–"])
        for a in afspraken.order_by("begin")
    ]  # fmt: skip
    if not rijen:
        return None
    return Paneel(
        _("Afspraken vandaag"), rijen, kolommen=[_("Afspraak"), _("Locatie")], meer_url=reverse("taken:agenda"),
        meer_tekst=_("Mijn agenda"), volgorde=30,
    )  # fmt: skip


def concepten(user) -> Paneel | None:
    rijen = [
        Rij(_("Concept bij %(t)s – %(c)s") % {"t": c.taak.type.naam, "c": c.taak.casus.nummer},
            reverse("taken:detail", args=[c.taak_id]), [_tijd(c.bijgewerkt_op)])
        for c in VerslagConcept.objects.filter(medewerker=user).select_related("taak__type", "taak__casus")
    ]  # fmt: skip
    if not rijen:
        return None
    return Paneel(_("Mijn concepten"), rijen, kolommen=[_("Verslag"), _("Laatst bewaard")], volgorde=40)


def werkvoorraad_teams(user) -> Paneel | None:
    """TAK-4: for team leaders and district managers, their teams' open, unassigned and overdue tasks, per team
    and per person, with links into the worklist."""
    geleid = Lidmaatschap.objects.filter(medewerker=user, rol=Lidmaatschap.Rol.TEAMLEIDER).values("team_id")
    q = Q(pk__in=geleid)
    if user.heeft_rol(Rol.DISTRICTSMANAGER) and user.district_code:
        q |= Q(district__code=user.district_code)
    teams = {t.pk: t for t in Team.objects.filter(q, actief=True).order_by("naam")}
    if not teams:
        return None
    lid_van = set(Lidmaatschap.objects.filter(medewerker=user).values_list("team_id", flat=True))
    telling = (
        Taak.objects.filter(team_id__in=teams, status__in=OPEN_TAAKSTATUSSEN)
        .values("team_id", "behandelaar_id", "behandelaar__voornamen", "behandelaar__voorletters",
                "behandelaar__tussenvoegsels", "behandelaar__achternaam")
        .annotate(open=Count("id"), te_laat=Count("id", filter=te_laat_q(klok.nu())))
        .order_by()
    )  # fmt: skip
    per_team = defaultdict(lambda: [0, 0, 0])
    personen = defaultdict(list)
    for r in telling:
        team = per_team[r["team_id"]]
        team[0] += r["open"]
        team[2] += r["te_laat"]
        if r["behandelaar_id"] is None:
            team[1] += r["open"]
        else:
            naam = weergavenaam((r["behandelaar__voornamen"] or "").split(" ")[0], r["behandelaar__voorletters"],
                                r["behandelaar__tussenvoegsels"], r["behandelaar__achternaam"])  # fmt: skip
            personen[r["team_id"]].append((naam, r["open"], r["te_laat"]))
    rijen = []
    for pk, team in teams.items():
        open_, zonder, te_laat = per_team[pk]
        url = _lijst(weergave="team", team=pk) if pk in lid_van else _lijst(weergave="leden")
        rijen.append(Rij(team.naam, url, [str(open_), str(zonder), str(te_laat)]))
        for naam, n, laat in sorted(personen[pk]):
            rijen.append(Rij(f"– {naam}", _lijst(weergave="leden"), [str(n), "", str(laat)]))
    return Paneel(
        _("Werkvoorraad van mijn teams"), rijen,
        kolommen=[_("Team of medewerker"), _("Open"), _("Niet toegewezen"), _("Te laat")],
        meer_url=_lijst(weergave="leden", deadline="te_laat"), meer_tekst=_("Te late taken van mijn medewerkers"),
        volgorde=15,
    )  # fmt: skip


def registreren() -> None:
    from werkstroom.registry import paneel_registreren

    for maak in (mijn_taken, teamwachtrij, terugbelnotities, afspraken_vandaag, concepten, werkvoorraad_teams):
        paneel_registreren(maak)
