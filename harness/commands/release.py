"""`astroshop release SERVICE (--ref REF | --source DIR)`, `release rollback SERVICE`,
`release status`: a canary judged step by step against stable, promoted or rolled back."""
from __future__ import annotations

import json
import sys
from pathlib import Path

import click
from rich.console import Console
from rich.table import Table

from harness.commands.errors import fail, reported
from harness.envoy.admin import EnvoyAdminError
from harness.exits import Exit
from harness.paths import REPO_ROOT
from harness.polling import NeverHappened
from harness.release import policy as policies, promote, status as release_status
from harness.stack.releasebuild import BuildError
from harness.release.run import ReleaseRefused, Request, release as run_release
from harness.release.site import LocalSite
from harness.stack.programs import ProgramError
from harness.stack.runner import Stack, StackError

console = Console()
ERRORS = {(ReleaseRefused, BuildError, policies.PolicyError, LookupError): Exit.USAGE,
          (StackError, EnvoyAdminError, ProgramError, NeverHappened): Exit.FAILED}


class ReleaseGroup(click.Group):
    """`release SERVICE ...` runs `release start SERVICE ...`; the other words are commands."""

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        """Put `start` in front of a service name."""
        if args and not args[0].startswith("-") and args[0] not in self.commands:
            args = ["start", *args]
        return super().parse_args(ctx, args)


def build_options(command):
    """The options every release start takes: the service and where its build comes from."""
    for option in reversed([
            click.argument("service"),
            click.option("--ref", default=None,
                         help="A git ref of --repo to build the release from."),
            click.option("--repo", type=click.Path(exists=True, file_okay=False, path_type=Path),
                         default=REPO_ROOT, show_default="the checkout",
                         help="The git repository of --ref."),
            click.option("--source", type=click.Path(exists=True, file_okay=False,
                                                     path_type=Path), default=None,
                         help="A source tree (holding shop/) to build the release from."),
            click.option("--policy", "policy_file", type=click.Path(dir_okay=False,
                                                                    path_type=Path),
                         default=None, help="The release policy [default: release-policy.yaml].")]):
        command = option(command)
    return command


@click.group(cls=ReleaseGroup)
def release():
    """Release a service: canary, steps judged by statistics and SLOs, promote or roll back;
    exit 0 promoted, 1 rolled back, 3 inconclusive."""


@release.command()
@build_options
@click.option("--json", "as_json", is_flag=True, help="Print release.json at the end.")
@reported(ERRORS)
def start(service, ref, repo, source, policy_file, as_json):
    """Build SERVICE from --ref or --source, run it as a canary and release it step by step."""
    if (ref is None) == (source is None):
        fail("give exactly one of --ref and --source", Exit.USAGE)
    policy = policies.load(policy_file)
    site = LocalSite(Stack.current())
    out = Console(stderr=True) if as_json else console
    result, folder = run_release(site, Request(service, policy, ref, source, repo), out)
    if as_json:
        click.echo(result.model_dump_json(indent=2))
    else:
        console.print(f"[bold]{result.decision}[/]: {result.reason}")
        console.print(f"report      {folder / 'release.html'}")
    click.echo(f"RUN_ID={result.run_id}")
    sys.exit(result.exit_code)


@release.command()
@click.argument("service")
@reported(ERRORS)
def rollback(service):
    """Bring back the release SERVICE ran before its stable one (no failed request)."""
    stack = Stack.current()
    stack.topology().service(service)
    leaving, now = promote.rollback(stack, service)
    console.print(f"{service}: {leaving} -> {now} (rolled back)")


@release.command()
@click.option("--json", "as_json", is_flag=True, help="Machine-readable output.")
@reported(ERRORS)
def status(as_json):
    """Per service: stable and previous release, running versions, canary weight, the
    running release's latest step."""
    stack = Stack.current()
    stack.control()
    rows = release_status.collect(stack)
    if as_json:
        click.echo(json.dumps(rows, indent=2))
        return
    table = Table("service", "stable", "previous", "versions", "canary", "weight", "release")
    for row in rows:
        running = row.get("running") or {}
        step = running.get("step") or {}
        what = (f"running step {step.get('step')}: {step.get('decision')}" if running else
                (f"last: {row['last']['decision']}" if "last" in row else ""))
        table.add_row(row["service"], row["stable_release"], str(row["previous_release"] or ""),
                      ", ".join(v or "down" for v in row["stable_versions"]),
                      ", ".join(row["canary_versions"]), f"{row['canary_weight']} %", what)
    console.print(table)
