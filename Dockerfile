# Production image: gunicorn serving Django with WhiteNoise; the same image runs the Celery worker and beat.
FROM python:3.11-slim-bookworm

ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 PIP_NO_CACHE_DIR=1

# WeasyPrint needs Pango; gettext compiles the French catalogue.
RUN apt-get update \
 && apt-get install -y --no-install-recommends libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz0b libharfbuzz-subset0 fonts-dejavu-core gettext \
 && rm -rf /var/lib/apt/lists/*

WORKDIR /app
COPY pyproject.toml README.md ./
COPY exchange_portal ./exchange_portal
COPY core ./core
COPY accounts ./accounts
COPY cities ./cities
COPY participants ./participants
COPY exchanges ./exchanges
COPY reports ./reports
RUN pip install .
COPY . .
RUN DEBUG=true python manage.py compilemessages --ignore=.venv --verbosity 0 \
 && DEBUG=true STATIC_MANIFEST=true python manage.py collectstatic --noinput --verbosity 0

RUN useradd --system --home /app portal && mkdir -p /app/media && chown portal /app/media
USER portal
EXPOSE 8000
# gunicorn reads its number of processes from WEB_CONCURRENCY.
ENV WEB_CONCURRENCY=3
CMD ["gunicorn", "exchange_portal.wsgi", "--bind", "0.0.0.0:8000", "--access-logfile", "-"]
