/*
 * format.c: writing a report as text, Markdown, CSV or JSON (see
 * report.h).  The draft is in draft.c; both take every figure from the
 * same struct report and the same table code.
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
			for (int k = 0; !t->right[c] && k < pad; k++)
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
		rtable_addf(t, "Đơn vị cấp trên");
	else
		rtable_addf(t, "Đơn vị");
	for (size_t s = 0; s < d->nsections; s++)
		rtable_add(t, d->sections[s].id);
	rtable_addf(t, "Chung");
	rtable_addf(t, "Xung đột");
	rtable_addf(t, by_parent ? "Số đơn vị" : "Cập nhật");
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

			rtable_add(t, ru->name);
			percent_cells(t, d, ru->sec, &ru->all);
			rtable_addf(t, "%zu", ru->nconflicts);
			rtable_addf(t, "%s", rpt_day(ru->last_at, day, sizeof day));
		}
	}
	for (size_t u = 0; u < r->nunits; u++)
		conflicts += r->units[u].nconflicts;
	rtable_addf(t, md ? "**Tổng cộng**" : "Tổng cộng");
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

/* ------------------------------------------------------------------ */
/* Text and Markdown                                                   */
/* ------------------------------------------------------------------ */

struct doc {
	FILE *f;
	bool md;
};

/* One line at an indent, as a list entry in Markdown. */
static void doc_line(const struct doc *dc, int indent, const struct buf *b)
{
	for (int i = 0; i < indent; i++)
		fputs("  ", dc->f);
	if (dc->md)
		fputs("- ", dc->f);
	fputs(b->data ? b->data : "", dc->f);
	fputc('\n', dc->f);
}

static void doc_heading(const struct doc *dc, int level, const char *trusted, const char *from_file)
{
	struct buf b = {0};

	buf_adds(&b, trusted);
	if (from_file)
		rpt_clean(&b, from_file, dc->md);
	fputc('\n', dc->f);
	if (dc->md) {
		for (int i = 0; i < level; i++)
			fputc('#', dc->f);
		fprintf(dc->f, " %s\n\n", b.data);
	} else {
		fprintf(dc->f, "%s\n", b.data);
		if (level <= 2) {
			for (int i = text_width(b.data); i > 0; i--)
				fputc(level == 1 ? '=' : '-', dc->f);
			fputc('\n', dc->f);
		}
	}
	buf_free(&b);
}

static void add_progress(struct buf *b, const struct progress *p)
{
	char pct[16];

	buf_printf(b, "%u đã xong, %u đang làm, %u chưa làm, %u không áp dụng", p->done,
		   p->in_progress, p->todo, p->na);
	if (p->conflict)
		buf_printf(b, ", %u xung đột", p->conflict);
	buf_printf(b, " (%s)", report_percent(p, pct, sizeof pct));
}

static void add_units(struct buf *b, const unsigned units[REPORT__NSTATES])
{
	buf_printf(b, "%u đã hoàn thành, %u đang thực hiện, %u chưa triển khai, %u không áp dụng",
		   units[REPORT_DONE], units[REPORT_IN_PROGRESS], units[REPORT_NOT_STARTED],
		   units[REPORT_NA]);
}

/* "label: value" of a total; section-wide dates merge several labels,
 * so they are called by what they are, the time span. */
static bool add_total(struct buf *b, const struct report_total *t, bool md, bool merged)
{
	if (!t->nvalues)
		return false;
	if (t->type == EVIDENCE_DATE && merged) {
		buf_adds(b, "Thời gian");
	} else {
		rpt_clean(b, t->label, md);
	}
	switch (t->type) {
	case EVIDENCE_COUNT:
		buf_printf(b, ": %llu", t->sum);
		break;
	case EVIDENCE_DATE:
		if (strcmp(t->first, t->last) == 0)
			buf_printf(b, ": %s", t->first);
		else
			buf_printf(b, ": %s – %s", t->first, t->last);
		break;
	case EVIDENCE_TEXT:
		buf_printf(b, ": %zu mục", t->nvalues);
		break;
	}
	return true;
}

static void add_totals(struct buf *b, const struct report_total *t, size_t n, bool md, bool merged)
{
	bool any = false;

	for (size_t i = 0; i < n; i++) {
		size_t before = b->len;

		if (any)
			buf_adds(b, "; ");
		if (add_total(b, &t[i], md, merged))
			any = true;
		else
			b->len = before, b->data[before] = '\0';
	}
	if (!any)
		buf_adds(b, "chưa có");
}

