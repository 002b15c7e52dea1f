/* Copyright 2026 the dvk developers.  SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * prompt.c: the first-run questions.  When the unit or the person is not
 * known from flags, environment or config, ask (in Vietnamese), and
 * remember the answers with config_set so they are never asked again.
 */
#include "tui/app.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "text/text.h"

/* "UBND xã Quảng Hóa" → "ubnd-xa-quang-hoa". */
static char *prompt_unit_id(const char *name)
{
	char *f = text_fold(name);
	struct buf b = {0};
	bool dash = false;
	for (const char *p = f; *p; p++) {
		unsigned char c = (unsigned char)*p;
		if (isalnum(c) && c < 0x80) {
			if (dash && b.len)
				buf_addc(&b, '-');
			buf_addc(&b, (char)tolower(c));
			dash = false;
		} else if (c == '.' || c == '_' || c == '-') {
			if (b.len && !dash)
				buf_addc(&b, (char)c);
			dash = false;
		} else {
			dash = true;
		}
	}
	free(f);
	if (!b.data)
		buf_adds(&b, "");
	return buf_steal(&b);
}

static int prompt_quit(struct app *a)
{
	(void)a;
	return R_QUIT;
}

static bool prompt_check_unit(struct app *a, const char *text, char **error)
{
	(void)a;
	char *clean = text_clean_input(text);
	char *id = unit_id_valid(clean) ? xstrdup(clean) : prompt_unit_id(clean);
	bool ok = *clean && unit_id_valid(id);
	if (!*clean)
		*error = xstrdup(_("Please type an answer (Esc to leave)."));
	else if (!ok)
		*error = xstrdup(_("The unit needs letters or digits."));
	free(id);
	free(clean);
	return ok;
}

static bool prompt_check_user(struct app *a, const char *text, char **error)
{
	(void)a;
	char *clean = text_clean_input(text);
	bool ok = *clean != '\0';
	if (!ok)
		*error = xstrdup(_("Please type an answer (Esc to leave)."));
	free(clean);
	return ok;
}

/* Ask the next question, or say the answers are in. */
static int prompt_next(struct app *a)
{
	return prompt_start(a) ? R_REDRAW : R_REDRAW | R_OPEN;
}

static int prompt_submit_unit(struct app *a, const char *text)
{
	struct config *cfg = a->cfg;
	struct dvk_error err;
	dvk_error_clear(&err);
	char *clean = text_clean_input(text);
	char *id = unit_id_valid(clean) ? xstrdup(clean) : prompt_unit_id(clean);
	bool named = strcmp(id, clean) != 0;
	if (!config_set(cfg, "unit", id, &err) ||
	    (named && !config_set(cfg, "unit_name", clean, &err)))
		app_msg(a, true, _("Could not remember this: %s"), err.message);
	free(cfg->unit);
	cfg->unit = id;
	if (named) {
		free(cfg->unit_name);
		cfg->unit_name = xstrdup(clean);
	}
	free(clean);
	return prompt_next(a);
}

static int prompt_submit_user(struct app *a, const char *text)
{
	struct config *cfg = a->cfg;
	struct dvk_error err;
	dvk_error_clear(&err);
	char *clean = text_clean_input(text);
	if (!config_set(cfg, "user", clean, &err))
		app_msg(a, true, _("Could not remember this: %s"), err.message);
	free(cfg->user);
	cfg->user = clean;
	return prompt_next(a);
}

static const char *prompt_intro(void)
{
	return _("Welcome to dvk. This is the first time on this computer: "
		 "tell us your unit and your name. They are remembered.");
}

int prompt_start(struct app *a)
{
	/* a reviewer writes into other units' files: only the name counts */
	if (!a->cfg->unit && !a->review_dir) {
		editor_open(a, &(struct editor_spec){
			.purpose = EDIT_ASK,
			.label = _("Your unit (for example: UBND xã Quảng Hóa):"),
			.intro = prompt_intro(),
			.check = prompt_check_unit,
			.submit = prompt_submit_unit,
			.cancel = prompt_quit,
		});
		return 1;
	}
	if (!a->cfg->user) {
		editor_open(a, &(struct editor_spec){
			.purpose = EDIT_ASK,
			.label = _("Your full name (written on every change you make):"),
			.intro = prompt_intro(),
			.check = prompt_check_user,
			.submit = prompt_submit_user,
			.cancel = prompt_quit,
		});
		return 1;
	}
	return 0;
}
