/* Copyright 2026 the dvk developers.  SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * layout.h: where each part of a state file's text is, in the file a
 * state was last read from or written to.
 *
 * A save writes the whole file, but most of it is already in the file it
 * replaces: log entries (events never change) and the summaries of items
 * that did not change.  Knowing where those bytes are, and that they are
 * the canonical text of what they stand for, a save copies them from the
 * old file and writes, and checks, only what is new: a save costs what
 * changed, not what the file holds.
 *
 * Entries are found by their event's arrival index (e->seq); item
 * summaries by item id, with the item's version (struct item_stats) they
 * were written for, or 0 for a summary read from a file and not yet
 * compared with what dvk would write (then its digest decides).  Offsets
 * are into the file whose digest the state keeps; layout_clear forgets
 * them all when someone else replaced that file.
 *
 * Ownership: the layout owns its copies of item ids.  Nothing here fails
 * except by running out of memory (abort).
 */
#ifndef STORE_LAYOUT_H
#define STORE_LAYOUT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "base/base.h"

/* Bytes [off, off + len) of the file; len 0: not in the file.  An entry
 * read from a file is not yet known to be the text dvk writes for its
 * event (checked false) until a save compares them: loading is not slowed
 * for readers that never save (status, reports). */
struct piece {
	uint32_t off;
	uint32_t len : 31;
	uint32_t checked : 1;
};

/* An item's summary as a file holds it. */
struct item_piece {
	struct piece at;
	unsigned long version;   /* 0: read from a file, not yet compared */
	struct dvk_digest digest;/* of its text, for that comparison */
};

struct layout;

struct layout *layout_new(void);
void layout_free(struct layout *l);

/* Forget every place: the file they were in is gone. */
void layout_clear(struct layout *l);

/* The entry of the event that arrived seq-th: set where it is, or get it
 * (len 0 when not known). */
void layout_set_entry(struct layout *l, size_t seq, size_t off, size_t len, bool checked);
struct piece layout_entry(const struct layout *l, size_t seq);

/* How many entries are not checked yet; forget one (its text is not dvk's). */
size_t layout_unchecked(const struct layout *l);
void layout_drop_entry(struct layout *l, size_t seq);

/* An entry read from a file whose text the fast writer could not make
 * (a block of text, escapes): where it was and the digest of its text,
 * for the save that makes it with libyaml to compare. */
void layout_set_pending(struct layout *l, size_t seq, size_t off, size_t len,
			struct dvk_digest digest);
bool layout_pending(const struct layout *l, size_t seq, struct piece *at,
		    struct dvk_digest *digest);
void layout_clear_pending(struct layout *l);

/* An item's summary: set (copying id), or get (NULL when not known). */
void layout_set_item(struct layout *l, const char *id, const struct item_piece *p);
const struct item_piece *layout_item(const struct layout *l, const char *id);

/* Give dst the item summaries of src (both describe one file). */
void layout_copy_items(struct layout *dst, const struct layout *src);

#endif
