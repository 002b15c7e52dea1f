#!/bin/sh
# Copyright 2026 the dvk developers.  SPDX-License-Identifier: GPL-3.0-or-later
# static.sh OUT: one statically linked x86-64 dvk, OUT/dvk, that runs on a
# bare system: no shared libraries, no terminfo database, no locale files.
#
# musl is the C library: its UTF-8 and its gettext need no locale files,
# where a static glibc would be stuck in the C locale on a bare system.
# ncursesw, libyaml, libunistring and, for `dvk report --format xlsx|docx`,
# zlib, libzip and libxlsxwriter are built for musl from Debian's own
# sources (apt-get source, with a private apt state under OUT so the
# machine's sources.list is left alone); ncursesw with built-in
# descriptions of the terminals cadres meet, used when no terminfo
# database has them.  Nothing fetched is kept outside OUT (never commit
# it).  The Vietnamese catalogue is built into the binary (see i18n.c) and
# also written beside it, OUT/locale/.
#
# Needs: musl-tools, dpkg-dev (dpkg-source), cmake (libzip), ncurses-bin and ncurses-term
# (tic/infocmp and the descriptions the fallbacks are made from): `make
# deps` installs them.  Runs once; later runs reuse OUT/sysroot.
set -eu
out=$1
top=$(pwd)
case $out in /*) ;; *) out=$top/$out ;; esac
src=$out/src
sysroot=$out/sysroot
apt=$out/apt
jobs=${JOBS:-2}
MUSL_CC=${MUSL_CC:-musl-gcc}
FALLBACKS=xterm,xterm-256color,linux,screen,screen-256color,tmux,tmux-256color,putty,putty-256color,vt100

log() { echo "static: $*" >&2; }
command -v "$MUSL_CC" >/dev/null || { log "$MUSL_CC not found: run make deps (musl-tools)"; exit 1; }
command -v dpkg-source >/dev/null || { log "dpkg-source not found: run make deps (dpkg-dev)"; exit 1; }
mkdir -p "$src" "$sysroot/lib" "$sysroot/include" "$apt/lists/partial" "$apt/cache/archives/partial"

# ---- sources, from Debian, the versions this machine runs when the
# archive still has them ----
fetch() { # fetch SOURCE-PACKAGE BINARY-PACKAGE
	if ls -d "$src/$1"-*/ >/dev/null 2>&1; then
		return
	fi
	[ -f "$apt/updated" ] || {
		keys=/usr/share/keyrings/debian-archive-keyring.gpg
		cat >"$apt/sources.list" <<EOF
deb-src [signed-by=$keys] http://deb.debian.org/debian bookworm main
deb-src [signed-by=$keys] http://deb.debian.org/debian bookworm-updates main
deb-src [signed-by=$keys] http://deb.debian.org/debian-security bookworm-security main
EOF
		aptget update >&2
		touch "$apt/updated"
	}
	ver=$(dpkg-query -W -f='${source:Version}' "$2" 2>/dev/null || true)
	(cd "$src" && { [ -n "$ver" ] && aptget source --only-source "$1=$ver" >&2 ||
		aptget source --only-source "$1" >&2; })
}
aptget() {
	apt-get -q -o Dir::Etc::SourceList="$apt/sources.list" -o Dir::Etc::SourceParts=/dev/null \
		-o Dir::State::Lists="$apt/lists" -o Dir::Cache="$apt/cache" \
		-o Debug::NoLocking=1 -o APT::Sandbox::User=root "$@"
}

fetch ncurses libncursesw6
fetch libyaml libyaml-0-2
fetch libunistring libunistring2
fetch zlib zlib1g
fetch libzip libzip4
fetch libxlsxwriter libxlsxwriter4

