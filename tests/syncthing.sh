#!/bin/sh
# Copyright 2026 the dvk developers.  SPDX-License-Identifier: GPL-3.0-or-later
# syncthing.sh: two real Syncthing instances on loopback share a dvk data
# folder.  Both edit the same unit while the folder is paused; when it
# resumes, Syncthing keeps one side under the real name and makes a
# conflict copy of the other.  `dvk fold` on one side must leave one file
# holding both sides' edits on both machines, and no conflict copy
# anywhere.
#
# `race` (#10's acceptance): both sides run SETS `dvk set` each, with
# random short pauses, at the same time while Syncthing syncs, ROUNDS
# rounds.  Under concurrent saves Syncthing may put the peer's older file
# over a newer local one without a conflict copy; every acknowledged edit
# (a `dvk set` that exited 0) must still be in the file on both sides at
# the end of every round, after a `dvk status` (and `dvk fold`) on each
# side and a final sync.
#
# Loopback only: discovery, relays, NAT, usage and crash reports are off.
# Every wait is bounded.  Exit status: 0 pass, 77 skip (no syncthing or
# curl), anything else fail.
# Usage: DVK=path/to/dvk tests/syncthing.sh [conflict | race [ROUNDS [SETS]]]
set -u
SCENARIO=${1:-conflict}
ROUNDS=${2:-10}
SETS=${3:-40}

