/* Copyright 2026 the dvk developers.  SPDX-License-Identifier: GPL-3.0-or-later */
/* verbs.c: the table of command-line verbs and their options (see cli.h).
 * Usage, summary and help are N_(): translated where they are printed. */
#include <string.h>

#include "cli/cli.h"

/* Long options with no short form still return a letter: one that is
 * not in the verb's short options. */
static const struct option status_opts[] = {
	{ "format", required_argument, NULL, 'f' },
	{ 0 },
};

static const struct option merge_opts[] = {
	{ "output", required_argument, NULL, 'o' },
	{ 0 },
};

static const struct option import_opts[] = {
	{ "output", required_argument, NULL, 'o' },
	{ "review", required_argument, NULL, 'r' },
	{ "id", required_argument, NULL, 'i' },
	{ "force", no_argument, NULL, 'f' },
	{ 0 },
};

static const struct option roster_opts[] = {
	{ "roster", required_argument, NULL, 'r' },
	{ "name", required_argument, NULL, 'n' },
	{ "parent", required_argument, NULL, 'p' },
	{ "contact", required_argument, NULL, 'c' },
	{ "format", required_argument, NULL, 'f' },
	{ "sep", required_argument, NULL, 's' },
	{ 0 },
};

static const struct option directive_opts[] = {
	{ "format", required_argument, NULL, 'f' },
	{ 0 },
};

static const struct option report_opts[] = {
	{ "format", required_argument, NULL, 'f' },
	{ "output", required_argument, NULL, 'o' },
	{ "excel", no_argument, NULL, 'x' },
	{ "sep", required_argument, NULL, 's' },
	{ "by", required_argument, NULL, 'b' },
	{ "draft", no_argument, NULL, 'd' },
	{ "detail", no_argument, NULL, 'D' },
	{ "as-of", required_argument, NULL, 'a' },
	{ "from", required_argument, NULL, 'F' },
	{ "to", required_argument, NULL, 'T' },
	{ "roster", required_argument, NULL, 'r' },
	{ "no-roster", no_argument, NULL, 'R' },
	{ 0 },
};

