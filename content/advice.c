/* Copyright 2026 the dvk developers.  SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * advice.c: what to do about a slip in a directive written by hand (see
 * advice.h).
 *
 * The YAML reader stops where the grammar breaks, which is rarely where a
 * person would look: a text with ": " in it is "mapping values are not
 * allowed", a line that goes on with the text above is "could not find
 * expected ':'" on the line after it.  So the syntax advice reads the
 * lines themselves, each cut into indent, "- ", key and value the way a
 * person sees them, and names the slip only when that shape is there.
 */
#include "content/advice.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "content/directive.h"
#include "text/text.h"

/* Longest value quoted back in a suggestion, in display columns. */
#define SUGGEST_COLS 48

/* One line of the file as a person reads it. */
struct sline {
	const char *s;   /* the line, no line break */
	size_t len;
	int no;          /* 1-based */
	int indent;      /* spaces before the first character */
	bool blank;      /* nothing, or only a comment */
	bool dash;       /* a list entry: "- " first */
	int keycol;      /* 1-based column of the key; 0: no "key:" on the line */
	const char *key;
	size_t keylen;
	const char *val; /* after "key: ", blanks and a plain value's comment cut */
	size_t vallen;
	bool nospace;    /* "key:value": no space after the colon */
};

/* Keys of dvk-directive/1, for "key:value" (a URL is not a slip). */
static const char *const directive_keys[] = {
	"format", "id", "revision", "revision_date", "title", "issuer", "scope",
	"document", "number", "date", "signer", "recipients", "source",
	"preamble", "sections", "text", "items", "responsible", "deadline",
	"evidence", "key", "label", "type", NULL,
};

static bool is_key_char(unsigned char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
	       c == '_' || c == '-' || c >= 0x80;
}

bool advice_line(const char *buf, size_t len, int line, const char **start, size_t *n)
{
	const char *p = buf, *end = buf + len;

	if (line < 1)
		return false;
	for (int k = 1; k < line; k++) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));

		if (!nl)
			return false;
		p = nl + 1;
	}
	if (p >= end && line > 1)
		return false;
	*start = p;
	const char *nl = memchr(p, '\n', (size_t)(end - p));
	*n = (size_t)((nl ? nl : end) - p);
	if (*n && p[*n - 1] == '\r')
		(*n)--;
	return true;
}

size_t advice_col_offset(const char *s, size_t n, int col)
{
	size_t off = 0;

	for (int c = 1; c < col && off < n; c++) {
		off++;
		while (off < n && ((unsigned char)s[off] & 0xC0) == 0x80)
			off++;
	}
	return off;
}

static int col_of(const char *s, size_t off)
{
	int col = 1;

	for (size_t i = 0; i < off; i++)
		if (((unsigned char)s[i] & 0xC0) != 0x80)
			col++;
	return col;
}

static void trim_end(const char *s, size_t *n)
{
	while (*n && (s[*n - 1] == ' ' || s[*n - 1] == '\t'))
		(*n)--;
}

/* Cut line l into indent, "- ", key and value. */
static void read_sline(const char *buf, size_t len, int no, struct sline *l)
{
	size_t i = 0, n;

	memset(l, 0, sizeof *l);
	if (!advice_line(buf, len, no, &l->s, &l->len))
		l->len = 0, l->s = "";
	l->no = no;
	n = l->len;
	if (n >= 3 && no == 1 && !memcmp(l->s, "\xEF\xBB\xBF", 3))
		i = 3;
	while (i < n && l->s[i] == ' ')
		i++;
	l->indent = (int)i;
	if (i == n || l->s[i] == '#') {
		l->blank = true;
		return;
	}
	if (l->s[i] == '-' && (i + 1 == n || l->s[i + 1] == ' ')) {
		l->dash = true;
		for (i++; i < n && l->s[i] == ' '; i++)
			;
	}
	/* a plain key: name characters up to ':' */
	size_t k = i;

	while (k < n && is_key_char((unsigned char)l->s[k]))
		k++;
	if (k == i || k == n || l->s[k] != ':') {
		/* not "key:"; also take "key text: ..." keys people write */
		const char *c = memmem(l->s + i, n - i, ": ", 2);

		if (l->s[i] == '"' || l->s[i] == '\'' || l->s[i] == '{' || l->s[i] == '[')
			return;
		if (c)
			k = (size_t)(c - l->s);
		else if (n > i && l->s[n - 1] == ':')
			k = n - 1;
		else
			return;
	}
	l->key = l->s + i;
	l->keylen = k - i;
	l->keycol = col_of(l->s, i);
	if (k + 1 < n && l->s[k + 1] != ' ') {
		l->nospace = true;
		return;
	}
	for (k++; k < n && l->s[k] == ' '; k++)
		;
	l->val = l->s + k;
	l->vallen = n - k;
	trim_end(l->val, &l->vallen);
	if (l->vallen && l->val[0] != '"' && l->val[0] != '\'') {
		/* a plain value ends where a comment starts */
		for (size_t j = 1; j < l->vallen; j++)
			if (l->val[j] == '#' && l->val[j - 1] == ' ') {
				l->vallen = j;
				trim_end(l->val, &l->vallen);
				break;
			}
	}
}

