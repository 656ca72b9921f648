"""`notice-archive check` as people and CI run it: exit codes, formats, --fix, and hostile input."""

from __future__ import annotations

import json
import random
import re
import unicodedata
from pathlib import Path

import pytest

from conftest import ROOT, cli, copy_project
from test_check_rules import GOOD, mutate


@pytest.fixture
def project(tmp_path) -> Path:
    return copy_project(tmp_path)


def write(project: Path, name: str, content: str | bytes) -> str:
    path = project / "notices" / "2024" / name
    if isinstance(content, str):
        content = content.encode("utf-8")
    path.write_bytes(content)
    return path.relative_to(project).as_posix()


# A notice that fits the sample archive (its `related` target exists there).
FITS = mutate("125/TB-VPUBND", "300/TB-VPUBND")


def test_sample_archive_checks_clean():
    result = cli(ROOT, "check")
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout == ""
    assert "0 lỗi" in result.stderr


@pytest.mark.parametrize("content, code", [
    (mutate("status: issued", "status: published", text=FITS), "NA104"),
    (mutate("title:", "tittle:", text=FITS), "NA101"),
    (mutate("date: 2024-07-15", "date: 2999-07-15", text=FITS), "NA406"),
    (mutate("300/TB-VPUBND", "300/QĐ-VPUBND", text=FITS), "NA402"),
    (mutate("300/TB-VPUBND", "98/TB-VPUBND", text=FITS), "NA201"),
])
def test_cli_reports_error_at_file_line(project, content, code):
    rel = write(project, "bad.md", content)
    result = cli(project, "check")
    assert result.returncode == 1
    assert re.search(rf"^notices/2024/\S+\.md:\d+:\d+: error {code}: ", result.stdout, re.M), \
        result.stdout
    assert rel in result.stdout
    assert "Traceback" not in result.stderr


def test_warnings_alone_exit_zero(project):
    write(project, "style.md", mutate("300/TB-VPUBND", "6/TB-VPUBND", text=FITS))
    result = cli(project, "check")
    assert result.returncode == 0
    assert "warning NA403" in result.stdout


def test_usage_errors_exit_two(project):
    assert cli(project, "check", "--format", "xml").returncode == 2
    assert cli(project, "check", "notices/nope.md").returncode == 2
    assert cli(project, "check", "--config", "missing.yml").returncode == 2


def test_paths_narrow_what_is_reported(project):
    bad = write(project, "bad.md", mutate("status: issued", "status: published", text=FITS))
    good = write(project, "good.md", FITS.replace("300/", "301/"))
    assert cli(project, "check", good).returncode == 0
    result = cli(project, "check", bad, good)
    assert result.returncode == 1 and bad in result.stdout and good not in result.stdout
    assert cli(project, "check", "notices/2024").returncode == 1


def test_paths_include_archive_wide_problems_involving_them(project):
    # The new notice duplicates 98/TB-VPUBND; whichever file the error lands on, checking only
    # the new file still reports it.
    dup = write(project, "aaa-dup.md", mutate("300/TB-VPUBND", "98/TB-VPUBND", text=FITS))
    result = cli(project, "check", dup)
    assert result.returncode == 1 and "NA201" in result.stdout
    # A new notice superseding an old one that is still "issued": the error is on the old one.
    succ = write(project, "successor.md", mutate("status: issued",
                                                 'supersedes: "98/TB-VPUBND"\nstatus: issued',
                                                 text=FITS.replace("300/", "302/")))
    result = cli(project, "check", succ)
    assert result.returncode == 1 and "NA205" in result.stdout


def test_json_format_is_a_stable_list(project):
    write(project, "bad.md", mutate("status: issued", "status: published", text=FITS))
    result = cli(project, "check", "--format", "json")
    assert result.returncode == 1
    items = json.loads(result.stdout)
    assert isinstance(items, list) and items
    for item in items:
        assert list(item) == ["path", "line", "column", "severity", "code", "message", "field"]
    (item,) = [i for i in items if i["code"] == "NA104"]
    assert item == {"path": "notices/2024/bad.md", "line": FITS.split("\n").index(
        "status: issued") + 1, "column": 1, "severity": "error", "code": "NA104",
        "message": item["message"], "field": "status"}
    assert json.loads(cli(ROOT, "check", "--format", "json").stdout) == []


