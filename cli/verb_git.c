/* verb_git.c: not written yet (stub so the verb table links). */
#include "cli/cli.h"

int verb_merge_driver(struct cli *c, int argc, char **argv)
{
	(void)c;
	(void)argc;
	cli_fail("%s: not implemented yet", argv[0]);
	return EXIT_FAIL;
}

int verb_git_setup(struct cli *c, int argc, char **argv)
{
	(void)c;
	(void)argc;
	cli_fail("%s: not implemented yet", argv[0]);
	return EXIT_FAIL;
}

int verb_git_resolve(struct cli *c, int argc, char **argv)
{
	(void)c;
	(void)argc;
	cli_fail("%s: not implemented yet", argv[0]);
	return EXIT_FAIL;
}

int verb_sync_setup(struct cli *c, int argc, char **argv)
{
	(void)c;
	(void)argc;
	cli_fail("%s: not implemented yet", argv[0]);
	return EXIT_FAIL;
}
