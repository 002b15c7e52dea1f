/* verb_review.c: not written yet (stub so the verb table links). */
#include "cli/cli.h"

int verb_review(struct cli *c, int argc, char **argv)
{
	(void)c;
	(void)argc;
	cli_fail("%s: not implemented yet", argv[0]);
	return EXIT_FAIL;
}