def test_github_format_annotates_the_pull_request(project):
    write(project, "bad.md", mutate("status: issued", "status: published", text=FITS))
    write(project, "warn.md", mutate("300/TB-VPUBND", "7/TB-VPUBND", text=FITS))
    result = cli(project, "check", "--format", "github")
    assert result.returncode == 1
    lines = result.stdout.splitlines()
    error = next(line for line in lines if "NA104" in line)
    assert re.match(r"^::error file=notices/2024/bad\.md,line=\d+,col=1,title=NA104 \(status\)::"
                    r"[^\n]+$", error), error
    assert any(line.startswith("::warning file=notices/2024/warn.md,") for line in lines)
    # Commas and colons inside properties are escaped, so GitHub parses them.
    assert all(line.count("::") == 2 for line in lines)


def test_fix_repairs_style_and_never_meaning(project):
    from generator.load import frontmatter

    original = mutate("status: issued", "status: issued   ", "1. Sở", "1. Sở  \n   và",
                      'number: "125/TB-VPUBND"\n', "# số do văn thư cấp\n", "classification: public",
                      'classification: public\nnumber: "303/TB-VPUBND"', text=GOOD)
    messy = unicodedata.normalize("NFD", original)
    rel = write(project, "messy.md", messy)
    before = cli(project, "check", rel)
    assert before.returncode == 0
    assert {"NA006", "NA007", "NA008"} <= set(re.findall(r"NA\d{3}", before.stdout))

    fixed = cli(project, "check", "--fix", rel)
    assert fixed.returncode == 0
    assert f"{rel}: đã sửa" in fixed.stderr and "NFC" in fixed.stderr
    assert fixed.stdout == ""  # nothing left to warn about
    text = (project / rel).read_text(encoding="utf-8")
    assert unicodedata.is_normalized("NFC", text)
    assert "1. Sở  \n" in text  # a Markdown line break is meaning: kept
    assert text.index("# số do văn thư cấp\nnumber:") < text.index("type:")  # comment travels
    old, new = frontmatter.parse(unicodedata.normalize("NFC", messy)), frontmatter.parse(text)
    assert old.data == new.data and old.body.replace("issued   ", "") == new.body
    assert list(new.data)[:3] == ["number", "type", "title"]
    # Running it again changes nothing.
    again = cli(project, "check", "--fix", rel)
    assert "đã sửa" not in again.stderr


def test_fix_leaves_unsafe_layouts_alone(project):
    # The anchor is defined on `place`, first in the file, and used by `issuer`. The canonical
    # order puts issuer before place, which would use the alias before its anchor: the fixer
    # must leave the whole file as it is, and the key-order warning stands.
    assert 'issuer: "Văn phòng UBND tỉnh Hậu Giang"' in FITS and 'place: "Hậu Giang"\n' in FITS
    tricky = FITS.replace('place: "Hậu Giang"\n', "").replace(
        'issuer: "Văn phòng UBND tỉnh Hậu Giang"', "issuer: *who").replace(
        "---\n", '---\nplace: &who "Văn phòng UBND tỉnh Hậu Giang"\n', 1)
    rel = write(project, "tricky.md", tricky)
    assert "NA008" in cli(project, "check", rel).stdout
    result = cli(project, "check", "--fix", rel)
    assert (project / rel).read_text(encoding="utf-8") == tricky
    assert "NA008" in result.stdout
    # Control: with the anchor on issuer and the alias on place, reordering is safe and done.
    safe = tricky.replace('place: &who "Văn phòng UBND tỉnh Hậu Giang"\n', "", 1).replace(
        "issuer: *who", 'issuer: &who "Văn phòng UBND tỉnh Hậu Giang"').replace(
        "classification: public", "classification: public\nplace: *who")
    rel = write(project, "safe.md", safe)
    cli(project, "check", "--fix", rel)
    assert (project / rel).read_text(encoding="utf-8") != safe
    assert "NA008" not in cli(project, "check", rel).stdout


def test_fix_leaves_code_blocks_and_yaml_block_scalars_alone(project):
    """Trailing spaces inside code and YAML block scalars are content: --fix keeps them, and
    only the ordinary paragraph's are removed."""
    body = ("\nĐoạn văn có khoảng trắng cuối.   \n\nDòng ngắt.  \nTiếp theo.\n\n```\nmã   \n"
            "  thụt   \n```\n\n    khối mã thụt lề   \n    dòng hai  \n\nKết thúc./.\n")
    rel = write(project, "code.md", FITS.split("---\n\n", 1)[0] + "---\n" + body)
    cli(project, "check", "--fix", rel)
    fixed = (project / rel).read_text(encoding="utf-8")
    assert "Đoạn văn có khoảng trắng cuối.\n\n" in fixed        # fixed
    assert "Dòng ngắt.  \n" in fixed                            # a line break: meaning
    assert "```\nmã   \n  thụt   \n```" in fixed                 # fenced code: kept
    assert "    khối mã thụt lề   \n    dòng hai  \n" in fixed    # indented code: kept
    # A YAML block scalar keeps its trailing spaces (they are part of the value).
    scalar = FITS.replace('title: "Kết luận', 'title: |\n  Kết luận', 1)
    scalar = scalar.replace('giao thông"\n', "giao thông   \n", 1)
    rel = write(project, "scalar.md", scalar)
    cli(project, "check", "--fix", rel)
    assert "giao thông   \n" in (project / rel).read_text(encoding="utf-8")


