/* Copyright 2026 the dvk developers.  SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * main.c: dvk's entry point.  Parses the common options, picks the
 * language, loads settings and the directive, then runs a verb or, with
 * none, the terminal UI.
 *
 * Options are parsed with getopt_long in two passes.  The first takes the
 * common options before the verb.  The second runs over the verb's
 * arguments with the verb's options and the common ones together, so that
 * `dvk status --unit x` works as well as `dvk --unit x status`: it keeps
 * the common options for main and hands the verb its own options, then
 * "--", then its operands (see cli_getopt).  Nothing is printed before
 * the language is known, so even a usage error is in the user's language.
 */
#include <errno.h>
#include <getopt.h>
#include <glob.h>
#include <locale.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli/cli.h"
#include "i18n/i18n.h"
#include "tui/tui.h"

/* The common options: long only, so they never clash with a verb's
 * letters; values above any character. */
enum {
	OPT_DATA = 256,
	OPT_UNIT,
	OPT_USER,
	OPT_LANG,
	OPT_DIRECTIVE,
	OPT_REVIEW,
};

static const struct option common_opts[] = {
	{ "data", required_argument, NULL, OPT_DATA },
	{ "unit", required_argument, NULL, OPT_UNIT },
	{ "user", required_argument, NULL, OPT_USER },
	{ "lang", required_argument, NULL, OPT_LANG },
	{ "directive", required_argument, NULL, OPT_DIRECTIVE },
	{ "review", required_argument, NULL, OPT_REVIEW },
	{ "help", no_argument, NULL, 'h' },
	{ "version", no_argument, NULL, 'V' },
	{ 0 },
};

/* Why the command line cannot run: worded only once the language is
 * chosen. */
enum bad {
	BAD_NONE,
	BAD_OPTION,    /* unknown option (arg) */
	BAD_VALUE,     /* option arg needs a value */
	BAD_VERB,      /* unknown command arg */
	BAD_REVIEW,    /* --review with a verb */
};

struct main_opts {
	struct config_flags flags;
	const char *review;      /* --review DIR: the reviewer view */
	bool help, version;
	const struct verb *verb; /* NULL: the terminal UI */
	int vargc;               /* the verb's arguments (see cli_getopt) */
	char **vargv;
	enum bad bad;
	char bad_arg[64];
};

static void print_help(void)
{
	struct buf b = { 0 };

	buf_adds(&b, _("usage:\n"
		       "  dvk [OPTIONS]                 open the checklist (terminal UI)\n"
		       "  dvk [OPTIONS] VERB [ARGS...]  run one command\n\n"
		       "dvk tracks a unit's progress on a directive's tasks in YAML files that\n"
		       "any transport can carry and any two copies of which merge safely.\n\n"));
	buf_printf(&b, "%s\n", _("Verbs:"));
	for (const struct verb *v = cli_verbs; v->name; v++)
		buf_printf(&b, "  %-13s %s\n", v->name, _(v->summary));
	buf_printf(&b, "\n%s", _("Options (before or after the verb):\n"
				 "  --data DIR        data folder (DVK_DATA; default $XDG_DATA_HOME/dvk)\n"
				 "  --unit ID         own unit id (DVK_UNIT)\n"
				 "  --user NAME       who is editing (DVK_USER)\n"
				 "  --directive ID|FILE  the directive: one of the data folder's (dvk directive\n"
				 "                    list) or a file; needed when the folder holds several\n"
				 "  --lang vi|en      language of messages (DVK_LANG; default: the locale's,\n"
				 "                    Vietnamese unless it is English)\n"
				 "  --review DIR      reviewer view: the units whose files are under DIR;\n"
				 "                    reviews are written into their files there\n"
				 "  -h, --help        this help; `dvk VERB --help` tells more\n"
				 "  -V, --version     the version\n\n"
				 "Exit status: 0 ok, 1 failure, 2 usage.\n"));
	/* laid out for the terminal: a translation is longer than the
	 * English the breaks above were made for */
	cli_put_help(stdout, b.data, cli_help_width(STDOUT_FILENO));
	buf_free(&b);
}

