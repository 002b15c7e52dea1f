#!/bin/sh
# Copyright 2026 the dvk developers.  SPDX-License-Identifier: GPL-3.0-or-later
# bench.sh BUILD: run dvk, less and calcurse the same way in a pseudo-terminal
# (bench/ptybench.c: forkpty + libvterm, 80x24, TERM=xterm-256color,
# LANG=C.UTF-8, an empty HOME) and time dvk's file verbs against a bare
# libyaml parse of the same bytes; print one table.
#
# Environment: RUNS (first-paint samples per program, default 15),
# UNITS (largest number of unit files, default 5000), BIG (the largest
# state file's events, default 70000), MILLION (events the engine builds
# in memory, default 1000000; 0 skips), BENCH_5K=0 skips the 5,000 unit
# files (making them and reading them takes minutes), KEEP=1 keeps the
# work folder.
set -u
build=${1:-build}
pb=$build/bench/ptybench
gen=$build/bench/genstate
floor=$build/bench/yamlfloor
dvk=$PWD/$build/dvk
runs=${RUNS:-15}
max_units=${UNITS:-5000}
big=${BIG:-70000}
million=${MILLION:-1000000}
dir=thanh-hoa-dvk-2023
w=$(mktemp -d /tmp/dvk-bench-XXXXXX)
[ "${KEEP:-0}" = 1 ] || trap 'rm -rf "$w"' EXIT
out=$w/raw.txt
: > "$out"
# the verbs run without a terminal (ptybench -T) get a laptop profile of
# the work folder's, never the caller's: their journal, replica and clock
export HOME="$w/home" XDG_STATE_HOME="$w/xs-cli" XDG_CONFIG_HOME="$w/xc" XDG_CACHE_HOME="$w/cache"
mkdir -p "$HOME"

have() { command -v "$1" >/dev/null 2>&1; }
if ! have less || ! have calcurse; then
	if [ "$(id -u)" = 0 ] && have apt-get; then
		echo "bench: installing less and calcurse" >&2
		{ apt-get install -y -qq --no-install-recommends less calcurse ||
		  { apt-get update -qq && apt-get install -y -qq --no-install-recommends less calcurse; }; } >/dev/null 2>&1
	fi
fi
have less || echo "bench: less is missing: its column stays empty" >&2
have calcurse || echo "bench: calcurse is missing (apt-get install calcurse): its column stays empty" >&2
have strace || echo "bench: strace is missing: write() counts stay empty" >&2

note() { printf '%s\n' "$*" >&2; }
rec() { printf '%s\n' "$*" >> "$out"; }

# The static binary (make static), measured beside build/dvk when it has
# been built: bench does not build it (the first `make static` takes
# minutes).
static=$PWD/build-static/dvk
[ -x "$static" ] || { static=; note "bench: no build-static/dvk (make static): its rows stay empty"; }

# ---- data ------------------------------------------------------------
note "bench: making state files in $w"
text=content/thanh-hoa-dvk-2023.yaml           # what less pages through
mkdir -p "$w/empty" "$w/big/$dir" "$w/big70/$dir" "$w/xs" "$w/xc" "$w/cal" "$w/units/$dir"
$gen "$w/big/$dir/xa-b.dvk.yaml" 10000 xa-b 1 || exit 1
$gen "$w/big70/$dir/xa-b.dvk.yaml" "$big" xa-b 1 || exit 1
rec "filesize 10000 $(wc -c <"$w/big/$dir/xa-b.dvk.yaml")"
rec "filesize $big $(wc -c <"$w/big70/$dir/xa-b.dvk.yaml")"
for n in 200 1000 10000 $big; do
	mkdir -p "$w/save$n/$dir"
	$gen "$w/save$n/$dir/xa-b.dvk.yaml" $n xa-b 7 || exit 1
done
$gen "$w/merge-a.yaml" 10000 xa-b 11 && $gen "$w/merge-b.yaml" 10000 xa-b 12 || exit 1
[ "${BENCH_5K:-1}" = 1 ] || [ "$max_units" -lt 5000 ] || max_units=1000
$gen -m "$w/units/$dir" "$max_units" 200 100 || exit 1

# dvk's laptop profile is made once, as on a real laptop after first use
# (one profile per data folder: what was seen is kept per unit)
DVKENV="-e DVK_UNIT=xa-b -e DVK_USER=Bench -e XDG_CONFIG_HOME=$w/xc -e ESCDELAY=25"
dvkenv() { echo "$DVKENV -e XDG_STATE_HOME=$w/xs-$1 -e DVK_DATA=$w/$1"; }
# (each data folder gets its own profile: dvk opens on "what others
# changed since you last looked" when a profile saw an older copy of the
# unit's file; here every profile has seen the file as it is)
# (a 70,000-event file takes seconds to read: wait for it)
for d in empty big big70 save200 save1000 save10000 save$big; do
	$pb -W 120000 $(dvkenv $d) -k @wait=Tiến -k @quit=q -- "$dvk" >/dev/null
done

