/* Copyright 2026 the dvk developers.  SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * outline.c: the numbered parts of a directive, as a tree.
 *
 * Vietnamese administrative texts number their parts in a fixed order of
 * depth (Nghị định 30/2020/NĐ-CP, Phụ lục I): Phần, Chương, Mục (I., II.),
 * Điều, khoản (1., 2.), điểm (a), b)), then bullets (-, +).  Each mark
 * kind has a rank; a paragraph with a mark closes every open part of the
 * same or a deeper rank and opens its own.  A paragraph without a mark
 * belongs to the part open above it.  Ranks, not the order in which kinds
 * first appear, decide depth: a text that puts a "-" under "I." and then
 * "1." under "I." still gets "1." as a sibling of the bullet.
 */
#include "import/internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- marks ---- */

static int roman_value(const char *s, size_t n)
{
	static const char *const ones[] = {"", "I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX"};
	static const char *const tens[] = {"", "X", "XX", "XXX", "XL"};
	char buf[16];

	/* Only canonical numerals up to XLIX: anything else is a word. */
	for (int v = 1; v < 50; v++) {
		snprintf(buf, sizeof buf, "%s%s", tens[v / 10], ones[v % 10]);
		if (strlen(buf) == n && strncmp(buf, s, n) == 0)
			return v;
	}
	return 0;
}

/* After a mark's label: one character of punct (or none when optional),
 * then the end of the paragraph or spaces.  *len gets the bytes taken. */
static bool mark_end(const char *s, const char *punct, bool optional, size_t *len)
{
	size_t n = 0;

	if (*s && strchr(punct, *s))
		n = 1;
	else if (!optional)
		return false;
	if (s[n] != '\0' && s[n] != ' ')
		return false;
	*len = n + strspn(s + n, " ");
	return true;
}

static bool set(struct marker *m, enum mkind kind, int rank, const char *label,
		size_t label_len, size_t len)
{
	m->kind = kind;
	m->rank = rank;
	if (label_len >= sizeof m->label)
		label_len = sizeof m->label - 1;
	memcpy(m->label, label, label_len);
	m->label[label_len] = '\0';
	m->len = len;
	return true;
}

static const char *const ordinal[] = {
	"thứ nhất", "thứ hai", "thứ ba", "thứ tư", "thứ năm", "thứ sáu", "thứ bảy",
	"thứ tám", "thứ chín", "thứ mười", NULL,
};

/* "Phần I", "PHẦN THỨ HAI", "Chương III", "Điều 5." */
static bool word_mark(const char *s, const char *lower, struct marker *m)
{
	static const struct {
		const char *word;
		enum mkind kind;
		int rank;
	} words[] = {
		{ "phần", M_PART, 4 }, { "chương", M_CHAPTER, 5 }, { "điều", M_ARTICLE, 10 },
	};
	size_t e;

	for (size_t w = 0; w < ARRAY_LEN(words); w++) {
		size_t k = strlen(words[w].word), n;

		if (strncmp(lower, words[w].word, k) != 0 || s[k] != ' ')
			continue;
		k++;
		n = strspn(s + k, "0123456789");
		if (n > 0 && n <= 3 && mark_end(s + k + n, ".:", true, &e))
			return set(m, words[w].kind, words[w].rank, s + k, n, k + n + e);
		if (words[w].kind == M_ARTICLE)
			continue;
		n = strspn(s + k, "IVXL");
		if (n && roman_value(s + k, n) && mark_end(s + k + n, ".:", true, &e))
			return set(m, words[w].kind, words[w].rank, s + k, n, k + n + e);
		for (int o = 0; ordinal[o]; o++) {
			size_t on = strlen(ordinal[o]);
			char num[4];

			if (strncmp(lower + k, ordinal[o], on) == 0 &&
			    mark_end(s + k + on, ".:", true, &e)) {
				snprintf(num, sizeof num, "%d", o + 1);
				return set(m, words[w].kind, words[w].rank, num, strlen(num),
					   k + on + e);
			}
		}
	}
	return false;
}

/* Bullets: "-", "–", "—", "•", "·", "●", "▪", "*", "+", and Word's
 * private-use bullet characters. */