static void set_bad(struct main_opts *o, enum bad why, const char *arg)
{
	if (o->bad != BAD_NONE)
		return;
	o->bad = why;
	snprintf(o->bad_arg, sizeof o->bad_arg, "%s", arg);
}

/* The option getopt_long just refused at argv[at] (opterr is 0: we word
 * it): a long one by its name, a short one by its letter. */
static void refuse(struct main_opts *o, int ch, char **argv, int at)
{
	char what[sizeof o->bad_arg];

	if (strncmp(argv[at], "--", 2) == 0)
		snprintf(what, sizeof what, "%.*s", (int)strcspn(argv[at], "="), argv[at]);
	else
		snprintf(what, sizeof what, "-%c", optopt);
	set_bad(o, ch == ':' ? BAD_VALUE : BAD_OPTION, what);
}

/* A common option; returns false if ch is not one. */
static bool common_opt(struct main_opts *o, int ch, const char *arg)
{
	switch (ch) {
	case OPT_DATA: o->flags.data_dir = arg; break;
	case OPT_UNIT: o->flags.unit = arg; break;
	case OPT_USER: o->flags.user = arg; break;
	case OPT_LANG: o->flags.lang = arg; break;
	case OPT_DIRECTIVE: o->flags.directive = arg; break;
	case OPT_REVIEW: o->review = arg; break;
	case 'h': o->help = true; break;
	case 'V': o->version = true; break;
	default: return false;
	}
	return true;
}

/* The verb's options followed by the common ones, for the second pass
 * (caller frees). */
static struct option *merged_opts(const struct verb *v)
{
	size_t nv = 0, nc = ARRAY_LEN(common_opts);
	struct option *all;

	while (v->longopts && v->longopts[nv].name)
		nv++;
	all = xcalloc(nv + nc, sizeof *all);
	if (nv)
		memcpy(all, v->longopts, nv * sizeof *all);
	memcpy(all + nv, common_opts, nc * sizeof *all);
	return all;
}

/* Second pass over VERB ARGS... (argv[0] is the verb): take the common
 * options, check the verb's, and build o->vargv as VERB OPTIONS... --
 * OPERANDS... */
static void parse_verb_args(struct main_opts *o, int argc, char **argv)
{
	const struct verb *v = o->verb;
	struct option *all = merged_opts(v);
	char *shortopts = xasprintf("-:%shV", v->opts ? v->opts : "");
	char **operands = xcalloc((size_t)argc + 1, sizeof *operands);
	int nops = 0, ch, prev, kept;

	o->vargv = xcalloc((size_t)argc + 2, sizeof *o->vargv);
	o->vargv[o->vargc++] = argv[0];
	optind = 0; /* GNU: start afresh, reading the "-" of shortopts */
	kept = 1;
	for (prev = 1; (ch = getopt_long(argc, argv, shortopts, all, NULL)) != -1; prev = optind) {
		if (ch == 1) {
			operands[nops++] = optarg;
		} else if (ch == '?' || ch == ':') {
			refuse(o, ch, argv, prev);
		} else if (!common_opt(o, ch, optarg)) {
			/* the verb's own: hand it over as written, once per
			 * argument even when letters are bundled (-xy) */
			for (int i = prev > kept ? prev : kept; i < optind; i++)
				o->vargv[o->vargc++] = argv[i];
		}
		if (optind > kept)
			kept = optind;
	}
	while (optind < argc)
		operands[nops++] = argv[optind++];
	o->vargv[o->vargc++] = "--";
	for (int i = 0; i < nops; i++)
		o->vargv[o->vargc++] = operands[i];
	o->vargv[o->vargc] = NULL;
	free(operands);
	free(shortopts);
	free(all);
}

