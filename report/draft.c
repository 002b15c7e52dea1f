/*
 * draft.c: the Markdown draft of the progress report, in the usual
 * outline of a Vietnamese "Báo cáo kết quả thực hiện …" (see report.h and
 * the research notes, mission-anchors §4): I. Kết quả đạt được; II. Tồn
 * tại, hạn chế; III. Phương hướng, nhiệm vụ thời gian tới; an annex.
 *
 * The draft says only what the files hold: every figure is one of the
 * report's (same struct, same table code for the annex), metadata the
 * directive does not give is called unknown, and the parts a person must
 * write (the period, solutions, proposals) are left as marked blanks.
 */
#include "report/internal.h"

#include <stdlib.h>
#include <string.h>

#include "text/text.h"

#define INLINE_ACTS 10     /* activities listed under an item in part I */
#define BEHIND_MAX 50      /* behind: under the overall rate, and under this */

/* 12345 → "12.345", the Vietnamese grouping. */
static const char *num(unsigned long long v, char *buf, size_t n)
{
	char digits[32];
	size_t len, o = 0;

	snprintf(digits, sizeof digits, "%llu", v);
	len = strlen(digits);
	for (size_t i = 0; i < len && o + 2 < n; i++) {
		if (i > 0 && (len - i) % 3 == 0)
			buf[o++] = '.';
		buf[o++] = digits[i];
	}
	buf[o] = '\0';
	return buf;
}

/* num() for use inside one printf: a few buffers taken in turn. */
static const char *N(unsigned long long v)
{
	static _Thread_local char ring[12][32];
	static _Thread_local unsigned next;

	next = (next + 1) % 12;
	return num(v, ring[next], sizeof ring[next]);
}

/* "2023-03-14" → "14/3/2023". */
static const char *vn_date(const char *iso, char *buf, size_t n)
{
	int y, m, d;

	if (!iso || sscanf(iso, "%4d-%2d-%2d", &y, &m, &d) != 3)
		snprintf(buf, n, "–");
	else
		snprintf(buf, n, "%d/%d/%d", d, m, y);
	return buf;
}

static void put(FILE *f, const struct buf *b)
{
	fputs(b->data ? b->data : "", f);
}

static void clean(struct buf *b, const char *s)
{
	rpt_clean(b, s, true);
}

/* ------------------------------------------------------------------ */
/* Heading and basis                                                   */
/* ------------------------------------------------------------------ */

static void draft_head(const struct report *r, const struct report_opts *o, FILE *f)
{
	const struct directive *d = r->d;
	struct buf b = {0};
	char day[16], vday[16];

	rpt_day(r->last_at, day, sizeof day);
	vn_date(r->last_at ? day : NULL, vday, sizeof vday);
	buf_adds(&b, "# Báo cáo kết quả thực hiện: ");
	clean(&b, d->title);
	buf_adds(&b, "\n\n");
	buf_printf(&b, "> Bản nháp do dvk lập từ %s tệp trạng thái của %s đơn vị; số liệu cập nhật "
		       "đến ngày %s. Người rà soát kiểm tra, chỉnh sửa, bổ sung trước khi ban hành; "
		       "các số liệu chỉ gồm những gì các tệp ghi nhận.\n\n",
		   N(r->nfiles), N(r->nunits), vday);
	buf_adds(&b, "**Cơ quan báo cáo:** ");
	if (o->office.name && *o->office.name)
		clean(&b, o->office.name);
	else
		buf_adds(&b, "…………… _(điền tên cơ quan báo cáo)_");
	buf_adds(&b, "\n\n**Căn cứ:** văn bản chỉ đạo của ");
	clean(&b, d->issuer ? d->issuer : "cơ quan ban hành " RPT_UNKNOWN);
	buf_adds(&b, ": ");
	clean(&b, d->title);
	buf_adds(&b, ".\n\n- Số, ngày ban hành văn bản: ");
	if (d->number || d->date) {
		clean(&b, d->number ? d->number : RPT_UNKNOWN);
		buf_adds(&b, ", ngày ");
		clean(&b, d->date ? d->date : RPT_UNKNOWN);
	} else {
		buf_adds(&b, RPT_UNKNOWN);
	}
	buf_adds(&b, "\n- Người ký: ");
	clean(&b, d->signer ? d->signer : RPT_UNKNOWN);
	if (d->scope) {
		buf_adds(&b, "\n- Phạm vi thời gian: ");
		clean(&b, d->scope);
	}
	if (d->source) {
		buf_adds(&b, "\n- Nguồn văn bản: ");
		clean(&b, d->source);
	}
	buf_printf(&b, "\n- Kỳ báo cáo: chưa rõ _(điền kỳ báo cáo)_; số liệu tính đến ngày %s.\n",
		   vday);
	put(f, &b);
	buf_free(&b);
}

