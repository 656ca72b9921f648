"""Remake the handbook's pictures (docs/handbook/img/*.png) with the headless Chromium the tests
drive: a notice page, search results, an agency's task page, an import report and the change
summary a pull request gets.

    .venv/bin/python tools/screenshots.py            # into docs/handbook/img/
    .venv/bin/python tools/screenshots.py --out DIR

It builds a copy of the sample archive in a temporary folder, serves it on 127.0.0.1 and opens
each page in Chromium (Debian's `chromium` and `chromium-driver`; nothing is downloaded). The
import report and the change summary are the real output of `notice-archive import` and
`notice-archive diff`, shown as a terminal and as GitHub shows a job summary. The pictures are
reduced to a palette of 64 colours, so each stays small enough to commit.
"""

from __future__ import annotations

import argparse
import functools
import html
import http.server
import shutil
import subprocess
import sys
import tempfile
import threading
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "docs" / "handbook" / "img"
CHROMIUM_FLAGS = ("--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
                  "--disable-background-networking", "--disable-component-update",
                  "--disable-sync", "--disable-dev-shm-usage", "--hide-scrollbars",
                  "--force-device-scale-factor=1")
NOTICE = "2024/178-tb-vpubnd/"         # a notice with a task table
SEARCH = "tim-kiem/?q=de+an+06"        # typed without diacritics
TASKS = "nhiem-vu/cong-an-tinh/"        # open, overdue and completed tasks
ORIGINAL = ROOT / "tests" / "originals" / "08-ocr-confusions.txt"  # OCR slips to confirm
CHANGED = "notices/2024/ket-luan-giao-ban-chuan-bi-trien-khai-luat-llbvanttcs.md"


def notice_archive(project: Path, *args: str) -> str:
    result = subprocess.run([sys.executable, "-m", "generator", *args], cwd=project,
                            capture_output=True, text=True, encoding="utf-8")
    if result.returncode not in (0, 1):
        raise SystemExit(f"notice-archive {' '.join(args)}: {result.stderr}")
    return result.stdout


def project_copy(folder: Path, notices: bool = True) -> Path:
    folder.mkdir(parents=True)
    shutil.copy(ROOT / "mkdocs.yml", folder / "mkdocs.yml")
    shutil.copytree(ROOT / "theme", folder / "theme")
    if notices:
        shutil.copytree(ROOT / "notices", folder / "notices")
    else:
        (folder / "notices").mkdir()
        for name in ("topics.yml", "agencies.yml"):
            shutil.copy(ROOT / "notices" / name, folder / "notices" / name)
    return folder


def serve(folder: Path) -> tuple[str, http.server.ThreadingHTTPServer]:
    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *args):
            pass
    server = http.server.ThreadingHTTPServer(
        ("127.0.0.1", 0), functools.partial(Quiet, directory=str(folder)))
    threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05},
                     daemon=True).start()
    return f"http://127.0.0.1:{server.server_address[1]}/", server


def chromium(profile: Path):
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service
    options = webdriver.ChromeOptions()
    options.binary_location = shutil.which("chromium") or "/usr/bin/chromium"
    for flag in CHROMIUM_FLAGS:
        options.add_argument(flag)
    options.add_argument(f"--user-data-dir={profile}")
    driver = webdriver.Chrome(service=Service(shutil.which("chromedriver") or
                                              "/usr/bin/chromedriver"), options=options)
    driver.set_page_load_timeout(30)
    return driver


def shoot(driver, url: str, target: Path, size: tuple[int, int], ready: str | None = None):
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import WebDriverWait
    driver.set_window_size(*size)
    driver.get(url)
    if ready:
        WebDriverWait(driver, 15).until(lambda d: d.find_elements(By.CSS_SELECTOR, ready))
    driver.save_screenshot(str(target))
    small(target)


def small(png: Path) -> None:
    """A palette of 64 colours: text and flat colours stay sharp, the file a fraction."""
    from PIL import Image
    with Image.open(png) as image:
        reduced = image.convert("RGB").quantize(colors=64, method=Image.Quantize.MEDIANCUT)
    reduced.save(png, optimize=True)


