#!/bin/sh
# Build both archives from a checkout of the reviewed main branch and publish each into its own
# folder, atomically (a failed build leaves the published folder as it was).
#   deploy/publish.sh [PROJECT_DIR]
# Never run on pull-request code: see docs/handbook/quan-tri/noi-bo.md.
#
# The notice-archive command is, in this order: $NOTICE_ARCHIVE; the project's .venv (made by
# README's quick start); the .venv of the checkout holding this script; notice-archive on PATH.
set -eu
PUBLIC_DIR=${PUBLIC_DIR:-/srv/notice-archive/public}
INTERNAL_DIR=${INTERNAL_DIR:-/srv/notice-archive/internal}
cd "${1:-.}"
here=$(cd "$(dirname "$0")/.." && pwd)
if [ -z "${NOTICE_ARCHIVE:-}" ]; then
  for candidate in .venv/bin/notice-archive .venv/Scripts/notice-archive.exe \
                   "$here/.venv/bin/notice-archive" "$here/.venv/Scripts/notice-archive.exe"; do
    if [ -x "$candidate" ]; then NOTICE_ARCHIVE=$candidate; break; fi
  done
fi
if [ -z "${NOTICE_ARCHIVE:-}" ]; then
  NOTICE_ARCHIVE=$(command -v notice-archive || true)
fi
if [ -z "$NOTICE_ARCHIVE" ]; then
  echo "publish.sh: không tìm thấy lệnh notice-archive: không có trong $(pwd)/.venv, trong $here/.venv, cũng không có trong PATH." >&2
  echo "Hãy cài đặt theo mục Quick start của README (python3.11 -m venv .venv && .venv/bin/pip install -e .)," >&2
  echo "hoặc chỉ rõ đường dẫn tới lệnh: NOTICE_ARCHIVE=/đường/dẫn/tới/.venv/bin/notice-archive deploy/publish.sh ${1:-.}" >&2
  exit 127
fi
"$NOTICE_ARCHIVE" build --profile public --site-dir "$PUBLIC_DIR" --quiet
"$NOTICE_ARCHIVE" build --profile internal --site-dir "$INTERNAL_DIR" --quiet
