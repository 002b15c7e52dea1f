/* Copyright 2026 the dvk developers.  SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * checklist.h: the checklist engine.  No curses, no file I/O, no clock
 * reads: callers pass the time and the random bytes in.
 *
 * A unit's state is a grow-only set of immutable events.  Each event sets
 * one field of one item and names in `pred` the heads it replaces.  The
 * value of a field is its heads (events of that item and field that no
 * other event of the field names in pred); heads whose values differ are a
 * conflict, kept and shown, never settled by clock.  Joining two states is
 * set union (events compared by full content), so it is commutative,
 * associative and idempotent, and any transport can carry the files.
 *
 * Fields:
 *   status                  todo | in-progress | done | not-applicable
 *   reason                  text; required while status is not-applicable
 *   note                    text
 *   activity.<rid>.<key>    one value of activity record <rid>; <key> is
 *                           an evidence field of the item, typed by the
 *                           directive, or "deleted" (value "yes")
 *   review                  approved | needs-work (a reviewer's verdict)
 *   review_comment          text
 *
 * The canonical order of events is (item, field, gen, at, tick, replica,
 * id, then content), so the same set of events always serialises to the
 * same bytes.  A checklist keeps each (item, field) register's events in
 * that order with its heads, so adding an event costs O(log n) and the
 * figures screens show (statuses, conflicts, the newest time) are kept up
 * to date as events arrive rather than recomputed from all of them.
 */
#ifndef CHECKLIST_CHECKLIST_H
#define CHECKLIST_CHECKLIST_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "base/base.h"
#include "content/directive.h"

#define EVENT_ID_LEN 16    /* Crockford base32, 80 random bits */
#define EVENT_ID_BYTES 10  /* the same 80 bits as an integer */
#define RECORD_ID_LEN 8    /* activity record ids: 40 random bits */
#define CLOCK_MAX_AHEAD_MS (10 * 60 * 1000) /* HLC never more than this past local time */

enum status {
	STATUS_TODO,
	STATUS_IN_PROGRESS,
	STATUS_DONE,
	STATUS_NA,
	STATUS_CONFLICT, /* status heads disagree */
	STATUS__COUNT
};

/* An event id as the 80-bit number its text spells, most significant byte
 * first, so that comparing the bytes orders ids as their text does.
 * event_id_str gives the text back. */
struct event_id {
	unsigned char b[EVENT_ID_BYTES];
};

/*
 * One event.  Events in a checklist are owned by it and never change or
 * move once added; their strings are the checklist's too: item, field,
 * by and replica are stored once per distinct string (so pointers of
 * equal strings are equal within one checklist), values and preds in one
 * pool.  An event made by a caller to be added (checklist_add) may point
 * anywhere: the checklist copies what it keeps.
 */
struct event {
	struct event_id id;
	bool replaced;      /* in a checklist: named in pred by an event of its
			     * item and field, so not a head (set by the engine) */
	uint32_t npred;
	uint32_t seq;       /* in a checklist: the order it arrived in, so
			     * checklist_arrival(cl, e->seq) == e */
	const char *item;
	const char *field;
	const char *value;
	const struct event_id *pred; /* sorted, unique */
	unsigned long gen;
	const char *by;
	const char *replica;
	int64_t at;      /* ms since the epoch, UTC */
	unsigned long tick;
};

/* The set of events: opaque, read through the functions below. */
struct checklist;

/* ---- the unit's own fields and hand edits ---- */

/* The unit's display name and parent are values like any other (PLAN
 * decision 4): events of this reserved item, fields UNIT_NAME (text) and
 * UNIT_PARENT (a unit id, or empty for none).  Directive item ids never
 * start with '_'. */
#define UNIT_ITEM "_unit"
#define UNIT_NAME "name"
#define UNIT_PARENT "parent"

/* True for ids dvk reserves (they start with '_'): not directive items,
 * never listed as items, orphans or progress. */
bool checklist_item_reserved(const char *item);

/* What field of UNIT_ITEM is, for people ("Name of the unit", "Parent
 * unit", translated; the field's name for any other): the reserved id
 * itself is never shown. */
const char *checklist_unit_label(const char *field);

/* True if s is a valid unit id: [a-z0-9][a-z0-9._-]*, at most 100 bytes. */
bool unit_id_valid(const char *s);

/* An edit somebody made by hand in a file's `items:` summary (or its
 * header's unit_name / parent), which dvk turned into an event when it
 * read the file: replica HAND_EDIT_REPLICA, by the file's name
 * ("<unit>.dvk.yaml").  No laptop's replica id can be this (they end in
 * four characters of an alphabet without 'i'). */
