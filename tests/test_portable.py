"""Windows and macOS, simulated on Linux: every command without fcntl, SIGHUP, os.fork or an
atomic directory swap, and the same results as the normal path, byte for byte.

The simulation is a sitecustomize module put first on PYTHONPATH, so it runs before anything
else in every process, including spawned workers: `import fcntl` fails as it does on Windows,
signal.SIGHUP, signal.pthread_sigmask and os.fork are deleted, and libc reports no renameat2
(nor macOS' renamex_np). Windows' msvcrt is stood in for by a module with the same `locking`
call (lock state per process; the standard library's own tests of `import msvcrt` are
answered before it exists); the real one runs in CI's Windows job.
"""

from __future__ import annotations

import hashlib
import json
import os
import signal
import subprocess
import sys
import textwrap
import time
import unicodedata
from pathlib import Path

import pytest

from conftest import beside_site, ROOT, copy_project
from import_helpers import notice_to_original, read_notice

PRELUDE = textwrap.dedent('''
    import ctypes, os, signal, sys, types

    sys.modules["fcntl"] = None          # ModuleNotFoundError: import of fcntl halted
    for name in ("SIGHUP", "pthread_sigmask"):
        if hasattr(signal, name):
            delattr(signal, name)
    for name in ("fork", "forkpty"):
        if hasattr(os, name):
            delattr(os, name)

    class _CDLL(ctypes.CDLL):
        def __getattr__(self, name):
            if name in ("renameat2", "renamex_np"):
                raise AttributeError(name)
            return super().__getattr__(name)

    ctypes.CDLL = _CDLL

    # The standard library tells Windows by `import msvcrt` here and there: those modules are
    # imported first, so only our lock interface sees the stand-in.
    import subprocess, getpass, multiprocessing.connection, concurrent.futures.process

    msvcrt = types.ModuleType("msvcrt")
    msvcrt.LK_UNLCK, msvcrt.LK_LOCK, msvcrt.LK_NBLCK = 0, 1, 2
    _held = set()

    def locking(fd, mode, nbytes):
        key = (os.fstat(fd).st_dev, os.fstat(fd).st_ino)
        if mode == msvcrt.LK_UNLCK:
            _held.discard(key)
        elif key in _held:
            raise OSError(36, "Resource deadlock avoided")
        else:
            _held.add(key)

    msvcrt.locking = locking
    sys.modules["msvcrt"] = msvcrt

    # Whoosh picks its lock by os.name, which stays "posix" here: pick as on Windows.
    import whoosh.util.filelock
    whoosh.util.filelock.FileLock = whoosh.util.filelock.MsvcrtLock
    os.environ["NOTICE_ARCHIVE_SIMULATED_WINDOWS"] = "1"
''')


def simulated_env(tmp_path: Path, extra: str = "") -> dict:
    folder = tmp_path / "simulate-windows"
    folder.mkdir(exist_ok=True)
    (folder / "sitecustomize.py").write_text(PRELUDE + extra, encoding="utf-8")
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join([str(folder), str(ROOT)])
    return env


def run(project: Path, env: dict | None, *args: str, timeout: int = 600):
    result = subprocess.run([sys.executable, "-m", "generator", *args], cwd=project, env=env,
                            capture_output=True, text=True, encoding="utf-8", timeout=timeout)
    assert "Traceback" not in result.stderr, result.stderr
    return result