/* The texts of activities from..to-1 (free with texts_free). */
static const char ***texts_load(const struct report *r, size_t from, size_t to)
{
	const char ***tx = xcalloc(to > from ? to - from : 1, sizeof *tx);

	for (size_t a = from; a < to; a++)
		tx[a - from] = report_act_texts(r, &r->acts[a]);
	return tx;
}

static void texts_free(const char ***tx, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(tx[i]);
	free(tx);
}

/* Index of the first activity of each item (acts are sorted by item). */
static size_t *act_starts(const struct report *r)
{
	size_t *start = xcalloc(r->d->nitems + 1, sizeof *start), a = 0;

	for (size_t i = 0; i <= r->d->nitems; i++) {
		while (a < r->nacts && r->acts[a].item < i)
			a++;
		start[i] = a;
	}
	return start;
}

static void doc_item(const struct doc *dc, const struct report *r, size_t i, const size_t *start)
{
	const struct item *it = &r->d->items[i];
	const struct report_item *ri = &r->items[i];
	struct buf b = {0};
	const char ***tx = texts_load(r, start[i], start[i + 1]);
	char day[11];

	buf_printf(&b, dc->md ? "**%s** " : "%s  ", it->id);
	rpt_clean(&b, it->text, dc->md);
	doc_line(dc, 1, &b);
	b.len = 0;
	buf_printf(&b, "Đơn vị: %u đã xong, %u đang làm, %u chưa làm, %u không áp dụng",
		   ri->units[STATUS_DONE], ri->units[STATUS_IN_PROGRESS], ri->units[STATUS_TODO],
		   ri->units[STATUS_NA]);
	if (ri->units[STATUS_CONFLICT])
		buf_printf(&b, ", %u xung đột", ri->units[STATUS_CONFLICT]);
	buf_printf(&b, "; %zu hoạt động", ri->nacts);
	if (ri->approved || ri->needs_work)
		buf_printf(&b, "; rà soát: %u đạt, %u cần bổ sung", ri->approved, ri->needs_work);
	doc_line(dc, 2, &b);
	for (size_t k = 0; k < it->nevidence; k++) {
		const struct report_total *t = &ri->fields[k];

		b.len = 0;
		if (!add_total(&b, t, dc->md, false))
			continue;
		doc_line(dc, 2, &b);
		if (t->type != EVIDENCE_TEXT)
			continue;
		for (size_t a = start[i]; a < start[i + 1]; a++) {
			const struct report_activity *ra = &r->acts[a];
			const char *v = tx[a - start[i]][k];

			if (!v)
				continue;
			b.len = 0;
			rpt_clean(&b, v, dc->md);
			buf_adds(&b, " — ");
			rpt_clean(&b, r->units[ra->unit].name, dc->md);
			if (ra->day)
				buf_printf(&b, ", %s", report_day(ra->day, day));
			doc_line(dc, 3, &b);
		}
	}
	texts_free(tx, start[i + 1] - start[i]);
	buf_free(&b);
}

static void doc_sections(const struct doc *dc, const struct report *r)
{
	const struct directive *d = r->d;
	size_t *start = act_starts(r);
	struct buf b = {0};

	doc_heading(dc, 2, "Theo nhóm nhiệm vụ", NULL);
	for (size_t s = 0; s < d->nsections; s++) {
		const struct report_section *rs = &r->sections[s];
		struct buf h = {0};

		rpt_clean(&h, d->sections[s].id, dc->md);
		buf_adds(&h, ". ");
		doc_heading(dc, 3, h.data, d->sections[s].title);
		buf_free(&h);
		b.len = 0;
		buf_adds(&b, "Đơn vị: ");
		add_units(&b, rs->units);
		doc_line(dc, 0, &b);
		b.len = 0;
		buf_adds(&b, "Lượt nhiệm vụ: ");
		add_progress(&b, &rs->items);
		doc_line(dc, 0, &b);
		b.len = 0;
		buf_printf(&b, "Số liệu (%zu hoạt động): ", rs->nacts);
		add_totals(&b, rs->fields, rs->nfields, dc->md, true);
		doc_line(dc, 0, &b);
		for (size_t i = d->sections[s].first_item;
		     i < d->sections[s].first_item + d->sections[s].nitems; i++)
			doc_item(dc, r, i, start);
	}
	buf_free(&b);
	free(start);
}

