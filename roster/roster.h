/* Copyright 2026 the dvk developers.  SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * roster.h: the units an office expects reports from (format dvk-roster/1).
 *
 * A district or provincial office keeps one roster in its data folder,
 * DATA/roster.yaml, so it travels with the directive and the units'
 * files: who is expected (unit id, display name, parent, a contact), and
 * the office's own settings that its báo cáo needs (name, superior body,
 * place, document symbol, signer, recipients).  Reports list the units on
 * the roster that sent no file ("Chưa báo cáo") and the files of units
 * that are not on it, and take a unit's name from the roster when its
 * file gives none.
 *
 *   format: dvk-roster/1
 *   office:
 *     name: UBND huyện Quảng Xương
 *     superior: UBND tỉnh Thanh Hóa
 *     place: Quảng Xương
 *     symbol: UBND
 *     signer_authority: TM. ỦY BAN NHÂN DÂN
 *     signer_title: CHỦ TỊCH
 *     signer_name: Nguyễn Văn An
 *     recipients: [UBND tỉnh Thanh Hóa, Ban Dân vận Huyện ủy]
 *   units:
 *   - id: xa-quang-hoa
 *     name: UBND xã Quảng Hòa
 *     parent: huyen-quang-xuong
 *     contact: Lê Thị Hạnh, 0912 345 678
 *
 * Units keep the office's order (the order of its list, "STT").  Reading
 * is strict like every dvk file (unknown keys, duplicate or malformed ids
 * are errors at FILE:LINE:COL); writing is atomic and checked: the bytes
 * are parsed back and compared before the rename.
 *
 * Ownership: a struct roster owns every string in it; pointers returned
 * by the accessors are borrowed and valid until the roster changes.
 * Errors fill struct dvk_error; nothing here prints.
 */
#ifndef ROSTER_ROSTER_H
#define ROSTER_ROSTER_H

#include <stdbool.h>
#include <stddef.h>

#include "base/base.h"

#define ROSTER_FORMAT "dvk-roster/1"
#define ROSTER_FILE "roster.yaml"

struct roster;

struct roster_unit {
	char *id;      /* unit id, as in the units' state files */
	char *name;    /* display name, NULL if not given */
	char *parent;  /* parent unit id, NULL if none */
	char *contact; /* free text (person, telephone, email), NULL if none */
	int line;      /* line in the file it was read from, 0 if none */
};

/* The office that files the report: what the báo cáo's header and
 * signature block need.  Each is NULL when not given. */
struct roster_office {
	char *name;        /* tên cơ quan ban hành: "UBND huyện Quảng Xương" */
	char *superior;    /* tên cơ quan chủ quản: "UBND tỉnh Thanh Hóa" */
	char *place;       /* địa danh: "Quảng Xương" */
	char *symbol;      /* chữ viết tắt tên cơ quan: "UBND" → "Số: …/BC-UBND" */
	char *authority;   /* thẩm quyền ký: "TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH" */
	char *signer_title; /* chức vụ người ký: "CHỦ TỊCH" */
	char *signer_name;  /* họ và tên người ký */
	char **recipients;  /* nơi nhận (besides "Lưu: VT") */
	size_t nrecipients;
};

/* The office keys, as written in the roster's office: mapping and as
 * `dvk roster office KEY=VALUE` takes them ("recipients" takes a list
 * separated by ';'). */
extern const char *const roster_office_keys[];

/* ---- reading ---- */

/* An empty roster.  Free with roster_free. */
struct roster *roster_new(void);
void roster_free(struct roster *r);

/* DATA/roster.yaml (caller frees). */
char *roster_path(const char *data_dir);

/* Parse a roster held in memory; path names it in errors.  Returns a
 * roster (caller frees) or NULL with err at FILE:LINE:COL. */
struct roster *roster_parse(const char *buf, size_t len, const char *path,
			    struct dvk_error *err);

/* Read and parse a roster file.  A missing file is an error with code
 * DVK_E_IO; callers that accept "no roster" check for the file first. */
struct roster *roster_load(const char *path, struct dvk_error *err);

size_t roster_count(const struct roster *r);
/* Unit i in the office's order (i < roster_count). */
const struct roster_unit *roster_unit_at(const struct roster *r, size_t i);
/* The unit with this id, or NULL. */
const struct roster_unit *roster_find(const struct roster *r, const char *id);
/* Index of the unit with this id, or (size_t)-1. */
size_t roster_index(const struct roster *r, const char *id);
const struct roster_office *roster_office(const struct roster *r);

/* ---- changing ---- */

enum roster_change { ROSTER_ADDED = 1, ROSTER_UPDATED, ROSTER_UNCHANGED };

/* Add unit id, or update it when present: name, parent and contact
 * replace the old values when not NULL ("" clears one).  Text is stored in
 * NFC.  Returns a roster_change, or 0 with err set (a malformed id or
 * parent, a unit that would be its own parent). */
int roster_set_unit(struct roster *r, const char *id, const char *name, const char *parent,
		    const char *contact, struct dvk_error *err);

/* Remove unit id.  Returns true if it was there. */
bool roster_remove(struct roster *r, const char *id);

/* Set office key (one of roster_office_keys) to value ("" or NULL clears
 * it).  Returns 1, or 0 with err set for an unknown key. */
int roster_set_office(struct roster *r, const char *key, const char *value,
		      struct dvk_error *err);

/* ---- writing ---- */

/* The canonical bytes of r (caller frees; *len set), or NULL with err. */
char *roster_emit(const struct roster *r, size_t *len, struct dvk_error *err);

/* Write r to path: the bytes are parsed back and compared with r before
 * an atomic write (temp file, fsync, rename, fsync the folder).  The
 * caller holds the lock (store_lock on path) when it read, changed and
 * now writes the file.  Returns 1, or 0 with err and the file unchanged. */
int roster_save(const char *path, const struct roster *r, struct dvk_error *err);

/* ---- importing a spreadsheet ---- */

/* What an import did. */
struct roster_import {
	size_t rows;                 /* data rows read */
	size_t added, updated, unchanged;
	char sep;                    /* the separator used */
	bool from_cp1258;            /* the bytes were not UTF-8: read as Windows-1258 */
	bool ids_made;               /* no id column: ids were made from the names */
	char **ignored;              /* header cells of columns not used */
	size_t nignored;
};

void roster_import_free(struct roster_import *im);

/* Read a CSV the office already has into r: any separator (sep, or 0 to
 * pick the one of , ; TAB | that splits the header row best), a header
 * row in Vietnamese or English naming the columns (mã / id, tên đơn vị /
 * name, đơn vị cấp trên / parent, liên hệ, điện thoại, email / contact;
 * others such as STT are ignored), quoted cells with "" inside, CRLF or
 * LF, a UTF-8 byte-order mark.  Without an id column each unit's id is
 * made from its name ("UBND xã Quảng Hòa" → "xa-quang-hoa").  A parent
 * cell may hold an id or the name of a unit on the roster.  All or
 * nothing: on any error (FILE:LINE:COL of the cell) r is unchanged.
 * Returns 1 and fills *out (free with roster_import_free), or 0. */
int roster_import_csv(struct roster *r, const char *buf, size_t len, const char *path,
		      char sep, struct roster_import *out, struct dvk_error *err);

/* The id a unit's name gives when no id is known: folded to ASCII, lower
 * case, words joined by '-', a leading "UBND" / "Ủy ban nhân dân" left out
 * ("UBND xã Quảng Hòa" → "xa-quang-hoa").  Caller frees; NULL when the
 * name gives nothing usable. */
char *roster_id_from_name(const char *name);

#endif