/* The nearest line before no that is not blank (0 if none). */
static int prev_line(const char *buf, size_t len, int no, struct sline *l)
{
	for (int k = no - 1; k >= 1; k--) {
		read_sline(buf, len, k, l);
		if (!l->blank)
			return k;
	}
	return 0;
}

/* ---- suggestions ---- */

char *advice_quoted_pair(const char *key, const char *value)
{
	struct buf b = {0};
	char *v = text_sanitize(value, false);
	size_t fit = text_fit(v, SUGGEST_COLS, NULL);
	bool cut = fit < strlen(v);
	bool dq = !strchr(v, '"') && !strchr(v, '\\');

	v[fit] = '\0';
	buf_printf(&b, "%s: ", key);
	if (dq || !strchr(v, '\'')) {
		char q = dq ? '"' : '\'';

		buf_addc(&b, q);
		buf_adds(&b, v);
		if (cut)
			buf_adds(&b, "…");
		buf_addc(&b, q);
	} else {
		/* single quotes double inside single quotes */
		buf_addc(&b, '\'');
		for (const char *p = v; *p; p++) {
			if (*p == '\'')
				buf_addc(&b, '\'');
			buf_addc(&b, *p);
		}
		if (cut)
			buf_adds(&b, "…");
		buf_addc(&b, '\'');
	}
	free(v);
	return buf_steal(&b);
}

static char *pair_of(const struct sline *l)
{
	char *k = xstrndup(l->key, l->keylen), *v = xstrndup(l->val, l->vallen);
	char *out = advice_quoted_pair(k, v);

	free(k);
	free(v);
	return out;
}

void advice_add(struct dvk_error *err, const char *fmt, ...)
{
	char advice[DVK_ERR_MSG];
	size_t have = strlen(err->message), room;
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(advice, sizeof advice, fmt, ap);
	va_end(ap);
	if (have + 3 >= sizeof err->message)
		return;
	room = sizeof err->message - have - 3;
	size_t n = strlen(advice);

	if (n > room) {
		n = room;
		while (n && ((unsigned char)advice[n] & 0xC0) == 0x80)
			n--;
	}
	memcpy(err->message + have, "; ", 2);
	memcpy(err->message + have + 2, advice, n);
	err->message[have + 2 + n] = '\0';
}

/* ---- slips on one line ---- */

/* Where the quotation that starts v ends (index of the closing mark), or
 * 0 when it does not end on this line. */
static size_t quote_end(const char *v, size_t n)
{
	for (size_t i = 1; i < n; i++) {
		if (v[0] == '"' && v[i] == '\\')
			i++;
		else if (v[0] == '\'' && v[i] == '\'' && i + 1 < n && v[i + 1] == '\'')
			i++;
		else if (v[i] == v[0])
			return i;
	}
	return 0;
}

/* Where the flow collection that starts v ends, or 0. */
static size_t flow_end(const char *v, size_t n)
{
	int depth = 0;
	char in_q = 0;

	for (size_t i = 0; i < n; i++) {
		char c = v[i];

		if (in_q) {
			if (c == in_q)
				in_q = 0;
			continue;
		}
		if (c == '"' || c == '\'')
			in_q = c;
		else if (c == '[' || c == '{')
			depth++;
		else if ((c == ']' || c == '}') && --depth == 0)
			return i;
	}
	return 0;
}