/* The parent's display name of a unit. */
static const char *parent_name(const struct report *r, const struct report_unit *u)
{
	const struct report_unit *p = u->parent ? report_find_unit(r, u->parent) : NULL;

	return p ? p->name : u->parent;
}

static void add_open_items(struct buf *b, const struct report *r, const struct report_unit *u,
			   bool md)
{
	bool first = true;

	for (size_t i = 0; i < r->d->nitems; i++) {
		if (u->status[i] == STATUS_DONE || u->status[i] == STATUS_NA)
			continue;
		buf_adds(b, first ? "" : ", ");
		rpt_clean(b, r->d->items[i].id, md);
		if (u->status[i] == STATUS_CONFLICT)
			buf_adds(b, " (xung đột)");
		first = false;
	}
}

static void add_reviews(struct buf *b, const struct report *r, size_t u, bool md)
{
	const struct report_unit *ru = &r->units[u];
	struct report_detail dt;

	buf_printf(b, "Rà soát: %u đạt, %u cần bổ sung", ru->approved, ru->needs_work);
	if (!ru->needs_work || !report_detail_load(r, u, &dt))
		return;
	for (size_t i = 0; i < dt.n; i++) {
		const struct report_item_detail *it = &dt.items[i];

		if (it->item == (size_t)-1 || !it->review || strcmp(it->review, "needs-work") != 0)
			continue;
		buf_adds(b, "; ");
		rpt_clean(b, it->id, md);
		if (it->review_comment && *it->review_comment) {
			buf_adds(b, ": ");
			rpt_clean(b, it->review_comment, md);
		}
	}
	report_detail_free(&dt);
}

static const char *status_vi(enum status s)
{
	switch (s) {
	case STATUS_TODO: return "chưa làm";
	case STATUS_IN_PROGRESS: return "đang làm";
	case STATUS_DONE: return "đã xong";
	case STATUS_NA: return "không áp dụng";
	default: return "xung đột";
	}
}

/* What the unit's file holds that this revision of the directive lacks,
 * apart from its progress: items no longer in the directive, and values
 * of evidence fields dropped or retyped. */
static void doc_orphans(const struct doc *dc, const struct report *r, size_t u, struct buf *b)
{
	struct report_detail dt;
	bool any = false;

	if (!report_detail_load(r, u, &dt))
		return;
	b->len = 0;
	for (size_t i = 0; i < dt.n; i++) {
		if (dt.items[i].item != (size_t)-1)
			continue;
		if (!any)
			buf_printf(b, "Mục không còn trong văn bản (bản sửa đổi %u; không tính vào tiến độ): ",
				   r->d->revision);
		buf_adds(b, any ? ", " : "");
		rpt_clean(b, dt.items[i].id, dc->md);
		buf_printf(b, " (%s)", status_vi(dt.items[i].status));
		any = true;
	}
	if (any)
		doc_line(dc, 1, b);
	if (dt.nmisfits) {
		b->len = 0;
		buf_adds(b, "Số liệu không còn khớp văn bản (được giữ nguyên, không cộng vào tổng): ");
		for (size_t i = 0; i < dt.nmisfits; i++) {
			const struct report_misfit *m = &dt.misfits[i];

			buf_adds(b, i ? "; " : "");
			rpt_clean(b, m->item, dc->md);
			buf_adds(b, " ");
			rpt_clean(b, m->key, dc->md);
			buf_adds(b, " = ");
			rpt_clean(b, m->value, dc->md);
			buf_adds(b, m->no_field ? " (trường đã bỏ)" : " (không đúng kiểu dữ liệu mới)");
		}
		doc_line(dc, 1, b);
	}
	report_detail_free(&dt);
}

