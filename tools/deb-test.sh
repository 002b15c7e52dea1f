#!/bin/sh
# Copyright 2026 the dvk developers.  SPDX-License-Identifier: GPL-3.0-or-later
# deb-test.sh OUT: install OUT/dvk_*.deb into a clean minimal Debian and use
# it as a person would: dvk --version, the Vietnamese catalogue, man dvk,
# man -L vi dvk, and bash completion of `dvk se<Tab>`.
#
# The chroot is made with debootstrap (minbase, plus man-db,
# bash-completion and dvk's libraries, which apt would install with it)
# from Debian's archive, once: later runs unpack the cached tarball, so
# every run starts from a clean system.  Needs root.
set -eu
out=$1
case $out in /*) ;; *) out=$(pwd)/$out ;; esac
deb=$(ls "$out"/dvk_*.deb | tail -n 1)
cache=$out/bookworm-minbase.tar
root=$out/chroot
mirror=${DEBIAN_MIRROR:-http://deb.debian.org/debian}
fails=0

say() { echo "deb-test: $*"; }
fail() { echo "deb-test: FAIL: $*"; fails=$((fails + 1)); }
in_root() { chroot "$root" env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin HOME=/root TERM=dumb "$@"; }

[ "$(id -u)" = 0 ] || { echo "deb-test: needs root (chroot)"; exit 1; }
if [ ! -f "$cache" ]; then
	say "making a minimal Debian with debootstrap (once)"
	rm -rf "$out/chroot.new"
	debootstrap --variant=minbase \
		--include=man-db,bash-completion,libyaml-0-2,libunistring2,libncursesw6 \
		bookworm "$out/chroot.new" "$mirror" >"$out/debootstrap.log" 2>&1 ||
		{ tail -20 "$out/debootstrap.log"; exit 1; }
	tar -C "$out/chroot.new" -cf "$cache.tmp" . && mv "$cache.tmp" "$cache"
	rm -rf "$out/chroot.new"
fi
rm -rf "$root"
mkdir -p "$root"
tar -C "$root" -xf "$cache"
cp "$deb" "$root/tmp/dvk.deb"

if in_root dpkg -i /tmp/dvk.deb >"$out/dpkg.log" 2>&1; then
	say "dpkg -i: installed"
else
	cat "$out/dpkg.log"
	fail "dpkg -i"
fi

v=$(in_root dvk --version 2>&1) || true
case $v in "dvk "*) say "dvk --version: $v" ;; *) fail "dvk --version said: $v" ;; esac

# the binary in /usr/bin finds /usr/share/locale/vi/LC_MESSAGES/dvk.mo
h=$(in_root env LANG=C.UTF-8 dvk --help 2>&1) || true
case $h in *"cách dùng:"*"dvk [TÙY_CHỌN]"*) say "dvk --help: Vietnamese" ;; *) fail "dvk --help is not Vietnamese: $h" ;; esac

m=$(in_root env LANG=C.UTF-8 MANWIDTH=80 man -P cat dvk 2>&1) || true
case $m in *"NAME"*"track a unit's progress"*"EXIT STATUS"*) say "man dvk: ok" ;;
*) fail "man dvk: $(echo "$m" | head -5)" ;; esac
m=$(in_root env LANG=C.UTF-8 MANWIDTH=80 man -L vi -P cat dvk 2>&1) || true
case $m in *"TÊN"*"theo dõi tiến độ"*"MÃ THOÁT"*) say "man -L vi dvk: ok" ;;
*) fail "man -L vi dvk: $(echo "$m" | head -5)" ;; esac
m=$(in_root env LANG=C.UTF-8 MANWIDTH=80 man -P cat 5 dvk-state 2>&1) || true
case $m in *"dvk-state - "*) say "man 5 dvk-state: ok" ;; *) fail "man 5 dvk-state: $(echo "$m" | head -3)" ;; esac

# bash completion as an interactive bash loads it: on demand, by name
c=$(in_root env LANG=C.UTF-8 bash -c '
	. /usr/share/bash-completion/bash_completion
	_completion_loader dvk
	COMP_WORDS=(dvk se); COMP_CWORD=1; COMP_LINE="dvk se"; COMP_POINT=6
	_dvk; echo "${COMPREPLY[*]}"' 2>&1) || true
case $c in set) say "dvk se<Tab>: set" ;; *) fail "dvk se<Tab> gave: $c" ;; esac
c=$(in_root env LANG=C.UTF-8 bash -c '
	. /usr/share/bash-completion/bash_completion
	_completion_loader dvk
	COMP_WORDS=(dvk set 1.); COMP_CWORD=2; COMP_LINE="dvk set 1."; COMP_POINT=10
	_dvk; echo "${COMPREPLY[*]}"' 2>&1) || true
case $c in "1.1 1.2 1.3 1.4") say "dvk set 1.<Tab>: $c" ;; *) fail "dvk set 1.<Tab> gave: $c" ;; esac

if in_root dpkg -r dvk >>"$out/dpkg.log" 2>&1 && [ ! -e "$root/usr/bin/dvk" ]; then
	say "dpkg -r: removed"
else
	fail "dpkg -r"
fi

# `make install DESTDIR=... PREFIX=/usr` after a plain `make` (a binary
# built for /usr/local): it finds /usr/share/locale/vi/LC_MESSAGES/dvk.mo
if [ -x "${PLAIN_BUILD:-build}/dvk" ]; then
	make -s -o all BUILD="${PLAIN_BUILD:-build}" DESTDIR="$root" PREFIX=/usr install
	[ -f "$root/usr/share/locale/vi/LC_MESSAGES/dvk.mo" ] || fail "make install: no catalogue"
	h=$(in_root env LANG=C.UTF-8 dvk --help 2>&1) || true
	case $h in *"cách dùng:"*"dvk [TÙY_CHỌN]"*) say "make install PREFIX=/usr after make: Vietnamese" ;;
	*) fail "make install PREFIX=/usr after make: $h" ;; esac
	m=$(in_root env LANG=C.UTF-8 MANWIDTH=80 man -L vi -P cat dvk 2>&1) || true
	case $m in *"TÊN"*) ;; *) fail "make install: man -L vi dvk: $(echo "$m" | head -3)" ;; esac
fi
rm -rf "$root"
[ $fails = 0 ] && say "all passed" || { say "$fails failed"; exit 1; }