/* ------------------------------------------------------------------ */
/* I. Kết quả đạt được                                                 */
/* ------------------------------------------------------------------ */

/* "Số người tham dự: 1.234; thời gian: 2/1/2023 – 30/11/2023" */
static bool add_figures(struct buf *b, const struct report_total *t, size_t n, bool merged)
{
	bool any = false;
	char v[48], d1[16], d2[16];

	for (size_t i = 0; i < n; i++) {
		if (!t[i].nvalues || t[i].type == EVIDENCE_TEXT)
			continue;
		buf_adds(b, any ? "; " : "");
		if (t[i].type == EVIDENCE_DATE && merged)
			buf_adds(b, "Thời gian");
		else
			clean(b, t[i].label);
		if (t[i].type == EVIDENCE_COUNT) {
			buf_printf(b, ": %s", num(t[i].sum, v, sizeof v));
		} else {
			vn_date(t[i].first, d1, sizeof d1);
			vn_date(t[i].last, d2, sizeof d2);
			if (strcmp(t[i].first, t[i].last) == 0)
				buf_printf(b, ": %s", d1);
			else
				buf_printf(b, ": %s – %s", d1, d2);
		}
		any = true;
	}
	return any;
}

/* Text values of one activity: "KH 12/KH-UBND; hội nghị trực tiếp". */
static bool add_act_texts(struct buf *b, const struct report *r, const struct report_activity *a)
{
	const struct item *it = &r->d->items[a->item];
	const char **v = report_act_texts(r, a);
	bool any = false;

	for (size_t k = 0; k < it->nevidence; k++) {
		if (it->evidence[k].type != EVIDENCE_TEXT || !v[k])
			continue;
		buf_adds(b, any ? "; " : "");
		clean(b, v[k]);
		any = true;
	}
	free(v);
	return any;
}

static void draft_item_done(const struct report *r, size_t i, size_t from, size_t to, FILE *f)
{
	const struct item *it = &r->d->items[i];
	const struct report_item *ri = &r->items[i];
	struct buf b = {0};
	size_t shown = 0, rest = 0;
	char dbuf[16], iso[11];

	buf_printf(&b, "- **%s** ", it->id);
	clean(&b, it->text);
	buf_printf(&b, "\n  - Kết quả: %s đơn vị đã hoàn thành, %s đơn vị đang thực hiện",
		   N(ri->units[STATUS_DONE]), N(ri->units[STATUS_IN_PROGRESS]));
	buf_printf(&b, "; %s hoạt động được ghi nhận", N(ri->nacts));
	if (ri->nacts) {
		size_t before = b.len;

		buf_adds(&b, "; ");
		if (!add_figures(&b, ri->fields, it->nevidence, false))
			b.len = before, b.data[before] = '\0';
	}
	buf_adds(&b, ".\n");
	for (size_t a = from; a < to; a++) {
		const struct report_activity *ra = &r->acts[a];
		struct buf t = {0};

		if (!add_act_texts(&t, r, ra)) {
			buf_free(&t);
			continue;
		}
		if (shown == INLINE_ACTS) {
			rest++;
			buf_free(&t);
			continue;
		}
		buf_printf(&b, "  - %s, ", vn_date(ra->day ? report_day(ra->day, iso) : NULL, dbuf, sizeof dbuf));
		clean(&b, r->units[ra->unit].name);
		buf_adds(&b, ": ");
		buf_add(&b, t.data, t.len);
		buf_adds(&b, "\n");
		shown++;
		buf_free(&t);
	}
	if (rest)
		buf_printf(&b, "  - … và %s hoạt động khác (xem Phụ lục 3).\n", N(rest));
	put(f, &b);
	buf_free(&b);
}

