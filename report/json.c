/* Copyright 2026 the dvk developers.  SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * json.c: the report as one JSON object, format dvk-report/2 (see
 * report.h; schema/dvk-report.schema.json describes every key).
 *
 * JSON always holds everything: the figures, the roster's missing units
 * and the files of units not on it, the open work, and per unit every
 * item it wrote something for: status, note, reason, each evidence
 * record, the review in force with its comment, and the values in
 * conflict with who set them.  Keys and machine values (statuses,
 * verdicts, kinds) are English in every language; texts are as the
 * files hold them.
 */
#include "report/internal.h"

#include <stdlib.h>
#include <string.h>

#include "i18n/i18n.h"
#include "text/text.h"

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

/* ,"key": */
static void json_next(FILE *f, const char *k)
{
	fputc(',', f);
	json_key(f, k);
}

static void json_time(FILE *f, int64_t ms)
{
	char when[32];

	json_str(f, ms ? time_format(ms, when, sizeof when) : NULL);
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
	fprintf(f, "{\"done\":%u,\"in_progress\":%u,\"not_started\":%u,\"not_applicable\":%u,"
		   "\"no_items\":%u}",
		u[REPORT_DONE], u[REPORT_IN_PROGRESS], u[REPORT_NOT_STARTED], u[REPORT_NA],
		u[REPORT_NO_ITEMS]);
}

/* The fields of a total, without the closing brace (a caller may add
 * a "list"). */
