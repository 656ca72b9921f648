"""Shared fixtures: a copy of the project to build in, and the sample archive built once."""

from __future__ import annotations

import os
import re
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"

# One date for the whole run. Builds mark overdue tasks "as of" today in Vietnam, and many tests
# compare a build with another made minutes later: a run that crossed midnight there (17:00
# UTC) compared pages of two different days. SOURCE_DATE_EPOCH (the reproducible-builds
# convention, honoured by validate.rules.today_in_vietnam) fixes the day. This file is loaded by
# pytest's main process before it starts the xdist workers, which inherit the variable, as do
# the `notice-archive` children they start.
os.environ.setdefault("SOURCE_DATE_EPOCH", str(int(time.time())))

# Compiled bytecode, kept between the suite's ~1,000 `notice-archive` children: where the
# environment sets PYTHONDONTWRITEBYTECODE, each child compiled all of generator/ from source
# again (a build of the sample archive ~2.8 CPU s against ~2.2 with bytecode cached). The
# bytecode goes to a folder of its own in the git-ignored .pytest_cache, never beside the
# sources and never into a project a test copies, so no "nothing written outside site/ and the
# cache" claim sees it. Set before the first import of generator, for this process and, through
# the environment, every child and xdist worker.
PYCACHE = ROOT / ".pytest_cache" / "pycache"
os.environ.pop("PYTHONDONTWRITEBYTECODE", None)
os.environ["PYTHONPYCACHEPREFIX"] = str(PYCACHE)
sys.dont_write_bytecode = False
sys.pycache_prefix = str(PYCACHE)

from generator.diagnostics import Diagnostic  # noqa: E402  (after the bytecode settings)

# Every diagnostic code some test made the product emit, in this process or in a child run:
# test_every_code_is_documented_and_tested (tests/test_every_code.py, run last) holds it against the handbook's table (docs/handbook/huong-dan/kiem-tra.md).
PRODUCED_CODES: set[str] = set()
_diagnostic_init = Diagnostic.__init__


def _recording_init(self, *args, **kwargs):
    _diagnostic_init(self, *args, **kwargs)
    PRODUCED_CODES.add(self.code)


Diagnostic.__init__ = _recording_init
_subprocess_run = subprocess.run


def _recording_run(*args, **kwargs):
    """subprocess.run, noting the codes a child `notice-archive` printed (any test's helper)."""
    result = _subprocess_run(*args, **kwargs)
    for stream in (result.stdout, result.stderr):
        if isinstance(stream, bytes):
            stream = stream.decode("utf-8", "replace")
        if isinstance(stream, str):
            PRODUCED_CODES.update(re.findall(r"\bNA\d{3}\b", stream))
    return result


subprocess.run = _recording_run


# Under `pytest -n` (pyproject's addopts: `--dist loadfile --no-loadscope-reorder`) a worker
# takes a whole test file at a time, in the order below: the longest files first. Whole files:
# a file's module fixtures (built sites, indexes, servers) are made once in the run, not once
# per worker that got some of its tests. Longest first: with two workers, a long file started
# last leaves the other core idle until it ends. The order is a scheduling hint only (from the
# slowest-files list printed at the end of a whole run of the default tier; that list keeps it
# up to date); a file missing here just runs after these ones, and each tier's run sorts only
# the tests it selected. (Not `--dist loadgroup`: with pytest 9,
# xdist 3.8 writes the group into a node id that pytest no longer reads, so groups are lost.)
LONGEST_FIRST = (
    # the default tier (README's command), from the slowest-files list of a whole run of it
    "test_readme.py",
    "test_incremental_equivalence.py",
    "test_hostile.py",
    "test_index_incremental.py",
    "test_incremental_stateful.py",      # one test, bounded for CI
    "test_import_pdf.py",
    "test_hostile_layouts.py",
    "test_untrusted_paths.py",
    "test_untrusted.py",
    "test_incremental.py",
    "test_check_cli.py",
    "test_profiles.py",
    "test_tasks.py",
    "test_links.py",
    "test_browse.py",
    "test_properties.py",
    "test_safety.py",
    "test_seals.py",
    "test_originals_field.py",
    "test_search_help.py",
    # files whose longest tests are marked `slow` (CI's second step, `-m slow`), in the order
    # of that step; in the default tier they come after the files above
    "test_index.py",
    "test_atomic.py",
    "test_search_judged.py",
    "test_portable.py",
    "test_accessibility.py",
    "test_import_scans.py",
    "test_deploy_nginx.py",
    "test_screenshots.py",
    "test_links_scale.py",
)
LAST = "test_every_code_is_documented_and_tested"
# The test files collected before `-k` and `-m` deselect any test: the code-coverage test judges
# the codes of a run only when it ran every file's default-tier tests.
COLLECTED_FILES = pytest.StashKey[set]()
# The tier README's test command runs (pyproject's addopts): everything not marked `slow`.
DEFAULT_TIER = "not slow"


