/* Copyright 2026 the dvk developers.  SPDX-License-Identifier: GPL-3.0-or-later */
/* verb_report.c: `dvk report [OPTIONS] [DIR|FILE]...`: many units' state
 * files rolled up into one report (text, Markdown, CSV, JSON, an Excel
 * workbook), or the báo cáo the office files (Markdown or Word). */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "cli/cli.h"
#include "report/report.h"
#include "roster/roster.h"

static int parse_format(const char *s, enum report_format *out)
{
	static const struct {
		const char *name;
		enum report_format f;
	} names[] = {
		{ "text", REPORT_TEXT }, { "md", REPORT_MD },   { "markdown", REPORT_MD },
		{ "csv", REPORT_CSV },   { "json", REPORT_JSON }, { "xlsx", REPORT_XLSX },
		{ "docx", REPORT_DOCX },
	};

	for (size_t i = 0; i < ARRAY_LEN(names); i++)
		if (strcmp(s, names[i].name) == 0) {
			*out = names[i].f;
			return 1;
		}
	return 0;
}

/* The format -o FILE names by its extension, if any. */
static bool format_of_file(const char *path, enum report_format *out)
{
	const char *dot = strrchr(path, '.');

	if (!dot || strchr(dot, '/'))
		return false;
	return parse_format(dot + 1, out) || (!strcmp(dot, ".txt") && (*out = REPORT_TEXT, true));
}

/* A calendar day as typed: 2023-06-30 or 30/6/2023.  Returns ms at the
 * local midnight that starts it, plus days_after days (1: the end of
 * it), or -1. */
static int64_t parse_day(const char *s, int days_after)
{
	int y, m, d;
	char tail;
	struct tm tm = { 0 };
	time_t t;

	if (sscanf(s, "%4d-%2d-%2d%c", &y, &m, &d, &tail) != 3 &&
	    sscanf(s, "%2d/%2d/%4d%c", &d, &m, &y, &tail) != 3)
		return -1;
	if (y < 1900 || m < 1 || m > 12 || d < 1 || d > 31)
		return -1;
	tm.tm_year = y - 1900;
	tm.tm_mon = m - 1;
	tm.tm_mday = d;
	tm.tm_isdst = -1;
	t = mktime(&tm);
	/* 30/2 would roll over to March: not a real day. */
	if (t == (time_t)-1 || tm.tm_mday != d || tm.tm_mon != m - 1)
		return -1;
	tm.tm_mday += days_after;
	tm.tm_hour = 0;
	tm.tm_isdst = -1;
	t = mktime(&tm);
	return (int64_t)t * 1000;
}

struct args {
	struct report_opts o;
	struct report_opts_load lo;
	bool format_given, draft, no_roster;
	const char *out, *roster, *as_of, *from, *to;
};

static int parse_args(struct cli *c, int *argc, char ***argv, struct args *a)
{
	const struct verb *v = c->verb;
	int ch;

	while ((ch = cli_getopt(c, *argc, *argv)) != -1) {
		switch (ch) {
		case 'f':
			if (!parse_format(optarg, &a->o.format))
				return cli_usage(v, _("unknown format \"%s\" (text, md, csv, json, xlsx or docx)"),
						 optarg);
			a->format_given = true;
			break;
		case 'o': a->out = optarg; break;
		case 'b':
			if (strcmp(optarg, "parent") != 0)
				return cli_usage(v, _("--by takes \"parent\", not \"%s\""), optarg);
			a->o.by_parent = true;
			break;
		case 'x': a->o.excel = true; break;
		case 'd': a->draft = true; break;
		case 'D': a->o.detail = true; break;
		case 's':
			if (!strcmp(optarg, "tab") || !strcmp(optarg, "\\t"))
				a->o.sep = '\t';
			else if (strlen(optarg) == 1 && strchr(",;\t|", optarg[0]))
				a->o.sep = optarg[0];
			else
				return cli_usage(v, _("--sep takes one of , ; | or tab, not \"%s\""), optarg);
			break;
		case 'a': a->as_of = optarg; break;
		case 'F': a->from = optarg; break;
		case 'T': a->to = optarg; break;
		case 'r': a->roster = optarg; break;
		case 'R': a->no_roster = true; break;
		default: return cli_usage(v, NULL);
		}
	}
	*argc -= optind, *argv += optind;
	return -1;
}