/* Parse the whole command line into o; never prints. */
static void parse_args(struct main_opts *o, int argc, char **argv)
{
	int ch, prev;

	opterr = 0;
	optind = 0;
	for (prev = 1; (ch = getopt_long(argc, argv, "+:hV", common_opts, NULL)) != -1; prev = optind)
		if (ch == '?' || ch == ':')
			refuse(o, ch, argv, prev);
		else
			common_opt(o, ch, optarg);
	if (optind >= argc)
		return;
	if (strcmp(argv[optind], "help") == 0) {
		/* `dvk help` and `dvk help VERB` */
		o->help = true;
		if (optind + 1 < argc && !(o->verb = cli_find_verb(argv[optind + 1])))
			set_bad(o, BAD_VERB, argv[optind + 1]);
		return;
	}
	o->verb = cli_find_verb(argv[optind]);
	if (!o->verb) {
		set_bad(o, BAD_VERB, argv[optind]);
		return;
	}
	parse_verb_args(o, argc - optind, argv + optind);
	if (o->review)
		set_bad(o, BAD_REVIEW, "");
}

/* Word and print a usage error; returns the exit status. */
static int usage_error(const struct main_opts *o)
{
	const char *fmt = NULL;

	switch (o->bad) {
	case BAD_OPTION: fmt = _("unknown option %s"); break;
	case BAD_VALUE: fmt = _("%s needs a value"); break;
	case BAD_VERB:
		cli_fail(_("unknown command \"%s\" (see dvk --help)"), o->bad_arg);
		return EXIT_USAGE;
	case BAD_REVIEW:
		cli_fail(_("--review opens the terminal UI and takes no command (dvk --review DIR)"));
		return EXIT_USAGE;
	case BAD_NONE: break;
	}
	if (o->verb)
		return cli_usage(o->verb, fmt, o->bad_arg);
	cli_fail(fmt, o->bad_arg);
	fprintf(stderr, "%s\n", _("usage: dvk [OPTIONS] [VERB [ARGS...]] (see dvk --help)"));
	return EXIT_USAGE;
}

/* Say which copy of the directive is used when the one asked for lost
 * to a newer revision (PLAN: the newer is used, and the user is told). */
static void tell_which(const struct cli *c)
{
	const struct catalog_entry *e = &c->source;

	if (e->other_revision && e->other_origin == CATALOG_FILE)
		cli_fail(_("note: using revision %u of directive %s (%s), newer than revision %u in %s"),
			 e->d->revision, e->d->id, catalog_origin_name(e->origin), e->other_revision,
			 c->cfg.directive);
}

/* The directive in use: --directive ID|FILE, "directive:" in the config,
 * or the only one the data folder holds.  With several and none chosen,
 * verbs that read each file with its own directive still run (on the
 * built-in one), plain dvk opens the chooser (c->dir stays NULL), and
 * the others stop and name the choices. */
static int load_directive(struct cli *c, const struct main_opts *o)
{
	struct dvk_error err;

	dvk_error_clear(&err);
	if (!catalog_open(c->cfg.data_dir, c->cfg.directive, &c->source, &err)) {
		/* plain dvk: the terminal UI opens a chooser */
		if (err.code == DVK_E_MISMATCH && !o->verb && !o->review)
			return 1;
		/* verbs that read each file with its own directive run on
		 * with the built-in one when none was asked for (`dvk directive
		 * list` and `dvk check` then say what is wrong) */
		bool fallback = o->verb && o->verb->any_directive &&
				(err.code == DVK_E_MISMATCH || !c->cfg.directive);
		if (!fallback) {
			cli_error(&err);
			/* several to choose from: the command line lacks a choice */
			return err.code == DVK_E_MISMATCH ? -1 : 0;
		}
		catalog_builtin(&c->source);
	}
	c->dir = c->source.d;
	tell_which(c);
	return 1;
}

/* Every verb's output goes to standard output through stdio, which keeps
 * a write error until the stream is flushed: a report sent to a full disk
 * or a closed pipe must not end with "success".  Returns status, or
 * EXIT_FAIL with a message when standard output could not be written. */
