/* Copyright 2026 the dvk developers.  SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * util.c: text helpers for the importer (see internal.h).
 *
 * Everything works on NFC UTF-8.  Case changes are made only where the
 * upper and lower case letter take the same number of bytes, which holds
 * for every Vietnamese letter, so a lower-case copy has the offsets of the
 * original and a match found in one is a match in the other.
 */
#include "import/internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unicase.h>
#include <unictype.h>
#include <unistr.h>

#include "text/text.h"

void strv_add(struct strv *v, const char *s)
{
	GROW(v->v, v->n + 2, v->cap);
	v->v[v->n++] = xstrdup(s);
	v->v[v->n] = NULL;
}

void strv_add_unique(struct strv *v, const char *s)
{
	for (size_t i = 0; i < v->n; i++)
		if (strcmp(v->v[i], s) == 0)
			return;
	strv_add(v, s);
}

void strv_free(struct strv *v)
{
	for (size_t i = 0; i < v->n; i++)
		free(v->v[i]);
	free(v->v);
	memset(v, 0, sizeof *v);
}

uint32_t imp_cp(const char *s, size_t *len)
{
	ucs4_t c;
	size_t n = 0;
	int k;

	/* No strlen: this is called at every character of long texts. */
	while (n < 4 && s[n])
		n++;
	if (n == 0) {
		if (len)
			*len = 0;
		return 0;
	}
	k = u8_mbtouc(&c, (const uint8_t *)s, n);
	if (len)
		*len = k > 0 ? (size_t)k : 1;
	return c;
}

uint32_t imp_cp_before(const char *s, size_t off)
{
	size_t i = off;

	if (off == 0)
		return 0;
	do
		i--;
	while (i > 0 && ((unsigned char)s[i] & 0xC0) == 0x80);
	return imp_cp(s + i, NULL);
}

bool imp_is_upper(uint32_t c)
{
	return c && uc_is_upper(c);
}

bool imp_is_lower(uint32_t c)
{
	return c && uc_is_lower(c);
}

bool imp_is_letter(uint32_t c)
{
	return c && uc_is_alpha(c);
}

bool imp_is_digit(uint32_t c)
{
	return c >= '0' && c <= '9';
}

/* Map each letter of s through f where the result has the same UTF-8
 * length; first_only stops after the first letter. */
static char *map_case(const char *s, ucs4_t (*f)(ucs4_t), bool first_only)
{
	char *out = xstrdup(s);
	size_t i = 0, n = strlen(out);
	bool done = false;

	while (i < n) {
		ucs4_t c, m;
		uint8_t tmp[6];
		int k = u8_mbtouc(&c, (const uint8_t *)out + i, n - i);

		if (k <= 0)
			k = 1;
		if (!done && uc_is_alpha(c)) {
			m = f(c);
			if (m != c && u8_uctomb(tmp, m, sizeof tmp) == k)
				memcpy(out + i, tmp, (size_t)k);
			if (first_only)
				done = true;
		}
		i += (size_t)k;
	}
	return out;
}

char *imp_lower(const char *s)
{
	return map_case(s, uc_tolower, false);
}

char *imp_cap_first(const char *s)
{
	return map_case(s, uc_toupper, true);
}

char *imp_lower_first(const char *s)
{
	return map_case(s, uc_tolower, true);
}

bool imp_all_caps(const char *s)
{
	size_t upper = 0, len;

	for (; *s; s += len) {
		uint32_t c = imp_cp(s, &len);

		if (imp_is_lower(c))
			return false;
		if (imp_is_upper(c))
			upper++;
	}
	return upper >= 2;
}

/* Words an all-caps heading keeps in capitals: the abbreviations that
 * Vietnamese administrative texts write that way. */
static const char *const keep_caps[] = {
	"UBND", "HĐND", "MTTQ", "CCHC", "TTHC", "CB", "CC", "VC", "CBCCVC", "DTTS",
	"KT-XH", "QP-AN", "ANTT", "NTM", "TW", "BCĐ", "BCH", "CNTT", "PCTN", "THPT",
	"THCS", "MN", "TP", "TX", "TT", "CT-XH", "TTATXH", "ĐBKK", "HCNN", "LĐLĐ",
	"VN", "UBMTTQ", "XHCN", "TNCS", "KHCN", "CĐS", "ATGT", "PCCC", "CSGT", NULL,
};