#define HAND_EDIT_REPLICA "hand-edit"

bool event_is_hand_edit(const struct event *e);

/* Who made e, for people: its author, or "hand edit in FILE" (translated)
 * for a hand edit.  Caller frees. */
char *event_author(const struct event *e);

/* ---- events and sets ---- */

/* A new empty set.  Free with checklist_free (which frees every event). */
struct checklist *checklist_new(void);
void checklist_free(struct checklist *cl);

/* Number of events in cl. */
size_t checklist_count(const struct checklist *cl);

/* The events in canonical order: an array of checklist_count() events,
 * owned by cl and valid until cl next changes. */
const struct event *const *checklist_events(const struct checklist *cl);

/* The i-th event in the order events were added (i < checklist_count):
 * what arrived after a count n is arrival n, n + 1, ...  Borrowed. */
const struct event *checklist_arrival(const struct checklist *cl, size_t i);

/* Changed by every change, to a number no set of this process had
 * before: equal versions mean the same set with the same events. */
unsigned long checklist_version(const struct checklist *cl);

/* A number no other set made by this process has (a freed set's address
 * may be reused): what a memo of one set's events checks before it
 * counts only the events that arrived since (checklist_arrival). */
unsigned long checklist_serial(const struct checklist *cl);

/* Canonical order and full-content comparison (strcmp-like). */
int event_cmp(const struct event *a, const struct event *b);

/* Add a copy of e to cl (e is not taken: its strings may live anywhere).
 * Returns the stored event if it was new, NULL if an equal event was
 * already there.  O(log n): heads and counts are kept as events arrive. */
const struct event *checklist_add(struct checklist *cl, const struct event *e);

/* The event of cl equal to e (by full content), or NULL. */
const struct event *checklist_lookup(const struct checklist *cl, const struct event *e);

/* dst := dst ∪ src (src unchanged).  Returns how many events were new. */
size_t checklist_join(struct checklist *dst, const struct checklist *src);

/* True if every event of a is in b. */
bool checklist_subset(const struct checklist *a, const struct checklist *b);

/* Item ids that have events, in canonical order (n set): owned by cl,
 * valid until cl next changes.  Includes items no directive knows. */
const char *const *checklist_items(const struct checklist *cl, size_t *n);

/* An event of cl on a ring of preds within its (item, field): one that
 * names itself, or events that each replace the next in a ring.  No edit
 * makes one (a pred names an event that existed first), but a hand-made
 * file can, and such events would replace each other and hide the
 * field's value.  Returns one of them (borrowed), or NULL when there is
 * none.  O(n log n): for loading a file. */
const struct event *checklist_cycle(const struct checklist *cl);

/* The same for dst ∪ src, where neither has a ring of its own: only the
 * registers in which src brings new events are looked at, so a join that
 * brings little costs little.  Borrowed from dst or src, or NULL. */
const struct event *checklist_join_cycle(const struct checklist *dst,
					 const struct checklist *src);

/* ---- event ids ---- */

/* Parse a well-formed id (EVENT_ID_LEN Crockford base32 characters, the
 * first a letter).  Returns false, leaving *out alone, otherwise. */
bool event_id_parse(const char *s, struct event_id *out);

/* The text of id in buf (at least EVENT_ID_LEN + 1 bytes); returns buf. */
char *event_id_str(const struct event_id *id, char *buf);

/* Order of ids, the same as their texts' (memcmp-like). */
int event_id_cmp(const struct event_id *a, const struct event_id *b);

/* ---- reading fields ---- */

/* The heads of (item, field): *heads (caller frees the array, not the
 * events) gets them in canonical order.  Returns their number. */
size_t checklist_heads(const struct checklist *cl, const char *item,
		       const char *field, const struct event ***heads);

/* The value of (item, field): NULL if never set; otherwise the agreed
 * value (borrowed).  *conflict (may be NULL) is set when heads differ,
 * and then the return value is NULL. */
const char *checklist_value(const struct checklist *cl, const char *item,
			    const char *field, bool *conflict);

/* The event with this id among those of (item, field), or NULL: how a
 * history finds the value an event replaced (its pred is always of the
 * same item and field).  Borrowed. */
const struct event *checklist_find(const struct checklist *cl, const char *item,
				   const char *field, const struct event_id *id);

/* The events of item in canonical order (caller frees the array, not
 * the events).  Returns their number. */
