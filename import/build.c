/* Copyright 2026 the dvk developers.  SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * build.c: the outline as a directive (see import.h).
 *
 * A section is a part whose sub-parts are all single tasks (II.1 with its
 * a), b), c)); a part that stands alone with its own tasks (a paragraph
 * of an unnumbered text, a numbered point of a Chỉ thị) is a section by
 * itself.  Ids are the document's numbers; what the document does not
 * number is numbered in reading order, never reusing an id, so the
 * loader's reader order (directive_id_cmp) is the document's order.
 */
#include "import/internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "text/text.h"

/* ---- an id set ---- */

struct idset {
	char **slot;
	size_t cap, n;
};

static size_t id_hash(const char *s)
{
	size_t h = 5381;

	while (*s)
		h = h * 33 + (unsigned char)*s++;
	return h;
}

static bool idset_has(const struct idset *set, const char *id)
{
	if (!set->cap)
		return false;
	for (size_t i = id_hash(id) & (set->cap - 1); set->slot[i]; i = (i + 1) & (set->cap - 1))
		if (strcmp(set->slot[i], id) == 0)
			return true;
	return false;
}

static void idset_add(struct idset *set, const char *id)
{
	if ((set->n + 1) * 2 > set->cap) {
		struct idset old = *set;

		set->cap = old.cap ? old.cap * 2 : 64;
		set->slot = xcalloc(set->cap, sizeof *set->slot);
		set->n = 0;
		for (size_t i = 0; i < old.cap; i++)
			if (old.slot[i])
				idset_add(set, old.slot[i]);
		for (size_t i = 0; i < old.cap; i++)
			free(old.slot[i]);
		free(old.slot);
	}
	size_t i = id_hash(id) & (set->cap - 1);

	while (set->slot[i])
		i = (i + 1) & (set->cap - 1);
	set->slot[i] = xstrdup(id);
	set->n++;
}

static void idset_free(struct idset *set)
{
	for (size_t i = 0; i < set->cap; i++)
		free(set->slot[i]);
	free(set->slot);
}

/* ---- the directive being built ---- */

struct bsec {
	char *id, *title;
	struct buf text;
	size_t first, n; /* items */
};

struct bitem {
	char *id, *text, *deadline;
	struct strv resp;
	size_t section;
};

struct builder {
	struct idoc *d;
	struct bsec *secs;
	size_t nsecs, secs_cap;
	struct bitem *items;
	size_t nitems, items_cap;
	struct idset ids;      /* item ids */
	struct idset sec_ids;  /* section ids */
	struct buf preamble;
	struct buf pending;    /* text waiting for the next section */
	const struct idset *taken; /* the parts' ids */
	unsigned root_gen;     /* sections the text does not number */
	bool too_many;
};

static void add_text(struct buf *b, const char *s)
{
	if (!s || !*s)
		return;
	if (b->len)
		buf_addc(b, '\n');
	buf_adds(b, s);
}

/* Every paragraph of n's subtree, as written. */
static void subtree_text(struct buf *b, const struct node *n)
{
	if (n->kind != M_ROOT)
		add_text(b, n->raw);
	for (size_t i = 0; i < n->nkids; i++)
		subtree_text(b, n->kids[i]);
}

/* Kids that are parts of their own (not a plain paragraph going on with
 * the text above, an attribute or the closing formula). */
static bool is_part(const struct node *k)
{
	return k->kind != M_PARA && !k->attr && !k->closing;
}

static bool is_leaf(const struct node *n)
{
	for (size_t i = 0; i < n->nkids; i++)
		if (is_part(n->kids[i]))
			return false;
	return true;
}

static bool all_kids_leaves(const struct node *n);

/* "- Tổ chức tiêm phòng ..., hoàn thành trong tháng 4." with "+ Ưu tiên
 * ...;" "+ Lập sổ ..." under it: a bullet is one task and its points the
 * details of it, not a part of the text's numbering; it stays an item of
 * the section it is in, its points items under it. */
static bool bullet_with_points(const struct node *k)
{
	return (k->kind == M_DASH || k->kind == M_PLUS) && is_part(k) && !is_leaf(k) &&
	       all_kids_leaves(k);
}

/* ---- ids ---- */

/* The id segment a numbered part gives itself under parent_id. */
static char *own_segment(const struct node *n, const char *parent_id)
{
	if (n->kind == M_DECIMAL) {
		/* "2.3" under "II.2" is "II.2.3": its last number. */
		const char *dot = strrchr(n->label, '.');
		size_t plen = (size_t)(dot - n->label);
		size_t idlen = parent_id ? strlen(parent_id) : 0;

		if (parent_id && idlen >= plen && strncmp(parent_id + idlen - plen, n->label, plen) == 0 &&
		    (idlen == plen || parent_id[idlen - plen - 1] == '.'))
			return xstrdup(dot + 1);
		return xstrdup(n->label);
	}
	if (n->kind == M_UPPER || n->kind == M_LETTER) {
		char *lo = imp_lower(n->label);

		if (n->kind == M_UPPER) {
			free(lo);
			return xstrdup(n->label);
		}
		return lo;
	}
	return xstrdup(n->label);
}

static char *join_id(const char *parent, const char *seg)
{
	return parent && *parent ? xasprintf("%s.%s", parent, seg) : xstrdup(seg);
}

