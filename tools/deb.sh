#!/bin/sh
# Copyright 2026 the dvk developers.  SPDX-License-Identifier: GPL-3.0-or-later
# deb.sh OUT: build OUT/dvk_VERSION_ARCH.deb with dpkg-deb, no network.
#
# dvk is built with Debian's hardening flags (dpkg-buildflags) and linked
# with the system's shared libraries (libunistring too: a package gets
# security updates from its libraries), installed with `make install
# DESTDIR=... PREFIX=/usr`, stripped, man pages compressed, and given the
# files Debian asks of a package: the changelog and a machine-readable
# copyright in /usr/share/doc/dvk, md5sums, and Depends worked out by
# dpkg-shlibdeps.
set -eu
out=$1
top=$(pwd)
case $out in /*) ;; *) out=$top/$out ;; esac
version=$(sed -n 's/^VERSION := //p' Makefile)
arch=$(dpkg --print-architecture)
root=$out/root
deb=$out/dvk_${version}_${arch}.deb
jobs=${JOBS:-2}

rm -rf "$root"
mkdir -p "$out"
export DEB_BUILD_MAINT_OPTIONS=hardening=+all
# flags as Debian builds packages (hardening: fortify, stack protector,
# relro, now)
make -s -j"$jobs" BUILD="$out/obj" PREFIX=/usr UNISTRING_A= \
	CPPFLAGS="$(dpkg-buildflags --get CPPFLAGS)" CFLAGS="$(dpkg-buildflags --get CFLAGS)" \
	LDFLAGS="$(dpkg-buildflags --get LDFLAGS)" all
make -s -o all BUILD="$out/obj" DESTDIR="$root" PREFIX=/usr install

strip --remove-section=.comment --remove-section=.note --strip-unneeded "$root/usr/bin/dvk"
find "$root/usr/share/man" -type f -name '*.[0-9]' -exec gzip -9n {} +
doc=$root/usr/share/doc/dvk
install -d "$doc"
install -m 644 pkg/deb/copyright "$doc/copyright"
gzip -9nc pkg/deb/changelog >"$doc/changelog.gz"
chmod 644 "$doc/changelog.gz"
gzip -9nc README.md >"$doc/README.md.gz"
chmod 644 "$doc/README.md.gz"
rm -f "$doc/README.md"
install -d "$root/usr/share/lintian/overrides"
install -m 644 pkg/deb/lintian-overrides "$root/usr/share/lintian/overrides/dvk"

# Depends: the libraries the binary links, as dpkg-shlibdeps words them
# (it wants a debian/control of its own to read)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
mkdir -p "$tmp/debian"
printf 'Source: dvk\n\nPackage: dvk\nArchitecture: any\n' >"$tmp/debian/control"
depends=$(cd "$tmp" && dpkg-shlibdeps -O "$root/usr/bin/dvk" 2>/dev/null | sed -n 's/^shlibs:Depends=//p')
[ -n "$depends" ] || { echo "deb: dpkg-shlibdeps found no dependencies" >&2; exit 1; }

size=$(du -k -s "$root" | cut -f1)
mkdir -p "$root/DEBIAN"
sed -e "s/@VERSION@/$version/" -e "s/@ARCH@/$arch/" -e "s/@SIZE@/$size/" \
	-e "s/@DEPENDS@/$depends/" pkg/deb/control.in >"$root/DEBIAN/control"
(cd "$root" && find usr -type f -print0 | sort -z | xargs -0 md5sum) >"$root/DEBIAN/md5sums"
chmod 644 "$root/DEBIAN/control" "$root/DEBIAN/md5sums"
find "$root" -type d -exec chmod 755 {} +

dpkg-deb --root-owner-group -Zxz --build "$root" "$deb" >/dev/null
echo "deb: $deb ($(du -k "$deb" | cut -f1) KiB; Depends: $depends)"