def test_fix_does_not_touch_legacy_encodings(project):
    data = "---\ntitle: Thông báo kết luận\n---\n".encode("utf-16")
    rel = write(project, "utf16.md", data)
    result = cli(project, "check", "--fix", rel)
    assert result.returncode == 1 and "NA001" in result.stdout and "UTF-16" in result.stdout
    assert (project / rel).read_bytes() == data


# --- hostile and malformed input: never a traceback, always exit 1 with the file named --------

BOMB = ("---\na: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n"
        + "".join(f"{chr(98 + i)}: &{chr(98 + i)} [" + ",".join([f"*{chr(97 + i)}"] * 9) + "]\n"
                  for i in range(8)) + "---\nbody\n")


def hostile(marker: Path) -> dict[str, bytes]:
    """Files that must each be rejected, whatever else happens."""
    files = {
        "python-object.md": f"---\ntitle: !!python/object/apply:os.system ['touch {marker}']\n"
                            "---\n",
        "python-name.md": "---\ntitle: !!python/name:os.system\n---\n",
        "python-new.md": f"---\n!!python/object/new:subprocess.Popen [['touch', '{marker}']]\n---\n",
        "custom-tag.md": "---\ntitle: !Ref x\n---\n",
        "bomb.md": BOMB,
        "deep-list.md": "---\ntitle: " + "[" * 20000 + "]" * 20000 + "\n---\n",
        "deep-map.md": "---\n" + "".join(" " * i + f"k{i}:\n" for i in range(3000)) + "---\n",
        "deep-flow-map.md": "---\ntitle: " + "{a: " * 3000 + "x" + "}" * 3000 + "\n---\n",
        "long-line.md": "---\ntitle: " + "x" * 1_000_000 + "\n",
        "utf16.md": GOOD.encode("utf-16"),
        "cp1258.md": "---\ntitle: Thông báo\n---\n".encode("cp1258"),
        "truncated-multibyte.md": GOOD.encode("utf-8")[:GOOD.encode().index("ế".encode()) + 1],
        "only-fence.md": "---\n",
        "two-docs.md": "---\ntitle: a\n---\n---\ntitle: b\n---\n".replace("---\n---", "---\n..."),
        "scalar.md": "---\njust a string\n---\n",
        "null.md": "---\nnull\n---\n",
        "huge-int-key.md": "---\n" + "9" * 5000 + ": x\n---\n",
        "huge-number.md": mutate("125/TB", "9" * 5000 + "/TB"),
        "set-tag.md": "---\ntitle: !!set {a, b}\ntype: thong-bao\nstatus: draft\n"
                      "classification: public\n---\n",
        "control-chars.md": "---\ntitle: a\x07b\x1b[31m\n---\n",
        "bom-junk.md": b"\xef\xbb\xbf\xff\xfe\x00\x00junk",
        "random.md": bytes(random.Random(7).randrange(256) for _ in range(4000)),
        "merge-key.md": "---\nbase: &b {title: x}\n<<: *b\n---\n",
        "dup-keys.md": mutate("type: thong-bao", "type: thong-bao\ntype: ke-hoach\ntitle: 5"),
        "empty-number.md": mutate('"125/TB-VPUBND"', '""'),
        "empty-int-tag.md": mutate('issuer: "Văn phòng UBND tỉnh Hậu Giang"', "issuer: !!int"),
        "empty-bool-tag.md": mutate("status: issued", "status: !!bool"),
        "bad-timestamp.md": mutate("date: 2024-07-15", "date: !!timestamp 2024-99-99"),
    }
    return {name: (v.encode("utf-8") if isinstance(v, str) else v) for name, v in files.items()}