/* An id under parent not in set or other (may be NULL): the next number
 * after *next. */
static char *fresh_id(const struct idset *set, const struct idset *other, const char *parent,
		      unsigned *next)
{
	for (;;) {
		char seg[16], *id;

		snprintf(seg, sizeof seg, "%u", ++*next);
		id = join_id(parent, seg);
		if (!idset_has(set, id) && (!other || !idset_has(other, id)) && item_id_valid(id))
			return id;
		free(id);
		if (*next > 100000)
			return NULL;
	}
}

/* How a list numbers its parts, read from one of its marks. */
enum style { ST_NUMBER, ST_ROMAN, ST_LOWER, ST_UPPER };

static enum style style_of(const char *seg)
{
	if (strspn(seg, "0123456789") == strlen(seg))
		return ST_NUMBER;
	if (strspn(seg, "IVXLCDM") == strlen(seg) && item_id_valid(seg) &&
	    (strlen(seg) > 1 || strchr("IVX", seg[0])))
		return ST_ROMAN;
	if (seg[0] >= 'A' && seg[0] <= 'Z')
		return ST_UPPER;
	return ST_LOWER;
}

/* The p-th mark (from 1) of a list in style st: "3", "III", "c", "C";
 * the Vietnamese alphabet for letters (đ after d, no f, j, w, z). */
static char *nth_mark(enum style st, unsigned p)
{
	static const char *const letters[] = {
		"a", "b", "c", "d", "đ", "e", "g", "h", "i", "k", "l", "m",
		"n", "o", "p", "q", "r", "s", "t", "u", "v", "x", "y",
	};
	static const struct { unsigned v; const char *s; } roman[] = {
		{1000, "M"}, {900, "CM"}, {500, "D"}, {400, "CD"}, {100, "C"}, {90, "XC"},
		{50, "L"}, {40, "XL"}, {10, "X"}, {9, "IX"}, {5, "V"}, {4, "IV"}, {1, "I"},
	};
	struct buf b = {0};

	if (st == ST_ROMAN && p < 4000) {
		for (size_t i = 0; i < ARRAY_LEN(roman); i++)
			for (; p >= roman[i].v; p -= roman[i].v)
				buf_adds(&b, roman[i].s);
		return buf_steal(&b);
	}
	if (st == ST_LOWER && p <= ARRAY_LEN(letters))
		return xstrdup(letters[p - 1]);
	if (st == ST_UPPER && p <= 26)
		return xasprintf("%c", 'A' + (int)p - 1);
	return xasprintf("%u", p);
}

/* segs[i]: the own mark of kid i of n, NULL for kids without one.  When
 * the marks of a list do not rise (a number repeated, "1, 2, 2, 4, 3", a
 * "II." where "III." was meant), the marks stand for the parts' places:
 * the list is numbered by place, in its own style, so the ids follow the
 * text.  Articles are numbered through the whole text and keep theirs. */
static void marks_by_place(const struct node *n, char **segs)
{
	const char *prev = NULL;
	bool rises = true;
	unsigned p = 0;
	enum style st = ST_NUMBER;

	for (size_t i = 0; i < n->nkids && rises; i++) {
		if (!segs[i] || n->kids[i]->kind == M_ARTICLE)
			continue;
		if (!prev)
			st = style_of(segs[i]);
		rises = !prev || directive_id_cmp(prev, segs[i]) < 0;
		prev = segs[i];
	}
	if (rises)
		return;
	for (size_t i = 0; i < n->nkids; i++) {
		if (!segs[i] || n->kids[i]->kind == M_ARTICLE)
			continue;
		free(segs[i]);
		segs[i] = nth_mark(st, ++p);
	}
}

/* Give every numbered part its id: the parent's, a dot, its own number
 * ("Điều 5" is "5": articles are numbered through the whole text). */
static void assign_ids(struct node *n, const char *parent_id, struct idset *taken)
{
	unsigned gen = 0;
	char **segs = xcalloc(n->nkids + 1, sizeof *segs);

	for (size_t i = 0; i < n->nkids; i++)
		if (n->kids[i]->label)
			segs[i] = own_segment(n->kids[i], parent_id);
	marks_by_place(n, segs);
	for (size_t i = 0; i < n->nkids; i++) {
		struct node *k = n->kids[i];

		if (segs[i]) {
			char *id = k->kind == M_ARTICLE ? xstrdup(segs[i]) : join_id(parent_id, segs[i]);

			if (idset_has(taken, id) || !item_id_valid(id)) {
				free(id);
				id = NULL;
			} else {
				idset_add(taken, id);
			}
			k->id = id;
		}
		free(segs[i]);
	}
	free(segs);
	/* Parts the text does not number (and numbers that repeat or make
	 * no id) are numbered after the ones it does; reader_order() puts
	 * any that land out of place back in it. */
	for (size_t i = 0; i < n->nkids; i++) {
		struct node *k = n->kids[i];

		if (k->id || k->preamble || k->nontask || k->closing || k->attr)
			continue;
		if (is_part(k) || (n->kind == M_ROOT && k->kind == M_PARA)) {
			k->id = fresh_id(taken, NULL, parent_id, &gen);
			if (k->id)
				idset_add(taken, k->id);
		}
	}
	for (size_t i = 0; i < n->nkids; i++)
		if (n->kids[i]->id)
			assign_ids(n->kids[i], n->kids[i]->id, taken);
}

