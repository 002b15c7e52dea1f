/* Copyright 2026 the dvk developers.  SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * import.c: reading the list of units an office already keeps in a
 * spreadsheet (saved as CSV) into the roster (see roster.h).
 *
 * Offices export from Excel in whatever the machine's list separator is
 * (',' in English, ';' in Vietnamese Windows), sometimes as "CSV UTF-8"
 * with a byte-order mark and sometimes in the old Windows-1258 code page,
 * with headers in Vietnamese ("Tên đơn vị") or English.  So the separator
 * is found from the header row, headers are matched folded ("ten don vi"),
 * and bytes that are not UTF-8 are read as Windows-1258.
 */
#include "roster/roster.h"

#include <errno.h>
#include <iconv.h>
#include <stdlib.h>
#include <string.h>

#include "store/store.h"
#include "text/text.h"

enum col_role { COL_IGNORE, COL_ID, COL_NAME, COL_PARENT, COL_CONTACT };

/* Header cells, folded to ASCII words (see header_key). */
static const struct {
	const char *key;
	enum col_role role;
} header_names[] = {
	{ "id", COL_ID }, { "ma", COL_ID }, { "ma don vi", COL_ID }, { "ma dv", COL_ID },
	{ "ma so", COL_ID }, { "ma dinh danh", COL_ID }, { "ma co quan", COL_ID },
	{ "unit", COL_ID }, { "unit id", COL_ID }, { "code", COL_ID }, { "unit code", COL_ID },
	{ "name", COL_NAME }, { "ten", COL_NAME }, { "ten don vi", COL_NAME },
	{ "ten dv", COL_NAME }, { "don vi", COL_NAME }, { "ten co quan", COL_NAME },
	{ "co quan", COL_NAME }, { "unit name", COL_NAME }, { "co quan don vi", COL_NAME },
	{ "ten co quan don vi", COL_NAME },
	{ "parent", COL_PARENT }, { "parent id", COL_PARENT }, { "parent unit", COL_PARENT },
	{ "cap tren", COL_PARENT }, { "don vi cap tren", COL_PARENT }, { "ma cap tren", COL_PARENT },
	{ "ma don vi cap tren", COL_PARENT }, { "co quan cap tren", COL_PARENT },
	{ "thuoc", COL_PARENT }, { "huyen", COL_PARENT }, { "quan huyen", COL_PARENT },
	{ "thuoc huyen", COL_PARENT }, { "district", COL_PARENT },
	{ "contact", COL_CONTACT }, { "lien he", COL_CONTACT }, { "nguoi lien he", COL_CONTACT },
	{ "dau moi", COL_CONTACT }, { "can bo dau moi", COL_CONTACT },
	{ "nguoi phu trach", COL_CONTACT }, { "can bo phu trach", COL_CONTACT },
	{ "phone", COL_CONTACT }, { "telephone", COL_CONTACT }, { "tel", COL_CONTACT },
	{ "dien thoai", COL_CONTACT }, { "so dien thoai", COL_CONTACT }, { "sdt", COL_CONTACT },
	{ "dt", COL_CONTACT }, { "email", COL_CONTACT }, { "e mail", COL_CONTACT },
	{ "mail", COL_CONTACT }, { "thu dien tu", COL_CONTACT },
};

/* One cell, with where it starts for error messages. */
struct cell {
	char *s;
	int line, col;
};

struct row {
	struct cell *cells;
	size_t n, cap;
	int line;
};

struct table {
	struct row *rows;
	size_t n, cap;
};

static void table_free(struct table *t)
{
	for (size_t i = 0; i < t->n; i++) {
		for (size_t k = 0; k < t->rows[i].n; k++)
			free(t->rows[i].cells[k].s);
		free(t->rows[i].cells);
	}
	free(t->rows);
}

/* ------------------------------------------------------------------ */
/* Bytes to text                                                       */
/* ------------------------------------------------------------------ */

/* buf as UTF-8 (caller frees): as it is, or converted from Windows-1258
 * when it is not valid UTF-8.  NULL when neither works. */
static char *to_utf8(const char *buf, size_t len, bool *converted)
{
	iconv_t cd;
	char *out, *in = (char *)buf, *o;
	size_t inleft = len, cap = len * 4 + 16, outleft = cap;

	if (len >= 3 && memcmp(buf, "\xEF\xBB\xBF", 3) == 0) {
		buf += 3;
		len -= 3;
	}
	*converted = false;
	if (text_valid_utf8(buf, len, NULL) && !memchr(buf, '\0', len))
		return xstrndup(buf, len);
	cd = iconv_open("UTF-8", "CP1258");
	if (cd == (iconv_t)-1)
		return NULL;
	out = o = xmalloc(cap);
	in = (char *)buf;
	inleft = len;
	if (iconv(cd, &in, &inleft, &o, &outleft) == (size_t)-1 ||
	    iconv(cd, NULL, NULL, &o, &outleft) == (size_t)-1 || memchr(out, '\0', cap - outleft)) {
		iconv_close(cd);
		free(out);
		return NULL;
	}
	iconv_close(cd);
	*o = '\0';
	*converted = true;
	return out;
}

