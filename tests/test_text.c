/* Copyright 2026 the dvk developers.  SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * test_text.c: the text module (text/text.h).
 *
 * NFD inputs are produced with libunistring's u8_normalize where a whole
 * table needs them, and spelled out with escapes where a test is about one
 * particular sequence, so that the module is not only checked against the
 * library it is built on.
 */
#include "text/text.h"

#include <criterion/criterion.h>
#include <criterion/parameterized.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unigbrk.h>
#include <uninorm.h>
#include <uniwidth.h>

#include "base/base.h"

/* ------------------------------------------------------------------ */
/* Helpers                                                            */
/* ------------------------------------------------------------------ */

/* s in NFD; the caller frees it. */
static char *nfd(const char *s)
{
	size_t len = 0;
	uint8_t *r;
	char *out;

	if (!*s)
		return xstrdup("");
	r = u8_normalize(UNINORM_NFD, (const uint8_t *)s, strlen(s), NULL,
			 &len);
	cr_assert_not_null(r);
	out = xstrndup((const char *)r, len);
	free(r);
	return out;
}

static bool is_ascii(const char *s)
{
	for (; *s; s++)
		if ((unsigned char)*s >= 0x80)
			return false;
	return true;
}

/* No byte or sequence that a terminal would act on: C0 (except '\n' when
 * allowed), DEL, C1 as UTF-8 (C2 80..9F), raw 8-bit C1 bytes, bidi
 * controls. */
static void assert_terminal_safe(const char *s, bool newlines_ok)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t i, n = strlen(s);

	cr_assert(text_valid_utf8(s, n, NULL), "not UTF-8: %s", s);
	for (i = 0; i < n; i++) {
		unsigned char c = p[i];

		if (c == '\n')
			cr_assert(newlines_ok, "raw newline at %zu", i);
		else
			cr_assert(c >= 0x20 && c != 0x7f,
				  "raw control 0x%02x at %zu", c, i);
		if (c == 0xc2 && i + 1 < n)
			cr_assert(!(p[i + 1] >= 0x80 && p[i + 1] <= 0x9f),
				  "C1 control at %zu", i);
		if (c == 0xe2 && i + 2 < n && p[i + 1] == 0x80)
			cr_assert(!(p[i + 2] == 0x8e || p[i + 2] == 0x8f ||
				    (p[i + 2] >= 0xaa && p[i + 2] <= 0xae)),
				  "bidi control at %zu", i);
		if (c == 0xe2 && i + 2 < n && p[i + 1] == 0x81)
			cr_assert(!(p[i + 2] >= 0xa6 && p[i + 2] <= 0xa9),
				  "bidi isolate at %zu", i);
	}
}

/* Lines of text_wrap as separate strings, for readable assertions. */
struct wrapped {
	size_t n;
	size_t *starts;
	size_t *lens;
	char **line;
};

static struct wrapped wrap(const char *s, int cols)
{
	struct wrapped w;
	size_t i;

	w.n = text_wrap(s, cols, &w.starts, &w.lens);
	w.line = xcalloc(w.n, sizeof *w.line);
	for (i = 0; i < w.n; i++) {
		cr_assert_leq(w.starts[i] + w.lens[i], strlen(s));
		w.line[i] = xstrndup(s + w.starts[i], w.lens[i]);
	}
	return w;
}

static void wrapped_free(struct wrapped *w)
{
	size_t i;

	for (i = 0; i < w->n; i++)
		free(w->line[i]);
	free(w->line);
	free(w->starts);
	free(w->lens);
}

static const char paragraph[] =
	"Công tác dân vận là nhiệm vụ của cả hệ thống chính trị, trong đó "
	"cán bộ, công chức ở cơ sở phải gần dân, hiểu dân, học dân và có "
	"trách nhiệm với dân. Mỗi cán bộ khi tiếp công dân cần lắng nghe ý "
	"kiến, kiến nghị, phản ánh của người dân một cách tận tình, chu đáo; "
	"hướng dẫn thủ tục hành chính rõ ràng, công khai, minh bạch; giải "
	"quyết kịp thời những khó khăn, vướng mắc chính đáng, hợp pháp của "
	"Nhân dân theo đúng quy định của pháp luật và tinh thần nghị quyết "
	"của Đảng.";

/* ------------------------------------------------------------------ */
/* Validity                                                           */
/* ------------------------------------------------------------------ */

Test(text, valid_utf8_accepts_vietnamese_and_empty_input)
{
	size_t off = 99;

	cr_assert(text_valid_utf8(paragraph, strlen(paragraph), &off));
	cr_assert(text_valid_utf8("", 0, &off));
	cr_assert_eq(off, 99, "bad_off must not be touched on success");
}

/* Criterion may run each test in a fresh process, where pointers
 * stored in a parameter would be stale: parameters hold their strings. */
#define PARAM_MAX 64

struct bad_case {
	char s[PARAM_MAX];
	size_t n;
	size_t off;
};

ParameterizedTestParameters(text, valid_utf8_reports_the_first_bad_byte)
{
	static struct bad_case cases[] = {
		{ "abc\xff" "def", 7, 3 },
		{ "\xc0\xaf", 2, 0 },               /* overlong '/' */
		{ "ok\xed\xa0\x80", 5, 2 },         /* surrogate D800 */
		{ "\xf4\x90\x80\x80", 4, 0 },       /* above U+10FFFF */
		{ "Vi\xe1\xbb", 4, 2 },             /* truncated ệ */
		{ "d\xc3\xa2n\x80", 5, 4 },         /* stray continuation */
		{ "\xe1\xbb\x87\xfe", 4, 3 },
	};
	return cr_make_param_array(struct bad_case, cases, ARRAY_LEN(cases));
}

ParameterizedTest(struct bad_case *c, text, valid_utf8_reports_the_first_bad_byte)
{
	size_t off = 999;

	cr_assert_not(text_valid_utf8(c->s, c->n, &off));
	cr_assert_eq(off, c->off, "got %zu want %zu", off, c->off);
	cr_assert_not(text_valid_utf8(c->s, c->n, NULL));
}

/* ------------------------------------------------------------------ */
/* NFC                                                                */
/* ------------------------------------------------------------------ */

Test(text, nfc_composes_decomposed_vietnamese)
{
	char *s = text_nfc("Vie\xcc\x82\xcc\xa3t Nam, \xc4\x90\x61\xcc\x89ng");

	cr_assert_str_eq(s, "Việt Nam, Đảng");
	free(s);
}