static bool rest_is_text(const char *v, size_t n, size_t from)
{
	while (from < n && v[from] == ' ')
		from++;
	return from < n && v[from] != '#';
}

/* The sign a plain text may not start with, written as the person sees
 * it, or NULL. */
static const char *bad_start(const char *v, size_t n)
{
	static const char *const signs[] = {"*", "&", "!", "%", "@", "`", "|", ">", "?", ",", "]", "}"};

	if (n == 0)
		return NULL;
	if (v[0] == '-' && (n == 1 || v[1] == ' '))
		return "-";
	if (v[0] == '?' && !(n == 1 || v[1] == ' '))
		return NULL;
	if ((v[0] == '|' || v[0] == '>')) {
		/* a block scalar's header is only these signs */
		size_t i = 1;

		while (i < n && strchr("+-0123456789", v[i]))
			i++;
		return rest_is_text(v, n, i) ? (v[0] == '|' ? "|" : ">") : NULL;
	}
	for (size_t k = 0; k < ARRAY_LEN(signs); k++)
		if (v[0] == signs[k][0])
			return signs[k];
	return NULL;
}

/* Advice for the value on line l, or false when it looks right. */
static bool value_slip(const struct sline *l, struct dvk_error *err)
{
	const char *v = l->val;
	size_t n = l->vallen, e;
	const char *sign;
	char *pair;

	if (!l->keycol || !n)
		return false;
	if (v[0] == '"' || v[0] == '\'') {
		if (!(e = quote_end(v, n)) || !rest_is_text(v, n, e + 1))
			return false;
		pair = pair_of(l);
		advice_add(err, _("quote a text that begins with a quotation mark and goes on after "
				  "it, like %s"), pair);
		free(pair);
		return true;
	}
	if (v[0] == '[' || v[0] == '{') {
		if (!(e = flow_end(v, n)) || !rest_is_text(v, n, e + 1))
			return false;
		pair = pair_of(l);
		advice_add(err, _("quote a text that begins with '%c', like %s"), v[0], pair);
		free(pair);
		return true;
	}
	if ((sign = bad_start(v, n))) {
		pair = pair_of(l);
		advice_add(err, _("quote a text that begins with '%s', like %s"), sign, pair);
		free(pair);
		return true;
	}
	if (memmem(v, n, ": ", 2) || v[n - 1] == ':') {
		pair = pair_of(l);
		advice_add(err, _("quote a text that contains ': ' or ends with ':', like %s"), pair);
		free(pair);
		return true;
	}
	return false;
}

/* A value with ': ' in it inside "{key: date, label: Ngày: tổ chức}". */
static bool flow_slip(const struct sline *l, struct dvk_error *err)
{
	const char *open = memchr(l->s, '{', l->len), *end = l->s + l->len;
	const char *p, *entry;
	char in_q = 0;

	if (!open)
		return false;
	for (p = entry = open + 1; p < end; p++) {
		if (in_q) {
			in_q = *p == in_q ? 0 : in_q;
			continue;
		}
		if (*p == '"' || *p == '\'')
			in_q = *p;
		if (*p != ',' && *p != '}' && p + 1 < end)
			continue;
		/* entry[0..p): "key: value" */
		const char *e = p + 1 < end || *p == ',' || *p == '}' ? p : end;
		const char *colon = memmem(entry, (size_t)(e - entry), ": ", 2);

		if (colon) {
			const char *v = colon + 2;
			size_t vn;

			while (v < e && *v == ' ')
				v++;
			vn = (size_t)(e - v);
			trim_end(v, &vn);
			if (vn && *v != '"' && *v != '\'' && (memmem(v, vn, ": ", 2) || v[vn - 1] == ':')) {
				const char *k = entry;

				while (k < colon && *k == ' ')
					k++;
				struct sline one = { .key = k, .keylen = (size_t)(colon - k), .val = v,
						     .vallen = vn };
				char *pair = pair_of(&one);

				advice_add(err, _("quote a text that contains ': ' or ends with ':', like %s"),
					   pair);
				free(pair);
				return true;
			}
		}
		if (*p == '}')
			break;
		entry = p + 1;
	}
	return false;
}