/* ------------------------------------------------------------------ */
/* CSV                                                                 */
/* ------------------------------------------------------------------ */

/* The separator that splits the first line into most cells, outside
 * quotes; ',' when none does. */
static char guess_sep(const char *s)
{
	static const char cands[] = { ',', ';', '\t', '|' };
	size_t count[4] = { 0 }, best = 0;
	bool quoted = false;

	for (const char *p = s; *p && (quoted || (*p != '\n' && *p != '\r')); p++) {
		if (*p == '"')
			quoted = !quoted;
		else if (!quoted)
			for (size_t k = 0; k < 4; k++)
				count[k] += *p == cands[k];
	}
	for (size_t k = 1; k < 4; k++)
		if (count[k] > count[best])
			best = k;
	return count[best] ? cands[best] : ',';
}

static void row_add(struct row *r, struct buf *cell, int line, int col)
{
	GROW(r->cells, r->n + 1, r->cap);
	buf_add(cell, "", 0);
	r->cells[r->n].s = buf_steal(cell);
	r->cells[r->n].line = line;
	r->cells[r->n].col = col;
	r->n++;
}

/* Split text into rows of cells (RFC 4180 with any separator; a quote
 * only opens a quoted cell at its start, as Excel reads them). */
static int parse_csv(const char *s, char sep, const char *path, struct table *t,
		     struct dvk_error *err)
{
	struct row cur = { 0 };
	struct buf cell = { 0 };
	int line = 1, col = 1, cline = 1, ccol = 1;
	bool quoted = false, started = false;
	const char *p = s;

	cur.line = 1;
	for (;;) {
		char c = *p;

		if (quoted) {
			if (!c) {
				buf_free(&cell);
				for (size_t k = 0; k < cur.n; k++)
					free(cur.cells[k].s);
				free(cur.cells);
				return dvk_error_setc(err, DVK_E_SYNTAX, path, cline, ccol, "%s",
						      _("a quoted cell is never closed"));
			}
			if (c == '"' && p[1] == '"') {
				buf_addc(&cell, '"');
				p += 2;
				col += 2;
				continue;
			}
			if (c == '"') {
				quoted = false;
			} else {
				buf_addc(&cell, c);
				if (c == '\n')
					line++, col = 0;
			}
			p++;
			col++;
			continue;
		}
		if (c == '"' && !started && cell.len == 0) {
			quoted = started = true;
			p++;
			col++;
			continue;
		}
		if (c == sep || c == '\n' || c == '\r' || !c) {
			bool blank_line = cur.n == 0 && !started && cell.len == 0 && c != sep;

			if (!blank_line)
				row_add(&cur, &cell, cline, ccol);
			else
				buf_free(&cell);
			if (c != sep) {
				if (cur.n) {
					GROW(t->rows, t->n + 1, t->cap);
					t->rows[t->n++] = cur;
				}
				memset(&cur, 0, sizeof cur);
				if (c == '\r' && p[1] == '\n')
					p++;
				if (!c)
					break;
				line++;
				col = 0;
				cur.line = line;
			}
			p++;
			col++;
			cline = line;
			ccol = col;
			started = false;
			continue;
		}
		buf_addc(&cell, c);
		started = true;
		p++;
		col++;
	}
	buf_free(&cell);
	return 1;
}

/* ------------------------------------------------------------------ */
/* Columns                                                             */
/* ------------------------------------------------------------------ */

/* "Tên đơn vị (*):" → "ten don vi". */
static char *header_key(const char *s)
{
	char *f = text_fold(s), *o = f;
	bool space = true;

	for (const char *p = f; *p; p++) {
		unsigned char c = (unsigned char)*p;

		if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c >= 0x80) {
			*o++ = (char)c;
			space = false;
		} else if (!space) {
			*o++ = ' ';
			space = true;
		}
	}
	while (o > f && o[-1] == ' ')
		o--;
	*o = '\0';
	/* "(*)" and similar marks of a required column leave nothing. */
	return f;
}

static enum col_role role_of(const char *header)
{
	char *k = header_key(header);
	enum col_role r = COL_IGNORE;