/* ---- sections and items ---- */

/* The agencies named above n (headings, attributes), outermost first. */
static void inherited_resp(const struct node *n, struct strv *out)
{
	if (!n)
		return;
	inherited_resp(n->parent, out);
	for (size_t i = 0; i < n->resp.n; i++)
		strv_add_unique(out, n->resp.v[i]);
	for (size_t i = 0; i < n->nkids; i++)
		if (n->kids[i]->attr)
			for (size_t k = 0; k < n->kids[i]->resp.n; k++)
				strv_add_unique(out, n->kids[i]->resp.v[k]);
}

static const char *inherited_deadline(const struct node *n)
{
	for (; n; n = n->parent) {
		for (size_t i = 0; i < n->nkids; i++)
			if (n->kids[i]->attr && n->kids[i]->deadline)
				return n->kids[i]->deadline;
	}
	return NULL;
}

static struct bsec *new_section(struct builder *b, const char *id, char *title)
{
	struct bsec *s;

	GROW(b->secs, b->nsecs + 1, b->secs_cap);
	s = &b->secs[b->nsecs++];
	memset(s, 0, sizeof *s);
	s->id = xstrdup(id);
	s->title = title;
	s->first = b->nitems;
	idset_add(&b->sec_ids, id);
	if (b->pending.len) {
		buf_adds(&s->text, b->pending.data);
		b->pending.len = 0;
		b->pending.data[0] = '\0';
	}
	return s;
}

static void add_item(struct builder *b, char *id, struct task *t, const struct node *from)
{
	struct bitem *it;
	const char *deadline;

	if (b->nitems >= IMPORT_MAX_ITEMS) {
		b->too_many = true;
		free(id);
		return;
	}
	GROW(b->items, b->nitems + 1, b->items_cap);
	it = &b->items[b->nitems++];
	memset(it, 0, sizeof *it);
	it->id = id;
	it->text = t->text;
	t->text = NULL;
	it->section = b->nsecs - 1;
	inherited_resp(from, &it->resp);
	for (size_t i = 0; i < t->resp.n; i++)
		strv_add_unique(&it->resp, t->resp.v[i]);
	deadline = t->deadline ? t->deadline : inherited_deadline(from);
	it->deadline = deadline ? xstrdup(deadline) : NULL;
	idset_add(&b->ids, id);
	b->secs[b->nsecs - 1].n++;
	b->d->st->split += t->split;
	b->d->st->with_deadline += it->deadline != NULL;
	b->d->st->with_responsible += it->resp.n > 0;
}

/* The text a node's own tasks come from: its body, when that is a task
 * and not the heading of what follows it. */
static const char *own_task_text(const struct node *n, bool has_paras)
{
	const char *t = n->body;

	if (!t || !*t || n->nontask || n->closing || n->attr || n->preamble)
		return NULL;
	/* "III. TỔ CHỨC THỰC HIỆN" over nothing but the closing: a heading
	 * in capitals asks nothing. */
	if (imp_all_caps(t) && !imp_ends_sentence(t))
		return NULL;
	if (has_paras && !imp_ends_sentence(t))
		return NULL;
	/* "Mục đích, yêu cầu" and an agency alone are headings. */
	if (!n->head && !imp_ends_sentence(t) && n->resp.n)
		return NULL;
	return t;
}

static bool has_para_kids(const struct node *n)
{
	for (size_t i = 0; i < n->nkids; i++)
		if (n->kids[i]->kind == M_PARA && !n->kids[i]->attr && !n->kids[i]->closing)
			return true;
	return false;
}

/* The tasks of a single part: its own text and the plain paragraphs that
 * go on with it. */
static void leaf_tasks(const struct node *n, struct taskv *out)
{
	const char *own = own_task_text(n, has_para_kids(n));

	/* "1. Phòng Văn hóa và Thông tin: là cơ quan thường trực, ...": the
	 * agency is part of the task's words, not only who it is for. */
	if (own && n->head && n->resp.n) {
		char *whole = xasprintf("%s: %s", n->head, own);

		imp_tasks(whole, out);
		free(whole);
	} else if (own) {
		imp_tasks(own, out);
	}
	for (size_t i = 0; i < n->nkids; i++) {
		const struct node *k = n->kids[i];

		if (k->kind == M_PARA && !k->attr && !k->closing && !k->nontask && k->body)
			imp_tasks(k->body, out);
	}
}

/* Ids for tasks of part n inside a section sec: the part's own number when
 * it is one task, its number and a counter when several, the section's
 * counter when the text does not number the part. */
static void add_tasks(struct builder *b, const struct node *n, struct taskv *tv,
		      const char *sec_id, unsigned *gen, bool own_section,
		      const struct idset *reserved)
{
	unsigned sub = 0;

	for (size_t i = 0; i < tv->n; i++) {
		char *id = NULL;

		if (n->id && !own_section && n->label && tv->n == 1 && !idset_has(&b->ids, n->id))
			id = xstrdup(n->id);
		else if (n->id && (own_section || n->label))
			id = fresh_id(&b->ids, reserved, n->id, &sub);
		else
			id = fresh_id(&b->ids, reserved, sec_id, gen);
		if (!id)
			continue;
		add_item(b, id, &tv->v[i], n);
	}
}