static void doc_units(const struct doc *dc, const struct report *r)
{
	struct buf b = {0};
	char day[16], pct[16];

	doc_heading(dc, 2, "Theo đơn vị", NULL);
	for (size_t u = 0; u < r->nunits; u++) {
		const struct report_unit *ru = &r->units[u];

		b.len = 0;
		if (dc->md)
			buf_adds(&b, "**");
		rpt_clean(&b, ru->name, dc->md);
		if (dc->md)
			buf_adds(&b, "**");
		if (strcmp(ru->name, ru->unit) != 0) {
			buf_adds(&b, " (");
			rpt_clean(&b, ru->unit, dc->md);
			buf_adds(&b, ")");
		}
		if (ru->parent) {
			buf_adds(&b, "; cấp trên: ");
			rpt_clean(&b, parent_name(r, ru), dc->md);
		}
		doc_line(dc, 0, &b);
		b.len = 0;
		buf_printf(&b, "Hoàn thành %s (%u/%u việc áp dụng); cập nhật %s",
			   report_percent(&ru->all, pct, sizeof pct), ru->all.done,
			   ru->all.total - ru->all.na, rpt_day(ru->last_at, day, sizeof day));
		buf_printf(&b, "; hoạt động gần nhất %s; xung đột: %zu; tệp: %zu",
			   *ru->last_activity ? ru->last_activity : "–", ru->nconflicts, ru->npaths);
		doc_line(dc, 1, &b);
		b.len = 0;
		buf_printf(&b, "Còn mở (%zu): ", ru->nopen);
		if (ru->nopen)
			add_open_items(&b, r, ru, dc->md);
		else
			buf_adds(&b, "không");
		doc_line(dc, 1, &b);
		if (ru->approved || ru->needs_work) {
			b.len = 0;
			add_reviews(&b, r, u, dc->md);
			doc_line(dc, 1, &b);
		}
		doc_orphans(dc, r, u, &b);
	}
	buf_free(&b);
}

static void doc_header(const struct doc *dc, const struct report *r)
{
	const struct directive *d = r->d;
	struct buf b = {0};
	char day[16];

	if (dc->md)
		fputs("# Báo cáo tổng hợp tiến độ thực hiện\n\n", dc->f);
	else
		fputs("BÁO CÁO TỔNG HỢP TIẾN ĐỘ THỰC HIỆN\n", dc->f);
	rpt_clean(&b, d->title, dc->md);
	fprintf(dc->f, dc->md ? "**%s**\n\n" : "%s\n", b.data);
	b.len = 0;
	buf_adds(&b, "Cơ quan ban hành: ");
	rpt_clean(&b, d->issuer ? d->issuer : RPT_UNKNOWN, dc->md);
	buf_adds(&b, ". Số, ngày ban hành văn bản: ");
	if (d->number || d->date) {
		rpt_clean(&b, d->number ? d->number : RPT_UNKNOWN, dc->md);
		buf_adds(&b, ", ngày ");
		rpt_clean(&b, d->date ? d->date : RPT_UNKNOWN, dc->md);
	} else {
		buf_adds(&b, RPT_UNKNOWN);
	}
	fprintf(dc->f, "%s.%s\n", b.data, dc->md ? "\n" : "");
	if (d->revision > 1 || d->revision_date) {
		fprintf(dc->f, "Bản sửa đổi %u", d->revision);
		if (d->revision_date)
			fprintf(dc->f, ", hiệu lực từ ngày %s", d->revision_date);
		fprintf(dc->f, ".%s\n", dc->md ? "\n" : "");
	}
	fprintf(dc->f, "Số liệu: %zu đơn vị (%zu tệp); cập nhật mới nhất: %s.\n", r->nunits,
		r->nfiles, rpt_day(r->last_at, day, sizeof day));
	buf_free(&b);
}

static void write_doc(const struct report *r, const struct report_opts *o, FILE *f)
{
	struct doc dc = { f, o->format == REPORT_MD };
	struct rtable *t = rpt_matrix(r, o->by_parent, dc.md);
	struct buf b = {0};

	doc_header(&dc, r);
	doc_heading(&dc, 2, o->by_parent ? "Tỉ lệ hoàn thành theo đơn vị cấp trên (đã xong / áp dụng)"
					 : "Tỉ lệ hoàn thành theo đơn vị (đã xong / áp dụng)",
		    NULL);
	rtable_write(t, f, dc.md);
	rtable_free(t);
	fprintf(f, "%sCột 1–%zu: nhóm nhiệm vụ (dưới đây); –: không áp dụng.\n", dc.md ? "\n" : "",
		r->d->nsections);
	b.len = 0;
	buf_adds(&b, "Đơn vị theo tiến độ chung: ");
	add_units(&b, r->units_all);
	fprintf(f, "%s%s.\n", dc.md ? "\n" : "", b.data);
	b.len = 0;
	buf_printf(&b, "Tổng số liệu (%zu hoạt động): ", r->nactivities);
	add_totals(&b, r->totals, r->ntotals, dc.md, true);
	fprintf(f, "%s%s.\n", dc.md ? "\n" : "", b.data);
	doc_sections(&dc, r);
	doc_units(&dc, r);
	buf_free(&b);
}

