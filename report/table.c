/*
 * table.c: what the text and Markdown writers share: clean text, days,
 * tables aligned by display width, and the completion matrix (see
 * internal.h).
 */
#include "report/internal.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "text/text.h"

#define NAME_COLS 32 /* the unit column of the text matrix */

/* ------------------------------------------------------------------ */
/* Clean text                                                          */
/* ------------------------------------------------------------------ */

void rpt_clean(struct buf *b, const char *s, bool md)
{
	/* CommonMark lets any ASCII punctuation be escaped; these are the
	 * ones that could start emphasis, code, links, HTML, entities or
	 * break a table cell.  Runs of other bytes are copied whole: a
	 * report cleans every name and value it prints, and adding them a
	 * byte at a time was a tenth of writing one. */
	const char *special = md ? "\n\\`*_[]<>|&~#" : "\n";
	char *c = text_sanitize(s ? s : "", true);

	buf_add(b, "", 0);
	for (const char *p = c; *p; p++) {
		size_t run = strcspn(p, special);

		buf_add(b, p, run);
		p += run;
		if (!*p)
			break;
		if (*p == '\n') {
			buf_addc(b, ' ');
			continue;
		}
		buf_addc(b, '\\');
		buf_addc(b, *p);
	}
	free(c);
}

const char *rpt_day(int64_t ms, char *buf, size_t n)
{
	char full[32];

	if (ms <= 0) {
		snprintf(buf, n, "–");
		return buf;
	}
	time_format(ms, full, sizeof full);
	snprintf(buf, n, "%.10s", full);
	return buf;
}

/* ------------------------------------------------------------------ */
/* Tables                                                              */
/* ------------------------------------------------------------------ */

struct rcell {
	char *s;
	bool trusted;
};

struct rtable {
	size_t ncols, n, cap;
	struct rcell *cells;
	bool *right;
	int *maxw;
};

struct rtable *rtable_new(size_t ncols)
{
	struct rtable *t = xcalloc(1, sizeof *t);

	t->ncols = ncols;
	t->right = xcalloc(ncols, sizeof *t->right);
	t->maxw = xcalloc(ncols, sizeof *t->maxw);
	return t;
}

void rtable_align(struct rtable *t, size_t col, bool right, int maxw)
{
	t->right[col] = right;
	t->maxw[col] = maxw;
}

static void cell_push(struct rtable *t, char *s, bool trusted)
{
	if (t->n == t->cap) {
		t->cap = t->cap ? t->cap * 2 : 64;
		t->cells = xrealloc(t->cells, t->cap * sizeof *t->cells);
	}
	t->cells[t->n].s = s;
	t->cells[t->n].trusted = trusted;
	t->n++;
}

void rtable_add(struct rtable *t, const char *s)
{
	cell_push(t, xstrdup(s ? s : ""), false);
}

void rtable_addf(struct rtable *t, const char *fmt, ...)
{
	struct buf b = {0};
	va_list ap;

	va_start(ap, fmt);
	buf_vprintf(&b, fmt, ap);
	va_end(ap);
	buf_add(&b, "", 0);
	cell_push(t, buf_steal(&b), true);
}

void rtable_free(struct rtable *t)
{
	if (!t)
		return;
	for (size_t i = 0; i < t->n; i++)
		free(t->cells[i].s);
	free(t->cells);
	free(t->right);
	free(t->maxw);
	free(t);
}

/* The cell as it is shown: cleaned unless trusted, and in text cut to
 * the column's limit. */
static char *cell_text(const struct rtable *t, size_t i, bool md)
{
	const struct rcell *c = &t->cells[i];
	int maxw = t->maxw[i % t->ncols];
	struct buf b = {0};
	int used;

	if (c->trusted)
		buf_adds(&b, c->s);
	else
		rpt_clean(&b, c->s, md);
	buf_add(&b, "", 0);
	if (!md && maxw > 1 && text_width(b.data) > maxw) {
		size_t keep = text_fit(b.data, maxw - 1, &used);

		b.len = keep;
		b.data[keep] = '\0';
		buf_adds(&b, "…");
	}
	return buf_steal(&b);
}

