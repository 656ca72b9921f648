#!/bin/sh
# Build both archives from a checkout of the reviewed main branch and publish each into its own
# folder, atomically (a failed build leaves the published folder as it was).
#   deploy/publish.sh [PROJECT_DIR]
# Never run on pull-request code: see README, "Publishing the internal archive".
set -eu
PUBLIC_DIR=${PUBLIC_DIR:-/srv/notice-archive/public}
INTERNAL_DIR=${INTERNAL_DIR:-/srv/notice-archive/internal}
NOTICE_ARCHIVE=${NOTICE_ARCHIVE:-notice-archive}
cd "${1:-.}"
"$NOTICE_ARCHIVE" build --profile public --site-dir "$PUBLIC_DIR" --quiet
"$NOTICE_ARCHIVE" build --profile internal --site-dir "$INTERNAL_DIR" --quiet