static bool bullet_mark(const char *s, struct marker *m)
{
	static const char *const dashes[] = {
		"-", "–", "—", "•", "·", "●", "▪", "◦", "*", "\xef\x82\xb7", "\xef\x80\xad",
		"\xef\x82\xa7", NULL,
	};
	size_t len;
	uint32_t next;

	if (s[0] == '+' && s[1] == ' ')
		return set(m, M_PLUS, 60, "", 0, 1 + strspn(s + 1, " "));
	for (int i = 0; dashes[i]; i++) {
		size_t k = strlen(dashes[i]);

		if (strncmp(s, dashes[i], k) != 0)
			continue;
		if (s[k] == ' ')
			return set(m, M_DASH, 50, "", 0, k + strspn(s + k, " "));
		/* "-Tổ chức ..." (no space) is a bullet; "-5%" is not. */
		next = imp_cp(s + k, &len);
		if (imp_is_upper(next))
			return set(m, M_DASH, 50, "", 0, k);
		return false;
	}
	return false;
}

bool imp_marker(const char *s, struct marker *m)
{
	char *lower;
	size_t n, e;
	bool word;

	memset(m, 0, sizeof *m);
	if (!*s)
		return false;
	if (bullet_mark(s, m))
		return true;
	lower = imp_lower(s);
	word = word_mark(s, lower, m);
	free(lower);
	if (word)
		return true;

	/* Roman numerals (a lone C, D, L or M is a letter: parts A, B, C). */
	n = strspn(s, "IVXLCDM");
	if (n && roman_value(s, n) && !(n == 1 && strchr("CDLM", s[0])) &&
	    mark_end(s + n, ".)/:", false, &e))
		return set(m, M_ROMAN, 10, s, n, n + e);
	/* Parts lettered A., B. */
	if (s[0] >= 'A' && s[0] <= 'Z' && mark_end(s + 1, ".)", false, &e) && e > 1)
		return set(m, M_UPPER, 7, s, 1, 1 + e);
	/* 1. 1) 1.2. 1.2.3 */
	n = strspn(s, "0123456789");
	if (n >= 1 && n <= 3) {
		size_t k = n, segs = 1;

		while (s[k] == '.' && s[k + 1] >= '0' && s[k + 1] <= '9') {
			size_t d = strspn(s + k + 1, "0123456789");

			if (d > 2)
				return false;
			k += 1 + d;
			segs++;
		}
		if (segs > 1 && mark_end(s + k, ".)", true, &e))
			return set(m, M_DECIMAL, 20 + 2 * (int)(segs - 1), s, k, k + e);
		if (segs == 1 && s[n] == ')' && mark_end(s + n, ")", false, &e))
			return set(m, M_NUMPAREN, 35, s, n, n + e);
		if (segs == 1 && s[n] == '.' && mark_end(s + n, ".", false, &e))
			return set(m, M_NUM, 20, s, n, n + e);
		return false;
	}
	/* (1) (2) */
	if (s[0] == '(') {
		n = strspn(s + 1, "0123456789");
		if (n >= 1 && n <= 2 && s[1 + n] == ')' && mark_end(s + 1 + n, ")", false, &e))
			return set(m, M_PNUM, 40, s + 1, n, 1 + n + e);
	}
	/* a) b) đ) a. */
	uint32_t c = imp_cp(s, &n);

	if (((c >= 'a' && c <= 'z') || c == 0x111) && mark_end(s + n, ").", false, &e)) {
		/* "a. " must be followed by a word, not an abbreviation. */
		uint32_t next = imp_cp(s + n + e, NULL);

		if (s[n] == ')' || imp_is_letter(next))
			return set(m, M_LETTER, 30, s, n, n + e);
	}
	return false;
}

/* ---- the tree ---- */

/* Attributes of the task above them: "- Cơ quan chủ trì: Sở Nội vụ",
 * "- Thời gian thực hiện: Quý II/2023". */