Test(text, nfc_composes_marks_typed_in_either_order)
{
	/* g a U+0323 U+0306 p, as a composing IME sends it, and the
	 * canonical order U+0306 U+0323: both are "gặp". */
	char *a = text_nfc("ga\xcc\xa3\xcc\x86p");
	char *b = text_nfc("ga\xcc\x86\xcc\xa3p");
	char *c = text_nfc("g\xe1\xba\xa1\xcc\x86p"); /* ạ + breve */

	cr_assert_str_eq(a, "gặp");
	cr_assert_str_eq(b, "gặp");
	cr_assert_str_eq(c, "gặp");
	free(a);
	free(b);
	free(c);
}

Test(text, nfc_of_a_whole_nfd_paragraph_is_the_nfc_paragraph)
{
	char *d = nfd(paragraph);
	char *c = text_nfc(d);

	cr_assert_gt(strlen(d), strlen(paragraph), "NFD must be longer");
	cr_assert_str_eq(c, paragraph);
	free(c);
	free(d);
}

Test(text, nfc_keeps_both_tone_placements)
{
	/* Hòa and Hoà are both NFC: normalising must not unify them. */
	char *a = text_nfc("Hòa");
	char *b = text_nfc("Hoà");

	cr_assert_str_eq(a, "Hòa");
	cr_assert_str_eq(b, "Hoà");
	cr_assert_str_neq(a, b);
	free(a);
	free(b);
}

Test(text, nfc_replaces_bad_bytes_with_the_replacement_character)
{
	char *s = text_nfc("a\xff" "b\xc3");

	cr_assert_str_eq(s, "a\xef\xbf\xbd" "b\xef\xbf\xbd");
	free(s);
}

Test(text, nfc_of_null_and_empty_is_empty)
{
	char *a = text_nfc("");
	char *b = text_nfc(NULL);

	cr_assert_str_eq(a, "");
	cr_assert_str_eq(b, "");
	free(a);
	free(b);
}

/* ------------------------------------------------------------------ */
/* Sanitising                                                         */
/* ------------------------------------------------------------------ */

struct conv_case {
	char in[PARAM_MAX];
	char want[PARAM_MAX];
};

ParameterizedTestParameters(text, sanitize_makes_controls_visible)
{
	static struct conv_case cases[] = {
		{ "\x1b[2J", "^[[2J" },
		{ "\x1b]0;x\x07", "^[]0;x^G" },
		{ "red \x1b[31mX\x1b[0m", "red ^[[31mX^[[0m" },
		{ "a\rb", "a^Mb" },
		{ "a\bb", "a^Hb" },
		{ "\x01\x1f", "^A^_" },
		{ "x\x7fy", "x^?y" },
		{ "a\tb", "a b" },
		{ "a\nb", "a^Jb" },
		{ "\xc2\x9b" "31m", "<U+009B>31m" },      /* 8-bit CSI */
		{ "\xc2\x85", "<U+0085>" },               /* NEL */
		{ "abc\xe2\x80\xae" "def", "abc<U+202E>def" },
		{ "\xe2\x80\xaa\xe2\x80\xad", "<U+202A><U+202D>" },
		{ "\xe2\x81\xa6x\xe2\x81\xa9", "<U+2066>x<U+2069>" },
		{ "\xe2\x80\x8e\xe2\x80\x8f", "<U+200E><U+200F>" },
		{ "\xd8\x9c", "<U+061C>" },                /* Arabic letter mark */
		{ "\x9b" "2J", "\xef\xbf\xbd" "2J" },     /* raw C1 byte */
		{ "Dân vận khéo “đẹp” — 中文", "Dân vận khéo “đẹp” — 中文" },
		{ "", "" },
	};
	return cr_make_param_array(struct conv_case, cases, ARRAY_LEN(cases));
}

ParameterizedTest(struct conv_case *c, text, sanitize_makes_controls_visible)
{
	char *s = text_sanitize(c->in, false);

	cr_assert_str_eq(s, c->want);
	assert_terminal_safe(s, false);
	free(s);
}

Test(text, sanitize_keeps_newlines_only_when_asked)
{
	char *kept = text_sanitize("dòng 1\ndòng 2\r\n", true);
	char *shown = text_sanitize("dòng 1\ndòng 2\r\n", false);

	cr_assert_str_eq(kept, "dòng 1\ndòng 2^M\n");
	cr_assert_str_eq(shown, "dòng 1^Jdòng 2^M^J");
	free(kept);
	free(shown);
}

Test(text, sanitize_leaves_nothing_a_terminal_would_act_on)
{
	struct buf in = {0};
	unsigned b, c;
	char *s;

	/* Every byte value, alone and inside text; every C1 and bidi
	 * control as proper UTF-8. */
	for (b = 1; b < 256; b++) {
		buf_addc(&in, 'x');
		buf_addc(&in, (char)b);
	}
	for (c = 0x80; c <= 0x9f; c++) {
		buf_addc(&in, (char)0xc2);
		buf_addc(&in, (char)c);
	}
	buf_adds(&in, "\xe2\x80\x8e\xe2\x80\x8f\xe2\x80\xaa\xe2\x80\xab"
		      "\xe2\x80\xac\xe2\x80\xad\xe2\x80\xae\xe2\x81\xa6"
		      "\xe2\x81\xa7\xe2\x81\xa8\xe2\x81\xa9");
	s = text_sanitize(in.data, false);
	assert_terminal_safe(s, false);
	free(s);
	s = text_sanitize(in.data, true);
	assert_terminal_safe(s, true);
	cr_assert_not_null(strchr(s, '\n'));
	free(s);
	buf_free(&in);
}

/* ------------------------------------------------------------------ */
/* Width and fitting                                                  */
/* ------------------------------------------------------------------ */

struct width_case {
	char s[PARAM_MAX];
	int width;
};

ParameterizedTestParameters(text, width_counts_terminal_columns)
{
	static struct width_case cases[] = {
		{ "", 0 },
		{ "abc", 3 },
		{ "Việt", 4 },
		{ "Vie\xcc\x82\xcc\xa3t", 4 },          /* NFD */
		{ "e\xcc\x82\xcc\xa3", 1 },             /* NFD ệ */
		{ "\xe1\xbb\x87", 1 },                  /* NFC ệ */
		{ "Thanh Hóa", 9 },
		{ "Thanh Ho\xcc\x81" "a", 9 },
		{ "Đảng", 4 },
		{ "\xcc\x81", 0 },                      /* lone mark */
		{ "中文", 4 },
		{ "“Dân” — …", 9 },
		{ "\xc2\xa0", 1 },                      /* NBSP */
		{ "\x1b[2J", 5 },                       /* ^[[2J */
		{ "\x07", 2 },                          /* ^G */
		{ "\t", 1 },
		{ "\xe2\x80\xae", 8 },                  /* <U+202E> */
		{ "\xc2\x9b", 8 },                      /* <U+009B> */
		{ "a\xffz", 3 },                        /* U+FFFD */
	};
	return cr_make_param_array(struct width_case, cases, ARRAY_LEN(cases));
}