void rtable_write(const struct rtable *t, FILE *f, bool md)
{
	size_t nrows = t->n / t->ncols;
	char **shown = xcalloc(t->n ? t->n : 1, sizeof *shown);
	int *w = xcalloc(t->ncols, sizeof *w);

	for (size_t i = 0; i < nrows * t->ncols; i++) {
		int cw;

		shown[i] = cell_text(t, i, md);
		cw = text_width(shown[i]);
		if (cw > w[i % t->ncols])
			w[i % t->ncols] = cw;
	}
	for (size_t r = 0; r < nrows; r++) {
		for (size_t c = 0; c < t->ncols; c++) {
			const char *s = shown[r * t->ncols + c];
			int pad = w[c] - text_width(s);

			if (md) {
				fprintf(f, "| %s ", s);
				continue;
			}
			if (c > 0)
				fputc(' ', f);
			for (int k = 0; t->right[c] && k < pad; k++)
				fputc(' ', f);
			fputs(s, f);
			/* No trailing blanks after the last column. */
			for (int k = 0; !t->right[c] && c + 1 < t->ncols && k < pad; k++)
				fputc(' ', f);
		}
		fputs(md ? "|\n" : "\n", f);
		if (md && r == 0) {
			for (size_t c = 0; c < t->ncols; c++)
				fputs(t->right[c] ? "|---:" : "|---", f);
			fputs("|\n", f);
		}
	}
	for (size_t i = 0; i < nrows * t->ncols; i++)
		free(shown[i]);
	free(shown);
	free(w);
}

/* ------------------------------------------------------------------ */
/* The matrix                                                          */
/* ------------------------------------------------------------------ */

static void percent_cells(struct rtable *t, const struct directive *d,
			  const struct progress *sec, const struct progress *all)
{
	char pct[16];

	for (size_t s = 0; s < d->nsections; s++)
		rtable_addf(t, "%s", report_percent(&sec[s], pct, sizeof pct));
	rtable_addf(t, "%s", report_percent(all, pct, sizeof pct));
}

struct rtable *rpt_matrix(const struct report *r, bool by_parent, bool md)
{
	const struct directive *d = r->d;
	size_t ncols = 1 + d->nsections + 3, conflicts = 0;
	struct rtable *t = rtable_new(ncols);
	char day[16];

	rtable_align(t, 0, false, NAME_COLS);
	for (size_t c = 1; c < ncols; c++)
		rtable_align(t, c, true, 0);
	if (by_parent)
		rtable_addf(t, "%s", NC_("column", "parent_name"));
	else
		rtable_addf(t, "%s", NC_("column", "unit_name"));
	for (size_t s = 0; s < d->nsections; s++)
		rtable_add(t, d->sections[s].id);
	rtable_addf(t, "%s", NC_("column", "overall"));
	rtable_addf(t, "%s", NC_("column", "conflict"));
	rtable_addf(t, "%s", by_parent ? NC_("column", "units") : NC_("column", "last_edit"));
	if (by_parent) {
		for (size_t g = 0; g < r->ngroups; g++) {
			const struct report_group *gr = &r->groups[g];

			rtable_add(t, gr->name);
			percent_cells(t, d, gr->sec, &gr->all);
			rtable_addf(t, "%zu", gr->nconflicts);
			rtable_addf(t, "%zu", gr->nunits);
		}
	} else {
		for (size_t u = 0; u < r->nunits; u++) {
			const struct report_unit *ru = &r->units[u];

			if (r->opts.roster && !ru->on_roster) {
				/* Marked: a file from a unit the roster lacks. */
				char *marked = xasprintf("%s *", ru->name);

				rtable_add(t, marked);
				free(marked);
			} else {
				rtable_add(t, ru->name);
			}
			percent_cells(t, d, ru->sec, &ru->all);
			rtable_addf(t, "%zu", ru->nconflicts);
			rtable_addf(t, "%s", rpt_day(ru->last_at, day, sizeof day));
		}
	}
	for (size_t u = 0; u < r->nunits; u++)
		conflicts += r->units[u].nconflicts;
	if (md)
		rtable_addf(t, "**%s**", _("Total"));
	else
		rtable_addf(t, "%s", _("Total"));
	for (size_t s = 0; s < d->nsections; s++) {
		char pct[16];

		rtable_addf(t, "%s", report_percent(&r->sections[s].items, pct, sizeof pct));
	}
	{
		char pct[16];

		rtable_addf(t, "%s", report_percent(&r->all, pct, sizeof pct));
	}
	rtable_addf(t, "%zu", conflicts);
	if (by_parent)
		rtable_addf(t, "%zu", r->nunits);
	else
		rtable_addf(t, "%s", rpt_day(r->last_at, day, sizeof day));
	return t;
}