@pytest.hookimpl(tryfirst=True)  # before pytest's own hook, which deselects by -k and -m
def pytest_collection_modifyitems(session, config, items):
    """Long files first; the code-coverage test judges what all the others produced, so it
    runs after all of them (its file, tests/test_every_code.py, is one unit of work of its own
    under `-n`)."""
    config.stash[COLLECTED_FILES] = {item.path.name for item in items}
    rank = {name: i for i, name in enumerate(LONGEST_FIRST)}
    last = [i for i in items if i.name == LAST]
    rest = [i for i in items if i.name != LAST]
    # A stable sort: the files' own order, and the tests' order inside each file, stay.
    rest.sort(key=lambda item: rank.get(item.path.name, len(rank)))
    items[:] = rest + last


# Worker seconds per test file (setup, call and teardown of its tests, its fixtures with them),
# printed at the end of every run beside --durations: the figures LONGEST_FIRST is kept by.
# Under `-n` the controller receives every worker's reports, so it adds up the whole run.
_FILE_SECONDS: dict[str, float] = {}


def pytest_runtest_logreport(report):
    path = report.nodeid.split("::", 1)[0]
    _FILE_SECONDS[path] = _FILE_SECONDS.get(path, 0.0) + report.duration


def pytest_terminal_summary(terminalreporter):
    if os.environ.get("PYTEST_XDIST_WORKER") or len(_FILE_SECONDS) < 2:
        return
    ranked = sorted(_FILE_SECONDS.items(), key=lambda item: -item[1])[:20]
    terminalreporter.write_sep("=", "slowest 20 test files (worker seconds)")
    for path, seconds in ranked:
        terminalreporter.write_line(f"{seconds:.2f}s {path}")


# In a `pytest -n` run each worker process records the codes of its own tests; each leaves
# them in the run's temp root when it finishes, and the code-coverage test reads them all.

def _codes_folder(config) -> Path:
    """Shared by the workers of one run: xdist gives each the run's temp root + popen-<id>."""
    return Path(config.option.basetemp).parent / "produced-codes"


def pytest_sessionfinish(session):
    worker = os.environ.get("PYTEST_XDIST_WORKER")
    if worker and session.config.option.basetemp:
        folder = _codes_folder(session.config)
        folder.mkdir(exist_ok=True)
        part = folder / f"{worker}.part"
        part.write_text("\n".join(sorted(PRODUCED_CODES)), encoding="utf-8")
        part.replace(folder / f"{worker}.codes")  # whole or absent, for the reader


def codes_of_the_whole_run(config, timeout: float = 900) -> set[str]:
    """The codes every test of the run produced: this process's and, under `pytest -n`, those
    of the other workers, which finish their last tests while this one waits."""
    worker = os.environ.get("PYTEST_XDIST_WORKER")
    if not worker:
        return set(PRODUCED_CODES)
    others = int(os.environ["PYTEST_XDIST_WORKER_COUNT"]) - 1
    folder = _codes_folder(config)
    deadline = time.monotonic() + timeout
    while True:
        done = [p for p in folder.glob("*.codes") if p.stem != worker]
        if len(done) >= others:
            break
        if time.monotonic() > deadline:
            pytest.fail(f"only {len(done)} of the {others} other workers finished in {timeout} s")
        time.sleep(0.2)
    codes = set(PRODUCED_CODES)
    for path in done:
        codes.update(path.read_text(encoding="utf-8").split())
    return codes