# ---- ncursesw with fallbacks ----
if [ ! -f "$sysroot/lib/libncursesw.a" ]; then
	log "building ncursesw (fallbacks: $FALLBACKS)"
	d=$(ls -d "$src"/ncurses-*/ | head -n 1)
	(cd "$d" && ./configure -q CC="$MUSL_CC" CFLAGS=-O2 --prefix="$sysroot" \
		--without-shared --with-normal --without-debug --without-profile \
		--without-cxx --without-cxx-binding --without-ada --without-manpages \
		--without-progs --without-tests --without-gpm --disable-db-install \
		--enable-widec --disable-stripping --with-fallbacks="$FALLBACKS" \
		--with-terminfo-dirs=/etc/terminfo:/lib/terminfo:/usr/share/terminfo \
		--with-default-terminfo-dir=/usr/share/terminfo \
		--with-infocmp-path="$(command -v infocmp)" --with-tic-path="$(command -v tic)" &&
		make -s -j"$jobs" libs && make -s install.libs install.includes) >"$out/ncurses.log" 2>&1 ||
		{ tail -30 "$out/ncurses.log"; exit 1; }
fi

# ---- libyaml: eight files, no configure needed ----
if [ ! -f "$sysroot/lib/libyaml.a" ]; then
	log "building libyaml"
	d=$(ls -d "$src"/libyaml-*/ | head -n 1)
	v=$(sed -n 's/^Version: //p' "$d/yaml-0.1.pc.in" 2>/dev/null || true)
	mkdir -p "$out/yaml"
	for f in "$d"/src/*.c; do
		"$MUSL_CC" -O2 -I"$d/include" -DYAML_VERSION_MAJOR=0 -DYAML_VERSION_MINOR=2 \
			-DYAML_VERSION_PATCH=5 -DYAML_VERSION_STRING='"0.2.5"' \
			-c -o "$out/yaml/$(basename "$f" .c).o" "$f"
	done
	ar rcs "$sysroot/lib/libyaml.a" "$out"/yaml/*.o
	cp "$d/include/yaml.h" "$sysroot/include/"
	: "$v"
fi

# ---- libunistring ----
if [ ! -f "$sysroot/lib/libunistring.a" ]; then
	log "building libunistring (a few minutes)"
	d=$(ls -d "$src"/libunistring-*/ | head -n 1)
	# Debian's patches touch configure.ac; the shipped configure does
	# for musl, so keep make from wanting automake
	(cd "$d" && touch aclocal.m4 && find . -name configure -o -name config.h.in -o \
		-name Makefile.in -o -name '*.in.h' | xargs touch)
	(cd "$d" && ./configure -q CC="$MUSL_CC" CFLAGS=-O2 --prefix="$sysroot" \
		--disable-shared --enable-static --disable-dependency-tracking &&
		make -s -j"$jobs" -C lib && make -s -C lib install) >"$out/unistring.log" 2>&1 ||
		{ tail -30 "$out/unistring.log"; exit 1; }
fi

# ---- the report writers: zlib, libzip, libxlsxwriter (report/dl.c) ----
# Debian links both writers against libcrypto; here they are built with
# no crypto at all (dvk neither encrypts zips nor embeds images), so the
# binary stays self-contained and small.
if [ ! -f "$sysroot/lib/libz.a" ]; then
	log "building zlib"
	d=$(ls -d "$src"/zlib-*/ | head -n 1)
	(cd "$d" && CC="$MUSL_CC" CFLAGS=-O2 ./configure --static --prefix="$sysroot" &&
		make -s -j"$jobs" libz.a && make -s install) >"$out/zlib.log" 2>&1 ||
		{ tail -30 "$out/zlib.log"; exit 1; }
