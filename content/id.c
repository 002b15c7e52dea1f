/* Copyright 2026 the dvk developers.  SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * id.c: item and section ids as documents write them (see directive.h).
 *
 * Vietnamese administrative documents number their parts I., II. (Phần,
 * Roman), 1., 2. (Mục, Arabic), a), b), c), d), đ), e) (điểm, letters in
 * the Vietnamese alphabet, which has đ after d and no j, f, w, z in
 * native words).  An id joins such segments with dots: "II.3.a".
 *
 * directive_id_cmp orders any two strings, ids or not, so it can order
 * the events of a state file (which may name items no directive has):
 * segment by segment, each segment first by its kind (Roman numerals,
 * then numbers, then letters, then anything else), then by its value;
 * a shorter id before its extensions ("II" before "II.1"); and strings
 * that compare equal that way ("01" and "1") by their bytes, so that only
 * equal strings compare equal.  For ids made only of numbers this is the
 * order dvk always used, so existing files keep their bytes.
 */
#include "content/directive.h"

#include <string.h>

/* Longer ids are not numbering any more; the limit also keeps an id
 * readable in the TUI's left column. */
#define ITEM_ID_MAX 32

enum seg_kind { SEG_ROMAN, SEG_NUMBER, SEG_LETTERS, SEG_OTHER };

struct seg {
	const char *s;
	size_t len;
	enum seg_kind kind;
	unsigned value; /* Roman numerals */
};

/* đ and Đ in UTF-8 */
#define D_BAR_LOWER "\xc4\x91"
#define D_BAR_UPPER "\xc4\x90"

static bool is_digit(char c)
{
	return c >= '0' && c <= '9';
}

