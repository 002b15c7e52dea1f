/* Copyright 2026 the dvk developers.  SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * text.c: UTF-8 and Vietnamese text (see text.h).
 *
 * Everything here walks the input one "cluster" at a time: a code point
 * plus whatever libunistring's grapheme rules attach to it (the tone and
 * shape marks of NFD Vietnamese, variation selectors, ZWJ).  Measuring,
 * cutting, wrapping and searching by clusters is what guarantees that a
 * base letter is never separated from its marks, whichever normal form
 * the text arrived in.
 *
 * Invalid UTF-8 is decoded as U+FFFD, one per bad sequence as
 * u8_mbtouc() reports it, so the byte offsets we hand back always refer
 * to the caller's original string.
 */
#include "text.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <unicase.h>
#include <unictype.h>
#include <unigbrk.h>
#include <unilbrk.h>
#include <uninorm.h>
#include <unistr.h>
#include <uniwidth.h>

#include "base/base.h"

#define REPLACEMENT 0xFFFD
#define CAPITAL_D_STROKE 0x0110 /* Đ: has no decomposition in Unicode */
#define SMALL_D_STROKE 0x0111   /* đ */

/* ------------------------------------------------------------------ */
/* Decoding and classifying code points                               */
/* ------------------------------------------------------------------ */

/* Decode the character at s[i] (i < n).  Returns its length in bytes,
 * always >= 1, so loops make progress even through garbage. */
static size_t decode(const char *s, size_t n, size_t i, ucs4_t *c)
{
	int len = u8_mbtouc(c, (const uint8_t *)s + i, n - i);

	return len > 0 ? (size_t)len : 1;
}

/* Append c as UTF-8 (U+FFFD if c is not a Unicode scalar value). */
static void put_cp(struct buf *b, ucs4_t c)
{
	uint8_t u[6];
	int len = u8_uctomb(u, c, sizeof u);

	if (len <= 0)
		len = u8_uctomb(u, REPLACEMENT, sizeof u);
	buf_add(b, (const char *)u, (size_t)len);
}

/* Bidi embeddings, overrides, isolates and marks: they reorder what a
 * terminal shows (the "Trojan Source" trick), so data must never send
 * them raw. */
static bool is_bidi_control(ucs4_t c)
{
	return c == 0x061C || c == 0x200E || c == 0x200F ||
	       (c >= 0x202A && c <= 0x202E) || (c >= 0x2066 && c <= 0x2069);
}

/* If c must not reach a terminal raw, write its visible form into out
 * (at least 16 bytes) and return its length; else return 0.  '\n' and
 * '\t' count as controls here: callers that keep them check first. */
static size_t visible_form(ucs4_t c, char *out)
{
	if (c < 0x20 || c == 0x7F) {
		/* Caret notation: ESC is ^[, BEL ^G, DEL ^? */
		out[0] = '^';
		out[1] = (char)(c ^ 0x40);
		out[2] = '\0';
		return 2;
	}
	if ((c >= 0x80 && c <= 0x9F) || is_bidi_control(c))
		return (size_t)snprintf(out, 16, "<U+%04X>", (unsigned)c);
	return 0;
}

/* Code points that need no libunistring call to measure or to cut into
 * clusters: printable ASCII, Latin-1 and Latin Extended-A/B, and Latin
 * Extended Additional (every precomposed Vietnamese letter), i.e. nearly
 * all of a Vietnamese text.  Each is one column wide except U+00AD (soft
 * hyphen: 0); none is a control, a bidi control, a combining mark or a
 * prepended mark, so a cluster never goes on into one of them.  Asking
 * uc_width and uc_is_grapheme_break per character was most of the cost
 * of drawing a screen.  test_text checks these facts against
 * libunistring for every such code point (keep the ranges in step). */
static bool is_simple(ucs4_t c)
{
	return (c >= 0x20 && c < 0x7F) || (c >= 0xA0 && c < 0x300) ||
	       (c >= 0x1E00 && c < 0x1F00);
}

/* Columns c takes once sanitised (a tab is shown as one space). */
static int cp_width(ucs4_t c)
{
	char vis[16];
	size_t n;
	int w;

	if (is_simple(c))
		return c == 0xAD ? 0 : 1;
	if (c == '\t')
		return 1;
	n = visible_form(c, vis);
	if (n)
		return (int)n;
	w = uc_width(c, "UTF-8");
	return w < 0 ? 0 : w;
}

