/* verbs.c: the table of command-line verbs (see cli.h). */
#include <string.h>

#include "cli/cli.h"

const struct verb cli_verbs[] = {
	{ "check", verb_check, "FILE...",
	  "Check directive and state files.",
	  "Every problem is printed as FILE:LINE:COL: message.  Exit status 1 if any\n"
	  "file has a problem.\n" },
	{ "status", verb_status, "[--format text|csv] [FILE...]",
	  "Show progress per section and overall.",
	  "Without FILE: the own unit (--unit / DVK_UNIT).  --format csv prints\n"
	  "section,title,done,in_progress,not_applicable,total,percent and a final\n"
	  "row for section \"all\".\n" },
	{ "set", verb_set, "ITEM FIELD=VALUE...",
	  "Record one edit of an item of the own unit.",
	  "Fields: status (todo, in-progress, done, not-applicable), reason (needed for\n"
	  "not-applicable), note, activity.KEY (the activity.* pairs of one call make\n"
	  "one new activity record; KEY is an evidence field of the item).\n\n"
	  "Examples:\n"
	  "  dvk set 1.1 status=done note=\"Đã họp ngày 14/3\"\n"
	  "  dvk set 4.3 status=not-applicable reason=\"Không có đơn thư\"\n"
	  "  dvk set 1.1 activity.date=2023-03-14 activity.participants=45\n" },
	{ "log", verb_log, "[FILE] [ITEM]",
	  "Show the history, oldest first: when, who, what changed.",
	  "Without FILE: the own unit's file.\n" },
	{ "merge", verb_merge, "FILE... [-o OUT]",
	  "Join state files of one directive and unit.",
	  "Writes the join to standard output or atomically to OUT.  Conflicting\n"
	  "values are kept (status: CONFLICT) and listed on standard error; the exit\n"
	  "status is still 0.\n" },
	{ 0 },
};

const struct verb *cli_find_verb(const char *name)
{
	for (const struct verb *v = cli_verbs; v->name; v++)
		if (strcmp(v->name, name) == 0)
			return v;
	return NULL;
}