static const char *const attr_resp[] = {
	"cơ quan chủ trì", "đơn vị chủ trì", "cơ quan thực hiện", "đơn vị thực hiện",
	"chủ trì thực hiện", "chủ trì", "cơ quan, đơn vị chủ trì", "trách nhiệm thực hiện",
	"đơn vị chịu trách nhiệm", NULL,
};
static const char *const attr_time[] = {
	"thời gian thực hiện", "thời gian hoàn thành", "thời hạn hoàn thành", "thời hạn thực hiện",
	"thời gian", "thời hạn", "tiến độ thực hiện", "tiến độ", NULL,
};
static const char *const attr_other[] = {
	"cơ quan phối hợp", "đơn vị phối hợp", "cơ quan, đơn vị phối hợp", "phối hợp thực hiện",
	"sản phẩm", "dự kiến sản phẩm", "kết quả đầu ra", "kinh phí thực hiện", "kinh phí",
	"nguồn kinh phí", "hình thức", NULL,
};

/* Headings of parts that hold no tasks. */
static const char *const nontask_heads[] = {
	"mục đích", "yêu cầu", "mục tiêu", "quan điểm", "căn cứ", "phạm vi", "đối tượng",
	"kinh phí", "ý nghĩa", "sự cần thiết", "tình hình", "đánh giá", "kết quả đạt được",
	"nguyên tắc", "chỉ tiêu", "giải thích từ ngữ", NULL,
};

/* The closing formula of a directive: context, not a task. */
static const char *const closing_starts[] = {
	"trên đây là", "trong quá trình tổ chức thực hiện", "trong quá trình triển khai",
	"trong quá trình thực hiện", "quá trình thực hiện", "nhận được công văn",
	"nhận được văn bản", "chỉ thị này có hiệu lực", "quyết định này có hiệu lực",
	"kế hoạch này có hiệu lực", "công văn này", "đề nghị các đồng chí", NULL,
};

/* "... nghiêm túc triển khai thực hiện Chỉ thị này./.": the closing
 * request to carry the whole text out. */
static bool asks_to_carry_out(const char *text)
{
	static const char *const ends[] = {
		"chỉ thị này", "kế hoạch này", "công văn này", "quyết định này", "thông báo này",
		"văn bản này", "hướng dẫn này", NULL,
	};
	char *lo = imp_lower(text);
	size_t n = strlen(lo);
	bool yes = false;

	while (n > 0 && strchr("./ ", lo[n - 1]))
		n--;
	lo[n] = '\0';
	for (int i = 0; ends[i] && !yes; i++) {
		size_t k = strlen(ends[i]);

		yes = n >= k && strcmp(lo + n - k, ends[i]) == 0 && strstr(lo, "thực hiện");
	}
	free(lo);
	return yes;
}

/* "Các bộ phận căn cứ Kế hoạch triển khai thực hiện./.": the text's last
 * sentence (it ends "./.") asking that it be carried out. */
static bool last_words_carry_out(const char *text)
{
	static const char *const ends[] = {
		"thực hiện./.", "thực hiện nghiêm túc./.", "triển khai./.", "thực hiện tốt./.",
		"tổ chức thực hiện./.", NULL,
	};
	char *lo = imp_lower(text);
	size_t n = strlen(lo);
	bool yes = false;

	for (int i = 0; ends[i] && !yes; i++)
		yes = n >= strlen(ends[i]) && strcmp(lo + n - strlen(ends[i]), ends[i]) == 0 &&
		      imp_words(text) <= 25;
	free(lo);
	return yes;
}

int imp_attr_kind(const char *head)
{
	char *lo = imp_lower(head);
	int kind = 0;

	for (int i = 0; attr_resp[i] && !kind; i++)
		if (strcmp(lo, attr_resp[i]) == 0)
			kind = 1;
	for (int i = 0; attr_time[i] && !kind; i++)
		if (strcmp(lo, attr_time[i]) == 0)
			kind = 2;
	for (int i = 0; attr_other[i] && !kind; i++)
		if (strcmp(lo, attr_other[i]) == 0)
			kind = 3;
	free(lo);
	return kind;
}

void imp_attr_resp(const char *value, struct strv *resp)
{
	/* "Cơ quan chủ trì: Phòng X; phối hợp: UBND ...": the agencies that
	 * help are not responsible */
	char *v = xstrdup(value), *lo = imp_lower(v), *co = strstr(lo, "phối hợp");

	if (co && co > lo) {
		size_t at = (size_t)(co - lo);

		while (at > 0 && strchr(";, ", v[at - 1]))
			at--;
		v[at] = '\0';
	}
	free(lo);
	imp_split_agencies(v, resp);
	free(v);
}

