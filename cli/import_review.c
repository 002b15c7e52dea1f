/* Copyright 2026 the dvk developers.  SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * import_review.c: `dvk import --review FILE`: walk an imported directive
 * item by item before publishing it, and mend what the analysis could not
 * know: merge two items that are one task, split one that is two, fix a
 * text or a title, drop what is not a task.
 *
 * A line-oriented dialogue on standard input and output, so it works over
 * any SSH link and in a script (`printf 'm\nw\nq\n' | dvk import --review
 * f.yaml`).  Nothing is written until `w`; every write checks the bytes
 * against the loader first and replaces the file atomically.  Ids stay
 * as they are (the document's numbers); a piece split off an item gets
 * the item's id and a further number ("3.2" → "3.2", "3.2.1").
 */
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include <unictype.h>
#include <unistr.h>

#include "cli/cli.h"
#include "text/text.h"

#define UNDO_MAX 50

struct review {
	const char *path;
	struct directive *d;
	size_t at;           /* the item shown */
	struct directive *undo[UNDO_MAX];
	size_t nundo;
	bool dirty;
	int cols;
};

/* ---- changing the directive ---- */

static void save_undo(struct review *r)
{
	if (r->nundo == UNDO_MAX) {
		directive_free(r->undo[0]);
		memmove(r->undo, r->undo + 1, (UNDO_MAX - 1) * sizeof *r->undo);
		r->nundo--;
	}
	r->undo[r->nundo++] = directive_dup(r->d);
	r->dirty = true;
}

static void free_item(struct item *it)
{
	for (size_t k = 0; k < it->nevidence; k++) {
		free(it->evidence[k].key);
		free(it->evidence[k].label);
	}
	free(it->evidence);
	for (size_t k = 0; k < it->nresponsible; k++)
		free(it->responsible[k]);
	free(it->responsible);
	free(it->id);
	free(it->text);
	free(it->deadline);
}

/* Insert it after item index at, in the same section. */
static void insert_after(struct directive *d, size_t at, struct item it)
{
	size_t sec = d->items[at].section;

	d->items = xrealloc(d->items, (d->nitems + 2) * sizeof *d->items);
	memmove(d->items + at + 2, d->items + at + 1, (d->nitems - at - 1) * sizeof *d->items);
	it.section = sec;
	d->items[at + 1] = it;
	d->nitems++;
	d->sections[sec].nitems++;
	for (size_t s = sec + 1; s < d->nsections; s++)
		d->sections[s].first_item++;
}

static void remove_at(struct directive *d, size_t at)
{
	size_t sec = d->items[at].section;

	free_item(&d->items[at]);
	memmove(d->items + at, d->items + at + 1, (d->nitems - at - 1) * sizeof *d->items);
	d->nitems--;
	d->sections[sec].nitems--;
	for (size_t s = sec + 1; s < d->nsections; s++)
		d->sections[s].first_item--;
}

static void set_str(char **slot, const char *s)
{
	free(*slot);
	*slot = s ? xstrdup(s) : NULL;
}

static char **dup_strs(char *const *v, size_t n)
{
	char **out = xcalloc(n + 1, sizeof *out);

	for (size_t i = 0; i < n; i++)
		out[i] = xstrdup(v[i]);
	return out;
}

/* Make id "X.1" free for a piece split off X: the pieces already split
 * off it ("X.1", "X.2.3") move one number on, so reader order stays the
 * text's order.  Returns the new id or NULL when it would be too long. */
static char *child_id(struct directive *d, const char *x)
{
	size_t xl = strlen(x);
	char *id = xasprintf("%s.1", x);

	if (!item_id_valid(id)) {
		free(id);
		return NULL;
	}
	for (size_t i = 0; i < d->nitems; i++) {
		const char *o = d->items[i].id;
		char *end;
		unsigned long n;

		if (strncmp(o, x, xl) != 0 || o[xl] != '.' || !(o[xl + 1] >= '0' && o[xl + 1] <= '9'))
			continue;
		n = strtoul(o + xl + 1, &end, 10);
		char *moved = xasprintf("%s.%lu%s", x, n + 1, end);

		if (!item_id_valid(moved)) {
			free(moved);
			free(id);
			return NULL;
		}
		free(d->items[i].id);
		d->items[i].id = moved;
	}
	return id;
}