def mutants(count: int, seed: int = 3) -> dict[str, bytes]:
    """Randomly broken copies of a good notice: each is cut inside its front matter (so each one
    must be rejected), then mangled further."""
    rng = random.Random(seed)
    base = GOOD.encode("utf-8")
    closing = base.index(b"\n---\n", 4)
    out = {}
    for i in range(count):
        data = bytearray(base[:rng.randrange(1, closing)])  # front matter never closed
        for _ in range(rng.randrange(0, 6)):
            op = rng.randrange(5)
            pos = rng.randrange(len(data) + 1)
            if op == 0:
                data[pos:pos] = bytes(rng.randrange(256) for _ in range(rng.randrange(1, 8)))
            elif op == 1 and data:
                del data[pos:pos + rng.randrange(1, 20)]
            elif op == 2:
                data[pos:pos] = rng.choice([b"&a ", b"*a", b"!!python/object:os.system ", b"[",
                                            b"{", b"\t", b": ", b"- ", b"\x00", b"'", b'"', b"?",
                                            b"%YAML 1.1\n", b"!!binary ", b"<<: "])
            elif op == 3 and len(data) > 2:
                a, b = sorted(rng.sample(range(len(data)), 2))
                data[a:b] = data[a:b][::-1]
            else:
                data[pos:pos] = data[:rng.randrange(0, 40)]
        if not data.startswith(b"---\n"):
            data[0:0] = b"---\n" if rng.random() < 0.5 else b""
        out[f"mutant-{i:03d}.md"] = bytes(data).replace(b"\n---", b"\n--x").replace(
            b"\n...", b"\n..x")
    return out


def _reported_files(stdout: str) -> set[str]:
    return {m.group(1) for m in re.finditer(r"^(notices/\S+?\.md):\d+:\d+: error ", stdout, re.M)}


def test_hostile_files_are_rejected_by_name_and_nothing_runs(tmp_path):
    project = copy_project(tmp_path / "p")
    marker = tmp_path / "executed"
    files = hostile(marker)
    for name, data in files.items():
        write(project, name, data)
    result = cli(project, "check")
    assert result.returncode == 1, result.stderr
    assert "Traceback" not in result.stderr + result.stdout
    assert "lỗi nội bộ" not in result.stderr
    assert not marker.exists()
    missing = {f"notices/2024/{n}" for n in files} - _reported_files(result.stdout)
    assert not missing, result.stdout
    # One at a time, too: each alone fails the check with its file named.
    for name in ("python-object.md", "bomb.md", "deep-list.md", "utf16.md"):
        single = cli(project, "check", f"notices/2024/{name}")
        assert single.returncode == 1 and f"notices/2024/{name}:" in single.stdout
    assert not marker.exists()


def test_fuzzed_files_never_crash_and_are_each_rejected(tmp_path):
    from generator.load import LoadResult, load_document
    from generator.validate import validate
    from test_check_rules import TOPICS

    files = mutants(300)
    # Through the API, one file at a time: an error naming the file, never an exception.
    for name, data in files.items():
        doc = load_document(ROOT / "notices" / "2024" / name, ROOT, data=data)
        found = validate(LoadResult((doc,), TOPICS)).diagnostics
        assert any(d.severity == "error" and d.path == f"notices/2024/{name}" for d in found), name
    # Through the CLI, all at once and in every format.
    project = copy_project(tmp_path / "p")
    for name, data in files.items():
        write(project, name, data)
    result = cli(project, "check")
    assert result.returncode == 1
    assert "Traceback" not in result.stderr and "lỗi nội bộ" not in result.stderr
    assert {f"notices/2024/{n}" for n in files} <= _reported_files(result.stdout)
    for fmt in ("github", "json"):
        other = cli(project, "check", "--format", fmt)
        assert other.returncode == 1 and "Traceback" not in other.stderr
    assert len(json.loads(other.stdout)) >= len(files)
    fixed = cli(project, "check", "--fix")
    assert fixed.returncode == 1 and "Traceback" not in fixed.stderr


def test_build_refuses_to_publish_what_check_rejects(built_public_copy):
    project = built_public_copy
    before = {p: p.read_bytes() for p in (project / "site").rglob("*") if p.is_file()}
    write(project, "future.md", mutate("date: 2024-07-15", "date: 2999-07-15", text=FITS))
    result = cli(project, "build")
    assert result.returncode == 1
    assert "notices/2024/future.md" in result.stderr and "NA406" in result.stderr
    after = {p: p.read_bytes() for p in (project / "site").rglob("*") if p.is_file()}
    assert after == before


def test_pre_commit_hooks_run_the_real_command(tmp_path):
    import shlex

    import yaml

    hooks = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    by_id = {hook["id"]: hook for hook in hooks}
    assert set(by_id) == {"notice-archive-check", "notice-archive-fix"}
    project = copy_project(tmp_path)
    bad = write(project, "bad.md", mutate("status: issued", "status: published", text=FITS))
    for hook in hooks:
        assert hook["language"] == "python"
        assert re.search(hook["files"], bad) and not re.search(hook["files"], "README.md")
    program, *args = shlex.split(by_id["notice-archive-check"]["entry"])
    assert program == "notice-archive"
    result = cli(project, *args, bad)
    assert result.returncode == 1 and f"{bad}:" in result.stdout