# ---- first paint: programs interleaved so load hits them alike ----------
note "bench: first paint, $runs runs each"
per=3
i=0
while [ $i -lt "$runs" ]; do
	# the paint is done when the screen shows its last line (the first
	# page's text for less, the key bar for dvk and calcurse)
	have less && $pb -P $per -m '# dvk directive' -- less "$text" | sed -n 's/^paint_samples/paint less/p' >> "$out"
	$pb -P $per -m 'trợ giúp' $(dvkenv empty) -- "$dvk" | sed -n 's/^paint_samples/paint dvk/p' >> "$out"
	$pb -P $per -m 'trợ giúp' $(dvkenv big) -- "$dvk" | sed -n 's/^paint_samples/paint dvk10k/p' >> "$out"
	$pb -P $per -m 'trợ giúp' $(dvkenv big70) -- "$dvk" | sed -n 's/^paint_samples/paint dvk70k/p' >> "$out"
	[ -n "$static" ] && $pb -P $per -m 'trợ giúp' $(dvkenv empty) -- "$static" | sed -n 's/^paint_samples/paint static/p' >> "$out"
	have calcurse && $pb -P $per -m 'OtherCmd' -- calcurse -D "$w/cal" | sed -n 's/^paint_samples/paint calcurse/p' >> "$out"
	i=$((i + per))
done

# the first screen of a big file is usable at once (the directive, the
# keys, "đang tải"); its figures come when the file is read and checked:
# that time too, fewer runs (each reads the whole file)
i=0
while [ $i -lt 5 ]; do
	$pb -P 1 -W 120000 -m 'Tiến độ' $(dvkenv big70) -- "$dvk" | sed -n 's/^paint_samples/paint dvk70k-figures/p' >> "$out"
	$pb -P 1 -W 120000 -m 'Tiến độ' $(dvkenv big) -- "$dvk" | sed -n 's/^paint_samples/paint dvk10k-figures/p' >> "$out"
	i=$((i + 1))
done

# instructions to the first screen (and quitting), counted by callgrind:
# unlike milliseconds, these do not depend on what else the machine does
if have valgrind && have callgrind_annotate; then
	ir() { # NAME TEXT-ON-THE-FIRST-SCREEN ENV-OPTIONS then the program
		name=$1 mark=$2 envopts=$3; shift 3
		$pb $envopts -k "@wait=$mark" -k @quit=q -- valgrind --tool=callgrind --callgrind-out-file="$w/cg.$name" "$@" >/dev/null 2>&1
		callgrind_annotate "$w/cg.$name" 2>/dev/null |
			awk -v n="$name" '/PROGRAM TOTALS/ { gsub(",", "", $1); print "ir", n, $1 }' >> "$out"
	}
	have less && ir less '# dvk directive' "" less "$text"
	ir dvk 'trợ giúp' "$(dvkenv empty)" "$dvk"
	[ -n "$static" ] && ir static 'trợ giúp' "$(dvkenv empty)" "$static"
fi

# ---- keys: bytes (plain run) and write() calls (under strace) -----------
note "bench: bytes and writes per key, idle, peak memory"
keys() { # NAME then ptybench arguments
	name=$1; shift
	$pb "$@" | sed "s/^/$name /" >> "$out"
	if have strace; then
		$pb -S "$@" | sed -n "s/^step/$name-strace step/p" >> "$out"
	fi
}
if have less; then
	keys less -k j -k @space -k @idle=5000 -k @quit=q -- less "$text"
fi
if have calcurse; then
	keys calcurse -k l -k j -k @idle=5000 -k @quit=q -- calcurse -D "$w/cal"
fi
# dvk: a move in the overview list; section 3 (text and seven items):
# page down and up; open item 3.1; the note editor: type a and ệ; back
keys dvk $(dvkenv empty) -k @wait=Tiến -k @down -k @up -k @down -k @down \
	-k @enter -k @pgdn -k @pgup -k @enter -k e -k a -k ệ -k '\x7f' -k '\x7f' -k @esc -k @esc \
	-k @idle=5000 -k @esc -k @quit=q -- "$dvk"
# the same with 10,000 events in the file
$pb $(dvkenv big) -k @wait=Tiến -k @down -k @idle=5000 -k @quit=q -- "$dvk" |
	sed "s/^/dvk10k /" >> "$out"

# CPU per key at 0, 10,000 and 70,000 events (the program's CPU clock, read
# by ptybench around each key): moves in the overview, open a section,
# open an item, back twice; the file read first (@wait for its figures)
for d in empty big big70; do
	$pb -W 120000 $(dvkenv $d) -k @wait=Tiến -k @down -k @down -k @up -k @up -k @down -k @up \
		-k @down -k @up -k @enter -k @enter -k @esc -k @esc -k @quit=q -- "$dvk" |
		sed "s/^/cpukey-$d /" >> "$out"
done

