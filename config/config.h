/* Copyright 2026 the dvk developers.  SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * config.h: user settings, XDG paths, identity and the local clock.
 *
 * Precedence, highest first: command-line flags, environment (DVK_DATA,
 * DVK_UNIT, DVK_USER, DVK_LANG), the config file
 * $XDG_CONFIG_HOME/dvk/config.yaml, defaults (data in $XDG_DATA_HOME/dvk;
 * the language from the locale, see i18n.h).
 *
 * Things that belong to this laptop profile and never travel with the data
 * live under $XDG_STATE_HOME/dvk/: the replica id (made once), the hybrid
 * logical clock (so it never runs backwards), and drafts of notes being
 * typed.
 *
 * Errors fill struct dvk_error; nothing here prints.
 */
#ifndef CONFIG_CONFIG_H
#define CONFIG_CONFIG_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "base/base.h"
#include "checklist/checklist.h"
#include "store/store.h"

struct config {
	char *data_dir;       /* where state files live */
	char *unit;           /* NULL when unknown */
	char *user;           /* NULL when unknown */
	char *unit_name;      /* display name, may be NULL */
	char *parent;         /* parent unit id, may be NULL */
	/* unit_name and parent are the config file's, for its own unit: when
	 * --unit or DVK_UNIT names another, they are left out (NULL) and
	 * own_unit is false, so that they never rename another unit's file */
	char *lang;           /* "vi" or "en" (default: from the locale) */
	char *directive;      /* --directive FILE, NULL for the built-in */
	char *ascii;          /* "auto" (default), "yes", "no" */
	/* The office that files the báo cáo (`dvk report --draft`); each
	 * may also come from the roster's office: mapping.  NULL when not
	 * set. */
	char *office_name;       /* tên cơ quan: "UBND huyện Quảng Xương" */
	char *office_superior;   /* cơ quan chủ quản: "UBND tỉnh Thanh Hóa" */
	char *office_place;      /* địa danh: "Quảng Xương" */
	char *office_symbol;     /* "UBND" in "Số: …/BC-UBND" */
	char *office_recipients; /* nơi nhận, separated by ';' */
	char *signer_authority;  /* "TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH" */
	char *signer_title;      /* "CHỦ TỊCH" */
	char *signer_name;
	char *config_file;    /* path of the config file */
	char *state_dir;      /* $XDG_STATE_HOME/dvk */
	bool own_unit;        /* unit is the config file's unit (or it names none) */
};

/* Values given on the command line (NULL = not given). */
struct config_flags {
	const char *data_dir, *unit, *user, *lang, *directive;
};

/* Fill c from flags, environment, the config file and defaults.  Returns
 * 1, or 0 with err set (a config file that does not parse, at
 * FILE:LINE:COL).  Free with config_free even after failure. */
int config_load(struct config *c, const struct config_flags *flags,
		struct dvk_error *err);
void config_free(struct config *c);

/* Store key (unit, user, unit_name, parent, lang) = value in the config
 * file, keeping its other settings; atomic.  Returns 1 or 0 with err. */
int config_set(const struct config *c, const char *key, const char *value,
	       struct dvk_error *err);

/* This profile's replica id, "<host>-<4 random>", made on first use and
 * kept in the state folder (caller frees). */
char *config_replica(const struct config *c, struct dvk_error *err);

/* Load / store the local clock (lock, read, write atomically). */
int config_clock_load(const struct config *c, struct hlc *h, struct dvk_error *err);
int config_clock_save(const struct config *c, const struct hlc *h, struct dvk_error *err);

/* Current time in ms since the epoch. */
int64_t config_now(void);

/* n bytes from getrandom(2). */
void config_random(unsigned char *buf, size_t n, void *arg);

/* mkdir -p; returns 1 or 0 with err. */
int config_mkdirs(const char *path, struct dvk_error *err);

/* ---- the unit's name and parent (unit.c) ---- */

/* The config's unit_name (field UNIT_NAME) or parent (UNIT_PARENT) when
 * st is the own unit's state and its log never held that value: a rename
 * made in the config, still to be applied (caller frees; NULL when there
 * is none).  A value the log held once is an old one this laptop kept
 * while another renamed the unit, and is not a rename. */
char *config_unit_pending(const struct config *c, const struct state *st, const char *field);

/* Apply the pending renames to st as one edit of UNIT_ITEM.  Returns the
 * number of events added, or -1 with err set (a parent that is not a unit
 * id) and st unchanged. */
int config_unit_apply(const struct config *c, struct state *st, const struct directive *d,
		      struct edit_ctx *ctx, struct dvk_error *err);

#endif
