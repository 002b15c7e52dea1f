/* Copyright 2026 the dvk developers.  SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * test_import.c: `dvk import`: a directive's text as cadres receive it, made
 * into a directive file.
 *
 * The fixtures (tests/fixtures/import/) are the kinds of text the importer
 * meets: the seed news page, a Kế hoạch pasted from Word, one pasted from a
 * PDF (hard line breaks, page numbers, running heads, a two-column
 * letterhead run together), a Chỉ thị with numbered paragraphs, a Công văn
 * with a), b), c), a Quyết định with Điều, a news report around a plan, a
 * draft with its number and date left blank, text with no structure, the
 * same in NFD with CRLF and in UTF-16, empty text.  Every fixture is held
 * to the same rules: it imports, the file passes the loader in reader
 * order, every item's words are the text's words, and every number, date,
 * signer and deadline is one the text states.
 */
#include <criterion/criterion.h>
#include <criterion/parameterized.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unicase.h>
#include <unistr.h>

#include "content/directive.h"
#include "import/import.h"
#include "tests/helpers/sim.h"
#include "text/text.h"

static char *fixture(const char *name, size_t *len)
{
	const char *src = getenv("DVK_SRC");
	char *path = xasprintf("%s/tests/fixtures/import/%s", src && *src ? src : ".", name);
	char *buf = sim_read(path, len);

	cr_assert_not_null(buf, "cannot read %s", path);
	free(path);
	return buf;
}

static struct directive *import_fixture(const char *name, struct import_stats *st)
{
	struct dvk_error err;
	size_t len;
	char *text = fixture(name, &len);
	struct directive *d = import_text(text, len, NULL, st, &err);

	cr_assert_not_null(d, "%s: %s", name, err.message);
	free(text);
	return d;
}

/* ---- what every import must hold to ---- */

/* The words of s, lower case, NFC, punctuation at their ends dropped. */
static char **words_of(const char *s, size_t *n)
{
	char *nfc = text_nfc(s), *lo, *p, *tok, *save = NULL;
	char **w = NULL;
	size_t cap = 0;

	/* Lower case through the folding key's case rules would drop the
	 * marks; compare marks and all, ignoring only case of ASCII and
	 * the first letter (the importer capitalises it). */
	lo = xstrdup(nfc);
	for (p = lo; *p; p++) {
		if (*p >= 'A' && *p <= 'Z')
			*p = (char)(*p - 'A' + 'a');
		/* A sentence end glued to the next ("tế.Tăng") is two words. */
		if (strchr(".;,:", *p))
			*p = ' ';
		if (strncmp(p, "…", 3) == 0)
			memset(p, ' ', 3);
	}
	*n = 0;
	for (tok = strtok_r(lo, " \t\r\n", &save); tok; tok = strtok_r(NULL, " \t\r\n", &save)) {
		size_t k = strlen(tok);

		for (;;) {
			if (k && strchr(".,;:!?\"'()[]/", tok[k - 1]) && !(tok[k - 1] & 0x80))
				k--;
			else if (k >= 3 && (strncmp(tok + k - 3, "”", 3) == 0 || strncmp(tok + k - 3, "…", 3) == 0))
				k -= 3;
			else
				break;
		}
		tok[k] = '\0';
		for (;;) {
			if (*tok && strchr(".,;:!?\"'()[]", *tok))
				tok++;
			else if (strncmp(tok, "“", 3) == 0)
				tok += 3;
			else
				break;
		}
		if (!*tok)
			continue;
		GROW(w, *n + 1, cap);
		w[(*n)++] = xstrdup(tok);
	}
	free(lo);
	free(nfc);
	return w;
}

static void free_words(char **w, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(w[i]);
	free(w);
}

/* Same word, the first letter's case aside ("Tổ" and "tổ"). */
static bool same_word(const char *a, const char *b)
{
	char *x = text_fold(a), *y = text_fold(b);
	bool same = strcmp(x, y) == 0 && strlen(a) == strlen(b);

	/* The fold drops the marks: check the bytes after the first
	 * character too. */
	if (same) {
		size_t fa = 1;

		while (a[fa] && ((unsigned char)a[fa] & 0xC0) == 0x80)
			fa++;
		same = strcmp(a + fa, b + fa) == 0;
	}
	free(x);
	free(y);
	return same;
}

/* The item's words are the text's words, in order, with at most a few
 * words of page furniture between two of them. */
static bool verbatim(char **text, size_t ntext, const char *item)
{
	size_t n;
	char **w = words_of(item, &n);
	bool found = false;

	for (size_t start = 0; start < ntext && !found; start++) {
		size_t at = start, k = 0;

		if (!n || !same_word(text[start], w[0]))
			continue;
		for (k = 1, at = start + 1; k < n && at < ntext; k++) {
			size_t gap = 0;

			while (at < ntext && !same_word(text[at], w[k]) && gap < 8)
				at++, gap++;
			if (at >= ntext || gap >= 8)
				break;
			at++;
		}
		found = k == n;
	}
	free_words(w, n);
	return found;
}

/* s with runs of white space as one space (lines joined). */
static char *flat(const char *s)
{
	char *nfc = text_nfc(s);
	struct buf b = {0};
	bool sp = false;

	for (const char *p = nfc; *p; p++) {
		if (*p == ' ' || *p == '\n' || *p == '\r' || *p == '\t') {
			sp = true;
			continue;
		}
		if (sp && b.len)
			buf_addc(&b, ' ');
		sp = false;
		buf_addc(&b, *p);
	}
	free(nfc);
	return b.data ? buf_steal(&b) : xstrdup("");
}

/* "2023-03-14" is stated if the text has day 14, month 3 and year 2023
 * as a date ("ngày 14 tháng 3 năm 2023", "14/3/2023", "14-3-2023"). */
static bool date_stated(const char *text, const char *iso)
{
	int y, m, d;
	char forms[8][64];
	bool yes = false;

	cr_assert_eq(sscanf(iso, "%d-%d-%d", &y, &m, &d), 3, "%s", iso);
	snprintf(forms[0], 64, "ngày %d tháng %d năm %d", d, m, y);
	snprintf(forms[1], 64, "ngày %02d tháng %02d năm %d", d, m, y);
	snprintf(forms[2], 64, "ngày %02d tháng %d năm %d", d, m, y);
	snprintf(forms[3], 64, "ngày %d tháng %02d năm %d", d, m, y);
	snprintf(forms[4], 64, "%d/%d/%d", d, m, y);
	snprintf(forms[5], 64, "%02d/%02d/%d", d, m, y);
	snprintf(forms[6], 64, "%d-%d-%d", d, m, y);
	snprintf(forms[7], 64, "%02d-%02d-%d", d, m, y);
	for (int i = 0; i < 8; i++)
		yes |= strstr(text, forms[i]) != NULL;
	return yes;
}

/* Case-insensitive for a name the text writes in capitals. */
static bool name_stated(const char *text, const char *name)
{
	char *a = text_fold(text), *b = text_fold(name);
	bool yes = strstr(a, b) != NULL;

	free(a);
	free(b);
	return yes;
}

/* The rules every import of every text must keep. */
static void assert_sound(const char *name, const char *raw, size_t rawlen, const struct directive *d)
{
	struct dvk_error err;
	char *bytes, *text, msg[1024];
	size_t len, nwords;
	struct directive *back;
	char **words;

	(void)rawlen;
	/* NFD and UTF-16 fixtures are compared with their NFC UTF-8 twin. */
	text = flat(raw);
	words = words_of(text, &nwords);
	bytes = directive_write(d, name, &len, &err);
	cr_assert_not_null(bytes, "%s: the loader refuses the import: %s", name,
			   dvk_error_format(&err, msg, sizeof msg));
	back = directive_load_buffer(bytes, len, name, &err);
	cr_assert_not_null(back);
	/* The loader puts ids in reader order: the import's order must be
	 * that order already, or the file would show the text shuffled. */
	cr_assert_eq(back->nitems, d->nitems);
	for (size_t i = 0; i < d->nitems; i++)
		cr_assert_str_eq(back->items[i].id, d->items[i].id, "%s: item %zu out of reader order", name, i);
	for (size_t s = 0; s < d->nsections; s++)
		cr_assert_str_eq(back->sections[s].id, d->sections[s].id, "%s: section %zu out of order", name, s);
	directive_free(back);
	free(bytes);
	cr_assert(d->nitems > 0);
	for (size_t i = 0; i < d->nitems; i++) {
		const struct item *it = &d->items[i];

		cr_assert(item_id_valid(it->id), "%s: bad id %s", name, it->id);
		cr_assert(verbatim(words, nwords, it->text), "%s: item %s is not the text's words: %s",
			  name, it->id, it->text);
		if (it->deadline)
			cr_assert(strstr(text, it->deadline), "%s: item %s: deadline \"%s\" is not in the text",
				  name, it->id, it->deadline);
		for (size_t k = 0; k < it->nresponsible; k++) {
			char *lo = text_fold(it->responsible[k]), *t = text_fold(text);

			cr_assert(strstr(t, lo), "%s: item %s: agency \"%s\" is not in the text", name,
				  it->id, it->responsible[k]);
			free(lo);
			free(t);
		}
		cr_assert_eq(it->nevidence, 3, "%s: item %s has no default evidence fields", name, it->id);
	}
	if (d->number)
		cr_assert(strstr(text, d->number), "%s: number %s is not in the text", name, d->number);
	if (d->date)
		cr_assert(date_stated(text, d->date), "%s: date %s is not in the text", name, d->date);
	if (d->signer)
		cr_assert(name_stated(text, d->signer), "%s: signer %s is not in the text", name, d->signer);
	free_words(words, nwords);
	free(text);
}

/* ---- the fixtures, and what each states ---- */

