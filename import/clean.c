/* Copyright 2026 the dvk developers.  SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * clean.c: from the bytes a person pasted to the paragraphs of the text.
 *
 * Text copied out of a PDF has a hard line break at the end of every line,
 * page numbers and running heads between pages, and a page break in the
 * middle of a sentence; a news page brings its comment box, share buttons
 * and photo captions; a scrape loses paragraph breaks ("quốc tế.Tăng
 * cường").  Each pass here undoes one of these, counting what it did in
 * the stats, and none of them rewrites a word of the text itself.
 */
#include "import/internal.h"

#include <stdlib.h>
#include <string.h>
#include <unistr.h>

#include "text/text.h"

/* ---- decoding ---- */

/* UTF-16 with a byte-order mark (Notepad's "Unicode"), or without one when
 * every other byte of the start is zero.  Returns the byte order (1 little
 * endian, 2 big endian) and how many bytes the mark takes, or 0. */
static int utf16_order(const unsigned char *s, size_t len, size_t *skip)
{
	size_t zeros_even = 0, zeros_odd = 0, n = len < 64 ? len : 64;

	*skip = 0;
	if (len >= 2 && s[0] == 0xFF && s[1] == 0xFE) {
		*skip = 2;
		return 1;
	}
	if (len >= 2 && s[0] == 0xFE && s[1] == 0xFF) {
		*skip = 2;
		return 2;
	}
	for (size_t i = 0; i + 1 < n; i += 2) {
		zeros_even += s[i] == 0;
		zeros_odd += s[i + 1] == 0;
	}
	if (n >= 8 && zeros_odd * 4 >= n && zeros_even == 0)
		return 1;
	if (n >= 8 && zeros_even * 4 >= n && zeros_odd == 0)
		return 2;
	return 0;
}

/* s[0..len) as UTF-8 with invalid sequences as U+FFFD and NULs dropped. */
static char *utf8_clean(const unsigned char *s, size_t len)
{
	struct buf b = {0};

	for (size_t i = 0; i < len;) {
		ucs4_t c;
		int k = u8_mbtouc(&c, s + i, len - i);

		if (k < 1)
			k = 1;
		/* u8_mbtouc gives U+FFFD for a bad sequence: write the
		 * character, not the bad bytes. */
		if (c == 0xFFFD)
			buf_adds(&b, "\xEF\xBF\xBD");
		else if (c != 0)
			buf_add(&b, (const char *)s + i, (size_t)k);
		i += (size_t)k;
	}
	if (!b.data)
		buf_adds(&b, "");
	return buf_steal(&b);
}

static char *decode(const char *text, size_t len)
{
	const unsigned char *s = (const unsigned char *)text;
	size_t skip, n, outlen = 0;
	int order = utf16_order(s, len, &skip);
	uint16_t *u;
	uint8_t *o;
	char *out;

	if (!order) {
		skip = len >= 3 && s[0] == 0xEF && s[1] == 0xBB && s[2] == 0xBF ? 3 : 0;
		return utf8_clean(s + skip, len - skip);
	}
	n = (len - skip) / 2;
	u = xcalloc(n + 1, sizeof *u);
	for (size_t i = 0; i < n; i++) {
		const unsigned char *p = s + skip + 2 * i;

		u[i] = order == 1 ? (uint16_t)(p[0] | p[1] << 8) : (uint16_t)(p[0] << 8 | p[1]);
	}
	/* A lone surrogate makes u16_to_u8 fail: mend it first. */
	for (size_t i = 0; i < n; i++) {
		if (u[i] >= 0xD800 && u[i] <= 0xDBFF && i + 1 < n && u[i + 1] >= 0xDC00 &&
		    u[i + 1] <= 0xDFFF)
			i++;
		else if (u[i] >= 0xD800 && u[i] <= 0xDFFF)
			u[i] = 0xFFFD;
	}
	o = u16_to_u8(u, n, NULL, &outlen);
	free(u);
	out = utf8_clean(o ? o : (const uint8_t *)"", o ? outlen : 0);
	free(o);
	return out;
}

/* ---- lines ---- */