# ---- files: status and report against the floor -------------------------
note "bench: dvk status / dvk report over unit files"
for n in 1 10 100 1000 5000; do
	[ $n -le "$max_units" ] || break
	[ $n -lt 5000 ] || [ "${BENCH_5K:-1}" = 1 ] || break
	mkdir -p "$w/u$n/$dir"
	ls "$w/units/$dir" | head -n $n | while read -r f; do ln "$w/units/$dir/$f" "$w/u$n/$dir/$f"; done
	set -- "$w/u$n/$dir"/*.dvk.yaml
	r=$(( n >= 5000 ? 2 : n >= 100 ? 3 : 7 ))
	while [ $r -gt 0 ]; do # interleaved, so a busy moment hits all three
		$pb -T 1 -- $floor "$@" | sed "s/^/floor $n /" >> "$out"
		$pb -T 1 -- "$dvk" --data "$w/u$n" --unit xa-0000 status "$@" | sed "s/^/status $n /" >> "$out"
		$pb -T 1 -- "$dvk" --data "$w/u$n" --unit xa-0000 report "$w/u$n/$dir" | sed "s/^/report $n /" >> "$out"
		r=$((r - 1))
	done
done
set --
# and in instructions (callgrind), which the machine's load does not change
if have valgrind && have callgrind_annotate && [ -d "$w/u10" ]; then
	set -- "$w/u10/$dir"/*.dvk.yaml
	for prog in floor status; do
		if [ $prog = floor ]; then
			valgrind --tool=callgrind --callgrind-out-file="$w/cg.files-$prog" $floor "$@" >/dev/null 2>&1
		else
			valgrind --tool=callgrind --callgrind-out-file="$w/cg.files-$prog" "$dvk" --data "$w/u10" --unit xa-0000 status "$@" >/dev/null 2>&1
		fi
		callgrind_annotate "$w/cg.files-$prog" 2>/dev/null |
			awk -v n="files-$prog" '/PROGRAM TOTALS/ { gsub(",", "", $1); print "ir", n, $1 }' >> "$out"
	done
	set --
fi

note "bench: merge, saves"
for r in 1 2 3; do
	$pb -T 1 -- $floor "$w/merge-a.yaml" "$w/merge-b.yaml" | sed "s/^/floor merge /" >> "$out"
	$pb -T 1 -- "$dvk" --unit xa-b merge "$w/merge-a.yaml" "$w/merge-b.yaml" -o "$w/merged.yaml" |
		sed "s/^/merge 1 /" >> "$out"
done

# ---- save latency: key press in the TUI to the file renamed into place ----
# (-j: the journal's segment folder, where the edit is durable first)
for n in 200 1000 10000 $big; do
	f="$w/save$n/$dir/xa-b.dvk.yaml"
	seg="$w/xs-save$n/dvk/journal/$dir/xa-b.dvk.yaml.d"
	mkdir -p "$seg"
	# item 1.1 is being worked on: Space toggles it done / not done (on
	# an item marked not applicable it would ask first, and save nothing)
	XDG_STATE_HOME="$w/xs-save$n" DVK_USER=Bench "$dvk" --data "$w/save$n" --unit xa-b \
		set 1.1 status=in-progress >/dev/null 2>&1
	$pb -W 120000 $(dvkenv save$n) -w "$f" -j "$seg" -k @wait=Tiến -k @enter -k @wait=1.1 \
		-k @save -k @save -k @save -k @save -k @save -k @save -k @save -k @esc -k @quit=q -- "$dvk" |
		sed -n "s/^save/save $n/p" >> "$out"
	# the command line's save against reading the same file: one `dvk
	# set` (process start, load, edit, lock, journal, re-read, join,
	# write, fsync, rename) and one `dvk status`, interleaved, with this
	# laptop's journal as a laptop has it
	for r in 1 2 3 4 5; do
		$pb -T 1 -e XDG_STATE_HOME="$w/xs-save$n" -- "$dvk" --data "$w/save$n" --unit xa-b --user B set 1.2 "note=n$r" |
			sed "s/^/set $n /" >> "$out"
		$pb -T 1 -e XDG_STATE_HOME="$w/xs-save$n" -- "$dvk" --data "$w/save$n" --unit xa-b status |
			sed "s/^/status-one $n /" >> "$out"
	done
	rec "filesize-save $n $(wc -c <"$f")"
done

# ---- the engine: a million events built in memory (bench/genstate -n) ----
if [ "$million" -gt 0 ]; then
	note "bench: $million events in memory"
	$gen -n "$million" 5 | sed "s/^/engine /" >> "$out"
fi

# ---- the static binary: size, and start-up of a verb ----------------------
if [ -n "$static" ]; then
	note "bench: the static binary"
	strip -o "$w/dvk-stripped" "$dvk"
	rec "size static $(wc -c <"$static")"
	rec "size dynamic $(wc -c <"$w/dvk-stripped")"
	# interleaved, so a busy moment hits both alike
	for r in 1 2 3; do
		for b in static dynamic; do
			bin=$dvk
			[ $b = static ] && bin=$static
			$pb -T 5 -- "$bin" --version | sed "s/^/version-$b 1 /" >> "$out"
			$pb -T 5 $(dvkenv empty) -- "$bin" status | sed "s/^/status-$b 1 /" >> "$out"
		done
	done
fi

# ---- the table ------------------------------------------------------------
[ "${KEEP:-0}" = 1 ] && note "bench: raw figures in $out"
awk -v runs="$runs" -f bench/table.awk "$out"
