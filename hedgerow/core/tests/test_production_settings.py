"""The production settings refuse to start without their safeguards, and pass
`check --deploy` once they are given. Each case runs Django in a fresh process."""

import ast
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

REPO_ROOT = Path(__file__).resolve().parents[3]
PRODUCTION_SETTINGS = REPO_ROOT / "config" / "settings" / "production.py"


def refusal_messages() -> dict[str, str]:
    """The messages production.py refuses to start with.

    Read from its source: importing it here would run its checks against this
    process's environment.
    """
    tree = ast.parse(PRODUCTION_SETTINGS.read_text())
    return {
        target.id: ast.literal_eval(node.value)
        for node in tree.body
        if isinstance(node, ast.Assign)
        for target in node.targets
        if isinstance(target, ast.Name) and isinstance(node.value, ast.Constant)
    }


MESSAGES = refusal_messages()
UNSAFE_SECRET_KEY = MESSAGES["UNSAFE_SECRET_KEY"]
UNSAFE_DEBUG = MESSAGES["UNSAFE_DEBUG"]
MISSING_ALLOWED_HOSTS = MESSAGES["MISSING_ALLOWED_HOSTS"]
HOST = "hedgerow.example-csp.org.uk"
GOOD_SECRET_KEY = "k7Qm2vX9pL4rT8wZ1nB6cF3hJ5dS0gY7aE2uI9oP4lK8mN1bV6cX3zQ5wR0tY"
SET_UP_DJANGO = "import django; django.setup()"
PRINT_DEBUG = (
    SET_UP_DJANGO + "; from django.conf import settings; print(settings.DEBUG)"
)
# Settings read from the environment; the test process may have set some of them
# (the browser tests set DJANGO_ALLOW_ASYNC_UNSAFE, which check --deploy rejects).
CLEARED = {
    "DATABASE_URL",
    "SECRET_KEY",
    "DEBUG",
    "ALLOWED_HOSTS",
    "CSRF_TRUSTED_ORIGINS",
}
CLEARED_PREFIXES = ("DJANGO_", "HEDGEROW_")


@pytest.fixture
def production_env(tmp_path):
    """An environment with good production values, to be spoilt one at a time."""
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in CLEARED and not key.startswith(CLEARED_PREFIXES)
    }
    env.update(
        DJANGO_SETTINGS_MODULE="config.settings.production",
        DATABASE_URL=f"sqlite:///{tmp_path}/x.sqlite3",
        SECRET_KEY=GOOD_SECRET_KEY,
        ALLOWED_HOSTS=HOST,
        HEDGEROW_VAR_DIR=str(tmp_path),
    )
    return env


def run_python(env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, *args],
        env=env,
        cwd=REPO_ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


@pytest.mark.parametrize(
    "secret_key",
    [
        None,
        "",
        "too-short-0123456789",
        "django-insecure-" + "x" * 60,
        "local-development-only-never-use-in-production-hedgerow",
        "test-only-secret-key-that-is-long-enough-for-hmac-use-0123456789",
    ],
    ids=["missing", "empty", "short", "django-insecure", "local-default", "test-key"],
)
def test_production_refuses_unsafe_secret_key(production_env, secret_key):
    production_env.pop("SECRET_KEY")
    if secret_key is not None:
        production_env["SECRET_KEY"] = secret_key

    result = run_python(production_env, "-c", SET_UP_DJANGO)

    assert result.returncode != 0
    assert UNSAFE_SECRET_KEY in result.stderr


@pytest.mark.parametrize("debug", ["true", "1", "yes", "on", "True"])
def test_production_refuses_debug(production_env, debug):
    production_env["DEBUG"] = debug

    result = run_python(production_env, "-c", SET_UP_DJANGO)

    assert result.returncode != 0
    assert UNSAFE_DEBUG in result.stderr


@pytest.mark.parametrize("allowed_hosts", [None, "", " , "])
def test_production_refuses_missing_allowed_hosts(production_env, allowed_hosts):
    production_env.pop("ALLOWED_HOSTS")
    if allowed_hosts is not None:
        production_env["ALLOWED_HOSTS"] = allowed_hosts

    result = run_python(production_env, "-c", SET_UP_DJANGO)

    assert result.returncode != 0
    assert MISSING_ALLOWED_HOSTS in result.stderr


@pytest.mark.parametrize("debug", [None, "false", "0"])
def test_production_never_shows_tracebacks(production_env, debug):
    if debug is not None:
        production_env["DEBUG"] = debug

    result = run_python(production_env, "-c", PRINT_DEBUG)

    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "False"


def test_production_with_good_values_passes_deploy_checks(production_env):
    result = run_python(
        production_env,
        "-m",
        "django",
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
    )

    assert result.returncode == 0, result.stderr
    assert "System check identified no issues" in result.stdout


def test_production_keeps_argon2_for_passwords(production_env):
    code = (
        SET_UP_DJANGO
        + "; from django.conf import settings; print(settings.PASSWORD_HASHERS[0])"
    )

    result = run_python(production_env, "-c", code)

    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "django.contrib.auth.hashers.Argon2PasswordHasher"


def test_production_serves_styled_start_page_after_collectstatic(production_env):
    fetch_start_page = SET_UP_DJANGO + (
        "; from django.test import Client"
        f"; response = Client(HTTP_HOST='{HOST}').get('/', secure=True)"
        "; print(response.status_code); print(response.content.decode())"
    )

    collected = run_python(
        production_env, "-m", "django", "collectstatic", "--no-input"
    )
    page = run_python(production_env, "-c", fetch_start_page)

    assert collected.returncode == 0, collected.stderr
    assert page.returncode == 0, page.stderr
    status, html = page.stdout.split("\n", 1)
    assert status == "200"
    # Hashed names: the manifest storage found and versioned GOV.UK Frontend.
    assert re.search(
        r'href="/static/vendor/govuk-frontend/govuk-frontend\.min\.[0-9a-f]{12}\.css"',
        html,
    )
