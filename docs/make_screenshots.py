"""Screenshots of the product with its demo data, for the README. Run by hand:

    .venv/bin/python docs/make_screenshots.py [--database-url postgres://…/maturasi_demo]

What `make run` does, on a database of its own: the database (by default
postgres://postgres@127.0.0.1:5432/maturasi_demo, created if missing) is EMPTIED, migrated and
loaded with the defaults, the demo accounts, programmes and data; then the web server
(127.0.0.1:8765) and a Celery worker run on a filesystem broker in a temporary MATURASI_VAR_DIR.
Playwright drives Debian's chromium (/usr/bin/chromium, headless; no browser is downloaded),
signing in through the sign-in page, and writes docs/screenshots/pages-*.png at 1280×860. The
region report and the national summary are asked for through the API like any client would,
waited for, downloaded, and their first pages turned into report-*.png with pdftoppm.

Look at every picture before committing them.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "docs" / "screenshots"
PYTHON = sys.executable
HOST = "127.0.0.1:8765"
BASE = f"http://{HOST}"
DEFAULT_DATABASE = "postgres://postgres@127.0.0.1:5432/maturasi_demo"
PASSWORD = "maturasi-demo-2026"  # noqa: S105 (the demo accounts' published password)
VIEWPORT = {"width": 1280, "height": 860}
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
REGION_REPORT = "32.11"  # Kabupaten Sumedang: an approved ASCN pilot with provincial peers
SCORE_REGION = "32.73"  # Kota Bandung: approved
REVIEW_REGION = "33.74"  # Kota Semarang: submitted, the reviewer has started
RETURNED_REGION = "35.78"  # Kota Surabaya: returned with comments


# --- Setting up ---------------------------------------------------------------------------------


def environment(database_url: str, var_dir: Path) -> dict[str, str]:
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("CELERY_", "MATURASI_", "DJANGO_")) and key != "DATABASE_URL"
    }
    env.update(
        DJANGO_SETTINGS_MODULE="config.settings.local",
        DATABASE_URL=database_url,
        MATURASI_VAR_DIR=str(var_dir),  # media and the filesystem broker, for both processes
        SITE_URL=BASE,
        DEBUG="1",
    )
    return env


def ensure_database(database_url: str) -> None:
    """Create the database when it does not exist yet."""
    import psycopg
    from psycopg import sql

    parts = urlsplit(database_url)
    name = parts.path.lstrip("/")
    admin = parts._replace(path="/postgres").geturl()
    with psycopg.connect(admin, autocommit=True) as connection:
        exists = connection.execute(
            "SELECT 1 FROM pg_database WHERE datname = %s", [name]
        ).fetchone()
        if not exists:
            connection.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))


def manage(env: dict[str, str], *args: str) -> None:
    print("  manage.py", " ".join(args), flush=True)
    subprocess.run(
        [PYTHON, "manage.py", *args], cwd=ROOT, env=env, check=True, stdout=subprocess.DEVNULL
    )


def load_demo(env: dict[str, str]) -> None:
    manage(env, "migrate", "--noinput")
    manage(env, "flush", "--noinput")
    manage(env, "load_defaults")
    manage(env, "create_demo_accounts")
    manage(env, "load_demo_programmes")
    manage(env, "load_demo_data")


@contextmanager
def running_product(env: dict[str, str], var_dir: Path) -> Iterator[None]:
    """The web server and a worker, stopped (by their own process ids) on the way out."""
    logs = {name: open(var_dir / f"{name}.log", "w") for name in ("web", "worker")}  # noqa: SIM115
    web = subprocess.Popen(
        [PYTHON, "manage.py", "runserver", HOST, "--noreload"],
        cwd=ROOT,
        env=env,
        stdout=logs["web"],
        stderr=subprocess.STDOUT,
    )
    worker = subprocess.Popen(
        [
            PYTHON,
            "-m",
            "celery",
            "-A",
            "config",
            "worker",
            "--loglevel",
            "INFO",
            "--concurrency",
            "1",
        ],
        cwd=ROOT,
        env=env,
        stdout=logs["worker"],
        stderr=subprocess.STDOUT,
    )
    try:
        wait_until(lambda: health().get("workers", 0) >= 1, what="web server and worker", limit=120)
        yield
    except Exception:
        for name in logs:
            print(f"--- last lines of {name}.log", file=sys.stderr)
            print(
                "".join((var_dir / f"{name}.log").read_text().splitlines(True)[-30:]),
                file=sys.stderr,
            )
        raise
    finally:
        for process in (web, worker):
            process.terminate()
        for process in (web, worker):
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                process.kill()
        for log in logs.values():
            log.close()


def wait_until(check: Callable[[], bool], *, what: str, limit: float) -> None:
    deadline = time.monotonic() + limit
    while time.monotonic() < deadline:
        try:
            if check():
                return
        except (OSError, urllib.error.URLError, ValueError):
            pass
        time.sleep(1)
    raise SystemExit(f"{what}: not ready after {limit:.0f} s")


# --- The API, as a client ---------------------------------------------------------------------


def request(
    path: str, *, token: str | None = None, body: dict[str, Any] | None = None
) -> urllib.request.Request:
    url = path if path.startswith("http") else BASE + path
    headers = {"Accept": "application/json"}
    data = None
    if body is not None:
        data = json.dumps(body).encode()
        headers["Content-Type"] = "application/json"
    if token:
        headers["Authorization"] = f"Token {token}"
    return urllib.request.Request(url, data=data, headers=headers)  # noqa: S310 (our own server)


def call(path: str, **kwargs: Any) -> Any:
    with urllib.request.urlopen(request(path, **kwargs), timeout=30) as reply:  # noqa: S310
        return json.load(reply)


def health() -> dict[str, Any]:
    try:
        return call("/healthz")  # type: ignore[no-any-return]
    except urllib.error.HTTPError as error:  # 503 until a worker has reported in
        return json.load(error)  # type: ignore[no-any-return]


def token_for(username: str) -> str:
    return str(
        call("/api/v1/auth/token/", body={"username": username, "password": PASSWORD})["token"]
    )


@dataclass(frozen=True)
class DemoIds:
    cycle: int
    assessments: dict[str, int]  # region code → assessment id


def demo_ids(token: str) -> DemoIds:
    cycles = call("/api/v1/cycles/", token=token)["results"]
    cycle = next(c["id"] for c in cycles if c["name"] == "2026")
    rows = call(f"/api/v1/assessments/?cycle={cycle}&page_size=200", token=token)["results"]
    return DemoIds(cycle=cycle, assessments={row["region"]: row["id"] for row in rows})


def render_report(path: str, token: str, target: Path) -> None:
    """Ask for a report, wait until a worker has made it, download it."""
    job = call(path, token=token, body={"language": "id"})
    deadline = time.monotonic() + 600
    while True:
        state = call(job["url"], token=token)
        if state["status"] == "done":
            break
        if state["status"] == "failed" or time.monotonic() > deadline:
            raise SystemExit(f"report {job['id']}: {state['status']} {state.get('error')}")
        time.sleep(2)
    with urllib.request.urlopen(  # noqa: S310 (our own server)
        request(state["download_url"], token=token), timeout=60
    ) as reply:
        target.write_bytes(reply.read())


def pdf_pages_to_png(pdf: Path, names: list[str]) -> None:
    """The first pages of ``pdf`` as docs/screenshots/<name>.png, one name per page."""
    prefix = pdf.with_suffix("")
    subprocess.run(
        ["pdftoppm", "-png", "-r", "70", "-f", "1", "-l", str(len(names)), str(pdf), str(prefix)],
        check=True,
    )
    pages = sorted(pdf.parent.glob(f"{prefix.name}-*.png"))
    for page, name in zip(pages, names, strict=True):
        shutil.move(page, OUT / f"{name}.png")
        print(f"  {name}.png", flush=True)


# --- The browser ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Shot:
    name: str
    user: str | None
    path: str
    language: str = "id"
    scroll_to: str | None = None  # a selector brought to the top, below the sticky header


def shots(ids: DemoIds) -> list[Shot]:
    makassar = ids.assessments["73.71"]
    return [
        Shot("login", None, "/accounts/login/"),
        Shot("home", "csco.makassar", "/"),
        Shot("questionnaire", "csco.makassar", f"/assessments/{makassar}/", scroll_to="#theme-HEA"),
        Shot("submit", "csco.makassar", f"/assessments/{makassar}/submit/"),
        Shot("returned", "csco.surabaya", f"/assessments/{ids.assessments[RETURNED_REGION]}/"),
        Shot("score", "pengamat", f"/assessments/{ids.assessments[SCORE_REGION]}/score/"),
        Shot("review-queue", "peninjau", "/review/"),
        Shot("review", "peninjau", f"/assessments/{ids.assessments[REVIEW_REGION]}/review/"),
        Shot("board", "peninjau", "/board/"),
        Shot("programmes", "csco.makassar", "/programmes/"),
        Shot("open-data", None, "/open/"),
        Shot("board-en", "peninjau", "/board/", language="en"),
        Shot(
            "questionnaire-en",
            "csco.makassar",
            f"/assessments/{makassar}/",
            language="en",
            scroll_to="#theme-HEA",
        ),
    ]


SCROLL_BELOW_HEADER = """node => {
    node.scrollIntoView({block: "start"});
    const header = document.querySelector("header");
    window.scrollBy(0, -16 - (header ? header.offsetHeight : 0));
}"""


def take(browser: Any, shot: Shot) -> None:
    context = browser.new_context(base_url=BASE, viewport=VIEWPORT, locale="id-ID")
    context.set_default_timeout(30_000)
    page = context.new_page()
    try:
        if shot.user:
            page.goto("/accounts/login/")
            page.fill("#id_username", shot.user)
            page.fill("#id_password", PASSWORD)
            page.click(".auth__form button[type=submit]")
            page.wait_for_url(lambda url: "/accounts/login/" not in url)
        if shot.language != "id":
            page.click(f".langswitch button[value={shot.language}]")
            page.wait_for_load_state()
        page.goto(shot.path)
        page.wait_for_load_state("networkidle")
        if shot.scroll_to:
            page.locator(shot.scroll_to).evaluate(SCROLL_BELOW_HEADER)
        page.screenshot(path=str(OUT / f"pages-{shot.name}.png"))
        print(f"  pages-{shot.name}.png  {page.title()}", flush=True)
    finally:
        context.close()


def take_screenshots(ids: DemoIds) -> None:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS
        )
        try:
            for shot in shots(ids):
                take(browser, shot)
        finally:
            browser.close()


# --- All of it --------------------------------------------------------------------------------


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--database-url",
        default=DEFAULT_DATABASE,
        help="a PostgreSQL database of its own: it is emptied first",
    )
    args = parser.parse_args()
    OUT.mkdir(parents=True, exist_ok=True)
    var_dir = Path(tempfile.mkdtemp(prefix="maturasi-screenshots-"))
    try:
        env = environment(args.database_url, var_dir)
        print("Database and demo data", flush=True)
        ensure_database(args.database_url)
        load_demo(env)
        with running_product(env, var_dir):
            reviewer = token_for("peninjau")
            ids = demo_ids(reviewer)
            print("Pages", flush=True)
            take_screenshots(ids)
            print("Reports", flush=True)
            region_pdf = var_dir / "region.pdf"
            render_report(
                f"/api/v1/assessments/{ids.assessments[REGION_REPORT]}/reports/",
                reviewer,
                region_pdf,
            )
            pdf_pages_to_png(region_pdf, ["report-region-p1", "report-region-p2"])
            national_pdf = var_dir / "national.pdf"
            render_report(f"/api/v1/cycles/{ids.cycle}/reports/", reviewer, national_pdf)
            pdf_pages_to_png(national_pdf, ["report-national-p1"])
    finally:
        shutil.rmtree(var_dir, ignore_errors=True)
    print(f"Done: {OUT.relative_to(ROOT)}/ — look at every picture before committing.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