command -v syncthing >/dev/null 2>&1 || { echo "syncthing is not installed"; exit 77; }
command -v curl >/dev/null 2>&1 || { echo "curl is not installed"; exit 77; }
command -v python3 >/dev/null 2>&1 || { echo "python3 is not installed"; exit 77; }
DVK=${DVK:-build/dvk}
case $DVK in /*) ;; *) DVK=$PWD/$DVK ;; esac

T=$(mktemp -d "${TMPDIR:-/tmp}/dvk-syncthing-XXXXXX")
pids=""
cleanup() {
	for p in $pids; do kill "$p" 2>/dev/null; done
	for p in $pids; do wait "$p" 2>/dev/null; done
	rm -rf "$T"
}
trap cleanup EXIT INT TERM
fail() {
	echo "FAIL: $*"
	for s in a b; do
		echo "--- $s:"; ls -la "$T/$s/data/thanh-hoa-dvk-2023" 2>&1
		echo "--- $s log (tail):"; tail -n 20 "$T/$s/log.txt" 2>/dev/null
	done
	exit 1
}

export HOME=$T STNOUPGRADE=1 STNORESTART=1 STNODEFAULTFOLDER=1 DVK_UNIT=xa-quang-hoa
unset DVK_DATA
REL=thanh-hoa-dvk-2023/xa-quang-hoa.dvk.yaml

# dvk on side a or b: each side is a laptop with its own state folder
# (journal, replica id, clock).
on() {
	side=$1
	shift
	XDG_STATE_HOME="$T/$side/state" "$DVK" --data "$T/$side/data" "$@"
}

# Four free loopback ports: two for sync, two for the REST API.
set -- $(python3 -c '
import socket
ss = [socket.socket() for _ in range(4)]
for s in ss: s.bind(("127.0.0.1", 0))
print(" ".join(str(s.getsockname()[1]) for s in ss))')
PA=$1 PB=$2 GA=$3 GB=$4
KEY=dvk-test-$$-key

for s in a b; do
	mkdir -p "$T/$s/data/.stfolder"
	syncthing generate --home="$T/$s/home" --no-default-folder --skip-port-probing \
		>"$T/$s/gen.txt" 2>&1 || fail "syncthing generate ($s)"
done
IDA=$(syncthing serve --home="$T/a/home" --device-id) || fail "device id a"
IDB=$(syncthing serve --home="$T/b/home" --device-id) || fail "device id b"

# config.xml written whole: only what differs from Syncthing's defaults.
config() { # side own-port gui-port
	cat >"$T/$1/home/config.xml" <<EOF
<configuration version="36">
    <folder id="dvk" label="dvk" path="$T/$1/data" type="sendreceive" rescanIntervalS="3600" fsWatcherEnabled="false" ignorePerms="false" autoNormalize="true">
        <filesystemType>basic</filesystemType>
        <device id="$IDA" introducedBy=""></device>
        <device id="$IDB" introducedBy=""></device>
        <maxConflicts>10</maxConflicts>
    </folder>
    <device id="$IDA" name="a" compression="metadata" introducer="false">
        <address>tcp://127.0.0.1:$PA</address>
    </device>
    <device id="$IDB" name="b" compression="metadata" introducer="false">
        <address>tcp://127.0.0.1:$PB</address>
    </device>
    <gui enabled="true" tls="false" debugging="false">
        <address>127.0.0.1:$3</address>
        <apikey>$KEY</apikey>
    </gui>
    <options>
        <listenAddress>tcp://127.0.0.1:$2</listenAddress>
        <globalAnnounceEnabled>false</globalAnnounceEnabled>
        <localAnnounceEnabled>false</localAnnounceEnabled>
        <relaysEnabled>false</relaysEnabled>
        <natEnabled>false</natEnabled>
        <stunKeepaliveStartS>0</stunKeepaliveStartS>
        <reconnectionIntervalS>2</reconnectionIntervalS>
        <startBrowser>false</startBrowser>
        <urAccepted>-1</urAccepted>
        <autoUpgradeIntervalH>0</autoUpgradeIntervalH>
        <crashReportingEnabled>false</crashReportingEnabled>
        <setLowPriority>false</setLowPriority>
    </options>
</configuration>
EOF
}
config a "$PA" "$GA"
config b "$PB" "$GB"

# Lock, temp and backup files stay on each laptop.
"$DVK" sync-setup "$T/a/data" >/dev/null || fail "sync-setup a"
"$DVK" sync-setup "$T/b/data" >/dev/null || fail "sync-setup b"

for s in a b; do
	syncthing serve --home="$T/$s/home" --no-browser --no-restart --no-upgrade \
		>"$T/$s/log.txt" 2>&1 &
	pids="$pids $!"
done

api() { # side method path [json]
	port=$GA
	[ "$1" = b ] && port=$GB
	if [ $# -ge 4 ]; then
		curl -sf -X "$2" -H "X-API-Key: $KEY" -H 'Content-Type: application/json' \
			-d "$4" "http://127.0.0.1:$port$3"
	else
		curl -sf -X "$2" -H "X-API-Key: $KEY" "http://127.0.0.1:$port$3"
	fi
}

# wait_for SECONDS DESCRIPTION COMMAND...: poll every half second.
wait_for() {
	limit=$(( $1 * 2 )) what=$2
	shift 2
	i=0
	until "$@" >/dev/null 2>&1; do
		i=$((i + 1))
		[ $i -ge $limit ] && fail "timed out waiting for $what"
		sleep 0.5
	done
}

up() { api "$1" GET /rest/system/ping; }
connected() { # side other-id
	api "$1" GET /rest/system/connections | python3 -c "
import sys, json
c = json.load(sys.stdin)['connections'].get('$2', {})
sys.exit(0 if c.get('connected') else 1)"
}
scan() { api "$1" POST "/rest/db/scan?folder=dvk" >/dev/null; }
copies() { ls "$T/$1/data/thanh-hoa-dvk-2023" 2>/dev/null | grep -c 'sync-conflict' ; }
has_copy() { [ "$(copies "$1")" -ge 1 ]; }
no_copy() { [ "$(copies "$1")" -eq 0 ]; }
same() { # the folder's dvk files are the same on both sides
	[ "$(cd "$T/a/data/thanh-hoa-dvk-2023" && ls)" = "$(cd "$T/b/data/thanh-hoa-dvk-2023" && ls)" ] &&
	for f in $(cd "$T/a/data/thanh-hoa-dvk-2023" && ls); do
		cmp -s "$T/a/data/thanh-hoa-dvk-2023/$f" "$T/b/data/thanh-hoa-dvk-2023/$f" || return 1
	done
}
pause() { api "$1" PATCH /rest/config/folders/dvk '{"paused": '"$2"'}' >/dev/null; }

idle() { # side: Syncthing has nothing left to do for the folder
	api "$1" GET "/rest/db/status?folder=dvk" | python3 -c "
import sys, json
s = json.load(sys.stdin)
sys.exit(0 if s.get('state') == 'idle' and s.get('needTotalItems', 0) == 0 else 1)"
}
synced() { idle a && idle b && same; }

# One side's writer: SETS `dvk set` of a note with a value of its own, a
# random pause of 0-200 ms between; each value that was acknowledged
# (exit 0) is written to acked-<side>.
writer() { # side round
	i=0
	while [ $i -lt "$SETS" ]; do
		item=$(echo "1.1 1.2 2.1 2.2 3.1" | cut -d' ' -f$(( i % 5 + 1 )))
		v="$1-r$2-$i"
		if on "$1" --user "người $1" set "$item" note="$v" >/dev/null 2>>"$T/$1/set-errors"; then
			echo "$v" >>"$T/acked-$1"
		fi
		r=$(od -An -N1 -tu1 /dev/urandom | tr -d ' ')
		sleep "$(printf '0.%03d' $(( r * 200 / 255 )))"
		i=$((i + 1))
	done
}

# Every acknowledged value of both sides is in side $1's file.
all_there() {
	missing=0
	for v in $(cat "$T/acked-a" "$T/acked-b" 2>/dev/null); do
		grep -q "^  value: $v\$" "$T/$1/data/$REL" || { missing=$((missing + 1)); echo "  $1 lacks $v"; }
	done
	[ $missing -eq 0 ]
}

# After the writers: each side in turn runs `dvk status` (which puts back
# what its journal holds and the file lost) and `dvk fold`, and Syncthing
# carries that over, until both sides hold the same files and no copy.
settle() {
	k=0
	while [ $k -lt 6 ]; do
		for s in a b; do
			on $s status >/dev/null 2>>"$T/$s/set-errors" || true
			on $s fold >/dev/null 2>>"$T/$s/set-errors" || true
			scan $s
			sleep 1
			wait_for 90 "the sides to agree (round $1, pass $k, after $s)" synced
		done
		no_copy a && no_copy b && synced && return 0
		k=$((k + 1))
	done
	fail "conflict copies do not go away (round $1)"
}

race() {
	: >"$T/acked-a"
	: >"$T/acked-b"
	lost_total=0
	r=1
	while [ $r -le "$ROUNDS" ]; do
		# Syncthing scans both sides all the time, as its watcher would
		( while :; do scan a; scan b; sleep 0.3; done ) &
		scanner=$!
		writer a $r & wa=$!
		writer b $r & wb=$!
		wait $wa $wb
		kill $scanner 2>/dev/null; wait $scanner 2>/dev/null
		# a side's own acknowledged edits its file lacks when the
		# writers stop: Syncthing put the peer's older file over it or
		# moved it into a conflict copy (the journal and fold bring
		# them back)
		for s in a b; do
			n=0
			for v in $(cat "$T/acked-$s"); do
				grep -q "^  value: $v\$" "$T/$s/data/$REL" 2>/dev/null || n=$((n + 1))
			done
			lost_total=$((lost_total + n))
		done
		scan a; scan b
		wait_for 90 "Syncthing to finish round $r" synced
		settle $r
		all_there a || fail "round $r: side a lacks acknowledged edits"
		all_there b || fail "round $r: side b lacks acknowledged edits"
		out=$("$DVK" check "$T/a/data/$REL") || fail "round $r: the file does not check: $out"
		echo "round $r: $(wc -l <"$T/acked-a") + $(wc -l <"$T/acked-b") acknowledged edits, all on both sides; $(cat "$T/a/set-errors" "$T/b/set-errors" | grep -c . ) messages from dvk so far"
		r=$((r + 1))
	done
	for s in a b; do [ -s "$T/$s/set-errors" ] && { echo "--- what dvk said on $s (tail):"; sort "$T/$s/set-errors" | uniq -c | sort -rn | head -n 8; }; done
	echo "ok: $ROUNDS rounds of $SETS + $SETS concurrent saves; every acknowledged edit on both sides"
	echo "    ($lost_total times a side's own acknowledged edit was missing from its file when the writers stopped)"
	return 0
}

wait_for 60 "syncthing a to start" up a
wait_for 60 "syncthing b to start" up b
wait_for 60 "a and b to connect" connected a "$IDB"

[ "$SCENARIO" = race ] && {
	race
	exit $?
}

# A first file, made on a, reaches b.
on a --user 'Lê Thị Hạnh' set 1.1 status=done >/dev/null || fail "set on a"
scan a
wait_for 60 "the first file to reach b" cmp -s "$T/a/data/$REL" "$T/b/data/$REL"

# Both edit the same unit offline: the folder is paused on both sides.
pause a true || fail "pause a"
pause b true || fail "pause b"
on a --user 'Trần Văn Minh' set 1.2 status=in-progress >/dev/null || fail "edit on a"
sleep 1.1 # different modification times: Syncthing picks the winner by them
on b --user 'Lê Thị Hạnh' set 1.2 status=done >/dev/null || fail "edit on b"
on b --user 'Lê Thị Hạnh' set 2.1 status=done note='Đã họp' >/dev/null || fail "edit on b"
pause a false || fail "resume a"
pause b false || fail "resume b"
scan a; scan b

# Syncthing settles it its way: a conflict copy, on both sides.
wait_for 90 "Syncthing's conflict copy on both sides" sh -c "
	[ \$(ls '$T/a/data/thanh-hoa-dvk-2023' | grep -c sync-conflict) -ge 1 ] &&
	[ \$(ls '$T/b/data/thanh-hoa-dvk-2023' | grep -c sync-conflict) -ge 1 ]"
wait_for 60 "both sides to agree" same
echo "conflict copy: $(ls "$T/a/data/thanh-hoa-dvk-2023" | grep sync-conflict)"

# dvk folds it on one side; Syncthing carries the result to the other.
on a fold || fail "dvk fold on a"
scan a
wait_for 60 "no conflict copy on b" no_copy b
scan b
wait_for 60 "both sides to agree after the fold" same
no_copy a || fail "a conflict copy is back on a"

out=$("$DVK" check "$T/a/data/$REL") || fail "the folded file does not check: $out"
echo "$out"
case $out in *"5 events, 1 conflict)"*) ;; *) fail "expected 5 events and the 1.2 conflict: $out" ;; esac
grep -q 'value: in-progress' "$T/b/data/$REL" && grep -q 'value: done' "$T/b/data/$REL" &&
	grep -q 'note: Đã họp' "$T/b/data/$REL" || fail "b lacks an edit"
ls -a "$T/a/data/thanh-hoa-dvk-2023" "$T/b/data/thanh-hoa-dvk-2023"
echo "ok: one file with both sides' edits on both machines, no conflict copy"
exit 0
