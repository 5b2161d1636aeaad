# CRIS web, worker and beat image. Build: docker build -t cris .
FROM python:3.11-slim-bookworm

ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 PIP_NO_CACHE_DIR=1 \
    DJANGO_SETTINGS_MODULE=cris.settings CRIS_VAR_DIR=/var/lib/cris

# WeasyPrint needs Pango; curl for the health check.
RUN apt-get update \
 && apt-get install -y --no-install-recommends libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 \
    fonts-dejavu-core curl \
 && rm -rf /var/lib/apt/lists/* \
 && useradd --system --home /app --uid 1000 cris \
 && mkdir -p /var/lib/cris && chown cris /var/lib/cris

WORKDIR /app
COPY pyproject.toml README.md ./
COPY cris ./cris
COPY aanmelding ./aanmelding
COPY casus ./casus
COPY taken ./taken
COPY werkstroom ./werkstroom
COPY documenten ./documenten
COPY koppelingen ./koppelingen
COPY diensten ./diensten
COPY gebeurtenissen ./gebeurtenissen
COPY schoning ./schoning
COPY rapportage ./rapportage
COPY zoeken ./zoeken
COPY testgegevens ./testgegevens
RUN pip install --upgrade pip && pip install .
COPY manage.py ./
COPY templates ./templates
# The Dutch of the packages that ship none (issue 25), compiled: the image has no msgfmt.
COPY locale ./locale
COPY static ./static
COPY docker/entrypoint.sh /entrypoint.sh

# collectstatic needs settings that load; these values exist only for this build step.
RUN CRIS_PRODUCTIE=true SECRET_KEY=build-only-not-secret-build-only-not-secret-build-only-1234 \
    ALLOWED_HOSTS=build DATABASE_URL=postgres://build@build/build REDIS_URL=redis://build:6379/0 \
    python manage.py collectstatic --no-input \
 && chown -R cris /var/lib/cris

USER cris
EXPOSE 8000
ENTRYPOINT ["/entrypoint.sh"]
CMD ["web"]