/* "Sở Nội vụ: chủ trì ...": a short heading before a colon.  Sets
 * n->head and n->body from rest. */
static void split_heading(struct node *n, const char *rest)
{
	const char *colon = strchr(rest, ':');

	if (colon && colon - rest < 160 && colon > rest) {
		char *head = imp_trim(rest, (size_t)(colon - rest));
		char *body = imp_trim(colon + 1, strlen(colon + 1));

		if (imp_words(head) <= 14 && !strpbrk(head, ";.“\"(") && *body) {
			n->head = head;
			n->body = body;
			return;
		}
		free(head);
		free(body);
	}
	n->body = imp_trim(rest, strlen(rest));
}

static struct node *new_node(enum mkind kind, int rank, const char *label, const char *raw,
			     int line)
{
	struct node *n = xcalloc(1, sizeof *n);

	n->kind = kind;
	n->rank = rank;
	n->label = label && *label ? xstrdup(label) : NULL;
	n->raw = xstrdup(raw ? raw : "");
	n->line = line;
	return n;
}

static void add_kid(struct node *parent, struct node *kid)
{
	GROW(parent->kids, parent->nkids + 1, parent->kids_cap);
	parent->kids[parent->nkids++] = kid;
	kid->parent = parent;
}

static bool starts_any(const char *s, const char *const *list)
{
	char *lo = imp_lower(s);
	bool yes = imp_starts_with(lo, list) >= 0;

	free(lo);
	return yes;
}

/* "Nhằm ...", "Theo Kế hoạch, mục đích nhằm ...": the purpose. */
static bool purpose(const char *text)
{
	static const char *const lead[] = {
		"theo kế hoạch, ", "theo chỉ thị, ", "theo đó, ", "theo văn bản, ", "kế hoạch ", NULL,
	};
	static const char *const words[] = { "nhằm", "mục đích", "mục tiêu", NULL };
	char *lo = imp_lower(text);
	const char *p = lo;
	bool yes;

	for (int i = 0; lead[i]; i++)
		if (strncmp(p, lead[i], strlen(lead[i])) == 0) {
			p += strlen(lead[i]);
			break;
		}
	yes = imp_starts_with(p, words) >= 0;
	free(lo);
	return yes;
}

/* What a paragraph says besides its tasks: an attribute of the task
 * above, the closing formula, or a heading of a part with no tasks. */
static void classify(struct node *n)
{
	const char *text = n->head ? n->head : n->body ? n->body : "";
	int a = n->head ? imp_attr_kind(n->head) : 0;

	if (a) {
		char *v = xstrdup(n->body);
		size_t len = strlen(v);

		while (len > 0 && strchr(".;,", v[len - 1]))
			v[--len] = '\0';
		n->attr = true;
		if (a == 1)
			imp_attr_resp(v, &n->resp);
		else if (a == 2 && *v)
			n->deadline = xstrdup(v);
		free(v);
		return;
	}
	if (starts_any(text, closing_starts) || (n->kind == M_PARA && asks_to_carry_out(text)) ||
	    (n->kind == M_PARA && last_words_carry_out(text))) {
		n->closing = true;
		return;
	}
	/* A heading that names purpose, requirements, objectives ...: the
	 * whole part holds no tasks.  Only a heading: "Yêu cầu các sở ..."
	 * in a sentence is a request. */
	bool heading = n->head || (!imp_ends_sentence(text) && imp_words(text) <= 14) ||
		       imp_all_caps(text);
	if (heading && n->kind != M_DASH && n->kind != M_PLUS && starts_any(text, nontask_heads))
		n->nontask = true;
	if (n->kind == M_PARA && purpose(text))
		n->nontask = true;
	/* An agency as the heading: "1. Sở Nội vụ", "2. Các sở, ngành:" */
	if (n->head && imp_is_agency(n->head))
		imp_split_agencies(n->head, &n->resp);
	else if (!n->head && n->kind != M_PARA && n->body &&
		 ((imp_is_agency(n->body) && imp_words(n->body) <= 20 &&
		   !imp_ends_sentence(n->body)) || imp_agency_heading(n->body)))
		imp_split_agencies(n->body, &n->resp);
	/* "1. Giao Sở Giáo dục và Đào tạo chủ trì, phối hợp với ...:" over
	 * a), b), c): the agency it tasks is responsible for them. */
	else if (!n->head && n->kind != M_PARA && n->body && *n->body &&
		 n->body[strlen(n->body) - 1] == ':')
		imp_subject_agencies(n->body, &n->resp);
}