ParameterizedTest(struct width_case *c, text, width_counts_terminal_columns)
{
	char *s = text_sanitize(c->s, false);

	cr_assert_eq(text_width(c->s), c->width, "width(\"%s\") = %d, want %d",
		     s, text_width(c->s), c->width);
	/* The width is that of what will actually be shown. */
	cr_assert_eq(text_width(s), c->width);
	free(s);
}

Test(text, width_of_nfd_and_nfc_paragraph_agree)
{
	char *d = nfd(paragraph);

	cr_assert_eq(text_width(d), text_width(paragraph));
	cr_assert_eq(text_width(paragraph), 469);
	free(d);
}

Test(text, fit_never_separates_a_letter_from_its_marks)
{
	const char *s = "Vie\xcc\x82\xcc\xa3t"; /* NFD Việt */
	int used = -1;
	size_t n;

	n = text_fit(s, 3, &used);
	cr_assert_eq(n, 7, "V i e + two marks = 7 bytes, got %zu", n);
	cr_assert_eq(used, 3);
	n = text_fit(s, 2, &used);
	cr_assert_eq(n, 2);
	cr_assert_eq(used, 2);
	n = text_fit("Vi\xe1\xbb\x87t", 3, &used);
	cr_assert_eq(n, 5);
	cr_assert_eq(used, 3);
}

Test(text, fit_stops_before_a_wide_character_that_does_not_fit)
{
	int used = -1;

	cr_assert_eq(text_fit("a中b", 2, &used), 1);
	cr_assert_eq(used, 1);
	cr_assert_eq(text_fit("a中b", 3, &used), 4);
	cr_assert_eq(used, 3);
}

Test(text, fit_of_zero_columns_is_empty_and_of_many_is_everything)
{
	int used = -1;

	cr_assert_eq(text_fit("Dân", 0, &used), 0);
	cr_assert_eq(used, 0);
	cr_assert_eq(text_fit("Dân", -5, NULL), 0);
	cr_assert_eq(text_fit("Dân", 80, &used), strlen("Dân"));
	cr_assert_eq(used, 3);
	cr_assert_eq(text_fit("", 10, &used), 0);
}

/* text.c measures and cuts "simple" code points without asking
 * libunistring (is_simple there: printable ASCII, U+00A0..U+02FF,
 * U+1E00..U+1EFF).  What that rests on, asked of libunistring itself, so
 * that a new Unicode version that changes it fails here: each is one
 * column wide (U+00AD: none), and a cluster never goes on into one after
 * anything below the combining marks or another simple one. */
static bool simple_cp(ucs4_t c)
{
	return (c >= 0x20 && c < 0x7F) || (c >= 0xA0 && c < 0x300) ||
	       (c >= 0x1E00 && c < 0x1F00);
}

Test(text, the_fast_paths_agree_with_libunistring)
{
	for (ucs4_t c = 0; c < 0x1F00; c++) {
		if (!simple_cp(c))
			continue;
		cr_assert_eq(uc_width(c, "UTF-8"), c == 0xAD ? 0 : 1, "width of U+%04X",
			     (unsigned)c);
		for (ucs4_t a = 0; a < 0x1F00; a++)
			if ((a < 0x300 || simple_cp(a)) && !uc_is_grapheme_break(a, c))
				cr_assert_fail("U+%04X U+%04X: one cluster", (unsigned)a,
					       (unsigned)c);
	}
}

Test(text, fit_and_width_keep_a_mark_with_the_ascii_letter_before_it)
{
	int used = -1;

	/* "ab" + U+0301: b and its mark are one column, never split */
	cr_assert_eq(text_fit("ab\xcc\x81", 1, &used), 1);
	cr_assert_eq(used, 1);
	cr_assert_eq(text_fit("ab\xcc\x81", 2, &used), 4);
	cr_assert_eq(used, 2);
	cr_assert_eq(text_width("ab\xcc\x81"), 2);
	cr_assert_eq(text_width("a\xc2\xad" "b"), 2, "a soft hyphen takes no column");
	/* a control after ASCII still counts in caret form */
	cr_assert_eq(text_width("a\x1b"), 3);
	cr_assert_eq(text_fit("a\x1b", 2, &used), 1);
}

Test(text, sanitize_returns_plain_text_unchanged_and_still_neutralises)
{
	const char *plain = "Đồng bào \xe2\x80\x9c" "dân vận khéo\xe2\x80\x9d\nhai dòng";
	char *s = text_sanitize(plain, true);

	cr_assert_str_eq(s, plain);
	free(s);
	s = text_sanitize(plain, false);
	cr_assert_str_eq(s, "Đồng bào \xe2\x80\x9c" "dân vận khéo\xe2\x80\x9d^Jhai dòng");
	free(s);
	/* one byte to neutralise anywhere takes the careful path */
	s = text_sanitize("Việt\xc2\x85Nam\xe2\x80\xae" "ab\xff\t\x7f", false);
	cr_assert_str_eq(s, "Việt<U+0085>Nam<U+202E>ab\xef\xbf\xbd ^?");
	free(s);
}

Test(text, fit_never_cuts_an_escape_shown_in_caret_notation)
{
	int used = -1;

	/* "a^[" is 3 columns: with 2 the escape must not be half shown. */
	cr_assert_eq(text_fit("a\x1b[", 2, &used), 1);
	cr_assert_eq(used, 1);
	cr_assert_eq(text_fit("a\x1b[", 3, &used), 2);
	cr_assert_eq(used, 3);
}

Test(text, fit_prefix_is_the_longest_that_fits_at_every_width)
{
	char *d = nfd(paragraph);
	const char *texts[] = { paragraph, d };
	size_t t;
	int cols;

	for (t = 0; t < ARRAY_LEN(texts); t++) {
		for (cols = 0; cols <= 60; cols++) {
			int used = -1;
			size_t n = text_fit(texts[t], cols, &used);
			char *prefix = xstrndup(texts[t], n);

			cr_assert_eq(text_width(prefix), used);
			cr_assert_leq(used, cols);
			cr_assert_eq(used, cols, "no wide chars: exact fit");
			/* The prefix ends at a letter boundary: what follows
			 * never starts with a combining mark (U+03xx). */
			cr_assert_not(texts[t][n] == '\xcc' ||
				      texts[t][n] == '\xcd');
			cr_assert(text_valid_utf8(prefix, n, NULL));
			free(prefix);
		}
	}
	free(d);
}

