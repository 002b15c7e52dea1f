#!/bin/sh
# syncthing.sh: two real Syncthing instances on loopback share a dvk data
# folder.  Both edit the same unit while the folder is paused; when it
# resumes, Syncthing keeps one side under the real name and makes a
# conflict copy of the other.  `dvk fold` on one side must leave one file
# holding both sides' edits on both machines, and no conflict copy
# anywhere.
#
# Loopback only: discovery, relays, NAT, usage and crash reports are off.
# Every wait is bounded.  Exit status: 0 pass, 77 skip (no syncthing or
# curl), anything else fail.  Usage: DVK=path/to/dvk tests/syncthing.sh
set -u

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

wait_for 60 "syncthing a to start" up a
wait_for 60 "syncthing b to start" up b
wait_for 60 "a and b to connect" connected a "$IDB"

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