fi
if [ ! -f "$sysroot/lib/libzip.a" ]; then
	log "building libzip (no crypto, no bzip2/lzma/zstd)"
	command -v cmake >/dev/null || { log "cmake not found: run make deps"; exit 1; }
	d=$(ls -d "$src"/libzip-*/ | head -n 1)
	rm -rf "$out/libzip"
	(cmake -S "$d" -B "$out/libzip" -DCMAKE_C_COMPILER="$MUSL_CC" -DCMAKE_C_FLAGS=-O2 \
		-DCMAKE_BUILD_TYPE=Release -DCMAKE_INSTALL_PREFIX="$sysroot" \
		-DCMAKE_INSTALL_LIBDIR=lib -DBUILD_SHARED_LIBS=OFF \
		-DCMAKE_FIND_ROOT_PATH="$sysroot" -DCMAKE_FIND_ROOT_PATH_MODE_LIBRARY=ONLY \
		-DCMAKE_FIND_ROOT_PATH_MODE_INCLUDE=ONLY -DCMAKE_FIND_ROOT_PATH_MODE_PACKAGE=ONLY \
		-DZLIB_INCLUDE_DIR="$sysroot/include" -DZLIB_LIBRARY="$sysroot/lib/libz.a" \
		-DENABLE_COMMONCRYPTO=OFF -DENABLE_GNUTLS=OFF -DENABLE_MBEDTLS=OFF \
		-DENABLE_OPENSSL=OFF -DENABLE_WINDOWS_CRYPTO=OFF -DENABLE_BZIP2=OFF \
		-DENABLE_LZMA=OFF -DENABLE_ZSTD=OFF -DBUILD_TOOLS=OFF -DBUILD_REGRESS=OFF \
		-DBUILD_EXAMPLES=OFF -DBUILD_DOC=OFF &&
		cmake --build "$out/libzip" -j "$jobs" && cmake --install "$out/libzip") \
		>"$out/libzip.log" 2>&1 || { tail -30 "$out/libzip.log"; exit 1; }
fi
if [ ! -f "$sysroot/lib/libxlsxwriter.a" ]; then
	log "building libxlsxwriter (its own minizip and md5)"
	d=$(ls -d "$src"/libxlsxwriter-*/ | head -n 1)
	rm -rf "$out/xlsx"
	mkdir -p "$out/xlsx"
	for f in "$d"/src/*.c "$d"/third_party/minizip/ioapi.c "$d"/third_party/minizip/zip.c \
		"$d"/third_party/tmpfileplus/tmpfileplus.c "$d"/third_party/md5/md5.c; do
		"$MUSL_CC" -O2 -DNOCRYPT -DNOUNCRYPT -I"$d/include" -I"$sysroot/include" \
			-c -o "$out/xlsx/$(basename "$f" .c).o" "$f" >>"$out/xlsx.log" 2>&1 ||
			{ tail -30 "$out/xlsx.log"; exit 1; }
	done
	ar rcs "$sysroot/lib/libxlsxwriter.a" "$out"/xlsx/*.o
	cp -r "$d/include/xlsxwriter.h" "$d/include/xlsxwriter" "$sysroot/include/"
fi

# xxHash is used header-only (XXH_INLINE_ALL): the header is all it takes.
cp /usr/include/xxhash.h "$sysroot/include/"

# ---- dvk ----
log "building dvk"
# make does not see flags change: the objects are always made afresh here
rm -rf "$out/obj"
mkdir -p "$out/obj"
touch "$out/obj/.deps-build" # the checks are for the machine's libraries
make -s -j"$jobs" BUILD="$out/obj" CC="$MUSL_CC" CC_FOR_BUILD="${CC_FOR_BUILD:-cc}" \
	CFLAGS="${CFLAGS:--O2}" LDFLAGS="-static ${LDFLAGS:-}" EMBED_MO=1 \
	PKG_CFLAGS="-D_DEFAULT_SOURCE -D_XOPEN_SOURCE=600 -DDVK_STATIC_OFFICE -I$sysroot/include/ncursesw -I$sysroot/include" \
	PKG_LIBS="$sysroot/lib/libncursesw.a $sysroot/lib/libyaml.a $sysroot/lib/libunistring.a $sysroot/lib/libxlsxwriter.a $sysroot/lib/libzip.a $sysroot/lib/libz.a" \
	"$out/obj/dvk" "$out/obj/locale/vi/LC_MESSAGES/dvk.mo"
cp "$out/obj/dvk" "$out/dvk"
strip "$out/dvk"
rm -rf "$out/locale"
cp -r "$out/obj/locale" "$out/locale"
file "$out/dvk" >&2 || true
log "$(du -k "$out/dvk" | cut -f1) KiB: $out/dvk"
