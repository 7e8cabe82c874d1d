"""`astroshop k8s generate | render | validate | apply`: the shop on Kubernetes."""
from __future__ import annotations

import sys

import click
from rich.console import Console

from harness.commands.errors import fail
from harness.exits import Exit
from harness.k8s import cluster, kustomize, signing, tree, validate as checks
from harness.k8s.overlays import OVERLAYS
from harness.paths import RunPaths

console = Console(stderr=True)  # stdout carries only manifests and kubectl's answer
OVERLAY = click.option("--overlay", type=click.Choice(sorted(OVERLAYS)), default="local",
                       show_default=True, help="Which kustomize overlay.")


@click.group(name="k8s")
def k8s_group():
    """Kubernetes manifests: kustomize base and overlays rendered from the topology."""


@k8s_group.command()
@click.option("--check", is_flag=True, help="Exit 1 if k8s/ differs from the rendering.")
def generate(check):
    """Write k8s/ (base, overlays, Envoy and Prometheus configs) from the topology model."""
    if check:
        stale = tree.drift()
        if stale:
            fail(f"k8s/ is out of date ({', '.join(stale)}); run `astroshop k8s generate`")
        console.print("k8s/ matches the topology")
        return
    console.print(f"wrote {len(tree.write())} files under {tree.K8S_DIR}")


def rendered(overlay: str, registry: str = "", tag: str = "",
             components: tuple[str, ...] = ()) -> list[dict]:
    """The overlay's objects (with `components`), the images moved to `registry`/`tag` by
    kustomize's own `images:`."""
    try:
        return kustomize.build(overlay, registry=registry, tag=tag, components=components)
    except kustomize.KustomizeError as exc:
        fail(str(exc))


IMAGE_OPTIONS = [click.option("--registry", default="", help="Registry of the images."),
                 click.option("--tag", default="", help="Tag of the images."),
                 click.option("--component", "components", multiple=True,
                              type=click.Choice(sorted(kustomize.COMPONENTS)),
                              help="An optional kustomize component (ServiceMonitors and the "
                              "SLO PrometheusRule for a prometheus-operator).")]


def image_options(command):
    """Add --registry and --tag to a command."""
    for option in reversed(IMAGE_OPTIONS):
        command = option(command)
    return command


@k8s_group.command()
@OVERLAY
@image_options
def render(overlay, registry, tag, components):
    """Print the overlay's manifests (kustomize), ready for kubectl apply -f -."""
    click.echo(kustomize.dump(rendered(overlay, registry, tag, components)), nl=False)


@k8s_group.command()
@click.option("--overlay", "overlays", type=click.Choice(sorted(OVERLAYS)), multiple=True,
              help="Overlay(s) to check (default: all).")
def validate(overlays):
    """Schemas of Kubernetes {version} (and the prometheus-operator CRDs', each overlay also
    with that component), then probes, limits, non-root, Pod Security "restricted",
    NetworkPolicies."""
    failed = False
    for overlay in overlays or sorted(OVERLAYS):
        for components in ((), tuple(kustomize.COMPONENTS)):
            name = " + ".join([overlay, *components])
            objects = rendered(overlay, components=components)
            errors = checks.validate(objects)
            for error in errors:
                console.print(f"[red]{name}:[/] {error}")
            failed = failed or bool(errors)
            if not errors:
                console.print(f"[green]{name}: {len(objects)} objects valid[/] against "
                              f"Kubernetes {checks.KUBERNETES_VERSION} and the project's rules")
    sys.exit(Exit.FAILED if failed else Exit.OK)


validate.help = validate.help.format(version=checks.KUBERNETES_VERSION)


@k8s_group.command()
@OVERLAY
@image_options
@click.option("--namespace", "-n", default="astroshop", show_default=True)
@click.option("--dry-run", is_flag=True, help="Let the API server check, change nothing.")
def apply(overlay, registry, tag, components, namespace, dry_run):
    """Apply the overlay to the cluster of kubectl's current context (with the accounts
    service's signing keys as a Secret, from the run directory's key set)."""
    keys = signing.secret(RunPaths.default().signing_keys)
    manifests = kustomize.dump([cluster.namespace(namespace), keys,
                                *rendered(overlay, registry, tag, components)])
    try:
        click.echo(cluster.apply(manifests, namespace, dry_run), nl=False)
    except cluster.ClusterUnavailable as exc:
        fail(str(exc))
