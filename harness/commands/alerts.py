"""`astroshop alerts list | silence | unsilence | silences`: what reached the receiver, and
Alertmanager's silences."""
from __future__ import annotations

import json
from datetime import timedelta

import click
from rich.console import Console
from rich.table import Table

from harness.alerting import alertmanager, notifications, silences
from harness.alerting.silences import AlertmanagerError
from harness.commands.errors import fail
from harness.stack.runner import Stack
from harness.slo import durations

console = Console()


def am_url(url: str | None) -> str:
    """The Alertmanager to talk to: `--url`, else the local stack's."""
    return (url or alertmanager.url(Stack.current().topology())).rstrip("/")


url_option = click.option("--url", help="Alertmanager base URL (default: the local stack's).")


@click.group()
def alerts():
    """Notifications the receiver got from Alertmanager, and silences."""


@alerts.command("list")
@click.option("--json", "as_json", is_flag=True, help="Machine-readable output.")
@click.option("--status", type=click.Choice(notifications.STATUSES), help="Only these.")
def list_command(as_json, status):
    """Every notification received (oldest first): time, status, alert, objective, severity."""
    found = [notifications.public(record)
             for record in notifications.read(notifications.store_path(Stack.current().paths))
             if status is None or record["status"] == status]
    if as_json:
        click.echo(json.dumps({"notifications": found}, indent=2))
        return
    table = Table("received at", "status", "alert", "objective", "severity", "summary")
    for row in found:
        colour = "red" if row["status"] == "firing" else "green"
        table.add_row(row["received_at"], f"[{colour}]{row['status']}[/]", row["alertname"],
                      row["objective"], row["severity"], row["summary"])
    console.print(table if found else "no notification received yet")


@alerts.command("silence")
@click.argument("matchers", nargs=-1, required=True)
@click.option("--duration", default="1h", show_default=True, help="How long, e.g. 30m, 2h.")
@click.option("--comment", default="silenced with astroshop alerts silence", show_default=True)
@url_option
def silence(matchers, duration, comment, url):
    """Silence alerts matching every MATCHER (slo=payment-availability severity=page)."""
    try:
        length = timedelta(seconds=durations.seconds(duration))
        silence_id = silences.create(am_url(url), list(matchers), length, comment)
    except ValueError as exc:
        fail(exc, 2)
    except AlertmanagerError as exc:
        fail(exc)
    console.print(f"silence {silence_id} for {duration}")
    click.echo(silence_id)


@alerts.command("unsilence")
@click.argument("silence_id")
@url_option
def unsilence(silence_id, url):
    """End the silence SILENCE_ID now."""
    try:
        silences.expire(am_url(url), silence_id)
    except AlertmanagerError as exc:
        fail(exc)
    console.print(f"silence {silence_id} expired")


@alerts.command("silences")
@click.option("--json", "as_json", is_flag=True, help="Machine-readable output.")
@url_option
def list_silences(as_json, url):
    """The silences in force."""
    try:
        found = silences.active(am_url(url))
    except AlertmanagerError as exc:
        fail(exc)
    if as_json:
        click.echo(json.dumps({"silences": found}, indent=2))
        return
    table = Table("id", "matchers", "until", "comment")
    for row in found:
        table.add_row(row["id"], " ".join(row["matchers"]), row["until"], row["comment"])
    console.print(table if found else "no silence in force")


