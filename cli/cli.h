/* Copyright 2026 the dvk developers.  SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * cli.h: what the command-line verbs share.
 *
 * main.c parses the common options (before or after the verb), picks the
 * language, loads the configuration and the directive, and calls one
 * verb.  Verbs print results on stdout and problems on stderr as
 * FILE:LINE:COL: message, and return the exit status: 0 success, 1
 * invalid input or failure, 2 usage.  Everything read from a file is
 * sanitised before it is printed; every sentence goes through _() or
 * ngettext (the table's texts are N_() and translated where printed).
 *
 * A verb's options are getopt_long's: its short option letters and long
 * options are in its entry of the verb table (verbs.c), and the verb reads
 * them with cli_getopt.  main() has already refused unknown options and
 * missing values (with the verb's usage, exit 2) and taken out the common
 * options wherever they stood, so a verb sees
 *     argv = VERB, its own options as typed, "--", its operands
 * and parses it like this:
 *     int ch;
 *     while ((ch = cli_getopt(c, argc, argv)) != -1)
 *             switch (ch) {
 *             case 'o': out = optarg; break;
 *             default: return cli_usage(c->verb, NULL);
 *             }
 *     argc -= optind, argv += optind;     now argv[0] is the first operand
 */
#ifndef CLI_CLI_H
#define CLI_CLI_H

#include <getopt.h>
#include <stdbool.h>
#include <stdio.h>

#include "catalog/catalog.h"
#include "config/config.h"
#include "content/directive.h"
#include "store/store.h"

enum { EXIT_OK = 0, EXIT_FAIL = 1, EXIT_USAGE = 2 };

struct cli {
	struct config cfg;
	struct directive *dir;   /* the directive in use: source.d */
	struct catalog_entry source; /* where it came from (catalog_open) */
	struct catalog *cat;     /* the data folder's directives, loaded when needed */
	struct store_known *known; /* dir's summaries, made when a file is read */
	const char *prog;        /* "dvk" */
	const struct verb *verb; /* the verb running */
};

struct verb {
	const char *name;
	int (*run)(struct cli *c, int argc, char **argv); /* argv[0] is the verb */
	/* getopt_long's short options ("o:") and long options (flag NULL,
	 * ending with {0}); NULL for none.  -h and -V are main's. */
	const char *opts;
	const struct option *longopts;
	const char *usage;   /* N_("ITEM FIELD=VALUE...") */
	const char *summary; /* N_(one line for dvk --help) */
	const char *help;    /* N_(the rest of `dvk VERB --help`) */
	/* Works on files of any directive (each read with its own): runs
	 * when the data folder holds several and none is chosen. */
	bool any_directive;
};

/* The verb table (main.c) and lookup. */
extern const struct verb cli_verbs[];
const struct verb *cli_find_verb(const char *name);

/* Print warn as "dvk: warning: FILE: message" on stderr (sanitised). */
void cli_warn_error(const struct dvk_error *warn);