/* The tasks of part k of a section: its own, then those of the points
 * under it when it is a bullet with points (ids under its task's id:
 * "1.2" and its "+" points "1.2.1", "1.2.2"). */
static void part_tasks(struct builder *b, const struct node *k, const char *sec_id, unsigned *gen,
		       const struct idset *reserved)
{
	struct taskv tv = {0};
	size_t before = b->nitems;
	char *parent = NULL;
	unsigned sub = 0;

	leaf_tasks(k, &tv);
	add_tasks(b, k, &tv, sec_id, gen, false, reserved);
	imp_taskv_free(&tv);
	if (!bullet_with_points(k))
		return;
	if (b->nitems > before)
		parent = xstrdup(b->items[b->nitems - 1].id);
	for (size_t j = 0; j < k->nkids; j++) {
		const struct node *p = k->kids[j];

		if (!is_part(p))
			continue;
		if (p->nontask) {
			b->d->st->not_tasks++;
			continue;
		}
		if (!parent || bullet_with_points(p)) {
			part_tasks(b, p, sec_id, gen, reserved);
			continue;
		}
		leaf_tasks(p, &tv);
		for (size_t t = 0; t < tv.n; t++) {
			char *id = fresh_id(&b->ids, reserved, parent, &sub);

			if (id)
				add_item(b, id, &tv.v[t], p);
		}
		imp_taskv_free(&tv);
	}
	free(parent);
}

static char *heading_title(const struct node *n)
{
	const char *t = n->head ? n->head : n->body;
	char *s, *c;
	size_t len;

	if (!t || !*t)
		return NULL;
	s = imp_all_caps(t) ? imp_sentence_case(t) : xstrdup(t);
	len = strlen(s);
	while (len > 0 && strchr(":;.,", s[len - 1]))
		s[--len] = '\0';
	c = imp_crop(s, 72);
	free(s);
	if (!*c) {
		free(c);
		return NULL;
	}
	return c;
}

static void finish_section(struct builder *b, struct bsec *s, const struct node *n)
{
	(void)n;
	if (!s->title && s->n)
		s->title = imp_crop(b->items[s->first].text, 60);
	if (!s->title || !*s->title) {
		free(s->title);
		s->title = imp_crop(s->text.data ? s->text.data : s->id, 60);
	}
}

/* A section made of one part and its own tasks. */
static void leaf_section(struct builder *b, const struct node *n)
{
	struct taskv tv = {0};
	struct bsec *s;
	struct buf text = {0};

	leaf_tasks(n, &tv);
	subtree_text(&text, n);
	if (!tv.n || !n->id || idset_has(&b->sec_ids, n->id)) {
		if (tv.n && n->id)
			b->d->st->not_tasks++;
		add_text(&b->pending, text.data);
		buf_free(&text);
		imp_taskv_free(&tv);
		return;
	}
	/* A numbered part whose own words are a heading ("2. Các sở, ban,
	 * ngành") gives the section its title; a part that is itself a task
	 * is titled by its first item. */
	s = new_section(b, n->id, n->kind == M_PARA ? NULL
			: (n->head || !own_task_text(n, has_para_kids(n))) ? heading_title(n) : NULL);
	add_text(&s->text, text.data);
	buf_free(&text);
	add_tasks(b, n, &tv, n->id, NULL, true, NULL);
	finish_section(b, s, n);
	imp_taskv_free(&tv);
}

static void walk(struct builder *b, const struct node *n);

/* A part whose sub-parts are single tasks: one section, an item each. */
/* One section of the parts kids[0..n), each a single task or a few;
 * head_raw is the heading paragraph above them (may be NULL). */
static void emit_group(struct builder *b, const char *sec_id, char *title, const char *head_raw,
		       struct node *const *kids, size_t n, const struct node *title_from)
{
	struct bsec *s;
	unsigned gen = 0;
	size_t before = b->nitems;
	struct idset reserved = {0};

	s = new_section(b, sec_id, title);
	add_text(&s->text, head_raw);
	/* The numbers the text gives its points are theirs: what it does
	 * not number is counted around them. */
	for (size_t i = 0; i < n; i++)
		if (kids[i]->label && kids[i]->id && is_part(kids[i]))
			idset_add(&reserved, kids[i]->id);
	for (size_t i = 0; i < n; i++) {
		const struct node *k = kids[i];
		struct taskv tv = {0};

		add_text(&s->text, k->raw);
		if (is_part(k)) {
			for (size_t j = 0; j < k->nkids; j++)
				subtree_text(&b->secs[b->nsecs - 1].text, k->kids[j]);
			if (k->nontask) {
				b->d->st->not_tasks++;
				continue;
			}
			part_tasks(b, k, sec_id, &gen, &reserved);
		} else if (k->kind == M_PARA && !k->attr && !k->closing && !k->nontask && k->body) {
			/* Plain paragraphs under the heading are the part's own
			 * tasks. */
			imp_tasks(k->body, &tv);
			add_tasks(b, k, &tv, sec_id, &gen, false, &reserved);
		}
		imp_taskv_free(&tv);
		s = &b->secs[b->nsecs - 1];
	}
	idset_free(&reserved);
	s = &b->secs[b->nsecs - 1];
	if (b->nitems == before) {
		/* Nothing to do in it after all: its text waits for the next
		 * section rather than make an empty one. */
		add_text(&b->pending, s->text.data);
		buf_free(&s->text);
		free(s->id);
		free(s->title);
		b->nsecs--;
		return;
	}
	finish_section(b, s, title_from);
}