/* Characters a line keeps as one space (tab, no-break and other wide
 * spaces) or drops (zero-width characters, soft hyphen, controls). */
static int space_kind(ucs4_t c)
{
	if (c == '\t' || c == 0xA0 || (c >= 0x2000 && c <= 0x200A) || c == 0x202F ||
	    c == 0x205F || c == 0x3000)
		return 1;
	if ((c >= 0x200B && c <= 0x200F) || c == 0xFEFF || c == 0xAD || c == 0x2060 ||
	    (c < 0x20 && c != '\n') || c == 0x7F || (c >= 0x80 && c < 0xA0) ||
	    (c >= 0x202A && c <= 0x202E) || (c >= 0x2066 && c <= 0x2069))
		return 2;
	return 0;
}

/* b's text as a line of d: one space between words, trimmed. */
static void add_line(struct idoc *d, struct buf *b, int no, bool page)
{
	struct buf one = {0};
	char *s;

	for (size_t i = 0; i < b->len; i++) {
		char c = b->data[i];

		/* no blank before or after a table's cell mark */
		if (c == IMP_CELL)
			while (one.len && one.data[one.len - 1] == ' ')
				one.data[--one.len] = '\0';
		if ((c != ' ' || (one.len && one.data[one.len - 1] != ' ')) &&
		    !(c == ' ' && one.len && one.data[one.len - 1] == IMP_CELL))
			buf_addc(&one, c);
	}
	s = imp_trim(one.data ? one.data : "", one.len);
	buf_free(&one);

	GROW(d->lines, d->nlines + 1, d->lines_cap);
	d->lines[d->nlines++] = (struct iline){ .s = s, .no = no, .page = page };
	b->len = 0;
	if (b->data)
		b->data[0] = '\0';
}

/* ---- two columns ----
 *
 * A letterhead and a signature block are set in two columns: the issuer,
 * "Số: ..." and the "V/v" subject at the left, the motto and "..., ngày
 * ..." at the right; "Nơi nhận" at the left, the signer at the right.
 * Text copied out of such a page gives rows that hold both columns,
 * apart by a run of spaces ("V/v triển khai các giải pháp        Thanh
 * Hóa, ngày 14 tháng 3 năm 2023") and a subject that goes on in the next
 * row.  In such a block, at the top or the end of the text, the left
 * column is read first and the right column after it. */

struct rawline {
	char *s;      /* the line, blanks kept; owned */
	int no;
	bool page;
};

/* Where the right column of r starts (bytes), 0 if r is one column: a
 * run of at least 3 spaces after some text, the text after it starting
 * at the 24th character or later. */
static size_t right_column(const char *r)
{
	size_t i = strspn(r, " "), chars = i;

	while (r[i]) {
		size_t gap = strspn(r + i, " ");

		if (gap >= 3 && r[i + gap] && i > strspn(r, " ") && chars + gap >= 24)
			return i + gap;
		if (gap) {
			i += gap;
			chars += gap;
			continue;
		}
		imp_cp(r + i, &gap);
		i += gap;
		chars++;
	}
	return 0;
}

/* A row with only the right column: set far in. */
static bool right_only(const char *r)
{
	size_t lead = strspn(r, " ");

	return lead >= 16 && r[lead];
}

static bool blank_raw(const char *r)
{
	return r[strspn(r, " ")] == '\0';
}

/* Whether the block rows[a..b) is a two-column block of the letterhead
 * or the signature: it has a row of two columns and it is near the top
 * (first is how many text rows came before it), holds "Nơi nhận" or is
 * near the end. */
static bool column_block(const struct rawline *rows, size_t a, size_t b, size_t first,
			 size_t from_end)
{
	bool two = false, place = first < 12 || from_end < 20;

	if (b - a > 16)
		return false;
	for (size_t i = a; i < b; i++) {
		const char *t = rows[i].s + strspn(rows[i].s, " ");
		char *lo = imp_lower(t);

		two |= right_column(rows[i].s) != 0;
		place |= strncmp(lo, "nơi nhận", strlen("nơi nhận")) == 0;
		free(lo);
	}
	return two && place;
}

