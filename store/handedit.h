/* Copyright 2026 the dvk developers.  SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * handedit.h: hand edits of a state file (internal to store/).
 *
 * A state file's header (unit_name, parent) and its `items:` summary are
 * written from the log, for people.  People edit them anyway: a reviewer
 * changes a status or rewrites a note in a text editor, an older dvk wrote
 * the unit's name only in the header.  While a file is parsed, what those
 * parts say is kept in a struct summary (compactly: the header's values,
 * and one digest per item of what its summary says, never the YAML nodes);
 * once the log is read, summary_apply turns every difference between the
 * two into an ordinary event that replaces the heads the file's log gave,
 * so the edit is kept, travels and merges like any other.  Only the items
 * whose digest differs from their log are read a second time, in full.
 *
 * What an item's summary says (the rules README.md gives reviewers):
 * status, review: the value, or CONFLICT while the log's heads disagree;
 * a line left out changes nothing.  reason, note, review_comment: the
 * text; a line left out removes it.  activities: the live records, in the
 * order the log gives them; a record left out is deleted, a new one is
 * added, a changed value is set; a value cannot be taken out of a record.
 * title and conflicts are for reading and are never compared.
 *
 * The events are a function of the file's content alone (ids, times and
 * record ids derived from a hash of the file's log and the edit), so two
 * laptops that read the same edited file make the same events, and
 * joining their copies adds nothing twice; the directive is only used to
 * refuse what it does not allow, never to change a value.  They are
 * marked as hand edits (replica HAND_EDIT_REPLICA, by "<unit>.dvk.yaml").
 */
#ifndef STORE_HANDEDIT_H
#define STORE_HANDEDIT_H

#include "store/store.h"
#include "yamlio/yamlio.h"

struct summary;

/* An empty summary; free with summary_free. */
struct summary *summary_new(void);
void summary_free(struct summary *s);

/* The header gave field (UNIT_NAME or UNIT_PARENT) of the unit as value
 * at line:col. */
void summary_unit(struct summary *s, const char *field, const char *value, int line, int col);

/* One entry of `items:` as the parse reads it: key names the item, val is
 * its summary.  Checks that it is one dvk can read (known keys, single
 * values, activity records of key: value) and keeps a digest of what it
 * says.  Returns 1, or 0 with err at path:line:col. */
int summary_item(struct summary *s, const struct ynode *key, const struct ynode *val,
		 const char *path, struct dvk_error *err);

/* Turn each difference between s and the log of st into events added to
 * st->cl, and note them in st (state_hand_edits).  The file is read again
 * (buf[0..len) when it is in memory, else path) for the items that
 * differ; digest is that of the file as first read, so that a file
 * replaced in between is not mixed with it.  d, when not NULL, refuses
 * what it does not allow (items and evidence fields it lacks, values that
 * do not fit their type).  Returns 1, or 0 with err at path:line:col when
 * an edit cannot be understood (st must then be dropped: it may hold part
 * of the edits). */
int summary_apply(struct summary *s, struct state *st, const struct directive *d,
		  const char *path, const char *buf, size_t len, struct dvk_digest digest,
		  struct dvk_error *err);

/* Note that e (in st->cl) is a hand edit found at line:col (store.c). */
void state_note_hand_edit(struct state *st, const struct event *e, int line, int col);

#endif
