"""Production settings: HTTPS only behind the proxy, a real secret key, a content security
policy, and `wuye check --deploy` with nothing to say."""

import re
import secrets
import subprocess
import sys
from pathlib import Path

import pytest
from django.urls import reverse

import wuye

SRC = Path(wuye.__file__).resolve().parent.parent


def _production_env(**changes) -> dict[str, str]:
    env = {
        "WUYE_ENV": "production",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": "wuye.example.com",
        "DATABASE_URL": "postgres://wuye@localhost/wuye",
        "PATH": "/usr/bin:/bin",
        "PYTHONPATH": str(SRC),
    }
    env.update(changes)
    return env


def _run(env: dict[str, str], *args: str, tmp_path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, *args], env=env, capture_output=True, text=True, cwd=tmp_path
    )


def test_check_deploy_finds_nothing_with_production_settings(tmp_path):
    result = _run(
        _production_env(),
        "-m",
        "wuye.manage",
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        tmp_path=tmp_path,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout


def test_production_redirects_to_https_and_asks_browsers_to_stay_there(tmp_path):
    script = (
        "import django, os; os.environ['DJANGO_SETTINGS_MODULE']='wuye.settings'; "
        "django.setup(); from django.conf import settings as s; "
        "print(s.SECURE_SSL_REDIRECT, s.SECURE_HSTS_SECONDS, s.SECURE_PROXY_SSL_HEADER)"
    )
    result = _run(_production_env(), "-c", script, tmp_path=tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == [
        "True",
        "31536000",
        "('HTTP_X_FORWARDED_PROTO',",
        "'https')",
    ]


@pytest.mark.parametrize(
    "key",
    [
        "django-insecure-" + secrets.token_urlsafe(40),
        "please-change-me-" + secrets.token_urlsafe(40),
        "placeholder" + secrets.token_urlsafe(40),
        "wuye-development-only-secret-key-not-for-production",
        secrets.token_urlsafe(20),
        "ab" * 40,
    ],
)
def test_production_refuses_a_placeholder_secret_key(key, tmp_path):
    script = (
        "import django, os; os.environ['DJANGO_SETTINGS_MODULE']='wuye.settings'; django.setup()"
    )
    result = _run(_production_env(SECRET_KEY=key), "-c", script, tmp_path=tmp_path)
    assert result.returncode != 0
    assert "SECRET_KEY looks like a placeholder" in result.stderr


def test_pages_carry_a_content_security_policy_without_inline_scripts(client, db):
    response = client.get(reverse("login"))
    policy = response["Content-Security-Policy"]
    assert "default-src 'self'" in policy
    script_src = re.search(r"script-src ([^;]+)", policy).group(1)
    assert "'unsafe-inline'" not in script_src and "'unsafe-eval'" not in script_src
    assert "frame-ancestors 'none'" in policy


TEMPLATES = sorted(Path(wuye.__file__).parent.glob("**/templates/**/*.html"))
INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)(?![^>]*application/(ld\+)?json)[^>]*>", re.I)
INLINE_HANDLER = re.compile(r"\son[a-z]+\s*=", re.I)


@pytest.mark.parametrize("template", TEMPLATES, ids=lambda p: str(p.relative_to(SRC)))
def test_no_template_runs_inline_script(template):
    """The policy refuses inline script: behaviour lives in static files (wuye.js)."""
    text = template.read_text()
    assert not INLINE_SCRIPT.search(text)
    assert not INLINE_HANDLER.search(text)
    assert "javascript:" not in text