static void add_raw(struct idoc *d, const char *s, size_t n, int no, bool page)
{
	struct buf b = {0};

	buf_add(&b, s, n);
	add_line(d, &b, no, page);
	buf_free(&b);
}

/* rows as lines of d, each block of two columns left column first. */
static void add_rows(struct idoc *d, const struct rawline *rows, size_t n)
{
	size_t text_rows = 0, total = 0;

	for (size_t i = 0; i < n; i++)
		total += !blank_raw(rows[i].s);
	for (size_t a = 0; a < n;) {
		size_t b = a;

		if (blank_raw(rows[a].s)) {
			add_raw(d, "", 0, rows[a].no, rows[a].page);
			a++;
			continue;
		}
		while (b < n && !blank_raw(rows[b].s))
			b++;
		if (column_block(rows, a, b, text_rows, total - text_rows - (b - a))) {
			for (size_t i = a; i < b; i++) {
				size_t r = right_column(rows[i].s);

				if (!right_only(rows[i].s) || r)
					add_raw(d, rows[i].s, r ? r : strlen(rows[i].s), rows[i].no, rows[i].page);
			}
			for (size_t i = a; i < b; i++) {
				size_t r = right_column(rows[i].s);

				if (r)
					add_raw(d, rows[i].s + r, strlen(rows[i].s + r), rows[i].no, false);
				else if (right_only(rows[i].s))
					add_raw(d, rows[i].s, strlen(rows[i].s), rows[i].no, rows[i].page);
			}
		} else {
			for (size_t i = a; i < b; i++)
				add_raw(d, rows[i].s, strlen(rows[i].s), rows[i].no, rows[i].page);
		}
		text_rows += b - a;
		a = b;
	}
}

/* A row of a table copied out of Word: its cells apart by tabs, at least
 * three of them with text, or four cells ("1 <tab> Rà soát ... <tab> Sở Nội vụ <tab> Quý
 * II/2024").  Its cells are kept apart by IMP_CELL, each trimmed; any
 * other line has its tabs as runs of spaces (columns of a letterhead). */
/* The first cell of s is a row's number: "1", "2.", "I", "II.", "a)". */
static bool row_number(const char *s)
{
	size_t n = strcspn(s, "\t"), k;

	s += strspn(s, " ");
	k = strspn(s, "0123456789");
	if (!k)
		k = strspn(s, "IVX");
	if (!k && *s >= 'a' && *s <= 'z')
		k = 1;
	if (!k || k > 4)
		return false;
	k += strspn(s + k, ".)");
	return s[k] == '\t' || (s[k] == ' ' && k + strspn(s + k, " ") >= n);
}

static void tab_row(char **line)
{
	const char *s = *line;
	size_t full = 0, fields = 1, n = 0;
	struct buf b = {0};

	for (const char *p = s;; p++) {
		if (*p == '\t' || !*p) {
			full += n > 0;
			fields += *p == '\t';
			n = 0;
			if (!*p)
				break;
		} else if (*p != ' ') {
			n++;
		}
	}
	/* "I <tab> Nhóm nhiệm vụ <tab><tab><tab>" is a row (a number first);
	 * "UBND TỈNH <tab><tab><tab> CỘNG HÒA ..." is two columns set by tabs */
	if (fields >= 4 && full >= 2 && row_number(s))
		full = 3;
	for (const char *p = s; *p; p++) {
		if (*p != '\t')
			buf_addc(&b, *p);
		else if (full >= 3)
			buf_addc(&b, IMP_CELL);
		else
			buf_adds(&b, "    ");
	}
	free(*line);
	*line = buf_steal(&b);
}