/* ------------------------------------------------------------------ */
/* CSV                                                                 */
/* ------------------------------------------------------------------ */

void report_csv_field(FILE *f, const char *s, bool excel)
{
	char *clean = text_sanitize(s ? s : "", true);

	/* A cell starting with = + - @ is a formula to Excel: a file could
	 * smuggle one in through a unit name.  A leading apostrophe makes
	 * Excel show it as text. */
	if (excel && strchr("=+-@", clean[0]) && clean[0])
		fputc('\'', f);
	if (strpbrk(clean, ",\"\r\n")) {
		fputc('"', f);
		for (const char *p = clean; *p; p++) {
			if (*p == '"')
				fputc('"', f);
			fputc(*p, f);
		}
		fputc('"', f);
	} else {
		fputs(clean, f);
	}
	free(clean);
}

static void csv_progress(FILE *f, const struct directive *d, const struct progress *sec,
			 const struct progress *all)
{
	for (size_t s = 0; s < d->nsections; s++) {
		if (sec[s].total == sec[s].na)
			fputs(",", f);
		else
			fprintf(f, ",%u", report_pct(&sec[s]));
	}
	if (all->total == all->na)
		fputs(",", f);
	else
		fprintf(f, ",%u", report_pct(all));
	fprintf(f, ",%u,%u,%u,%u,%u,%u,%u", all->done, all->in_progress, all->todo, all->na,
		all->conflict, all->total - all->na, all->total);
}

static void csv_sums(FILE *f, const struct report *r, const unsigned long long *sums)
{
	for (size_t t = 0; t < r->ntotals; t++)
		if (r->totals[t].type == EVIDENCE_COUNT)
			fprintf(f, ",%llu", sums[t]);
	fputs("\r\n", f);
}

static void write_csv(const struct report *r, const struct report_opts *o, FILE *f)
{
	const struct directive *d = r->d;

	if (o->excel)
		fputs("\xEF\xBB\xBF", f);
	fputs(o->by_parent ? "parent,parent_name,units" : "unit,unit_name,parent", f);
	for (size_t s = 0; s < d->nsections; s++) {
		struct buf h = {0};

		fputc(',', f);
		buf_adds(&h, "percent_");
		buf_adds(&h, d->sections[s].id);
		report_csv_field(f, h.data, false);
		buf_free(&h);
	}
	fputs(",percent_all,done,in_progress,todo,not_applicable,conflict,applicable,total,"
	      "open_items,open_conflicts", f);
	if (!o->by_parent)
		fputs(",last_edit,last_activity,files,approved,needs_work", f);
	for (size_t t = 0; t < r->ntotals; t++)
		if (r->totals[t].type == EVIDENCE_COUNT) {
			fputc(',', f);
			report_csv_field(f, r->totals[t].key, false);
		}
	fputs("\r\n", f);
	if (o->by_parent) {
		for (size_t g = 0; g < r->ngroups; g++) {
			const struct report_group *gr = &r->groups[g];
			size_t open = 0;

			for (size_t k = 0; k < gr->nunits; k++)
				open += r->units[gr->units[k]].nopen;
			report_csv_field(f, gr->parent ? gr->parent : "", o->excel);
			fputc(',', f);
			report_csv_field(f, gr->name, o->excel);
			fprintf(f, ",%zu", gr->nunits);
			csv_progress(f, d, gr->sec, &gr->all);
			fprintf(f, ",%zu,%zu", open, gr->nconflicts);
			csv_sums(f, r, gr->sums);
		}
		return;
	}
	for (size_t u = 0; u < r->nunits; u++) {
		const struct report_unit *ru = &r->units[u];
		char day[16];

		report_csv_field(f, ru->unit, o->excel);
		fputc(',', f);
		report_csv_field(f, ru->name, o->excel);
		fputc(',', f);
		report_csv_field(f, ru->parent ? ru->parent : "", o->excel);
		csv_progress(f, d, ru->sec, &ru->all);
		fprintf(f, ",%zu,%zu,%s,%s,%zu,%u,%u", ru->nopen, ru->nconflicts,
			ru->last_at ? rpt_day(ru->last_at, day, sizeof day) : "", ru->last_activity,
			ru->npaths, ru->approved, ru->needs_work);
		csv_sums(f, r, ru->sums);
	}
}

/* ------------------------------------------------------------------ */
/* JSON                                                                */
/* ------------------------------------------------------------------ */