def require_fixture(path: Path, what: str) -> Path:
    """A fixture from outside the repository: skipped on a developer's machine, a failure in CI."""
    if not path.exists():
        if os.environ.get("CI"):
            pytest.fail(f"{what} ({path}) is missing; CI runs with ../shared beside the checkout")
        pytest.skip(f"{what} not available beside the repository ({path})")
    return path


@pytest.fixture(scope="session", autouse=True)
def user_folders(tmp_path_factory) -> Path:
    """The user's cache and config folders (caches, the cache key) in a throw-away place."""
    home = tmp_path_factory.mktemp("user")
    # XDG on Linux and macOS, platformdirs' overrides on Windows.
    for var, name in (("XDG_CACHE_HOME", "cache"), ("XDG_CONFIG_HOME", "config"),
                      ("WIN_PD_OVERRIDE_LOCAL_APPDATA", "local"),
                      ("WIN_PD_OVERRIDE_APPDATA", "roaming")):
        os.environ[var] = str(home / name)
    return home


def cache_of(project: Path) -> Path:
    """Where the tool keeps the caches of `project` (outside it, in the user's cache folder)."""
    from generator.project import Project
    return Project.find(project / "mkdocs.yml").cache_dir


def beside_site(project: Path) -> list[Path]:
    """What builds left beside site/: staging and replaced folders, never the lock file, which
    stays (deleting a lock file another build may be opening would break the lock)."""
    return sorted(p for p in project.glob(".site.*") if p.name != ".site.lock")


def default_sigint() -> None:
    """preexec_fn for a child that must stop on Ctrl-C: a shell starts a background job with
    SIGINT ignored, children inherit that, and a Python started so installs no Ctrl-C handler.
    Without this, a test run started in the background could never stop what it started."""
    signal.signal(signal.SIGINT, signal.SIG_DFL)


def copy_project(dest: Path, notices: bool = True) -> Path:
    """A throw-away copy of the project (config, theme, notices) that tests may change."""
    dest.mkdir(parents=True, exist_ok=True)
    shutil.copy(ROOT / "mkdocs.yml", dest / "mkdocs.yml")
    shutil.copytree(ROOT / "theme", dest / "theme")
    if notices:
        shutil.copytree(ROOT / "notices", dest / "notices")
    else:
        (dest / "notices").mkdir()
        shutil.copy(ROOT / "notices" / "topics.yml", dest / "notices" / "topics.yml")
        shutil.copy(ROOT / "notices" / "agencies.yml", dest / "notices" / "agencies.yml")
    return dest


def cli(project: Path, *args: str, check: bool = False) -> subprocess.CompletedProcess:
    """Run the real `notice-archive` command in `project`."""
    result = subprocess.run([sys.executable, "-m", "generator", *args], cwd=project,
                            capture_output=True, text=True, encoding="utf-8")
    PRODUCED_CODES.update(re.findall(r"\bNA\d{3}\b", result.stdout + result.stderr))
    if check and result.returncode != 0:
        raise AssertionError(f"notice-archive {' '.join(args)} failed:\n{result.stderr}")
    return result


def copy_built(built: Path, dest: Path) -> Path:
    """A copy of a built project as if `build` had run in `dest`: its files, site/ and its cache
    (which lives outside the project, at a place named after the project's path). A copy takes
    a fraction of a second where a build of the sample archive takes seconds."""
    from generator import authenticated
    from generator.plugin.incremental import MANIFEST, _stamp

    shutil.copytree(built, dest, symlinks=True)
    cache = Path(shutil.copytree(cache_of(built), cache_of(dest), symlinks=True))
    # The render manifest names the site it describes by the folder's identity (device, inode),
    # which no copy keeps, so that a build never reuses pages from a folder it did not publish.
    # Record the copy's identity, as a build in `dest` would have: the next build there then
    # reuses unchanged pages exactly as after a build in place.
    for manifest in cache.glob(f"{MANIFEST}-*.json"):
        data = authenticated.read_json(manifest)
        data["stamp"] = _stamp(dest / "site")
        authenticated.write_json(manifest, data)
    return dest


def _pristine(tmp_path_factory, profile: str) -> Path:
    """The sample archive built once with `profile`, never handed to a test: the source of
    built_<profile> and of every copy a test may change."""
    project = copy_project(tmp_path_factory.mktemp(f"pristine-{profile}") / "p")
    cli(project, "build", "--profile", profile, "--strict", check=True)
    return project


