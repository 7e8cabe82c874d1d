"""The example CI workflow: the stages in order, promotion only after every staging release
was promoted, and every `astroshop` command line in it accepted by the real CLI."""
from __future__ import annotations

import re
import shlex

import click
import pytest
import yaml

from harness.cli import main
from harness.paths import REPO_ROOT

WORKFLOW = REPO_ROOT / ".github" / "workflows" / "deploy.yml"
STAGES = ["test", "build", "release-staging", "promote"]
ASTROSHOP = ".venv/bin/astroshop"


@pytest.fixture(scope="module")
def workflow() -> dict:
    """The parsed workflow."""
    return yaml.safe_load(WORKFLOW.read_text())


def needs(job: dict) -> set[str]:
    """The jobs `job` waits for."""
    value = job.get("needs", [])
    return {value} if isinstance(value, str) else set(value)


def runs(workflow: dict, job: str | None = None) -> list[str]:
    """Every `run` script of one job (or of all of them)."""
    jobs = [workflow["jobs"][job]] if job else workflow["jobs"].values()
    return [step["run"] for j in jobs for step in j["steps"] if "run" in step]


def command_lines(script: str) -> list[list[str]]:
    """Each astroshop invocation in a shell script, as words (up to a separator)."""
    lines = []
    for line in script.replace("\\\n", " ").splitlines():
        words = shlex.split(line, comments=True)
        for start in (i for i, word in enumerate(words) if word == ASTROSHOP):
            rest = words[start + 1:]
            stop = next((i for i, w in enumerate(rest) if w in ("&&", "||", "|", ";", "&")),
                        len(rest))
            lines.append(rest[:stop])
    return lines


def check_against_cli(words: list[str]) -> None:
    """Resolve the words to a real command; every option exists and every choice is valid."""
    command: click.Command = main
    while isinstance(command, click.Group) and words and not words[0].startswith("-"):
        found = command.get_command(click.Context(command), words[0])
        assert found is not None, f"no command {words[0]!r} in {command.name}"
        command, words = found, words[1:]
    assert not isinstance(command, click.Group), f"{command.name} needs a subcommand"
    options = {opt: param for param in command.params if isinstance(param, click.Option)
               for opt in param.opts}
    index = 0
    while index < len(words):
        word = words[index]
        if word.startswith("-"):
            assert word in options, f"{command.name} has no option {word}"
            param = options[word]
            if not param.is_flag:
                index += 1
                value = words[index]
                if isinstance(param.type, click.Choice) and not value.startswith("$"):
                    assert value in param.type.choices, f"{word} {value}"
        index += 1


def test_the_stages_run_in_order(workflow):
    jobs = workflow["jobs"]
    assert list(jobs) == STAGES
    for earlier, later in zip(STAGES, STAGES[1:]):
        assert earlier in needs(jobs[later]), f"{later} must wait for {earlier}"


def test_promotion_happens_only_after_every_staging_release_was_promoted(workflow):
    promote, staging = workflow["jobs"]["promote"], workflow["jobs"]["release-staging"]
    assert "release-staging" in needs(promote)
    assert re.sub(r"\s", "", str(promote.get("if", "success()"))) in ("success()",
                                                                     "${{success()}}")
    assert not staging.get("continue-on-error")
    for step in staging["steps"]:
        if "run" in step:
            assert not step.get("continue-on-error") and "if" not in step, step["name"]
    releasing = [words for script in runs(workflow, "release-staging")
                 for words in command_lines(script)]
    assert releasing[-1][:2] == ["release", "start"]
    assert releasing[-1][releasing[-1].index("--ref") + 1] == "$GITHUB_SHA"
    assert "|| true" not in " ".join(runs(workflow, "release-staging"))


def test_production_gets_the_images_of_the_commit_released_on_staging(workflow):
    build = [w for s in runs(workflow, "build") for w in command_lines(s) if w[:2] == ["images", "build"]]
    assert build == [["images", "build", "--push", "$REGISTRY", "--tag", "$TAG"]]
    assert workflow["env"]["TAG"] == "${{ github.sha }}"
    (words,) = [w for s in runs(workflow, "promote") for w in command_lines(s)
                if w[:2] == ["k8s", "apply"]]
    assert words[words.index("--registry") + 1] == "$REGISTRY"
    assert words[words.index("--tag") + 1] == "$TAG"
    assert words[words.index("--overlay") + 1] == "production"
    assert workflow["jobs"]["release-staging"]["environment"]["name"] == "staging"
    assert workflow["jobs"]["promote"]["environment"]["name"] == "production"


def test_every_astroshop_command_line_is_accepted_by_the_cli(workflow):
    lines = [words for script in runs(workflow) for words in command_lines(script)]
    assert len(lines) >= 4
    for words in lines:
        check_against_cli(words)


def test_the_checker_rejects_what_the_cli_would(workflow):
    for bad in (["images", "bild"], ["k8s", "apply", "--overlay", "staging"],
                ["gate", "--profil", "smoke"], ["k8s"]):
        with pytest.raises(AssertionError):
            check_against_cli(bad)


def test_actions_are_pinned_and_make_test_exists(workflow):
    for job in workflow["jobs"].values():
        for step in job["steps"]:
            if "uses" in step:
                assert re.fullmatch(r"[\w.-]+/[\w.-]+@v\d+", step["uses"]), step["uses"]
    assert runs(workflow, "test") == ["make test"]
    assert re.search(r"^test:", (REPO_ROOT / "Makefile").read_text(), re.M)