/* A JSON string: valid UTF-8 (bad bytes become U+FFFD), quotes,
 * backslashes and every control character (C0, DEL, C1) escaped, so the
 * value is exact and no raw control byte is written. */
static void json_str(FILE *f, const char *s)
{
	char *fixed = NULL;

	if (!s) {
		fputs("null", f);
		return;
	}
	if (!text_valid_utf8(s, strlen(s), NULL))
		s = fixed = text_nfc(s);
	fputc('"', f);
	for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
		if (*p == '"' || *p == '\\')
			fprintf(f, "\\%c", *p);
		else if (*p == '\n')
			fputs("\\n", f);
		else if (*p == '\t')
			fputs("\\t", f);
		else if (*p < 0x20 || *p == 0x7f)
			fprintf(f, "\\u%04x", *p);
		else if (*p == 0xc2 && p[1] >= 0x80 && p[1] <= 0x9f) {
			fprintf(f, "\\u%04x", p[1]);
			p++;
		} else
			fputc(*p, f);
	}
	fputc('"', f);
	free(fixed);
}

static void json_key(FILE *f, const char *k)
{
	json_str(f, k);
	fputc(':', f);
}

static void json_progress(FILE *f, const struct progress *p)
{
	fprintf(f, "{\"done\":%u,\"in_progress\":%u,\"todo\":%u,\"not_applicable\":%u,"
		   "\"conflict\":%u,\"applicable\":%u,\"total\":%u,\"percent\":",
		p->done, p->in_progress, p->todo, p->na, p->conflict, p->total - p->na, p->total);
	if (p->total == p->na)
		fputs("null}", f);
	else
		fprintf(f, "%u}", report_pct(p));
}

static void json_states(FILE *f, const unsigned u[REPORT__NSTATES])
{
	fprintf(f, "{\"done\":%u,\"in_progress\":%u,\"not_started\":%u,\"not_applicable\":%u}",
		u[REPORT_DONE], u[REPORT_IN_PROGRESS], u[REPORT_NOT_STARTED], u[REPORT_NA]);
}

static void json_total(FILE *f, const struct report_total *t)
{
	fputc('{', f);
	json_key(f, "key");
	json_str(f, t->key);
	fputc(',', f);
	json_key(f, "label");
	json_str(f, t->label);
	fprintf(f, ",\"type\":\"%s\",\"values\":%zu", evidence_type_name(t->type), t->nvalues);
	if (t->type == EVIDENCE_COUNT)
		fprintf(f, ",\"sum\":%llu", t->sum);
	if (t->type == EVIDENCE_DATE) {
		fputs(",\"first\":", f);
		json_str(f, *t->first ? t->first : NULL);
		fputs(",\"last\":", f);
		json_str(f, *t->last ? t->last : NULL);
	}
}

static void json_sums(FILE *f, const struct report *r, const unsigned long long *sums)
{
	bool first = true;

	fputc('{', f);
	for (size_t t = 0; t < r->ntotals; t++) {
		if (r->totals[t].type != EVIDENCE_COUNT)
			continue;
		if (!first)
			fputc(',', f);
		json_key(f, r->totals[t].key);
		fprintf(f, "%llu", sums[t]);
		first = false;
	}
	fputc('}', f);
}

static void json_item(FILE *f, const struct report *r, size_t i, const size_t *start)
{
	const struct item *it = &r->d->items[i];
	const struct report_item *ri = &r->items[i];

	fputs("{\"id\":", f);
	json_str(f, it->id);
	fputs(",\"text\":", f);
	json_str(f, it->text);
	fprintf(f, ",\"units\":{\"done\":%u,\"in_progress\":%u,\"todo\":%u,\"not_applicable\":%u,"
		   "\"conflict\":%u},\"activities\":%zu,\"approved\":%u,\"needs_work\":%u,\"evidence\":[",
		ri->units[STATUS_DONE], ri->units[STATUS_IN_PROGRESS], ri->units[STATUS_TODO],
		ri->units[STATUS_NA], ri->units[STATUS_CONFLICT], ri->nacts, ri->approved, ri->needs_work);
	const char ***tx = texts_load(r, start[i], start[i + 1]);
	char day[11];

	for (size_t k = 0; k < it->nevidence; k++) {
		bool first = true;

		fputs(k ? "," : "", f);
		json_total(f, &ri->fields[k]);
		if (ri->fields[k].type == EVIDENCE_TEXT) {
			fputs(",\"list\":[", f);
			for (size_t a = start[i]; a < start[i + 1]; a++) {
				const struct report_activity *ra = &r->acts[a];
				const char *v = tx[a - start[i]][k];

				if (!v)
					continue;
				fputs(first ? "{\"unit\":" : ",{\"unit\":", f);
				json_str(f, r->units[ra->unit].unit);
				fputs(",\"value\":", f);
				json_str(f, v);
				fputs(",\"date\":", f);
				json_str(f, ra->day ? report_day(ra->day, day) : NULL);
				fputc('}', f);
				first = false;
			}
			fputc(']', f);
		}
		fputc('}', f);
	}
	texts_free(tx, start[i + 1] - start[i]);
	fputs("]}", f);
}