static bool lower_start(const char *s)
{
	ucs4_t c;

	return *s && u8_mbtouc(&c, (const uint8_t *)s, strlen(s)) > 0 && uc_is_lower(c);
}

/* A task's text as the importer writes it: the document's words and
 * their case, trimmed, ending in a full stop. */
static char *piece(const char *s, size_t n)
{
	struct buf b = {0};

	while (n && (*s == ' ' || *s == ';' || *s == ','))
		s++, n--;
	while (n && strchr(" ;,:", s[n - 1]))
		n--;
	buf_add(&b, s, n);
	if (b.len && !strchr(".!?…”\")", b.data[b.len - 1]) &&
	    !(b.len >= 3 && strcmp(b.data + b.len - 3, "…") == 0))
		buf_addc(&b, '.');
	return buf_steal(&b);
}

/* ---- showing ---- */

static int term_cols(void)
{
	struct winsize ws;
	const char *c = getenv("COLUMNS");

	if (isatty(STDOUT_FILENO) && ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) == 0 && ws.ws_col > 20)
		return ws.ws_col;
	if (c && atoi(c) > 20)
		return atoi(c);
	return 80;
}

static void wrapped(const char *s, int indent, int cols)
{
	size_t *starts, *lens, n;
	char *clean = text_sanitize(s, true);

	n = text_wrap(clean, cols - indent, &starts, &lens);
	for (size_t i = 0; i < n; i++)
		printf("%*s%.*s\n", indent, "", (int)lens[i], clean + starts[i]);
	free(starts);
	free(lens);
	free(clean);
}

static void show(const struct review *r)
{
	const struct directive *d = r->d;
	const struct item *it;
	const struct section *s;
	struct buf b = {0};

	if (!d->nitems) {
		printf("%s\n", _("The directive has no items left."));
		return;
	}
	it = &d->items[r->at];
	s = &d->sections[it->section];
	printf("\n[%s] ", cli_safe(it->id));
	printf(_("item %zu of %zu, section %s: "), r->at + 1, d->nitems, cli_safe(s->id));
	cli_put(stdout, s->title);
	putchar('\n');
	wrapped(it->text, 2, r->cols);
	for (size_t k = 0; k < it->nresponsible; k++) {
		if (b.len)
			buf_adds(&b, "; ");
		buf_adds(&b, it->responsible[k]);
	}
	printf("  %s ", _("Responsible:"));
	cli_put(stdout, b.len ? b.data : _("(the text names none)"));
	printf("\n  %s ", _("Deadline:"));
	cli_put(stdout, it->deadline ? it->deadline : _("(the text states none)"));
	putchar('\n');
	buf_free(&b);
}

/* One command a line, so a translation never wraps at 80 columns. */
static void help(void)
{
	static const char *const lines[] = {
		N_("Enter, n       next item"),
		N_("p              previous item"),
		N_("g ID           go to item ID"),
		N_("l, L           list this section's items, list the sections"),
		N_("m              merge this item with the next"),
		N_("s WORDS        split before WORDS (s alone: at the first ';')"),
		N_("e TEXT         new text for this item"),
		N_("d              delete this item (not a task)"),
		N_("r A; B         responsible agencies ('-' for none)"),
		N_("D TEXT         deadline as the text states it ('-' for none)"),
		N_("t TEXT         title of this section"),
		N_("T TEXT         title of the directive"),
		N_("I ID           id of the directive"),
		N_("u              undo the last change"),
		N_("w              save"),
		N_("q              quit"),
		N_("?              this help"),
		N_("e, r, D, t, T and I without a value ask for it on the next line."),
	};

	for (size_t i = 0; i < ARRAY_LEN(lines); i++)
		printf("%s\n", _(lines[i]));
}

/* ---- the commands ---- */

static char *ask(const char *prompt)
{
	char line[8192];
	size_t n;

	printf("%s ", prompt);
	fflush(stdout);
	if (!fgets(line, sizeof line, stdin))
		return NULL;
	n = strcspn(line, "\r\n");
	line[n] = '\0';
	return text_clean_input(line);
}

/* The value typed after the command on its line, else one asked for on
 * the next line (a copy; NULL at the end of the input). */
static char *value(const char *inline_arg, const char *prompt)
{
	if (inline_arg && *inline_arg)
		return xstrdup(inline_arg);
	return ask(prompt);
}