/* Print err as "FILE:LINE:COL: message" on stderr (sanitised). */
void cli_error(const struct dvk_error *err);
/* Print "dvk: message" on stderr. */
void cli_fail(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* Usage error for verb v: "dvk VERB: message" (none when fmt is NULL;
 * pass _("...")), then "usage: dvk VERB ...".  Returns 2. */
int cli_usage(const struct verb *v, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* The next option of the running verb, as getopt_long returns it (its
 * value in optarg), or -1 after the options: argv + optind are then the
 * operands.  See the top of this file. */
int cli_getopt(struct cli *c, int argc, char **argv);

/* Print `dvk VERB --help`. */
void cli_print_help(const struct verb *v);

/* The width help is laid out for on fd: the terminal's, at most 80
 * columns (80 when fd is not a terminal). */
int cli_help_width(int fd);

/* Print a help text (translated) to f re-wrapped to width columns:
 * paragraphs at the margin are filled, indented "TERM  DESCRIPTION" rows
 * get their descriptions in one column with a hanging indent (help.c
 * says how the text is read). */
void cli_put_help(FILE *f, const char *text, int width);

/* Print "usage: dvk VERB USAGE" to f, the operands wrapped under the
 * first of them within width columns. */
void cli_put_usage(FILE *f, const char *verb, const char *usage, int width);

/* The path of the own unit's state file (caller frees), or NULL with a
 * message printed when no unit is configured. */
char *cli_own_path(struct cli *c);

/* Load a state file; a missing file gives an empty state for the own
 * unit when allow_missing.  NULL (message printed) on failure. */
struct state *cli_load_state(struct cli *c, const char *path, bool allow_missing);

/* The directive of files of directive id: c->dir when it is that one,
 * else the data folder's (or the built-in) copy; NULL when this laptop
 * has none.  Borrowed (valid until main returns). */
const struct directive *cli_directive_for(struct cli *c, const char *id);

/* Make the data folder carry the directive in use (catalog_ensure), after
 * a verb wrote a unit's file; a failure is only a warning. */
void cli_publish_directive(struct cli *c);

/* Warn on stderr when the state st read from path was written against a
 * newer revision of directive d than the one in use. */
void cli_revision_warning(const char *path, const struct state *st, const struct directive *d);

/* Warn on stderr when path is named as a sync tool's conflict copy of
 * another unit's file than the unit st (read from it) holds. */
void cli_copy_warning(const char *path, const struct state *st);

/* Print, apart from progress, what st holds that d lacks: items no
 * longer in the directive (with their status), and values of dropped or
 * retyped evidence fields.  Nothing when there is none. */
void cli_print_orphans(FILE *f, const struct state *st, const struct directive *d);

/* Append to b, for a line about event e, why e does not fit d ("  [item
 * not in revision 2]"); nothing when it fits. */
void cli_put_fit_note(struct buf *b, const struct directive *d, const struct event *e);

/* Append to b, for a line about event e, "  [edited by hand in FILE]"
 * when e is a hand edit of a file's summary (event_is_hand_edit); else
 * nothing. */
void cli_put_hand_note(struct buf *b, const struct event *e);

/* Print to f each hand edit found when st was read from path, as
 * "PATH:LINE:COL: edited by hand: ITEM FIELD: old → new".  Returns their
 * number. */
size_t cli_print_hand_edits(FILE *f, const char *path, const struct state *st);

/* After a save of st (read from path) that put the hand edits it found
 * into the log: say so on stderr, with each of them.  Nothing when st had
 * none. */
void cli_hand_edits_saved(const char *path, const struct state *st);

/* "date", "count", "text" (the names of the evidence types), in the
 * user's language. */
const char *cli_type_noun(enum evidence_type t);

/* "a date", "a count", "text", in the user's language. */
const char *cli_type_name(enum evidence_type t);

/* Join this laptop's journal of st's unit into st (read from path, the
 * unit's file in the data folder) and attach it, so that saves of st
 * write it (store_journal_attach).  Says on stderr when the journal
 * brought back edits the file had lost, and when a journal file had to
 * be set aside.  Returns how many events it brought back. */
size_t cli_attach_journal(struct cli *c, struct state *st, const char *path);

/* Print s to f with control characters neutralised. */
void cli_put(FILE *f, const char *s);

/* s (a file name, an id, anything read from a file or the command line)
 * with control characters made visible and on one line, for a "%s" of a
 * printf: the copy lives until cli_safe_free (main calls it at exit). */
const char *cli_safe(const char *s);
void cli_safe_free(void);

/* printf to f, the result neutralised like cli_put (newlines kept): for a
 * translated sentence whose arguments come from files. */
void cli_printf(FILE *f, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* Print s padded with spaces to cols display columns (cropped if wider). */
void cli_put_padded(FILE *f, const char *s, int cols);

/* Print s as one RFC 4180 CSV field. */
void cli_put_csv(FILE *f, const char *s);

/* The edit context for this user and laptop (clock loaded, replica made).
 * Returns 1, or 0 with a message printed.  Free with cli_edit_done, which
 * also saves the clock. */
int cli_edit_begin(struct cli *c, struct edit_ctx *ctx, struct hlc *clock);
void cli_edit_done(struct cli *c, struct edit_ctx *ctx);

/* Warn on stderr when this laptop's clock looks more than an hour behind
 * the newest entry of what (a file just read; store_clock_behind). */
void cli_clock_warning(const char *what, int64_t newest_at);

/* Print the unit's lines of `dvk status` and `dvk unit`: "unit: NAME
 * (ID)", its parent, values the copies disagree on (each with who set it)
 * and renames the config holds that the next save applies. */
void cli_print_unit(const struct cli *c, const struct state *st);

/* One edit of the own unit's file, as `dvk set` and `dvk unit` make it:
 * fold its conflict copies, load it (or start it), apply a rename the
 * config holds, apply the assignments to item, save, and say what was
 * saved.  ctx and clock come from cli_edit_begin.  Returns the exit
 * status. */
int cli_edit_own(struct cli *c, const char *item, const struct assignment *as, size_t n,
		 struct edit_ctx *ctx, struct hlc *clock);

/* Verbs. */
int verb_check(struct cli *c, int argc, char **argv);
int verb_import(struct cli *c, int argc, char **argv);
/* `dvk import --review FILE` (import_review.c): returns the exit status. */
int import_review(const char *path);
int verb_status(struct cli *c, int argc, char **argv);
int verb_set(struct cli *c, int argc, char **argv);
int verb_log(struct cli *c, int argc, char **argv);
int verb_merge(struct cli *c, int argc, char **argv);
int verb_merge_driver(struct cli *c, int argc, char **argv);
int verb_git_setup(struct cli *c, int argc, char **argv);
int verb_git_resolve(struct cli *c, int argc, char **argv);
int verb_sync_setup(struct cli *c, int argc, char **argv);
int verb_fold(struct cli *c, int argc, char **argv);
int verb_export(struct cli *c, int argc, char **argv);
int verb_receive(struct cli *c, int argc, char **argv);
int verb_restore(struct cli *c, int argc, char **argv);
int verb_report(struct cli *c, int argc, char **argv);
int verb_review(struct cli *c, int argc, char **argv);
int verb_roster(struct cli *c, int argc, char **argv);
int verb_diff(struct cli *c, int argc, char **argv);
int verb_directive(struct cli *c, int argc, char **argv);
int verb_unit(struct cli *c, int argc, char **argv);

#endif