struct expect {
	const char *file;
	const char *number, *date, *issuer, *signer; /* NULL: the text does not say */
	size_t sections, min_items, max_items;
};

static struct expect expects[] = {
	{ "seed-thanh-hoa-2023.txt", NULL, NULL, "UBND tỉnh Thanh Hóa", NULL, 9, 30, 40 },
	{ "ke-hoach-word.txt", "46/KH-UBND", "2023-03-14", "Ủy ban nhân dân tỉnh Tuyên Quang",
	  "Hoàng Việt Phương", 6, 12, 16 },
	{ "pdf-paste.txt", "27/KH-UBND", "2023-04-03", "Ủy ban nhân dân huyện Quảng Xương", "Lê Văn Hải",
	  3, 7, 8 },
	{ "chi-thi.txt", "05/CT-UBND", "2024-02-08", "Ủy ban nhân dân tỉnh Ninh Bình", "Phạm Quang Ngọc",
	  4, 9, 10 },
	{ "cong-van.txt", "1613/UBND-KGVX", "2024-03-21", "Ủy ban nhân dân tỉnh Quảng Nam",
	  "Trần Anh Tuấn", 1, 4, 4 },
	{ "nfd-crlf.txt", "1613/UBND-KGVX", "2024-03-21", "Ủy ban nhân dân tỉnh Quảng Nam",
	  "Trần Anh Tuấn", 1, 4, 4 },
	{ "quyet-dinh.txt", "412/QĐ-UBND", "2023-02-28", "Ủy ban nhân dân tỉnh Hà Giang", "Nguyễn Văn Sơn",
	  2, 4, 4 },
	{ "news-report.txt", "88/KH-UBND", "2024-02-02", "UBND tỉnh Bắc Giang", NULL, 2, 5, 5 },
	{ "draft-blank.txt", NULL, NULL, "Uỷ ban nhân dân xã Quảng Hòa", NULL, 2, 4, 4 },
	{ "no-structure.txt", NULL, NULL, NULL, NULL, 2, 3, 4 },
	{ "numbering-slips.txt", "112/KH-UBND", "2024-04-09", "Uỷ ban nhân dân huyện Nga Sơn", "Mai Đình Lâm",
	  2, 10, 12 },
	{ "pasted-twice.txt", NULL, NULL, "Uỷ ban nhân dân xã Quảng Hòa", NULL, 3, 5, 9 },
	{ "utf16-notepad.txt", NULL, NULL, NULL, NULL, 2, 3, 4 },
	{ "chi-thi-bullets.txt", "08/CT-UBND", "2024-05-06", "Ủy ban nhân dân tỉnh Nghệ An", "Nguyễn Đức Trung",
	  5, 10, 10 },
	{ "cong-van-two-columns.txt", "2045/UBND-KT", "2024-08-05", "Uỷ ban nhân dân tỉnh Sơn La", "Tòng Thị Phóng",
	  3, 4, 4 },
	{ "news-page.txt", "61/KH-UBND", "2024-04-10", "UBND tỉnh", NULL, 3, 5, 5 },
	{ "ke-hoach-phong.txt", "27/KH-PNV", "2024-01-12", "Phòng Nội vụ", "Võ Thị Hằng", 1, 3, 3 },
	{ "ke-hoach-bang.txt", "75/KH-UBND", "2024-04-02", "UBND tỉnh Quảng Ngãi", NULL, 2, 5, 5 },
	{ "quyet-dinh-kem-ke-hoach.txt", "96/QĐ-STNMT", "2024-03-11", "Sở Tài nguyên và Môi trường",
	  "Đinh Văn Cường", 3, 3, 3 },
};

/* Indices, not the structs: a test runs in a process of its own, where
 * the parent's string pointers mean nothing. */
ParameterizedTestParameters(import, every_text_imports_soundly_and_states_only_what_it_says)
{
	static size_t idx[ARRAY_LEN(expects)];

	for (size_t i = 0; i < ARRAY_LEN(idx); i++)
		idx[i] = i;
	return cr_make_param_array(size_t, idx, ARRAY_LEN(idx));
}

static void assert_opt(const char *file, const char *what, const char *want, const char *got)
{
	if (!want)
		cr_assert_null(got, "%s: %s should be unknown (null), got \"%s\"", file, what, got);
	else
		cr_assert(got && strcmp(want, got) == 0, "%s: %s: want \"%s\", got \"%s\"", file, what,
			  want, got ? got : "(null)");
}

ParameterizedTest(size_t *i, import, every_text_imports_soundly_and_states_only_what_it_says)
{
	const struct expect *e = &expects[*i];
	size_t len;
	char *raw = fixture(e->file, &len), *text = raw;
	struct directive *d = import_fixture(e->file, NULL);

	/* The UTF-16 fixture is checked against its NFC UTF-8 text. */
	if (len >= 2 && (unsigned char)raw[0] == 0xFF && (unsigned char)raw[1] == 0xFE)
		text = fixture("no-structure.txt", &len);
	assert_sound(e->file, text, len, d);
	assert_opt(e->file, "number", e->number, d->number);
	assert_opt(e->file, "date", e->date, d->date);
	assert_opt(e->file, "issuer", e->issuer, d->issuer);
	assert_opt(e->file, "signer", e->signer, d->signer);
	cr_assert_eq(d->nsections, e->sections, "%s: %zu sections", e->file, d->nsections);
	cr_assert(d->nitems >= e->min_items && d->nitems <= e->max_items, "%s: %zu items", e->file,
		  d->nitems);
	if (text != raw)
		free(text);
	free(raw);
	directive_free(d);
}

/* ---- the seed against the shipped directive ---- */

static size_t imp_words_of_test(const char *s)
{
	size_t n;
	char **w = words_of(s, &n);

	free_words(w, n);
	return n;
}

/* Text compared as a reader would: NFC, one space, no final punctuation. */
static char *norm(const char *s)
{
	char *f = flat(s);
	size_t n = strlen(f);

	for (;;) {
		if (n && strchr(".;,: ", f[n - 1]))
			n--;
		else if (n >= 3 && strncmp(f + n - 3, "…", 3) == 0)
			n -= 3;
		else
			break;
	}
	f[n] = '\0';
	return f;
}

static size_t first_char(const char *s)
{
	size_t n = *s ? 1 : 0;

	while (s[n] && ((unsigned char)s[n] & 0xC0) == 0x80)
		n++;
	return n;
}

/* want in got as words, the first letter's case aside ("Đặc biệt" in
 * "Cần đặc biệt"): where, or NULL. */
static const char *find_words(const char *got, const char *want)
{
	size_t w1 = first_char(want);
	char *head = xstrndup(want, w1), *fh = text_fold(head);
	const char *p = got, *hit = NULL;

	while (!hit && (p = strstr(p, want + w1))) {
		size_t back = 0;

		/* the code point before p */
		while (p - back > got && back < 4) {
			back++;
			if ((((unsigned char)*(p - back)) & 0xC0) != 0x80)
				break;
		}
		if (back && p - back >= got) {
			char *c = xstrndup(p - back, back), *fc = text_fold(c);
			const char *start = p - back;

			if (strcmp(fc, fh) == 0 && strlen(c) == strlen(head) && (start == got || start[-1] == ' '))
				hit = start;
			free(c);
			free(fc);
		}
		p++;
	}
	free(head);
	free(fh);
	return hit;
}

static const struct item *item_of(const struct directive *d, const char *id);

/* How many of want[0..n) one of d's items gives with the same text: an
 * item is the text, or holds it and at most two words more (a lead word
 * a hand-made list leaves out: "Cần đặc biệt quan tâm ...").  *exact
 * counts the word-for-word ones; missing gets the indices not found. */
static size_t agreement(const struct directive *d, const char *const *want, size_t n, size_t *exact,
			struct buf *missing)
{
	size_t found = 0;

	*exact = 0;
	for (size_t i = 0; i < n; i++) {
		char *w = norm(want[i]);
		bool is_exact = false, is_found = false;

		for (size_t k = 0; k < d->nitems && !is_exact; k++) {
			char *got = norm(d->items[k].text);
			const char *at = find_words(got, w);

			if (at == got && strlen(got) == strlen(w))
				is_exact = is_found = true;
			else if (at && imp_words_of_test(got) <= imp_words_of_test(w) + 2)
				is_found = true;
			free(got);
		}
		*exact += is_exact;
		found += is_found;
		if (!is_found && missing)
			buf_printf(missing, " %zu", i + 1);
		free(w);
	}
	return found;
}

/* The tasks a careful reader lists in texts of other provinces (each of a
 * kind the field trial brought: a Chỉ thị with "-" and "+", a Công văn in
 * two columns, a news page of another site), against what the import
 * gives: at least 80% the same text, as for the seed. */
