"""The Celery app. Configured from Django settings (CELERY_*); tasks are found in each app's tasks.py."""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cris.settings")

app = Celery("cris")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