/* The format and what goes with it; a usage error's status, or -1. */
static int settle_format(struct cli *c, struct args *a)
{
	const struct verb *v = c->verb;
	enum report_format f;

	if (!a->format_given && a->out && format_of_file(a->out, &f)) {
		a->o.format = f;
		a->format_given = true;
	}
	if (!a->format_given && (a->o.excel || a->o.sep))
		a->o.format = REPORT_CSV;
	if (!a->format_given && a->draft)
		a->o.format = REPORT_MD;
	if (a->o.format == REPORT_DOCX)
		a->draft = true;
	if (a->o.excel && a->o.format != REPORT_CSV)
		return cli_usage(v, _("--excel is for --format csv"));
	if (a->o.sep && a->o.format != REPORT_CSV)
		return cli_usage(v, _("--sep is for --format csv"));
	if (a->draft && a->o.format != REPORT_MD && a->o.format != REPORT_DOCX)
		return cli_usage(v, _("--draft is written as Markdown (md) or Word (docx)"));
	if ((a->o.format == REPORT_XLSX || a->o.format == REPORT_DOCX) && !a->out)
		return cli_usage(v, _("--format %s writes a file: give -o FILE"),
				 a->o.format == REPORT_XLSX ? "xlsx" : "docx");
	if (a->o.detail && a->o.format != REPORT_TEXT && a->o.format != REPORT_MD &&
	    a->o.format != REPORT_CSV && a->o.format != REPORT_JSON && a->o.format != REPORT_XLSX)
		return cli_usage(v, _("--detail is for the text, md, csv, json and xlsx reports"));
	a->o.draft = a->draft;
	return -1;
}

static int settle_period(struct cli *c, struct args *a)
{
	const struct verb *v = c->verb;

	if (a->as_of && (a->from || a->to))
		return cli_usage(v, _("--as-of is one day; --from and --to are a period: not both"));
	if (a->as_of && (a->lo.until = parse_day(a->as_of, 1)) < 0)
		return cli_usage(v, _("--as-of takes a day such as 2023-06-30 or 30/6/2023, not \"%s\""),
				 a->as_of);
	if (a->to && (a->lo.until = parse_day(a->to, 1)) < 0)
		return cli_usage(v, _("--to takes a day such as 2023-06-30 or 30/6/2023, not \"%s\""), a->to);
	if (a->from && (a->lo.since = parse_day(a->from, 0)) < 0)
		return cli_usage(v, _("--from takes a day such as 2023-01-01 or 1/1/2023, not \"%s\""),
				 a->from);
	if (a->lo.since && a->lo.until && a->lo.since >= a->lo.until)
		return cli_usage(v, "%s", _("--from must come before --to"));
	return -1;
}

/* The roster: --roster FILE, else DATA/roster.yaml when there is one. */
static int load_roster(struct cli *c, const struct args *a, struct roster **out)
{
	char *path = a->roster ? xstrdup(a->roster) : roster_path(c->cfg.data_dir);
	struct dvk_error err;

	*out = NULL;
	dvk_error_clear(&err);
	if (a->no_roster || (!a->roster && !store_exists(path))) {
		free(path);
		return 1;
	}
	*out = roster_load(path, &err);
	free(path);
	if (!*out)
		cli_error(&err);
	return *out != NULL;
}

/* The office settings: the config's first, then the roster's, and the
 * reviewer's own unit name for the office. */
static void office(struct cli *c, const struct roster *ro, struct report_office *of, char ***rcpt)
{
	const struct roster_office *ro_of = ro ? roster_office(ro) : NULL;
	const char *cfg_rcpt = c->cfg.office_recipients;

#define PICK(cfg, field) ((cfg) && *(cfg) ? (cfg) : ro_of && ro_of->field ? ro_of->field : NULL)
	of->name = PICK(c->cfg.office_name, name);
	if (!of->name)
		of->name = c->cfg.unit_name;
	of->superior = PICK(c->cfg.office_superior, superior);
	of->place = PICK(c->cfg.office_place, place);
	of->symbol = PICK(c->cfg.office_symbol, symbol);
	of->authority = PICK(c->cfg.signer_authority, authority);
	of->signer_title = PICK(c->cfg.signer_title, signer_title);
	of->signer_name = PICK(c->cfg.signer_name, signer_name);
#undef PICK
	*rcpt = NULL;
	if (cfg_rcpt && *cfg_rcpt) {
		size_t n = 0, cap = 0;
		const char *p = cfg_rcpt;

		while (*p) {
			size_t len = strcspn(p, ";");
			char *one = xstrndup(p, len), *s = one, *e;

			while (*s == ' ')
				s++;
			e = s + strlen(s);
			while (e > s && e[-1] == ' ')
				*--e = '\0';
			if (*s) {
				GROW(*rcpt, n + 2, cap);
				(*rcpt)[n++] = xstrdup(s);
				(*rcpt)[n] = NULL;
			}
			free(one);
			p += len + (p[len] != '\0');
		}
		of->recipients = (const char *const *)*rcpt;
		of->nrecipients = n;
	} else if (ro_of) {
		of->recipients = (const char *const *)ro_of->recipients;
		of->nrecipients = ro_of->nrecipients;
	}
}