static int check_stdout(int status)
{
	int flushed;

	errno = 0;
	flushed = fflush(stdout);
	if (flushed == 0 && !ferror(stdout))
		return status;
	if (flushed != 0 && errno)
		cli_fail(_("cannot write the output: %s"), strerror(errno));
	else /* an earlier write failed; stdio does not keep why */
		cli_fail("%s", _("cannot write the output"));
	return EXIT_FAIL;
}

/* Everything after the language is chosen; returns the exit status. */
static int run(struct cli *c, struct main_opts *o, bool config_ok, const struct dvk_error *err)
{
	int status;

	if (o->bad != BAD_NONE)
		return usage_error(o);
	if (o->version) {
		printf("dvk %s\n", DVK_VERSION);
		return EXIT_OK;
	}
	if (o->help) {
		if (o->verb)
			cli_print_help(o->verb);
		else
			print_help();
		return EXIT_OK;
	}
	if (!config_ok) {
		cli_error(err);
		return EXIT_FAIL;
	}
	if (!o->verb && (!isatty(STDIN_FILENO) || !isatty(STDOUT_FILENO))) {
		/* the terminal UI would paint escape sequences into a file */
		cli_fail(_("not a terminal; use a verb (dvk --help)"));
		return EXIT_USAGE;
	}
	switch (load_directive(c, o)) {
	case 0: return EXIT_FAIL;
	case -1: return EXIT_USAGE;
	}
	c->verb = o->verb;
	optind = 0; /* the verb parses its own options afresh */
	status = o->verb ? o->verb->run(c, o->vargc, o->vargv)
	       : o->review ? tui_run_review(&c->cfg, c->dir, o->review)
	       : tui_run(&c->cfg, c->dir ? &c->source : NULL);
	store_known_free(c->known);
	catalog_entry_free(&c->source);
	catalog_free(c->cat);
	return status;
}

/* One option as the completion helper prints it. */
static void print_opt(const struct option *l)
{
	printf("--%s%s\n", l->name, l->has_arg == required_argument ? "=" : "");
}

/* The words of the command line: the verbs, the options of plain dvk
 * ("-"), or a verb's options then "usage: " and its usage line,
 * untranslated (completion/dvk reads the values an option takes and the
 * operands from it). */
static int complete_words(const char *what)
{
	const struct verb *v = NULL;

	if (!what) {
		for (v = cli_verbs; v->name; v++)
			puts(v->name);
		puts("help");
		return EXIT_OK;
	}
	if (strcmp(what, "-") == 0) {
		for (const struct option *l = common_opts; l->name; l++)
			print_opt(l);
		puts("-h\n-V");
		return EXIT_OK;
	}
	if (!(v = cli_find_verb(what)))
		return EXIT_USAGE;
	for (const char *p = v->opts ? v->opts : ""; *p; p++)
		if (*p != ':')
			printf("-%c%s\n", *p, p[1] == ':' ? "=" : "");
	for (const struct option *l = v->longopts; l && l->name; l++)
		print_opt(l);
	for (const struct option *l = common_opts; l->name; l++) {
		bool own = false;

		for (const struct option *m = v->longopts; m && m->name && !own; m++)
			own = strcmp(m->name, l->name) == 0;
		/* --review opens the reviewer view: never with a verb */
		if (!own && l->val != OPT_REVIEW)
			print_opt(l);
	}
	printf("usage: %s\n", v->usage);
	return EXIT_OK;
}

/* Unit ids with a file in the data folder (DATA/DIRECTIVE/UNIT.dvk.yaml;
 * conflict copies and other names are no unit's). */
static void complete_units(const char *data_dir)
{
	char *pattern = xasprintf("%s/*/*.dvk.yaml", data_dir);
	glob_t g;

	if (glob(pattern, 0, NULL, &g) == 0) {
		for (size_t i = 0; i < g.gl_pathc; i++) {
			const char *base = strrchr(g.gl_pathv[i], '/') + 1;
			char *unit = xstrndup(base, strlen(base) - strlen(".dvk.yaml"));

			if (unit_id_valid(unit))
				puts(unit);
			free(unit);
		}
		globfree(&g);
	}
	free(pattern);
}