static void json_sections(FILE *f, const struct report *r)
{
	const struct directive *d = r->d;
	size_t *start = act_starts(r);

	fputs(",\"sections\":[", f);
	for (size_t s = 0; s < d->nsections; s++) {
		const struct report_section *rs = &r->sections[s];

		fputs(s ? ",{\"id\":" : "{\"id\":", f);
		json_str(f, d->sections[s].id);
		fputs(",\"title\":", f);
		json_str(f, d->sections[s].title);
		fputs(",\"progress\":", f);
		json_progress(f, &rs->items);
		fputs(",\"units\":", f);
		json_states(f, rs->units);
		fprintf(f, ",\"activities\":%zu,\"evidence\":[", rs->nacts);
		for (size_t k = 0; k < rs->nfields; k++) {
			fputs(k ? "," : "", f);
			json_total(f, &rs->fields[k]);
			fputc('}', f);
		}
		fputs("],\"items\":[", f);
		for (size_t i = d->sections[s].first_item;
		     i < d->sections[s].first_item + d->sections[s].nitems; i++) {
			fputs(i > d->sections[s].first_item ? "," : "", f);
			json_item(f, r, i, start);
		}
		fputs("]}", f);
	}
	fputc(']', f);
	free(start);
}

static void json_sec_progress(FILE *f, const struct directive *d, const struct progress *sec)
{
	fputs("\"sections\":[", f);
	for (size_t s = 0; s < d->nsections; s++) {
		fputs(s ? ",{\"id\":" : "{\"id\":", f);
		json_str(f, d->sections[s].id);
		fputs(",\"progress\":", f);
		json_progress(f, &sec[s]);
		fputc('}', f);
	}
	fputc(']', f);
}

/* "not_in_directive": the items this revision lacks, with their status
 * and number of events; "misfit_values": values of dropped or retyped
 * evidence fields. */
static void json_orphans(FILE *f, const struct report *r, size_t u)
{
	struct report_detail dt;
	bool first = true;

	report_detail_load(r, u, &dt);
	fputs(",\"not_in_directive\":[", f);
	for (size_t i = 0; i < dt.n; i++) {
		const struct report_item_detail *it = &dt.items[i];

		if (it->item != (size_t)-1)
			continue;
		fputs(first ? "{\"item\":" : ",{\"item\":", f);
		json_str(f, it->id);
		fprintf(f, ",\"status\":\"%s\",\"events\":%zu}", status_name(it->status), it->nevents);
		first = false;
	}
	fputs("],\"misfit_values\":[", f);
	for (size_t i = 0; i < dt.nmisfits; i++) {
		const struct report_misfit *m = &dt.misfits[i];

		fputs(i ? ",{\"item\":" : "{\"item\":", f);
		json_str(f, m->item);
		fputs(",\"field\":", f);
		json_str(f, m->field);
		fputs(",\"value\":", f);
		json_str(f, m->value);
		fprintf(f, ",\"why\":\"%s\"}", m->no_field ? "no-field" : "bad-value");
	}
	fputc(']', f);
	report_detail_free(&dt);
}

