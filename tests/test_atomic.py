"""Atomic, locked builds: a failed, interrupted or killed build leaves site/ byte-for-byte as it
was, the next build removes what a killed one left behind, and two builds never race."""

from __future__ import annotations

import hashlib
import os
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from conftest import beside_site, cache_of, cli, copy_project, default_sigint

STAGING_GLOB = ".site.building-*"
_NUMBER = re.compile(r'"(\d+)/')


def tree_hash(path: Path) -> str:
    """Hash of every file name, mode and content under `path`: equal means byte-identical."""
    digest = hashlib.sha256()
    for file in sorted(p for p in path.rglob("*")):
        rel = file.relative_to(path).as_posix()
        digest.update(rel.encode() + b"\0")
        if file.is_file():
            digest.update(b"%o\0" % (file.stat().st_mode & 0o777))
            digest.update(file.read_bytes())
    return digest.hexdigest()


def enlarge(project: Path, copies: int) -> int:
    """Add `copies` renumbered copies of every sample notice (references renumbered alike)."""
    notices = project / "notices"
    originals = sorted(notices.rglob("*.md"))
    for k in range(1, copies + 1):
        for source in originals:
            head, sep, body = source.read_text(encoding="utf-8").partition("\n---\n")
            head = "\n".join(
                _NUMBER.sub(lambda m: f'"{int(m.group(1)) + 1000 * k}/', line)
                if line.startswith(("number:", "related:", "supersedes:")) else line
                for line in head.split("\n"))
            (source.parent / f"c{k}-{source.name}").write_text(head + sep + body,
                                                              encoding="utf-8")
    return len(originals) * (copies + 1)


def leftovers(project: Path) -> list[Path]:
    return sorted(project.glob(STAGING_GLOB)) + sorted(project.glob(".site.replaced-*"))


def start_build(project: Path, *args: str) -> subprocess.Popen:
    # --full: render every page, so the build is slow enough to interrupt midway.
    return subprocess.Popen([sys.executable, "-m", "generator", "build", "--full", *args],
                            cwd=project,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            encoding="utf-8",
                            preexec_fn=default_sigint if os.name == "posix" else None)


