/* Copyright 2026 the dvk developers.  SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * office.c: the office details a báo cáo needs (`dvk report --draft`),
 * in the reviewer view: the issuing office and the body above it, the
 * place written before the date, the symbol in "Số: …/BC-UBND", who
 * signs and in what capacity, and where the report goes.
 *
 * They are asked once: the first time the reviewer view opens while
 * neither the config nor the office's roster (DATA/roster.yaml, its
 * office: mapping) names the office, one question after another over
 * this screen, each showing what the report would use now.  Answers go
 * into the config (config_set), as the first-run questions' do, and beat
 * the roster's (verb_report.c reads them in the same order).  An empty
 * answer is kept empty, and the báo cáo shows "[...]" there: dvk never
 * guesses an office's name.  Esc stops asking; the office name is then
 * stored empty, which says "asked", so the questions do not come back at
 * every start.  `o` on the list of units opens this screen again.
 */
#include "tui/app.h"

#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "roster/roster.h"
#include "text/text.h"

/* One detail: its config key and slot, where the roster keeps it, and
 * how it is asked.  roster_off is the char * field of struct
 * roster_office, or RECIPIENTS for its list. */
struct detail {
	const char *key;
	size_t cfg_off;
	size_t roster_off;
	const char *label;   /* the screen's line */
	const char *example; /* one a district office would write (Vietnamese in
			     * every language: it is how the báo cáo is written) */
};

#define RECIPIENTS ((size_t)-1)
#define D(k, rf, label, ex) {#k, offsetof(struct config, k), rf, label, ex}

static const struct detail details[] = {
	D(office_name, offsetof(struct roster_office, name),
	  N_("Office issuing the report"), "UBND huyện Quảng Xương"),
	D(office_superior, offsetof(struct roster_office, superior),
	  N_("Body above it (may be empty)"), "UBND tỉnh Thanh Hóa"),
	D(office_place, offsetof(struct roster_office, place),
	  N_("Place written before the date"), "Quảng Xương"),
	D(office_symbol, offsetof(struct roster_office, symbol),
	  N_("Office symbol in the number"), "UBND (Số: …/BC-UBND)"),
	D(signer_authority, offsetof(struct roster_office, authority),
	  N_("Signing on behalf of (may be empty)"), "TM. ỦY BAN NHÂN DÂN"),
	D(signer_title, offsetof(struct roster_office, signer_title),
	  N_("Title of the signer"), "CHỦ TỊCH"),
	D(signer_name, offsetof(struct roster_office, signer_name),
	  N_("Name of the signer"), "Nguyễn Văn An"),
	D(office_recipients, RECIPIENTS,
	  N_("Recipients, separated by ;"), "Thường trực Huyện ủy; Ban Dân vận Huyện ủy"),
};

#undef D
#define NDETAILS ARRAY_LEN(details)

struct office_priv {
	struct roster *roster; /* the data folder's, or NULL */
	bool asking;           /* walking through the questions */
	size_t step;           /* the question open while asking */
};

static char **cfg_slot(const struct app *a, size_t i)
{
	return (char **)((char *)a->cfg + details[i].cfg_off);
}

/* The roster's value of detail i (caller frees), or NULL. */
static char *roster_value(const struct roster *ro, size_t i)
{
	const struct roster_office *of = ro ? roster_office(ro) : NULL;
	if (!of)
		return NULL;
	if (details[i].roster_off != RECIPIENTS) {
		const char *v = *(char *const *)((const char *)of + details[i].roster_off);
		return v && *v ? xstrdup(v) : NULL;
	}
	struct buf b = {0};
	for (size_t k = 0; k < of->nrecipients; k++) {
		if (k)
			buf_adds(&b, "; ");
		buf_adds(&b, of->recipients[k]);
	}
	if (!b.len) {
		buf_free(&b);
		return NULL;
	}
	return buf_steal(&b);
}

/* The data folder's roster, or NULL (none, or one that does not load:
 * the report verb says why; here it only gives defaults). */
static struct roster *load_roster(const struct app *a)
{
	char *path = roster_path(a->cfg->data_dir);
	struct roster *ro = NULL;
	if (store_exists(path)) {
		struct dvk_error err;
		dvk_error_clear(&err);
		ro = roster_load(path, &err);
	}
	free(path);
	return ro;
}

/* What the báo cáo would use for detail i now (caller frees), and
 * whether it comes from the roster. */
static char *current(const struct app *a, const struct office_priv *p, size_t i, bool *from_roster)
{
	const char *c = *cfg_slot(a, i);
	*from_roster = false;
	if (c && *c)
		return xstrdup(c);
	char *r = roster_value(p->roster, i);
	*from_roster = r != NULL;
	return r;
}

static struct office_priv *office_priv(const struct app *a)
{
	struct screen *s = screen_find(a, SCR_OFFICE);
	return s ? s->priv : NULL;
}

/* ---- the questions ---- */

static void ask(struct app *a, size_t i);

/* Has the office been asked, or is it known?  The config's office_name,
 * even empty, says it was asked. */
static bool office_known(const struct app *a, const struct roster *ro)
{
	if (a->cfg->office_name)
		return true;
	char *r = roster_value(ro, 0);
	free(r);
	return r != NULL;
}

static void remember(struct app *a, size_t i, const char *value)
{
	struct dvk_error err;
	dvk_error_clear(&err);
	if (!config_set(a->cfg, details[i].key, value, &err)) {
		app_msg(a, true, _("Could not remember this: %s"), err.message);
		return;
	}
	free(*cfg_slot(a, i));
	*cfg_slot(a, i) = xstrdup(value);
}