/* ------------------------------------------------------------------ */
/* Wrapping                                                           */
/* ------------------------------------------------------------------ */

Test(text, wrap_breaks_at_spaces_and_drops_them)
{
	struct wrapped w = wrap("Tiếp công dân là việc", 10);

	cr_assert_eq(w.n, 3);
	cr_assert_str_eq(w.line[0], "Tiếp công");
	cr_assert_str_eq(w.line[1], "dân là");
	cr_assert_str_eq(w.line[2], "việc");
	wrapped_free(&w);
}

Test(text, wrap_breaks_a_word_longer_than_the_line_by_columns)
{
	struct wrapped w = wrap("abcdefghij xy", 4);

	cr_assert_eq(w.n, 4);
	cr_assert_str_eq(w.line[0], "abcd");
	cr_assert_str_eq(w.line[1], "efgh");
	cr_assert_str_eq(w.line[2], "ij");
	cr_assert_str_eq(w.line[3], "xy");
	wrapped_free(&w);
}

Test(text, wrap_hard_breaks_keep_nfd_marks_with_their_letter)
{
	/* Four NFD "ệ" (e + U+0302 + U+0323, 5 bytes each), 2 columns. */
	const char *e = "e\xcc\x82\xcc\xa3";
	char *s = xasprintf("%s%s%s%s", e, e, e, e);
	struct wrapped w = wrap(s, 2);
	size_t i;

	cr_assert_eq(w.n, 2);
	for (i = 0; i < w.n; i++) {
		cr_assert_eq(w.lens[i], 10);
		cr_assert_eq(text_width(w.line[i]), 2);
	}
	wrapped_free(&w);
	free(s);
}

Test(text, wrap_honours_explicit_newlines_and_empty_lines)
{
	struct wrapped w = wrap("một\n\nhai ba\n", 80);

	cr_assert_eq(w.n, 4);
	cr_assert_str_eq(w.line[0], "một");
	cr_assert_str_eq(w.line[1], "");
	cr_assert_str_eq(w.line[2], "hai ba");
	cr_assert_str_eq(w.line[3], "");
	cr_assert_eq(w.starts[2], strlen("một\n\n"));
	wrapped_free(&w);
}

Test(text, wrap_of_an_empty_string_is_one_empty_line)
{
	struct wrapped w = wrap("", 10);

	cr_assert_eq(w.n, 1);
	cr_assert_eq(w.starts[0], 0);
	cr_assert_eq(w.lens[0], 0);
	wrapped_free(&w);
}

Test(text, wrap_leaves_trailing_spaces_out_of_lines)
{
	struct wrapped w = wrap("dân   \nvận  ", 20);

	cr_assert_eq(w.n, 2);
	cr_assert_str_eq(w.line[0], "dân");
	cr_assert_str_eq(w.line[1], "vận");
	wrapped_free(&w);
}

Test(text, wrap_keeps_leading_indentation_of_a_paragraph)
{
	struct wrapped w = wrap("  - mục một\n  - mục hai", 40);

	cr_assert_eq(w.n, 2);
	cr_assert_str_eq(w.line[0], "  - mục một");
	cr_assert_str_eq(w.line[1], "  - mục hai");
	wrapped_free(&w);
}

Test(text, wrap_never_breaks_at_a_no_break_space)
{
	/* "Thanh<NBSP>Hóa" must stay together; the break goes before it. */
	struct wrapped w = wrap("tỉnh Thanh\xc2\xa0Hóa", 12);

	cr_assert_eq(w.n, 2);
	cr_assert_str_eq(w.line[0], "tỉnh");
	cr_assert_str_eq(w.line[1], "Thanh\xc2\xa0Hóa");
	wrapped_free(&w);
}

Test(text, wrap_with_zero_columns_still_makes_progress)
{
	struct wrapped w = wrap("abc", 0);

	cr_assert_eq(w.n, 3);
	cr_assert_str_eq(w.line[2], "c");
	wrapped_free(&w);
}

Test(text, wrap_gives_a_too_wide_character_its_own_line)
{
	struct wrapped w = wrap("中文", 1);

	cr_assert_eq(w.n, 2);
	cr_assert_str_eq(w.line[0], "中");
	cr_assert_str_eq(w.line[1], "文");
	wrapped_free(&w);
}

Test(text, wrap_returns_offsets_into_the_original_invalid_string)
{
	/* Each bad byte is one column (U+FFFD). */
	const char *s = "ab\xff\xfe cd\x80";
	struct wrapped w = wrap(s, 4);

	cr_assert_eq(w.n, 2);
	cr_assert_eq(w.starts[0], 0);
	cr_assert_eq(w.lens[0], 4);
	cr_assert_eq(w.starts[1], 5);
	cr_assert_eq(w.lens[1], 3);
	wrapped_free(&w);
}

Test(text, wrap_without_output_arrays_only_counts)
{
	cr_assert_eq(text_wrap("a b c", 1, NULL, NULL), 3);
}

static void check_paragraph_wrap(const char *para, int cols)
{
	struct wrapped w = wrap(para, cols);
	struct buf joined = {0};
	size_t i;

	cr_assert_gt(w.n, (size_t)(text_width(para) / cols),
		     "%zu lines cannot hold %d columns", w.n, text_width(para));
	for (i = 0; i < w.n; i++) {
		int lw = text_width(w.line[i]);

		cr_assert_leq(lw, cols, "line %zu is %d wide: \"%s\"", i, lw,
			      w.line[i]);
		cr_assert_gt(w.lens[i], 0);
		cr_assert_neq(w.line[i][0], ' ');
		cr_assert_neq(w.line[i][w.lens[i] - 1], ' ');
		if (i > 0) {
			/* Exactly the one break space between two lines. */
			cr_assert_eq(w.starts[i],
				     w.starts[i - 1] + w.lens[i - 1] + 1);
			cr_assert_eq(para[w.starts[i] - 1], ' ');
			buf_addc(&joined, ' ');
		}
		if (i + 1 < w.n) {
			/* Greedy: the next word would not have fitted. */
			size_t k = strcspn(w.line[i + 1], " ");
			char *word = xstrndup(w.line[i + 1], k);

			cr_assert_gt(lw + 1 + text_width(word), cols,
				     "\"%s\" would fit after \"%s\"", word,
				     w.line[i]);
			free(word);
		}
		buf_adds(&joined, w.line[i]);
	}
	cr_assert_str_eq(joined.data, para);
	buf_free(&joined);
	wrapped_free(&w);
}