/* A part whose sub-parts are single tasks: one section, an item each. */
static void group_section(struct builder *b, const struct node *n)
{
	if (!n->id || idset_has(&b->sec_ids, n->id)) {
		subtree_text(&b->pending, n);
		return;
	}
	emit_group(b, n->id, heading_title(n), n->raw, n->kids, n->nkids, n);
}

/* Points lettered at the top of a text with no part above them (a Công
 * văn's "a) ... b) ... c) ..."): one section, the points its items. */
static bool sub_point(const struct node *k)
{
	return is_part(k) && is_leaf(k) && k->rank >= 30 && !k->preamble && !k->nontask &&
	       !k->closing;
}

static bool all_kids_leaves(const struct node *n)
{
	for (size_t i = 0; i < n->nkids; i++)
		if (is_part(n->kids[i]) && !is_leaf(n->kids[i]) && !bullet_with_points(n->kids[i]))
			return false;
	return true;
}

static void walk(struct builder *b, const struct node *n)
{
	bool root = n->kind == M_ROOT;

	if (!root && all_kids_leaves(n)) {
		group_section(b, n);
		return;
	}
	if (!root) {
		/* A heading over further parts: its words go with the first
		 * section under it. */
		add_text(&b->pending, n->raw);
	}
	for (size_t i = 0; i < n->nkids; i++) {
		const struct node *k = n->kids[i];

		if (root && sub_point(k)) {
			size_t run = 1;
			char *id;

			while (i + run < n->nkids && sub_point(n->kids[i + run]))
				run++;
			id = fresh_id(&b->sec_ids, b->taken, NULL, &b->root_gen);
			if (id)
				emit_group(b, id, NULL, NULL, n->kids + i, run, NULL);
			free(id);
			i += run - 1;
			continue;
		}
		if (k->preamble || k->nontask) {
			struct buf t = {0};

			subtree_text(&t, k);
			add_text(root ? &b->preamble : &b->pending, t.data);
			b->d->st->not_tasks++;
			buf_free(&t);
		} else if (k->closing || k->attr) {
			add_text(&b->pending, k->raw);
			if (k->closing)
				b->d->st->not_tasks++;
		} else if (!is_part(k) && !root) {
			add_text(&b->pending, k->raw);
		} else if (is_leaf(k)) {
			leaf_section(b, k);
		} else {
			walk(b, k);
		}
	}
}

/* ---- before the tasks ---- */

/* Paragraphs that set the scene rather than ask for something: legal
 * bases, "Thực hiện Chỉ thị số ...", the sentence that announces the list
 * ("... như sau:").  In a numbered text, everything before its first
 * numbered part. */
static void mark_preamble(struct node *root)
{
	static const char *const reasons[] = { "thực hiện", "triển khai", "để", "nhằm", NULL };
	size_t first_part = root->nkids, announce = root->nkids;

	for (size_t i = 0; i < root->nkids; i++)
		if (is_part(root->kids[i])) {
			first_part = i;
			break;
		}
	if (first_part < root->nkids) {
		for (size_t i = 0; i < first_part; i++)
			root->kids[i]->preamble = true;
		return;
	}
	/* "... Chủ tịch UBND tỉnh yêu cầu:": what comes before the request
	 * is the situation, not a task. */
	for (size_t i = 0; i < root->nkids && i < 8; i++) {
		const char *t = root->kids[i]->raw;
		size_t n = strlen(t);

		if (n && t[n - 1] == ':' && i + 1 < root->nkids)
			announce = i;
	}
	for (size_t i = 0; i < root->nkids; i++) {
		struct node *k = root->kids[i];
		char *lo = imp_lower(k->raw);
		size_t n = strlen(k->raw);
		char last = n ? k->raw[n - 1] : 0;

		if (announce < root->nkids && i <= announce)
			k->preamble = true;
		/* "Căn cứ Luật ...;": a legal basis at the head of the text. */
		if (imp_word_at(lo, 0, "căn cứ") && i < 8 && i + 1 < root->nkids &&
		    (last == ';' || last == ',' || last == ':'))
			k->preamble = true;
		/* "Thực hiện Công văn số ..., UBND tỉnh ... như sau:" */
		if (imp_starts_with(lo, reasons) >= 0 && last == ':')
			k->preamble = true;
		free(lo);
	}
}

/* "Điều 1. Ban hành kèm theo Quyết định này Kế hoạch ...", then "KẾ
 * HOẠCH", its subject and "(Kèm theo Quyết định số ...)": the decision
 * only puts the plan in force; the plan after it holds the tasks.  What
 * comes before the plan's own text is the preamble. */
