from django.apps import AppConfig


class ZoekenConfig(AppConfig):
    """ZOE-1: one search over clients, cases, referrals and tasks. On top of the apps it searches."""

    name = "zoeken"
    verbose_name = "Zoeken"