ParameterizedTestParameters(text, wrap_of_a_long_paragraph_fits_and_loses_nothing)
{
	static int cols[] = { 20, 40, 80 };

	return cr_make_param_array(int, cols, ARRAY_LEN(cols));
}

ParameterizedTest(int *cols, text, wrap_of_a_long_paragraph_fits_and_loses_nothing)
{
	char *d = nfd(paragraph);
	size_t nc = text_wrap(paragraph, *cols, NULL, NULL);
	size_t nd = text_wrap(d, *cols, NULL, NULL);

	check_paragraph_wrap(paragraph, *cols);
	check_paragraph_wrap(d, *cols);
	cr_assert_eq(nc, nd, "NFC and NFD wrap differently: %zu vs %zu", nc,
		     nd);
	free(d);
}

Test(text, wrap_line_counts_of_the_paragraph)
{
	/* 469 columns of text: pinned so a regression shows as a number. */
	cr_assert_eq(text_wrap(paragraph, 80, NULL, NULL), 6);
	cr_assert_eq(text_wrap(paragraph, 40, NULL, NULL), 12);
	cr_assert_eq(text_wrap(paragraph, 20, NULL, NULL), 25);
}

/* ------------------------------------------------------------------ */
/* Folding                                                            */
/* ------------------------------------------------------------------ */

Test(text, fold_drops_vietnamese_marks)
{
	char *s = text_fold("Dân Vận Khéo");

	cr_assert_str_eq(s, "dan van kheo");
	free(s);
}

Test(text, fold_turns_d_with_stroke_into_d)
{
	char *a = text_fold("Đ");
	char *b = text_fold("đ");

	cr_assert_str_eq(a, "d");
	cr_assert_str_eq(b, "d");
	free(a);
	free(b);
}

ParameterizedTestParameters(text, fold_of_vietnamese_words_in_nfc_and_nfd)
{
	static struct conv_case cases[] = {
		{ "tiếp", "tiep" },
		{ "công", "cong" },
		{ "dân", "dan" },
		{ "vận", "van" },
		{ "khéo", "kheo" },
		{ "được", "duoc" },
		{ "Đảng", "dang" },
		{ "người", "nguoi" },
		{ "nghị quyết", "nghi quyet" },
		{ "thủ tục hành chính", "thu tuc hanh chinh" },
		{ "tiếp công dân", "tiep cong dan" },
		{ "Việt Nam", "viet nam" },
		{ "Thanh Hóa", "thanh hoa" },
		{ "Thanh Hoá", "thanh hoa" },
		{ "Quảng Xương", "quang xuong" },
		{ "đồng bào dân tộc", "dong bao dan toc" },
		{ "Ủy ban nhân dân", "uy ban nhan dan" },
		{ "Uỷ ban", "uy ban" },
		{ "Hội đồng", "hoi dong" },
		{ "cán bộ", "can bo" },
		{ "chính quyền", "chinh quyen" },
		{ "xã", "xa" },
		{ "phường", "phuong" },
		{ "huyện", "huyen" },
		{ "tỉnh", "tinh" },
		{ "Mặt trận Tổ quốc", "mat tran to quoc" },
		{ "đoàn thể", "doan the" },
		{ "kiểm tra, giám sát", "kiem tra, giam sat" },
		{ "báo cáo", "bao cao" },
		{ "hướng dẫn", "huong dan" },
		{ "thực hiện", "thuc hien" },
		{ "quy chế dân chủ ở cơ sở", "quy che dan chu o co so" },
		{ "ý kiến", "y kien" },
		{ "phản ánh", "phan anh" },
		{ "kiến nghị", "kien nghi" },
		{ "khiếu nại, tố cáo", "khieu nai, to cao" },
		{ "hòa giải", "hoa giai" },
		{ "gặp gỡ", "gap go" },
		{ "nữ", "nu" },
		{ "ưu tiên", "uu tien" },
		{ "Ấp", "ap" },
		{ "ĐẢNG BỘ", "dang bo" },
		{ "Sơn La", "son la" },
		{ "Đắk Lắk", "dak lak" },
		{ "Đà Nẵng", "da nang" },
		{ "Điện Biên", "dien bien" },
		{ "lũy tiến", "luy tien" },
		{ "ỷ lại", "y lai" },
		{ "Dân vận khéo", "dan van kheo" },
		{ "ĐỨC", "duc" },
		{ "ữ ự ừ ứ ử", "u u u u u" },
		{ "ẵ ặ ẳ ằ ắ", "a a a a a" },
		{ "ẫ ậ ẩ ầ ấ", "a a a a a" },
		{ "ỡ ợ ở ờ ớ", "o o o o o" },
		{ "ễ ệ ể ề ế", "e e e e e" },
		{ "ĩ ị ỉ ì í", "i i i i i" },
		{ "ỹ ỵ ỷ ỳ ý", "y y y y y" },
		{ "1.2 Bước 3", "1.2 buoc 3" },
	};
	return cr_make_param_array(struct conv_case, cases, ARRAY_LEN(cases));
}

ParameterizedTest(struct conv_case *c, text, fold_of_vietnamese_words_in_nfc_and_nfd)
{
	char *d = nfd(c->in);
	char *fc = text_fold(c->in);
	char *fd = text_fold(d);

	cr_assert_str_eq(fc, c->want, "fold(\"%s\")", c->in);
	cr_assert_str_eq(fd, c->want, "fold(NFD \"%s\")", c->in);
	cr_assert(is_ascii(fc));
	free(fc);
	free(fd);
	free(d);
}

Test(text, fold_maps_typographic_punctuation_and_spaces_to_ascii)
{
	char *s = text_fold("“Thanh\xc2\xa0Hóa” – ‘xã’…");

	cr_assert_str_eq(s, "\"thanh hoa\" - 'xa'...");
	free(s);
}

Test(text, fold_keeps_letters_of_other_scripts_in_lower_case)
{
	char *a = text_fold("中文");
	char *b = text_fold("ΕΛΛΆΔΑ");

	cr_assert_str_eq(a, "中文");
	cr_assert_str_eq(b, "ελλαδα");
	free(a);
	free(b);
}

Test(text, fold_leaves_controls_for_sanitize_to_handle)
{
	char *s = text_fold("A\x1b[1mB");

	cr_assert_str_eq(s, "a\x1b[1mb");
	free(s);
}

struct marks_case {
	char s[PARAM_MAX];
	bool marks;
};

