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

static void prompt_ask(struct app *a, enum edit_purpose p)
{
	editor_free(a->ed);
	a->ed = editor_new(p, p == EDIT_PROMPT_UNIT
				   ? _("Your unit (for example: UBND xã Quảng Hóa):")
				   : _("Your full name (written on every change you make):"),
			   NULL, NULL, "", false);
}

int prompt_start(struct app *a)
{
	/* a reviewer writes into other units' files: only the name counts */
	if (!a->cfg->unit && !a->review_dir) {
		prompt_ask(a, EDIT_PROMPT_UNIT);
		return 1;
	}
	if (!a->cfg->user) {
		prompt_ask(a, EDIT_PROMPT_USER);
		return 1;
	}
	return 0;
}

int prompt_submit(struct app *a)
{
	struct editor *e = a->ed;
	struct config *cfg = a->cfg;
	struct dvk_error err;
	dvk_error_clear(&err);
	char *clean = text_clean_input(e->text.data ? e->text.data : "");
	int flags = R_REDRAW;
	if (!*clean) {
		free(e->error);
		e->error = xstrdup(_("Please type an answer (Esc to leave)."));
		free(clean);
		return flags;
	}
	if (e->purpose == EDIT_PROMPT_UNIT) {
		char *id = unit_id_valid(clean) ? xstrdup(clean) : prompt_unit_id(clean);
		if (!unit_id_valid(id)) {
			free(e->error);
			e->error = xstrdup(_("The unit needs letters or digits."));
			free(id);
			free(clean);
			return flags;
		}
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
	} else {
		if (!config_set(cfg, "user", clean, &err))
			app_msg(a, true, _("Could not remember this: %s"), err.message);
		free(cfg->user);
		cfg->user = xstrdup(clean);
	}
	free(clean);
	editor_free(a->ed);
	a->ed = NULL;
	if (prompt_start(a))
		return flags;
	return flags | R_OPEN;
}