/* Write a text format to -o FILE (atomically) or standard output. */
static int write_text(const struct report *r, const struct report_opts *o, const char *out)
{
	char *tmp = NULL;
	FILE *f = stdout;
	struct dvk_error err;
	int ok = 1;

	dvk_error_clear(&err);
	if (out) {
		tmp = xasprintf("%s.tmp-%ld", out, (long)getpid());
		if (!(f = fopen(tmp, "w"))) {
			cli_fail(_("cannot write %s: %s"), out, strerror(errno));
			free(tmp);
			return 0;
		}
	}
	if (o->draft)
		report_write_draft(r, o, f);
	else
		report_write(r, o, f);
	if (fflush(f) != 0 || ferror(f)) {
		cli_fail(_("cannot write the report: %s"), strerror(errno));
		ok = 0;
	}
	if (out) {
		if (fclose(f) != 0)
			ok = 0;
		if (ok && !report_move_into_place(tmp, out, &err)) {
			cli_error(&err);
			ok = 0;
		}
		if (!ok)
			unlink(tmp);
		free(tmp);
	}
	return ok;
}

int verb_report(struct cli *c, int argc, char **argv)
{
	struct args a = { .o = { .format = REPORT_TEXT } };
	const char **paths;
	char *own_dir = NULL, **rcpt = NULL;
	struct roster *ro = NULL;
	struct report *r;
	size_t npaths = 0;
	int status = EXIT_OK, rc;

	if ((rc = parse_args(c, &argc, &argv, &a)) >= 0 || (rc = settle_format(c, &a)) >= 0 ||
	    (rc = settle_period(c, &a)) >= 0)
		return rc;
	if (!load_roster(c, &a, &ro))
		return EXIT_FAIL;
	paths = xcalloc((size_t)argc + 1, sizeof *paths);
	for (int i = 0; i < argc; i++)
		paths[npaths++] = argv[i];
	if (npaths == 0) {
		/* The reviewer's own data folder: where `dvk receive` puts
		 * the files that came in. */
		own_dir = xasprintf("%s/%s", c->cfg.data_dir, c->dir->id);
		paths[npaths++] = own_dir;
	}
	/* Streamed: each unit is read, reduced and freed.  Only the CSV
	 * summary needs nothing of what units wrote item by item. */
	a.lo.roster = ro;
	a.lo.details = !(a.o.format == REPORT_CSV && !a.o.detail);
	r = report_load_opts(c->dir, paths, npaths, &a.lo);
	for (size_t i = 0; i < r->ndiags; i++)
		cli_error(&r->diags[i].err);
	if (r->nunits == 0 && r->nmissing == 0) {
		cli_fail(own_dir ? _("no state files of directive \"%s\" found in the data folder "
				     "(give folders or files to report on)")
				 : _("no state files of directive \"%s\" found"),
			 c->dir->id);
		status = EXIT_FAIL;
	} else {
		struct dvk_error err;
		int ok;

		dvk_error_clear(&err);
		office(c, ro, &a.o.office, &rcpt);
		if (a.o.format == REPORT_XLSX)
			ok = report_write_xlsx(r, &a.o, a.out, &err);
		else if (a.o.format == REPORT_DOCX)
			ok = report_write_docx(r, &a.o, a.out, &err);
		else
			ok = write_text(r, &a.o, a.out) || (err.code = DVK_E_NONE, 0);
		if (!ok) {
			if (err.code != DVK_E_NONE)
				cli_error(&err);
			status = EXIT_FAIL;
		}
		if (r->nerrors) {
			cli_fail(ngettext("%zu file could not be read and is left out",
					  "%zu files could not be read and are left out", r->nerrors),
				 r->nerrors);
			status = EXIT_FAIL;
		}
	}
	for (size_t i = 0; rcpt && rcpt[i]; i++)
		free(rcpt[i]);
	free(rcpt);
	report_free(r);
	roster_free(ro);
	free(own_dir);
	free(paths);
	return status;
}