TERMINAL = """<!doctype html><html lang="vi"><meta charset="utf-8"><style>
body {{ margin: 0; background: #1e1e1e; }}
pre {{ margin: 0; padding: 14px 18px; color: #e6e6e6; font: 14px/1.45 "DejaVu Sans", sans-serif;
       white-space: pre-wrap; }}
.prompt {{ color: #8ae234; }}
/* A proportional face: DejaVu Sans Mono lacks letters such as ố and ầ, which Chromium would
   then draw as a base letter and a loose mark. */
</style><pre><span class="prompt">$ {command}</span>
{output}</pre></html>"""

SUMMARY = """<!doctype html><html lang="vi"><meta charset="utf-8"><style>
body {{ margin: 0; background: #f6f8fa; font: 14px/1.5 "DejaVu Sans", sans-serif; color: #1f2328; }}
.box {{ margin: 16px; background: #fff; border: 1px solid #d0d7de; border-radius: 6px; }}
.head {{ padding: 10px 16px; border-bottom: 1px solid #d0d7de; font-weight: 600; }}
.body {{ padding: 4px 16px 12px; }}
code {{ background: #eff1f3; padding: 1px 4px; border-radius: 4px; font-size: 90%; }}
pre {{ background: #f6f8fa; padding: 8px; overflow: hidden; white-space: pre-wrap; }}
table {{ border-collapse: collapse; }} td, th {{ border: 1px solid #d0d7de; padding: 4px 10px; }}
</style><div class="box"><div class="head">check summary</div><div class="body">{body}</div></div></html>"""


def import_report(folder: Path) -> str:
    project = project_copy(folder / "import", notices=False)
    original = project / "tb-178-ban-quet.txt"
    shutil.copy(ORIGINAL, original)
    output = notice_archive(project, "import", original.name)
    return TERMINAL.format(command=f"notice-archive import {original.name}",
                           output=html.escape(output))


def change_summary(folder: Path) -> str:
    """A pull request that publishes an internal notice and corrects a sentence: the summary
    `notice-archive diff` writes into the job's page."""
    import markdown
    project = project_copy(folder / "diff")
    git = ["git", "-c", "user.name=vt", "-c", "user.email=vt@example.vn"]
    subprocess.run(["git", "init", "-q"], cwd=project, check=True)
    subprocess.run(git + ["add", "-A"], cwd=project, check=True)
    subprocess.run(git + ["commit", "-qm", "x"], cwd=project, check=True)
    path = project / CHANGED
    text = path.read_text(encoding="utf-8").replace("classification: internal",
                                                     "classification: public", 1)
    first = text.split("\n---\n", 1)[1].strip().split("\n")[0]
    text = text.replace(first, first.rstrip(".") + ", có đại diện Văn phòng UBND tỉnh dự.", 1)
    path.write_text(text, encoding="utf-8")
    summary = notice_archive(project, "diff", "HEAD")
    body = markdown.markdown(summary, extensions=["tables", "md_in_html"])
    return SUMMARY.format(body=body)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, default=OUT, help="folder of the PNG files")
    args = parser.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="screenshots-") as tmp:
        tmp = Path(tmp)
        project = project_copy(tmp / "archive")
        notice_archive(project, "build", "-q")
        pages = tmp / "pages"
        pages.mkdir()
        (pages / "bao-cao-nhap.html").write_text(import_report(tmp), encoding="utf-8")
        (pages / "nhan-xet-pr.html").write_text(change_summary(tmp), encoding="utf-8")
        site, site_server = serve(project / "site")
        local, local_server = serve(pages)
        driver = chromium(tmp / "chromium-profile")
        try:
            shoot(driver, site + NOTICE, args.out / "trang-thong-bao.png", (1100, 900))
            shoot(driver, site + SEARCH, args.out / "ket-qua-tim-kiem.png", (1100, 800),
                  ready="#na-results-list a.na-hit__title")
            shoot(driver, site + TASKS, args.out / "trang-nhiem-vu.png", (1300, 800))
            shoot(driver, local + "bao-cao-nhap.html", args.out / "bao-cao-nhap.png", (1000, 700))
            shoot(driver, local + "nhan-xet-pr.html", args.out / "nhan-xet-pr.png", (1000, 640))
        finally:
            driver.quit()
            site_server.shutdown()
            local_server.shutdown()
    for png in sorted(args.out.glob("*.png")):
        print(f"{png.relative_to(Path.cwd()) if png.is_relative_to(Path.cwd()) else png}: "
              f"{png.stat().st_size // 1024} KB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
