#!/usr/bin/env bash
# Copyright 2026 the dvk developers.  SPDX-License-Identifier: GPL-3.0-or-later
# complete.sh DVK LINE: what bash completion offers after "dvk LINE" (the
# cursor at its end), one word a line, sorted, using the system's
# bash-completion and completion/dvk of this tree.  The line is split as
# readline splits it: at blanks, and "=" is a word of its own.
set -u
bin=$1 line=$2
here=$(cd "$(dirname "$0")/.." && pwd)
. /usr/share/bash-completion/bash_completion
. "$here/completion/dvk"
# compopt only works inside a real completion
compopt() { :; }
COMP_LINE="$bin $line"
COMP_POINT=${#COMP_LINE}
read -ra COMP_WORDS <<<"${COMP_LINE//=/ = }"
case $COMP_LINE in *" " | *=) COMP_WORDS+=("") ;; esac
COMP_CWORD=$((${#COMP_WORDS[@]} - 1))
COMPREPLY=()
_dvk
((${#COMPREPLY[@]})) && printf '%s\n' "${COMPREPLY[@]}" | sort
exit 0