/* ---- tables ----
 *
 * A plan often lists its tasks in a table ("TT | Nội dung | Cơ quan chủ
 * trì | Thời gian hoàn thành").  Copied out of Word, a row is a line of
 * cells (IMP_CELL between them).  A numbered row is a task: its number,
 * the text of its task column, the agencies of its "chủ trì" column and
 * the time its "thời gian" column states, each as written.  A header row
 * names the columns; without one, the task is the first cell after the
 * number, the agency the first cell that names one, the time the first
 * that states one.  A row numbered I, II or A is a heading over the rows
 * after it. */

enum { COL_TASK, COL_RESP, COL_TIME, NCOLS };

struct table {
	int col[NCOLS]; /* -1: not named by a header */
};

static size_t cells_of(const char *text, char ***cells)
{
	size_t n = 1;

	for (const char *p = text; *p; p++)
		n += *p == IMP_CELL;
	*cells = xcalloc(n + 1, sizeof **cells);
	n = 0;
	for (const char *p = text;; p++) {
		const char *e = strchr(p, IMP_CELL);

		(*cells)[n++] = imp_trim(p, e ? (size_t)(e - p) : strlen(p));
		if (!e)
			break;
		p = e;
	}
	return n;
}

static void cells_free(char **cells, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(cells[i]);
	free(cells);
}

/* A header row: sets t's columns; false if no cell names one. */
static bool table_header(struct table *t, char **cells, size_t n)
{
	static const char *const names[NCOLS][8] = {
		{ "nội dung", "nhiệm vụ", "tên nhiệm vụ", "công việc", "hoạt động", "tên hoạt động", NULL },
		{ "cơ quan chủ trì", "đơn vị chủ trì", "chủ trì", "cơ quan thực hiện", "đơn vị thực hiện",
		  "cơ quan, đơn vị chủ trì", "trách nhiệm", NULL },
		{ "thời gian", "thời hạn", "tiến độ", NULL },
	};
	bool any = false;

	for (size_t i = 0; i < n; i++) {
		char *lo = imp_lower(cells[i]);

		for (int c = 0; c < NCOLS; c++)
			if (t->col[c] < 0 && imp_starts_with(lo, names[c]) >= 0) {
				t->col[c] = (int)i;
				any = true;
				break;
			}
		free(lo);
	}
	return any;
}

static bool states_time(const char *cell)
{
	static const char *const words[] = {
		"quý", "tháng", "năm", "trước", "trong", "thường xuyên", "hằng", "hàng", "định kỳ",
		"chậm nhất", "hoàn thành", NULL,
	};
	char *lo = imp_lower(cell), *dl = imp_deadline(cell);
	bool yes = dl || imp_starts_with(lo, words) >= 0 || (*cell >= '0' && *cell <= '9');

	free(lo);
	free(dl);
	return yes;
}

/* The node of a table row, or NULL when it is a header (which sets t). */
static struct node *table_row(struct table *t, const char *text, int line, bool *heading)
{
	char **cells, *raw, *lead;
	size_t n = cells_of(text, &cells), first = 0;
	struct node *row = NULL, *attr;
	struct buf b = {0};
	struct marker m;
	int task = -1, resp = -1, time = -1;