static bool is_directive_key(const char *k, size_t n)
{
	for (size_t i = 0; directive_keys[i]; i++)
		if (strlen(directive_keys[i]) == n && !memcmp(directive_keys[i], k, n))
			return true;
	return false;
}

static bool nospace_slip(const struct sline *l, struct dvk_error *err)
{
	if (!l->nospace || !is_directive_key(l->key, l->keylen))
		return false;
	advice_add(err, _("put a space after '%.*s:'"), (int)l->keylen, l->key);
	return true;
}

/* Line l has no key, and the line before it holds a text: l goes on
 * with that text but is not indented under it. */
static bool continuation_slip(const char *buf, size_t len, const struct sline *l,
			      struct dvk_error *err)
{
	struct sline p;
	int pn;

	if (l->blank || l->dash || (l->keycol && !l->nospace))
		return false;
	if (l->s[l->indent] == '"' || l->s[l->indent] == '\'')
		return false;
	/* the key whose text this is: the nearest line above with a key */
	for (pn = prev_line(buf, len, l->no, &p); pn && !p.keycol; pn = prev_line(buf, len, pn, &p))
		;
	if (!pn || !p.vallen || p.keycol <= l->indent)
		return false;
	if (p.val[0] == '|' || p.val[0] == '>' || p.val[0] == '[' || p.val[0] == '{')
		return false;
	advice_add(err, _("if line %d goes on with the text of '%.*s:' on line %d, indent it "
			  "further than '%.*s:' (at least %d spaces) or join the two lines"),
		   l->no, (int)p.keylen, p.key, p.no, (int)p.keylen, p.key, p.keycol);
	return true;
}

/* Line l is a key of the same mapping as the line before it, but starts
 * in another column. */
static bool indent_slip(const char *buf, size_t len, const struct sline *l,
			struct dvk_error *err)
{
	struct sline p, q;
	int pn;

	if (!l->keycol || l->dash || l->nospace)
		return false;
	pn = prev_line(buf, len, l->no, &p);
	if (!pn || !p.keycol || p.keycol == l->keycol)
		return false;
	/* the line before opens a block ("items:"): l may be its first key */
	if (!p.vallen && l->keycol > p.keycol)
		return false;
	if (l->keycol < p.keycol) {
		/* a key of an outer mapping that starts in l's column is fine */
		for (int k = pn; (k = prev_line(buf, len, k, &q));) {
			if (q.keycol == l->keycol && !q.nospace)
				return false;
			if (q.keycol && q.keycol < l->keycol)
				break;
			if (!q.keycol && q.indent < l->indent)
				break;
		}
	}
	advice_add(err, _("start '%.*s:' in the same column as '%.*s:' on line %d (column %d)"),
		   (int)l->keylen, l->key, (int)p.keylen, p.key, p.no, p.keycol);
	return true;
}

/* Line l repeats a key of its mapping: most often a new item written
 * without its "- ". */
static bool repeat_slip(const char *buf, size_t len, const struct sline *l,
			struct dvk_error *err)
{
	struct sline q;

	if (!l->keycol || l->dash)
		return false;
	for (int k = l->no; (k = prev_line(buf, len, k, &q));) {
		if (q.keycol == l->keycol && q.keylen == l->keylen &&
		    !memcmp(q.key, l->key, l->keylen)) {
			/* ids repeat in the lists of sections and items, which
			 * never start in the first column */
			if (l->keylen == 2 && !memcmp(l->key, "id", 2) && l->keycol > 1)
				advice_add(err, _("each item or section begins with '- ': write '- id: "
						  "...' here (line %d starts the one before)"), q.no);
			else
				advice_add(err, _("'%.*s' is given twice here (line %d): keep one"),
					   (int)l->keylen, l->key, q.no);
			return true;
		}
		if (q.dash && q.keycol == l->keycol)
			break;
		if ((q.keycol && q.keycol < l->keycol) || (!q.keycol && q.indent < l->indent))
			break;
	}
	return false;
}

/* A quotation opened on a line before and never closed, when the reader
 * ran to the end of the file. */