Test(import, texts_of_other_provinces_agree_with_a_readers_list_of_tasks)
{
	static const char *const chi_thi[] = {
		"Tham mưu kiện toàn Ban Chỉ huy phòng, chống thiên tai và tìm kiếm cứu nạn tỉnh, hoàn thành trước ngày 30/5/2024.",
		"Kiểm tra an toàn hồ đập trước mùa mưa lũ, hoàn thành trong tháng 6 năm 2024.",
		"Ưu tiên các hồ chứa xung yếu.",
		"Lập phương án bảo vệ hạ du.",
		"Tổng hợp thiệt hại, báo cáo UBND tỉnh.",
		"Văn phòng HĐND và UBND tỉnh: theo dõi, đôn đốc việc thực hiện Chỉ thị này.",
		"Báo cáo Chủ tịch UBND tỉnh trước ngày 15/12/2024.",
		"UBND các huyện, thành phố, thị xã chỉ đạo UBND cấp xã rà soát khu dân cư ở vùng có nguy cơ sạt lở, lũ quét.",
		"Sở Tài chính chỉ đạo Kho bạc Nhà nước tỉnh bố trí kinh phí kịp thời.",
		"Đề nghị Ủy ban MTTQ Việt Nam tỉnh và các đoàn thể vận động Nhân dân chủ động phòng tránh thiên tai.",
	};
	static const char *const cong_van[] = {
		"Sở Nông nghiệp và Phát triển nông thôn chỉ đạo Chi cục Kiểm lâm rà soát, cập nhật phương án phòng cháy, chữa cháy rừng, hoàn thành trước ngày 30/9/2024.",
		"UBND các huyện, thành phố: tổ chức ký cam kết bảo vệ rừng với các hộ gia đình.",
		"Bố trí lực lượng trực 24/24 giờ trong các tháng cao điểm.",
		"Giao Công an tỉnh điều tra, xử lý nghiêm các vụ vi phạm.",
	};
	static const char *const news[] = {
		"Sở Y tế chủ trì tổ chức truyền thông về tác hại của thuốc lá.",
		"Hướng dẫn các cơ quan xây dựng môi trường không khói thuốc.",
		"Sở Giáo dục và Đào tạo đưa nội dung phòng, chống tác hại của thuốc lá vào hoạt động ngoại khóa.",
		"Kiểm tra việc thực hiện quy định cấm hút thuốc lá trong trường học.",
		"UBND các huyện, thị xã, thành phố kiểm tra, xử lý vi phạm về kinh doanh thuốc lá trên địa bàn.",
	};
	static const struct {
		const char *name;
		const char *const *want;
		size_t n;
	} texts[] = {
		{ "chi-thi-bullets.txt", chi_thi, ARRAY_LEN(chi_thi) },
		{ "cong-van-two-columns.txt", cong_van, ARRAY_LEN(cong_van) },
		{ "news-page.txt", news, ARRAY_LEN(news) },
	};

	for (size_t t = 0; t < ARRAY_LEN(texts); t++) {
		struct directive *d = import_fixture(texts[t].name, NULL);
		struct buf missing = {0};
		size_t exact, found = agreement(d, texts[t].want, texts[t].n, &exact, &missing);

		fprintf(stderr, "import agreement on %s: %zu of %zu tasks found with the same text (%.1f%%), %zu word "
			"for word; not found:%s\n", texts[t].name, found, texts[t].n,
			100.0 * (double)found / (double)texts[t].n, exact, missing.data ? missing.data : " none");
		cr_assert_geq(found * 100, 80 * texts[t].n, "%s: only %zu of %zu", texts[t].name, found, texts[t].n);
		/* and nothing that is not a task: no more items than tasks */
		cr_assert_leq(d->nitems, texts[t].n, "%s: %zu items for %zu tasks", texts[t].name, d->nitems,
			      texts[t].n);
		buf_free(&missing);
		directive_free(d);
	}
}

/* Field trial: the usual Công văn sets its letterhead in two columns, so
 * a copied text has "V/v ...   Sơn La, ngày ..." on one row and the rest of
 * the subject on the next; the signer stands right of "Nơi nhận". */
Test(import, a_cong_van_in_two_columns_gives_subject_date_and_signer)
{
	struct directive *d = import_fixture("cong-van-two-columns.txt", NULL);

	cr_assert_str_eq(d->title, "Công văn về việc tăng cường quản lý, bảo vệ rừng và phòng cháy, chữa cháy rừng "
				   "mùa khô năm 2024 - 2025");
	cr_assert_str_eq(d->number, "2045/UBND-KT");
	cr_assert_str_eq(d->date, "2024-08-05");
	cr_assert_str_eq(d->issuer, "Uỷ ban nhân dân tỉnh Sơn La");
	/* a family name no list holds, under the signer's position */
	cr_assert_str_eq(d->signer, "Tòng Thị Phóng");
	cr_assert_eq(d->nrecipients, 2);
	cr_assert(!d->preamble || !strstr(d->preamble, "mùa khô"), "the subject's rows are not the preamble");
	for (size_t i = 0; i < d->nitems; i++) {
		cr_assert(!strstr(d->items[i].text, "Sơn La, ngày"), "%s", d->items[i].text);
		cr_assert(!strstr(d->items[i].text, "PHÓ CHỦ TỊCH"), "%s", d->items[i].text);
	}
	cr_assert_str_eq(item_of(d, "3.1")->responsible[0], "Công an tỉnh");
	directive_free(d);
}

/* Field trial: a news page of another site.  Its breadcrumb, date line,
 * share box, byline and "Tin khác" are the page, not the plan: the
 * headline is the title, and no item or id comes from the furniture. */
Test(import, a_news_page_of_another_site_leaves_its_furniture_out)
{
	struct directive *d = import_fixture("news-page.txt", NULL);

	cr_assert_str_eq(d->title, "Quảng Trị ban hành kế hoạch phòng, chống tác hại của thuốc lá năm 2024");
	cr_assert_str_eq(d->number, "61/KH-UBND");
	cr_assert_str_eq(d->date, "2024-04-10");
	cr_assert(!strstr(d->id, "trang-chu"), "%s", d->id);
	for (size_t s = 0; s < d->nsections; s++)
		cr_assert(!strstr(d->sections[s].text, "Trang chủ") && !strstr(d->sections[s].text, "Cập nhật") &&
			  !strstr(d->sections[s].text, "Facebook") && !strstr(d->sections[s].text, "Tweet") &&
			  !strstr(d->sections[s].text, "Hơn 200 cơ sở"),
			  "%s", d->sections[s].text);
	cr_assert_eq(d->nitems, 5);
	cr_assert_str_eq(item_of(d, "1.1")->responsible[0], "Sở Y tế");
	directive_free(d);
}

Test(import, the_seed_gives_nine_sections_and_agrees_with_the_shipped_directive)
{
	struct directive *d = import_fixture("seed-thanh-hoa-2023.txt", NULL);
	const struct directive *ref = sim_directive();
	size_t exact = 0, found = 0;
	struct buf missing = {0};

	cr_assert_eq(d->nsections, 9);
	cr_assert_geq(d->nitems, 30);
	cr_assert_str_eq(d->title, ref->title);
	cr_assert_str_eq(d->preamble, ref->preamble, "the lead, without the outlet's tag");
	cr_assert_eq(d->nrecipients, ref->nrecipients);
	for (size_t i = 0; i < d->nrecipients; i++)
		cr_assert_str_eq(d->recipients[i], ref->recipients[i]);
	for (size_t s = 0; s < 9; s++)
		cr_assert_str_eq(d->sections[s].text, ref->sections[s].text,
				 "section %zu: the paragraph, its lost break restored", s + 1);
	{
		const char **want = xcalloc(ref->nitems + 1, sizeof *want);

		for (size_t i = 0; i < ref->nitems; i++)
			want[i] = ref->items[i].text;
		found = agreement(d, want, ref->nitems, &exact, NULL);
		for (size_t i = 0; i < ref->nitems; i++)
			if (!agreement(d, want + i, 1, &(size_t){0}, NULL))
				buf_printf(&missing, " %s", ref->items[i].id);
		free(want);
	}
	fprintf(stderr, "import agreement with content/thanh-hoa-dvk-2023.yaml: %zu of %zu items found "
		"with the same text (%.1f%%), %zu word for word; not found:%s\n", found, ref->nitems,
		100.0 * (double)found / (double)ref->nitems, exact, missing.data ? missing.data : " none");
	cr_assert_geq(found * 100, 80 * ref->nitems, "only %zu of %zu found", found, ref->nitems);
	buf_free(&missing);
	directive_free(d);
}

/* ---- what each kind of text teaches ---- */

static const struct item *item_of(const struct directive *d, const char *id)
{
	const struct item *it = directive_item(d, id);

	cr_assert_not_null(it, "no item %s", id);
	return it;
}

static bool any_item_starts(const struct directive *d, const char *prefix)
{
	for (size_t i = 0; i < d->nitems; i++)
		if (strncmp(d->items[i].text, prefix, strlen(prefix)) == 0)
			return true;
	return false;
}

Test(import, a_plan_keeps_its_numbering_and_leaves_purpose_and_legal_bases_out_of_the_tasks)
{
	struct directive *d = import_fixture("ke-hoach-word.txt", NULL);
	const struct item *it;

	cr_assert_str_eq(d->title, "Kế hoạch thực hiện công tác dân vận của cơ quan hành chính nhà nước, "
				   "chính quyền các cấp năm 2023");
	cr_assert_str_eq(d->id, "46-kh-ubnd-2023");
	/* I. MỤC ĐÍCH, YÊU CẦU and the Căn cứ are the preamble, not tasks. */
	cr_assert(strstr(d->preamble, "Căn cứ Chỉ thị số 33/CT-TTg"));
	cr_assert(strstr(d->preamble, "1. Mục đích"));
	cr_assert(!any_item_starts(d, "Nâng cao nhận thức"), "a purpose became a task");
	cr_assert(!any_item_starts(d, "Căn cứ Luật"), "a legal basis became a task");
	cr_assert(!any_item_starts(d, "Trên đây là"), "the closing became a task");
	cr_assert_str_eq(d->sections[0].id, "II.1");
	cr_assert_str_eq(d->sections[0].title, "Công tác tuyên truyền, quán triệt");
	/* a) with its deadline clause kept on it */
	it = item_of(d, "II.1.a");
	cr_assert_str_eq(it->deadline, "trong quý II/2023");
	cr_assert(strstr(it->text, "hoàn thành trong quý II/2023"));
	/* b) lists two tasks */
	item_of(d, "II.1.b.1");
	item_of(d, "II.1.b.2");
	cr_assert_null(item_of(d, "II.1.c")->deadline, "no deadline where the text states none");
	/* attributes under a task: "Cơ quan chủ trì", "Thời gian thực hiện" */
	it = item_of(d, "II.3.1");
	cr_assert_eq(it->nresponsible, 1);
	cr_assert_str_eq(it->responsible[0], "Văn phòng UBND tỉnh");
	cr_assert_str_eq(it->deadline, "Năm 2023");
	/* III. Tổ chức thực hiện: the agency heading is who is responsible */
	it = item_of(d, "III.1.2");
	cr_assert_str_eq(it->responsible[0], "Sở Nội vụ");
	cr_assert_str_eq(it->deadline, "trước ngày 15/12/2023");
	it = item_of(d, "III.2.2");
	cr_assert_eq(it->nresponsible, 2);
	cr_assert_str_eq(it->responsible[1], "Ủy ban nhân dân các huyện, thành phố");
	cr_assert_str_eq(it->deadline, "trước ngày 30/11/2023");
	it = item_of(d, "III.3.1");
	cr_assert_str_eq(it->responsible[0], "Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh");
	/* Nơi nhận: those who carry it out, not those sent a copy (b/c) */
	cr_assert_eq(d->nrecipients, 2);
	cr_assert_str_eq(d->recipients[0], "Các sở, ban, ngành");
	directive_free(d);
}