	*heading = false;
	for (size_t i = 0; i < n; i++) {
		if (b.len)
			buf_adds(&b, " | ");
		buf_adds(&b, cells[i]);
	}
	raw = buf_steal(&b);
	while (first < n && !*cells[first])
		first++;
	lead = first < n ? xasprintf("%s%s", cells[first], strchr(".)", cells[first][strlen(cells[first]) - 1]) ? " x" : ". x") : NULL;
	if (!lead || !imp_marker(lead, &m) || !m.label[0] || m.len + 1 != strlen(lead)) {
		/* no number: a header, or text the table goes on with */
		if (!table_header(t, cells, n)) {
			row = new_node(M_PARA, 1000, NULL, raw, line);
			row->attr = true;
		}
		goto out;
	}
	*heading = m.kind == M_ROMAN || m.kind == M_UPPER || m.kind == M_PART || m.kind == M_CHAPTER;
	task = t->col[COL_TASK] > (int)first && t->col[COL_TASK] < (int)n ? t->col[COL_TASK] : -1;
	for (size_t i = first + 1; i < n && task < 0; i++)
		if (*cells[i])
			task = (int)i;
	if (task < 0)
		goto out;
	resp = t->col[COL_RESP] >= 0 && t->col[COL_RESP] < (int)n ? t->col[COL_RESP] : -1;
	time = t->col[COL_TIME] >= 0 && t->col[COL_TIME] < (int)n ? t->col[COL_TIME] : -1;
	for (size_t i = (size_t)task + 1; i < n; i++) {
		if (resp < 0 && t->col[COL_RESP] < 0 && imp_is_agency(cells[i]))
			resp = (int)i;
		else if (time < 0 && t->col[COL_TIME] < 0 && *cells[i] && states_time(cells[i]))
			time = (int)i;
	}
	row = new_node(m.kind, *heading ? 44 : 45, m.label, raw, line);
	row->body = xstrdup(cells[task]);
	if (*heading) {
		row->head = xstrdup(cells[task]);
		goto out;
	}
	attr = new_node(M_PARA, 1000, NULL, "", line);
	attr->attr = true;
	if (resp >= 0 && *cells[resp])
		imp_split_agencies(cells[resp], &attr->resp);
	if (time >= 0 && *cells[time])
		attr->deadline = xstrdup(cells[time]);
	add_kid(row, attr);
out:
	free(lead);
	free(raw);
	cells_free(cells, n);
	return row;
}

struct node *imp_outline(struct idoc *d)
{
	struct table table = { .col = { -1, -1, -1 } };
	bool in_table = false;
	struct node *root = new_node(M_ROOT, 0, NULL, NULL, 0);
	struct node **stack = xcalloc(d->npara + 2, sizeof *stack);
	size_t depth = 1;

	stack[0] = root;
	for (size_t i = 0; i < d->npara; i++) {
		const char *text = d->paras[i].text;
		struct marker m;
		struct node *n;

		if (i < d->lead) {
			n = new_node(M_PARA, 1000, NULL, text, d->paras[i].line);
			n->body = xstrdup(text);
			n->preamble = true;
			add_kid(root, n);
			continue;
		}
		if (strchr(text, IMP_CELL)) {
			bool heading;

			if (!in_table)
				table = (struct table){ .col = { -1, -1, -1 } };
			in_table = true;
			if (!(n = table_row(&table, text, d->paras[i].line, &heading)))
				continue;
			/* rows go under the part open above the table, or the
			 * heading row above them */
			while (depth > 1 && stack[depth - 1]->rank >= (heading ? 44 : 45))
				depth--;
			add_kid(stack[depth - 1], n);
			if (heading)
				stack[depth++] = n;
			continue;
		}
		/* after the table, its heading rows are closed */
		if (in_table)
			while (depth > 1 && stack[depth - 1]->rank == 44)
				depth--;
		in_table = false;
		if (imp_marker(text, &m)) {
			n = new_node(m.kind, m.rank, m.label, text, d->paras[i].line);
			split_heading(n, text + m.len);
			while (depth > 1 && stack[depth - 1]->rank >= n->rank)
				depth--;
			add_kid(stack[depth - 1], n);
			stack[depth++] = n;
		} else {
			n = new_node(M_PARA, 1000, NULL, text, d->paras[i].line);
			split_heading(n, text);
			/* A plain paragraph after bullets goes on with the part
			 * the bullets are in, not inside the last bullet. */
			while (depth > 1 && (stack[depth - 1]->kind == M_DASH ||
					     stack[depth - 1]->kind == M_PLUS))
				depth--;
			add_kid(stack[depth - 1], n);
		}
		classify(n);
	}
	free(stack);
	return root;
}

void imp_node_free(struct node *n)
{
	if (!n)
		return;
	for (size_t i = 0; i < n->nkids; i++)
		imp_node_free(n->kids[i]);
	free(n->kids);
	free(n->label);
	free(n->raw);
	free(n->head);
	free(n->body);
	strv_free(&n->resp);
	free(n->deadline);
	free(n->id);
	free(n);
}