static bool is_blank(char c)
{
	return c == ' ' || c == '\t';
}

/* ASCII look-alike for typographic punctuation and spaces, or NULL.
 * Shared by the ASCII fallback and the search key, so that a query typed
 * on a plain keyboard finds text with curly quotes or NBSPs. */
static const char *ascii_lookalike(ucs4_t c)
{
	switch (c) {
	case 0x2018: case 0x2019: case 0x201A: case 0x201B: case 0x2032:
		return "'";
	case 0x201C: case 0x201D: case 0x201E: case 0x201F: case 0x2033:
	case 0x00AB: case 0x00BB:
		return "\"";
	case 0x2010: case 0x2011: case 0x2012: case 0x2013: case 0x2014:
	case 0x2015: case 0x2212:
		return "-";
	case 0x2026:
		return "...";
	case 0x2022:
		return "*";
	case 0x00B7: /* middle dot, the UI's separator */
		return "-";
	}
	if (c >= 0x80 && uc_is_general_category(c, UC_CATEGORY_Zs))
		return " "; /* NBSP, narrow NBSP, en/em spaces, ... */
	return NULL;
}

/* ------------------------------------------------------------------ */
/* Clusters                                                           */
/* ------------------------------------------------------------------ */

/* A growable array of code points, reused across clusters. */
struct cps {
	ucs4_t *v;
	size_t n;
	size_t cap;
};

static void cps_push(struct cps *a, ucs4_t c)
{
	if (a->n == a->cap) {
		a->cap = a->cap ? 2 * a->cap : 16;
		a->v = xrealloc(a->v, a->cap * sizeof *a->v);
	}
	a->v[a->n++] = c;
}

/* Whether b belongs to the same cluster as the a before it.  Controls
 * always stand alone (libunistring already says so, except that it keeps
 * CR LF together: we want '\n' on its own so it can end a line). */
static bool joins(ucs4_t a, ucs4_t b)
{
	char vis[16];

	/* a grapheme break always comes before a simple character after
	 * anything below the combining marks or another simple one */
	if (is_simple(b) && (a < 0x300 || is_simple(a)))
		return false;
	if (visible_form(a, vis) || visible_form(b, vis))
		return false;
	return !uc_is_grapheme_break(a, b);
}

/* The cluster starting at s[i]: returns the offset just past it.  Its
 * code points go to *cps (if non-NULL), its width to *width (ditto). */
static size_t next_cluster(const char *s, size_t n, size_t i,
			   struct cps *cps, int *width)
{
	ucs4_t prev, c;
	size_t len;
	int w;

	len = decode(s, n, i, &prev);
	if (cps) {
		cps->n = 0;
		cps_push(cps, prev);
	}
	w = cp_width(prev);
	for (i += len; i < n; i += len) {
		len = decode(s, n, i, &c);
		if (!joins(prev, c))
			break;
		if (cps)
			cps_push(cps, c);
		w += cp_width(c);
		prev = c;
	}
	if (width)
		*width = w;
	return i;
}

/* in normalised to nf into *out.  Only allocation failure can make
 * libunistring fail on valid code points; then we keep them as they are
 * rather than lose text. */
static void normalize_cps(uninorm_t nf, const struct cps *in, struct cps *out)
{
	ucs4_t *r;
	size_t len = 0, k;

	out->n = 0;
	r = u32_normalize(nf, in->v, in->n, NULL, &len);
	if (!r) {
		for (k = 0; k < in->n; k++)
			cps_push(out, in->v[k]);
		return;
	}
	for (k = 0; k < len; k++)
		cps_push(out, r[k]);
	free(r);
}

/* ------------------------------------------------------------------ */
/* Validity and normal form                                           */
/* ------------------------------------------------------------------ */

bool text_valid_utf8(const char *s, size_t n, size_t *bad_off)
{
	const uint8_t *bad;

	if (n == 0)
		return true;
	bad = u8_check((const uint8_t *)s, n);
	if (!bad)
		return true;
	if (bad_off)
		*bad_off = (size_t)(bad - (const uint8_t *)s);
	return false;
}

/* s with every bad sequence replaced by U+FFFD, so libunistring sees only
 * valid UTF-8. */