Test(import, pdf_text_is_mended_across_lines_and_pages)
{
	struct import_stats st;
	struct directive *d = import_fixture("pdf-paste.txt", &st);

	cr_assert_gt(st.joined, 5);
	cr_assert_geq(st.furniture, 3, "page numbers and the running head");
	/* a sentence broken at a page, with a page number and a running head
	 * between its halves */
	cr_assert_str_eq(item_of(d, "II.2.b")->text,
			 "Phòng Nội vụ phối hợp với Ban Dân vận Huyện ủy thẩm định, lựa chọn các mô hình tiêu biểu "
			 "để biểu dương, nhân rộng.");
	cr_assert_str_eq(item_of(d, "II.2.a")->deadline, "trước ngày 30/4/2023");
	/* "kinh tế\n- xã hội" is a wrapped phrase, not a bullet */
	cr_assert(strstr(d->preamble, "kinh tế - xã hội của địa phương"), "%s", d->preamble);
	for (size_t s = 0; s < d->nsections; s++) {
		cr_assert_null(strstr(d->sections[s].text, "- 2 -"));
		cr_assert_null(strstr(d->sections[s].text, "Kế hoạch phong trào thi đua “Dân vận khéo” năm 2023"),
			       "the running head is gone");
	}
	cr_assert(!any_item_starts(d, "Kế hoạch phong trào"));
	directive_free(d);
}

Test(import, a_news_report_gives_the_reported_document_and_not_the_ones_it_cites)
{
	struct directive *d = import_fixture("news-report.txt", NULL);

	cr_assert_str_eq(d->number, "88/KH-UBND");
	cr_assert_str_eq(d->date, "2024-02-02");
	cr_assert_str_eq(d->source, "Baobacgiang.vn");
	cr_assert_str_eq(d->title, "Bắc Giang ban hành Kế hoạch thực hiện Quy chế dân chủ ở cơ sở năm 2024");
	cr_assert(!any_item_starts(d, "Trước đó"), "a report of past results became a task");
	cr_assert(!any_item_starts(d, "Theo Kế hoạch, mục đích"), "the purpose became a task");
	cr_assert(!any_item_starts(d, "Quang cảnh"), "a photo caption became a task");
	for (size_t s = 0; s < d->nsections; s++)
		cr_assert_null(strstr(d->sections[s].text, "Tin liên quan"));
	/* "Kế hoạch yêu cầu các sở, ...": the agencies are responsible */
	cr_assert_str_eq(d->items[0].text, "Tăng cường tuyên truyền Luật Thực hiện dân chủ ở cơ sở năm 2022.");
	cr_assert_eq(d->items[0].nresponsible, 2);
	cr_assert_str_eq(d->items[0].responsible[0], "các sở, ban, ngành", "as the text names them");
	directive_free(d);
}

Test(import, a_cong_van_gives_its_points_as_items_and_its_addressees_as_recipients)
{
	struct directive *d = import_fixture("cong-van.txt", NULL);

	cr_assert_str_eq(d->title, "Công văn về việc triển khai các nhiệm vụ chuyển đổi số năm 2024");
	cr_assert_eq(d->nrecipients, 2);
	cr_assert_str_eq(d->recipients[0], "Các sở, ban, ngành thuộc tỉnh");
	cr_assert_str_eq(d->recipients[1], "UBND các huyện, thị xã, thành phố");
	cr_assert_str_eq(item_of(d, "a")->responsible[0], "Sở Thông tin và Truyền thông");
	cr_assert_str_eq(item_of(d, "a")->deadline, "trước ngày 15/4/2024");
	item_of(d, "b.1");
	item_of(d, "b.2");
	item_of(d, "c");
	cr_assert(!any_item_starts(d, "Nhận được Công văn này"));
	cr_assert(strstr(d->preamble, "Thực hiện Công văn số 802/BTTTT-CĐSQG"));
	directive_free(d);
}

Test(import, nfd_crlf_and_utf16_text_import_as_their_plain_twins)
{
	static const char *const twins[][2] = {
		{ "nfd-crlf.txt", "cong-van.txt" },
		{ "utf16-notepad.txt", "no-structure.txt" },
	};

	for (size_t i = 0; i < ARRAY_LEN(twins); i++) {
		struct directive *a = import_fixture(twins[i][0], NULL), *b = import_fixture(twins[i][1], NULL);
		struct dvk_error err;
		size_t la, lb;
		char *ya = directive_write(a, "a", &la, &err), *yb = directive_write(b, "b", &lb, &err);

		cr_assert_not_null(ya);
		cr_assert_not_null(yb);
		cr_assert_str_eq(ya, yb, "%s differs from %s", twins[i][0], twins[i][1]);
		free(ya);
		free(yb);
		directive_free(a);
		directive_free(b);
	}
}

/* The text of fixture name flattened: NFC, every run of blanks and line
 * breaks one space, the first letter of every word kept. */
static char *flat_fixture(const char *name)
{
	size_t len;
	char *raw = fixture(name, &len), *nfc = text_nfc(raw), *out = xcalloc(1, strlen(nfc) + 2), *o = out;
	bool sp = false;

	for (const char *p = nfc; *p; p++) {
		if (strchr(" \t\r\n\f\v", *p)) {
			sp = true;
			continue;
		}
		if (sp && o > out)
			*o++ = ' ';
		sp = false;
		*o++ = *p;
	}
	free(raw);
	free(nfc);
	return out;
}

/* s with its first letter in lower case. */
static char *lower_first(const char *s)
{
	char *out = xstrdup(s);
	ucs4_t c;
	int n = u8_mbtouc(&c, (const uint8_t *)s, strlen(s));
	uint8_t lo[8];

	if (n > 0 && u8_uctomb(lo, uc_tolower(c), (int)sizeof lo) == n)
		memcpy(out, lo, (size_t)n);
	return out;
}

/* Field trial: an item is the document's words.  Every item of texts of
 * each kind is found in the text as it is, case and all (only the full
 * stop that ends a clause, and the capital of a task whose speaker's
 * frame "UBND tỉnh yêu cầu ..." is left out, are the importer's). */
Test(import, every_item_is_the_texts_own_words)
{
	static const char *const names[] = {
		"chi-thi-bullets.txt", "chi-thi.txt", "cong-van.txt", "ke-hoach-word.txt", "quyet-dinh.txt",
		"numbering-slips.txt", "seed-thanh-hoa-2023.txt", "news-report.txt", "cong-van-two-columns.txt",
		"news-page.txt", "ke-hoach-phong.txt", "quyet-dinh-kem-ke-hoach.txt",
	};

	for (size_t f = 0; f < ARRAY_LEN(names); f++) {
		struct directive *d = import_fixture(names[f], NULL);
		char *text = flat_fixture(names[f]), *ltext = lower_first(text);

		for (size_t i = 0; i < d->nitems; i++) {
			char *t = xstrdup(d->items[i].text), *lt;
			size_t n = strlen(t);

			if (n > 1 && t[n - 1] == '.')
				t[--n] = '\0';
			lt = lower_first(t);
			/* in lower case only where a frame went before it, never
			 * after a ';' or a ':' that the text puts there */
			const char *at = strstr(text, t) ? NULL : strstr(text, lt);

			cr_assert(strstr(text, t) || (at && !(at - text >= 2 && strchr(";:", at[-2]))),
				  "%s %s: not the text's words: %s", names[f], d->items[i].id, t);
			free(t);
			free(lt);
		}
		free(ltext);
		free(text);
		directive_free(d);
	}
}

/* A Chỉ thị of another province, as the trial's: "-" tasks with "+"
 * points, "AGENCY: task", agencies that direct others, an office of two
 * bodies, the closing request wrapped over two lines. */