static void json_units(FILE *f, const struct report *r)
{
	const struct directive *d = r->d;
	char when[32];

	fputs(",\"units\":[", f);
	for (size_t u = 0; u < r->nunits; u++) {
		const struct report_unit *ru = &r->units[u];
		bool first = true;

		fputs(u ? ",{\"unit\":" : "{\"unit\":", f);
		json_str(f, ru->unit);
		fputs(",\"name\":", f);
		json_str(f, ru->name);
		fputs(",\"parent\":", f);
		json_str(f, ru->parent);
		fputs(",\"files\":[", f);
		for (size_t k = 0; k < ru->npaths; k++) {
			fputs(k ? "," : "", f);
			json_str(f, ru->paths[k]);
		}
		fputs("],", f);
		json_sec_progress(f, d, ru->sec);
		fputs(",\"progress\":", f);
		json_progress(f, &ru->all);
		fputs(",\"last_edit\":", f);
		json_str(f, ru->last_at ? time_format(ru->last_at, when, sizeof when) : NULL);
		fputs(",\"last_activity\":", f);
		json_str(f, *ru->last_activity ? ru->last_activity : NULL);
		fprintf(f, ",\"conflicts\":%zu,\"approved\":%u,\"needs_work\":%u,\"open_items\":[",
			ru->nconflicts, ru->approved, ru->needs_work);
		for (size_t i = 0; i < d->nitems; i++) {
			if (ru->status[i] == STATUS_DONE || ru->status[i] == STATUS_NA)
				continue;
			fputs(first ? "" : ",", f);
			json_str(f, d->items[i].id);
			first = false;
		}
		fputs("],\"evidence\":", f);
		json_sums(f, r, ru->sums);
		json_orphans(f, r, u);
		fputc('}', f);
	}
	fputc(']', f);
}

static void json_groups(FILE *f, const struct report *r)
{
	fputs(",\"parents\":[", f);
	for (size_t g = 0; g < r->ngroups; g++) {
		const struct report_group *gr = &r->groups[g];

		fputs(g ? ",{\"parent\":" : "{\"parent\":", f);
		json_str(f, gr->parent);
		fputs(",\"name\":", f);
		json_str(f, gr->name);
		fputs(",\"units\":[", f);
		for (size_t k = 0; k < gr->nunits; k++) {
			fputs(k ? "," : "", f);
			json_str(f, r->units[gr->units[k]].unit);
		}
		fputs("],", f);
		json_sec_progress(f, r->d, gr->sec);
		fputs(",\"progress\":", f);
		json_progress(f, &gr->all);
		fprintf(f, ",\"conflicts\":%zu,\"evidence\":", gr->nconflicts);
		json_sums(f, r, gr->sums);
		fputc('}', f);
	}
	fputc(']', f);
}

static void write_json(const struct report *r, FILE *f)
{
	const struct directive *d = r->d;
	char when[32];

	fputs("{\"format\":\"dvk-report/1\",\"directive\":{\"id\":", f);
	json_str(f, d->id);
	fprintf(f, ",\"revision\":%u,\"revision_date\":", d->revision);
	json_str(f, d->revision_date);
	fputs(",\"title\":", f);
	json_str(f, d->title);
	fputs(",\"issuer\":", f);
	json_str(f, d->issuer);
	fputs(",\"number\":", f);
	json_str(f, d->number);
	fputs(",\"date\":", f);
	json_str(f, d->date);
	fputs(",\"signer\":", f);
	json_str(f, d->signer);
	fprintf(f, "},\"files\":%zu,\"unit_count\":%zu,\"activities\":%zu,\"last_edit\":", r->nfiles,
		r->nunits, r->nactivities);
	json_str(f, r->last_at ? time_format(r->last_at, when, sizeof when) : NULL);
	fputs(",\"progress\":", f);
	json_progress(f, &r->all);
	fputs(",\"units_by_state\":", f);
	json_states(f, r->units_all);
	fputs(",\"evidence\":[", f);
	for (size_t t = 0; t < r->ntotals; t++) {
		fputs(t ? "," : "", f);
		json_total(f, &r->totals[t]);
		fputc('}', f);
	}
	fputc(']', f);
	json_sections(f, r);
	json_units(f, r);
	json_groups(f, r);
	fputs(",\"diagnostics\":[", f);
	for (size_t i = 0; i < r->ndiags; i++) {
		char msg[DVK_ERR_MSG + DVK_ERR_PATH + 64];

		fprintf(f, "%s{\"error\":%s,\"message\":", i ? "," : "",
			r->diags[i].error ? "true" : "false");
		json_str(f, dvk_error_format(&r->diags[i].err, msg, sizeof msg));
		fputc('}', f);
	}
	fputs("]}\n", f);
}

void report_write(const struct report *r, const struct report_opts *o, FILE *out)
{
	switch (o->format) {
	case REPORT_CSV:
		write_csv(r, o, out);
		break;
	case REPORT_JSON:
		write_json(r, out);
		break;
	default:
		write_doc(r, o, out);
		break;
	}
}
