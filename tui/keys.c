/* Copyright 2026 the dvk developers.  SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * keys.c: default bindings parsed from the key table in keys.h, the names
 * and labels the key bars show, and define_key fallbacks for terminals
 * whose terminfo entry lacks keys.
 */
#include "tui/app.h"

#include <stdlib.h>
#include <string.h>

const struct key_help keys_help[] = {
#define X(name, keys, bar, help) {name, keys, bar, help},
	NAV_KEYS(X) EDIT_KEYS(X)
#undef X
};
const size_t keys_help_count = ARRAY_LEN(keys_help);

/* Does the key name n (len bytes) denote key? */
static bool keys_name_matches(const char *n, size_t len, int key)
{
	static const struct {
		const char *name;
		int keys[3];
	} names[] = {
		{"Up", {TK(KEY_UP)}},
		{"Down", {TK(KEY_DOWN)}},
		{"Left", {TK(KEY_LEFT)}},
		{"Right", {TK(KEY_RIGHT)}},
		{"PgUp", {TK(KEY_PPAGE)}},
		{"PgDn", {TK(KEY_NPAGE)}},
		{"Home", {TK(KEY_HOME), TK(KEY_A1)}},
		{"End", {TK(KEY_END), TK(KEY_C1)}},
		{"Enter", {'\r', '\n', TK(KEY_ENTER)}},
		{"Esc", {TK_ESC}},
		{"Space", {' '}},
		{"Tab", {'\t'}},
		{"Backspace", {TK(KEY_BACKSPACE), 8, 127}},
		{"F1", {TK(KEY_F(1))}},
		{"0-9", {0}},
	};
	for (size_t i = 0; i < ARRAY_LEN(names); i++) {
		if (strlen(names[i].name) != len || strncmp(names[i].name, n, len))
			continue;
		if (!strcmp(names[i].name, "0-9"))
			return key >= '0' && key <= '9';
		for (size_t k = 0; k < 3; k++)
			if (names[i].keys[k] && names[i].keys[k] == key)
				return true;
		return false;
	}
	if (len == 2 && n[0] == '^')
		return key == TK_CTRL(n[1]);
	if (len == 1)
		return key == (unsigned char)n[0];
	return false;
}

int keys_action(int key, bool nav)
{
	if (key == TK_REVEAL)
		return nav ? ACT_REVEAL : ACT_NONE;
	for (size_t i = 0; i < keys_help_count; i++) {
		if (ACT_IS_EDIT(keys_help[i].act) == nav)
			continue;
		const char *p = keys_help[i].keys;
		while (*p) {
			size_t len = strcspn(p, " ");
			if (keys_name_matches(p, len, key))
				return keys_help[i].act;
			p += len;
			p += strspn(p, " ");
		}
	}
	return ACT_NONE;
}

const char *keys_arrow(const char *name, size_t len, bool ascii)
{
	/* arrows are drawn, not spelt out in English */
	static const struct {
		const char *name, *utf8;
	} arrows[] = {
		{"Up", "↑"}, {"Down", "↓"}, {"Left", "←"}, {"Right", "→"},
	};
	if (ascii)
		return NULL;
	for (size_t i = 0; i < ARRAY_LEN(arrows); i++)
		if (strlen(arrows[i].name) == len && !strncmp(name, arrows[i].name, len))
			return arrows[i].utf8;
	return NULL;
}

const char *keys_name(int act, bool ascii)
{
	/* one buffer per action: a bar holds several names at once */
	static char names[ACT__COUNT][16];
	if (act <= ACT_NONE || act >= ACT__COUNT)
		return "";
	char *buf = names[act];
	const char *p = keys_help[act - 1].keys;
	size_t len = strcspn(p, " ");
	const char *arrow = keys_arrow(p, len, ascii);
	if (arrow)
		return arrow;
	if (len >= sizeof names[0])
		len = sizeof names[0] - 1;
	memcpy(buf, p, len);
	buf[len] = '\0';
	return buf;
}

const char *keys_label(const char *nc)
{
	const char *t = gettext(nc);
	if (t != nc)
		return t;
	/* no translation: the message after the context */
	const char *eot = strchr(nc, '\004');
	return eot ? eot + 1 : nc;
}

/* PuTTY, rxvt and vt100 entries miss some of these; without them PgDn
 * arrives as Esc followed by "[6~" and Esc means "back".  Only sequences
 * the entry does not already define are added. */
