#!/bin/sh
# run-tests.sh BUILD: run every Criterion suite in BUILD/tests with a sealed
# environment, and print one closing line "N passed, N failed".
set -u
build=$1
pass=0 fail=0 failed=""
export DVK_BIN="$PWD/$build/dvk" DVK_SRC="$PWD"
export TZ=UTC LANG=C.UTF-8 LC_ALL=C.UTF-8 TERM=xterm-256color
unset DVK_DATA DVK_UNIT DVK_USER DVK_LANG LINES COLUMNS NO_COLOR
for t in "$build"/tests/test_*; do
	case $t in *.o|*.d) continue ;; esac
	[ -x "$t" ] || continue
	home=$(mktemp -d)
	if HOME=$home XDG_CONFIG_HOME=$home/.config XDG_DATA_HOME=$home/.local/share \
		XDG_STATE_HOME=$home/.local/state XDG_CACHE_HOME=$home/.cache \
		"$t" --jobs 2 --short-filename; then
		pass=$((pass + 1))
	else
		fail=$((fail + 1)); failed="$failed ${t##*/}"
	fi
	rm -rf "$home"
done
[ -n "$failed" ] && echo "failed suites:$failed"
echo "suites: $pass passed, $fail failed"
[ "$fail" = 0 ]
