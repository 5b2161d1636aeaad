#!/bin/sh
# One image, three roles: web (migrates first), worker, beat.
set -e
case "$1" in
  web)
    python manage.py migrate --no-input
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