Test(import, a_chi_thi_keeps_its_tasks_their_agencies_and_no_closing)
{
	struct directive *d = import_fixture("chi-thi-bullets.txt", NULL);
	const struct item *it;

	cr_assert_str_eq(d->sections[0].id, "1");
	cr_assert_str_eq(d->sections[0].title, "Sở Nông nghiệp và Phát triển nông thôn");
	/* the "-" task with "+" points is an item, its points under it */
	it = item_of(d, "1.2");
	cr_assert(strncmp(it->text, "Kiểm tra an toàn hồ đập", strlen("Kiểm tra an toàn hồ đập")) == 0, "%s", it->text);
	cr_assert_str_eq(it->deadline, "trong tháng 6 năm 2024");
	cr_assert_str_eq(item_of(d, "1.2.1")->text, "Ưu tiên các hồ chứa xung yếu.");
	cr_assert_str_eq(item_of(d, "1.2.2")->text, "Lập phương án bảo vệ hạ du.");
	cr_assert_eq(directive_item_index(d, "1.2.1"), directive_item_index(d, "1.2") + 1);
	cr_assert_str_eq(item_of(d, "1.3")->text, "Tổng hợp thiệt hại, báo cáo UBND tỉnh.");
	cr_assert_str_eq(item_of(d, "1.3")->responsible[0], "Sở Nông nghiệp và Phát triển nông thôn");
	/* "AGENCY: task": the agency stays in the words; an office of two
	 * bodies is one agency */
	it = item_of(d, "2.1");
	cr_assert_str_eq(it->text, "Văn phòng HĐND và UBND tỉnh: theo dõi, đôn đốc việc thực hiện Chỉ thị này.");
	cr_assert_eq(it->nresponsible, 1);
	cr_assert_str_eq(it->responsible[0], "Văn phòng HĐND và UBND tỉnh");
	cr_assert_str_eq(item_of(d, "2.2")->text, "báo cáo Chủ tịch UBND tỉnh trước ngày 15/12/2024.");
	/* who directs is who is tasked, not whom they direct */
	it = item_of(d, "3.1");
	cr_assert(strncmp(it->text, "UBND các huyện, thành phố, thị xã chỉ đạo UBND cấp xã rà soát",
			  strlen("UBND các huyện, thành phố, thị xã chỉ đạo UBND cấp xã rà soát")) == 0, "%s", it->text);
	cr_assert_eq(it->nresponsible, 1);
	cr_assert_str_eq(it->responsible[0], "UBND các huyện, thành phố, thị xã");
	it = item_of(d, "4.1");
	cr_assert_eq(it->nresponsible, 1);
	cr_assert_str_eq(it->responsible[0], "Sở Tài chính");
	/* agencies as the text names them */
	it = item_of(d, "5.1");
	cr_assert_eq(it->nresponsible, 2);
	cr_assert_str_eq(it->responsible[1], "các đoàn thể");
	/* the closing request, wrapped before "thực hiện", is no task */
	for (size_t i = 0; i < d->nitems; i++)
		cr_assert(!strstr(d->items[i].text, "nghiêm túc"), "%s: %s", d->items[i].id, d->items[i].text);
	cr_assert_eq(d->nitems, 10);
	directive_free(d);
}

/* The text's numbering slips ("2." twice, "4." before "3.", a second
 * "II." where "III." was meant): the list is numbered by place, so the
 * file shows the parts in the text's order; a list that rises keeps the
 * text's own numbers. */
Test(import, a_list_whose_numbers_slip_is_numbered_by_place)
{
	struct directive *d = import_fixture("numbering-slips.txt", NULL);
	static const char *const want[][2] = {
		{"II.1", "Tuyên truyền"}, {"II.3", "Tổ chức đối thoại"}, {"II.4", "Giải quyết kịp thời"},
		{"II.5", "Đẩy mạnh cải cách"}, {"III.3", "Văn phòng HĐND"},
	};

	cr_assert_eq(d->nsections, 2);
	cr_assert_str_eq(d->sections[0].id, "II");
	cr_assert_str_eq(d->sections[1].id, "III");
	cr_assert_str_eq(d->sections[1].title, "Tổ chức thực hiện");
	for (size_t i = 0; i < ARRAY_LEN(want); i++) {
		const struct item *it = directive_item(d, want[i][0]);

		cr_assert_not_null(it, "no item %s", want[i][0]);
		cr_assert(strncmp(it->text, want[i][1], strlen(want[i][1])) == 0, "%s: %s", want[i][0], it->text);
	}
	directive_free(d);
	/* the same text with its numbers in order keeps them */
	d = import_fixture("chi-thi.txt", NULL);
	for (size_t i = 0; i + 1 < d->nsections; i++)
		cr_assert(directive_id_cmp(d->sections[i].id, d->sections[i + 1].id) < 0);
	directive_free(d);
}

/* Found by fuzz_import: a draft pasted twice, cut in the middle, repeats
 * "I." and its items; every id stays unique and in the text's order
 * (assert_sound), the second "I" coming after the first. */
Test(import, a_text_pasted_twice_keeps_reader_order)
{
	struct directive *d = import_fixture("pasted-twice.txt", NULL);

	cr_assert_str_eq(d->sections[0].id, "I");
	cr_assert_str_eq(d->sections[d->nsections - 1].id, "III");
	for (size_t i = 0; i + 1 < d->nsections; i++)
		cr_assert(directive_id_cmp(d->sections[i].id, d->sections[i + 1].id) < 0, "%s %s",
			  d->sections[i].id, d->sections[i + 1].id);
	directive_free(d);
}

Test(import, a_draft_with_blanks_leaves_number_and_date_unknown)
{
	struct directive *d = import_fixture("draft-blank.txt", NULL);

	cr_assert_null(d->number);
	cr_assert_null(d->date);
	cr_assert_str_eq(d->title, "Kế hoạch xây dựng “Chính quyền thân thiện, vì Nhân dân phục vụ” năm 2023");
	directive_free(d);
}

Test(import, text_with_no_structure_gives_sections_from_paragraphs_and_no_facts)
{
	struct directive *d = import_fixture("no-structure.txt", NULL);

	cr_assert_eq(d->nsections, 2);
	cr_assert_str_eq(d->sections[0].id, "1");
	cr_assert_null(d->issuer);
	cr_assert_null(d->number);
	cr_assert_null(d->date);
	cr_assert_null(d->signer);
	cr_assert_eq(d->nrecipients, 0);
	for (size_t i = 0; i < d->nitems; i++)
		cr_assert_null(d->items[i].deadline);
	directive_free(d);
}

Test(import, empty_text_and_text_of_furniture_only_are_refused_with_a_reason)
{
	static const char *const texts[] = { "", "\n\n   \r\n", "- 1 -\n\nTrang 2\n", "\xEF\xBB\xBF",
					     "\0\0\0\0", "-------\n***\n" };

	for (size_t i = 0; i < ARRAY_LEN(texts); i++) {
		struct dvk_error err;
		struct directive *d = import_text(texts[i], strlen(texts[i]) + (i == 4 ? 4 : 0), NULL,
						  NULL, &err);

		cr_assert_null(d, "text %zu imported", i);
		cr_assert_eq(err.code, DVK_E_INVALID);
		cr_assert(strlen(err.message) > 10);
	}
}

Test(import, huge_text_is_imported_in_its_limits_or_refused_whole)
{
	struct buf b = {0};
	struct dvk_error err;
	struct directive *d;
	size_t len;
	char *y;

	/* 900 numbered points with two tasks each: about 300 KB */
	for (int i = 1; i <= 900; i++)
		buf_printf(&b, "%d. Tổ chức hội nghị quán triệt số %d cho cán bộ, công chức; tăng cường "
			       "tuyên truyền nội dung %d trên hệ thống truyền thanh cơ sở.\n",
			   i % 999 + 1, i, i);
	d = import_text(b.data, b.len, NULL, NULL, &err);
	cr_assert_not_null(d, "%s", err.message);
	cr_assert_eq(d->nitems, 1800);
	y = directive_write(d, "huge", &len, &err);
	cr_assert_not_null(y, "%s", err.message);
	free(y);
	directive_free(d);
	/* more than a directive could hold */
	while (b.len <= 4 * (size_t)IMPORT_MAX_TEXT)
		buf_adds(&b, "Tổ chức hội nghị; tăng cường tuyên truyền; kiểm tra, đôn đốc thực hiện.\n");
	d = import_text(b.data, b.len, NULL, NULL, &err);
	cr_assert_null(d);
	cr_assert_eq(err.code, DVK_E_LIMIT);
	/* one line of a megabyte without a full stop */
	b.len = 0;
	while (b.len < (size_t)IMPORT_MAX_TEXT - 100)
		buf_adds(&b, "tổ chức hội nghị quán triệt cho cán bộ ");
	d = import_text(b.data, b.len, NULL, NULL, &err);
	cr_assert_not_null(d, "%s", err.message);
	directive_free(d);
	buf_free(&b);
}

Test(import, the_same_text_gives_the_same_bytes)
{
	struct directive *a = import_fixture("ke-hoach-word.txt", NULL);
	struct directive *b = import_fixture("ke-hoach-word.txt", NULL);
	struct dvk_error err;
	size_t la, lb;
	char *ya = directive_write(a, "a", &la, &err), *yb = directive_write(b, "b", &lb, &err);

	cr_assert_eq(la, lb);
	cr_assert_eq(memcmp(ya, yb, la), 0);
	free(ya);
	free(yb);
	directive_free(a);
	directive_free(b);
}

/* ---- the verb ---- */

#define FIX "\"$DVK_SRC/tests/fixtures/import/%s\""

Test(import_cli, the_seed_imports_to_a_file_that_dvk_check_passes)
{
	char *dir = sim_tmpdir(), *out;

	cr_assert_eq(sim_run(&out, "$DVK import " FIX " -o %s/d.yaml 2>&1", "seed-thanh-hoa-2023.txt", dir), 0);
	cr_assert(strstr(out, "Imported: 9 sections,"), "%s", out);
	cr_assert(strstr(out, "dvk directive add"), "the next step is named: %s", out);
	free(out);
	cr_assert_eq(sim_run(&out, "$DVK check %s/d.yaml", dir), 0);
	cr_assert(strstr(out, "9 sections, 35 items"), "%s", out);
	free(out);
	/* the file is not replaced without --force */
	cr_assert_eq(sim_run(&out, "$DVK import " FIX " -o %s/d.yaml 2>&1", "cong-van.txt", dir), 1);
	cr_assert(strstr(out, "already exists"), "%s", out);
	free(out);
	cr_assert_eq(sim_run(&out, "$DVK check %s/d.yaml", dir), 0);
	cr_assert(strstr(out, "9 sections"), "%s", out);
	free(out);
	cr_assert_eq(sim_run(NULL, "$DVK import --force -o %s/d.yaml - < " FIX " 2>/dev/null", dir,
			     "cong-van.txt"), 0);
	cr_assert_eq(sim_run(&out, "$DVK check %s/d.yaml", dir), 0);
	cr_assert(strstr(out, "directive 1613-ubnd-kgvx-2024, 1 section, 4 items"), "%s", out);
	free(out);
	free(dir);
}

