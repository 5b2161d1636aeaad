#!/bin/sh
# One image, four roles: migrate (as the tables' owner), web, worker, beat.
set -e
case "$1" in
  migrate)
    # The migration-time script (docs/operations.md, "Database roles"): migrate as the owner, then create or
    # update the application's non-owner login role (CRIS_DB_APP_GEBRUIKER / CRIS_DB_APP_WACHTWOORD).
    python manage.py migrate --no-input
    exec python manage.py db_rollen ;;
  web)
    # Without a separate migrate step (CRIS_MIGREREN=false in docker-compose), web migrates itself.
    if [ "${CRIS_MIGREREN:-true}" = "true" ]; then python manage.py migrate --no-input; fi
    exec gunicorn cris.wsgi:application --bind 0.0.0.0:8000 --workers "${GUNICORN_WORKERS:-4}" \
      --access-logfile - --forwarded-allow-ips "${FORWARDED_ALLOW_IPS:-127.0.0.1}" --timeout 60 ;;
  worker)
    exec celery -A cris worker --loglevel=INFO --concurrency "${CELERY_CONCURRENCY:-2}" ;;
  beat)
    exec celery -A cris beat --loglevel=INFO --scheduler django_celery_beat.schedulers:DatabaseScheduler \
      --pidfile= ;;
  *)
    exec "$@" ;;
esac
