#!/bin/sh
# embed.sh NAME FILE: print a C file defining `const char NAME[]` holding
# FILE's bytes and `const unsigned long NAME_len`.  Uses od so that no
# xxd (vim) is needed on a fresh machine.
set -eu
name=$1 file=$2
printf '/* generated from %s by tools/embed.sh: do not edit */\n' "$file"
printf 'const char %s[] = {\n' "$name"
od -An -v -tx1 "$file" | sed -e 's/  */ /g' -e 's/^ //' -e '/^$/d' -e 's/\([0-9a-f][0-9a-f]\)/0x\1,/g'
printf '0x00 };\n'
printf 'const unsigned long %s_len = sizeof %s - 1;\n' "$name" "$name"