Test(import_cli, messages_are_vietnamese_by_default)
{
	char *out;

	cr_assert_eq(sim_run(&out, "unset DVK_LANG; $DVK import " FIX " 2>&1 >/dev/null", "cong-van.txt"), 0);
	cr_assert(strstr(out, "Đã nhập: 1 phần, 4 mục."), "%s", out);
	cr_assert(strstr(out, "Số, ký hiệu:"), "%s", out);
	free(out);
	cr_assert_eq(sim_run(&out, "unset DVK_LANG; $DVK import " FIX " 2>&1", "empty.txt"), 1);
	cr_assert(strstr(out, "văn bản trống"), "%s", out);
	free(out);
}

Test(import_cli, bad_input_is_refused_and_writes_nothing)
{
	char *dir = sim_tmpdir(), *out;

	cr_assert_eq(sim_run(&out, "$DVK import " FIX " -o %s/e.yaml 2>&1", "empty.txt", dir), 1);
	cr_assert(strstr(out, "empty.txt: the text is empty"), "%s", out);
	free(out);
	cr_assert_eq(sim_run(NULL, "test ! -e %s/e.yaml", dir), 0);
	cr_assert_eq(sim_run(&out, "$DVK import %s/missing.txt 2>&1", dir), 1);
	cr_assert(strstr(out, "cannot open the text"), "%s", out);
	free(out);
	cr_assert_eq(sim_run(NULL, "$DVK import 2>/dev/null"), 2);
	cr_assert_eq(sim_run(NULL, "$DVK import a b 2>/dev/null"), 2);
	cr_assert_eq(sim_run(NULL, "$DVK import --id 'Bad Id' " FIX " 2>/dev/null", "cong-van.txt"), 2);
	free(dir);
}

/* The whole way from a text to a published directive, as an office goes:
 * import, check, publish, list; and a slip made editing the file by hand
 * is named with what to change, by check and by directive add alike,
 * and nothing is published until it is mended. */
Test(import_cli, import_check_publish_and_a_hand_slip_named_with_what_to_do)
{
	char *dir = sim_tmpdir(), *out;

	cr_assert_eq(sim_run(NULL, "$DVK import " FIX " -o %s/d.yaml 2>/dev/null", "no-structure.txt", dir), 0);
	/* a hand edit: a label with a comma in a {...} evidence field */
	cr_assert_eq(sim_run(NULL, "sed -i '0,/label: Ngày/s/label: Ngày/label: Ngày, tháng/' %s/d.yaml", dir), 0);
	cr_assert_eq(sim_run(&out, "unset DVK_LANG; $DVK check %s/d.yaml 2>&1", dir), 1);
	cr_assert(strstr(out, "d.yaml:"), "%s", out);
	cr_assert(strstr(out, "đặt nhãn có dấu phẩy trong ngoặc kép, như label: \"Ngày, tháng"), "%s", out);
	free(out);
	cr_assert_eq(sim_run(&out, "$DVK --data %s/data directive add %s/d.yaml 2>&1", dir, dir), 1);
	cr_assert(strstr(out, "quote a label that contains a comma, like label: \"Ngày, tháng"), "%s", out);
	free(out);
	cr_assert_eq(sim_run(NULL, "test -z \"$(ls %s/data 2>/dev/null)\"", dir), 0);
	/* mended as it says, it passes and publishes */
	cr_assert_eq(sim_run(NULL, "sed -i 's/label: Ngày, tháng\\([^,]*\\),/label: \"Ngày, tháng\\1\",/' %s/d.yaml",
			     dir), 0);
	cr_assert_eq(sim_run(&out, "$DVK check %s/d.yaml", dir), 0, "%s", out);
	free(out);
	cr_assert_eq(sim_run(NULL, "$DVK --data %s/data directive add %s/d.yaml 2>/dev/null", dir, dir), 0);
	/* a text that names no issuer lists as such, not as an empty name */
	cr_assert_eq(sim_run(&out, "$DVK --data %s/data directive list", dir), 0);
	cr_assert(!strstr(out, "\n  ;"), "%s", out);
	cr_assert(strstr(out, "\n  4 items;") || strstr(out, "\n  3 items;"), "%s", out);
	free(out);
	free(dir);
}

/* ---- the review ---- */

static char *imported(const char *fixture_name)
{
	char *dir = sim_tmpdir(), *path = xasprintf("%s/d.yaml", dir);

	cr_assert_eq(sim_run(NULL, "$DVK import " FIX " -o %s 2>/dev/null", fixture_name, path), 0);
	free(dir);
	return path;
}

static struct directive *load(const char *path)
{
	struct dvk_error err;
	struct directive *d = directive_load_file(path, &err);

	cr_assert_not_null(d, "%s", err.message);
	return d;
}

Test(import_review, merge_split_edit_and_undo_then_save)
{
	char *path = imported("seed-thanh-hoa-2023.txt"), *out;
	struct directive *d;

	/* Merge 2.3 into 2.2, split 3.2 before some words, retitle section
	 * 1, set a deadline on 5.1, edit 7.1 and take that edit back. */
	cr_assert_eq(sim_run(&out, "printf '%%s\\n' 'g 2.2' m 'g 3.2' 's theo Nghị quyết' 'g 1.1' 't' 'Quán triệt' "
				   "'g 5.1' D 'trước ngày 1/6' 'g 7.1' e 'Sai' u w q | $DVK import --review %s",
			     path), 0);
	cr_assert(strstr(out, "Merged 2.3 into 2.2."), "%s", out);
	cr_assert(strstr(out, "Split into 3.2 and 3.2.1."), "%s", out);
	cr_assert(strstr(out, "Saved "), "%s", out);
	free(out);
	d = load(path);
	cr_assert_null(directive_item(d, "2.3"));
	cr_assert(strstr(item_of(d, "2.2")->text, "vùng tôn giáo; chú trọng đổi mới"), "the ';' back: %s",
		  item_of(d, "2.2")->text);
	cr_assert_str_eq(item_of(d, "3.2")->text,
			 "Tổ chức triển khai có hiệu quả Chương trình tổng thể cải cách hành chính nhà nước giai đoạn 2021-2030.");
	cr_assert_str_eq(item_of(d, "3.2.1")->text, "theo Nghị quyết số 76/NQ-CP ngày 15-7-2021 của Chính phủ.",
			 "the words as the text has them");
	/* the split piece sits right after its item, in reader order */
	cr_assert_eq(directive_item_index(d, "3.2.1"), directive_item_index(d, "3.2") + 1);
	cr_assert_str_eq(d->sections[0].title, "Quán triệt");
	cr_assert_str_eq(item_of(d, "5.1")->deadline, "trước ngày 1/6");
	cr_assert_str_neq(item_of(d, "7.1")->text, "Sai", "undo took the edit back");
	directive_free(d);
	free(path);
}

Test(import_review, splitting_again_keeps_reader_order)
{
	char *path = imported("seed-thanh-hoa-2023.txt");
	struct directive *d;

	/* The end of 2.1 first, then its middle: the middle piece must come
	 * before the end piece, as in the text. */
	cr_assert_eq(sim_run(NULL, "printf '%%s\\n' 'g 2.1' 's bảo đảm' 'g 2.1' 's về vị trí' w q | "
				   "$DVK import --review %s >/dev/null", path), 0);
	d = load(path);
	cr_assert(strncmp(item_of(d, "2.1.1")->text, "về vị trí", strlen("về vị trí")) == 0, "%s",
		  item_of(d, "2.1.1")->text);
	cr_assert_str_eq(item_of(d, "2.1.2")->text, "bảo đảm công tác dân vận luôn gần gũi với Nhân dân.");
	cr_assert_eq(directive_item_index(d, "2.1.1"), directive_item_index(d, "2.1") + 1);
	cr_assert_eq(directive_item_index(d, "2.1.2"), directive_item_index(d, "2.1") + 2);
	directive_free(d);
	free(path);
}

Test(import_review, input_that_ends_with_unsaved_changes_writes_nothing)
{
	char *path = imported("cong-van.txt"), *before, *after, *out;
	size_t lb, la;

	before = sim_read(path, &lb);
	cr_assert_eq(sim_run(&out, "printf 'd\\n' | $DVK import --review %s 2>&1", path), 1);
	cr_assert(strstr(out, "unsaved changes"), "%s", out);
	free(out);
	after = sim_read(path, &la);
	cr_assert_eq(la, lb);
	cr_assert_eq(memcmp(before, after, la), 0);
	/* q asks once before leaving changes behind */
	cr_assert_eq(sim_run(&out, "printf 'd\\nq\\nq\\n' | $DVK import --review %s", path), 0);
	cr_assert(strstr(out, "unsaved changes: w saves them"), "%s", out);
	free(out);
	free(before);
	free(after);
	free(path);
}

/* Field trial: people type a value on the command's own line, as g and s
 * take theirs.  It must be taken, never the NEXT line (which made the
 * title "g 3.1" and an item's text "r ..."). */
