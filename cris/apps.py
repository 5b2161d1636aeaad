from django.apps import AppConfig


class CrisConfig(AppConfig):
    name = "cris"
    verbose_name = "CRIS"

    def ready(self):
        from django.db.models.signals import post_migrate
        from django.utils.module_loading import autodiscover_modules

        from cris import datums, keuzes

        keuzes.installeren()
        datums.installeren()  # issue 23 item 5: every date form field checks the range
        post_migrate.connect(datums.checks_aanbrengen, dispatch_uid="cris.datums")  # per app, after migrate
        # Every process knows every task by name, as the worker does: a web process that queues a task of a
        # higher layer by name (aanmelding → koppelingen.bsn) must find it in the registry, and eager mode
        # runs it in-process.
        autodiscover_modules("tasks")