static char *repair(const char *s, size_t n, size_t *out_len)
{
	struct buf b = {0};
	size_t i, len;
	ucs4_t c;

	buf_add(&b, "", 0);
	for (i = 0; i < n; i += len) {
		len = decode(s, n, i, &c);
		if (c == REPLACEMENT)
			put_cp(&b, c);
		else
			buf_add(&b, s + i, len);
	}
	*out_len = b.len;
	return buf_steal(&b);
}

/* Valid UTF-8 s[0..n) in NFC, NUL-terminated. */
static char *nfc_valid(const char *s, size_t n)
{
	uint8_t *r;
	size_t len = 0;
	char *out;

	if (n == 0)
		return xstrdup("");
	r = u8_normalize(UNINORM_NFC, (const uint8_t *)s, n, NULL, &len);
	if (!r)
		return xstrndup(s, n);
	out = xstrndup((const char *)r, len);
	free(r);
	return out;
}

/* True if every code point of s is one that is NFC by itself and cannot
 * combine with a neighbour: ASCII, Latin-1, Latin Extended-A/B, Latin
 * Extended Additional (all precomposed Vietnamese), common punctuation
 * and the dong sign.  None of these is a combining mark, a composition
 * exclusion or a singleton, so such text is already NFC.  Vietnamese
 * typed precomposed (the usual case) skips normalisation entirely. */
static bool simple_nfc(const char *s, size_t n)
{
	for (size_t i = 0; i < n;) {
		ucs4_t c;
		int len = u8_mbtouc(&c, (const uint8_t *)s + i, n - i);

		if (len <= 0 || c == REPLACEMENT)
			return false; /* invalid bytes: the slow path repairs them */
		if (!(c < 0x300 || (c >= 0x1E00 && c <= 0x1EFF) || (c >= 0x2010 && c <= 0x2027) ||
		      (c >= 0x2030 && c <= 0x205E) || c == 0x20AB))
			return false;
		i += (size_t)len;
	}
	return true;
}

char *text_nfc(const char *s)
{
	size_t n;
	char *fixed, *out;

	if (!s)
		s = "";
	n = strlen(s);
	if (simple_nfc(s, n))
		return xstrndup(s, n);
	fixed = repair(s, n, &n);
	out = nfc_valid(fixed, n);
	free(fixed);
	return out;
}

/* ------------------------------------------------------------------ */
/* Sanitising and measuring                                           */
/* ------------------------------------------------------------------ */

/* True if text_sanitize would return s[0..n) unchanged: valid UTF-8
 * with nothing to neutralise (the usual case, checked without building
 * a copy character by character). */
static bool sanitize_keeps(const char *s, size_t n, bool keep_newlines)
{
	char vis[16];
	size_t i = 0, len;
	ucs4_t c;

	while (i < n) {
		unsigned char b = (unsigned char)s[i];

		if (b >= 0x20 && b < 0x7F) {
			i++;
			continue;
		}
		if (b == '\n' && keep_newlines) {
			i++;
			continue;
		}
		if (b < 0x80)
			return false; /* a control, DEL or a tab */
		len = decode(s, n, i, &c);
		if (c == REPLACEMENT || visible_form(c, vis))
			return false;
		i += len;
	}
	return true;
}

char *text_sanitize(const char *s, bool keep_newlines)
{
	struct buf b = {0};
	size_t i, n, len;
	char vis[16];
	ucs4_t c;

	if (!s)
		s = "";
	n = strlen(s);
	if (sanitize_keeps(s, n, keep_newlines))
		return xstrndup(s, n);
	buf_add(&b, "", 0);
	for (i = 0; i < n; i += len) {
		len = decode(s, n, i, &c);
		if (c == '\n' && keep_newlines)
			buf_addc(&b, '\n');
		else if (c == '\t')
			buf_addc(&b, ' ');
		else if (visible_form(c, vis))
			buf_adds(&b, vis);
		else if (c == REPLACEMENT)
			put_cp(&b, c); /* a bad byte, or a real U+FFFD */
		else
			buf_add(&b, s + i, len);
	}
	return buf_steal(&b);
}