Test(import_review, a_value_on_the_command_line_is_taken)
{
	char *path = imported("cong-van.txt"), *out;
	const struct item *it;
	struct directive *d;

	cr_assert_eq(sim_run(&out, "printf '%%s\\n' 'T Công văn về việc chuyển đổi số' 'g b.1' "
				   "'e Các sở rà soát quy trình nội bộ.' 'r Các sở; UBND các huyện' 'D trước ngày 30/6/2024' "
				   "'t Nhiệm vụ' 'I cv-1613-2024' 'g c' 'D' 'trong quý II' w q | $DVK import --review %s",
			     path), 0);
	cr_assert(strstr(out, "Saved "), "%s", out);
	free(out);
	d = load(path);
	cr_assert_str_eq(d->title, "Công văn về việc chuyển đổi số");
	cr_assert_str_eq(d->id, "cv-1613-2024");
	it = item_of(d, "b.1");
	cr_assert_str_eq(it->text, "Các sở rà soát quy trình nội bộ.");
	cr_assert_eq(it->nresponsible, 2);
	cr_assert_str_eq(it->responsible[0], "Các sở");
	cr_assert_str_eq(it->responsible[1], "UBND các huyện");
	cr_assert_str_eq(it->deadline, "trước ngày 30/6/2024");
	cr_assert_str_eq(d->sections[it->section].title, "Nhiệm vụ");
	/* without a value on the line, the next line is the value */
	cr_assert_str_eq(item_of(d, "c")->deadline, "trong quý II");
	directive_free(d);
	free(path);
}

/* A word is not a command: "done" deleted the item, "merge" merged it.
 * Such lines, and a letter that takes nothing with text after it, are
 * refused with a reason and change nothing. */
Test(import_review, words_and_trailing_text_change_nothing)
{
	char *path = imported("cong-van.txt"), *before, *after, *out;
	size_t lb, la;

	before = sim_read(path, &lb);
	cr_assert_eq(sim_run(&out, "printf '%%s\\n' done merge delete undo 'd b' 'm now' 'w later' 'q!' 'u x' q | "
				   "$DVK import --review %s",
			     path), 0, "nothing changed, so q leaves at once");
	cr_assert(strstr(out, "Unknown command \"done\""), "%s", out);
	cr_assert(strstr(out, "Unknown command \"merge\""), "%s", out);
	cr_assert(strstr(out, "\"d\" takes nothing after it"), "%s", out);
	cr_assert(!strstr(out, "Deleted item"), "%s", out);
	cr_assert(!strstr(out, "Merged"), "%s", out);
	cr_assert(!strstr(out, "Saved"), "%s", out);
	cr_assert(!strstr(out, "unsaved changes"), "%s", out);
	free(out);
	after = sim_read(path, &la);
	cr_assert_eq(la, lb);
	cr_assert_eq(memcmp(before, after, la), 0);
	free(before);
	free(after);
	free(path);
}

/* The help fits an 80-column terminal in both languages: no line wraps. */
Test(import_review, the_help_fits_80_columns_in_both_languages)
{
	char *path = imported("cong-van.txt");

	for (int vi = 0; vi < 2; vi++) {
		char *out, *save = NULL;
		size_t nlines = 0;

		cr_assert_eq(sim_run(&out, "%s printf '?\\nq\\n' | $DVK import --review %s", vi ? "unset DVK_LANG;" : "",
				     path), 0);
		cr_assert(strstr(out, vi ? "tách" : "split"), "%s", out);
		/* the lines after the "?" (the first screen names the path) */
		for (char *l = strtok_r(strstr(out, "\n> ") + 3, "\n", &save); l; l = strtok_r(NULL, "\n", &save), nlines++)
			cr_assert_leq(text_width(l), 80, "%d columns: %s", text_width(l), l);
		cr_assert_geq(nlines, 15);
		free(out);
	}
	free(path);
}

/* "1. Giao Sở Y tế chủ trì, phối hợp ...:" over a), b): the agency the
 * heading tasks is responsible for its points (a Công văn's usual form). */
Test(import, the_agency_a_heading_tasks_is_responsible_for_its_points)
{
	static const char text[] =
		"Số: 311/UBND-VX\nV/v phòng, chống dịch sốt xuất huyết\n\n"
		"Chủ tịch UBND tỉnh có ý kiến như sau:\n"
		"1. Giao Sở Y tế chủ trì, phối hợp với các đơn vị liên quan:\n"
		"a) Giám sát chặt chẽ các ổ dịch, xử lý triệt để không để lan rộng;\n"
		"b) Tổng hợp tình hình, báo cáo UBND tỉnh trước ngày 30/6/2024.\n"
		"2. Đề nghị Ủy ban MTTQ tỉnh vận động Nhân dân diệt lăng quăng, bọ gậy.\n";
	struct dvk_error err;
	struct directive *d = import_text(text, strlen(text), NULL, NULL, &err);

	cr_assert_not_null(d, "%s", err.message);
	for (size_t i = 0; i < 2; i++) {
		const struct item *it = item_of(d, i ? "1.b" : "1.a");

		cr_assert_eq(it->nresponsible, 1, "%s", it->id);
		cr_assert_str_eq(it->responsible[0], "Sở Y tế");
	}
	cr_assert_str_eq(item_of(d, "1.b")->deadline, "trước ngày 30/6/2024");
	cr_assert_null(item_of(d, "1.a")->deadline);
	directive_free(d);
}

/* "...; tỷ lệ hồ sơ được số hóa đạt trên 80%": a clause that states the
 * target of the task before it is not a task of its own. */
Test(import, a_target_after_a_semicolon_stays_with_its_task)
{
	static const char text[] =
		"1. Chuyển đổi số\n"
		"a) Số hóa hồ sơ, kết quả giải quyết thủ tục hành chính; tỷ lệ hồ sơ được số hóa đạt trên 80%.\n"
		"b) Cung cấp dịch vụ công trực tuyến toàn trình; rà soát, cập nhật danh mục thủ tục hành chính.\n";
	struct dvk_error err;
	struct directive *d = import_text(text, strlen(text), NULL, NULL, &err);

	cr_assert_not_null(d, "%s", err.message);
	cr_assert_str_eq(item_of(d, "1.a")->text,
			 "Số hóa hồ sơ, kết quả giải quyết thủ tục hành chính; tỷ lệ hồ sơ được số hóa đạt trên 80%.");
	/* two tasks stay two */
	item_of(d, "1.b.1");
	cr_assert_str_eq(item_of(d, "1.b.2")->text, "rà soát, cập nhật danh mục thủ tục hành chính.");
	directive_free(d);
}

/* "a) Rà soát ... . Cơ quan chủ trì: Sở Tư pháp. Thời gian hoàn thành:
 * trước 30/6/2024.": labels written as sentences of the task's own
 * paragraph say who and by when; they are not tasks of their own. */
Test(import, labels_inside_a_tasks_paragraph_are_its_agency_and_time)
{
	static const char text[] =
		"1. Hoàn thiện thể chế\n"
		"a) Rà soát, sửa đổi các văn bản liên quan đến chuyển đổi số. Cơ quan chủ trì: Sở Tư pháp; "
		"phối hợp: Sở Nội vụ. Thời gian hoàn thành: trước 30/6/2024.\n"
		"b) Ban hành quy chế vận hành hệ thống báo cáo. Đơn vị chủ trì: Văn phòng UBND tỉnh. "
		"Sản phẩm: Quyết định của UBND tỉnh. Thời hạn: Quý III/2024.\n"
		"c) Tổ chức tập huấn kỹ năng số. Mở rộng dịch vụ công trực tuyến toàn trình.\n";
	struct dvk_error err;
	struct directive *d = import_text(text, strlen(text), NULL, NULL, &err);
	const struct item *a, *b;

	cr_assert_not_null(d, "%s", err.message);
	a = item_of(d, "1.a");
	cr_assert_str_eq(a->text, "Rà soát, sửa đổi các văn bản liên quan đến chuyển đổi số.");
	cr_assert_eq(a->nresponsible, 1);
	cr_assert_str_eq(a->responsible[0], "Sở Tư pháp");
	cr_assert_str_eq(a->deadline, "trước 30/6/2024");
	b = item_of(d, "1.b");
	cr_assert_eq(b->nresponsible, 1);
	cr_assert_str_eq(b->responsible[0], "Văn phòng UBND tỉnh");
	cr_assert_str_eq(b->deadline, "Quý III/2024");
	/* two tasks in one paragraph without labels stay two */
	item_of(d, "1.c.1");
	item_of(d, "1.c.2");
	cr_assert_eq(d->nitems, 4);
	directive_free(d);
}

/* A chỉ thị's points under the agencies they are for, the heading
 * ending in a colon: those agencies are responsible for every point; a
 * heading that asks something ("Sở Y tế chủ trì, phối hợp ...:") names
 * only who leads. */
Test(import, an_agency_heading_with_a_colon_is_responsible_for_its_points)
{
	static const char text[] =
		"1. Các sở, ban, ngành, UBND các huyện, thị xã, thành phố:\n"
		"(1) Kiện toàn Ban Chỉ huy phòng chống thiên tai các cấp trước ngày 31/3/2024.\n"
		"(2) Chuẩn bị đầy đủ vật tư, phương tiện theo phương châm bốn tại chỗ.\n"
		"2. Sở Nông nghiệp và Phát triển nông thôn:\n"
		"- Kiểm tra an toàn hồ đập trước mùa mưa lũ.\n"
		"- Tham mưu UBND tỉnh ban hành Kế hoạch phòng, chống thiên tai.\n"
		"3. Sở Y tế chủ trì, phối hợp với các đơn vị liên quan:\n"
		"a) Giám sát chặt chẽ các ổ dịch.\n"
		"b) Tổng hợp tình hình, báo cáo UBND tỉnh.\n";
	struct dvk_error err;
	struct directive *d = import_text(text, strlen(text), NULL, NULL, &err);

	cr_assert_not_null(d, "%s", err.message);
	for (int i = 0; i < 2; i++) {
		const struct item *it = item_of(d, i ? "1.2" : "1.1");

		cr_assert_eq(it->nresponsible, 2, "%s", it->id);
		cr_assert_str_eq(it->responsible[0], "Các sở, ban, ngành");
		cr_assert_str_eq(it->responsible[1], "UBND các huyện, thị xã, thành phố");
		it = item_of(d, i ? "2.2" : "2.1");
		cr_assert_eq(it->nresponsible, 1, "%s", it->id);
		cr_assert_str_eq(it->responsible[0], "Sở Nông nghiệp và Phát triển nông thôn");
	}
	for (int i = 0; i < 2; i++) {
		const struct item *it = item_of(d, i ? "3.b" : "3.a");

		cr_assert_eq(it->nresponsible, 1, "%s", it->id);
		cr_assert_str_eq(it->responsible[0], "Sở Y tế");
	}
	directive_free(d);
}