static void cmd_merge(struct review *r)
{
	struct directive *d = r->d;
	struct item *a, *b;
	char *text;

	if (r->at + 1 >= d->nitems || d->items[r->at + 1].section != d->items[r->at].section) {
		printf("%s\n", _("There is no next item in this section to merge with."));
		return;
	}
	save_undo(r);
	a = &d->items[r->at];
	b = &d->items[r->at + 1];
	/* Two clauses the import cut at ';' join with it again: "...; chú
	 * trọng ..." (the second starts in lower case). */
	if (strlen(a->text) > 1 && a->text[strlen(a->text) - 1] == '.' && lower_start(b->text))
		text = xasprintf("%.*s; %s", (int)strlen(a->text) - 1, a->text, b->text);
	else
		text = xasprintf("%s %s", a->text, b->text);
	free(a->text);
	a->text = text;
	for (size_t k = 0; k < b->nresponsible; k++) {
		bool have = false;

		for (size_t j = 0; j < a->nresponsible; j++)
			have |= strcmp(a->responsible[j], b->responsible[k]) == 0;
		if (!have) {
			a->responsible = xrealloc(a->responsible, (a->nresponsible + 2) * sizeof *a->responsible);
			a->responsible[a->nresponsible++] = xstrdup(b->responsible[k]);
			a->responsible[a->nresponsible] = NULL;
		}
	}
	if (!a->deadline && b->deadline)
		set_str(&a->deadline, b->deadline);
	printf(_("Merged %s into %s.\n"), cli_safe(b->id), cli_safe(a->id));
	remove_at(d, r->at + 1);
}

static void cmd_split(struct review *r, const char *words)
{
	struct directive *d = r->d;
	struct item *a, nw;
	const char *t;
	size_t at = 0, len = 0;
	char *id, *first, *second;

	if (!d->nitems)
		return;
	t = d->items[r->at].text;
	if (words && *words) {
		if (!text_search(t, words, 1, &at, &len)) {
			printf(_("\"%s\" is not in the item's text (after its first word).\n"), cli_safe(words));
			return;
		}
	} else {
		const char *semi = strstr(t, "; ");
		const char *dot = strstr(t, ". ");

		if (semi && (!dot || semi < dot))
			at = (size_t)(semi - t) + 2;
		else if (dot)
			at = (size_t)(dot - t) + 2;
		else {
			printf("%s\n", _("Say where to split: s and the first words of the new item."));
			return;
		}
	}
	first = piece(t, at);
	second = piece(t + at, strlen(t + at));
	if (!*first || !*second) {
		printf("%s\n", _("Both parts need some text."));
		free(first);
		free(second);
		return;
	}
	save_undo(r);
	a = &d->items[r->at];
	if (!(id = child_id(d, a->id))) {
		printf("%s\n", _("The item's id is too long to number a part of it."));
		free(first);
		free(second);
		directive_free(d);
		r->d = r->undo[--r->nundo];
		return;
	}
	a = &d->items[r->at];
	memset(&nw, 0, sizeof nw);
	nw.id = id;
	nw.text = second;
	nw.responsible = dup_strs(a->responsible, a->nresponsible);
	nw.nresponsible = a->nresponsible;
	nw.deadline = a->deadline ? xstrdup(a->deadline) : NULL;
	nw.evidence = xcalloc(a->nevidence + 1, sizeof *nw.evidence);
	nw.nevidence = a->nevidence;
	for (size_t k = 0; k < a->nevidence; k++) {
		nw.evidence[k] = a->evidence[k];
		nw.evidence[k].key = xstrdup(a->evidence[k].key);
		nw.evidence[k].label = xstrdup(a->evidence[k].label);
	}
	free(a->text);
	a->text = first;
	insert_after(d, r->at, nw);
	printf(_("Split into %s and %s.\n"), cli_safe(d->items[r->at].id), cli_safe(id));
}

static void cmd_go(struct review *r, const char *arg)
{
	char *id = value(arg, _("Go to item:"));
	long i;

	if (!id || !*id) {
		free(id);
		return;
	}
	if ((i = directive_item_index(r->d, id)) < 0)
		printf(_("No item %s.\n"), cli_safe(id));
	else
		r->at = (size_t)i;
	free(id);
}