static void draft_results(const struct report *r, FILE *f)
{
	const struct directive *d = r->d;
	struct buf b = {0};
	size_t a = 0;

	buf_adds(&b, "\n## I. KẾT QUẢ ĐẠT ĐƯỢC\n\n### Kết quả chung\n\n");
	buf_printf(&b, "- Số đơn vị có tệp báo cáo: %s (%s tệp).\n", N(r->nunits), N(r->nfiles));
	buf_printf(&b, "- Lượt nhiệm vụ đã hoàn thành: %s/%s lượt áp dụng",
		   N(r->all.done), N(r->all.total - r->all.na));
	{
		char pct[16];

		buf_printf(&b, " (%s); đang thực hiện: %s; chưa triển khai: %s; không áp dụng: %s",
			   report_percent(&r->all, pct, sizeof pct), N(r->all.in_progress), N(r->all.todo),
			   N(r->all.na));
	}
	if (r->all.conflict)
		buf_printf(&b, "; số liệu xung đột: %s", N(r->all.conflict));
	buf_printf(&b, ".\n- Đơn vị đã hoàn thành toàn bộ nhiệm vụ áp dụng: %s; đang thực hiện: %s; "
		       "chưa triển khai: %s.\n",
		   N(r->units_all[REPORT_DONE]), N(r->units_all[REPORT_IN_PROGRESS]),
		   N(r->units_all[REPORT_NOT_STARTED]));
	buf_printf(&b, "- Hoạt động được ghi nhận: %s", N(r->nactivities));
	{
		size_t before = b.len;

		buf_adds(&b, "; ");
		if (!add_figures(&b, r->totals, r->ntotals, true))
			b.len = before, b.data[before] = '\0';
	}
	buf_adds(&b, ".\n");
	put(f, &b);
	for (size_t s = 0; s < d->nsections; s++) {
		const struct section *sec = &d->sections[s];
		const struct report_section *rs = &r->sections[s];
		struct buf none = {0};
		char pct[16];

		b.len = 0;
		buf_adds(&b, "\n### ");
		clean(&b, sec->id);
		buf_adds(&b, ". ");
		clean(&b, sec->title);
		buf_printf(&b, "\n\n- Đơn vị: %s/%s đơn vị đã hoàn thành, %s đang thực hiện, %s chưa "
			       "triển khai, %s không áp dụng.\n",
			   N(rs->units[REPORT_DONE]), N(r->nunits), N(rs->units[REPORT_IN_PROGRESS]),
			   N(rs->units[REPORT_NOT_STARTED]), N(rs->units[REPORT_NA]));
		buf_printf(&b, "- Lượt nhiệm vụ đã hoàn thành: %s/%s (%s).\n", N(rs->items.done),
			   N(rs->items.total - rs->items.na), report_percent(&rs->items, pct, sizeof pct));
		buf_printf(&b, "- Hoạt động được ghi nhận: %s", N(rs->nacts));
		{
			size_t before = b.len;

			buf_adds(&b, "; ");
			if (!add_figures(&b, rs->fields, rs->nfields, true))
				b.len = before, b.data[before] = '\0';
		}
		buf_adds(&b, ".\n\n");
		put(f, &b);
		for (size_t i = sec->first_item; i < sec->first_item + sec->nitems; i++) {
			const struct report_item *ri = &r->items[i];
			size_t from = a;

			while (a < r->nacts && r->acts[a].item == i)
				a++;
			if (ri->units[STATUS_DONE] || ri->units[STATUS_IN_PROGRESS] || ri->nacts) {
				draft_item_done(r, i, from, a, f);
			} else {
				buf_adds(&none, none.len ? ", " : "");
				clean(&none, d->items[i].id);
			}
		}
		if (none.len)
			fprintf(f, "- Chưa có đơn vị nào thực hiện: %s (xem mục II, III).\n", none.data);
		buf_free(&none);
	}
	buf_free(&b);
}

/* ------------------------------------------------------------------ */
/* II. Tồn tại, hạn chế                                                */
/* ------------------------------------------------------------------ */

static bool nobody_did(const struct report_item *ri)
{
	return ri->units[STATUS_TODO] && !ri->units[STATUS_DONE] &&
	       !ri->units[STATUS_IN_PROGRESS] && !ri->units[STATUS_CONFLICT];
}