void imp_read_lines(struct idoc *d, const char *text, size_t len)
{
	char *raw = decode(text, len), *nfc = text_nfc(raw);
	const uint8_t *s = (const uint8_t *)nfc;
	size_t n = strlen(nfc), nrows = 0, rows_cap = 0;
	struct rawline *rows = NULL;
	struct buf line = {0};
	bool page = false;
	int no = 1;

	free(raw);
	for (size_t i = 0;; ) {
		ucs4_t c = 0;
		int k = i < n ? u8_mbtouc(&c, s + i, n - i) : 1;

		if (k < 1)
			k = 1;
		if (i >= n || c == '\r' || c == '\n' || c == 0x2028 || c == 0x2029 || c == '\f' ||
		    c == '\v' || c == 0x85) {
			if (i < n && c == '\r' && i + 1 < n && s[i + 1] == '\n')
				i++;
			GROW(rows, nrows + 1, rows_cap);
			rows[nrows++] = (struct rawline){ .s = buf_steal(&line), .no = no, .page = page };
			if (i >= n)
				break;
			page = c == '\f';
			no++;
		} else if (c == '\t') {
			buf_addc(&line, '\t');
		} else if (c == ' ' || space_kind(c) == 1) {
			buf_addc(&line, ' ');
		} else if (space_kind(c) == 0) {
			buf_add(&line, (const char *)s + i, (size_t)k);
		}
		i += (size_t)k;
	}
	for (size_t i = 0; i < nrows; i++)
		tab_row(&rows[i].s);
	add_rows(d, rows, nrows);
	for (size_t i = 0; i < nrows; i++)
		free(rows[i].s);
	free(rows);
	buf_free(&line);
	free(nfc);
	d->st->lines = d->nlines;
}

/* ---- furniture ---- */

/* A line that is only a page number: "12", "- 12 -", "Trang 3", "3/10",
 * "Trang 3 / 10", "Page 3 of 10". */
static bool page_number(const char *s)
{
	char *lo = imp_lower(s);
	const char *p = lo;
	bool digits = false;

	p += strspn(p, " -–—.");
	if (strncmp(p, "trang", 5) == 0)
		p += 5;
	else if (strncmp(p, "page", 4) == 0)
		p += 4;
	p += strspn(p, " ");
	for (int part = 0; part < 2; part++) {
		size_t n = strspn(p, "0123456789");

		if (n == 0 || n > 4)
			break;
		digits = true;
		p += n;
		p += strspn(p, " ");
		if (part == 0 && (*p == '/' || strncmp(p, "of", 2) == 0 ||
				  strncmp(p, "trên", strlen("trên")) == 0)) {
			p += *p == '/' ? 1 : (*p == 'o' ? 2 : strlen("trên"));
			p += strspn(p, " ");
		} else {
			break;
		}
	}
	p += strspn(p, " -–—.");
	bool yes = digits && *p == '\0';
	free(lo);
	return yes;
}

/* A line of rule characters ("-------", "___", "* * *", "|"). */
static bool rule_line(const char *s)
{
	size_t n = 0;

	for (; *s; s++) {
		if (!strchr("-_=*~.|#+ ", *s) && strncmp(s, "–", strlen("–")) != 0 &&
		    strncmp(s, "—", strlen("—")) != 0 && strncmp(s, "•", strlen("•")) != 0)
			return false;
		if (*s != ' ')
			n++;
	}
	return n >= 1;
}

/* Parts of a news page that are never the document, in lower case: whole
 * lines, and starts of lines. */
static const char *const web_whole[] = {
	"chia sẻ", "share", "tắt [x]", "bình luận", "gửi bình luận", "viết bình luận",
	"ý kiến bạn đọc", "thời tiết", "trả lời", "thích", "đăng nhập", "quay lại",
	"bản in", "tin khác", "in", "email", "facebook", "zalo", "twitter", NULL,
};

static const char *const web_start[] = {
	"vui lòng gõ tiếng việt", "ý kiến của bạn", "đang tải nội dung", "tải bản đầy đủ",
	"bạn đang xem bản rút gọn", "xem thêm", "đọc thêm", "tin liên quan",
	"bài viết liên quan", "tin cùng chuyên mục", "từ khóa:", "từ khoá:", "tags:",
	"ảnh:", "ảnh minh họa", "ảnh minh hoạ", "nguồn:", "tác giả:", "tác giả bài viết",
	"chia sẻ thông tin", "chia sẻ bài viết", "liên kết website", "xem chi tiết",
	"đính kèm:", "in bài viết", "gửi email", "lượt xem", "về đầu trang",
	"trở về đầu trang", NULL,
};