static void cmd_list(const struct review *r, bool sections)
{
	const struct directive *d = r->d;

	if (sections) {
		for (size_t s = 0; s < d->nsections; s++) {
			printf("%-8s [%zu] ", cli_safe(d->sections[s].id), d->sections[s].nitems);
			cli_put_padded(stdout, d->sections[s].title, r->cols - 14);
			putchar('\n');
		}
		return;
	}
	if (!d->nitems)
		return;
	const struct section *s = &d->sections[d->items[r->at].section];

	for (size_t i = s->first_item; i < s->first_item + s->nitems; i++) {
		printf("%s %-10s ", i == r->at ? ">" : " ", cli_safe(d->items[i].id));
		cli_put_padded(stdout, d->items[i].text, r->cols - 14);
		putchar('\n');
	}
}

/* Replace *slot with the value; '-' clears it when may_clear, an empty
 * one keeps it. */
static void cmd_set(struct review *r, char **slot, const char *arg, const char *prompt, bool may_clear)
{
	char *v = value(arg, prompt);

	if (!v || !*v) {
		free(v);
		return;
	}
	if (strcmp(v, "-") == 0 && !may_clear) {
		free(v);
		return;
	}
	save_undo(r);
	/* The slot belongs to the directive the undo copy was made from,
	 * which is still r->d. */
	set_str(slot, strcmp(v, "-") == 0 ? NULL : v);
	free(v);
}

static void cmd_responsible(struct review *r, const char *arg)
{
	char *v = value(arg, _("Responsible agencies, separated by ';' ('-' for none):"));
	struct item *it;

	if (!v || !*v) {
		free(v);
		return;
	}
	save_undo(r);
	it = &r->d->items[r->at];
	for (size_t k = 0; k < it->nresponsible; k++)
		free(it->responsible[k]);
	free(it->responsible);
	it->responsible = xcalloc(1, sizeof *it->responsible);
	it->nresponsible = 0;
	if (strcmp(v, "-") != 0)
		for (char *p = v, *tok; (tok = strsep(&p, ";"));) {
			char *t = tok + strspn(tok, " ");
			size_t n = strlen(t);

			while (n && t[n - 1] == ' ')
				t[--n] = '\0';
			if (!*t)
				continue;
			it->responsible = xrealloc(it->responsible, (it->nresponsible + 2) * sizeof *it->responsible);
			it->responsible[it->nresponsible++] = xstrdup(t);
			it->responsible[it->nresponsible] = NULL;
		}
	free(v);
}

static void cmd_id(struct review *r, const char *arg)
{
	char *v = value(arg, _("Id of the directive (lower-case letters, digits, '-'):"));

	if (v && *v && strspn(v, "abcdefghijklmnopqrstuvwxyz0123456789-") == strlen(v) && v[0] != '-' &&
	    strlen(v) <= 64) {
		save_undo(r);
		set_str(&r->d->id, v);
	} else if (v && *v) {
		printf("%s\n", _("Not a valid id: lower-case letters, digits and '-', at most 64."));
	}
	free(v);
}

static int cmd_write(struct review *r)
{
	struct dvk_error err;
	size_t len;
	char *bytes = directive_write(r->d, r->path, &len, &err);

	if (!bytes || !store_write_atomic(r->path, bytes, len, &err)) {
		cli_error(&err);
		free(bytes);
		return 0;
	}
	free(bytes);
	r->dirty = false;
	printf(_("Saved %s.\n"), cli_safe(r->path));
	return 1;
}

/* The one-letter commands; those in TAKES_VALUE read the rest of their
 * line (or ask for it), the others take nothing after them. */
#define COMMANDS "npglLmseDrtTIduwq?h"
#define TAKES_VALUE "gseDrtTI"

/* Split a line into its command letter and the rest.  A command is one
 * letter on its own: a word ("done", "merge", "delete") is refused, not
 * taken for its first letter, and a letter that takes nothing refuses
 * anything after it.  Returns false (after saying why) for such a line. */
