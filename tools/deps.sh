#!/bin/sh
# Copyright 2026 the dvk developers.  SPDX-License-Identifier: GPL-3.0-or-later
# deps.sh: make sure the Debian packages dvk builds and tests with are here.
# Usage: tools/deps.sh [--check] build|test|package
# (package: what make static, make deb and their tests need)
# As root it installs what is missing with apt-get (`make deps`, which
# `make run` and `make test` call); otherwise, or with --check (plain
# `make`), it stops and prints the exact command to run.
set -u
check=false
if [ "${1:-}" = --check ]; then
	check=true
	shift
fi
need=""
have_pc() { pkg-config --exists "$1" 2>/dev/null; }
have_hdr() { printf '#include <%s>\n' "$1" | ${CC:-cc} -E -x c - >/dev/null 2>&1; }

command -v pkg-config >/dev/null 2>&1 || need="$need pkg-config"
command -v cc >/dev/null 2>&1 || need="$need build-essential"
have_pc ncursesw || need="$need libncurses-dev"
have_pc yaml-0.1 || need="$need libyaml-dev"
have_hdr unistr.h || need="$need libunistring-dev"
have_hdr xxhash.h || need="$need libxxhash-dev"
# reports as .docx and .xlsx: headers to build; the libraries (libzip4,
# libxlsxwriter4, which the -dev packages bring) are opened at run time
have_pc libzip || need="$need libzip-dev"
have_pc xlsxwriter || need="$need libxlsxwriter-dev"
command -v msgfmt >/dev/null 2>&1 || need="$need gettext"
if [ "${1:-build}" = test ]; then
	have_pc criterion || need="$need libcriterion-dev"
	have_pc vterm || need="$need libvterm-dev"
	command -v python3 >/dev/null 2>&1 || need="$need python3"
	python3 -c 'import yaml' 2>/dev/null || need="$need python3-yaml"
	# reports read back by independent readers: JSON against its schema,
	# Word documents with pandoc (spreadsheets with python's zipfile)
	python3 -c 'import jsonschema' 2>/dev/null || need="$need python3-jsonschema"
	command -v pandoc >/dev/null 2>&1 || need="$need pandoc"
	command -v git >/dev/null 2>&1 || need="$need git"
	# two real Syncthing instances on loopback (tests/syncthing.sh)
	command -v syncthing >/dev/null 2>&1 || need="$need syncthing"
	# fuzzing (make fuzz, and the corpus replay in make test)
	command -v clang >/dev/null 2>&1 || need="$need clang"
	ls /usr/lib/llvm-*/lib/clang/*/lib/linux/libclang_rt.fuzzer-x86_64.a >/dev/null 2>&1 ||
		[ "$(uname -m)" != x86_64 ] || need="$need libclang-rt-14-dev"
	# make torture (valgrind) and make bench (the programs compared, strace)
	command -v valgrind >/dev/null 2>&1 || need="$need valgrind"
	command -v strace >/dev/null 2>&1 || need="$need strace"
fi
if [ "${1:-build}" = package ]; then
	# make static: musl, Debian's sources unpacked, the terminal
	# descriptions its ncursesw carries (putty and tmux are in ncurses-term)
	command -v musl-gcc >/dev/null 2>&1 || need="$need musl-tools"
	command -v dpkg-source >/dev/null 2>&1 || need="$need dpkg-dev"
	# libzip's build (for the static binary's .docx) is cmake only
	command -v cmake >/dev/null 2>&1 || need="$need cmake"
	command -v infocmp >/dev/null 2>&1 || need="$need ncurses-bin"
	[ -e /usr/share/terminfo/p/putty ] || need="$need ncurses-term"
	command -v file >/dev/null 2>&1 || need="$need file"
	# make deb and its test: lintian, a minimal Debian to install into
	command -v lintian >/dev/null 2>&1 || need="$need lintian"
	command -v debootstrap >/dev/null 2>&1 || need="$need debootstrap"
	command -v fakeroot >/dev/null 2>&1 || need="$need fakeroot"
fi
[ -z "$need" ] && exit 0
if ! $check && [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
	echo "dvk: installing missing packages:$need" >&2
	export DEBIAN_FRONTEND=noninteractive
	{ apt-get update -qq && apt-get install -y -qq --no-install-recommends $need; } >&2 || {
		echo "dvk: apt-get failed; run: apt-get update && apt-get install -y$need" >&2
		exit 1
	}
	exit 0
fi
echo "dvk: missing packages; run \`make deps\` as root, or:" >&2
echo "  sudo apt-get update && sudo apt-get install -y$need" >&2
exit 1