/* Lines after which a news page holds nothing of the document. */
static const char *const web_end[] = {
	"bình luận", "gửi bình luận", "viết bình luận", "ý kiến bạn đọc", "ý kiến của bạn",
	"tin liên quan", "bài viết liên quan", "tin cùng chuyên mục", "tin khác", "từ khóa",
	"từ khoá", "tags:", "chia sẻ", NULL,
};

/* "Trang chủ > Thời sự > Chính trị": where the page sits in its site. */
static bool breadcrumb(const char *s)
{
	size_t seps = 0;

	for (const char *p = s; *p; p++)
		seps += *p == '>' || strncmp(p, "»", strlen("»")) == 0 || strncmp(p, "›", strlen("›")) == 0;
	return seps >= 2 || (seps == 1 && strncasecmp(s, "trang ch", strlen("trang ch")) == 0);
}

/* "Thứ Năm, 07/03/2024 - 08:15", "07/03/2024 08:15 (GMT+7)", "Cập nhật:
 * 14:05 ngày 7/3/2024": the page's date line, nothing else on it. */
static bool dateline(const char *s)
{
	static const char *const words[] = {
		"cập nhật lúc", "cập nhật", "ngày đăng", "đăng ngày", "đăng lúc", "thời gian", "lúc",
		"ngày", "thứ hai", "thứ ba", "thứ tư", "thứ năm", "thứ sáu", "thứ bảy", "chủ nhật",
		"gmt", "am", "pm", "sa", "ch", NULL,
	};
	char *lo = imp_lower(s);
	bool date = false, ok = strlen(s) <= 60;

	for (const char *p = lo; *p && ok;) {
		int w;

		if (strchr("0123456789", *p)) {
			size_t a = strspn(p, "0123456789");

			date |= (p[a] == '/' || p[a] == '-') && strspn(p + a + 1, "0123456789") > 0;
			p += a;
		} else if (strchr("/-:,|()+. ", *p)) {
			p++;
		} else if ((w = imp_starts_with(p, words)) >= 0) {
			p += strlen(words[w]);
		} else {
			ok = false;
		}
	}
	free(lo);
	return ok && date;
}

/* "Chia sẻ Facebook Zalo", "Share  Tweet  Email": a share box. */
static bool share_box(const char *s)
{
	static const char *const words[] = {
		"chia", "sẻ", "facebook", "zalo", "twitter", "tweet", "email", "e-mail", "in", "bản",
		"share", "like", "thích", "copy", "link", "sao", "chép", "liên", "kết", "gửi", "lưu",
		"tin", "bài", "viết", "x", "linkedin", "messenger", "telegram", NULL,
	};
	char *lo = imp_lower(s), *save = NULL;
	bool ok = strlen(s) <= 80, social = strstr(lo, "facebook") || strstr(lo, "zalo") ||
					       strstr(lo, "chia sẻ") || strstr(lo, "share") ||
					       strstr(lo, "twitter");

	for (char *w = strtok_r(lo, " |/·•,", &save); w && ok; w = strtok_r(NULL, " |/·•,", &save)) {
		bool known = strspn(w, "0123456789") == strlen(w);

		for (int i = 0; words[i] && !known; i++)
			known = strcmp(w, words[i]) == 0;
		ok = known;
	}
	free(lo);
	return ok && social;
}

static bool web_line(const char *s, bool *end)
{
	char *lo;
	const char *p;
	bool yes = false;

	*end = false;
	if (strstr(s, "{name}") || strstr(s, "{time}") || strstr(s, "{body}"))
		return true;
	/* A photo caption: "... (Ảnh: Thu Thủy)". */
	if (strstr(s, "(Ảnh:") || strstr(s, "(Ảnh ") || strstr(s, "(ảnh:"))
		return true;
	if (strlen(s) > 160)
		return false;
	if (breadcrumb(s) || dateline(s) || share_box(s))
		return true;
	if (strlen(s) > 80)
		return false;
	lo = imp_lower(s);
	/* "0 bình luận", "12 lượt xem" */
	p = lo + strspn(lo, "0123456789 ");
	for (size_t i = 0; web_whole[i] && !yes; i++)
		if (strcmp(p, web_whole[i]) == 0)
			yes = true;
	for (size_t i = 0; web_start[i] && !yes; i++)
		if (strncmp(p, web_start[i], strlen(web_start[i])) == 0)
			yes = true;
	for (size_t i = 0; yes && web_end[i]; i++)
		if (strncmp(p, web_end[i], strlen(web_end[i])) == 0)
			*end = true;
	free(lo);
	return yes;
}