static bool parse(const char *line, char *c, const char **arg)
{
	const char *p = line + strspn(line, " \t");
	size_t wl = strcspn(p, " \t");

	*c = *p;
	*arg = p + wl;
	*arg += strspn(*arg, " \t");
	if (!*p)
		return true;
	if (wl != 1 || !strchr(COMMANDS, *p)) {
		char *w = xstrndup(p, wl);

		printf(_("Unknown command \"%s\": a command is one letter, then a space and its value "
			 "(? for help). Nothing was changed.\n"), cli_safe(w));
		free(w);
		return false;
	}
	if (**arg && !strchr(TAKES_VALUE, *p)) {
		printf(_("\"%c\" takes nothing after it (? for help). Nothing was changed.\n"), *p);
		return false;
	}
	return true;
}

/* The commands that change the directive (or the place) and show the item. */
static void edit(struct review *r, char c, const char *arg)
{
	struct directive *d = r->d;

	switch (c) {
	case 'g': cmd_go(r, arg); break;
	case 'm': cmd_merge(r); break;
	case 's': cmd_split(r, arg); break;
	case 'e':
		if (d->nitems)
			cmd_set(r, &d->items[r->at].text, arg, _("New text (empty keeps it):"), false);
		break;
	case 'D':
		if (d->nitems)
			cmd_set(r, &d->items[r->at].deadline, arg,
				_("Deadline as the text states it ('-' for none):"), true);
		break;
	case 'r':
		if (d->nitems)
			cmd_responsible(r, arg);
		break;
	case 't':
		if (d->nitems)
			cmd_set(r, &d->sections[d->items[r->at].section].title, arg,
				_("Title of this section (empty keeps it):"), false);
		break;
	case 'T': cmd_set(r, &d->title, arg, _("Title of the directive (empty keeps it):"), false); break;
	case 'I': cmd_id(r, arg); break;
	case 'd':
		if (d->nitems) {
			save_undo(r);
			printf(_("Deleted item %s (its words stay in the section's text).\n"),
			       cli_safe(r->d->items[r->at].id));
			remove_at(r->d, r->at);
			if (r->at >= r->d->nitems && r->at > 0)
				r->at--;
		}
		break;
	}
}

/* One command line; returns false to quit. */
static bool command(struct review *r, const char *line, bool *quit_ok)
{
	const char *arg;
	char c;

	if (!parse(line, &c, &arg))
		return true;
	switch (c) {
	case '\0':
	case 'n':
		if (r->at + 1 < r->d->nitems)
			r->at++;
		else
			printf("%s\n", _("This is the last item: w saves, q quits."));
		break;
	case 'p':
		if (r->at > 0)
			r->at--;
		break;
	case 'l': cmd_list(r, false); return true;
	case 'L': cmd_list(r, true); return true;
	case 'u':
		if (!r->nundo) {
			printf("%s\n", _("Nothing to undo."));
			return true;
		}
		directive_free(r->d);
		r->d = r->undo[--r->nundo];
		if (r->at >= r->d->nitems)
			r->at = r->d->nitems ? r->d->nitems - 1 : 0;
		r->dirty = true;
		break;
	case 'w': cmd_write(r); return true;
	case 'q':
		if (r->dirty && !*quit_ok) {
			printf("%s\n", _("There are unsaved changes: w saves them; q again quits without saving."));
			*quit_ok = true;
			return true;
		}
		return false;
	case '?':
	case 'h': help(); return true;
	default: edit(r, c, arg); break;
	}
	*quit_ok = false;
	show(r);
	return true;
}

int import_review(const char *path)
{
	struct review r = { .path = path };
	struct dvk_error err;
	bool quit_ok = false;
	int status = EXIT_OK;

	r.d = directive_load_file(path, &err);
	if (!r.d) {
		cli_error(&err);
		return EXIT_FAIL;
	}
	r.cols = term_cols();
	printf(_("Reviewing %s: %zu sections, %zu items.  ? shows the commands.\n"), cli_safe(path),
	       r.d->nsections, r.d->nitems);
	show(&r);
	for (;;) {
		char *line = ask(">");

		if (!line) {
			if (r.dirty) {
				fprintf(stderr, "%s\n", _("dvk: input ended with unsaved changes; nothing was written"));
				status = EXIT_FAIL;
			}
			break;
		}
		bool go_on = command(&r, line, &quit_ok);

		free(line);
		if (!go_on)
			break;
	}
	putchar('\n');
	directive_free(r.d);
	for (size_t i = 0; i < r.nundo; i++)
		directive_free(r.undo[i]);
	return status;
}
