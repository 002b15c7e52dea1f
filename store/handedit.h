/*
 * handedit.h: hand edits of a state file (internal to store/).
 *
 * A state file's header (unit_name, parent) and its `items:` summary are
 * written from the log, for people.  People edit them anyway: a reviewer
 * changes a status or rewrites a note in a text editor, an older dvk wrote
 * the unit's name only in the header.  While a file is parsed, what those
 * parts say is kept in a struct summary (compactly: values and where they
 * stand, never the YAML nodes); once the log is read, summary_apply turns
 * every difference between the two into an ordinary event that replaces
 * the heads the file's log gave, so the edit is kept, travels and merges
 * like any other.
 *
 * The events are a function of the file's content alone (ids, times and
 * record ids derived from a hash of the file's log and the edit), so two
 * laptops that read the same edited file make the same events, and
 * joining their copies adds nothing twice.  They are marked as hand edits
 * (replica HAND_EDIT_REPLICA, by "<unit>.dvk.yaml").
 */
#ifndef STORE_HANDEDIT_H
#define STORE_HANDEDIT_H

#include "store/store.h"

struct summary;

/* An empty summary; free with summary_free. */
struct summary *summary_new(void);
void summary_free(struct summary *s);

/* The header gave field (UNIT_NAME or UNIT_PARENT) of the unit as value
 * at line:col. */
void summary_unit(struct summary *s, const char *field, const char *value, int line, int col);

/* Turn each difference between s and the log of st into events added to
 * st->cl, and note them in st (state_hand_edits).  d checks item edits
 * (NULL: they are not looked at).  Returns 1, or 0 with err at
 * path:line:col when an edit cannot be understood (st must then be
 * dropped: it may hold part of the edits). */
int summary_apply(struct summary *s, struct state *st, const struct directive *d,
		  const char *path, struct dvk_error *err);

/* Note that e (in st->cl) is a hand edit found at line:col (store.c). */
void state_note_hand_edit(struct state *st, const struct event *e, int line, int col);

#endif