static bool is_ascii_letter(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

/* Length of the letter at s (1, or 2 for đ/Đ), 0 if s is not a letter. */
static size_t letter_len(const char *s, size_t left)
{
	if (left >= 1 && is_ascii_letter(*s))
		return 1;
	if (left >= 2 && (memcmp(s, D_BAR_LOWER, 2) == 0 || memcmp(s, D_BAR_UPPER, 2) == 0))
		return 2;
	return 0;
}

/* The place of the letter at s in the Vietnamese order, case ignored:
 * a b c d đ e ... (đ right after d). */
static unsigned letter_weight(const char *s)
{
	char c = *s;

	if ((unsigned char)c == 0xc4)
		return ('d' - 'a') * 2 + 3;
	if (c >= 'A' && c <= 'Z')
		c = (char)(c - 'A' + 'a');
	return (unsigned)(c - 'a') * 2 + 2;
}

static int roman_digit(char c)
{
	switch (c) {
	case 'I': return 1;
	case 'V': return 5;
	case 'X': return 10;
	case 'L': return 50;
	case 'C': return 100;
	case 'D': return 500;
	case 'M': return 1000;
	default: return 0;
	}
}

/* The value of a Roman numeral in canonical form (IV, not IIII; XC, not
 * LXXXX), or 0.  Canonical is checked by writing the value back. */
static unsigned roman_value(const char *s, size_t len)
{
	static const struct {
		unsigned v;
		const char *r;
	} table[] = {
		{ 1000, "M" }, { 900, "CM" }, { 500, "D" }, { 400, "CD" }, { 100, "C" },
		{ 90, "XC" },  { 50, "L" },   { 40, "XL" }, { 10, "X" },   { 9, "IX" },
		{ 5, "V" },    { 4, "IV" },   { 1, "I" },
	};
	unsigned v = 0;
	size_t i, pos = 0;

	if (len == 0 || len > 15)
		return 0;
	for (i = 0; i < len; i++) {
		int d = roman_digit(s[i]);
		int next = i + 1 < len ? roman_digit(s[i + 1]) : 0;

		if (!d)
			return 0;
		v = next > d ? v - (unsigned)d : v + (unsigned)d;
	}
	if (v == 0 || v > 3999)
		return 0;
	/* write v back and compare */
	for (unsigned rest = v, k = 0; k < ARRAY_LEN(table); k++) {
		while (rest >= table[k].v) {
			size_t l = strlen(table[k].r);

			if (pos + l > len || memcmp(s + pos, table[k].r, l) != 0)
				return 0;
			pos += l;
			rest -= table[k].v;
		}
	}
	return pos == len ? v : 0;
}

static enum seg_kind classify(const char *s, size_t len, unsigned *value)
{
	size_t i, l;

	*value = 0;
	if (len == 0)
		return SEG_OTHER;
	if (is_digit(s[0])) {
		for (i = 0; i < len; i++)
			if (!is_digit(s[i]))
				return SEG_OTHER;
		return SEG_NUMBER;
	}
	/* Upper-case Roman numerals; a lone L, C, D or M is a letter (parts
	 * A, B, C, D of a plan), never 50, 100, 500 or 1000. */
	if (!(len == 1 && strchr("LCDM", s[0])) && (*value = roman_value(s, len)))
		return SEG_ROMAN;
	for (i = 0; i < len; i += l)
		if (!(l = letter_len(s + i, len - i)))
			return SEG_OTHER;
	return SEG_LETTERS;
}

/* The segment of s starting at *pos (advanced past it and its dot).
 * Returns false at the end of s. */
static bool next_seg(const char *s, size_t *pos, bool *more, struct seg *out)
{
	const char *start = s + *pos, *dot;

	if (!*more)
		return false;
	dot = strchr(start, '.');
	out->s = start;
	out->len = dot ? (size_t)(dot - start) : strlen(start);
	out->kind = classify(out->s, out->len, &out->value);
	*pos += out->len + (dot ? 1 : 0);
	*more = dot != NULL;
	return true;
}

static int cmp_numbers(const struct seg *a, const struct seg *b)
{
	const char *x = a->s, *y = b->s;
	size_t lx = a->len, ly = b->len;
	int c;

	while (lx > 1 && *x == '0')
		x++, lx--;
	while (ly > 1 && *y == '0')
		y++, ly--;
	if (lx != ly)
		return lx < ly ? -1 : 1;
	c = memcmp(x, y, lx);
	return (c > 0) - (c < 0);
}

static int cmp_letters(const struct seg *a, const struct seg *b)
{
	size_t i = 0, j = 0;

	while (i < a->len && j < b->len) {
		unsigned x = letter_weight(a->s + i), y = letter_weight(b->s + j);

		if (x != y)
			return x < y ? -1 : 1;
		i += letter_len(a->s + i, a->len - i);
		j += letter_len(b->s + j, b->len - j);
	}
	return (i < a->len) - (j < b->len);
}

static int cmp_bytes(const struct seg *a, const struct seg *b)
{
	size_t n = a->len < b->len ? a->len : b->len;
	int c = memcmp(a->s, b->s, n);

	if (c)
		return c < 0 ? -1 : 1;
	return (a->len > n) - (b->len > n);
}

static int cmp_seg(const struct seg *a, const struct seg *b)
{
	if (a->kind != b->kind)
		return a->kind < b->kind ? -1 : 1;
	switch (a->kind) {
	case SEG_ROMAN:
		return a->value < b->value ? -1 : a->value > b->value;
	case SEG_NUMBER:
		return cmp_numbers(a, b);
	case SEG_LETTERS:
		return cmp_letters(a, b);
	case SEG_OTHER:
		break;
	}
	return cmp_bytes(a, b);
}

int directive_id_cmp(const char *a, const char *b)
{
	size_t pa = 0, pb = 0;
	bool ma = true, mb = true;
	struct seg sa, sb;
	int c;

	if (!a || !b)
		return (a != NULL) - (b != NULL);
	/* Nearly every comparison made while a state file loads is between
	 * two events of one item. */
	if ((c = strcmp(a, b)) == 0)
		return 0;
	for (;;) {
		bool ha = next_seg(a, &pa, &ma, &sa), hb = next_seg(b, &pb, &mb, &sb);
		int s;

		if (!ha || !hb) {
			if (ha != hb)
				return ha ? 1 : -1;
			break;
		}
		if ((s = cmp_seg(&sa, &sb)))
			return s;
	}
	return c < 0 ? -1 : 1;
}

bool item_id_valid(const char *id)
{
	size_t pos = 0;
	bool more = true;
	struct seg s;

	if (!id || !*id || strlen(id) > ITEM_ID_MAX)
		return false;
	while (next_seg(id, &pos, &more, &s))
		if (s.kind == SEG_OTHER)
			return false;
	return true;
}