ParameterizedTestParameters(text, has_marks_tells_exact_from_folded_queries)
{
	static struct marks_case cases[] = {
		{ "dan van", false },
		{ "DAN", false },
		{ "", false },
		{ "1.2", false },
		{ "“dan”", false },
		{ "dân", true },
		{ "da\xcc\x82n", true },  /* NFD */
		{ "đi", true },
		{ "Đi", true },
		{ "ơ", true },
		{ "Ư", true },
		{ "Hóa", true },
		{ "中文", false },
	};
	return cr_make_param_array(struct marks_case, cases, ARRAY_LEN(cases));
}

ParameterizedTest(struct marks_case *c, text, has_marks_tells_exact_from_folded_queries)
{
	cr_assert_eq(text_has_marks(c->s), c->marks, "has_marks(\"%s\")", c->s);
}

/* ------------------------------------------------------------------ */
/* Search                                                             */
/* ------------------------------------------------------------------ */

Test(text, search_without_marks_finds_nfc_text_and_covers_whole_letters)
{
	const char *hay = "Ban Tiếp công dân xã";
	size_t start = 0, len = 0;

	cr_assert(text_search(hay, "tiep cong dan", 0, &start, &len));
	cr_assert_eq(start, 4);
	cr_assert_eq(len, strlen("Tiếp công dân"));
}

Test(text, search_without_marks_finds_nfd_text_and_covers_the_marks)
{
	char *hay = nfd("Ban Tiếp công dân xã");
	char *want = nfd("Tiếp công dân");
	size_t start = 0, len = 0;

	cr_assert(text_search(hay, "tiep cong dan", 0, &start, &len));
	cr_assert_eq(start, 4);
	cr_assert_eq(len, strlen(want));
	cr_assert_eq(memcmp(hay + start, want, len), 0);
	free(hay);
	free(want);
}

Test(text, search_match_ending_inside_a_letter_takes_its_marks)
{
	/* "a" matches the base of NFD "ậ" (a U+0323 U+0302): the range must
	 * cover the marks too, or a highlight would split the letter. */
	const char *hay = "Va\xcc\xa3\xcc\x82n";
	size_t start = 0, len = 0;

	cr_assert(text_search(hay, "a", 0, &start, &len));
	cr_assert_eq(start, 1);
	cr_assert_eq(len, 5);
}

Test(text, search_is_case_insensitive)
{
	size_t start = 0, len = 0;

	cr_assert(text_search("Nhân dân", "DAN", 0, &start, &len));
	cr_assert_eq(start, strlen("Nhân "));
	cr_assert(text_search("NHÂN DÂN", "dân", 0, &start, &len));
	cr_assert_eq(start, strlen("NHÂN "));
	cr_assert_eq(len, strlen("DÂN"));
}

Test(text, search_finds_d_with_stroke_from_plain_d)
{
	size_t start = 0, len = 0;

	cr_assert(text_search("Chi bộ Đảng", "dang", 0, &start, &len));
	cr_assert_eq(start, strlen("Chi bộ "));
	cr_assert_eq(len, strlen("Đảng"));
}

Test(text, search_with_marks_is_exact_modulo_nfc_and_case)
{
	char *hay_nfd = nfd("Dân vận");
	size_t start = 0, len = 0;

	cr_assert(text_search("Dân vận", "dân", 0, &start, &len));
	cr_assert_eq(start, 0);
	cr_assert_eq(len, strlen("Dân"));
	cr_assert_not(text_search("Dan van", "dân", 0, &start, &len));
	cr_assert_not(text_search("dẫn", "dân", 0, &start, &len));
	cr_assert_not(text_search("Dân", "đân", 0, &start, &len));
	/* NFD haystack, NFD needle: still found. */
	cr_assert(text_search(hay_nfd, "dân", 0, &start, &len));
	cr_assert_eq(len, strlen("Da\xcc\x82n"));
	cr_assert(text_search("Dân vận", "va\xcc\xa3\xcc\x82n", 0, &start,
			      &len));
	cr_assert_eq(start, strlen("Dân "));
	free(hay_nfd);
}

Test(text, search_from_an_offset_finds_each_hit_in_turn)
{
	const char *hay = "Dân vận, dân chủ, dẫn dắt";
	size_t from = 0, start, len, hits = 0;
	size_t want[] = { 0, strlen("Dân vận, "),
			  strlen("Dân vận, dân chủ, ") };

	while (text_search(hay, "dan", from, &start, &len)) {
		cr_assert_lt(hits, ARRAY_LEN(want));
		cr_assert_eq(start, want[hits]);
		hits++;
		from = start + 1;
	}
	cr_assert_eq(hits, 3);
}

Test(text, search_from_the_middle_of_a_letter_skips_that_letter)
{
	size_t start = 99, len = 99;

	/* Offset 2 is inside "â": the hit at 0 must not be reported. */
	cr_assert_not(text_search("dân", "dan", 1, &start, &len));
	cr_assert_not(text_search("dân", "an", 2, &start, &len));
	cr_assert(text_search("dân", "n", 2, &start, &len));
	cr_assert_eq(start, 3);
	cr_assert_eq(len, 1);
}

Test(text, search_past_the_end_or_for_nothing_finds_nothing)
{
	size_t start, len;

	cr_assert_not(text_search("dân", "d", 100, &start, &len));
	cr_assert_not(text_search("dân", "", 0, &start, &len));
	cr_assert_not(text_search("dân", "\xcc\x81", 0, &start, &len));
	cr_assert_not(text_search("", "a", 0, &start, &len));
	cr_assert_not(text_search("dân", "dânx", 0, &start, &len));
}

Test(text, search_matches_curly_quotes_from_straight_ones)
{
	size_t start = 0, len = 0;
	const char *hay = "gọi là “Dân vận khéo”";

	cr_assert(text_search(hay, "\"dan van kheo\"", 0, &start, &len));
	cr_assert_eq(start, strlen("gọi là "));
	cr_assert_eq(len, strlen("“Dân vận khéo”"));
}

Test(text, search_survives_invalid_utf8_in_the_haystack)
{
	size_t start = 0, len = 0;

	cr_assert(text_search("\xff\xc3 D\xc3\xa2n\xe1", "dan", 0, &start,
			      &len));
	cr_assert_eq(start, 3);
	cr_assert_eq(len, 4);
}

/* ------------------------------------------------------------------ */
/* ASCII fallback                                                     */
/* ------------------------------------------------------------------ */

