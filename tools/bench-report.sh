#!/bin/sh
# Copyright 2026 the dvk developers.  SPDX-License-Identifier: GPL-3.0-or-later
# bench-report.sh [BUILD]: time `dvk report` on 1,000 unit files of about
# 200 events each (made by tests/test_report.c, report_bench suite).
# Prints one line; a measurement, not a pass/fail test.
set -eu
build=${1:-build}
make --no-print-directory BUILD="$build" "$build/dvk" "$build/tests/test_report" >/dev/null
home=$(mktemp -d)
trap 'rm -rf "$home"' EXIT
HOME=$home XDG_CONFIG_HOME=$home/.config XDG_DATA_HOME=$home/.local/share \
	XDG_STATE_HOME=$home/.local/state XDG_CACHE_HOME=$home/.cache TMPDIR=$home \
	TZ=UTC LANG=C.UTF-8 LC_ALL=C.UTF-8 DVK_BENCH=1 \
	DVK_BIN="$PWD/$build/dvk" DVK_SRC="$PWD" \
	"$build/tests/test_report" --filter 'report_bench/*' --jobs 1 2>&1 | grep "report benchmark"