size_t checklist_item_events(const struct checklist *cl, const char *item,
			     const struct event ***events);

/* Every distinct field name set on item, sorted (caller frees the array;
 * the strings are borrowed). */
size_t checklist_fields(const struct checklist *cl, const char *item,
			const char ***fields);

/* ---- derived view of one item ---- */

struct field_view {
	const char *field;          /* borrowed */
	const char *value;          /* agreed value, NULL if unset or conflict */
	const struct event **heads; /* owned array of borrowed events */
	size_t nheads;
	bool conflict;
};

struct activity_view {
	char *rid;                 /* owned */
	struct field_view *values; /* one per key set, sorted by key */
	size_t nvalues;
	bool deleted;
};

struct item_view {
	enum status status;
	struct field_view status_f, reason_f, note_f, review_f, review_comment_f;
	struct activity_view *acts; /* sorted by first event time, then rid */
	size_t nacts;
	size_t nconflicts;          /* fields in conflict */
	int64_t last_at;            /* newest event of the item, 0 if none */
	size_t nevents;
};

/* Derive the view of item.  Free with item_view_free. */
void checklist_item_view(const struct checklist *cl, const char *item,
			 struct item_view *out);
void item_view_free(struct item_view *v);

/* Status of an item (STATUS_TODO if never set). */
enum status checklist_status(const struct checklist *cl, const char *item);

/* "todo", "in-progress", "done", "not-applicable", "CONFLICT". */
const char *status_name(enum status s);
/* Parse a status name (not CONFLICT); returns -1 if unknown. */
int status_parse(const char *s);

/* ---- progress ---- */

struct progress {
	unsigned total, todo, in_progress, done, na, conflict;
};

/* Progress of one section (index into d->sections) or, with section ==
 * (size_t)-1, of the whole directive. */
void checklist_progress(const struct checklist *cl, const struct directive *d,
			size_t section, struct progress *out);

/* Count one item of status s into p. */
void progress_add(struct progress *p, enum status s);

/* done / (total - na) as a whole percentage rounded half up (2/3 → 67,
 * 1/8 → 13); 0 when nothing is applicable. */
unsigned progress_percent(const struct progress *p);

/* Number of (item, field) pairs in conflict over the whole set (kept as
 * events arrive: O(1)). */
size_t checklist_conflict_count(const struct checklist *cl);

/* The newest `at` in the set, 0 if empty (O(1)). */
int64_t checklist_max_at(const struct checklist *cl);

/* What a list of items shows of one, kept as events arrive (O(log n)). */
struct item_stats {
	size_t nevents;
	size_t nconflicts;      /* fields in conflict */
	int64_t last_at;        /* newest event of the item, 0 if none */
	unsigned long version;  /* changes when an event of the item arrives */
};

/* Stats of item (all zero when it has no events). */
void checklist_item_stats(const struct checklist *cl, const char *item,
			  struct item_stats *out);

/* ---- validation ---- */

/* Check that field is a known field of item and value fits it (status
 * names, typed evidence values, non-empty reason).  Returns 1, or 0 with
 * err->message set (no position; callers add one). */
int checklist_check_field(const struct directive *d, const char *item,
			  const char *field, const char *value,
			  struct dvk_error *err);

/* The checks of checklist_check_field that do not depend on a directive:
 * a field name dvk knows (status, reason, note, review, review_comment,
 * activity.<record>.<key>, the unit's name and parent), a status or review
 * value dvk knows.  Returns 1, or 0 with err->message set. */
int checklist_check_shape(const char *item, const char *field, const char *value,
			  struct dvk_error *err);

/* The first control character of s other than a line break or a tab (C0,
 * DEL, C1), or 0: edits refuse text that holds one. */
unsigned checklist_control_char(const char *s);

/* Check the shape of an event read from a file: id well-formed, an item
 * named, a field name dvk knows (status, reason, note, review,
 * review_comment, activity.<record>.<key>), a status or review value
 * dvk knows, by/replica present.  d is not consulted: an event for an
 * item, or an evidence field, that the loaded revision of the directive
 * lacks, or whose value no longer fits the field's type, is data to keep
 * (see checklist_field_fit). */
int checklist_check_event(const struct directive *d, const struct event *e,
			  struct dvk_error *err);