static bool keeps_caps(const char *w, size_t n)
{
	char *word = xstrndup(w, n);
	bool keep = false;

	/* Symbols and numbers ("46/KH-UBND", "2023", "XIII") and the known
	 * abbreviations keep their case. */
	for (size_t i = 0; i < n; i++)
		if (strchr("0123456789/", w[i]))
			keep = true;
	if (!keep && strspn(word, "IVXLCDM") == n && n > 1)
		keep = true;
	for (size_t i = 0; !keep && keep_caps[i]; i++)
		if (strcmp(word, keep_caps[i]) == 0)
			keep = true;
	free(word);
	return keep;
}

char *imp_sentence_case(const char *s)
{
	struct buf b = {0};
	bool first = true;

	while (*s) {
		size_t sp = strspn(s, " "), n;

		buf_add(&b, s, sp);
		s += sp;
		n = strcspn(s, " ");
		if (!n)
			break;
		/* Punctuation around a word ("(TRÍCH", "“DÂN") is not part of
		 * it for the abbreviation list. */
		size_t lead = strspn(s, "(“\"'[");
		size_t end = n;
		while (end > lead && strchr(",.;:)”\"']", s[end - 1]))
			end--;
		if (keeps_caps(s + lead, end - lead)) {
			buf_add(&b, s, n);
		} else {
			char *w = xstrndup(s, n), *lo = imp_lower(w);

			if (first) {
				char *cap = imp_cap_first(lo);

				buf_adds(&b, cap);
				free(cap);
			} else {
				buf_adds(&b, lo);
			}
			free(w);
			free(lo);
		}
		first = false;
		s += n;
	}
	return buf_steal(&b);
}

bool imp_word_at(const char *lower, size_t off, const char *w)
{
	size_t n = strlen(w);
	uint32_t after;

	if (strncmp(lower + off, w, n) != 0)
		return false;
	after = imp_cp(lower + off + n, NULL);
	return !(imp_is_letter(after) || imp_is_digit(after));
}

int imp_starts_with(const char *lower, const char *const *words)
{
	for (int i = 0; words[i]; i++)
		if (imp_word_at(lower, 0, words[i]))
			return i;
	return -1;
}

size_t imp_words(const char *s)
{
	size_t n = 0;

	while (*s) {
		s += strspn(s, " ");
		if (!*s)
			break;
		n++;
		s += strcspn(s, " ");
	}
	return n;
}

char *imp_trim(const char *s, size_t n)
{
	while (n && (*s == ' ' || *s == '\t' || *s == '\n'))
		s++, n--;
	while (n && (s[n - 1] == ' ' || s[n - 1] == '\t' || s[n - 1] == '\n'))
		n--;
	return xstrndup(s, n);
}

char *imp_crop(const char *s, int cols)
{
	size_t n = strlen(s);
	bool cut = text_width(s) > cols;
	char *out;

	if (cut) {
		/* Room for the ellipsis; back to the last space if that keeps
		 * at least half of it. */
		size_t sp;

		n = text_fit(s, cols - 1, NULL);
		for (sp = n; sp > 0 && s[sp] != ' '; sp--)
			;
		if (sp > n / 2)
			n = sp;
	}
	while (n > 0 && strchr(" ,;:.-", s[n - 1]))
		n--;
	out = xstrndup(s, n);
	if (cut) {
		char *o = xasprintf("%s…", out);

		free(out);
		out = o;
	}
	return out;
}

bool imp_ends_sentence(const char *s)
{
	size_t n = strlen(s);

	for (;;) {
		if (n > 0 && strchr("\"')]", s[n - 1]))
			n--;
		else if (n >= 3 && (strncmp(s + n - 3, "”", 3) == 0 || strncmp(s + n - 3, "’", 3) == 0))
			n -= 3;
		else
			break;
	}
	if (n == 0)
		return false;
	if (strchr(".;:!?", s[n - 1]))
		return true;
	return n >= 3 && strncmp(s + n - 3, "…", 3) == 0;
}

char *imp_iso_date(int day, int month, int year)
{
	static const int mdays[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
	int max;

	if (year < 1900 || year > 2200 || month < 1 || month > 12 || day < 1)
		return NULL;
	max = mdays[month - 1] +
	      (month == 2 && ((year % 4 == 0 && year % 100 != 0) || year % 400 == 0));
	if (day > max)
		return NULL;
	return xasprintf("%04d-%02d-%02d", year, month, day);
}