int text_width(const char *s)
{
	size_t i, n, len;
	ucs4_t c;
	int w = 0;

	if (!s)
		return 0;
	n = strlen(s);
	for (i = 0; i < n; i += len) {
		if ((unsigned char)s[i] >= 0x20 && (unsigned char)s[i] < 0x7F) {
			w++; /* printable ASCII: one column, no decoding */
			len = 1;
			continue;
		}
		len = decode(s, n, i, &c);
		w += cp_width(c);
	}
	return w;
}

size_t text_fit(const char *s, int cols, int *used)
{
	size_t i = 0, n, next;
	int w = 0, cw;

	if (s && cols > 0) {
		n = strlen(s);
		while (i < n) {
			/* printable ASCII followed by ASCII (or the end) is a
			 * cluster of its own: nothing in ASCII joins it */
			unsigned char b = (unsigned char)s[i];
			if (b >= 0x20 && b < 0x7F && (i + 1 == n || (unsigned char)s[i + 1] < 0x80)) {
				if (w + 1 > cols)
					break;
				w++;
				i++;
				continue;
			}
			next = next_cluster(s, n, i, NULL, &cw);
			if (w + cw > cols)
				break;
			w += cw;
			i = next;
		}
	}
	if (used)
		*used = w;
	return i;
}

/* ------------------------------------------------------------------ */
/* Wrapping                                                           */
/* ------------------------------------------------------------------ */

struct lines {
	size_t *starts;
	size_t *lens;
	size_t n;
	size_t cap;
};

/* Record s[start..end) as a line, without its trailing blanks. */
static void add_line(struct lines *l, const char *s, size_t start, size_t end)
{
	while (end > start && is_blank(s[end - 1]))
		end--;
	if (l->n == l->cap) {
		l->cap = l->cap ? 2 * l->cap : 16;
		l->starts = xrealloc(l->starts, l->cap * sizeof *l->starts);
		l->lens = xrealloc(l->lens, l->cap * sizeof *l->lens);
	}
	l->starts[l->n] = start;
	l->lens[l->n] = end - start;
	l->n++;
}

/* Wrap the paragraph s[p..q) (no '\n' inside) greedily.  brk[i] is
 * libunistring's verdict on breaking before s[i]. */
static void wrap_paragraph(const char *s, size_t p, size_t q, int cols,
			   const char *brk, struct lines *l)
{
	size_t ls = p, pos, cand, next;
	int w, cw;

	for (;;) {
		w = 0;
		cand = 0;
		pos = ls;
		next = ls;
		while (pos < q) {
			if (pos > ls && (brk[pos] == UC_BREAK_POSSIBLE ||
					 brk[pos] == UC_BREAK_HYPHENATION))
				cand = pos;
			next = next_cluster(s, q, pos, NULL, &cw);
			/* Blanks may hang past the margin: they are trimmed. */
			if (!(next == pos + 1 && is_blank(s[pos])) &&
			    w + cw > cols)
				break;
			w += cw;
			pos = next;
		}
		if (pos >= q) {
			add_line(l, s, ls, q);
			return;
		}
		if (cand)
			pos = cand;
		else if (pos == ls)
			pos = next; /* one character wider than the line */
		add_line(l, s, ls, pos);
		/* Blanks at a soft break belong to neither line (unless a
		 * stray mark sits on one: then it is a character). */
		while (pos < q && is_blank(s[pos]) &&
		       next_cluster(s, q, pos, NULL, NULL) == pos + 1)
			pos++;
		if (pos >= q)
			return;
		ls = pos;
	}
}

size_t text_wrap(const char *s, int cols, size_t **starts, size_t **lens)
{
	struct lines l = {0};
	size_t n, i, p, k;
	char *shadow, *brk;
	ucs4_t c;

	if (!s)
		s = "";
	if (cols < 1)
		cols = 1;
	n = strlen(s);

	/* libunistring gets a copy in which every bad sequence is the same
	 * number of 'x' bytes (U+FFFD breaks like a letter too): it then sees
	 * valid UTF-8 and its offsets stay ours. */
	shadow = xmalloc(n + 1);
	brk = xmalloc(n + 1);
	for (i = 0; i < n; i += k) {
		k = decode(s, n, i, &c);
		if (c == REPLACEMENT)
			memset(shadow + i, 'x', k);
		else
			memcpy(shadow + i, s + i, k);
	}
	shadow[n] = '\0';

	for (p = 0;; p = i + 1) {
		i = p;
		while (i < n && s[i] != '\n')
			i++;
		if (i > p) {
			const uint8_t *u = (const uint8_t *)shadow;

			u8_possible_linebreaks(u + p, i - p, "UTF-8", brk + p);
			wrap_paragraph(s, p, i, cols, brk, &l);
		} else {
			add_line(&l, s, p, p);
		}
		if (i >= n)
			break;
	}
	free(shadow);
	free(brk);

	if (starts)
		*starts = l.starts;
	else
		free(l.starts);
	if (lens)
		*lens = l.lens;
	else
		free(l.lens);
	return l.n;
}