static unsigned applicable_units(const struct report_item *ri)
{
	return ri->units[STATUS_TODO] + ri->units[STATUS_IN_PROGRESS] + ri->units[STATUS_DONE] +
	       ri->units[STATUS_CONFLICT];
}

/* "   - **1.2** text" without the text's final full stop, since figures
 * follow it. */
static void item_line(struct buf *b, const struct item *it)
{
	buf_printf(b, "   - **%s** ", it->id);
	clean(b, it->text);
	if (b->len && b->data[b->len - 1] == '.')
		b->data[--b->len] = '\0';
}

/* A unit is behind when it is under the overall rate of all units (so
 * early in the year not everyone is listed), and under BEHIND_MAX. */
static unsigned behind_limit(const struct report *r)
{
	unsigned all = report_pct(&r->all);

	return all < BEHIND_MAX ? all : BEHIND_MAX;
}

static bool unit_behind(const struct report *r, const struct report_unit *u)
{
	return u->all.total > u->all.na && report_pct(&u->all) < behind_limit(r);
}

static int by_percent(const void *pa, const void *pb, void *arg)
{
	const struct report *r = arg;
	const struct report_unit *a = &r->units[*(const size_t *)pa], *b = &r->units[*(const size_t *)pb];
	unsigned x = report_pct(&a->all), y = report_pct(&b->all);

	if (x != y)
		return x < y ? -1 : 1;
	return *(const size_t *)pa < *(const size_t *)pb ? -1 : 1;
}

static void draft_problems(const struct report *r, FILE *f)
{
	const struct directive *d = r->d;
	struct buf b = {0};
	size_t n = 0, *behind = xcalloc(r->nunits ? r->nunits : 1, sizeof *behind), nbehind = 0;
	size_t nconf = 0, nreview = 0;

	buf_adds(&b, "\n## II. TỒN TẠI, HẠN CHẾ\n\n");
	buf_adds(&b, "1. Nhiệm vụ chưa có đơn vị nào triển khai:\n");
	for (size_t i = 0; i < d->nitems; i++) {
		if (!nobody_did(&r->items[i]))
			continue;
		item_line(&b, &d->items[i]);
		buf_printf(&b, " (%s đơn vị chưa làm", N(r->items[i].units[STATUS_TODO]));
		if (r->items[i].units[STATUS_NA])
			buf_printf(&b, ", %s không áp dụng", N(r->items[i].units[STATUS_NA]));
		buf_adds(&b, ").\n");
		n++;
	}
	if (!n)
		buf_adds(&b, "   - Không có.\n");
	buf_adds(&b, "2. Nhiệm vụ còn từ một nửa số đơn vị áp dụng trở lên chưa triển khai:\n");
	n = 0;
	for (size_t i = 0; i < d->nitems; i++) {
		const struct report_item *ri = &r->items[i];
		unsigned app = applicable_units(ri);

		if (nobody_did(ri) || !app || ri->units[STATUS_TODO] * 2 < app)
			continue;
		item_line(&b, &d->items[i]);
		buf_printf(&b, ": %s/%s đơn vị chưa triển khai, %s đang thực hiện.\n",
			   N(ri->units[STATUS_TODO]), N(app), N(ri->units[STATUS_IN_PROGRESS]));
		n++;
	}
	if (!n)
		buf_adds(&b, "   - Không có.\n");
	for (size_t u = 0; u < r->nunits; u++) {
		if (unit_behind(r, &r->units[u]))
			behind[nbehind++] = u;
		nconf += r->units[u].nconflicts > 0;
		nreview += r->units[u].needs_work;
	}
	qsort_r(behind, nbehind, sizeof *behind, by_percent, (void *)r);
	buf_printf(&b, "3. Đơn vị chậm tiến độ (hoàn thành dưới %u%% nhiệm vụ áp dụng, tức dưới mức "
		       "chung và dưới %d%%): %s đơn vị",
		   behind_limit(r), BEHIND_MAX, N(nbehind));
	buf_adds(&b, nbehind ? ":\n" : ".\n");
	for (size_t k = 0; k < nbehind; k++) {
		const struct report_unit *u = &r->units[behind[k]];
		char pct[16];

		buf_adds(&b, "   - ");
		clean(&b, u->name);
		buf_printf(&b, ": %s (%s/%s)%s.\n", report_percent(&u->all, pct, sizeof pct), N(u->all.done),
			   N(u->all.total - u->all.na), u->nevents ? "" : ", chưa có dữ liệu");
	}
	buf_printf(&b, "4. Số liệu chưa thống nhất giữa các bản sao (xung đột): %zu đơn vị", nconf);
	buf_adds(&b, nconf ? ":\n" : ".\n");
	for (size_t u = 0; u < r->nunits; u++) {
		if (!r->units[u].nconflicts)
			continue;
		buf_adds(&b, "   - ");
		clean(&b, r->units[u].name);
		buf_printf(&b, ": %zu giá trị.\n", r->units[u].nconflicts);
	}
	buf_printf(&b, "5. Nội dung người rà soát đề nghị bổ sung: %zu", nreview);
	buf_adds(&b, nreview ? ":\n" : ".\n");
	for (size_t u = 0; u < r->nunits && nreview; u++) {
		const struct report_unit *ru = &r->units[u];
		struct report_detail dt;

		if (!ru->needs_work || !report_detail_load(r, u, &dt))
			continue;
		for (size_t i = 0; i < dt.n; i++) {
			const struct report_item_detail *it = &dt.items[i];

			if (it->item == (size_t)-1 || !it->review || strcmp(it->review, "needs-work") != 0)
				continue;
			buf_adds(&b, "   - ");
			clean(&b, ru->name);
			buf_adds(&b, ", mục ");
			clean(&b, it->id);
			if (it->review_comment && *it->review_comment) {
				buf_adds(&b, ": ");
				clean(&b, it->review_comment);
			}
			buf_adds(&b, ".\n");
		}
		report_detail_free(&dt);
	}
	buf_adds(&b, "\n_(Bổ sung nguyên nhân của tồn tại, hạn chế.)_\n");
	put(f, &b);
	buf_free(&b);
	free(behind);
}