/* The words that depend on the settings and the directive in use: item
 * ids ("items"), what `dvk set ITEM` takes ("fields=ITEM": status=,
 * reason=, note=, activity.KEY= for each evidence field), the statuses
 * ("statuses") and the units of the data folder ("units"). */
static int complete_data(struct cli *c, const struct main_opts *o, const char *what)
{
	const struct directive *d;

	if (strcmp(what, "units") == 0) {
		complete_units(c->cfg.data_dir);
		return EXIT_OK;
	}
	if (strcmp(what, "statuses") == 0) {
		for (int s = STATUS_TODO; s <= STATUS_NA; s++)
			puts(status_name((enum status)s));
		return EXIT_OK;
	}
	if (load_directive(c, o) != 1 || !(d = c->dir)) {
		catalog_entry_free(&c->source);
		catalog_free(c->cat);
		return EXIT_FAIL;
	}
	if (strcmp(what, "items") == 0) {
		for (size_t i = 0; i < d->nitems; i++)
			puts(d->items[i].id);
	} else if (strncmp(what, "fields=", 7) == 0) {
		const struct item *it = directive_item(d, what + 7);

		puts("status=\nreason=\nnote=");
		for (size_t i = 0; it && i < it->nevidence; i++)
			printf("activity.%s=\n", it->evidence[i].key);
	}
	catalog_entry_free(&c->source);
	catalog_free(c->cat);
	return EXIT_OK;
}

/* dvk --completion-helper [WHAT [OPTIONS]]: the words bash completion
 * offers, one a line, from the program itself so that completion/dvk never
 * lags it (git has --git-completion-helper for the same reason).  WHAT is
 * nothing, "-" or a verb (complete_words), or "items", "fields=ITEM",
 * "statuses" or "units" followed by the common options typed so far
 * (--data, --directive...).  Not for people: unlisted, untranslated,
 * silent. */
static int completion_helper(int argc, char **argv)
{
	struct main_opts o = {0};
	struct cli c = { .prog = "dvk" };
	struct dvk_error err;
	int status = EXIT_FAIL;

	if (argc < 1 || strcmp(argv[0], "-") == 0 || cli_find_verb(argv[0]))
		return check_stdout(complete_words(argc ? argv[0] : NULL));
	/* argv[0] (WHAT) stands where the program name would */
	parse_args(&o, argc, argv);
	if (o.bad != BAD_NONE || o.verb)
		return EXIT_USAGE;
	i18n_use(i18n_early_lang(o.flags.lang));
	dvk_error_clear(&err);
	if (config_load(&c.cfg, &o.flags, &err))
		status = complete_data(&c, &o, argv[0]);
	config_free(&c.cfg);
	free(o.vargv);
	return check_stdout(status);
}

int main(int argc, char **argv)
{
	struct main_opts o = {0};
	struct cli c = { .prog = "dvk" };
	struct dvk_error err;
	bool config_ok;
	int status;

	/* Only what dvk uses: the character set (UTF-8 or not, wide
	 * characters for curses) and the language of messages.  Dates are
	 * written with numeric formats and nothing sorts by locale, and
	 * LC_ALL would open a dozen locale files on every start (a third of
	 * the system time of a one-file `dvk status`). */
	setlocale(LC_CTYPE, "");
	setlocale(LC_MESSAGES, "");
	dvk_error_clear(&err);
	if (argc > 1 && strcmp(argv[1], "--completion-helper") == 0)
		return completion_helper(argc - 2, argv + 2);
	parse_args(&o, argc, argv);
	/* The config names a language too, but its own errors can only be
	 * worded in the one the command line and environment give. */
	i18n_use(i18n_early_lang(o.flags.lang));
	config_ok = config_load(&c.cfg, &o.flags, &err);
	if (config_ok)
		i18n_use(c.cfg.lang);
	status = check_stdout(run(&c, &o, config_ok, &err));
	cli_safe_free();
	config_free(&c.cfg);
	free(o.vargv);
	return status;
}
