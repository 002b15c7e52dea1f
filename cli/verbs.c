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
	{ "merge-driver", verb_merge_driver, "%O %A %B %P",
	  "Git merge driver: join ours and theirs into %A.",
	  "Set up by `dvk git-setup`.  Exits 0 even when field conflicts remain (they are\ndata, shown by dvk); exits 1 and leaves %A untouched when a side does not parse.\n" },
	{ "git-setup", verb_git_setup, "[DIR]",
	  "Make a data folder a git repository that merges with dvk.",
	  "Writes .gitattributes (*.dvk.yaml merge=dvk text eol=lf), sets merge.dvk.driver,\nand writes a .gitignore for lock, temp and backup files.\n" },
	{ "git-resolve", verb_git_resolve, "FILE",
	  "Repair a state file that git merged as text (conflict markers).",
	  "Joins the index stages 2 and 3 of FILE, writes the result and stages it.\n" },
	{ "sync-setup", verb_sync_setup, "[DIR]",
	  "Write the ignore files that keep temp, lock and backup files out of Syncthing and git.",
	  "" },
	{ "fold", verb_fold, "[DIR]",
	  "Fold sync-conflict copies (Syncthing, Dropbox, Nextcloud) into the main files.",
	  "A copy is deleted only after everything in it is in the main file; a copy that\ndoes not parse is kept and reported.\n" },
	{ "export", verb_export, "[DIR]",
	  "Write the own unit's file to DIR (a USB stick) safely, and check it.",
	  "" },
	{ "receive", verb_receive, "FILE...",
	  "Join received state files into the data folder, each into its own unit's file.",
	  "" },
	{ "restore", verb_restore, "[BACKUP]",
	  "List backups, or merge one back (newer work is never lost).",
	  "" },
	{ "report", verb_report, "[--format text|md|csv|json] [--excel] [--by parent] [--draft] [DIR|FILE]...",
	  "Roll up many units' state files into a report.",
	  "" },
	{ "review", verb_review, "UNIT ITEM approved|needs-work [COMMENT]",
	  "Record a reviewer's verdict on a unit's item.",
	  "" },
	{ "diff", verb_diff, "A B",
	  "List what B holds that A does not: when, who, item, field, old -> new.",
	  "" },
	{ 0 },
};

const struct verb *cli_find_verb(const char *name)
{
	for (const struct verb *v = cli_verbs; v->name; v++)
		if (strcmp(v->name, name) == 0)
			return v;
	return NULL;
}
