/* Copyright 2026 the dvk developers.  SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * meta.c: what a document says about itself.
 *
 * An official text opens with its letterhead (the issuing body in
 * capitals, the national motto, "Số: 46/KH-UBND", "Tuyên Quang, ngày 14
 * tháng 3 năm 2023", the kind "KẾ HOẠCH" and its subject) and ends with
 * "Nơi nhận:" and the signature block; pasted from a PDF, the two columns
 * of both run together line by line.  A news report instead has a lead
 * ("UBND tỉnh Thanh Hóa vừa có văn bản chỉ đạo gửi ...") and a headline.
 * Only these places are read for the number, the date and the signer:
 * the body cites other documents ("Nghị quyết số 76/NQ-CP ngày
 * 15-7-2021") whose numbers and dates are not this one's.
 */
#include "import/internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "text/text.h"

/* ---- words of a line ---- */

struct words {
	char **w;      /* the words as written */
	char **f;      /* folded: no marks, lower case, đ → d, no punctuation */
	size_t n, cap;
};

static void words_split(struct words *ws, const char *s)
{
	memset(ws, 0, sizeof *ws);
	while (*s) {
		size_t n;
		char *w, *f, *p, *q;

		s += strspn(s, " ");
		if (!*s)
			break;
		n = strcspn(s, " ");
		w = xstrndup(s, n);
		f = text_fold(w);
		/* Keep letters, digits and the characters of a symbol. */
		for (p = q = f; *p; p++)
			if ((*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9') || *p == '/')
				*q++ = *p;
		*q = '\0';
		GROW(ws->w, ws->n + 1, ws->cap);
		ws->f = xrealloc(ws->f, ws->cap * sizeof *ws->f);
		ws->w[ws->n] = w;
		ws->f[ws->n++] = f;
		s += n;
	}
}

static void words_free(struct words *ws)
{
	for (size_t i = 0; i < ws->n; i++) {
		free(ws->w[i]);
		free(ws->f[i]);
	}
	free(ws->w);
	free(ws->f);
}

/* Remove words [i, i + k). */
static void words_cut(struct words *ws, size_t i, size_t k)
{
	for (size_t j = i; j < i + k; j++) {
		free(ws->w[j]);
		free(ws->f[j]);
	}
	memmove(ws->w + i, ws->w + i + k, (ws->n - i - k) * sizeof *ws->w);
	memmove(ws->f + i, ws->f + i + k, (ws->n - i - k) * sizeof *ws->f);
	ws->n -= k;
}

/* Where the folded phrase (space-separated) starts in ws, words that are
 * only punctuation skipped; *k gets how many words it spans. */
static long words_find(const struct words *ws, const char *phrase, size_t *k)
{
	struct words p;
	long at = -1;

	words_split(&p, phrase);
	for (size_t i = 0; i < ws->n && at < 0; i++) {
		size_t j = i, m = 0;

		while (j < ws->n && m < p.n) {
			if (!*ws->f[j] && j > i) {
				j++;
				continue;
			}
			if (strcmp(ws->f[j], p.f[m]) != 0)
				break;
			j++;
			m++;
		}
		if (m == p.n) {
			at = (long)i;
			*k = j - i;
		}
	}
	words_free(&p);
	return at;
}

static char *words_join(const struct words *ws, size_t from, size_t to)
{
	struct buf b = {0};

	for (size_t i = from; i < to && i < ws->n; i++) {
		if (b.len)
			buf_addc(&b, ' ');
		buf_adds(&b, ws->w[i]);
	}
	if (!b.data)
		buf_adds(&b, "");
	return buf_steal(&b);
}

/* ---- letterhead parts ---- */

static const char *const kinds[] = {
	"kế hoạch hành động", "chương trình hành động", "kế hoạch", "chỉ thị", "quyết định",
	"công văn", "thông báo", "hướng dẫn", "chương trình", "nghị quyết", "đề án",
	"quy chế", "quy định", "công điện", "phương án", "báo cáo", "tờ trình", NULL,
};

static const char *const surnames[] = {
	"nguyễn", "trần", "lê", "phạm", "hoàng", "huỳnh", "phan", "vũ", "võ", "đặng", "bùi",
	"đỗ", "hồ", "ngô", "dương", "lý", "đinh", "đoàn", "trịnh", "lương", "mai", "cao",
	"hà", "lâm", "tạ", "tô", "triệu", "chu", "quách", "thái", "lưu", "vương", "hứa",
	"la", "châu", "kiều", "từ", "lại", "đào", "trương", "nông", "lò", "lục", "mạc", "âu",
	"cù", "đồng", "giang", "khổng", "kim", "lã", "mã", "ninh", "phùng", "quan", "tăng",
	"thân", "thạch", "tôn", "tống", "văn", "vi", "hầu", "khúc", "bạch", "diệp", "đàm",
	"đậu", "tiêu", "doãn", "nghiêm", "bế", "chế", "lữ", "lường", "sầm", "ma", "hoàng",
	NULL,
};

/* A person's name: two to five words, each capitalised (or all in
 * capitals), the first a Vietnamese family name. */
/* Two to five words, each capitalised (or all in capitals): the shape
 * of a name. */
static bool name_shape(const struct words *ws, size_t from, size_t to)
{
	if (to - from < 2 || to - from > 5)
		return false;
	for (size_t i = from; i < to; i++) {
		size_t len;
		uint32_t c = imp_cp(ws->w[i], &len);

		if (!imp_is_upper(c) || strpbrk(ws->w[i], "0123456789:;,./()-"))
			return false;
	}
	return true;
}

static bool person_name(const struct words *ws, size_t from, size_t to)
{
	char *lo;
	bool ok;

	if (!name_shape(ws, from, to))
		return false;
	lo = imp_lower(ws->w[from]);
	ok = false;
	for (int i = 0; surnames[i]; i++)
		if (strcmp(lo, surnames[i]) == 0)
			ok = true;
	free(lo);
	return ok;
}

/* "NGUYỄN VĂN SƠN" → "Nguyễn Văn Sơn". */
static char *name_case(const struct words *ws, size_t from, size_t to)
{
	struct buf b = {0};

	for (size_t i = from; i < to; i++) {
		char *lo = imp_lower(ws->w[i]), *cap = imp_cap_first(lo);

		if (b.len)
			buf_addc(&b, ' ');
		buf_adds(&b, imp_all_caps(ws->w[i]) ? cap : ws->w[i]);
		free(lo);
		free(cap);
	}
	return buf_steal(&b);
}

/* Place words that are written in lower case before a proper name. */
static const char *const place_words[] = {
	"tỉnh", "huyện", "thành phố", "thị xã", "xã", "phường", "thị trấn", "quận", NULL,
};

/* An issuing body written in capitals, as a sentence would write it:
 * "ỦY BAN NHÂN DÂN TỈNH TUYÊN QUANG" → "Ủy ban nhân dân tỉnh Tuyên
 * Quang", "SỞ NỘI VỤ" → "Sở Nội vụ".  Text not in capitals is kept. */
static char *issuer_case(const char *s)
{
	struct words ws;
	struct buf b = {0};
	bool proper = false; /* inside a place name: every word capitalised */
	bool name_start = true;

	if (!imp_all_caps(s))
		return xstrdup(s);
	words_split(&ws, s);
	for (size_t i = 0; i < ws.n; i++) {
		char *lo = imp_lower(ws.w[i]), *out;
		bool place = false;

		/* Compared with the marks: "BAN" is not "bản". */
		for (int p = 0; place_words[p] && !place; p++) {
			const char *pw = place_words[p];
			size_t k = 0, used = 0;

			while (i + k < ws.n) {
				char *wl = imp_lower(ws.w[i + k]);
				size_t wn = strlen(wl);
				bool same = strncmp(pw + used, wl, wn) == 0 &&
					    (pw[used + wn] == '\0' || pw[used + wn] == ' ');

				free(wl);
				if (!same)
					break;
				used += wn;
				k++;
				if (pw[used] == '\0')
					break;
				used++;
			}
			if (k && pw[used] == '\0') {
				for (size_t j = 0; j < k; j++) {
					char *l2 = imp_lower(ws.w[i + j]);

					if (b.len)
						buf_addc(&b, ' ');
					buf_adds(&b, l2);
					free(l2);
				}
				i += k - 1;
				place = true;
			}
		}
		if (place) {
			proper = true;
			free(lo);
			continue;
		}
		if (strcmp(ws.w[i], "UBND") == 0 || strcmp(ws.w[i], "HĐND") == 0 ||
		    strcmp(ws.w[i], "MTTQ") == 0)
			out = xstrdup(ws.w[i]);
		else if (proper || name_start)
			out = imp_cap_first(lo);
		else
			out = xstrdup(lo);
		/* "Sở Nội vụ", "Phòng Giáo dục và Đào tạo": the head word, the
		 * first of the name and the first after its "và". */
		name_start = (i == 0 && (strcmp(ws.f[0], "so") == 0 || strcmp(ws.f[0], "ban") == 0 ||
					 strcmp(ws.f[0], "bo") == 0 || strcmp(ws.f[0], "cuc") == 0 ||
					 strcmp(ws.f[0], "phong") == 0)) ||
			     (i > 1 && strcmp(ws.f[i], "va") == 0 && !proper &&
			      (strcmp(ws.f[0], "so") == 0 || strcmp(ws.f[0], "phong") == 0 ||
			       strcmp(ws.f[0], "bo") == 0));
		if (b.len)
			buf_addc(&b, ' ');
		buf_adds(&b, out);
		free(out);
		free(lo);
	}
	words_free(&ws);
	if (!b.data)
		buf_adds(&b, "");
	return buf_steal(&b);
}

/* "ngày 14 tháng 3 năm 2023", "ngày 14/3/2023", "ngày 14-3-2023" at word
 * i of ws: the date (NULL when a part is left blank, as in a draft) and
 * how many words it spans, or 0. */
static size_t read_date(const struct words *ws, size_t i, char **date)
{
	int d, m, y;
	char c1, c2;

	*date = NULL;
	if (i >= ws->n || strcmp(ws->f[i], "ngay") != 0)
		return 0;
	if (i + 5 < ws->n && strcmp(ws->f[i + 2], "thang") == 0 &&
	    strcmp(ws->f[i + 4], "nam") == 0) {
		if (sscanf(ws->w[i + 1], "%d", &d) == 1 && sscanf(ws->w[i + 3], "%d", &m) == 1 &&
		    sscanf(ws->w[i + 5], "%d", &y) == 1 && strspn(ws->w[i + 5], "0123456789") == 4)
			*date = imp_iso_date(d, m, y);
		return 6;
	}
	/* Blanks in a draft: "ngày   tháng 3 năm 2023" loses words. */
	if (i + 3 < ws->n && (strcmp(ws->f[i + 1], "thang") == 0 || strcmp(ws->f[i + 2], "thang") == 0))
		return strcmp(ws->f[i + 1], "thang") == 0 ? 2 : 3;
	if (i + 1 < ws->n && sscanf(ws->w[i + 1], "%d%c%d%c%d", &d, &c1, &m, &c2, &y) == 5 &&
	    c1 == c2 && (c1 == '/' || c1 == '-' || c1 == '.') && y >= 1900) {
		*date = imp_iso_date(d, m, y);
		return 2;
	}
	return 0;
}

/* A document number and symbol: "46/KH-UBND", "1613/UBND-KGVX",
 * "46/2021/QĐ-UBND", "05-CT/TU".  Trailing punctuation dropped. */
static char *read_symbol(const char *w)
{
	size_t n = strlen(w);

	if (!(w[0] >= '0' && w[0] <= '9') || !strpbrk(w, "/-"))
		return NULL;
	while (n > 0 && strchr(",;.:)", w[n - 1]))
		n--;
	return xstrndup(w, n);
}

/* ---- the letterhead ---- */

static bool body_starts(const char *s)
{
	static const char *const starts[] = {
		"căn cứ", "kính gửi", "thực hiện", "để", "trong", "thời gian", "theo", NULL,
	};
	struct marker m;
	char *lo = imp_lower(s);
	bool yes = imp_starts_with(lo, starts) >= 0;

	free(lo);
	if (yes)
		return true;
	if (imp_marker(s, &m) && m.kind != M_DASH && m.kind != M_PLUS)
		return true;
	return strlen(s) > 160;
}

/* The kind of document a line names ("KẾ HOẠCH"), and what follows it on
 * the line in *rest. */
static const char *kind_line(const char *s, const char **rest)
{
	char *lo = imp_lower(s);
	const char *kind = NULL;

	for (int i = 0; kinds[i]; i++) {
		size_t k = strlen(kinds[i]);

		if (strncmp(lo, kinds[i], k) == 0 && (s[k] == '\0' || s[k] == ' ')) {
			/* The kind line is in capitals; "Kế hoạch này ..." in
			 * a sentence is not one. */
			char *head = xstrndup(s, k);
			bool caps = imp_all_caps(head);

			free(head);
			if (!caps)
				break;
			kind = kinds[i];
			*rest = s + k + strspn(s + k, " ");
			break;
		}
	}
	free(lo);
	return kind;
}

/* Take the motto, the number and the date out of one letterhead line. */
static void strip_line(struct idoc *d, struct iline *l, bool *found)
{
	static const char *const motto[] = {
		"cong hoa xa hoi chu nghia viet nam", "doc lap tu do hanh phuc",
		/* the Party's documents carry its name where the State's carry
		 * the national motto */
		"dang cong san viet nam", NULL,
	};
	struct words ws;
	size_t k;
	long at;
	char *date;

	words_split(&ws, l->s);
	for (int i = 0; motto[i]; i++)
		if ((at = words_find(&ws, motto[i], &k)) >= 0) {
			words_cut(&ws, (size_t)at, k);
			*found = true;
		}
	for (size_t i = 0; i < ws.n;) {
		char *sym = strcmp(ws.f[i], "so") == 0 && i + 1 < ws.n ? read_symbol(ws.w[i + 1]) : NULL;

		/* "Số: 46/KH-UBND", and the Party's "Số 12-KH/BDVHU" */
		if (strcmp(ws.f[i], "so") == 0 && (strchr(ws.w[i], ':') || sym)) {
			size_t take = 1;

			/* "Số: /KH-UBND" in a draft gives no number. */
			if (i + 1 < ws.n && (sym || ws.w[i + 1][0] == '/'))
				take = 2;
			if (sym && !d->number)
				d->number = sym;
			else
				free(sym);
			words_cut(&ws, i, take);
			*found = true;
			continue;
		}
		free(sym);
		if ((k = read_date(&ws, i, &date))) {
			size_t from = i;

			/* The place before it: "Tuyên Quang, ngày ..." */
			while (from > 0 && imp_is_upper(imp_cp(ws.w[from - 1], NULL)) &&
			       !imp_all_caps(ws.w[from - 1]) && i - from < 5)
				from--;
			if (!d->date)
				d->date = date;
			else
				free(date);
			words_cut(&ws, from, i + k - from);
			*found = true;
			i = from;
			continue;
		}
		i++;
	}
	free(l->s);
	l->s = words_join(&ws, 0, ws.n);
	words_free(&ws);
}

/* The issuer from the capitals above the kind line: "ỦY BAN NHÂN DÂN" +
 * "TỈNH TUYÊN QUANG" make one name; "UBND TỈNH X" over "SỞ NỘI VỤ" is
 * the department. */
static void read_issuer(struct idoc *d, size_t from, size_t to)
{
	struct strv caps = {0};

	for (size_t i = from; i < to; i++) {
		struct iline *l = &d->lines[i];

		if (l->gone || !*l->s || !imp_all_caps(l->s) || strlen(l->s) > 100)
			continue;
		strv_add(&caps, l->s);
		l->gone = true;
	}
	if (caps.n && !d->issuer) {
		struct buf b = {0};
		size_t start = 0;

		for (size_t i = 1; i < caps.n; i++) {
			char *lo = imp_lower(caps.v[i]);
			bool place = imp_starts_with(lo, place_words) >= 0;

			free(lo);
			if (!place)
				start = i;
		}
		for (size_t i = start; i < caps.n; i++) {
			if (b.len)
				buf_addc(&b, ' ');
			buf_adds(&b, caps.v[i]);
		}
		d->issuer = issuer_case(b.data);
		buf_free(&b);
	}
	strv_free(&caps);
}

/* The agencies of a list as recipients: each an entry of the list "Kính
 * gửi" or "Nơi nhận" makes, starting with a capital as those do. */
static void add_recipients(struct idoc *d, const char *list)
{
	struct strv v = {0};

	imp_split_agencies(list, &v);
	for (size_t i = 0; i < v.n; i++) {
		char *cap = imp_cap_first(v.v[i]);

		strv_add_unique(&d->recipients, cap);
		free(cap);
	}
	strv_free(&v);
}

/* "Kính gửi: A; B" or "Kính gửi:" and a list of "- A;" lines. */
static size_t read_recipients(struct idoc *d, size_t i)
{
	const char *s = d->lines[i].s + strlen("Kính gửi");
	size_t j = i + 1;

	s += strspn(s, " :");
	d->lines[i].gone = true;
	if (*s)
		add_recipients(d, s);
	for (; j < d->nlines; j++) {
		struct iline *l = &d->lines[j];
		struct marker m;

		if (!*l->s || l->gone)
			continue;
		if (!imp_marker(l->s, &m) || (m.kind != M_DASH && m.kind != M_PLUS))
			break;
		{
			char *t = imp_trim(l->s + m.len, strlen(l->s + m.len));
			size_t n = strlen(t);

			while (n > 0 && strchr(";,.", t[n - 1]))
				t[--n] = '\0';
			if (*t) {
				char *cap = imp_cap_first(t);

				strv_add_unique(&d->recipients, cap);
				free(cap);
			}
			free(t);
		}
		l->gone = true;
	}
	return j;
}

static void read_tail(struct idoc *d, size_t body);

/* Whether the text opens with a letterhead: the motto, "Số: ...", a kind
 * line in capitals or "V/v" within its first lines.  Without one, nothing
 * at the top is read as a number or a date. */
static bool has_letterhead(const struct idoc *d)
{
	size_t seen = 0;

	for (size_t i = 0; i < d->nlines && seen < 15; i++) {
		const char *s = d->lines[i].s, *rest;
		char *f, *lo;
		bool yes;

		if (!*s)
			continue;
		seen++;
		f = text_fold(s);
		lo = imp_lower(s);
		yes = strstr(f, "chu nghia viet nam") || (strstr(f, "doc lap") && strstr(f, "hanh phuc")) ||
		      strcmp(f, "dang cong san viet nam") == 0 ||
		      (strncmp(lo, "số", strlen("số")) == 0 && strchr(s, ':') && strchr(s, '/')) ||
		      kind_line(s, &rest) || strncmp(lo, "v/v", 3) == 0;
		free(f);
		free(lo);
		if (yes)
			return true;
	}
	return false;
}

/* The subject under the kind line, up to where the body starts: lines
 * in capitals, or one sentence-case line and the lines that go on with
 * it in lower case.  Returns the first line after it. */
static size_t read_subject(struct idoc *d, size_t i, size_t limit, struct buf *subj)
{
	for (; i < limit; i++) {
		struct iline *n = &d->lines[i];
		char *lo;
		bool auth, caps = imp_all_caps(n->s);

		if (!*n->s)
			continue;
		lo = imp_lower(n->s);
		auth = imp_word_at(lo, 0, "chủ tịch") || imp_word_at(lo, 0, "ủy ban nhân dân") ||
		       imp_word_at(lo, 0, "uỷ ban nhân dân") || imp_word_at(lo, 0, "giám đốc") ||
		       imp_word_at(lo, 0, "căn cứ") || imp_word_at(lo, 0, "kính gửi");
		free(lo);
		if (auth)
			break;
		if (caps) {
			if (subj->len && !imp_all_caps(subj->data))
				break;
		} else if (subj->len) {
			if (imp_all_caps(subj->data) || !imp_is_lower(imp_cp(n->s, NULL)))
				break;
		} else if (body_starts(n->s) && !imp_word_at(n->s, 0, "Thực hiện") &&
			   !imp_word_at(n->s, 0, "Triển khai") &&
			   /* the Party's subject starts in lower case:
			    * "KẾ HOẠCH" over "thực hiện công tác ..." */
			   !imp_is_lower(imp_cp(n->s, NULL))) {
			break;
		}
		if (imp_ends_sentence(n->s) && n->s[strlen(n->s) - 1] != ')')
			break;
		if (subj->len)
			buf_addc(subj, ' ');
		buf_adds(subj, n->s);
		n->gone = true;
	}
	return i;
}

static void read_vv(struct idoc *d, struct iline *l, const char *lo)
{
	const char *subj = l->s + (strncmp(lo, "v/v", 3) == 0 ? 3 : strlen("về việc"));
	struct buf all = {0};
	char *t, *lf;

	subj += strspn(subj, " :");
	buf_adds(&all, subj);
	/* "V/v triển khai các giải pháp" / "bảo đảm an toàn trường học": the
	 * subject goes on in the rows below it that start in lower case. */
	for (struct iline *n = l + 1; n < d->lines + d->nlines && *n->s && !n->gone; n++) {
		if (!imp_is_lower(imp_cp(n->s, NULL)) || imp_ends_sentence(all.data))
			break;
		buf_addc(&all, ' ');
		buf_adds(&all, n->s);
		n->gone = true;
	}
	t = imp_trim(all.data, all.len);
	buf_free(&all);
	lf = imp_lower_first(t);
	if (!d->kind)
		d->kind = xstrdup("Công văn");
	free(d->title);
	d->title = *lf ? xasprintf("Công văn về việc %s", lf) : NULL;
	free(t);
	free(lf);
	l->gone = true;
}

/* A line of nothing but marks and blanks. */
static bool ornament(const char *s)
{
	for (; *s; s++)
		if (!strchr("*-_=~. \t", *s))
			return false;
	return true;
}

void imp_read_letterhead(struct idoc *d)
{
	size_t limit = d->nlines < 40 ? d->nlines : 40, kind_at = d->nlines, body = 0;
	bool found = false;

	if (!has_letterhead(d)) {
		read_tail(d, 0);
		return;
	}
	for (size_t i = 0; i < limit; i++) {
		struct iline *l = &d->lines[i];
		const char *rest, *kind;
		char *lo;

		body = i + 1;
		if (!*l->s)
			continue;
		lo = imp_lower(l->s);
		if (imp_word_at(lo, 0, "kính gửi")) {
			free(lo);
			body = read_recipients(d, i);
			break;
		}
		if (strncmp(lo, "v/v", 3) == 0) {
			read_vv(d, l, lo);
			free(lo);
			continue;
		}
		free(lo);
		/* "*" or "-----" under the issuer's name: an ornament */
		if (!strpbrk(l->s, "0123456789") && ornament(l->s)) {
			l->gone = true;
			continue;
		}
		if (body_starts(l->s) && !imp_all_caps(l->s)) {
			body = i;
			break;
		}
		strip_line(d, l, &found);
		if (!*l->s) {
			l->gone = true;
			continue;
		}
		if ((kind = kind_line(l->s, &rest))) {
			struct buf subj = {0};

			kind_at = i;
			/* the document's own kind beats one a "V/v" line implied */
			free(d->kind);
			d->kind = imp_cap_first(kind);
			buf_adds(&subj, rest);
			l->gone = true;
			i = read_subject(d, i + 1, limit, &subj);
			if (subj.len) {
				char *sc = imp_all_caps(subj.data) ? imp_sentence_case(subj.data)
								   : xstrdup(subj.data);
				char *lf = imp_lower_first(sc);

				free(d->title);
				d->title = xasprintf("%s %s", d->kind, lf);
				free(sc);
				free(lf);
			}
			buf_free(&subj);
			/* "CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH" above a decision's
			 * legal bases: the authority, not the body. */
			while (i < limit && (!*d->lines[i].s ||
					     (imp_all_caps(d->lines[i].s) && !body_starts(d->lines[i].s)))) {
				d->lines[i].gone = true;
				i++;
			}
			body = i;
			break;
		}
	}
	read_issuer(d, 0, kind_at < d->nlines ? kind_at : body);
	for (size_t i = 0; i < body && i < d->nlines; i++)
		if (!*d->lines[i].s)
			d->lines[i].gone = true;
	read_tail(d, body);
}

/* ---- the signature block ---- */

static bool position_line(const char *s)
{
	static const char *const heads[] = { "tm.", "kt.", "tl.", "tuq.", "q.", "t/m", NULL };
	static const char *const posts[] = {
		"chủ tịch", "phó chủ tịch", "giám đốc", "phó giám đốc", "trưởng ban", "phó trưởng ban",
		"bí thư", "phó bí thư", "chánh văn phòng", "thủ trưởng", "trưởng phòng", NULL,
	};
	char *lo = imp_lower(s);
	bool yes = false;

	for (int i = 0; heads[i] && !yes; i++)
		if (strncmp(lo, heads[i], strlen(heads[i])) == 0 && imp_all_caps(s))
			yes = true;
	if (!yes && imp_all_caps(s) && strlen(s) <= 60)
		for (int i = 0; posts[i] && !yes; i++)
			if (strstr(lo, posts[i]))
				yes = true;
	free(lo);
	return yes;
}

static void read_tail(struct idoc *d, size_t body)
{
	size_t from = d->nlines, start = body + (d->nlines - body) / 3;
	struct strv sent = {0};

	for (size_t i = start; i < d->nlines; i++) {
		struct iline *l = &d->lines[i];
		char *lo;

		if (l->gone || !*l->s)
			continue;
		lo = imp_lower(l->s);
		if (strncmp(lo, "nơi nhận", strlen("nơi nhận")) == 0 || position_line(l->s)) {
			free(lo);
			from = i;
			break;
		}
		free(lo);
	}
	for (size_t i = from, position = 0; i < d->nlines; i++) {
		struct iline *l = &d->lines[i];
		struct words ws;

		if (l->gone || !*l->s)
			continue;
		words_split(&ws, l->s);
		/* The row under the signer's position ("KT. CHỦ TỊCH", "PHÓ
		 * CHỦ TỊCH") is the name, whatever the family name: "Đầu
		 * Thanh Tùng".  Else the name closes the block; in a PDF it may
		 * share a line with the last "Nơi nhận" entry. */
		if (position && !position_line(l->s) && name_shape(&ws, 0, ws.n)) {
			free(d->signer);
			d->signer = name_case(&ws, 0, ws.n);
		} else {
			for (size_t k = ws.n >= 5 ? ws.n - 5 : 0; k + 1 < ws.n; k++)
				if (person_name(&ws, k, ws.n)) {
					free(d->signer);
					d->signer = name_case(&ws, k, ws.n);
					break;
				}
		}
		position = position_line(l->s) ? i + 1 : 0;
		words_free(&ws);
		if (l->s[0] == '-' || l->s[0] == '+') {
			char *t = imp_trim(l->s + 1, strlen(l->s + 1)), *lo = imp_lower(t);
			size_t n = strlen(t);

			while (n > 0 && strchr(";,.", t[n - 1]))
				t[--n] = '\0';
			/* Copies sent to report upwards (b/c), the file copy and
			 * "as above" are not who carries the text out. */
			if (*t && !strstr(lo, "b/c") && strncmp(lo, "như ", strlen("như ")) != 0 &&
			    !strstr(lo, "lưu") &&
			    !strstr(lo, "pct") && !strstr(lo, "lđvp") && !strstr(lo, "báo cáo")) {
				char *p = strstr(t, " (");

				if (p)
					*p = '\0';
				strv_add_unique(&sent, t);
			}
			free(t);
			free(lo);
		}
		l->gone = true;
	}
	if (!d->recipients.n)
		for (size_t i = 0; i < sent.n; i++) {
			char *cap = imp_cap_first(sent.v[i]);

			strv_add_unique(&d->recipients, cap);
			free(cap);
		}
	strv_free(&sent);
}

/* ---- the news lead ---- */

/* "(Baothanhhoa.vn) - ", "TTO - ", "(ĐCSVN) – ": the outlet's tag at the
 * start of a news lead.  Returns its length, the outlet in *outlet. */
static size_t outlet_prefix(const char *s, char **outlet)
{
	size_t n = 0, in, dash;
	bool paren = s[0] == '(';
	const char *p;

	*outlet = NULL;
	if (paren) {
		p = strchr(s, ')');
		if (!p || p - s > 40)
			return 0;
		in = (size_t)(p - s) - 1;
		n = (size_t)(p - s) + 1;
	} else {
		in = strcspn(s, " ");
		if (in > 30)
			return 0;
		n = in;
	}
	p = s + n;
	p += strspn(p, " ");
	if (strncmp(p, "- ", 2) == 0)
		dash = 2;
	else if (strncmp(p, "– ", strlen("– ")) == 0 || strncmp(p, "— ", strlen("— ")) == 0)
		dash = strlen("– ");
	else
		return 0;
	{
		char *name = xstrndup(s + (paren ? 1 : 0), in);
		bool site = strstr(name, ".vn") || strstr(name, ".VN") || strstr(name, ".com") ||
			    strstr(name, ".Vn");

		if (!site && !(imp_all_caps(name) && !strchr(name, ' ')) && !(paren && strlen(name) <= 12)) {
			free(name);
			return 0;
		}
		*outlet = name;
	}
	return (size_t)(p - s) + dash;
}

static void drop_para(struct idoc *d, size_t i)
{
	free(d->paras[i].text);
	memmove(d->paras + i, d->paras + i + 1, (d->npara - i - 1) * sizeof *d->paras);
	d->npara--;
}

static bool is_headline(const char *s)
{
	struct marker m;

	return !imp_ends_sentence(s) && strlen(s) <= 300 && imp_words(s) >= 3 &&
	       !imp_marker(s, &m);
}

/* The lead of a news report: the issuer before "vừa", the recipients
 * after "gửi", and the number and date of the document it reports. */
static void read_news_lead(struct idoc *d, const char *lead)
{
	char *lo = imp_lower(lead);
	const char *v = strstr(lo, " vừa ");
	size_t at;

	if (!v) {
		free(lo);
		return;
	}
	at = (size_t)(v - lo);
	if (!d->issuer) {
		size_t start = at;

		while (start > 0 && !(lead[start - 1] == ' ' && start >= 2 && lead[start - 2] == ','))
			start--;
		char *cand = imp_trim(lead + start, at - start);

		if (imp_is_agency(cand))
			d->issuer = cand;
		else
			free(cand);
	}
	{
		struct words ws;

		words_split(&ws, lead + at);
		for (size_t i = 0; i + 2 < ws.n; i++) {
			char *sym;

			if (strcmp(ws.f[i], "so") != 0 || !(sym = read_symbol(ws.w[i + 1])))
				continue;
			if (!d->number)
				d->number = sym;
			else
				free(sym);
			char *date;

			if (read_date(&ws, i + 2, &date) && !d->date)
				d->date = date;
			else
				free(date);
			break;
		}
		for (size_t i = 0; i + 1 < ws.n && !d->signer; i++)
			if (strcmp(ws.f[i], "ky") == 0)
				for (size_t k = i >= 4 ? i - 4 : 0; k + 1 < i; k++)
					if (person_name(&ws, k, i)) {
						d->signer = name_case(&ws, k, i);
						break;
					}
		words_free(&ws);
	}
	if (!d->recipients.n) {
		const char *g = strstr(v, " gửi ");

		if (g) {
			size_t from = (size_t)(g - lo) + strlen(" gửi ");
			size_t len = strcspn(lead + from, ".");

			if (imp_word_at(lo, from, "đến"))
				from += strlen("đến "), len -= strlen("đến ");
			char *list = xstrndup(lead + from, len);

			add_recipients(d, list);
			free(list);
		}
	}
	free(lo);
}

void imp_read_lead(struct idoc *d)
{
	size_t i;

	/* The outlet's tag. */
	for (i = 0; i < d->npara && i < 3; i++) {
		char *outlet;
		size_t n = outlet_prefix(d->paras[i].text, &outlet);

		if (!n)
			continue;
		memmove(d->paras[i].text, d->paras[i].text + n, strlen(d->paras[i].text + n) + 1);
		if (!d->source)
			d->source = outlet;
		else
			free(outlet);
		d->news = true;
		break;
	}
	/* Repeated leads and headlines (a page shows them twice). */
	for (i = 1; i < d->npara; i++) {
		if (strlen(d->paras[i].text) < 30)
			continue;
		for (size_t j = 0; j < i; j++)
			if (strcmp(d->paras[i].text, d->paras[j].text) == 0) {
				drop_para(d, i--);
				d->st->duplicates++;
				break;
			}
	}
	for (i = 0; i < d->npara && i < 3; i++) {
		char *lo = imp_lower(d->paras[i].text);
		bool vua = strstr(lo, " vừa ban hành") || strstr(lo, " vừa có ") ||
			   strstr(lo, " vừa ký") || strstr(lo, " vừa gửi") || strstr(lo, " vừa ra ");

		free(lo);
		if (vua)
			d->news = true;
	}
	if (!d->news)
		return;
	/* The headline: short, no full stop, among the first paragraphs. */
	for (i = 0; i < d->npara && i < 3; i++)
		if (is_headline(d->paras[i].text)) {
			if (!d->title)
				d->title = xstrdup(d->paras[i].text);
			drop_para(d, i);
			break;
		}
	if (d->npara) {
		d->lead = 1;
		read_news_lead(d, d->paras[0].text);
	}
}