/* ---- what a directive revision lacks (PLAN decision 6) ----
 *
 * A corrected directive (a higher revision) may drop items, drop an
 * evidence field, or change a field's type.  Events written against
 * another revision are never refused, changed or dropped: they load,
 * join, save and travel like any other.  They are only left out of
 * progress (which counts d's items) and shown apart: "Mục không còn
 * trong văn bản" / "items no longer in the directive".  Edits
 * (checklist_apply) stay strict: nobody can add to an item or field the
 * directive does not have.  Items whose id starts with '_' are dvk's
 * own (the unit's name and parent) and are never orphans. */

enum field_fit {
	FIT_OK,        /* d has the item and field, and the value fits */
	FIT_NO_ITEM,   /* d has no such item */
	FIT_NO_FIELD,  /* d's item has no such evidence field */
	FIT_BAD_VALUE, /* the evidence field's type no longer admits value */
};

/* How (item, field, value) fits directive d (value may be NULL: the
 * field alone).  With d NULL everything fits. */
enum field_fit checklist_field_fit(const struct directive *d, const char *item,
				   const char *field, const char *value);

/* The items with events that d does not have, in canonical (id) order
 * (caller frees the array; the strings are borrowed from cl, valid until
 * it next changes).  Returns their number. */
size_t checklist_orphan_items(const struct checklist *cl, const struct directive *d,
			      const char ***items);

/* A value in force (a head of a live activity record) of an item d has,
 * that d's item does not take: its evidence field is gone (FIT_NO_FIELD)
 * or the value no longer fits the field's type (FIT_BAD_VALUE). */
struct misfit {
	const char *item;  /* borrowed from cl */
	const char *field; /* "activity.<rid>.<key>", borrowed */
	const char *key;   /* points into field */
	const char *value; /* borrowed */
	enum field_fit fit;
};

/* Every such value, by item (d's order) then field.  *out: caller frees
 * the array.  Returns their number. */
size_t checklist_misfit_values(const struct checklist *cl, const struct directive *d,
			       struct misfit **out);

/* Split an activity field "activity.<rid>.<key>": *rid (not terminated)
 * and *ridlen name the record, *key the evidence key.  False for other
 * fields. */
bool checklist_activity_split(const char *field, const char **rid, size_t *ridlen,
			      const char **key);

/* True if s is a well-formed event id (16 Crockford base32, first a letter). */
bool event_id_valid(const char *s);

/* ---- clock ---- */

/* Hybrid logical clock: l is ms since the epoch, c a counter.  Kept by the
 * caller (persisted locally) so it never runs backwards. */
struct hlc {
	int64_t l;
	unsigned long c;
};

/* Stamp a local event at physical time phys (ms): (*at, *tick) is strictly
 * greater than every stamp this clock gave before. */
void hlc_tick(struct hlc *h, int64_t phys, int64_t *at, unsigned long *tick);

/* Raise the clock to a stamp seen in a file, but never beyond phys +
 * CLOCK_MAX_AHEAD_MS: a laptop whose date is days fast cannot drag
 * everyone's stamps into the future. */
void hlc_observe(struct hlc *h, int64_t seen, unsigned long seen_tick, int64_t phys);

/* Format ms since the epoch as "2023-03-12T14:21:07.000Z" (buf >= 32). */
char *time_format(int64_t ms, char *buf, size_t n);
/* Parse that form (also without ".mmm").  Returns 1 and sets *ms, or 0. */
int time_parse(const char *s, int64_t *ms);

/* ---- editing ---- */

/* Everything an edit needs from outside the engine. */
struct edit_ctx {
	const char *by;       /* person */
	const char *replica;  /* laptop profile id */
	struct hlc *clock;
	int64_t now;          /* physical time, ms */
	/* Fill buf with n random bytes. */
	void (*random)(unsigned char *buf, size_t n, void *arg);
	void *random_arg;
};

/* A new random event id; a new activity record id (caller frees). */
struct event_id checklist_new_id(const struct edit_ctx *ctx);
char *checklist_new_rid(const struct edit_ctx *ctx);

/* One field assignment of an edit. */
struct assignment {
	const char *field;
	const char *value;
};

/* Apply assignments to item as one edit: all are validated first (fields,
 * typed values, not-applicable needs a reason in this edit or already
 * set), then each becomes one event whose pred is the field's current
 * heads.  An assignment equal to the current agreed value writes nothing.
 * Returns the number of events added, or -1 with err set and cl
 * unchanged.  Values are stored NFC-normalised and cleaned
 * (text_clean_input). */
int checklist_apply(struct checklist *cl, const struct directive *d,
		    const char *item, const struct assignment *as, size_t n,
		    struct edit_ctx *ctx, struct dvk_error *err);

#endif