/* ------------------------------------------------------------------ */
/* Folding and search                                                 */
/* ------------------------------------------------------------------ */

/* Scratch space for building keys, so a long text costs no allocation
 * per character. */
struct keyer {
	struct cps raw;
	struct cps norm;
};

static void keyer_free(struct keyer *k)
{
	free(k->raw.v);
	free(k->norm.v);
}

/* Append the search key of the cluster in k->raw to out.  Folded
 * (exact == false): NFD, non-spacing marks dropped, đ/Đ → d, typographic
 * punctuation to ASCII, lower case.  Exact: NFC and lower case only. */
static void key_cluster(struct keyer *k, bool exact, struct buf *out)
{
	const char *look;
	ucs4_t c;
	size_t j;

	/* Plain ASCII needs no normalising: the common case, kept fast. */
	if (k->raw.n == 1 && k->raw.v[0] < 0x80) {
		c = k->raw.v[0];
		buf_addc(out, (char)(c >= 'A' && c <= 'Z' ? c + 32 : c));
		return;
	}
	normalize_cps(exact ? UNINORM_NFC : UNINORM_NFD, &k->raw, &k->norm);
	for (j = 0; j < k->norm.n; j++) {
		c = k->norm.v[j];
		if (!exact) {
			if (uc_is_general_category(c, UC_CATEGORY_Mn))
				continue;
			if (c == CAPITAL_D_STROKE || c == SMALL_D_STROKE) {
				buf_addc(out, 'd');
				continue;
			}
			look = ascii_lookalike(c);
			if (look) {
				buf_adds(out, look);
				continue;
			}
		}
		put_cp(out, uc_tolower(c));
	}
}

/* The key of s[0..n) into *out.  Clusters that start before from are
 * skipped.  If map_start/map_end are non-NULL they get, for every key
 * byte, the byte range in s of the cluster it came from. */
static void build_key(const char *s, size_t n, size_t from, bool exact,
		      struct buf *out, size_t **map_start, size_t **map_end)
{
	struct keyer k = {0};
	size_t i, next, j, cap = 0;

	buf_add(out, "", 0);
	for (i = 0; i < n; i = next) {
		size_t before = out->len;

		next = next_cluster(s, n, i, &k.raw, NULL);
		if (i < from)
			continue;
		key_cluster(&k, exact, out);
		if (!map_start)
			continue;
		if (out->len > cap) {
			cap = out->cap;
			*map_start = xrealloc(*map_start, cap * sizeof(size_t));
			*map_end = xrealloc(*map_end, cap * sizeof(size_t));
		}
		for (j = before; j < out->len; j++) {
			(*map_start)[j] = i;
			(*map_end)[j] = next;
		}
	}
	keyer_free(&k);
}

char *text_fold(const char *s)
{
	struct buf b = {0};

	if (!s)
		s = "";
	build_key(s, strlen(s), 0, false, &b, NULL, NULL);
	return buf_steal(&b);
}

bool text_has_marks(const char *s)
{
	struct keyer k = {0};
	size_t i, n, j;
	bool found = false;

	if (!s)
		return false;
	n = strlen(s);
	for (i = 0; i < n && !found;) {
		i = next_cluster(s, n, i, &k.raw, NULL);
		if (k.raw.n == 1 && k.raw.v[0] < 0x80)
			continue;
		normalize_cps(UNINORM_NFD, &k.raw, &k.norm);
		for (j = 0; j < k.norm.n && !found; j++) {
			ucs4_t c = k.norm.v[j];

			found = c == CAPITAL_D_STROKE || c == SMALL_D_STROKE ||
				uc_is_general_category(c, UC_CATEGORY_Mn);
		}
	}
	keyer_free(&k);
	return found;
}