const struct verb cli_verbs[] = {
	{
		.name = "check",
		.any_directive = true,
		.run = verb_check,
		.usage = N_("FILE..."),
		.summary = N_("Check directive and state files."),
		.help = N_("Every problem is printed as FILE:LINE:COL: message.  Exit status 1 if any\n"
		           "file has a problem.\n"),
	},
	{
		.name = "import",
		.run = verb_import,
		.opts = "o:r:i:f",
		.longopts = import_opts,
		.usage = N_("TEXT [-o FILE] [--id ID] [--force] | --review FILE"),
		.summary = N_("Make a directive file from the text of a directive or plan."),
		.help = N_("TEXT is the directive as received: text pasted from a PDF or Word file, or a\n"
		           "news report of it (\"-\" reads standard input).  Page numbers, running heads\n"
		           "and web page parts are left out, broken lines joined, lost paragraph breaks\n"
		           "restored, and the numbered parts (I., 1., a), (1), -, +) become sections and\n"
		           "items with the document's own numbers as ids.  A paragraph listing several\n"
		           "tasks separated by ';' gives one item per task.  Purpose and requirements,\n"
		           "legal bases (\"Căn cứ ...\") and the closing formula are kept as text, not\n"
		           "made tasks.  The number and symbol, date, issuer, signer, recipients, the\n"
		           "agencies named as responsible and the deadlines are taken where the text\n"
		           "states them; what it does not state is written as null, never guessed.\n"
		           "Every item gets the evidence fields date, participants and document number,\n"
		           "which the file can change.\n\n"
		           "  -o, --output FILE  write the directive there (atomically) instead of to\n"
		           "                     standard output; an existing FILE needs --force\n"
		           "  --id ID            the directive's id (default: from its number and year,\n"
		           "                     else from its title)\n"
		           "  --review FILE      walk FILE item by item: merge, split, edit, delete,\n"
		           "                     retitle; w saves, q quits\n\n"
		           "Then publish it: dvk directive add FILE.\n\n"
		           "Examples:\n"
		           "  dvk import ke-hoach-46.txt -o ke-hoach-46.yaml\n"
		           "  dvk import --review ke-hoach-46.yaml\n"),
	},
	{
		.name = "status",
		.run = verb_status,
		.longopts = status_opts,
		.usage = N_("[--format text|csv] [FILE...]"),
		.summary = N_("Show progress per section and overall."),
		.help = N_("Without FILE: the own unit (--unit / DVK_UNIT).  --format csv prints\n"
		           "section,title,done,in_progress,not_applicable,total,percent and a final\n"
		           "row for section \"all\".\n"),
	},
	{
		.name = "set",
		.run = verb_set,
		.usage = N_("ITEM FIELD=VALUE..."),
		.summary = N_("Record one edit of an item of the own unit."),
		.help = N_("Fields: status (todo, in-progress, done, not-applicable), reason (needed for\n"
		           "not-applicable), note, activity.KEY (the activity.* pairs of one call make\n"
		           "one new activity record; KEY is an evidence field of the item).\n\n"
		           "Examples:\n"
		           "  dvk set 1.1 status=done note=\"Đã họp ngày 14/3\"\n"
		           "  dvk set 4.3 status=not-applicable reason=\"Không có đơn thư\"\n"
		           "  dvk set 1.1 activity.date=2023-03-14 activity.participants=45\n"),
	},
	{
		.name = "unit",
		.run = verb_unit,
		.usage = N_("[name NAME | parent ID]"),
		.summary = N_("Show or change the own unit's name and parent."),
		.help = N_("Without arguments: the unit's id, name and parent, and the values copies\n"
		           "disagree on.  `name NAME` renames the unit; `parent ID` moves it under\n"
		           "another unit (\"\" for none).  Like any edit, the change is saved in the\n"
		           "unit's file and travels with it; it is also kept in the config for the\n"
		           "unit's files of other directives.  Changing unit_name or parent in the\n"
		           "config to a value the file never had does the same at the next save.\n\n"
		           "Examples:\n"
		           "  dvk unit name \"UBND xã Quảng Hòa\"\n"
		           "  dvk unit parent huyen-quang-xuong\n"),
	},
	{
		.name = "log",
		.run = verb_log,
		.usage = N_("[FILE] [ITEM]"),
		.summary = N_("Show the history, oldest first: when, who, what changed."),
		.help = N_("Without FILE: the own unit's file.\n"),
	},
	{
		.name = "merge",
		.any_directive = true,
		.run = verb_merge,
		.opts = "o:",
		.longopts = merge_opts,
		.usage = N_("[-o OUT] FILE..."),
		.summary = N_("Join state files of one directive and unit."),
		.help = N_("Writes the join to standard output or, with -o OUT (--output OUT),\n"
		           "atomically to OUT.  Conflicting values are kept (status: CONFLICT) and\n"
		           "listed on standard error; the exit status is still 0.\n"),
	},
	{
		.name = "merge-driver",
		.any_directive = true,
		.run = verb_merge_driver,
		.usage = N_("%O %A %B %P"),
		.summary = N_("Git merge driver: join ours and theirs into %A."),
		.help = N_("Set up by `dvk git-setup`; git runs it, not people.  %O (the ancestor) is not\n"
		           "needed: the join of ours (%A) and theirs (%B) is written atomically to %A.\n"
		           "Exits 0 even when field conflicts remain (they are data, shown by dvk); exits 1\n"
		           "and leaves %A untouched when a side does not parse, naming %P, line and column.\n"),
	},
	{
		.name = "git-setup",
		.any_directive = true,
		.run = verb_git_setup,
		.usage = N_("[DIR]"),
		.summary = N_("Make a data folder a git repository that merges with dvk."),
		.help = N_("DIR defaults to the data folder; it becomes a git repository if it is not in\n"
		           "one.  Writes .gitattributes (*.dvk.yaml merge=dvk text eol=lf), sets\n"
		           "merge.dvk.driver to this dvk's absolute path, and writes a .gitignore for lock,\n"
		           "temp and backup files.  Run it in every clone (git does not copy the setting)\n"
		           "and again if dvk moves.  Running it twice changes nothing.\n"),
	},
	{
		.name = "git-resolve",
		.any_directive = true,
		.run = verb_git_resolve,
		.usage = N_("FILE"),
		.summary = N_("Repair a state file that git merged as text (conflict markers)."),
		.help = N_("For a merge made without the dvk driver: joins git's stages 2 (ours) and 3\n"
		           "(theirs) of FILE, and the file itself if it parses, writes the result\n"
		           "atomically and runs `git add FILE`.  Conflicting values are kept for dvk to\n"
		           "settle.  Then commit to finish the merge.\n"),
	},
	{
		.name = "sync-setup",
		.any_directive = true,
		.run = verb_sync_setup,
		.usage = N_("[DIR]"),
		.summary = N_("Write the ignore files that keep temp, lock and backup files out of Syncthing and git."),
		.help = N_("DIR defaults to the data folder (share that folder in Syncthing).  Writes\n"
		           ".stignore and .gitignore, keeping lines already there.  Leave Syncthing's\n"
		           "conflict copies on (do not set maxConflicts to 0): dvk folds them in.\n"),
	},
	{
		.name = "fold",
		.run = verb_fold,
		.usage = N_("[DIR]"),
		.summary = N_("Fold sync-conflict copies (Syncthing, Dropbox, Nextcloud) into the main files."),
		.help = N_("DIR defaults to the data folder.  Copies are found by name (Syncthing's\n"
		           ".sync-conflict-, Dropbox's and Nextcloud's \"conflicted copy\") and by what they\n"
		           "say (any .yaml file there whose header names a unit, such as a saved email\n"
		           "attachment).  Each is joined into its unit's file; it is deleted only after\n"
		           "everything in it is found in that file.  A copy that does not parse is kept\n"
		           "and reported with its line; the exit status is then 1.\n"),
	},
	{
		.name = "export",
		.run = verb_export,
		.usage = N_("[DIR]"),
		.summary = N_("Write the own unit's file to DIR (a USB stick) safely, and check it."),
		.help = N_("Writes DIR/UNIT.dvk.yaml (DIR defaults to the current folder) atomically,\n"
		           "joining what a file already there holds, flushes the stick, reads the file back\n"
		           "from it and compares, and only then says the stick may be removed.\n"),
	},
	{
		.name = "receive",
		.any_directive = true,
		.run = verb_receive,
		.usage = N_("FILE|DIR..."),
		.summary = N_("Join received state files into the data folder, each into its own unit's file."),
		.help = N_("Each FILE (from a stick or an email, under any name) is checked, then joined\n"
		           "into DATA/DIRECTIVE/UNIT.dvk.yaml of the unit its header names, created when\n"
		           "new.  Reports per file the new entries and conflicts, and checks that nothing\n"
		           "of it is missing afterwards.  Receiving a file twice changes nothing.  A DIR\n"
		           "(a stick) stands for the state files (*.dvk.yaml) and directive files in it.\n"),
	},
	{
		.name = "restore",
		.run = verb_restore,
		.usage = N_("[BACKUP]"),
		.summary = N_("List backups, or merge one back (newer work is never lost)."),
		.help = N_("When a save replaces a file, dvk keeps the old one (at most one every\n"
		           "five minutes) in "
		           "DATA/.dvk-backups/DIRECTIVE/: the last 20, then the last of each day for\n"
		           "90 days, then the last of each month.  Without BACKUP: the own unit's\n"
		           "backups, newest first, numbered.  With BACKUP (a number from the list, a\n"
		           "name, or a path): its entries are joined into the current file, so\n"
		           "everything done since stays.  To undo a value, set it again.\n"),
	},
	{
		.name = "report",
		.run = verb_report,
		.opts = "f:o:",
		.longopts = report_opts,
		.usage = N_("[--format text|md|csv|json|xlsx|docx] [-o FILE] [--draft] [--detail] [--by parent]\n"
		            "           [--as-of DAY | --from DAY --to DAY] [--sep ;] [--excel] [--roster FILE] [DIR|FILE]..."),
		.summary = N_("Roll up many units' state files into a report, a spreadsheet or the báo cáo."),
		.help = N_("Reads every state file given; folders are searched recursively for *.yaml\n"
		           "files with \".dvk\" in the name (hidden folders such as .dvk-backups are\n"
		           "skipped).  Without DIR or FILE: DATA/<directive>/.  Copies of one unit (sync\n"
		           "conflict copies, files from several senders) are joined and counted once;\n"
		           "files of another directive are skipped with a warning.  Each unit is read,\n"
		           "summed and let go, so thousands of files need little memory.\n\n"
		           "With a roster (DATA/roster.yaml, see `dvk roster`), every format lists the\n"
		           "units on it that sent no file and the files of units not on it.\n\n"
		           "  --format text     aligned text (default): the units x task groups matrix,\n"
		           "                    each task group and item, each unit, and the open work\n"
		           "  --format md       the same in Markdown\n"
		           "  --format csv      one row per unit (or parent, or unit and item)\n"
		           "  --format json     everything, item by item (schema/dvk-report.schema.json)\n"
		           "  --format xlsx     an Excel workbook: summary, by parent, detail, roster and\n"
		           "                    open work sheets (needs -o FILE)\n"
		           "  --format docx     the báo cáo as a Word document (needs -o FILE)\n"
		           "  -o, --output FILE write to FILE (the format follows its extension)\n"
		           "  --draft           the báo cáo in the layout of Nghị định 30/2020/NĐ-CP,\n"
		           "                    as Markdown (or Word with --format docx)\n"
		           "  --detail          what each unit wrote: status, note, reason, evidence,\n"
		           "                    review, conflicts (text, md, csv)\n"
		           "  --by parent       the matrix (and CSV rows) by parent unit\n"
		           "  --as-of DAY       where things stood at the end of DAY (2023-06-30 or\n"
		           "                    30/6/2023)\n"
		           "  --from DAY --to DAY  what was done in the period, and where things stood\n"
		           "                    at its end\n"
		           "  --sep C           CSV separator: , ; | or tab (Excel in Vietnamese: ;)\n"
		           "  --excel           CSV for Excel: a byte-order mark first, formulas defused\n"
		           "  --roster FILE     another roster; --no-roster: none\n\n"
		           "The báo cáo takes the office's name, superior body, place, document symbol,\n"
		           "signer and recipients from the config (office_name, office_superior,\n"
		           "office_place, office_symbol, signer_authority, signer_title, signer_name,\n"
		           "office_recipients) or the roster (`dvk roster office`); what neither says\n"
		           "is left as \"[...]\" to fill in.  The reviewer view (dvk --review DIR) asks\n"
		           "for them once; o on its list of units changes them.\n\n"
		           "Problems with single files are printed on standard error; the report is still\n"
		           "written, and the exit status is 1 if a file could not be read.\n\n"
		           "Examples:\n"
		           "  dvk report ~/received/\n"
		           "  dvk report --format xlsx -o tong-hop.xlsx ~/received/\n"
		           "  dvk report --format csv --sep ';' --excel ~/received/ > tong-hop.csv\n"
		           "  dvk report --draft --from 2023-01-01 --to 2023-06-30 -o bao-cao.docx\n"),
	},
	{
		.name = "roster",
		.run = verb_roster,
		.longopts = roster_opts,
		.usage = N_("list|add|remove|import|check|office [ARGS] [--roster FILE]"),
		.summary = N_("Keep the list of units the office expects reports from (DATA/roster.yaml)."),
		.help = N_("  dvk roster list [--format csv]        the units, in the office's order\n"
		           "  dvk roster add ID [NAME] [--parent ID] [--contact TEXT]\n"
		           "                                        add a unit, or change one\n"
		           "  dvk roster remove ID...\n"
		           "  dvk roster import FILE.csv [--sep ;]  read the office's own list: any separator,\n"
		           "                                        headers in Vietnamese or English (Mã đơn vị /\n"
		           "                                        id, Tên đơn vị / name, Đơn vị cấp trên /\n"
		           "                                        parent, Liên hệ, Điện thoại / contact)\n"
		           "  dvk roster check [DIR|FILE...]        who has not reported, and files of units\n"
		           "                                        not on the roster (default DATA/DIRECTIVE/)\n"
		           "  dvk roster office [KEY=VALUE...]      show or set the office's settings for the\n"
		           "                                        báo cáo: name, superior, place, symbol,\n"
		           "                                        signer_authority, signer_title, signer_name,\n"
		           "                                        recipients (separated by ';')\n\n"
		           "The roster travels with the data folder.  `dvk report` lists the units on it\n"
		           "that sent no file and the files of units not on it, and takes a unit's name\n"
		           "from it when the unit's file gives none.\n\n"
		           "Examples:\n"
		           "  dvk roster import danh-sach-xa.csv\n"
		           "  dvk roster add xa-quang-hoa \"UBND xã Quảng Hòa\" --parent huyen-quang-xuong\n"
		           "  dvk roster office place=\"Quảng Xương\" symbol=UBND signer_title=\"CHỦ TỊCH\"\n"),
	},
	{
		.name = "directive",
		.run = verb_directive,
		.longopts = directive_opts,
		.any_directive = true,
		.usage = N_("list|show|add|diff [ARGS] [--format text|csv|yaml]"),
		.summary = N_("The directives of the data folder: list, show, publish, compare revisions."),
		.help = N_("  dvk directive list [--format csv]   each directive: id, revision, title, issuer,\n"
		           "                                      where it is, its unit files, the own unit's\n"
		           "                                      progress\n"
		           "  dvk directive show [ID|FILE] [--format yaml]\n"
		           "                                      its sections, items and evidence fields (yaml:\n"
		           "                                      the file as published)\n"
		           "  dvk directive add FILE...           publish a directive, or a correction of one\n"
		           "                                      (a higher revision), into the data folder\n"
		           "  dvk directive diff OLD NEW          items added and removed, text and evidence\n"
		           "                                      changed (ids of the folder or files)\n\n"
		           "A directive lives in DATA/ID/directive.yaml beside the units' files, so git,\n"
		           "Syncthing, `dvk export` and `dvk receive` carry it.  A newer revision replaces an\n"
		           "older one; an older one never replaces a newer; the same revision with other\n"
		           "content is refused.  Without a file there, the directive built into dvk is used.\n\n"
		           "Examples:\n"
		           "  dvk directive add ke-hoach-46-sua-doi.yaml\n"
		           "  dvk directive diff ke-hoach-46.yaml ke-hoach-46\n"),
	},
	{
		.name = "review",
		.run = verb_review,
		.usage = N_("UNIT ITEM approved|needs-work [COMMENT]"),
		.summary = N_("Record a reviewer's verdict on a unit's item."),
		.help = N_("Writes the verdict (and the comment) as events signed by --user / DVK_USER into\n"
		           "the unit's file in the data folder, DATA/<directive>/UNIT.dvk.yaml, so it goes\n"
		           "back to the unit with the file and shows on the item there.  A verdict without\n"
		           "a comment clears the previous comment.\n\n"
		           "Example:\n"
		           "  dvk review xa-quang-hoa 1.1 needs-work \"Thiếu biên bản hội nghị\"\n"),
	},
	{
		.name = "diff",
		.any_directive = true,
		.run = verb_diff,
		.usage = N_("A B"),
		.summary = N_("List what B holds that A does not: when, who, item, field, old -> new."),
		.help = N_("One line per event of B missing from A, oldest first; the old value is what the\n"
		           "event replaced, looked up in both files.  Both files must be of the same unit.\n"
		           "The number of such events is printed on standard error.\n\n"
		           "Example:\n"
		           "  dvk diff xa-quang-hoa.dvk.yaml /media/usb/xa-quang-hoa.dvk.yaml\n"),
	},
	{ 0 },
};

const struct verb *cli_find_verb(const char *name)
{
	for (const struct verb *v = cli_verbs; v->name; v++)
		if (strcmp(v->name, name) == 0)
			return v;
	return NULL;
}
