/* verb_report.c: `dvk report [OPTIONS] [DIR|FILE]...`: many units' state
 * files rolled up into one report, or the draft of the written report. */
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "report/report.h"

/* The value of --NAME VALUE or --NAME=VALUE at argv[*i], or NULL. */
static const char *opt_value(int argc, char **argv, int *i, const char *name, bool *missing)
{
	size_t len = strlen(name);

	if (strncmp(argv[*i], name, len) != 0)
		return NULL;
	if (argv[*i][len] == '=')
		return argv[*i] + len + 1;
	if (argv[*i][len] != '\0')
		return NULL;
	if (*i + 1 >= argc) {
		*missing = true;
		return NULL;
	}
	return argv[++*i];
}

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
	const struct verb *v = cli_find_verb("report");
	struct report_opts o = { .format = REPORT_TEXT };
	bool draft = false, format_given = false, missing = false, only_paths = false;
	const char **paths = xcalloc((size_t)argc + 1, sizeof *paths);
	char *own_dir = NULL;
	struct report *r;
	size_t npaths = 0;
	int status = EXIT_OK;

	for (int i = 1; i < argc; i++) {
		const char *val;

		if (only_paths || argv[i][0] != '-' || !argv[i][1]) {
			paths[npaths++] = argv[i];
		} else if (strcmp(argv[i], "--") == 0) {
			only_paths = true;
		} else if ((val = opt_value(argc, argv, &i, "--format", &missing))) {
			if (!parse_format(val, &o.format)) {
				free(paths);
				return cli_usage(v, "unknown format \"%s\" (text, md, csv or json)", val);
			}
			format_given = true;
		} else if ((val = opt_value(argc, argv, &i, "--by", &missing))) {
			if (strcmp(val, "parent") != 0) {
				free(paths);
				return cli_usage(v, "--by takes \"parent\", not \"%s\"", val);
			}
			o.by_parent = true;
		} else if (strcmp(argv[i], "--excel") == 0) {
			o.excel = true;
		} else if (strcmp(argv[i], "--draft") == 0) {
			draft = true;
		} else {
			free(paths);
			return cli_usage(v, missing ? "%s needs a value" : "unknown option %s", argv[i]);
		}
	}
	if (o.excel && !format_given)
		o.format = REPORT_CSV;
	if (o.excel && o.format != REPORT_CSV) {
		free(paths);
		return cli_usage(v, "--excel is for --format csv");
	}
	if (draft && format_given && o.format != REPORT_MD) {
		free(paths);
		return cli_usage(v, "--draft is always Markdown");
	}
	if (npaths == 0) {
		/* The reviewer's own data folder: where `dvk receive` puts
		 * the files that came in. */
		own_dir = xasprintf("%s/%s", c->cfg.data_dir, c->dir->id);
		paths[npaths++] = own_dir;
	}
	r = report_load(c->dir, paths, npaths);
	for (size_t i = 0; i < r->ndiags; i++)
		cli_error(&r->diags[i].err);
	if (r->nunits == 0) {
		cli_fail("no state files of directive \"%s\" found%s", c->dir->id,
			 own_dir ? " in the data folder (give folders or files to report on)" : "");
		status = EXIT_FAIL;
	} else {
		o.reporter = c->cfg.unit_name;
		if (draft)
			report_write_draft(r, &o, stdout);
		else
			report_write(r, &o, stdout);
		if (fflush(stdout) != 0 || ferror(stdout)) {
			cli_fail("cannot write the report");
			status = EXIT_FAIL;
		}
		if (r->nerrors) {
			cli_fail("%zu file%s could not be read and %s left out", r->nerrors,
				 r->nerrors == 1 ? "" : "s", r->nerrors == 1 ? "is" : "are");
			status = EXIT_FAIL;
		}
	}
	report_free(r);
	free(own_dir);
	free(paths);
	return status;
}