/* ------------------------------------------------------------------ */
/* III. Phương hướng, nhiệm vụ                                         */
/* ------------------------------------------------------------------ */

static void draft_next(const struct report *r, FILE *f)
{
	const struct directive *d = r->d;
	struct buf b = {0};
	size_t n = 0, nconf = 0, nreview = 0, nbehind = 0;

	buf_adds(&b, "\n## III. PHƯƠNG HƯỚNG, NHIỆM VỤ THỜI GIAN TỚI\n\n");
	buf_adds(&b, "1. Tiếp tục thực hiện các nhiệm vụ chưa hoàn thành:\n");
	for (size_t i = 0; i < d->nitems; i++) {
		const struct report_item *ri = &r->items[i];
		unsigned app = applicable_units(ri), open = app - ri->units[STATUS_DONE];

		if (!open)
			continue;
		item_line(&b, &d->items[i]);
		buf_printf(&b, " — còn %s/%s đơn vị chưa hoàn thành (%s đang thực hiện, %s chưa triển "
			       "khai",
			   N(open), N(app), N(ri->units[STATUS_IN_PROGRESS]), N(ri->units[STATUS_TODO]));
		if (ri->units[STATUS_CONFLICT])
			buf_printf(&b, ", %s xung đột", N(ri->units[STATUS_CONFLICT]));
		buf_adds(&b, nobody_did(ri) ? "; chưa có đơn vị nào triển khai).\n" : ").\n");
		n++;
	}
	if (!n)
		buf_adds(&b, "   - Các nhiệm vụ áp dụng đều đã hoàn thành.\n");
	for (size_t u = 0; u < r->nunits; u++) {
		nconf += r->units[u].nconflicts > 0;
		nreview += r->units[u].needs_work;
		nbehind += unit_behind(r, &r->units[u]);
	}
	n = 2;
	if (nbehind)
		buf_printf(&b, "%zu. Đôn đốc %zu đơn vị chậm tiến độ (mục II.3).\n", n++, nbehind);
	if (nconf)
		buf_printf(&b, "%zu. Thống nhất số liệu còn xung đột ở %zu đơn vị (mục II.4).\n", n++, nconf);
	if (nreview)
		buf_printf(&b, "%zu. Hoàn thiện %zu nội dung theo ý kiến rà soát (mục II.5).\n", n++,
			   nreview);
	buf_adds(&b, "\n_(Bổ sung giải pháp, thời hạn thực hiện và đề xuất, kiến nghị.)_\n");
	put(f, &b);
	buf_free(&b);
}

