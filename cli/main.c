/*
 * main.c: dvk's entry point.  Parses the common options, loads settings
 * and the directive, then runs a verb or, with none, the terminal UI.
 */
#include <locale.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "tui/tui.h"

static void print_help(void)
{
	printf("usage: dvk [OPTIONS]                 open the checklist (terminal UI)\n"
	       "       dvk [OPTIONS] VERB [ARGS...]  run one command\n\n"
	       "dvk tracks a unit's progress on a directive's tasks in YAML files that\n"
	       "any transport can carry and any two copies of which merge safely.\n\nVerbs:\n");
	for (const struct verb *v = cli_verbs; v->name; v++)
		printf("  %-13s %s\n", v->name, v->summary);
	printf("\nOptions (before or after the verb):\n"
	       "  --data DIR        data folder (DVK_DATA; default $XDG_DATA_HOME/dvk)\n"
	       "  --unit ID         own unit id (DVK_UNIT)\n"
	       "  --user NAME       who is editing (DVK_USER)\n"
	       "  --directive FILE  use another directive file instead of the built-in one\n"
	       "  --lang vi|en      language of the terminal UI (DVK_LANG)\n"
	       "  --review DIR      reviewer view: the units whose files are under DIR;\n"
	       "                    reviews are written into their files there\n"
	       "  --help, --version\n\n"
	       "`dvk VERB --help` tells more.  Exit status: 0 ok, 1 failure, 2 usage.\n");
}

/* The global options: the settings, and what only the terminal UI takes. */
struct main_opts {
	struct config_flags flags;
	const char *review; /* --review DIR: the reviewer view */
};

/* The options every verb accepts, wherever they stand. */
static const struct {
	const char *name;
	size_t offset;
} global_opts[] = {
	{ "--data", offsetof(struct main_opts, flags.data_dir) },
	{ "--unit", offsetof(struct main_opts, flags.unit) },
	{ "--user", offsetof(struct main_opts, flags.user) },
	{ "--lang", offsetof(struct main_opts, flags.lang) },
	{ "--directive", offsetof(struct main_opts, flags.directive) },
	{ "--review", offsetof(struct main_opts, review) },
};

/* Take the global options out of argv (in place); returns the new argc,
 * or -1 after printing a usage error. */
static int take_global_opts(int argc, char **argv, struct main_opts *flags)
{
	int out = 1;

	for (int i = 1; i < argc; i++) {
		size_t k, len;

		if (strcmp(argv[i], "--") == 0) {
			while (i < argc)
				argv[out++] = argv[i++];
			break;
		}
		for (k = 0; k < ARRAY_LEN(global_opts); k++) {
			len = strlen(global_opts[k].name);
			if (strncmp(argv[i], global_opts[k].name, len) == 0 &&
			    (argv[i][len] == '\0' || argv[i][len] == '='))
				break;
		}
		if (k == ARRAY_LEN(global_opts)) {
			argv[out++] = argv[i];
			continue;
		}
		const char **slot = (const char **)((char *)flags + global_opts[k].offset);

		if (argv[i][len] == '=') {
			*slot = argv[i] + len + 1;
		} else if (i + 1 < argc) {
			*slot = argv[++i];
		} else {
			fprintf(stderr, "dvk: %s needs a value\n", global_opts[k].name);
			return -1;
		}
	}
	argv[out] = NULL;
	return out;
}

static int load_directive(struct cli *c)
{
	struct dvk_error err;

	dvk_error_clear(&err);
	c->dir = c->cfg.directive ? directive_load_file(c->cfg.directive, &err)
				  : directive_builtin(&err);
	if (!c->dir) {
		cli_error(&err);
		return 0;
	}
	return 1;
}

int main(int argc, char **argv)
{
	struct main_opts opts = {0};
	struct cli c = { .prog = "dvk" };
	struct dvk_error err;
	const struct verb *v = NULL;
	int status = EXIT_FAIL;

	/* Only what dvk uses: the character set (UTF-8 or not, wide
	 * characters for curses) and the language of messages.  Dates are
	 * written with numeric formats and nothing sorts by locale, and
	 * LC_ALL would open a dozen locale files on every start (a third of
	 * the system time of a one-file `dvk status`). */
	setlocale(LC_CTYPE, "");
	setlocale(LC_MESSAGES, "");
	dvk_error_clear(&err);
	argc = take_global_opts(argc, argv, &opts);
	if (argc < 0)
		return EXIT_USAGE;
	if (opts.review && argc > 1 && argv[1][0] != '-') {
		fprintf(stderr, "dvk: --review opens the terminal UI and takes no command "
				"(dvk --review DIR)\n");
		return EXIT_USAGE;
	}
	if (argc > 1 && (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0 ||
			 strcmp(argv[1], "help") == 0)) {
		print_help();
		return EXIT_OK;
	}
	if (argc > 1 && strcmp(argv[1], "--version") == 0) {
		printf("dvk %s\n", DVK_VERSION);
		return EXIT_OK;
	}
	if (argc > 1) {
		v = cli_find_verb(argv[1]);
		if (!v) {
			fprintf(stderr, "dvk: unknown command \"%s\" (see dvk --help)\n", argv[1]);
			return EXIT_USAGE;
		}
		if (cli_wants_help(v, argc - 1, argv + 1))
			return EXIT_OK;
	}
	if (!config_load(&c.cfg, &opts.flags, &err)) {
		cli_error(&err);
		config_free(&c.cfg);
		return EXIT_FAIL;
	}
	if (load_directive(&c))
		status = v ? v->run(&c, argc - 1, argv + 1)
		       : opts.review ? tui_run_review(&c.cfg, c.dir, opts.review)
		       : tui_run(&c.cfg, c.dir);
	directive_free(c.dir);
	config_free(&c.cfg);
	return status;
}