/* Vietnamese has two spellings of the tone in "oa", "oe" and "uy": the
 * older on the first vowel (hòa, hòe, thủy), the newer on the second
 * (hoà, hoè, thuỷ), and official texts use both.  A needle with marks
 * therefore also looks for its other spelling.  Pairs are lower case NFC,
 * as in a search key. */
static const char *const tone_spellings[][2] = {
	{ "oà", "òa" }, { "oá", "óa" }, { "oả", "ỏa" }, { "oã", "õa" }, { "oạ", "ọa" },
	{ "oè", "òe" }, { "oé", "óe" }, { "oẻ", "ỏe" }, { "oẽ", "õe" }, { "oẹ", "ọe" },
	{ "uỳ", "ùy" }, { "uý", "úy" }, { "uỷ", "ủy" }, { "uỹ", "ũy" }, { "uỵ", "ụy" },
};

/* The other spelling of the pair at s[0..n), or NULL; *used gets the
 * length of the pair matched. */
static const char *other_spelling_at(const char *s, size_t n, size_t *used)
{
	for (size_t k = 0; k < ARRAY_LEN(tone_spellings); k++)
		for (size_t side = 0; side < 2; side++) {
			size_t m = strlen(tone_spellings[k][side]);

			if (m <= n && memcmp(s, tone_spellings[k][side], m) == 0) {
				*used = m;
				return tone_spellings[k][1 - side];
			}
		}
	return NULL;
}

/* key with every such pair spelled the other way, into *out; false if
 * key has none. */
static bool other_tone_spelling(const struct buf *key, struct buf *out)
{
	bool changed = false;
	size_t used;

	buf_add(out, "", 0);
	for (size_t i = 0; i < key->len;) {
		const char *other = other_spelling_at(key->data + i, key->len - i, &used);

		if (other) {
			buf_adds(out, other);
			i += used;
			changed = true;
		} else {
			buf_addc(out, key->data[i++]);
		}
	}
	return changed;
}

/* The first of the needle's keys in hkey: *klen gets the one found. */
static const char *first_hit(const struct buf *hkey, const struct buf *key,
			     const struct buf *alt, size_t *klen)
{
	const char *hit = memmem(hkey->data, hkey->len, key->data, key->len);
	const char *other = alt->len ? memmem(hkey->data, hkey->len, alt->data, alt->len) : NULL;

	*klen = key->len;
	if (other && (!hit || other < hit)) {
		*klen = alt->len;
		return other;
	}
	return hit;
}

bool text_search(const char *hay, const char *needle, size_t from,
		 size_t *start, size_t *len)
{
	struct buf key = {0}, hkey = {0}, alt = {0};
	size_t *ms = NULL, *me = NULL, n, klen;
	const char *hit;
	bool exact, found = false;

	if (!hay || !needle)
		return false;
	n = strlen(hay);
	if (from > n)
		return false;
	exact = text_has_marks(needle);
	build_key(needle, strlen(needle), 0, exact, &key, NULL, NULL);
	/* Nothing to look for is no hit, rather than a hit everywhere. */
	if (key.len == 0)
		goto out;
	if (exact && !other_tone_spelling(&key, &alt))
		alt.len = 0;
	build_key(hay, n, from, exact, &hkey, &ms, &me);
	hit = first_hit(&hkey, &key, &alt, &klen);
	if (hit) {
		size_t a = (size_t)(hit - hkey.data);
		size_t b = a + klen - 1;

		if (start)
			*start = ms[a];
		if (len)
			*len = me[b] - ms[a];
		found = true;
	}
out:
	free(ms);
	free(me);
	buf_free(&key);
	buf_free(&hkey);
	buf_free(&alt);
	return found;
}

/* ------------------------------------------------------------------ */
/* ASCII fallback                                                     */
/* ------------------------------------------------------------------ */