ParameterizedTestParameters(text, ascii_renders_vietnamese_readably)
{
	static struct conv_case cases[] = {
		{ "Đã gặp ệ", "Da gap e" },
		{ "Dân vận khéo – Thanh Hóa", "Dan van kheo - Thanh Hoa" },
		{ "ĐẢNG BỘ được người", "DANG BO duoc nguoi" },
		{ "“a” ‘b’ „c“ x—y…", "\"a\" 'b' \"c\" x-y..." },
		{ "Thanh\xc2\xa0Hóa", "Thanh Hoa" },
		{ "中文", "??" },
		{ "€ 5", "? 5" },
		{ "\xea\xb0\x80", "?" },          /* Hangul GA: one '?', not 2 */
		{ "a\xe2\x80\x8b" "b", "ab" },    /* zero width space */
		{ "\x1b[31mđỏ\x1b[0m", "^[[31mdo^[[0m" },
		{ "a\tb\nc", "a b^Jc" },
		{ "\xe2\x80\xae" "abc", "<U+202E>abc" },
		{ "bad\xff", "bad?" },
		{ "naïve café", "naive cafe" },
		{ "Phần 1 · [1/4]", "Phan 1 - [1/4]" },
	};
	return cr_make_param_array(struct conv_case, cases, ARRAY_LEN(cases));
}

ParameterizedTest(struct conv_case *c, text, ascii_renders_vietnamese_readably)
{
	char *a = text_ascii(c->in, false);
	char *d;

	cr_assert_str_eq(a, c->want);
	cr_assert(is_ascii(a));
	assert_terminal_safe(a, false);
	free(a);
	if (text_valid_utf8(c->in, strlen(c->in), NULL)) {
		d = nfd(c->in);
		a = text_ascii(d, false);
		cr_assert_str_eq(a, c->want, "NFD input");
		free(a);
		free(d);
	}
}

Test(text, ascii_keeps_newlines_when_asked)
{
	char *a = text_ascii("dòng 1\ndòng 2", true);

	cr_assert_str_eq(a, "dong 1\ndong 2");
	free(a);
}

Test(text, ascii_of_the_paragraph_is_pure_ascii_and_as_wide)
{
	char *d = nfd(paragraph);
	char *a = text_ascii(paragraph, false);
	char *b = text_ascii(d, false);

	cr_assert(is_ascii(a));
	cr_assert_str_eq(a, b);
	cr_assert_eq((int)strlen(a), text_width(paragraph));
	cr_assert_eq(strncmp(a, "Cong tac dan van la nhiem vu", 28), 0);
	free(a);
	free(b);
	free(d);
}

/* ------------------------------------------------------------------ */
/* Cleaning typed input                                               */
/* ------------------------------------------------------------------ */

ParameterizedTestParameters(text, clean_input_normalises_what_people_type)
{
	static struct conv_case cases[] = {
		{ "a\r\nb\rc\nd", "a\nb\nc\nd" },
		{ "a\tb", "a b" },
		{ "dân   \nvận \t", "dân\nvận" },
		{ "ghi chú\n\n\n", "ghi chú" },
		{ "ghi chú\n  \n\t\n", "ghi chú" },
		{ "\n\nở giữa\n\ncuối", "\n\nở giữa\n\ncuối" },
		{ "  thụt đầu dòng", "  thụt đầu dòng" },
		{ "Vie\xcc\x82\xcc\xa3t", "Việt" },
		{ "ga\xcc\xa3\xcc\x86p", "gặp" },
		{ "a\x1b[0mb", "a\x1b[0mb" },       /* kept: neutralised at display */
		{ "a\x07", "a\x07" },
		{ "\r\n\r\n", "" },
		{ "   ", "" },
		{ "", "" },
		{ "a\xff", "a\xef\xbf\xbd" },
		{ "a\xc2\xa0", "a\xc2\xa0" },       /* NBSP is not a blank */
	};
	return cr_make_param_array(struct conv_case, cases, ARRAY_LEN(cases));
}

ParameterizedTest(struct conv_case *c, text, clean_input_normalises_what_people_type)
{
	char *s = text_clean_input(c->in);
	char *again = text_clean_input(s);

	cr_assert_str_eq(s, c->want);
	cr_assert_str_eq(again, s, "cleaning twice changes nothing");
	free(s);
	free(again);
}

/* ------------------------------------------------------------------ */
/* Natural order                                                      */
/* ------------------------------------------------------------------ */

struct natcmp_case {
	char a[PARAM_MAX];
	char b[PARAM_MAX];
	int sign;
};

ParameterizedTestParameters(text, natcmp_orders_ids_numerically)
{
	static struct natcmp_case cases[] = {
		{ "1.2", "1.10", -1 },
		{ "1.10", "2.1", -1 },
		{ "1.2", "2.1", -1 },
		{ "2.1", "1.10", 1 },
		{ "1.10", "1.10", 0 },
		{ "1", "1.1", -1 },
		{ "a9", "a10", -1 },
		{ "b1", "a2", 1 },
		{ "", "1", -1 },
		{ "", "", 0 },
		{ "007", "8", -1 },
		{ "01", "1", -1 },           /* equal numbers: bytes decide */
		{ "1", "01", 1 },
		{ "99999999999999999999", "100000000000000000000", -1 },
		{ "3.2.10", "3.2.9", 1 },
		{ "mục 2", "mục 10", -1 },
	};
	return cr_make_param_array(struct natcmp_case, cases, ARRAY_LEN(cases));
}

ParameterizedTest(struct natcmp_case *c, text, natcmp_orders_ids_numerically)
{
	int r = text_natcmp(c->a, c->b);
	int back = text_natcmp(c->b, c->a);

	cr_assert_eq((r > 0) - (r < 0), c->sign, "natcmp(%s, %s) = %d", c->a,
		     c->b, r);
	cr_assert_eq((back > 0) - (back < 0), -c->sign, "not antisymmetric");
}

static int natcmp_qsort(const void *a, const void *b)
{
	return text_natcmp(*(const char *const *)a, *(const char *const *)b);
}

Test(text, natcmp_sorts_a_list_of_ids)
{
	const char *ids[] = {
		"2.1", "1.10", "10", "1.2", "1", "2", "1.1", "9",
	};
	const char *want[] = {
		"1", "1.1", "1.2", "1.10", "2", "2.1", "9", "10",
	};
	size_t i;

	qsort(ids, ARRAY_LEN(ids), sizeof ids[0], natcmp_qsort);
	for (i = 0; i < ARRAY_LEN(ids); i++)
		cr_assert_str_eq(ids[i], want[i], "position %zu", i);
}

/* ------------------------------------------------------------------ */
/* Robustness                                                         */
/* ------------------------------------------------------------------ */

/* A small deterministic generator: the same garbage on every run. */
static uint32_t next_rand(uint32_t *state)
{
	*state = *state * 1103515245u + 12345u;
	return *state >> 8;
}