/* Running heads and feet: short lines that come back on every page. */
struct keyed {
	char *key;
	size_t line;
};

static int keyed_cmp(const void *a, const void *b)
{
	const struct keyed *x = a, *y = b;
	int c = strcmp(x->key, y->key);

	return c ? c : (x->line > y->line) - (x->line < y->line);
}

/* Whether line i sits at a page boundary: next to a page number or a
 * page break, blank lines aside. */
static bool at_page_edge(const struct idoc *d, size_t i)
{
	if (d->lines[i].page || (i + 1 < d->nlines && d->lines[i + 1].page))
		return true;
	for (size_t j = i; j-- > 0;) {
		if (d->lines[j].pageno)
			return true;
		if (*d->lines[j].s)
			break;
	}
	for (size_t j = i + 1; j < d->nlines; j++) {
		if (d->lines[j].pageno)
			return true;
		if (*d->lines[j].s)
			break;
	}
	return false;
}

static void drop_running(struct idoc *d)
{
	struct keyed *k = xcalloc(d->nlines + 1, sizeof *k);
	size_t n = 0;

	for (size_t i = 0; i < d->nlines; i++) {
		const char *s = d->lines[i].s;

		/* A heading or a task may repeat ("- Thời gian: Năm 2023."):
		 * those have a marker or a full stop; running heads do not. */
		if (d->lines[i].gone || !*s || strlen(s) > 120 || imp_ends_sentence(s) ||
		    strchr("-+(", s[0]))
			continue;
		/* Page numbers inside a running head change from page to
		 * page: compare with the digits masked. */
		k[n].key = xstrdup(s);
		for (char *p = k[n].key; *p; p++)
			if (*p >= '0' && *p <= '9')
				*p = '#';
		k[n++].line = i;
	}
	qsort(k, n, sizeof *k, keyed_cmp);
	for (size_t i = 0; i < n;) {
		size_t j = i;

		while (j < n && strcmp(k[j].key, k[i].key) == 0)
			j++;
		bool edges = j - i >= 2;

		/* Twice is enough when both sit at page edges. */
		for (size_t m = i; m < j && edges; m++)
			edges = at_page_edge(d, k[m].line);
		if (j - i >= 3 || edges) {
			/* The first stays when it heads the text: a title that
			 * the page heads repeat. */
			for (size_t m = i; m < j; m++) {
				if (m == i && k[m].line < 15)
					continue;
				d->lines[k[m].line].gone = true;
				d->st->furniture++;
			}
		}
		i = j;
	}
	for (size_t i = 0; i < n; i++)
		free(k[i].key);
	free(k);
}

void imp_drop_furniture(struct idoc *d)
{
	size_t last_long = 0, half = d->nlines / 2;

	for (size_t i = 0; i < d->nlines; i++) {
		struct iline *l = &d->lines[i];
		bool end;

		if (l->gone || !*l->s)
			continue;
		if (page_number(l->s) || rule_line(l->s)) {
			l->pageno = page_number(l->s);
			l->gone = true;
			d->st->furniture++;
			continue;
		}
		if (web_line(l->s, &end)) {
			l->gone = true;
			d->st->furniture++;
			if (end && i >= half && last_long) {
				for (size_t j = i + 1; j < d->nlines; j++)
					if (!d->lines[j].gone && *d->lines[j].s) {
						d->lines[j].gone = true;
						d->st->furniture++;
					}
				break;
			}
			continue;
		}
		if (strlen(l->s) >= 60)
			last_long = i + 1;
	}
	drop_running(d);
	/* After the last paragraph: bylines ("TS", "Minh Hiếu") and widget
	 * words, short and without a full stop. */
	for (size_t i = last_long; last_long && i < d->nlines; i++) {
		struct iline *l = &d->lines[i];

		if (!l->gone && *l->s && text_width(l->s) <= 40 && !imp_ends_sentence(l->s) &&
		    !strchr("-+", l->s[0]) && !(l->s[0] >= '0' && l->s[0] <= '9')) {
			l->gone = true;
			d->st->furniture++;
		}
	}
}