@pytest.fixture(scope="session")
def _pristine_public(tmp_path_factory) -> Path:
    return _pristine(tmp_path_factory, "public")


@pytest.fixture(scope="session")
def _pristine_internal(tmp_path_factory) -> Path:
    return _pristine(tmp_path_factory, "internal")


@pytest.fixture(scope="session")
def built_public(_pristine_public, tmp_path_factory) -> Path:
    """The sample archive built with the default (public) profile; returns the project dir.
    Shared by the whole session: read it, never change it (use built_public_copy for that)."""
    return copy_built(_pristine_public, tmp_path_factory.mktemp("public") / "p")


@pytest.fixture
def built_public_copy(_pristine_public, tmp_path) -> Path:
    """A built sample archive (public profile) of this test's own, to edit and rebuild: a copy
    of the one built for the session, site/ and cache included, not a build of its own."""
    return copy_built(_pristine_public, tmp_path / "built")


@pytest.fixture(scope="session")
def built_internal(_pristine_internal, tmp_path_factory) -> Path:
    """The sample archive built with the internal profile. Shared: read it, never change it."""
    return copy_built(_pristine_internal, tmp_path_factory.mktemp("internal") / "p")


@pytest.fixture
def built_internal_copy(_pristine_internal, tmp_path) -> Path:
    """A built sample archive (internal profile) of this test's own, to edit and rebuild."""
    return copy_built(_pristine_internal, tmp_path / "built")


@pytest.fixture(scope="session")
def archive():
    """The sample archive as the pipeline sees it (loaded and validated)."""
    from generator.load import load_archive
    from generator.validate import validate
    return validate(load_archive(ROOT / "notices", ROOT)).archive


def require_tools(*tools: str, package: str) -> None:
    """Programs a test drives for real: skipped where missing on a developer's machine, a
    failure in CI, where `.ci/run` installs the Debian `package`."""
    missing = [t for t in tools if not shutil.which(t)]
    if missing:
        if os.environ.get("CI"):
            pytest.fail(f"{', '.join(missing)} required in CI (.ci/run installs {package})")
        pytest.skip(f"not installed: {', '.join(missing)} (Debian: {package})")


# --- Headless Chromium, for tests that drive the built site like a person would -------------

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMEDRIVER = shutil.which("chromedriver") or "/usr/bin/chromedriver"
CHROMIUM_FLAGS = ("--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
                  "--disable-background-networking", "--disable-component-update",
                  "--disable-sync", "--disable-dev-shm-usage", "--window-size=1280,1024")


def _have_chromium() -> bool:
    return Path(CHROMIUM).exists() and Path(CHROMEDRIVER).exists()


@pytest.fixture(scope="session")
def browser(tmp_path_factory):
    """A Selenium-driven headless Chromium from Debian's packages (never downloads anything)."""
    import os
    if not _have_chromium():
        if os.environ.get("CI"):
            pytest.fail("chromium and chromium-driver are required in CI (.ci/run installs them)")
        pytest.skip("chromium/chromium-driver not installed")
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for flag in CHROMIUM_FLAGS:
        options.add_argument(flag)
    options.add_argument(f"--user-data-dir={tmp_path_factory.mktemp('chromium-profile')}")
    driver = webdriver.Chrome(service=Service(executable_path=CHROMEDRIVER), options=options)
    driver.set_page_load_timeout(300)  # ends only a broken run, never a slow one
    yield driver
    driver.quit()


@pytest.fixture(scope="session")
def serve_dir():
    """serve_dir(path) → base URL of a loopback HTTP server for that folder (stopped at exit)."""
    import functools
    import http.server
    import threading

    servers = []

    class QuietHandler(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *args):
            pass

    def start(path: Path) -> str:
        handler = functools.partial(QuietHandler, directory=str(path))
        server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
        # A short poll: each shutdown waits for the loop to notice (0.5 s a server by default,
        # ~10 s at the end of the suite).
        threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05},
                         daemon=True).start()
        servers.append(server)
        return f"http://127.0.0.1:{server.server_address[1]}/"

    yield start
    for server in servers:
        server.shutdown()
        server.server_close()


ARTIFACTS = ROOT / "test-artifacts"  # screenshots and other evidence tests leave for people