void keys_define_fallbacks(void)
{
	static const struct {
		const char *seq;
		int key;
	} fb[] = {
		{"\033[5~", KEY_PPAGE}, {"\033[6~", KEY_NPAGE},
		{"\033[1~", KEY_HOME},  {"\033[4~", KEY_END},
		{"\033[7~", KEY_HOME},  {"\033[8~", KEY_END},
		{"\033[H", KEY_HOME},   {"\033[F", KEY_END},
		{"\033OH", KEY_HOME},   {"\033OF", KEY_END},
		{"\033[A", KEY_UP},     {"\033[B", KEY_DOWN},
		{"\033[C", KEY_RIGHT},  {"\033[D", KEY_LEFT},
		{"\033OA", KEY_UP},     {"\033OB", KEY_DOWN},
		{"\033OC", KEY_RIGHT},  {"\033OD", KEY_LEFT},
		{"\033[3~", KEY_DC},    {"\033OM", KEY_ENTER},
		/* PuTTY's default (xterm R6) F1-F4, its Linux mode F1-F5,
		 * its SCO mode F1-F4: F1 is help, and none types "11~",
		 * "[A" or "M" into a note */
		{"\033[11~", KEY_F(1)}, {"\033[12~", KEY_F(2)},
		{"\033[13~", KEY_F(3)}, {"\033[14~", KEY_F(4)},
		{"\033[[A", KEY_F(1)},  {"\033[[B", KEY_F(2)},
		{"\033[[C", KEY_F(3)},  {"\033[[D", KEY_F(4)},
		{"\033[[E", KEY_F(5)},
		{"\033[M", KEY_F(1)},   {"\033[N", KEY_F(2)},
		{"\033[O", KEY_F(3)},   {"\033[P", KEY_F(4)},
	};
	for (size_t i = 0; i < ARRAY_LEN(fb); i++)
		if (key_defined(fb[i].seq) == 0)
			define_key(fb[i].seq, fb[i].key);
}

/* SS3 final bytes of the numeric keypad in application mode, and what
 * is printed on those keys; 0 for any other. */
static int ss3_typed(int c)
{
	static const char ss3[] = "pqrstuvwxynMkmjolX";
	static const char typed[] = "0123456789.\r+-*/,=";
	const char *k = c > 0 && c < 0x80 ? strchr(ss3, c) : NULL;
	return k ? typed[k - ss3] : 0;
}

/* A terminal that keeps the application keypad although dvk asks for
 * numeric mode (tui.c) sends ESC O t for 4; terminfo names some of those
 * (ka1, kb2, or extended keys), so ncurses hands over a key code.  What
 * the terminal actually sent decides: the digit printed on the key. */
int keys_from_keypad(int key)
{
	if (key < TK_FN || key == TK_REVEAL)
		return key;
	char *seq = keybound(key - TK_FN, 0);
	int c = seq && seq[0] == '\033' && seq[1] == 'O' && seq[2] && !seq[3] ? ss3_typed(seq[2]) : 0;
	free(seq);
	return c ? c : key;
}

/* The next character if one is already on its way (a sequence's bytes
 * arrive together; a person types slower), else -1. */
static int esc_next(void)
{
	wint_t wc;
	timeout(40);
	int rc = get_wch(&wc);
	if (rc == ERR)
		return -1;
	return rc == KEY_CODE_YES ? TK((int)wc) : (int)wc;
}

/* After an Esc from get_wch: read the rest of a control sequence ncurses
 * did not know (it hands those over byte by byte).  A cursor position
 * report (CSI row;col R: the answer to the UTF-8 probe, possibly late)
 * fills *cpr_col and returns 0; any other sequence is dropped (0), so no
 * terminal reply or unknown function key is ever taken as typed text or
 * a command.  Esc alone, or Esc before an ordinary key, returns TK_ESC
 * (the other key is read next). */
int keys_after_escape(int *cpr_col)
{
	int c = esc_next();
	if (c != '[' && c != 'O') {
		if (c >= TK_FN)
			ungetch(c - TK_FN);
		else if (c >= 0)
			unget_wch((wchar_t)c);
		return TK_ESC;
	}
	if (c == 'O')
		return ss3_typed(esc_next()); /* unknown ones are dropped (0) */
	int p[2] = {-1, -1}, np = 0;
	for (int n = 0; n < 32; n++) {
		c = esc_next();
		if (c < 0 || c >= TK_FN)
			return 0; /* cut short: drop what came */
		if (c >= '0' && c <= '9') {
			if (np < 2)
				p[np] = (p[np] < 0 ? 0 : p[np] * 10) + (c - '0');
			continue;
		}
		if (c == ';') {
			np++;
			continue;
		}
		if (c >= 0x20 && c < 0x40)
			continue; /* other parameter or intermediate bytes */
		if (c == 'R' && np == 1 && p[0] > 0 && p[1] > 0)
			*cpr_col = p[1];
		return 0;
	}
	return 0;
}
