"""The images: one per service plus Envoy, all from the one Dockerfile, named from the topology."""
from __future__ import annotations

from dataclasses import dataclass, field
from importlib.metadata import version

from python_on_whales import DockerClient

from harness.paths import REPO_ROOT
from harness.model.topology import Topology

DOCKERFILE = REPO_ROOT / "Dockerfile"
REPOSITORY = "astroshop"
ENVOY = "envoy"


def default_tag() -> str:
    """The tag of images built from this checkout: the project's version."""
    return version("astroshop")


@dataclass(frozen=True)
class ImageSpec:
    """How to build one image: its name, the Dockerfile target and the build arguments."""

    name: str
    target: str
    build_args: dict[str, str] = field(default_factory=dict)

    def reference(self, registry: str = "", tag: str = "") -> str:
        """`[registry/]astroshop/<name>:<tag>`."""
        return image_reference(self.name, registry, tag)


def image_reference(name: str, registry: str = "", tag: str = "") -> str:
    """The full reference of image `name`, under `registry` when one is given."""
    prefix = f"{registry.rstrip('/')}/" if registry else ""
    return f"{prefix}{REPOSITORY}/{name}:{tag or default_tag()}"


def image_specs(topology: Topology | None = None) -> list[ImageSpec]:
    """Every image: each service (port, workers, threads from the topology), then Envoy."""
    topology = topology or Topology()
    specs = [ImageSpec(svc.name, "service", {
        "SERVICE": svc.name, "PORT": str(svc.port), "WORKERS": str(svc.workers),
        "THREADS": str(svc.threads)}) for svc in topology.services]
    specs.append(ImageSpec(ENVOY, ENVOY))
    return specs


def select(specs: list[ImageSpec], names: tuple[str, ...]) -> list[ImageSpec]:
    """The specs named in `names` (all when empty); KeyError naming the known images."""
    if not names:
        return specs
    known = {spec.name: spec for spec in specs}
    unknown = [name for name in names if name not in known]
    if unknown:
        raise KeyError(f"unknown image(s) {', '.join(unknown)}; known: {', '.join(known)}")
    return [known[name] for name in names]


def build(client: DockerClient, specs: list[ImageSpec], registry: str = "", tag: str = "",
          push: bool = False) -> list[str]:
    """Build every image (and push it to `registry` when `push`); return the references."""
    if push and not registry:
        raise ValueError("pushing needs a registry, e.g. --push ghcr.io/you")
    built = []
    for spec in specs:
        reference = spec.reference(registry, tag)
        client.buildx.build(REPO_ROOT, file=DOCKERFILE, target=spec.target,
                            build_args=spec.build_args, tags=[reference], push=push,
                            load=not push)
        built.append(reference)
    return built