Test(text, invalid_utf8_never_crashes_and_results_stay_valid)
{
	static const char *pieces[] = {
		"\xff", "\xc3", "\xe1\xbb", "\xed\xa0\x80", "\xc0\xaf",
		"\x80", "\xf4\x90\x80\x80", "\xcc\x81", "\xcc\xa3", "\x1b",
		"\x1b[", "\x07", "\n", "\r", "\t", " ", "  ", "Đ", "ệ", "e",
		"Dân", "中", "\xc2\x9b",
		"\xe2\x80\xae", "“", "…", "\xc2\xa0", "1", "10", ".",
	};
	uint32_t seed = 20240601u;
	int round;

	for (round = 0; round < 400; round++) {
		struct buf in = {0};
		size_t n, i, k, nl, *starts, *lens, start, len;
		int parts = (int)(next_rand(&seed) % 24), p, used, cols;
		char *s;

		buf_add(&in, "", 0);
		for (p = 0; p < parts; p++)
			buf_adds(&in, pieces[next_rand(&seed) %
					     ARRAY_LEN(pieces)]);
		n = in.len;

		s = text_nfc(in.data);
		cr_assert(text_valid_utf8(s, strlen(s), NULL));
		free(s);
		s = text_sanitize(in.data, true);
		assert_terminal_safe(s, true);
		free(s);
		s = text_fold(in.data);
		cr_assert(text_valid_utf8(s, strlen(s), NULL));
		free(s);
		s = text_ascii(in.data, false);
		cr_assert(is_ascii(s));
		assert_terminal_safe(s, false);
		free(s);
		s = text_clean_input(in.data);
		cr_assert(text_valid_utf8(s, strlen(s), NULL));
		free(s);

		cr_assert_geq(text_width(in.data), 0);
		k = text_fit(in.data, (int)(next_rand(&seed) % 12), &used);
		cr_assert_leq(k, n);

		cols = 1 + (int)(next_rand(&seed) % 10);
		nl = text_wrap(in.data, cols, &starts, &lens);
		cr_assert_geq(nl, 1);
		for (i = 0; i < nl; i++) {
			char *line;

			cr_assert_leq(starts[i] + lens[i], n);
			/* Too wide only when one character alone is. */
			line = xstrndup(in.data + starts[i], lens[i]);
			cr_assert(text_width(line) <= cols ||
				  text_fit(line, cols, NULL) == 0,
				  "line %zu too wide", i);
			free(line);
			if (i > 0)
				cr_assert_geq(starts[i],
					      starts[i - 1] + lens[i - 1]);
		}
		free(starts);
		free(lens);

		if (text_search(in.data, "dan", 0, &start, &len))
			cr_assert_leq(start + len, n);
		text_search(in.data, in.data, 0, &start, &len);
		(void)text_has_marks(in.data);
		(void)text_natcmp(in.data, "1.2");
		buf_free(&in);
	}
}

Test(text, null_strings_are_treated_as_empty)
{
	char *s;

	s = text_sanitize(NULL, false);
	cr_assert_str_eq(s, "");
	free(s);
	s = text_fold(NULL);
	cr_assert_str_eq(s, "");
	free(s);
	s = text_ascii(NULL, true);
	cr_assert_str_eq(s, "");
	free(s);
	s = text_clean_input(NULL);
	cr_assert_str_eq(s, "");
	free(s);
	cr_assert_eq(text_width(NULL), 0);
	cr_assert_eq(text_fit(NULL, 5, NULL), 0);
	cr_assert_not(text_has_marks(NULL));
	cr_assert_not(text_search(NULL, "a", 0, NULL, NULL));
}

/* The fast path must not let through anything normalisation changes: a
 * combining mark after a precomposed letter, a singleton, Hangul jamo. */
Test(text, nfc_still_composes_what_the_fast_path_cannot_see)
{
	static const struct {
		const char *in, *out;
	} cases[] = {
		{ "Dân vận khéo – 2023 ₫", "Dân vận khéo – 2023 ₫" },
		{ "a\xe1\xba\xa1\xcc\x86", "a\xe1\xba\xb7" },       /* ạ + breve → ặ */
		{ "e\xcc\x81", "\xc3\xa9" },                      /* e + acute → é */
		{ "\xe2\x84\xab", "\xc3\x85" },                   /* Ångström sign → Å */
		{ "\xe1\x84\x80\xe1\x85\xa1", "\xea\xb0\x80" },   /* jamo → 가 */
		{ "\xe1\xbd\xb1", "\xce\xac" },                   /* Greek oxia → tonos */
	};

	for (size_t i = 0; i < ARRAY_LEN(cases); i++) {
		char *got = text_nfc(cases[i].in);

		cr_expect_str_eq(got, cases[i].out, "case %zu", i);
		free(got);
	}
}

/* Both placements of the tone in oa, oe and uy are in use (hòa/hoà,
 * thủy/thuỷ); a search with marks finds either, and the hit covers the
 * letters as the text spells them. */
Test(text, search_with_marks_finds_both_tone_placements)
{
	static const char *const pairs[][2] = {
		{ "Hòa", "Hoà" }, { "hòe", "hoè" }, { "Thủy", "Thuỷ" }, { "khỏe", "khoẻ" },
		{ "Thanh Hóa", "Thanh Hoá" }, { "tùy", "tuỳ" }, { "họa", "hoạ" }, { "lõa", "loã" },
	};
	size_t start, len;

	for (size_t i = 0; i < ARRAY_LEN(pairs); i++)
		for (int side = 0; side < 2; side++) {
			const char *hay = pairs[i][side], *needle = pairs[i][1 - side];
			char *hay_text = xasprintf("xã %s nhé", hay), *nfd_needle = nfd(needle);

			cr_assert(text_search(hay_text, needle, 0, &start, &len), "\"%s\" did not find \"%s\"", needle, hay);
			cr_assert_eq(start, strlen("xã "));
			cr_assert_eq(len, strlen(hay), "\"%s\" in \"%s\": %zu bytes", needle, hay_text, len);
			cr_assert(text_search(hay_text, nfd_needle, 0, &start, &len), "NFD \"%s\"", needle);
			free(hay_text);
			free(nfd_needle);
		}
	/* still exact otherwise: the tone itself must agree */
	cr_assert_not(text_search("Hòa", "hoá", 0, &start, &len));
	cr_assert_not(text_search("Hòa", "hóa", 0, &start, &len));
	/* and a prefix typed so far finds the longer word */
	cr_assert(text_search("Hoàng Hóa", "hoà", 0, &start, &len));
	cr_assert_eq(start, 0);
	cr_assert(text_search("Thanh Hóa", "hoá", 0, &start, &len));
	cr_assert_eq(start, strlen("Thanh "));
}