/* ------------------------------------------------------------------ */
/* Annex                                                               */
/* ------------------------------------------------------------------ */

static void draft_annex(const struct report *r, const struct report_opts *o, FILE *f)
{
	const struct directive *d = r->d;
	struct rtable *t;
	struct buf b = {0};
	char dbuf[16], iso[11];

	fputs("\n## PHỤ LỤC: SỐ LIỆU TỔNG HỢP\n\n"
	      "### Phụ lục 1. Tỉ lệ hoàn thành theo đơn vị (đã xong / áp dụng)\n\n", f);
	t = rpt_matrix(r, false, true);
	rtable_write(t, f, true);
	rtable_free(t);
	if (o->by_parent) {
		fputs("\n### Phụ lục 1b. Tỉ lệ hoàn thành theo đơn vị cấp trên\n\n", f);
		t = rpt_matrix(r, true, true);
		rtable_write(t, f, true);
		rtable_free(t);
	}
	buf_adds(&b, "\nCột nhóm nhiệm vụ: ");
	for (size_t s = 0; s < d->nsections; s++) {
		buf_adds(&b, s ? "; " : "");
		clean(&b, d->sections[s].id);
		buf_adds(&b, ". ");
		clean(&b, d->sections[s].title);
	}
	buf_adds(&b, ". –: không áp dụng.\n\n### Phụ lục 2. Số liệu theo nhiệm vụ\n\n");
	put(f, &b);
	t = rtable_new(8);
	for (size_t c = 1; c < 7; c++)
		rtable_align(t, c, true, 0);
	rtable_addf(t, "Mục");
	rtable_addf(t, "Đã xong");
	rtable_addf(t, "Đang làm");
	rtable_addf(t, "Chưa làm");
	rtable_addf(t, "Không áp dụng");
	rtable_addf(t, "Xung đột");
	rtable_addf(t, "Hoạt động");
	rtable_addf(t, "Số liệu");
	for (size_t i = 0; i < d->nitems; i++) {
		const struct report_item *ri = &r->items[i];

		rtable_add(t, d->items[i].id);
		rtable_addf(t, "%s", N(ri->units[STATUS_DONE]));
		rtable_addf(t, "%s", N(ri->units[STATUS_IN_PROGRESS]));
		rtable_addf(t, "%s", N(ri->units[STATUS_TODO]));
		rtable_addf(t, "%s", N(ri->units[STATUS_NA]));
		rtable_addf(t, "%s", N(ri->units[STATUS_CONFLICT]));
		rtable_addf(t, "%s", N(ri->nacts));
		b.len = 0;
		if (!add_figures(&b, ri->fields, d->items[i].nevidence, false))
			buf_adds(&b, "–");
		rtable_addf(t, "%s", b.data);
	}
	rtable_write(t, f, true);
	rtable_free(t);
	fputs("\n### Phụ lục 3. Danh mục hoạt động, văn bản\n\n", f);
	t = rtable_new(4);
	rtable_addf(t, "Mục");
	rtable_addf(t, "Ngày");
	rtable_addf(t, "Đơn vị");
	rtable_addf(t, "Nội dung (văn bản, hình thức, địa điểm, kết quả)");
	for (size_t a = 0; a < r->nacts; a++) {
		const struct report_activity *ra = &r->acts[a];

		b.len = 0;
		if (!add_act_texts(&b, r, ra))
			continue;
		rtable_add(t, d->items[ra->item].id);
		rtable_addf(t, "%s", vn_date(ra->day ? report_day(ra->day, iso) : NULL, dbuf, sizeof dbuf));
		rtable_add(t, r->units[ra->unit].name);
		rtable_addf(t, "%s", b.data); /* already cleaned */
	}
	rtable_write(t, f, true);
	rtable_free(t);
	buf_free(&b);
}

void report_write_draft(const struct report *r, const struct report_opts *o, FILE *out)
{
	draft_head(r, o, out);
	draft_results(r, out);
	draft_problems(r, out);
	draft_next(r, out);
	draft_annex(r, o, out);
}