char *text_ascii(const char *s, bool keep_newlines)
{
	struct buf b = {0};
	struct keyer k = {0};
	size_t i, n, j;
	char vis[16];

	if (!s)
		s = "";
	n = strlen(s);
	buf_add(&b, "", 0);
	for (i = 0; i < n;) {
		bool unknown = false;
		ucs4_t c;

		i = next_cluster(s, n, i, &k.raw, NULL);
		c = k.raw.v[0];
		/* Controls always form a cluster of their own. */
		if (c == '\n' && keep_newlines) {
			buf_addc(&b, '\n');
			continue;
		}
		if (c == '\t') {
			buf_addc(&b, ' ');
			continue;
		}
		if (visible_form(c, vis)) {
			buf_adds(&b, vis);
			continue;
		}
		normalize_cps(UNINORM_NFD, &k.raw, &k.norm);
		for (j = 0; j < k.norm.n; j++) {
			const char *look;

			c = k.norm.v[j];
			if (c < 0x80) {
				buf_addc(&b, (char)c);
			} else if (c == CAPITAL_D_STROKE) {
				buf_addc(&b, 'D');
			} else if (c == SMALL_D_STROKE) {
				buf_addc(&b, 'd');
			} else if ((look = ascii_lookalike(c))) {
				buf_adds(&b, look);
			} else if (uc_is_general_category(c, UC_CATEGORY_M) ||
				   uc_is_general_category(c, UC_CATEGORY_Cf)) {
				/* marks, ZWJ, soft hyphen, BOM: not shown */
			} else if (!unknown) {
				/* one '?' per character, however decomposed */
				buf_addc(&b, '?');
				unknown = true;
			}
		}
	}
	keyer_free(&k);
	return buf_steal(&b);
}

/* ------------------------------------------------------------------ */
/* Typed input and ordering                                           */
/* ------------------------------------------------------------------ */

char *text_clean_input(const char *s)
{
	struct buf b = {0}, c = {0};
	size_t n, i, line, end;
	char *fixed, *norm;

	if (!s)
		s = "";
	fixed = repair(s, strlen(s), &n);

	/* Line ends and tabs first: neither takes part in normalisation. */
	buf_add(&b, "", 0);
	for (i = 0; i < n; i++) {
		if (fixed[i] == '\r') {
			buf_addc(&b, '\n');
			if (i + 1 < n && fixed[i + 1] == '\n')
				i++;
		} else if (fixed[i] == '\t') {
			buf_addc(&b, ' ');
		} else {
			buf_addc(&b, fixed[i]);
		}
	}
	free(fixed);
	norm = nfc_valid(b.data, b.len);
	buf_free(&b);

	/* Each line without its trailing blanks. */
	buf_add(&c, "", 0);
	n = strlen(norm);
	for (line = 0; line <= n; line = end + 1) {
		size_t stop;

		end = line;
		while (end < n && norm[end] != '\n')
			end++;
		stop = end;
		while (stop > line && norm[stop - 1] == ' ')
			stop--;
		buf_add(&c, norm + line, stop - line);
		if (end < n)
			buf_addc(&c, '\n');
	}
	free(norm);

	/* Trailing blank lines are now just trailing newlines. */
	while (c.len > 0 && c.data[c.len - 1] == '\n')
		c.data[--c.len] = '\0';
	return buf_steal(&c);
}

static bool is_digit(char c)
{
	return c >= '0' && c <= '9';
}

int text_natcmp(const char *a, const char *b)
{
	const char *a0 = a, *b0 = b;
	int r;

	if (!a || !b)
		return (a != NULL) - (b != NULL);
	while (*a && *b) {
		if (is_digit(*a) && is_digit(*b)) {
			const char *ea, *eb;
			size_t la, lb;

			/* Compare the runs as numbers of any length: skip
			 * leading zeros, then the longer run is larger, and
			 * equal lengths compare digit by digit. */
			while (*a == '0' && is_digit(a[1]))
				a++;
			while (*b == '0' && is_digit(b[1]))
				b++;
			for (ea = a; is_digit(*ea); ea++)
				;
			for (eb = b; is_digit(*eb); eb++)
				;
			la = (size_t)(ea - a);
			lb = (size_t)(eb - b);
			if (la != lb)
				return la < lb ? -1 : 1;
			for (; a < ea; a++, b++)
				if (*a != *b)
					return *a < *b ? -1 : 1;
			continue;
		}
		if (*a != *b)
			return (unsigned char)*a < (unsigned char)*b ? -1 : 1;
		a++;
		b++;
	}
	if (*a || *b)
		return *a ? 1 : -1;
	/* Equal as numbers ("01" and "1"): fall back to bytes so that the
	 * order stays total and only equal strings compare equal. */
	r = strcmp(a0, b0);
	return (r > 0) - (r < 0);
}
