"""The shop's services: per service a ConfigMap (its ASTROSHOP_* env), a Deployment, a Service."""
from __future__ import annotations

from harness.containers.configs import FLAGS_DIR, FLAGS_PATH, KEYS_DIR, KEYS_PATH
from harness.containers.images import SHOP, image_reference
from harness.k8s import objects
from harness.model.environment import service_environment
from harness.model.services import Service
from harness.model.topology import Topology

COMPONENT = "service"
SECRET = "astroshop-secrets"
# ASTROSHOP_* variables that come from the Secret (key in it), not from the ConfigMap.
SECRET_KEYS = {"ASTROSHOP_DATABASE_URL": "database-url", "ASTROSHOP_REDIS_URL": "redis-url",
               "ASTROSHOP_SECRET_KEY": "secret-key"}
REPLICA_VARIABLE = "ASTROSHOP_REPLICA"  # each pod's own name, from the downward API
PLACEHOLDER = "from-secret"
FLAGS_CONFIG_MAP = "astroshop-flags"  # no hash suffix: edit it live to inject a fault
FLAGS_VOLUME = {"name": "flags", "configMap": {"name": FLAGS_CONFIG_MAP}}
# The accounts service's signing keys: a Secret `astroshop k8s apply` makes from the run
# directory's key set (harness/k8s/signing.py), readable by the pod's group only.
SIGNING_SECRET = "accounts-signing-keys"
SIGNING_VOLUME = {"name": "signing-keys", "secret": {"secretName": SIGNING_SECRET,
                                                     "defaultMode": 0o440}}


def environment(topology: Topology, service: Service) -> dict[str, str]:
    """The replica's full environment from the model (secrets as placeholders)."""
    return service_environment(topology, service, 0, database_url=PLACEHOLDER,
                               redis_url=PLACEHOLDER, secret_key=PLACEHOLDER,
                               flags_file=FLAGS_PATH, signing_keys=KEYS_PATH)


def config_generator(topology: Topology, service: Service) -> dict:
    """kustomize's configMapGenerator entry of `<service>-env`: every variable that is neither
    secret nor per pod, and the shop image's own settings (port, workers, threads). The name
    gets a hash of the content, so a changed variable rolls the service's pods."""
    data = {key: value for key, value in environment(topology, service).items()
            if key not in SECRET_KEYS and key != REPLICA_VARIABLE}
    data.update({"SERVICE_PORT": str(service.port), "WORKERS": str(service.workers),
                 "THREADS": str(service.threads)})
    return {"name": f"{service.name}-env", "literals": [f"{k}={v}" for k, v in data.items()],
            "options": {"labels": objects.labels(f"{service.name}-env", COMPONENT)}}


def pod_env(topology: Topology, service: Service) -> list[dict]:
    """The pod's own name as its replica id, and the secret variables it needs."""
    env = [{"name": REPLICA_VARIABLE, "valueFrom": {"fieldRef": {"fieldPath": "metadata.name"}}}]
    for key in environment(topology, service):
        if key in SECRET_KEYS:
            name = SECRET_KEYS[key]  # the database URL: the service's own role's
            name = f"{name}-{service.name}" if key == "ASTROSHOP_DATABASE_URL" else name
            env.append({"name": key, "valueFrom": {"secretKeyRef": {"name": SECRET, "key": name}}})
    return env


def deployment(topology: Topology, service: Service) -> dict:
    """The service's pods: readiness /readyz, liveness /healthz, budget from RSS (replicas: HPA)."""
    mounts = [objects.TMP_MOUNT, {"name": "flags", "mountPath": FLAGS_DIR, "readOnly": True}]
    volumes = [objects.TMP_VOLUME, FLAGS_VOLUME]
    if service.signing_keys:
        mounts.append({"name": "signing-keys", "mountPath": KEYS_DIR, "readOnly": True})
        volumes.append(SIGNING_VOLUME)
    main = objects.container(
        service.name, image_reference(SHOP), service.name,
        ports=[{"name": "http", "containerPort": service.port, "protocol": "TCP"}],
        envFrom=[{"configMapRef": {"name": f"{service.name}-env"}}],
        env=pod_env(topology, service),
        readinessProbe=objects.http_probe("/readyz", "http", 5),
        livenessProbe=objects.http_probe("/healthz", "http", 10),
        startupProbe=objects.http_probe("/healthz", "http", 2, failures=30),
        volumeMounts=mounts)
    return objects.stateless(service.name, COMPONENT, main, volumes)


def service_objects(topology: Topology, service: Service) -> list[dict]:
    """Deployment and headless Service (Envoy and Prometheus see every pod); the ConfigMap
    comes from the kustomization's generator (config_generator)."""
    return [deployment(topology, service),
            objects.service(service.name, COMPONENT, [objects.port("http", service.port)],
                            headless=True)]