static void json_total(FILE *f, const struct report_total *t)
{
	fputc('{', f);
	json_key(f, "key");
	json_str(f, t->key);
	json_next(f, "label");
	json_str(f, t->label);
	fprintf(f, ",\"type\":\"%s\",\"values\":%zu", evidence_type_name(t->type), t->nvalues);
	if (t->type == EVIDENCE_COUNT)
		fprintf(f, ",\"sum\":%llu", t->sum);
	if (t->type == EVIDENCE_DATE) {
		json_next(f, "first");
		json_str(f, *t->first ? t->first : NULL);
		json_next(f, "last");
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

/* ------------------------------------------------------------------ */
/* Sections and items                                                  */
/* ------------------------------------------------------------------ */

static void json_item(FILE *f, const struct report *r, size_t i, size_t from, size_t to)
{
	const struct item *it = &r->d->items[i];
	const struct report_item *ri = &r->items[i];
	const char ***tx = xcalloc(to - from + 1, sizeof *tx);
	char iso[11];

	for (size_t a = from; a < to; a++)
		tx[a - from] = report_act_texts(r, &r->acts[a]);
	fputs("{\"id\":", f);
	json_str(f, it->id);
	json_next(f, "text");
	json_str(f, it->text);
	fprintf(f, ",\"units\":{\"done\":%u,\"in_progress\":%u,\"todo\":%u,\"not_applicable\":%u,"
		   "\"conflict\":%u},\"activities\":%zu,\"approved\":%u,\"needs_work\":%u",
		ri->units[STATUS_DONE], ri->units[STATUS_IN_PROGRESS], ri->units[STATUS_TODO],
		ri->units[STATUS_NA], ri->units[STATUS_CONFLICT], ri->nacts, ri->approved, ri->needs_work);
	if (r->opts.since)
		fprintf(f, ",\"done_in_period\":%u", ri->done_in_period);
	fputs(",\"evidence\":[", f);
	for (size_t k = 0; k < it->nevidence; k++) {
		bool first = true;

		fputs(k ? "," : "", f);
		json_total(f, &ri->fields[k]);
		if (ri->fields[k].type == EVIDENCE_TEXT) {
			fputs(",\"list\":[", f);
			for (size_t a = from; a < to; a++) {
				const struct report_activity *ra = &r->acts[a];
				const char *v = tx[a - from][k];

				if (!v)
					continue;
				fputs(first ? "{\"unit\":" : ",{\"unit\":", f);
				json_str(f, r->units[ra->unit].unit);
				json_next(f, "value");
				json_str(f, v);
				json_next(f, "date");
				json_str(f, ra->day ? report_day(ra->day, iso) : NULL);
				fputc('}', f);
				first = false;
			}
			fputc(']', f);
		}
		fputc('}', f);
	}
	fputs("]}", f);
	for (size_t a = from; a < to; a++)
		free(tx[a - from]);
	free(tx);
}

static void json_sections(FILE *f, const struct report *r)
{
	const struct directive *d = r->d;
	size_t a = 0;

	json_next(f, "sections");
	fputc('[', f);
	for (size_t s = 0; s < d->nsections; s++) {
		const struct report_section *rs = &r->sections[s];

		fputs(s ? ",{\"id\":" : "{\"id\":", f);
		json_str(f, d->sections[s].id);
		json_next(f, "title");
		json_str(f, d->sections[s].title);
		json_next(f, "progress");
		json_progress(f, &rs->items);
		json_next(f, "units");
		json_states(f, rs->units);
		if (r->opts.since)
			fprintf(f, ",\"done_in_period\":%u", rs->done_in_period);
		fprintf(f, ",\"activities\":%zu,\"evidence\":[", rs->nacts);
		for (size_t k = 0; k < rs->nfields; k++) {
			fputs(k ? "," : "", f);
			json_total(f, &rs->fields[k]);
			fputc('}', f);
		}
		fputs("],\"items\":[", f);
		for (size_t i = d->sections[s].first_item;
		     i < d->sections[s].first_item + d->sections[s].nitems; i++) {
			size_t from = a;

			while (a < r->nacts && r->acts[a].item == i)
				a++;
			fputs(i > d->sections[s].first_item ? "," : "", f);
			json_item(f, r, i, from, a);
		}
		fputs("]}", f);
	}
	fputc(']', f);
}

/* ------------------------------------------------------------------ */
/* Units, and what each wrote                                          */
/* ------------------------------------------------------------------ */

static void json_sec_progress(FILE *f, const struct directive *d, const struct progress *sec)
{
	fputs("\"sections\":[", f);
	for (size_t s = 0; s < d->nsections; s++) {
		fputs(s ? ",{\"id\":" : "{\"id\":", f);
		json_str(f, d->sections[s].id);
		json_next(f, "progress");
		json_progress(f, &sec[s]);
		fputc('}', f);
	}
	fputc(']', f);
}

static void json_written(FILE *f, const struct report_item_detail *it)
{
	fputs("{\"id\":", f);
	json_str(f, it->id);
	fprintf(f, ",\"in_directive\":%s,\"status\":\"%s\"", it->item == (size_t)-1 ? "false" : "true",
		status_name(it->status));
	json_next(f, "note");
	json_str(f, it->note);
	json_next(f, "reason");
	json_str(f, it->reason);
	json_next(f, "review");
	if (it->review) {
		fputs("{\"verdict\":", f);
		json_str(f, it->review);
		json_next(f, "comment");
		json_str(f, it->review_comment);
		json_next(f, "by");
		json_str(f, it->review_by);
		json_next(f, "at");
		json_time(f, it->review_at);
		fputc('}', f);
	} else {
		fputs("null", f);
	}
	json_next(f, "activities");
	fputc('[', f);
	for (size_t a = 0; a < it->nacts; a++) {
		const struct report_act_detail *ad = &it->acts[a];

		fputs(a ? ",{\"id\":" : "{\"id\":", f);
		json_str(f, ad->rid);
		json_next(f, "first_at");
		json_time(f, ad->at);
		fprintf(f, ",\"in_period\":%s,\"values\":{", ad->in_period ? "true" : "false");
		for (size_t k = 0; k < ad->n; k++) {
			if (k)
				fputc(',', f);
			json_key(f, ad->keys[k]);
			json_str(f, ad->values[k]);
		}
		fputs("}}", f);
	}
	fputc(']', f);
	json_next(f, "conflicts");
	fputc('[', f);
	for (size_t c = 0; c < it->nconflicts; c++) {
		const struct report_conflict *rc = &it->conflicts[c];

		fputs(c ? ",{\"field\":" : "{\"field\":", f);
		json_str(f, rc->field);
		json_next(f, "values");
		fputc('[', f);
		for (size_t h = 0; h < rc->nheads; h++) {
			fputs(h ? ",{\"value\":" : "{\"value\":", f);
			json_str(f, rc->heads[h].value);
			json_next(f, "by");
			json_str(f, rc->heads[h].by);
			json_next(f, "at");
			json_time(f, rc->heads[h].at);
			fputc('}', f);
		}
		fputs("]}", f);
	}
	fputc(']', f);
	json_next(f, "last_edit");
	json_time(f, it->last_at);
	json_next(f, "last_by");
	json_str(f, it->last_by);
	fprintf(f, ",\"events\":%zu}", it->nevents);
}

/* "not_in_directive": the items this revision lacks, with their status
 * and number of events; "misfit_values": values of dropped or retyped
 * evidence fields; "items": everything the unit wrote. */
static void json_unit_detail(FILE *f, const struct report *r, size_t u)
{
	struct report_detail dt;
	bool first = true;

	report_detail_load(r, u, &dt);
	json_next(f, "not_in_directive");
	fputc('[', f);
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
		json_next(f, "field");
		json_str(f, m->field);
		json_next(f, "value");
		json_str(f, m->value);
		fprintf(f, ",\"why\":\"%s\"}", m->no_field ? "no-field" : "bad-value");
	}
	fputs("],\"items\":[", f);
	for (size_t i = 0; i < dt.n; i++) {
		if (i)
			fputc(',', f);
		json_written(f, &dt.items[i]);
	}
	fputc(']', f);
	report_detail_free(&dt);
}

static void json_units(FILE *f, const struct report *r)
{
	const struct directive *d = r->d;

	json_next(f, "units");
	fputc('[', f);
	for (size_t u = 0; u < r->nunits; u++) {
		const struct report_unit *ru = &r->units[u];
		bool first = true;

		fputs(u ? ",{\"unit\":" : "{\"unit\":", f);
		json_str(f, ru->unit);
		json_next(f, "name");
		json_str(f, ru->name);
		json_next(f, "names_in_conflict");
		if (ru->names) {
			fputc('[', f);
			for (size_t i = 0; ru->names[i]; i++) {
				fputs(i ? "," : "", f);
				json_str(f, ru->names[i]);
			}
			fputc(']', f);
		} else {
			fputs("null", f);
		}
		json_next(f, "parent");
		json_str(f, ru->parent);
		json_next(f, "parent_name");
		json_str(f, ru->parent ? rpt_parent_name(r, ru->parent) : NULL);
		json_next(f, "on_roster");
		fputs(!r->opts.roster ? "null" : ru->on_roster ? "true" : "false", f);
		json_next(f, "contact");
		json_str(f, ru->contact);
		json_next(f, "files");
		fputc('[', f);
		for (size_t k = 0; k < ru->npaths; k++) {
			fputs(k ? "," : "", f);
			json_str(f, ru->paths[k]);
		}
		fputs("],", f);
		json_sec_progress(f, d, ru->sec);
		json_next(f, "progress");
		json_progress(f, &ru->all);
		json_next(f, "last_edit");
		json_time(f, ru->last_at);
		json_next(f, "last_activity");
		json_str(f, *ru->last_activity ? ru->last_activity : NULL);
		fprintf(f, ",\"conflicts\":%zu,\"approved\":%u,\"needs_work\":%u,\"activities\":%zu",
			ru->nconflicts, ru->approved, ru->needs_work, ru->nacts);
		if (r->opts.since)
			fprintf(f, ",\"done_in_period\":%u", ru->done_in_period);
		fputs(",\"open_items\":[", f);
		for (size_t i = 0; i < d->nitems; i++) {
			if (ru->status[i] == STATUS_DONE || ru->status[i] == STATUS_NA)
				continue;
			fputs(first ? "" : ",", f);
			json_str(f, d->items[i].id);
			first = false;
		}
		fputc(']', f);
		json_next(f, "evidence");
		json_sums(f, r, ru->sums);
		json_unit_detail(f, r, u);
		fputc('}', f);
	}
	fputc(']', f);
}

static void json_groups(FILE *f, const struct report *r)
{
	json_next(f, "parents");
	fputc('[', f);
	for (size_t g = 0; g < r->ngroups; g++) {
		const struct report_group *gr = &r->groups[g];

		fputs(g ? ",{\"parent\":" : "{\"parent\":", f);
		json_str(f, gr->parent);
		json_next(f, "name");
		json_str(f, gr->name);
		json_next(f, "units");
		fputc('[', f);
		for (size_t k = 0; k < gr->nunits; k++) {
			fputs(k ? "," : "", f);
			json_str(f, r->units[gr->units[k]].unit);
		}
		fprintf(f, "],\"units_not_reported\":%zu,", gr->nmissing);
		json_sec_progress(f, r->d, gr->sec);
		json_next(f, "progress");
		json_progress(f, &gr->all);
		fprintf(f, ",\"conflicts\":%zu,\"evidence\":", gr->nconflicts);
		json_sums(f, r, gr->sums);
		fputc('}', f);
	}
	fputc(']', f);
}

/* ------------------------------------------------------------------ */
/* The roster, the period, open work                                   */
/* ------------------------------------------------------------------ */

static void json_roster(FILE *f, const struct report *r)
{
	json_next(f, "roster");
	if (!r->opts.roster) {
		fputs("null", f);
		return;
	}
	fprintf(f, "{\"expected\":%zu,\"reported\":%zu,\"missing\":[", roster_count(r->opts.roster),
		roster_count(r->opts.roster) - r->nmissing);
	for (size_t m = 0; m < r->nmissing; m++) {
		const struct roster_unit *ru = r->missing[m].ru;

		fputs(m ? ",{\"unit\":" : "{\"unit\":", f);
		json_str(f, ru->id);
		json_next(f, "name");
		json_str(f, ru->name);
		json_next(f, "parent");
		json_str(f, ru->parent);
		json_next(f, "parent_name");
		json_str(f, ru->parent ? rpt_parent_name(r, ru->parent) : NULL);
		json_next(f, "contact");
		json_str(f, ru->contact);
		fputc('}', f);
	}
	fputs("],\"not_on_roster\":[", f);
	for (size_t u = 0, k = 0; u < r->nunits; u++) {
		if (r->units[u].on_roster)
			continue;
		fputs(k++ ? "," : "", f);
		json_str(f, r->units[u].unit);
	}
	fputs("]}", f);
}

static void json_period(FILE *f, const struct report *r)
{
	struct buf b = {0};

	json_next(f, "period");
	if (!r->opts.since && !r->opts.until) {
		fputs("null", f);
		return;
	}
	fputs("{\"from\":", f);
	json_str(f, *r->acc->since_day ? r->acc->since_day : NULL);
	json_next(f, "to");
	json_str(f, *r->acc->until_day ? r->acc->until_day : NULL);
	json_next(f, "name");
	rpt_period(r, &b);
	json_str(f, b.data);
	fputc('}', f);
	buf_free(&b);
}

struct todo_json {
	FILE *f;
	size_t n;
};

static void todo_one(void *arg, const struct rpt_todo *t)
{
	struct todo_json *tj = arg;
	FILE *f = tj->f;

	fputs(tj->n++ ? ",{\"unit\":" : "{\"unit\":", f);
	json_str(f, t->unit);
	json_next(f, "name");
	json_str(f, t->name);
	json_next(f, "item");
	json_str(f, t->item && *t->item ? t->item : NULL);
	json_next(f, "kind");
	json_str(f, t->kind);
	json_next(f, "what");
	json_str(f, t->what);
	json_next(f, "detail");
	json_str(f, t->detail && *t->detail ? t->detail : NULL);
	json_next(f, "contact");
	json_str(f, t->contact);
	fputc('}', f);
}

void rpt_write_json(const struct report *r, FILE *f)
{
	const struct directive *d = r->d;
	struct todo_json tj = { f, 0 };

	fputs("{\"format\":\"dvk-report/2\",\"language\":", f);
	json_str(f, i18n_lang());
	fputs(",\"directive\":{\"id\":", f);
	json_str(f, d->id);
	fprintf(f, ",\"revision\":%u,\"revision_date\":", d->revision);
	json_str(f, d->revision_date);
	json_next(f, "title");
	json_str(f, d->title);
	json_next(f, "issuer");
	json_str(f, d->issuer);
	json_next(f, "number");
	json_str(f, d->number);
	json_next(f, "date");
	json_str(f, d->date);
	json_next(f, "signer");
	json_str(f, d->signer);
	fputc('}', f);
	json_period(f, r);
	fprintf(f, ",\"files\":%zu,\"unit_count\":%zu,\"activities\":%zu", r->nfiles, r->nunits,
		r->nactivities);
	json_next(f, "last_edit");
	json_time(f, r->last_at);
	json_next(f, "progress");
	json_progress(f, &r->all);
	json_next(f, "units_by_state");
	json_states(f, r->units_all);
	json_next(f, "done_in_period");
	if (r->opts.since)
		fprintf(f, "%u", r->done_in_period);
	else
		fputs("null", f);
	json_next(f, "evidence");
	fputc('[', f);
	for (size_t t = 0; t < r->ntotals; t++) {
		fputs(t ? "," : "", f);
		json_total(f, &r->totals[t]);
		fputc('}', f);
	}
	fputc(']', f);
	json_roster(f, r);
	json_sections(f, r);
	json_units(f, r);
	json_groups(f, r);
	json_next(f, "todo");
	fputc('[', f);
	rpt_todo_each(r, todo_one, &tj);
	fputc(']', f);
	json_next(f, "diagnostics");
	fputc('[', f);
	for (size_t i = 0; i < r->ndiags; i++) {
		char msg[DVK_ERR_MSG + DVK_ERR_PATH + 64];

		fprintf(f, "%s{\"error\":%s,\"message\":", i ? "," : "", r->diags[i].error ? "true" : "false");
		json_str(f, dvk_error_format(&r->diags[i].err, msg, sizeof msg));
		fputc('}', f);
	}
	fputs("]}\n", f);
}