	for (size_t i = 0; i < ARRAY_LEN(header_names); i++)
		if (strcmp(k, header_names[i].key) == 0) {
			r = header_names[i].role;
			break;
		}
	free(k);
	return r;
}

char *roster_id_from_name(const char *name)
{
	static const char *const drop[] = { "ubnd ", "uy ban nhan dan " };
	char *f = text_fold(name ? name : ""), *p = f, *out, *o;
	bool dash = true;

	for (size_t i = 0; i < ARRAY_LEN(drop); i++)
		if (strncmp(p, drop[i], strlen(drop[i])) == 0 && p[strlen(drop[i])]) {
			p += strlen(drop[i]);
			break;
		}
	out = o = xmalloc(strlen(p) + 1);
	for (; *p; p++) {
		unsigned char c = (unsigned char)*p;

		if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
			*o++ = (char)c;
			dash = false;
		} else if (!dash) {
			*o++ = '-';
			dash = true;
		}
	}
	while (o > out && o[-1] == '-')
		o--;
	*o = '\0';
	free(f);
	if (!*out || !unit_id_valid(out)) {
		free(out);
		return NULL;
	}
	return out;
}

/* ------------------------------------------------------------------ */
/* Importing                                                           */
/* ------------------------------------------------------------------ */

/* One unit read from a row, before it goes into the roster. */
struct pending {
	char *id, *name, *parent, *contact;
	const struct cell *at; /* where it came from */
	bool parent_by_name;
};

static void pending_free(struct pending *v, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		free(v[i].id);
		free(v[i].name);
		free(v[i].parent);
		free(v[i].contact);
	}
	free(v);
}

static char *trimmed(const char *s)
{
	size_t n;
	char *t;

	while (*s == ' ' || *s == '\t')
		s++;
	n = strlen(s);
	while (n && (s[n - 1] == ' ' || s[n - 1] == '\t'))
		n--;
	t = xstrndup(s, n);
	return t;
}

/* A parent cell: an id as it is, else the name of a unit on the roster
 * or in this import, else the id its name gives. */
static char *parent_id(const char *cell, const struct roster *r, const struct pending *v, size_t n)
{
	char *key;

	if (unit_id_valid(cell))
		return xstrdup(cell);
	key = text_fold(cell);
	for (size_t i = 0; i < n; i++) {
		char *k = v[i].name ? text_fold(v[i].name) : NULL;
		bool same = k && strcmp(k, key) == 0;

		free(k);
		if (same) {
			free(key);
			return xstrdup(v[i].id);
		}
	}
	for (size_t i = 0; i < roster_count(r); i++) {
		const struct roster_unit *u = roster_unit_at(r, i);
		char *k = u->name ? text_fold(u->name) : NULL;
		bool same = k && strcmp(k, key) == 0;

		free(k);
		if (same) {
			free(key);
			return xstrdup(u->id);
		}
	}
	free(key);
	return roster_id_from_name(cell);
}

static int read_rows(const struct table *t, const enum col_role *roles, const char *path,
		     struct roster_import *out, struct pending **pv, size_t *pn,
		     struct dvk_error *err)
{
	struct pending *v = NULL;
	size_t n = 0, cap = 0;

	for (size_t i = 1; i < t->n; i++) {
		const struct row *row = &t->rows[i];
		struct pending p = { 0 };
		struct buf contact = { 0 };
		bool any = false, made;

		for (size_t k = 0; k < row->n && k < t->rows[0].n; k++) {
			char *s = trimmed(row->cells[k].s);

			if (!*s) {
				free(s);
				continue;
			}
			switch (roles[k]) {
			case COL_ID:
				free(p.id);
				p.id = s;
				p.at = &row->cells[k];
				any = true;
				continue;
			case COL_NAME:
				free(p.name);
				p.name = s;
				if (!p.at)
					p.at = &row->cells[k];
				any = true;
				continue;
			case COL_PARENT:
				free(p.parent);
				p.parent = s;
				continue;
			case COL_CONTACT:
				if (contact.len)
					buf_adds(&contact, ", ");
				buf_adds(&contact, s);
				break;
			default:
				break;
			}
			free(s);
		}
		if (contact.len)
			p.contact = buf_steal(&contact);
		buf_free(&contact);
		if (!any) {
			/* A row with only a number (STT) or a contact is a
			 * heading or a blank line of the sheet. */
			free(p.parent);
			free(p.contact);
			continue;
		}
		made = !p.id;
		if (!p.id) {
			p.id = roster_id_from_name(p.name);
			out->ids_made = true;
			if (!p.id) {
				dvk_error_setc(err, DVK_E_INVALID, path, p.at->line, p.at->col,
					       _("no id can be made from the name \"%s\": add an id column"),
					       p.name);
				goto fail;
			}
		} else if (!unit_id_valid(p.id)) {
			dvk_error_setc(err, DVK_E_INVALID, path, p.at->line, p.at->col,
				       _("bad unit id \"%s\": use lower-case letters, digits, '.', '_' and '-' (e.g. xa-quang-hoa)"),
				       p.id);
			goto fail;
		}
		for (size_t j = 0; j < n; j++)
			if (strcmp(v[j].id, p.id) == 0) {
				dvk_error_setc(err, DVK_E_INVALID, path, p.at->line, p.at->col,
					       made ? _("two rows give the unit id %s (the other is on line %d): add an id column")
						       : _("two rows give the unit id %s (the other is on line %d)"),
					       p.id, v[j].at->line);
				goto fail;
			}
		GROW(v, n + 1, cap);
		v[n++] = p;
		out->rows++;
		continue;
fail:
		free(p.id);
		free(p.name);
		free(p.parent);
		free(p.contact);
		pending_free(v, n);
		return 0;
	}
	*pv = v;
	*pn = n;
	return 1;
}

