#!/bin/sh
# Copyright 2026 the dvk developers.  SPDX-License-Identifier: GPL-3.0-or-later
# update-po.sh [--check] VERSION FILE...: make po/dvk.pot from the sources
# (xgettext) and merge it into every po/*.po (msgmerge).
#
# The output is stable so that running it twice changes nothing and a
# change of the sources shows as a small diff: messages are sorted, their
# locations name files without line numbers, the POT-Creation-Date moves
# only when a message does, and obsolete translations are dropped.
#
# With --check nothing is written: exit 1 (saying what to do) when the
# tree's po/ differs from what the sources give, or when a catalogue has
# untranslated or fuzzy messages.
set -eu
check=false
if [ "${1:-}" = --check ]; then
	check=true
	shift
fi
version=$1
shift
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# The engine's error functions translate their format (base.c), so a
# literal passed to them is a message too.
xgettext --from-code=UTF-8 --language=C --add-comments=TRANSLATORS: \
	--keyword=_ --keyword=N_ --keyword=NC_:1c,2 --keyword=ngettext:1,2 \
	--keyword=dvk_error_set:5 --keyword=dvk_error_setc:6 --keyword=reader_error:4 \
	--flag=dvk_error_set:5:c-format --flag=dvk_error_setc:6:c-format \
	--flag=reader_error:4:c-format \
	--add-location=file --sort-output \
	--package-name=dvk --package-version="$version" --msgid-bugs-address="the dvk developers" \
	--copyright-holder="the dvk developers" \
	-o "$tmp/dvk.pot.new" "$@"
sed -e '1s/.*/# dvk: the messages to translate.  Made by `make update-po`: do not edit./' \
	-e '/^# FIRST AUTHOR/d' "$tmp/dvk.pot.new" >"$tmp/dvk.pot"

# Keep the old file (and its date) when only the date would change.
strip_date() { grep -v '^"POT-Creation-Date:' "$1"; }
strip_date "$tmp/dvk.pot" >"$tmp/dvk.strip"
if [ -f po/dvk.pot ] && strip_date po/dvk.pot | cmp -s - "$tmp/dvk.strip"; then
	cp po/dvk.pot "$tmp/dvk.pot"
fi

status=0
for po in po/*.po; do
	lang=$(basename "$po" .po)
	msgmerge --quiet --add-location=file --sort-output -o - "$po" "$tmp/dvk.pot" |
		msgattrib --no-obsolete -o "$tmp/$lang.po" -
	if $check; then
		cmp -s "$po" "$tmp/$lang.po" || {
			echo "update-po: $po is not up to date with the sources" >&2
			diff -u "$po" "$tmp/$lang.po" | head -n 40 >&2
			status=1
		}
		stats=$(LC_ALL=C msgfmt --statistics -o /dev/null "$po" 2>&1)
		case $stats in
		*untranslated* | *fuzzy*)
			echo "update-po: $po: $stats" >&2
			status=1
			;;
		esac
	elif ! cmp -s "$po" "$tmp/$lang.po"; then
		cp "$tmp/$lang.po" "$po"
		echo "update-po: $po updated: $(LC_ALL=C msgfmt --statistics -o /dev/null "$po" 2>&1)"
	fi
done
if $check; then
	cmp -s po/dvk.pot "$tmp/dvk.pot" || {
		echo "update-po: po/dvk.pot is not up to date with the sources" >&2
		status=1
	}
	[ $status = 0 ] || echo "update-po: run 'make update-po', translate what it lists" \
		"in po/vi.po (no fuzzy, no empty msgstr), and commit po/" >&2
	exit $status
fi
cmp -s po/dvk.pot "$tmp/dvk.pot" || { cp "$tmp/dvk.pot" po/dvk.pot && echo "update-po: po/dvk.pot updated"; }