/* A Party body's plan: "ĐẢNG CỘNG SẢN VIỆT NAM" where the State writes
 * its motto, a star under the issuer, "Số 12-KH/BDVHU" without a colon,
 * and the subject in lower case under "KẾ HOẠCH". */
Test(import, a_party_letterhead_gives_its_number_title_and_issuer)
{
	static const char text[] =
		"HUYỆN ỦY THỌ XUÂN\nBAN DÂN VẬN\n*\nSố 12-KH/BDVHU\n"
		"ĐẢNG CỘNG SẢN VIỆT NAM\nThọ Xuân, ngày 10 tháng 01 năm 2025\n\n"
		"KẾ HOẠCH\nthực hiện công tác dân vận năm 2025\n\n"
		"Căn cứ Chương trình công tác năm 2025, Ban Dân vận xây dựng Kế hoạch như sau:\n\n"
		"I. NHIỆM VỤ\n"
		"1. Tham mưu tổ chức Hội nghị đối thoại với Nhân dân.\n"
		"2. Kiểm tra việc thực hiện Quy chế dân chủ ở cơ sở tại 05 xã.\n";
	struct dvk_error err;
	struct directive *d = import_text(text, strlen(text), NULL, NULL, &err);

	cr_assert_not_null(d, "%s", err.message);
	cr_assert_str_eq(d->title, "Kế hoạch thực hiện công tác dân vận năm 2025");
	cr_assert_str_eq(d->number, "12-KH/BDVHU");
	cr_assert_str_eq(d->date, "2025-01-10");
	cr_assert_str_eq(d->issuer, "Ban Dân vận");
	cr_assert_null(strstr(d->preamble ? d->preamble : "", "*"), "%s", d->preamble);
	cr_assert_null(strstr(d->preamble ? d->preamble : "", "12-KH"), "%s", d->preamble);
	cr_assert_str_eq(item_of(d, "I.2")->text, "Kiểm tra việc thực hiện Quy chế dân chủ ở cơ sở tại 05 xã.");
	directive_free(d);
}

/* A commune's plan names its own parts and civil servants by post as
 * who carries a task out. */
Test(import, a_communes_villages_and_civil_servants_are_responsible)
{
	static const char text[] =
		"II. NỘI DUNG\n"
		"1. Các tổ chức đoàn thể, các thôn tổ chức quán triệt nội dung Kế hoạch đến Nhân dân.\n"
		"2. Công chức Văn hóa - Xã hội tham mưu UBND xã sơ kết 6 tháng, tổng kết năm.\n"
		"3. Tập huấn cho công chức cấp xã về kỹ năng dân vận.\n";
	struct dvk_error err;
	struct directive *d = import_text(text, strlen(text), NULL, NULL, &err);
	const struct item *it;

	cr_assert_not_null(d, "%s", err.message);
	it = item_of(d, "II.1");
	cr_assert_eq(it->nresponsible, 2);
	cr_assert_str_eq(it->responsible[0], "Các tổ chức đoàn thể");
	cr_assert_str_eq(it->responsible[1], "các thôn");
	it = item_of(d, "II.2");
	cr_assert_eq(it->nresponsible, 1);
	cr_assert_str_eq(it->responsible[0], "Công chức Văn hóa - Xã hội");
	/* "công chức cấp xã" there is whom the task is for, not who does it */
	cr_assert_eq(item_of(d, "II.3")->nresponsible, 0);
	directive_free(d);
}

/* A district office's plan: "Số: ..." and the date on one row of two
 * columns, a heading in capitals over nothing but the closing sentence
 * ("Các bộ phận căn cứ Kế hoạch triển khai thực hiện./."): neither is a
 * task; the office's name keeps its capitals. */
Test(import, a_heading_over_only_the_closing_gives_no_task)
{
	struct directive *d = import_fixture("ke-hoach-phong.txt", NULL);

	cr_assert_str_eq(d->issuer, "Phòng Nội vụ");
	cr_assert_str_eq(d->date, "2024-01-12");
	cr_assert_str_eq(item_of(d, "II.1")->deadline, "trong quý I/2024");
	cr_assert_eq(d->nitems, 3);
	for (size_t i = 0; i < d->nitems; i++)
		cr_assert(!strstr(d->items[i].text, "THỰC HIỆN") && !strstr(d->items[i].text, "căn cứ Kế hoạch"), "%s",
			  d->items[i].text);
	directive_free(d);
}

/* A plan that lists its tasks in a table copied out of Word (cells apart
 * by tabs): a numbered row is a task with the agency of its "chủ trì"
 * column and the time of its "thời gian" column, as written; a row
 * numbered I, II is a heading over the rows after it; the header row and
 * the "(Chi tiết ...)" aside are no tasks. */
Test(import, a_table_of_tasks_gives_items_with_their_agency_and_time)
{
	struct directive *d = import_fixture("ke-hoach-bang.txt", NULL);
	const struct item *it;

	cr_assert_eq(d->nsections, 2);
	cr_assert_str_eq(d->sections[0].title, "Nhóm nhiệm vụ về thể chế");
	it = item_of(d, "II.I.1");
	cr_assert_str_eq(it->text, "Rà soát, sửa đổi quy định về thủ tục hành chính có yêu cầu xuất trình giấy tờ.");
	cr_assert_eq(it->nresponsible, 1, "the agency that leads, not those that help");
	cr_assert_str_eq(it->responsible[0], "Văn phòng UBND tỉnh");
	cr_assert_str_eq(it->deadline, "Quý II/2024");
	cr_assert_str_eq(item_of(d, "II.I.2")->deadline, "Tháng 6/2024");
	/* a cell that lists two tasks gives two */
	cr_assert_str_eq(item_of(d, "II.II.1.2")->text, "công khai tiến độ giải quyết hồ sơ.");
	/* an empty time cell states no time */
	it = item_of(d, "II.II.2");
	cr_assert_str_eq(it->responsible[0], "Sở Tài chính");
	cr_assert_null(it->deadline);
	for (size_t i = 0; i < d->nitems; i++)
		cr_assert(!strstr(d->items[i].text, "Chi tiết") && !strstr(d->items[i].text, "Nội dung nhiệm vụ"), "%s",
			  d->items[i].text);
	cr_assert_eq(d->nitems, 5);
	directive_free(d);
}

/* A letterhead set in two columns with tabs (not a table): its rows are
 * read column by column, never taken for a table's rows. */
Test(import, a_letterhead_aligned_by_tabs_is_not_a_table)
{
	static const char text[] =
		"UBND TỈNH QUẢNG BÌNH\t\t\tCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
		"Số: 12/CV-UBND\t\t\tQuảng Bình, ngày 3 tháng 4 năm 2024\n"
		"V/v rà soát hồ sơ\n\n"
		"1. Sở Nội vụ rà soát hồ sơ cán bộ, hoàn thành trước ngày 30/4/2024.\n"
		"2. Sở Tài chính bảo đảm kinh phí.\n";
	struct dvk_error err;
	struct directive *d = import_text(text, strlen(text), NULL, NULL, &err);

	cr_assert_not_null(d, "%s", err.message);
	cr_assert_str_eq(d->issuer, "UBND tỉnh Quảng Bình");
	cr_assert_str_eq(d->number, "12/CV-UBND");
	cr_assert_str_eq(d->date, "2024-04-03");
	cr_assert_str_eq(d->title, "Công văn về việc rà soát hồ sơ");
	cr_assert_eq(d->nitems, 2);
	cr_assert_str_eq(item_of(d, "1.1")->deadline, "trước ngày 30/4/2024");
	directive_free(d);
}

/* A Quyết định that puts a plan in force, the plan after it: the
 * decision's articles are the preamble, the plan's points the tasks; a
 * time its label states ("thời gian: tháng 9/2024", "hoàn thành trước
 * 30/4/2024") is the deadline and no task; the agency that helps is not
 * responsible; a figure after ';' stays with its task. */
Test(import, a_decision_with_its_plan_gives_the_plans_tasks)
{
	struct directive *d = import_fixture("quyet-dinh-kem-ke-hoach.txt", NULL);
	const struct item *it;

	cr_assert_str_eq(d->title, "Quyết định về việc ban hành Kế hoạch chuyển đổi số năm 2024");
	cr_assert(strstr(d->preamble, "Điều 1. Ban hành kèm theo"), "%s", d->preamble);
	cr_assert_eq(d->nitems, 3);
	it = item_of(d, "1.1");
	cr_assert_str_eq(it->deadline, "tháng 9/2024");
	cr_assert_eq(it->nresponsible, 1);
	cr_assert_str_eq(it->responsible[0], "Văn phòng Đăng ký đất đai");
	cr_assert_str_eq(item_of(d, "2.1")->text,
			 "Cập nhật cơ sở dữ liệu môi trường; 100% số liệu quan trắc được cập nhật tự động.");
	cr_assert_null(item_of(d, "2.1")->deadline);
	cr_assert_str_eq(item_of(d, "3.1")->deadline, "trước 30/4/2024");
	directive_free(d);
}