def test_pull_request_workflow():
    import yaml

    workflow = yaml.safe_load((ROOT / ".github" / "workflows" / "check.yml").read_text(
        encoding="utf-8"))
    assert "pull_request" in workflow[True]  # YAML 1.1 reads the key `on` as true
    steps = workflow["jobs"]["check"]["steps"]
    runs = [step.get("run", "") for step in steps]
    uses = [step.get("uses", "") for step in steps]
    assert any(u.startswith("actions/setup-python") for u in uses)
    assert next(s for s in steps if "setup-python" in s.get("uses", ""))["with"][
        "python-version"] == "3.11"
    assert "pip install -e ." in runs
    assert "notice-archive check --format github" in runs
    # A pull request is built in safe mode: configuration and theme from the base branch.
    build = 'notice-archive build --safe --base "origin/$BASE_REF" --profile public'
    assert build in runs
    upload = next(s for s in steps if s.get("uses", "").startswith("actions/upload-artifact"))
    assert upload["with"]["path"] == "site/"
    assert runs.index("notice-archive check --format github") < runs.index(build)
    platforms = workflow["jobs"]["platforms"]
    assert set(platforms["strategy"]["matrix"]["os"]) == {"windows-latest", "macos-latest"}
    platform_runs = [step.get("run", "") for step in platforms["steps"]]
    assert "notice-archive check" in platform_runs
    assert "notice-archive build --profile public" in platform_runs
    assert 'python -m pytest -m "not browser" -q' in platform_runs


def test_named_files_outside_the_archive_are_checked_in_its_context(project, tmp_path_factory):
    outside = tmp_path_factory.mktemp("incoming") / "notice.txt"
    outside.write_text(mutate("300/TB-VPUBND", "98/TB-VPUBND", text=FITS), encoding="utf-8")
    result = cli(project, "check", str(outside))
    assert result.returncode == 1
    assert f"{outside.resolve().as_posix()}:2:1: error NA201" in result.stdout  # vs the archive
    hidden = write(project, "_hidden.md", "no front matter\n")
    result = cli(project, "check", hidden)
    assert result.returncode == 1 and f"{hidden}:1:1: error NA010" in result.stdout
    assert cli(project, "check").returncode == 0  # not part of the archive when not named


def test_notice_files_with_another_extension_are_errors(project):
    for name in ("upper.MD", "long.markdown", "saved.md.txt"):
        (project / "notices" / "2024" / name).write_text(FITS, encoding="utf-8")
    (project / "notices" / "2024" / "original.pdf").write_bytes(b"%PDF-1.4")  # attachments: fine
    result = cli(project, "check")
    assert result.returncode == 1
    assert re.findall(r"^notices/2024/(\S+):1:1: error NA009", result.stdout, re.M) == [
        "long.markdown", "saved.md.txt", "upper.MD"]
    assert '"saved.md"' in result.stdout and '"upper.md"' in result.stdout


def test_github_paths_are_relative_to_the_repository(tmp_path):
    import os
    import subprocess
    import sys

    project = copy_project(tmp_path / "site-src")
    write(project, "bad.md", mutate("status: issued", "status: published", text=FITS))
    env = {**os.environ, "GITHUB_WORKSPACE": str(tmp_path)}
    result = subprocess.run([sys.executable, "-m", "generator", "check", "--format", "github"],
                            cwd=project, env=env, capture_output=True, text=True, encoding="utf-8")
    assert result.returncode == 1
    assert "::error file=site-src/notices/2024/bad.md," in result.stdout
    assert "notices/2024/bad.md:" in result.stderr  # the full list stays in the log


def test_an_invalid_notice_is_reported_once_not_echoed_by_its_references(project):
    """145/TB-VPUBND with an invalid status drops out of the archive; 151/TB-VPUBND, which
    supersedes it, must not get NA203 ("not in the archive") for what is 145's own error."""
    path = project / "notices" / "2024" / "ket-luan-gpmb-chau-thanh-a-2024.md"
    path.write_text(path.read_text(encoding="utf-8").replace("status: superseded",
                                                             "status: supersede"),
                    encoding="utf-8")
    result = cli(project, "check")
    assert result.returncode == 1
    codes = re.findall(r" error (NA\d+):", result.stdout)
    assert codes == ["NA104"], result.stdout
