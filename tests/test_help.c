/* Copyright 2026 the dvk developers.  SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * test_help.c: help a cadre can read at 80x24.  Every line of `dvk
 * --help` and of every `dvk VERB --help` fits 80 columns in Vietnamese
 * (with and without a setting) and in English, whatever the translation
 * does with the English line breaks; and the layout keeps every word,
 * puts a table's descriptions in one column with a hanging indent, and
 * follows a narrower width.
 */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/base.h"
#include "cli/cli.h"
#include "tests/helpers/sim.h"
#include "text/text.h"

/* Each line of s (modified) wider than width, reported; returns how many. */
static int overlong(char *s, int width, const char *what)
{
	int bad = 0;

	for (char *line = strtok(s, "\n"); line; line = strtok(NULL, "\n")) {
		int w = text_width(line);

		if (w > width) {
			cr_log_error("%s: %d columns: %s", what, w, line);
			bad++;
		}
	}
	return bad;
}

static char *help_of(const char *env, const char *verb)
{
	char *out;

	cr_assert_eq(sim_run(&out, "unset DVK_LANG LANG LC_ALL LC_MESSAGES LANGUAGE; %s $DVK %s --help",
			     env, verb),
		     0, "%s dvk %s --help", env, verb);
	return out;
}

Test(help, every_line_of_every_help_fits_80_columns_in_both_languages)
{
	static const char *const envs[] = {
		"",                      /* nothing set: Vietnamese */
		"export DVK_LANG=vi;",
		"export LANG=vi_VN.UTF-8;",
		"export DVK_LANG=en;",
	};
	int bad = 0, lines = 0;

	for (size_t e = 0; e < ARRAY_LEN(envs); e++)
		for (const struct verb *v = cli_verbs;; v++) {
			const char *verb = v->name ? v->name : "";
			char *out = help_of(envs[e], verb), what[96];

			cr_assert(strlen(out) > 100, "dvk %s --help is short:\n%s", verb, out);
			for (const char *p = out; *p; p++)
				lines += *p == '\n';
			snprintf(what, sizeof what, "[%s] dvk %s --help", envs[e], verb);
			bad += overlong(out, 80, what);
			free(out);
			if (!v->name)
				break;
		}
	cr_assert_eq(bad, 0, "%d help lines wider than 80 columns (of %d)", bad, lines);
}

Test(help, the_vietnamese_help_is_vietnamese_and_the_english_english)
{
	char *vi = help_of("", "report"), *en = help_of("export DVK_LANG=en;", "report");

	cr_assert(strstr(vi, "cách dùng: dvk report "), "%s", vi);
	cr_assert(strstr(en, "usage: dvk report "), "%s", en);
	free(vi);
	free(en);
}

/* The words of s in order, one space apart (caller frees). */
static char *words(const char *s)
{
	struct buf b = { 0 };

	while (*s) {
		size_t n = strcspn(s, " \n");

		if (n) {
			if (b.len)
				buf_addc(&b, ' ');
			buf_add(&b, s, n);
		}
		s += n;
		s += strspn(s, " \n");
	}
	return b.len ? buf_steal(&b) : xstrdup("");
}

static char *laid_out(const char *text, int width)
{
	char *out = NULL;
	size_t n = 0;
	FILE *f = open_memstream(&out, &n);

	cli_put_help(f, text, width);
	fclose(f);
	return out;
}

static const char table_text[] =
	"Đọc mọi tệp trạng thái được nêu; thư mục được tìm đệ quy các tệp *.yaml có\n"
	"\".dvk\" trong tên.  Các bản sao của một đơn vị được gộp và chỉ tính một lần.\n"
	"\n"
	"  --format text    văn bản căn cột (mặc định)\n"
	"  --by parent      bảng ma trận (và các dòng CSV) theo đơn vị cấp trên thay cho\n"
	"                   đơn vị\n"
	"  dvk roster add MÃ [TÊN] [--parent MÃ] [--contact LIÊN_HỆ]\n"
	"                   thêm một đơn vị, hoặc sửa thông tin đơn vị\n"
	"\n"
	"Ví dụ:\n"
	"  dvk report --by parent --format csv --excel ~/received/ > tong-hop.csv\n";

Test(help, layout_keeps_every_word_and_fits_any_width)
{
	char *want = words(table_text);

	for (int width = 20; width <= 100; width += 7) {
		char *out = laid_out(table_text, width), *got = words(out), what[32];

		cr_expect_str_eq(got, want, "width %d:\n%s", width, out);
		snprintf(what, sizeof what, "width %d", width);
		cr_expect_eq(overlong(out, width, what), 0, "width %d", width);
		free(got);
		free(out);
	}
	free(want);
}

Test(help, table_descriptions_share_a_column_with_a_hanging_indent)
{
	/* paragraphs are filled to the width, the sentence gap kept */
	char *out = laid_out(table_text, 60);
	static const char para[] = "Đọc mọi tệp trạng thái được nêu; thư mục được tìm đệ quy các\n"
				   "tệp *.yaml có \".dvk\" trong tên.  Các bản sao của một đơn vị\n";

	cr_assert(strncmp(out, para, strlen(para)) == 0, "%s", out);
	/* the column is past the longest term that fits half the width;
	 * a longer term gets its description under it; continuations hang */
	cr_assert(strstr(out, "một lần.\n\n  --format text  văn bản căn cột (mặc định)\n"
			      "  --by parent    bảng ma trận (và các dòng CSV) theo đơn vị\n"
			      "                 cấp trên thay cho đơn vị\n"
			      "  dvk roster add MÃ [TÊN] [--parent MÃ] [--contact LIÊN_HỆ]\n"
			      "                 thêm một đơn vị, hoặc sửa thông tin đơn vị\n"),
		  "%s", out);
	free(out);
}

Test(help, usage_wraps_under_its_operands_and_keeps_bracketed_options_whole)
{
	char *out = NULL;
	size_t n = 0;
	FILE *f = open_memstream(&out, &n);

	cli_put_usage(f, "report", "[--format text|md|csv|json] [--excel] [--by parent] [--draft] [DIR|FILE]...",
		      52);
	fclose(f);
	cr_assert_str_eq(out, "usage: dvk report [--format text|md|csv|json]\n"
			      "                  [--excel] [--by parent] [--draft]\n"
			      "                  [DIR|FILE]...\n");
	free(out);
}
