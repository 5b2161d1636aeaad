from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from cris.audit.context import AuditContext, current
from testgegevens.demo.aanmelding import aanmeldingen_aanmaken
from testgegevens.demo.casus import casussen_aanmaken
from testgegevens.demo.documenten import sjablonen_aanmaken
from testgegevens.demo.taken import werkverdeling_demo
from testgegevens.demo.werkdag import werkdag_demo
from testgegevens.demo.werkstroom import DEMO_GEBRUIKERS, DEMO_WACHTWOORD, demo_inrichten


class Command(BaseCommand):
    help = "Laad de demo: alle teams, één gebruiker per rol en drie aanmeldingen. Idempotent; niet in productie."

    def handle(self, *args, **options):
        if settings.PRODUCTION:
            raise CommandError("De demo-gegevens horen niet in productie (CRIS_PRODUCTIE=true).")
        current.set(AuditContext(bron="commando"))
        result = demo_inrichten()
        nieuw = aanmeldingen_aanmaken()
        sjablonen = sjablonen_aanmaken()
        casussen = casussen_aanmaken()
        taken = werkverdeling_demo()
        werkdag = werkdag_demo()
        self.stdout.write(
            f"Demo geladen: {result['teams_nieuw']} nieuwe teams, {result['gebruikers']} gebruikers, "
            f"{nieuw} nieuwe aanmeldingen in de wachtrij van de Administratie, {sjablonen} nieuwe sjablonen, "
            f"{casussen} nieuwe demo-casussen (teamleider beslist over een toegangsverzoek), "
            f"{taken} demotaken in de werkstroom van AB Midden-Nederland, {werkdag} nieuwe cliënten met werk voor "
            "vandaag (ab, ad, jd, cmacoordinator)."
        )
        self.stdout.write(f"Inloggen op http://127.0.0.1:8000/ met wachtwoord '{DEMO_WACHTWOORD}' als:")
        for username, _, _, rol, _ in DEMO_GEBRUIKERS:
            self.stdout.write(f"  {username:<20} {rol}")