/* Leaving the questions (all answered, or Esc): the office counts as
 * asked from now on. */
static int stop_asking(struct app *a, struct office_priv *p, bool answered)
{
	p->asking = false;
	if (!a->cfg->office_name)
		remember(a, 0, "");
	screen_pop_to(a, SCR_OFFICE);
	screen_pop(a);
	app_msg(a, false, "%s",
		answered ? _("The office details are remembered; o on the list of units changes them.")
			 : _("Not asked again: o on the list of units gives the office details later."));
	return R_REDRAW;
}

static int submit(struct app *a, const char *text)
{
	struct office_priv *p = office_priv(a);
	if (!p)
		return R_REDRAW;
	struct screen *s = screen_find(a, SCR_OFFICE);
	size_t i = (size_t)s->sel;
	char *clean = text_clean_input(text);
	char *r = roster_value(p->roster, i);
	const char *c = *cfg_slot(a, i);
	/* the roster's value taken as it is: keep following the roster */
	if (!(r && !strcmp(clean, r) && !(c && *c)))
		remember(a, i, clean);
	free(r);
	free(clean);
	if (!p->asking)
		return R_REDRAW;
	if (i + 1 < NDETAILS) {
		s->sel = (int)(i + 1);
		ask(a, i + 1);
		return R_REDRAW;
	}
	return stop_asking(a, p, true);
}

static int cancel(struct app *a)
{
	struct office_priv *p = office_priv(a);
	return p && p->asking ? stop_asking(a, p, false) : R_REDRAW;
}

static void ask(struct app *a, size_t i)
{
	struct office_priv *p = office_priv(a);
	bool from_roster;
	char *now = current(a, p, i, &from_roster);
	char *label = p->asking
		? xasprintf(_("(%zu of %zu) %s, for example %s:"), i + 1, NDETAILS, _(details[i].label),
			    details[i].example)
		: xasprintf(_("%s, for example %s:"), _(details[i].label), details[i].example);
	editor_open(a, &(struct editor_spec){
		.purpose = EDIT_ASK,
		.label = label,
		.intro = p->asking ? _("The báo cáo this office files (dvk report --draft) names the office, "
				       "the place, the number's symbol and who signs. Asked once and remembered "
				       "on this computer; an empty answer shows [...] in the báo cáo. Esc: later.")
				   : NULL,
		.init = now,
		.submit = submit,
		.cancel = cancel,
	});
	free(label);
	free(now);
}

int office_start(struct app *a)
{
	if (!a->review_dir)
		return 0;
	struct roster *ro = load_roster(a);
	bool known = office_known(a, ro);
	roster_free(ro);
	if (known)
		return 0;
	struct screen *s = screen_push(a, SCR_OFFICE, NULL);
	struct office_priv *p = s->priv;
	p->asking = true;
	ask(a, 0);
	return 1;
}

/* ---- the screen ---- */

static void office_open(struct app *a, struct screen *s, const struct screen_arg *arg)
{
	(void)arg;
	struct office_priv *p = s->priv;
	p->roster = load_roster(a);
	s->sel = 0;
}

static void office_close(struct app *a, struct screen *s)
{
	(void)a;
	struct office_priv *p = s->priv;
	roster_free(p->roster);
	p->roster = NULL;
}

static void office_rows(const struct app *a, const struct screen *s, struct rows *r, int cols)
{
	const struct office_priv *p = s->priv;
	rows_add(r, a, _("Office details for the báo cáo"), cols, &(struct row_opts){.el = EL_TITLE});
	rows_add(r, a, _("What dvk report --draft writes in the header, the number and the signature "
			 "block. Kept in this computer's config; a detail left empty here is taken from "
			 "the roster of the data folder, else shown as [...]."),
		 cols, &(struct row_opts){.el = EL_HINT});
	rows_blank(r);
	for (size_t i = 0; i < NDETAILS; i++) {
		bool from_roster;
		char *v = current(a, p, i, &from_roster);
		char *pre = xasprintf("  %s: ", _(details[i].label));
		char *line = !v ? xstrdup("[...]")
			   : from_roster ? xasprintf(_("%s (from the roster)"), v)
			   : xstrdup(v);
		rows_add(r, a, line, cols, &(struct row_opts){.prefix = pre, .indent = "    ",
							       .el = v ? EL_NORMAL : EL_HINT,
							       .prefix_el = EL_LABEL,
							       .selectable = true, .target = (int)i});
		free(line);
		free(pre);
		free(v);
	}
}

static char *office_title(const struct app *a, const struct screen *s)
{
	(void)a;
	(void)s;
	return xasprintf("dvk · %s", _("Review"));
}

static int office_key(struct app *a, struct screen *s, int act, int key)
{
	(void)key;
	if (act != ACT_OPEN || s->sel < 0)
		return R_PASS;
	ask(a, (size_t)s->sel);
	return R_REDRAW;
}

static const struct screen_key office_keys[] = {
	{ACT_OPEN, NC_("key bar", "change")},
	{ACT_BACK, NULL},
	{ACT_NONE, NULL},
};

const struct screen_ops office_screen = {
	.name = "office",
	.priv_size = sizeof(struct office_priv),
	.keys = office_keys,
	.open = office_open,
	.close = office_close,
	.title = office_title,
	.rows = office_rows,
	.key = office_key,
};