static bool unclosed_slip(const char *buf, size_t len, int at, struct dvk_error *err)
{
	struct sline l;
	const char *s;
	size_t n;

	if (advice_line(buf, len, at + 1, &s, &n) && at > 1)
		return false; /* not at the end */
	for (int k = at; k >= 1; k--) {
		read_sline(buf, len, k, &l);
		if (l.vallen && (l.val[0] == '"' || l.val[0] == '\'') && !quote_end(l.val, l.vallen)) {
			advice_add(err, _("the quotation mark opened on line %d is never closed: end "
					  "the text with %c"), k, l.val[0]);
			return true;
		}
	}
	return false;
}

static bool encoding_slip(const char *buf, size_t len, struct dvk_error *err)
{
	size_t nul = 0;

	if (text_valid_utf8(buf, len, NULL) && !memchr(buf, '\0', len))
		return false;
	for (size_t i = 0; i < len && i < 256; i++)
		nul += buf[i] == '\0';
	if ((len >= 2 && ((unsigned char)buf[0] == 0xFF && (unsigned char)buf[1] == 0xFE)) ||
	    (len >= 2 && ((unsigned char)buf[0] == 0xFE && (unsigned char)buf[1] == 0xFF)) || nul > 8)
		advice_add(err, "%s", _("the file is saved as UTF-16 (\"Unicode\" in Notepad): save it "
					"again with the encoding UTF-8"));
	else
		advice_add(err, "%s", _("save the file with the encoding UTF-8 (dvk does not read "
					"TCVN3, VNI or Windows-1258 text): in Notepad, Save As, "
					"Encoding UTF-8"));
	return true;
}

void advice_syntax(const char *buf, size_t len, struct dvk_error *err)
{
	struct sline l, p;
	int pn;

	if (!err || err->code == DVK_E_LIMIT || !buf)
		return;
	if (encoding_slip(buf, len, err))
		return;
	if (err->line < 1)
		return;
	read_sline(buf, len, err->line, &l);
	pn = prev_line(buf, len, err->line, &p);
	/* what is on the line itself first, then what a line-late report
	 * points past */
	if (value_slip(&l, err) || flow_slip(&l, err) || nospace_slip(&l, err) ||
	    repeat_slip(buf, len, &l, err) ||
	    continuation_slip(buf, len, &l, err) || indent_slip(buf, len, &l, err))
		return;
	if (pn && (value_slip(&p, err) || nospace_slip(&p, err) ||
		   continuation_slip(buf, len, &p, err)))
		return;
	unclosed_slip(buf, len, err->line, err);
}

/* ---- the loader's advice ---- */

static size_t edit_distance(const char *a, const char *b)
{
	size_t la = strlen(a), lb = strlen(b), d[32 + 1];

	if (la > 32 || lb > 32)
		return 99;
	for (size_t j = 0; j <= lb; j++)
		d[j] = j;
	for (size_t i = 1; i <= la; i++) {
		size_t diag = d[0];

		d[0] = i;
		for (size_t j = 1; j <= lb; j++) {
			size_t up = d[j], best = diag + (a[i - 1] != b[j - 1]);

			if (up + 1 < best)
				best = up + 1;
			if (d[j - 1] + 1 < best)
				best = d[j - 1] + 1;
			diag = up;
			d[j] = best;
		}
	}
	return d[lb];
}

const char *advice_near_key(const char *key, const char *const *allowed)
{
	/* what people call the keys in Vietnamese (folded) */
	static const struct { const char *word, *key; } names[] = {
		{"ma", "id"}, {"so", "id"}, {"so thu tu", "id"}, {"tieu de", "title"},
		{"ten", "title"}, {"noi dung", "text"}, {"van ban", "text"},
		{"nhiem vu", "items"}, {"muc", "items"}, {"cac muc", "items"},
		{"phan", "sections"}, {"cac phan", "sections"}, {"minh chung", "evidence"},
		{"bang chung", "evidence"}, {"thoi han", "deadline"}, {"han", "deadline"},
		{"chu tri", "responsible"}, {"don vi chu tri", "responsible"},
		{"trach nhiem", "responsible"}, {"nhan", "label"}, {"kieu", "type"},
		{"loai", "type"}, {"khoa", "key"}, {"co quan ban hanh", "issuer"},
		{"noi nhan", "recipients"}, {"nguon", "source"}, {"ngay", "date"},
		{"so ky hieu", "number"}, {"nguoi ky", "signer"}, {"evidences", "evidence"},
		{"item", "items"}, {"section", "sections"},
	};
	char *f = text_fold(key);
	const char *best = NULL;
	size_t best_d = 3;

	for (size_t i = 0; i < ARRAY_LEN(names) && !best; i++)
		if (!strcmp(f, names[i].word))
			for (size_t j = 0; allowed[j]; j++)
				if (!strcmp(allowed[j], names[i].key))
					best = allowed[j];
	if (!best) {
		for (size_t j = 0; allowed[j]; j++) {
			size_t d = edit_distance(f, allowed[j]);
			/* one slip in a short key, two in a long one */
			size_t limit = strlen(allowed[j]) <= 4 ? 1 : 2;

			if (d <= limit && d < best_d) {
				best = allowed[j];
				best_d = d;
			}
		}
	}
	free(f);
	return best;
}