/* ---- paragraphs ---- */

/* Words that start a new paragraph even without a mark. */
static const char *const para_starts[] = {
	"căn cứ", "kính gửi", "nơi nhận", "thực hiện", "trên đây", NULL,
};

/* Abbreviations a full stop follows without ending a sentence. */
static const char *const abbrevs[] = {
	"TP", "Tp", "TX", "TT", "Q", "P", "TS", "ThS", "PGS", "GS", "KS", "BS", "Th", "St",
	"v.v", "vv", "Ths", "NXB", "Nxb", "tr", "ĐT", "Đ/c", "đ/c", "Đc", "Sđd", NULL,
};

static bool abbrev_before(const char *s, size_t dot)
{
	size_t start = dot;

	while (start > 0 && s[start - 1] != ' ' && s[start - 1] != '(')
		start--;
	for (int i = 0; abbrevs[i]; i++)
		if (dot - start == strlen(abbrevs[i]) && strncmp(s + start, abbrevs[i], dot - start) == 0)
			return true;
	/* An initial: "N. V. A." */
	return dot - start == 1 && s[start] >= 'A' && s[start] <= 'Z';
}

static size_t width_of(const char *s)
{
	size_t n = 0, len;

	for (; *s; s += len, n++)
		imp_cp(s, &len);
	return n;
}

static int size_cmp(const void *a, const void *b)
{
	size_t x = *(const size_t *)a, y = *(const size_t *)b;

	return (x > y) - (x < y);
}

/* The length in characters of a full line of this text: PDF text wraps
 * every line near it, so a line that long ending without punctuation is
 * a sentence that goes on. */
static size_t full_width(const struct idoc *d)
{
	size_t *w = xcalloc(d->nlines + 1, sizeof *w), n = 0, full;

	for (size_t i = 0; i < d->nlines; i++)
		if (!d->lines[i].gone && strlen(d->lines[i].s) >= 20)
			w[n++] = width_of(d->lines[i].s);
	if (n == 0) {
		free(w);
		return 80;
	}
	qsort(w, n, sizeof *w, size_cmp);
	full = w[(n * 3) / 4];
	free(w);
	return full;
}

static bool starts_lower(const char *s)
{
	size_t len;
	uint32_t c = imp_cp(s, &len);

	if (c == '(' || c == 0x201C || c == '"')
		c = imp_cp(s + len, NULL);
	return imp_is_lower(c) || c == ',' || c == ')' || c == ';';
}

/* Whether line next continues the paragraph whose last line is prev.
 * blank: blank lines (not dropped furniture) came between them. */
static bool continues(const char *prev, const char *next, bool blank, size_t full)
{
	struct marker m;
	char *lo;
	bool start;

	if (strchr(prev, IMP_CELL) || strchr(next, IMP_CELL))
		return false;
	if (imp_marker(next, &m)) {
		/* "kinh tế\n- xã hội": a dash that wraps a phrase, not a
		 * bullet, when the line before is not finished. */
		if (m.kind == M_DASH && !imp_ends_sentence(prev) && starts_lower(next + m.len))
			return true;
		return false;
	}
	/* "... nghiêm túc\nthực hiện Chỉ thị này./.": a line in lower case
	 * goes on, even with a word that capitalised starts a paragraph. */
	if (starts_lower(next))
		return true;
	lo = imp_lower(next);
	start = imp_starts_with(lo, para_starts) >= 0;
	free(lo);
	if (start)
		return false;
	if (imp_ends_sentence(prev))
		return false;
	/* A heading in capitals over more than one line. */
	if (imp_all_caps(prev) && imp_all_caps(next))
		return !blank;
	if (imp_all_caps(prev) || imp_all_caps(next) || blank)
		return false;
	/* Unfinished and as long as the page allows: wrapped. */
	return width_of(prev) * 4 >= full * 3 && width_of(prev) >= 40;
}