int roster_import_csv(struct roster *r, const char *buf, size_t len, const char *path,
		      char sep, struct roster_import *out, struct dvk_error *err)
{
	struct table t = { 0 };
	enum col_role *roles = NULL;
	struct pending *v = NULL;
	size_t n = 0;
	bool has_id = false, has_name = false;
	char *text;
	int ok = 0;

	memset(out, 0, sizeof *out);
	text = to_utf8(buf, len, &out->from_cp1258);
	if (!text)
		return dvk_error_setc(err, DVK_E_SYNTAX, path, 0, 0, "%s",
				      _("the file is neither UTF-8 nor Windows-1258 text; in Excel use \"Save as\" → \"CSV UTF-8\""));
	out->sep = sep ? sep : guess_sep(text);
	if (!parse_csv(text, out->sep, path, &t, err))
		goto done;
	if (t.n == 0) {
		dvk_error_setc(err, DVK_E_SCHEMA, path, 0, 0, "%s", _("the file has no rows"));
		goto done;
	}
	roles = xcalloc(t.rows[0].n, sizeof *roles);
	for (size_t k = 0; k < t.rows[0].n; k++) {
		roles[k] = role_of(t.rows[0].cells[k].s);
		/* A second id or name column is kept but not used. */
		if ((roles[k] == COL_ID && has_id) || (roles[k] == COL_NAME && has_name))
			roles[k] = COL_IGNORE;
		has_id |= roles[k] == COL_ID;
		has_name |= roles[k] == COL_NAME;
		if (roles[k] == COL_IGNORE && *t.rows[0].cells[k].s) {
			size_t cap = out->nignored;

			GROW(out->ignored, out->nignored + 1, cap);
			out->ignored[out->nignored++] = text_nfc(t.rows[0].cells[k].s);
		}
	}
	if (!has_id && !has_name) {
		dvk_error_setc(err, DVK_E_SCHEMA, path, 1, 1, "%s",
			       _("the first row names no id or unit name column (for example \"Mã đơn vị\", \"Tên đơn vị\", or \"id\", \"name\")"));
		goto done;
	}
	if (!read_rows(&t, roles, path, out, &v, &n, err))
		goto done;
	/* Parents are resolved once every row is known, so a district may
	 * be listed after its communes. */
	for (size_t i = 0; i < n; i++) {
		char *pid;

		if (!v[i].parent)
			continue;
		pid = parent_id(v[i].parent, r, v, n);
		free(v[i].parent);
		v[i].parent = pid;
		if (pid && strcmp(pid, v[i].id) == 0) {
			dvk_error_setc(err, DVK_E_INVALID, path, v[i].at->line, v[i].at->col,
				       _("unit %s cannot be its own parent"), v[i].id);
			goto done;
		}
	}
	for (size_t i = 0; i < n; i++) {
		int rc = roster_set_unit(r, v[i].id, v[i].name, v[i].parent, v[i].contact, err);

		/* Every value was checked above, so this cannot fail. */
		out->added += rc == ROSTER_ADDED;
		out->updated += rc == ROSTER_UPDATED;
		out->unchanged += rc == ROSTER_UNCHANGED;
	}
	ok = 1;
done:
	if (!ok)
		roster_import_free(out);
	pending_free(v, n);
	free(roles);
	table_free(&t);
	free(text);
	return ok;
}

void roster_import_free(struct roster_import *im)
{
	for (size_t i = 0; i < im->nignored; i++)
		free(im->ignored[i]);
	free(im->ignored);
	im->ignored = NULL;
	im->nignored = 0;
}
