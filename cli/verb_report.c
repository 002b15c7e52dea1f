/* verb_report.c: `dvk report [OPTIONS] [DIR|FILE]...`: many units' state
 * files rolled up into one report, or the draft of the written report. */
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "report/report.h"

static int parse_format(const char *s, enum report_format *out)
{
	static const struct {
		const char *name;
		enum report_format f;
	} names[] = {
		{ "text", REPORT_TEXT }, { "md", REPORT_MD }, { "markdown", REPORT_MD },
		{ "csv", REPORT_CSV },   { "json", REPORT_JSON },
	};

	for (size_t i = 0; i < ARRAY_LEN(names); i++)
		if (strcmp(s, names[i].name) == 0) {
			*out = names[i].f;
			return 1;
		}
	return 0;
}

int verb_report(struct cli *c, int argc, char **argv)
{
	const struct verb *v = c->verb;
	struct report_opts o = { .format = REPORT_TEXT };
	bool draft = false, format_given = false;
	const char **paths;
	char *own_dir = NULL;
	struct report *r;
	size_t npaths = 0;
	int status = EXIT_OK, ch;

	while ((ch = cli_getopt(c, argc, argv)) != -1) {
		switch (ch) {
		case 'f':
			if (!parse_format(optarg, &o.format))
				return cli_usage(v, _("unknown format \"%s\" (text, md, csv or json)"),
						 optarg);
			format_given = true;
			break;
		case 'b':
			if (strcmp(optarg, "parent") != 0)
				return cli_usage(v, _("--by takes \"parent\", not \"%s\""), optarg);
			o.by_parent = true;
			break;
		case 'x': o.excel = true; break;
		case 'd': draft = true; break;
		default: return cli_usage(v, NULL);
		}
	}
	argc -= optind, argv += optind;
	if (o.excel && !format_given)
		o.format = REPORT_CSV;
	if (o.excel && o.format != REPORT_CSV)
		return cli_usage(v, _("--excel is for --format csv"));
	if (draft && format_given && o.format != REPORT_MD)
		return cli_usage(v, _("--draft is always Markdown"));
	paths = xcalloc((size_t)argc + 1, sizeof *paths);
	for (int i = 0; i < argc; i++)
		paths[npaths++] = argv[i];
	if (npaths == 0) {
		/* The reviewer's own data folder: where `dvk receive` puts
		 * the files that came in. */
		own_dir = xasprintf("%s/%s", c->cfg.data_dir, c->dir->id);
		paths[npaths++] = own_dir;
	}
	{
		/* Streamed: each unit is reduced and freed as it is read. */
		struct report_opts_load lo = { .details = o.format != REPORT_CSV };

		r = report_load_opts(c->dir, paths, npaths, &lo);
	}
	for (size_t i = 0; i < r->ndiags; i++)
		cli_error(&r->diags[i].err);
	if (r->nunits == 0) {
		cli_fail(own_dir ? _("no state files of directive \"%s\" found in the data folder "
				     "(give folders or files to report on)")
				 : _("no state files of directive \"%s\" found"),
			 c->dir->id);
		status = EXIT_FAIL;
	} else {
		o.office.name = c->cfg.unit_name;
		if (draft)
			report_write_draft(r, &o, stdout);
		else
			report_write(r, &o, stdout);
		if (fflush(stdout) != 0 || ferror(stdout)) {
			cli_fail(_("cannot write the report"));
			status = EXIT_FAIL;
		}
		if (r->nerrors) {
			cli_fail(ngettext("%zu file could not be read and is left out",
					  "%zu files could not be read and are left out", r->nerrors),
				 r->nerrors);
			status = EXIT_FAIL;
		}
	}
	report_free(r);
	free(own_dir);
	free(paths);
	return status;
}