static void add_para(struct idoc *d, struct buf *b, int line)
{
	if (!b->len)
		return;
	GROW(d->paras, d->npara + 1, d->paras_cap);
	d->paras[d->npara++] = (struct ipara){ .text = imp_trim(b->data, b->len), .line = line };
	b->len = 0;
	b->data[0] = '\0';
}

/* Split paragraph text at lost breaks: a sentence end glued to the next
 * sentence's capital ("quốc tế.Tăng cường"), and marks run into the text
 * before them ("như sau: a) ...; b) ..."). */
static void split_lost(struct idoc *d, const char *s, int line)
{
	struct buf b = {0};
	size_t n = strlen(s), from = 0;

	if (strchr(s, IMP_CELL)) {
		buf_adds(&b, s);
		add_para(d, &b, line);
		buf_free(&b);
		return;
	}
	for (size_t i = 0; i < n; i++) {
		size_t plen = 0;
		bool cut = false;

		if (s[i] == '.' || s[i] == '!' || s[i] == '?')
			plen = 1;
		else if (strncmp(s + i, "…", 3) == 0)
			plen = 3;
		if (plen) {
			size_t j = i + plen, cl;
			uint32_t before = imp_cp_before(s, i), after;

			/* Closing quotes stay with the sentence they close. */
			while (strncmp(s + j, "”", 3) == 0 || s[j] == '"' || s[j] == ')')
				j += s[j] == '"' || s[j] == ')' ? 1 : 3;
			after = imp_cp(s + j, &cl);
			if (after == 0x201C)
				after = imp_cp(s + j + cl, NULL);
			if (imp_is_upper(after) && (imp_is_lower(before) || before == 0x201D ||
						    before == ')' || plen == 3) &&
			    !abbrev_before(s, i)) {
				cut = true;
				i = j;
			}
		} else if ((s[i] == ';' || s[i] == ':') && s[i + 1] == ' ') {
			struct marker m;
			size_t j = i + 1 + strspn(s + i + 1, " ");

			/* Only marks of a list: a), b), (1), or a numbered
			 * item after a colon. */
			if (imp_marker(s + j, &m) &&
			    (m.kind == M_LETTER || m.kind == M_PNUM || m.kind == M_NUMPAREN ||
			     (m.kind == M_DASH && imp_is_upper(imp_cp(s + j + m.len, NULL))) ||
			     (m.kind == M_NUM && s[i] == ':')) &&
			    m.len < n - j) {
				buf_add(&b, s + from, i + 1 - from);
				add_para(d, &b, line);
				from = i = j;
				d->st->restored++;
				i--;
				continue;
			}
		}
		if (cut) {
			buf_add(&b, s + from, i - from);
			add_para(d, &b, line);
			from = i;
			d->st->restored++;
			i--;
		}
	}
	buf_add(&b, s + from, n - from);
	add_para(d, &b, line);
	buf_free(&b);
}

void imp_make_paragraphs(struct idoc *d)
{
	struct buf b = {0};
	const char *prev = NULL;
	size_t full = full_width(d);
	bool blank = false;
	int line = 0;

	for (size_t i = 0; i < d->nlines; i++) {
		struct iline *l = &d->lines[i];

		if (l->gone)
			continue;
		if (!*l->s) {
			blank = true;
			continue;
		}
		if (prev && continues(prev, l->s, blank, full)) {
			buf_addc(&b, ' ');
			buf_adds(&b, l->s);
			d->st->joined++;
		} else {
			if (b.len)
				split_lost(d, b.data, line);
			b.len = 0;
			buf_adds(&b, l->s);
			line = l->no;
		}
		prev = l->s;
		blank = false;
	}
	if (b.len)
		split_lost(d, b.data, line);
	buf_free(&b);
}