/* Words that name a part of a document before its number. */
static const char *const part_words[] = {
	"muc", "phan", "dieu", "khoan", "diem", "chuong", "nhiem vu", "item", "section", NULL,
};

/* Bytes of the words at the start of s that name a part ("Mục ",
 * "Nhiệm vụ "), 0 if none. */
static size_t part_word(const char *s)
{
	for (size_t i = 0; part_words[i]; i++) {
		size_t words = 1, n = 0;

		for (const char *w = part_words[i]; *w; w++)
			words += *w == ' ';
		/* the same number of words of s */
		for (size_t k = 0; k < words; k++) {
			while (s[n] && s[n] != ' ')
				n++;
			if (k + 1 < words && s[n] == ' ')
				n++;
		}
		char *head = xstrndup(s, n), *f = text_fold(head);
		bool hit = !strcmp(f, part_words[i]);

		free(head);
		free(f);
		if (hit)
			return n;
	}
	return 0;
}

char *advice_item_id(const char *id)
{
	struct buf b = {0};
	const char *p = id;
	char *out;

	while (*p == ' ')
		p++;
	p += part_word(p);
	for (; *p; p++) {
		char c = *p;

		if (c == '(' || c == ')' || c == ' ' || c == '[' || c == ']')
			continue;
		if (c == ',' || c == '/' || c == '-' || c == ':')
			c = '.';
		if (c == '.' && (!b.len || b.data[b.len - 1] == '.'))
			continue;
		buf_addc(&b, c);
	}
	while (b.len && b.data[b.len - 1] == '.')
		b.data[--b.len] = '\0';
	out = b.len ? buf_steal(&b) : NULL;
	buf_free(&b);
	if (out && (!item_id_valid(out) || !strcmp(out, id))) {
		free(out);
		return NULL;
	}
	return out;
}

const char *advice_evidence_type(const char *word)
{
	char *f = text_fold(word);
	const char *t = NULL;

	if (strstr(f, "ngay") || strstr(f, "thoi gian") || strstr(f, "thang") || strstr(f, "day"))
		t = "date";
	else if (strstr(f, "so luong") || strstr(f, "so nguoi") || strstr(f, "dem") ||
		 !strcmp(f, "so") || strstr(f, "number") || strstr(f, "int") || strstr(f, "luot"))
		t = "count";
	else if (strstr(f, "van ban") || strstr(f, "chu") || strstr(f, "ghi chu") ||
		 strstr(f, "string") || strstr(f, "ky hieu") || strstr(f, "noi dung"))
		t = "text";
	free(f);
	return t;
}

char *advice_name(const char *s, char sep, size_t max)
{
	char *f = text_fold(s);
	struct buf b = {0};
	bool gap = false;

	for (const char *p = f; *p && b.len < max; p++) {
		char c = *p;

		if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
			if (gap && b.len)
				buf_addc(&b, sep);
			if (!b.len && sep == '_' && c >= '0' && c <= '9')
				buf_adds(&b, "so_");
			buf_addc(&b, c);
			gap = false;
		} else {
			gap = true;
		}
	}
	free(f);
	if (!b.len)
		return NULL;
	if (b.len > max) {
		b.data[max] = '\0';
		b.len = max;
	}
	while (b.len && b.data[b.len - 1] == sep)
		b.data[--b.len] = '\0';
	return buf_steal(&b);
}
