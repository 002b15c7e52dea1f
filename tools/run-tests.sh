#!/bin/sh
# Copyright 2026 the dvk developers.  SPDX-License-Identifier: GPL-3.0-or-later
# run-tests.sh BUILD [SUITE...]: run every Criterion suite in BUILD/tests
# (or only the ones named), each with a sealed environment (its own HOME
# and XDG folders, UTC, a UTF-8 locale), and end with one line "tests: N
# passed, N failed" summed over suites.
set -u
build=$1
shift
only=" $* "
suites_failed="" passed=0 failed=0
export DVK_BIN="$PWD/$build/dvk" DVK_SRC="$PWD"
export TZ=UTC LANG=C.UTF-8 LC_ALL=C.UTF-8 TERM=xterm-256color
unset DVK_DATA DVK_UNIT DVK_USER LINES COLUMNS NO_COLOR LANGUAGE
# The suites compare the verbs' English output; screen tests and the
# language tests set or unset DVK_LANG for their own runs.
export DVK_LANG=en
# Only libcriterion's own leak is suppressed (see the file); dvk's are not.
export LSAN_OPTIONS="suppressions=$PWD/tools/lsan.supp:print_suppressions=0${LSAN_OPTIONS:+:$LSAN_OPTIONS}"
log=$(mktemp)
for t in "$build"/tests/test_*; do
	case $t in *.o|*.d) continue ;; esac
	[ -x "$t" ] || continue
	[ "$only" = "  " ] || case $only in *" ${t##*/} "*) ;; *) continue ;; esac
	home=$(mktemp -d)
	HOME=$home XDG_CONFIG_HOME=$home/.config XDG_DATA_HOME=$home/.local/share \
		XDG_STATE_HOME=$home/.local/state XDG_CACHE_HOME=$home/.cache TMPDIR=$home \
		"$t" --jobs 2 --short-filename >"$log" 2>&1
	rc=$?
	cat "$log"
	# "[====] Synthesis: Tested: 15 | Passing: 15 | Failing: 0 | Crashing: 0"
	line=$(grep 'Synthesis: Tested:' "$log" | tail -n 1)
	p=$(printf '%s' "$line" | sed -n 's/.*Passing: \([0-9]*\).*/\1/p')
	f=$(printf '%s' "$line" | sed -n 's/.*Failing: \([0-9]*\).*/\1/p')
	passed=$((passed + ${p:-0}))
	failed=$((failed + ${f:-0}))
	if [ "$rc" != 0 ] || [ -z "$line" ]; then
		suites_failed="$suites_failed ${t##*/}"
		[ "${f:-0}" = 0 ] && failed=$((failed + 1))
	fi
	rm -rf "$home"
done
rm -f "$log"
[ -n "$suites_failed" ] && echo "failed suites:$suites_failed"
echo "tests: $passed passed, $failed failed"
[ -z "$suites_failed" ]