def wait_for_staging_pages(project: Path, process: subprocess.Popen, pages: int = 5,
                           timeout: float = 120) -> Path:
    """Block until the running build has written `pages` HTML files into its staging folder."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        for staging in project.glob(STAGING_GLOB):
            try:
                if sum(1 for _ in staging.rglob("index.html")) >= pages:
                    return staging
            except FileNotFoundError:
                pass
        if process.poll() is not None:
            out, err = process.communicate()
            pytest.fail(f"the build ended before it could be interrupted:\n{err}")
        time.sleep(0.02)
    process.kill()
    pytest.fail("the build never started writing its staging folder")


@pytest.fixture(scope="module")
def big_project(tmp_path_factory) -> Path:
    """The sample archive ×15 (300 notices), built once: slow enough to interrupt midway."""
    project = copy_project(tmp_path_factory.mktemp("big"))
    assert enlarge(project, 14) >= 280
    cli(project, "build", "--quiet", check=True)
    return project


@pytest.fixture
def small_project(built_public_copy) -> Path:
    """The sample archive built (a copy of the session's build, not a build of its own)."""
    return built_public_copy


def test_failed_build_leaves_site_identical(small_project):
    before = tree_hash(small_project / "site")
    bad = small_project / "notices" / "2024" / "hong.md"
    bad.write_text("---\ntitle: thiếu mọi thứ\nstatus: issued\n---\nNội dung.\n",
                   encoding="utf-8")
    result = cli(small_project, "build")
    assert result.returncode == 1
    assert "site/ giữ nguyên" in result.stderr and "hong.md" in result.stderr
    assert "Traceback" not in result.stderr
    assert tree_hash(small_project / "site") == before
    assert leftovers(small_project) == []


def test_published_site_is_world_readable(small_project):
    assert (small_project / "site").stat().st_mode & 0o755 == 0o755


@pytest.mark.slow
def test_killed_build_leaves_site_identical_and_next_build_cleans_up(big_project):
    site = big_project / "site"
    before = tree_hash(site)
    process = start_build(big_project)
    staging = wait_for_staging_pages(big_project, process)
    process.send_signal(signal.SIGKILL)
    process.wait(timeout=30)
    assert process.returncode == -signal.SIGKILL
    assert staging.exists(), "SIGKILL leaves the half-written staging folder behind"
    assert tree_hash(site) == before

    result = cli(big_project, "build", "--quiet")  # the kernel released the dead build's lock
    assert result.returncode == 0, result.stderr
    assert leftovers(big_project) == []
    assert tree_hash(site) == before  # same sources → the same site, now rebuilt whole


@pytest.mark.slow
@pytest.mark.parametrize("signum, code", [(signal.SIGINT, 130), (signal.SIGTERM, 143)])
def test_interrupted_build_leaves_site_identical_and_cleans_up(big_project, signum, code):
    site = big_project / "site"
    before = tree_hash(site)
    process = start_build(big_project)
    wait_for_staging_pages(big_project, process)
    process.send_signal(signum)
    out, err = process.communicate(timeout=60)
    assert process.returncode == code, err
    assert "site/ giữ nguyên" in err and "Traceback" not in err
    assert leftovers(big_project) == []  # the interrupted build removed its own staging folder
    assert tree_hash(site) == before


def test_second_build_refuses_or_waits_while_the_lock_is_held(small_project):
    """Hold the build lock as a running build would; a build refuses, waits, or times out."""
    from generator.lockfile import try_lock, unlock
    site = small_project / "site"
    before = tree_hash(site)
    with open(cache_of(small_project) / "build.lock", "a+b") as lock:
        assert try_lock(lock)
        refused = cli(small_project, "build")
        assert refused.returncode == 1
        assert "đang chạy" in refused.stderr and "--wait" in refused.stderr
        assert "site/ giữ nguyên" in refused.stderr and "Traceback" not in refused.stderr

        timed_out = cli(small_project, "build", "--wait", "0.5")
        assert timed_out.returncode == 1 and "đã đợi 0.5 giây" in timed_out.stderr
        assert tree_hash(site) == before and leftovers(small_project) == []

        waiting = start_build(small_project, "--wait", "300")
        # It announces that it waits (the first line it writes), then keeps waiting.
        first_line = waiting.stderr.readline()
        assert "đợi tối đa 300 giây" in first_line
        time.sleep(1)
        assert waiting.poll() is None, "a build with --wait must wait for the lock"
        unlock(lock)
    out, err = waiting.communicate(timeout=120)
    assert waiting.returncode == 0, err
    assert tree_hash(site) == before and leftovers(small_project) == []


@pytest.mark.slow
@pytest.mark.skipif(not hasattr(signal, "SIGSTOP"), reason="needs SIGSTOP (POSIX)")
def test_two_real_builds_at_once_never_corrupt_site(big_project, tmp_path):
    """The first build is frozen (SIGSTOP) midway, holding its locks, so that every other build
    meets it running however busy the machine is: nothing here depends on timing."""
    site = big_project / "site"
    before = tree_hash(site)
    first = start_build(big_project)
    staging = wait_for_staging_pages(big_project, first, pages=1)
    first.send_signal(signal.SIGSTOP)
    try:
        second = cli(big_project, "build")
        assert second.returncode == 1 and "đang chạy" in second.stderr, second.stderr
        # Another cache folder (--cache-dir, --safe, another user): the output folder's own
        # lock still keeps it out, so it cannot delete the first build's staging folder.
        other_cache = cli(big_project, "build", "--cache-dir", str(tmp_path / "other-cache"))
        assert other_cache.returncode == 1 and "đang chạy" in other_cache.stderr, \
            other_cache.stderr
        assert staging.is_dir() and tree_hash(site) == before
        waiting = start_build(big_project, "--wait", "300")
        # It announces that it waits (its first line) only once it met the frozen build.
        assert "đợi tối đa 300 giây" in waiting.stderr.readline()
    finally:
        first.send_signal(signal.SIGCONT)
    out, err = first.communicate(timeout=600)
    assert first.returncode == 0, err
    out, err = waiting.communicate(timeout=600)
    assert waiting.returncode == 0, err
    assert leftovers(big_project) == []
    assert tree_hash(site) == before  # same sources, two builds in a row: the same bytes


def test_wait_rejects_nonsense(small_project):
    result = cli(small_project, "build", "--wait", "-1")
    assert result.returncode == 2 and "số giây" in result.stderr


# --- the primitives, in-process ----------------------------------------------------------------

def test_swap_fallback_without_renameat2(tmp_path, monkeypatch):
    from generator.publish import atomic
    site = tmp_path / "site"
    site.mkdir()
    (site / "old.html").write_text("cũ", encoding="utf-8")
    staging = atomic.staging_dir(site)
    (staging / "new.html").write_text("mới", encoding="utf-8")
    monkeypatch.setattr(atomic, "_exchange", lambda a, b: False)
    atomic.publish(staging, site)
    assert sorted(p.name for p in site.iterdir()) == ["new.html"]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site"]


def test_remove_leftovers_only_touches_our_folders(tmp_path):
    from generator.publish import atomic
    site = tmp_path / "site"
    for name in (".site.building-abc", ".site.replaced-def", ".site.discarded-x", ".site-keep",
                 "other"):
        (tmp_path / name).mkdir()
    atomic.remove_leftovers(site)
    # A replaced site is removed by a detached process; the deadline ends only a broken run.
    deadline = time.monotonic() + 600
    while (tmp_path / ".site.discarded-x").exists() and time.monotonic() < deadline:
        time.sleep(0.1)
    assert sorted(p.name for p in tmp_path.iterdir()) == [".site-keep", "other"]


def test_signals_are_deferred_during_the_swap():
    from generator.publish.atomic import signals_deferred
    # Python's own Ctrl-C handler, even when the test run was started with SIGINT ignored.
    previous = signal.signal(signal.SIGINT, signal.default_int_handler)
    reached = False
    try:
        with pytest.raises(KeyboardInterrupt):
            with signals_deferred():
                os.kill(os.getpid(), signal.SIGINT)
                time.sleep(0.05)
                reached = True  # the signal waits until the block is done
    finally:
        signal.signal(signal.SIGINT, previous)
    assert reached


@pytest.mark.skipif(not hasattr(signal, "pthread_sigmask"), reason="POSIX signal delivery")
def test_signals_are_deferred_while_another_thread_runs():
    """The kernel gives a process-wide signal to any thread that does not block it; a mask set
    by the swapping thread alone let SIGTERM through at once (the build has threads about)."""
    import threading

    from generator.publish.atomic import BuildInterrupted, interruptible, signals_deferred
    stop = threading.Event()
    # A thread that keeps the signal unblocked and idles in a system call, so that the kernel
    # may choose it (a blocked main thread leaves the kernel no other choice).
    other = threading.Thread(target=lambda: signal.pthread_sigmask(signal.SIG_UNBLOCK,
                                                                   {signal.SIGTERM})
                             or stop.wait(5), daemon=True)
    other.start()
    reached = False
    try:
        with pytest.raises(BuildInterrupted):
            with interruptible(), signals_deferred():
                os.kill(os.getpid(), signal.SIGTERM)
                for _ in range(20):  # give Python every chance to run a handler early
                    time.sleep(0.005)
                reached = True
    finally:
        stop.set()
        other.join()
    assert reached


def test_sigterm_unwinds_like_ctrl_c_and_handler_is_restored():
    from generator.publish.atomic import BuildInterrupted, interruptible
    before = signal.getsignal(signal.SIGTERM)
    with pytest.raises(BuildInterrupted) as caught:
        with interruptible():
            os.kill(os.getpid(), signal.SIGTERM)
            time.sleep(1)
    assert caught.value.signum == signal.SIGTERM
    assert not isinstance(caught.value, Exception)  # no `except Exception` can swallow it
    assert signal.getsignal(signal.SIGTERM) == before


def test_lock_is_exclusive_and_released(tmp_path):
    from generator.publish.atomic import BuildLocked, build_lock
    with build_lock(tmp_path):
        with pytest.raises(BuildLocked, match="--wait"):
            with build_lock(tmp_path):
                pass
        with pytest.raises(BuildLocked, match="đã đợi 0.2 giây"):
            with build_lock(tmp_path, wait=0.2):
                pass
    with build_lock(tmp_path):
        pass


def test_replaced_site_is_removed_after_publishing(small_project):
    """The previous site/ is deleted by a detached process once the new one is published."""
    site = small_project / "site"
    (site / "stale-marker.txt").write_text("old", encoding="utf-8")
    cli(small_project, "build", "--quiet", "--full", check=True)
    assert not (site / "stale-marker.txt").exists()
    deadline = time.monotonic() + 600  # ends only a broken run, never a slow one
    while list(small_project.glob(".site.discarded-*")) and time.monotonic() < deadline:
        time.sleep(0.2)
    assert not beside_site(small_project)