def tree(folder: Path) -> dict[str, str]:
    return {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def git(project: Path, *args: str) -> None:
    subprocess.run(["git", "-c", "user.email=t@example.org", "-c", "user.name=t", *args],
                   cwd=project, check=True, capture_output=True)


def test_the_simulation_is_windows_like(tmp_path):
    env = simulated_env(tmp_path)
    probe = subprocess.run([sys.executable, "-c", textwrap.dedent('''
        import os, signal, ctypes
        try:
            import fcntl
        except ImportError as exc:
            print("no fcntl:", exc)
        print(hasattr(signal, "SIGHUP"), hasattr(os, "fork"))
        print(hasattr(ctypes.CDLL(None), "renameat2"))
        from generator import processes
        print(processes.start_method())
    ''')], env=env, capture_output=True, text=True, check=True)
    assert probe.stdout.split("\n")[:4] == ["no fcntl: import of fcntl halted; None in sys.modules",
                                            "False False", "False", "spawn"]


@pytest.mark.slow
def test_every_command_works_and_agrees_with_the_normal_path(tmp_path):
    """check, build, search, import, diff and new: same output, and the same site/ byte for
    byte."""
    normal = copy_project(tmp_path / "normal")
    windows = copy_project(tmp_path / "windows")
    env = simulated_env(tmp_path)
    original = tmp_path / "goc" / "thông-báo-gốc.txt"
    original.parent.mkdir()
    data, body = read_notice(ROOT / "notices" / "2024" / next(
        p.name for p in sorted((ROOT / "notices" / "2024").glob("*.md"))))
    data["number"] = "777/TB-VPUBND"
    original.write_text(notice_to_original(data, body), encoding="utf-8")
    for project in (normal, windows):
        git(project, "init", "-q")
        git(project, "add", "-A")
        git(project, "commit", "-qm", "base")
        # A file name with Vietnamese letters, as macOS (NFD) hands it over.
        moved = sorted((project / "notices" / "2024").glob("*.md"))[0]
        moved.rename(moved.with_name(unicodedata.normalize("NFD", "thông-báo-đã-đổi-tên.md")))

    outputs = {}
    for name, project, environment in (("normal", normal, None), ("windows", windows, env)):
        results = [
            run(project, environment, "check", "--format", "json"),
            run(project, environment, "build"),
            run(project, environment, "search", "de an 06", "--json"),
            run(project, environment, "search", "giao thong", "--profile", "internal", "--json"),
            run(project, environment, "import", str(original), "--json"),
            run(project, environment, "diff", "HEAD", "--json"),
            run(project, environment, "new", "--type", "ke-hoach", "--number", "300/KH-UBND",
                "--date", "2025-07-15", "--topics", "de-an-06", "--title", "Kế hoạch thử"),
            run(project, environment, "build", "--profile", "internal"),  # with the new draft
            run(project, environment, "build"),   # incremental, then swap
        ]
        for result in results:
            assert result.returncode == 0, result.stderr
        searches = [json.loads(r.stdout) for r in results[2:4]]
        for search in searches:
            search.pop("seconds", None)
        imported = json.loads(results[4].stdout)
        written = sorted(p.relative_to(project).as_posix()
                         for p in (project / "notices" / "2025").glob("*.md"))
        outputs[name] = (results[0].stdout, searches, imported, results[5].stdout,
                         results[6].stdout, written)
        # The replaced site is deleted by a detached process; the deadline only ends a
        # broken run, never a slow one.
        deadline = time.monotonic() + 600
        while list(project.glob(".site.discarded-*")) and time.monotonic() < deadline:
            time.sleep(0.1)
        assert not beside_site(project), "leftovers beside site/"

    assert outputs["windows"] == outputs["normal"]
    assert outputs["normal"][1][0]["total"] > 0
    assert tree(windows / "site") == tree(normal / "site")
    assert any("thông-báo-đã-đổi-tên.md" in line for line in outputs["normal"][3].split("\n"))
    assert len(outputs["normal"][5]) == len(list((ROOT / "notices" / "2025").glob("*.md"))) + 1


def test_spawned_workers_give_the_same_results_as_forked_ones(tmp_path, monkeypatch):
    """The parallel load/validate (400+ changed files) under both start methods."""
    from generator import cache, processes
    from generator.pipeline import validate_archive

    project = copy_project(tmp_path / "p")
    template = next((project / "notices" / "2024").glob("*.md")).read_text(encoding="utf-8")
    bulk = project / "notices" / "2023" / "bulk"
    bulk.mkdir(parents=True)
    head, fm, body = template.split("---", 2)
    for i in range(cache.PARALLEL_THRESHOLD + 10):
        (bulk / f"n{i}.md").write_text(template.replace("number:", f"# {i}\nnumber:", 1)
                                       if i % 7 else "---\ntitle: [\n---\n", encoding="utf-8")
    monkeypatch.setattr(cache, "WORKERS", 2)
    results = {}
    for method in ("fork", "spawn"):
        monkeypatch.setenv(processes.FORCE_ENV, method)
        assert processes.start_method() == method
        result = validate_archive(project / "notices", project, cache_dir=None)
        results[method] = (result.diagnostics, result.archive.notices)
    assert results["spawn"] == results["fork"]
    assert results["fork"][0]   # the broken files were reported, from the workers


@pytest.mark.slow
def test_a_kill_between_the_two_renames_keeps_the_previous_site_whole(tmp_path):
    """Without an atomic swap, site/ moves aside, then the new one moves in. Kill the build
    exactly between the two: the previous site/ is whole in the hidden folder, and the next
    build (even one that fails) puts it back byte for byte before doing anything else."""
    project = copy_project(tmp_path / "p")
    paused = tmp_path / "paused"
    env = simulated_env(tmp_path, textwrap.dedent(f'''
        import time as _time
        _rename = os.rename
        def _slow_rename(source, target, *args, **kwargs):
            _rename(source, target, *args, **kwargs)
            if ".replaced-" in str(target) and str(source).endswith("site"):
                open({str(paused)!r}, "w").close()
                _time.sleep(3600)  # until the test kills it, however slow
        os.rename = _slow_rename
    '''))
    assert run(project, None, "build").returncode == 0
    before = tree(project / "site")
    edited = sorted((project / "notices" / "2024").glob("*.md"))[0]
    edited.write_text(edited.read_text(encoding="utf-8") + "\nMột đoạn mới.\n", encoding="utf-8")
    proc = subprocess.Popen([sys.executable, "-m", "generator", "build", "--quiet"],
                            cwd=project, env=env, stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL)
    deadline = time.time() + 300
    while not paused.exists() and proc.poll() is None and time.time() < deadline:
        time.sleep(0.05)
    assert paused.exists(), "the build never reached the swap"
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    assert not (project / "site").exists()          # the moment the fallback cannot avoid
    held = list(project.glob(".site.replaced-*/site"))
    assert len(held) == 1 and tree(held[0]) == before

    (project / "notices" / "2024" / "them.md").write_text("---\ntitle: [\n---\n", encoding="utf-8")
    failed = run(project, simulated_env(tmp_path), "build")
    assert failed.returncode == 1
    assert tree(project / "site") == before
    assert not beside_site(project)


def test_a_site_folder_in_use_is_retried_then_refused_with_the_previous_site_intact(
        tmp_path, monkeypatch):
    """Windows cannot rename a folder another program has open: retry, then say so clearly."""
    from generator.publish import atomic

    site = tmp_path / "site"
    site.mkdir()
    (site / "index.html").write_text("cũ", encoding="utf-8")
    staging = atomic.staging_dir(site)
    (staging / "index.html").write_text("mới", encoding="utf-8")
    real_rename = os.rename
    attempts = []

    def in_use(source, target):
        if Path(source) == site:   # a program has site/ open: it cannot be moved
            attempts.append(source)
            raise PermissionError(13, "The process cannot access the file", str(target))
        real_rename(source, target)

    monkeypatch.setenv(atomic.NO_EXCHANGE_ENV, "1")
    monkeypatch.setattr(atomic, "_RENAME_RETRY_SECONDS", 0.3)
    monkeypatch.setattr(atomic.os, "rename", in_use)
    monkeypatch.setattr(atomic, "_WINDOWS", True)
    with pytest.raises(atomic.SiteInUse) as refused:
        atomic.swap(staging, site)
    monkeypatch.undo()
    assert len(attempts) > 1                                   # retried
    assert "đang được dùng" in str(refused.value) and "site/ cũ vẫn nguyên vẹn" in str(refused.value)
    assert (site / "index.html").read_text(encoding="utf-8") == "cũ"
    assert not list(tmp_path.glob(".site.replaced-*"))