static void attached_document(struct idoc *d)
{
	static const char *const kinds[] = {
		"KẾ HOẠCH", "CHƯƠNG TRÌNH", "QUY CHẾ", "QUY ĐỊNH", "ĐỀ ÁN", "PHƯƠNG ÁN", "HƯỚNG DẪN", NULL,
	};
	bool issues = false;

	if (d->news)
		return;
	for (size_t i = 0; i < d->npara; i++) {
		const char *t = d->paras[i].text;
		char *lo = imp_lower(t);
		bool kind = false;

		issues |= strstr(lo, "ban hành kèm theo") != NULL;
		free(lo);
		for (int k = 0; kinds[k] && !kind; k++)
			kind = strcmp(t, kinds[k]) == 0;
		if (!kind || !issues || i + 1 >= d->npara)
			continue;
		i++;
		/* its subject, and "(Kèm theo ...)" */
		if (i < d->npara && !strchr("0123456789(", d->paras[i].text[0]))
			i++;
		if (i < d->npara && strncmp(d->paras[i].text, "(Kèm theo", strlen("(Kèm theo")) == 0)
			i++;
		if (i < d->npara && i > d->lead)
			d->lead = i;
		return;
	}
}

/* ---- the directive ---- */

static char *make_id(const struct idoc *d, const char *title)
{
	const char *from = d->number ? d->number : title;
	char *f = text_fold(from ? from : "van ban"), *out;
	struct buf b = {0};
	bool dash = false;

	for (const char *p = f; *p; p++) {
		if ((*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9')) {
			if (dash && b.len) {
				/* Whole words only, up to about 40 characters. */
				if (b.len >= 32)
					break;
				buf_addc(&b, '-');
			}
			buf_addc(&b, *p);
			dash = false;
		} else {
			dash = true;
		}
	}
	free(f);
	if (!b.len)
		buf_adds(&b, "van-ban");
	if (d->date && !strstr(b.data, d->date) && !(d->number && strstr(d->number, d->date)))
		buf_printf(&b, "-%.4s", d->date);
	out = buf_steal(&b);
	/* [a-z0-9] first, at most 64 */
	if (strlen(out) > 64)
		out[64] = '\0';
	while (strlen(out) && out[strlen(out) - 1] == '-')
		out[strlen(out) - 1] = '\0';
	return out;
}

static const struct {
	const char *key, *label;
	enum evidence_type type;
} default_evidence[] = {
	{ "date", "Ngày thực hiện", EVIDENCE_DATE },
	{ "participants", "Số người tham dự", EVIDENCE_COUNT },
	{ "document", "Số, ký hiệu văn bản", EVIDENCE_TEXT },
};

static char **steal_strv(struct strv *v, size_t *n)
{
	char **out = v->v;

	*n = v->n;
	if (!out)
		out = xcalloc(1, sizeof *out);
	memset(v, 0, sizeof *v);
	return out;
}

/* ---- reader order ----
 *
 * The loader shows sections, and the items of each, in the order of their
 * ids (directive_id_cmp), so the ids must rise in the order the text reads.
 * The text's numbering usually does; but a text may repeat a number
 * (pasted twice), go back ("1, 2, 2, 4"), mix a part it does not number in
 * among numbered ones, or switch kinds ("I", "1").  The longest run of ids
 * that rises is kept; every other id that does not fit between its
 * neighbours gets one that does: the id before it and a further number
 * ("I.1" after "I"), "0..." before the first, and if even that cannot be
 * had, the whole list is numbered 1, 2, 3 in reading order. */

/* keep[i] for the longest rising run of ids[0..n) (patience sorting),
 * among the ids that may stay (ok[i]). */
static void longest_rise(char **ids, size_t n, const bool *ok, bool *keep)
{
	size_t *tail = xcalloc(n + 1, sizeof *tail), *prev = xcalloc(n + 1, sizeof *prev), len = 0;

	for (size_t i = 0; i < n; i++) {
		size_t lo = 0, hi = len;

		keep[i] = false;
		if (!ok[i])
			continue;
		while (lo < hi) {
			size_t mid = (lo + hi) / 2;

			if (directive_id_cmp(ids[tail[mid]], ids[i]) < 0)
				lo = mid + 1;
			else
				hi = mid;
		}
		prev[i] = lo ? tail[lo - 1] : SIZE_MAX;
		tail[lo] = i;
		if (lo == len)
			len++;
	}
	for (size_t i = len ? tail[len - 1] : SIZE_MAX; i != SIZE_MAX; i = prev[i])
		keep[i] = true;
	free(tail);
	free(prev);
}

/* A new id after lo (NULL: the start) and before hi (NULL: the end), in
 * neither used nor reserved; NULL if none of the forms tried is. */
static char *between(const char *lo, const char *hi, const struct idset *used,
		     const struct idset *reserved)
{
	for (unsigned k = lo ? 1 : 0; k < 1000; k++) {
		char *id = lo ? xasprintf("%s.%u", lo, k) : k ? xasprintf("0.%u", k) : xstrdup("0");

		if (item_id_valid(id) && !idset_has(used, id) && !idset_has(reserved, id) &&
		    (!hi || directive_id_cmp(id, hi) < 0))
			return id;
		free(id);
	}
	return NULL;
}

/* Number ids[0..n) prefix1, prefix2, ... in reading order (the last
 * resort: rises whatever the text did). */
static void renumber(char **ids, size_t n, struct idset *used, const struct idset *reserved,
		     const char *prefix)
{
	for (size_t i = 0, k = 0; i < n; i++) {
		char *id = NULL;

		while (!id) {
			k++;
			/* past every id of the form prefix+k a bare number is free */
			id = xasprintf("%s%zu", k > n + 200000 ? "" : prefix, k);
			if (!item_id_valid(id) || idset_has(used, id) || idset_has(reserved, id)) {
				free(id);
				id = NULL;
			}
		}
		free(ids[i]);
		ids[i] = id;
		idset_add(used, id);
	}
}

/* Put ids[0..n) (owned, reading order) in rising order.  An id may stay
 * if it is valid and not in used (ids given already); a new id is in
 * neither used nor reserved (every id the text gave).  Every final id is
 * added to used. */
static void rise(char **ids, size_t n, struct idset *used, const struct idset *reserved,
		 const char *prefix)
{
	bool *ok = xcalloc(n + 1, sizeof *ok), *keep = xcalloc(n + 1, sizeof *keep);
	struct idset mine = {0};
	const char *prev = NULL;
	size_t i;

	/* the first of two equal ids may stay, the second may not */
	for (i = 0; i < n; i++) {
		ok[i] = item_id_valid(ids[i]) && !idset_has(used, ids[i]) && !idset_has(&mine, ids[i]);
		idset_add(&mine, ids[i]);
	}
	idset_free(&mine);
	longest_rise(ids, n, ok, keep);
	for (i = 0; i < n; i++) {
		const char *next = NULL;
		char *id;

		for (size_t j = i + 1; j < n && !next && !keep[i]; j++)
			if (keep[j])
				next = ids[j];
		if (keep[i] || (ok[i] && !idset_has(used, ids[i]) &&
				(!prev || directive_id_cmp(prev, ids[i]) < 0) &&
				(!next || directive_id_cmp(ids[i], next) < 0))) {
			idset_add(used, ids[i]);
			prev = ids[i];
			continue;
		}
		if (!(id = between(prev, next, used, reserved)))
			break;
		free(ids[i]);
		ids[i] = id;
		idset_add(used, id);
		prev = id;
	}
	if (i < n) {
		/* nothing fits between two neighbours: start again from the
		 * ids given so far, numbering this list from 1 */
		renumber(ids, n, used, reserved, prefix);
	}
	free(ok);
	free(keep);
}

/* A section that changed its id from old takes its items with it where
 * they were numbered under it ("3.1" → "I.1.1"), when the new id is free. */
static void carry_items(struct builder *b, const struct bsec *s, const char *old,
			const struct idset *reserved)
{
	size_t ol = strlen(old);

	for (size_t i = s->first; i < s->first + s->n; i++) {
		struct bitem *it = &b->items[i];
		char *id;

		if (strncmp(it->id, old, ol) != 0 || it->id[ol] != '.')
			continue;
		id = xasprintf("%s%s", s->id, it->id + ol);
		if (item_id_valid(id) && !idset_has(reserved, id)) {
			free(it->id);
			it->id = id;
		} else {
			free(id);
		}
	}
}

static void reader_order(struct builder *b)
{
	struct idset used = {0}, reserved = {0};
	char **ids = xcalloc(b->nsecs + 1, sizeof *ids);

	for (size_t i = 0; i < b->nsecs; i++) {
		ids[i] = xstrdup(b->secs[i].id);
		idset_add(&reserved, ids[i]);
	}
	rise(ids, b->nsecs, &used, &reserved, "");
	idset_free(&used);
	idset_free(&reserved);
	memset(&used, 0, sizeof used);
	memset(&reserved, 0, sizeof reserved);
	for (size_t i = 0; i < b->nitems; i++)
		idset_add(&reserved, b->items[i].id);
	for (size_t i = 0; i < b->nsecs; i++) {
		if (strcmp(b->secs[i].id, ids[i]) != 0) {
			char *old = b->secs[i].id;

			b->secs[i].id = ids[i];
			carry_items(b, &b->secs[i], old, &reserved);
			free(old);
		} else {
			free(ids[i]);
		}
	}
	free(ids);
	/* the carried ids are the text's now */
	for (size_t i = 0; i < b->nitems; i++)
		idset_add(&reserved, b->items[i].id);
	for (size_t i = 0; i < b->nsecs; i++) {
		struct bsec *s = &b->secs[i];
		char **v = xcalloc(s->n + 1, sizeof *v), *prefix = xasprintf("%s.", s->id);

		for (size_t k = 0; k < s->n; k++)
			v[k] = b->items[s->first + k].id;
		rise(v, s->n, &used, &reserved, prefix);
		for (size_t k = 0; k < s->n; k++)
			b->items[s->first + k].id = v[k];
		free(v);
		free(prefix);
	}
	idset_free(&used);
	idset_free(&reserved);
}

static struct directive *to_directive(struct builder *b, const struct import_options *opt)
{
	struct directive *dir = xcalloc(1, sizeof *dir);
	struct idoc *d = b->d;

	dir->title = d->title ? xstrdup(d->title)
		   : imp_crop(b->nitems ? b->items[0].text : b->secs[0].text.data, 80);
	dir->id = opt && opt->id ? xstrdup(opt->id) : make_id(d, dir->title);
	dir->issuer = d->issuer ? xstrdup(d->issuer) : NULL;
	dir->number = d->number ? xstrdup(d->number) : NULL;
	dir->date = d->date ? xstrdup(d->date) : NULL;
	dir->signer = d->signer ? xstrdup(d->signer) : NULL;
	dir->source = d->source ? xstrdup(d->source) : NULL;
	dir->preamble = b->preamble.len ? xstrdup(b->preamble.data) : NULL;
	dir->recipients = steal_strv(&d->recipients, &dir->nrecipients);
	dir->sections = xcalloc(b->nsecs + 1, sizeof *dir->sections);
	dir->nsections = b->nsecs;
	for (size_t i = 0; i < b->nsecs; i++) {
		struct bsec *s = &b->secs[i];

		dir->sections[i] = (struct section){
			.id = s->id, .title = s->title, .text = buf_steal(&s->text),
			.first_item = s->first, .nitems = s->n,
		};
		s->id = s->title = NULL;
	}
	dir->items = xcalloc(b->nitems + 1, sizeof *dir->items);
	dir->nitems = b->nitems;
	for (size_t i = 0; i < b->nitems; i++) {
		struct bitem *it = &b->items[i];
		struct item *o = &dir->items[i];

		o->id = it->id;
		o->text = it->text;
		o->deadline = it->deadline;
		o->section = it->section;
		o->responsible = steal_strv(&it->resp, &o->nresponsible);
		o->evidence = xcalloc(ARRAY_LEN(default_evidence), sizeof *o->evidence);
		o->nevidence = ARRAY_LEN(default_evidence);
		for (size_t k = 0; k < ARRAY_LEN(default_evidence); k++) {
			o->evidence[k].key = xstrdup(default_evidence[k].key);
			o->evidence[k].label = xstrdup(default_evidence[k].label);
			o->evidence[k].type = default_evidence[k].type;
		}
		it->id = it->text = it->deadline = NULL;
	}
	return dir;
}

static void builder_free(struct builder *b)
{
	for (size_t i = 0; i < b->nsecs; i++) {
		free(b->secs[i].id);
		free(b->secs[i].title);
		buf_free(&b->secs[i].text);
	}
	free(b->secs);
	for (size_t i = 0; i < b->nitems; i++) {
		free(b->items[i].id);
		free(b->items[i].text);
		free(b->items[i].deadline);
		strv_free(&b->items[i].resp);
	}
	free(b->items);
	idset_free(&b->ids);
	idset_free(&b->sec_ids);
	buf_free(&b->preamble);
	buf_free(&b->pending);
}

static void idoc_free(struct idoc *d)
{
	for (size_t i = 0; i < d->nlines; i++)
		free(d->lines[i].s);
	free(d->lines);
	for (size_t i = 0; i < d->npara; i++)
		free(d->paras[i].text);
	free(d->paras);
	free(d->kind);
	free(d->title);
	free(d->issuer);
	free(d->number);
	free(d->date);
	free(d->signer);
	free(d->source);
	strv_free(&d->recipients);
}

struct directive *import_text(const char *text, size_t len, const struct import_options *opt,
			      struct import_stats *stats, struct dvk_error *err)
{
	struct import_stats local;
	struct idoc d = {0};
	struct builder b = {0};
	struct node *root = NULL;
	struct idset taken = {0};
	struct directive *dir = NULL;
	size_t bytes = 0;

	dvk_error_clear(err);
	if (!stats)
		stats = &local;
	memset(stats, 0, sizeof *stats);
	d.st = stats;
	if (len > 4 * (size_t)IMPORT_MAX_TEXT) {
		dvk_error_setc(err, DVK_E_LIMIT, NULL, 0, 0,
			       _("the text is too large to be one directive (%zu KiB; at most %d KiB)"),
			       len / 1024, IMPORT_MAX_TEXT / 1024);
		return NULL;
	}
	imp_read_lines(&d, text ? text : "", text ? len : 0);
	for (size_t i = 0; i < d.nlines; i++)
		bytes += strlen(d.lines[i].s) + 1;
	if (bytes > IMPORT_MAX_TEXT) {
		dvk_error_setc(err, DVK_E_LIMIT, NULL, 0, 0,
			       _("the text is too large to be one directive (%zu KiB; at most %d KiB)"),
			       bytes / 1024, IMPORT_MAX_TEXT / 1024);
		goto out;
	}
	if (bytes <= d.nlines) {
		dvk_error_setc(err, DVK_E_INVALID, NULL, 0, 0, _("the text is empty: nothing to import"));
		goto out;
	}
	imp_read_letterhead(&d);
	imp_drop_furniture(&d);
	imp_make_paragraphs(&d);
	imp_read_lead(&d);
	attached_document(&d);
	root = imp_outline(&d);
	mark_preamble(root);
	assign_ids(root, NULL, &taken);
	b.d = &d;
	b.taken = &taken;
	walk(&b, root);
	if (b.pending.len && b.nsecs)
		add_text(&b.secs[b.nsecs - 1].text, b.pending.data);
	if (b.too_many) {
		dvk_error_setc(err, DVK_E_LIMIT, NULL, 0, 0,
			       _("the text holds more than %d tasks: it is not one directive"),
			       IMPORT_MAX_ITEMS);
		goto out;
	}
	if (!b.nitems) {
		dvk_error_setc(err, DVK_E_INVALID, NULL, 0, 0,
			       _("no task found in the text (only a heading, legal bases or page furniture)"));
		goto out;
	}
	reader_order(&b);
	dir = to_directive(&b, opt);
out:
	imp_node_free(root);
	idset_free(&taken);
	builder_free(&b);
	idoc_free(&d);
	return dir;
}
