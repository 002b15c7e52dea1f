/* Copyright 2026 the dvk developers.  SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * i18n.h: the one language system of every front end.
 *
 * dvk speaks Vietnamese (the default) or English; msgids are English.
 * main() picks the language once, before it words any message, the same
 * way for every verb and the terminal UI: --lang, then DVK_LANG, then the
 * config's `lang`, then the locale (vi_* is Vietnamese, en_* English; C,
 * POSIX, an unset locale and any other language are Vietnamese).
 *
 * The catalogue (vi/LC_MESSAGES/dvk.mo) is looked for beside the binary
 * (build/locale, or the folder of a static binary), then in ../share/locale
 * relative to the binary (so `make install PREFIX=...` needs no rebuild),
 * then in the folder the build was configured with; a static binary
 * (make static) also carries its own and writes it once to
 * $XDG_CACHE_HOME/dvk/ when none of those has one.
 *
 * Nothing here prints; a catalogue that is not found leaves messages in
 * English (the source language).
 */
#ifndef I18N_I18N_H
#define I18N_I18N_H

/* The language the environment's locale asks for: "en" when LANGUAGE
 * (honoured as gettext does), LC_ALL, LC_MESSAGES or LANG names English
 * first, else "vi".  Returns a static string. */
const char *i18n_locale_lang(void);

/* The language given by --lang (flag, may be NULL), DVK_LANG or, when
 * neither is set, the locale: what to use before the config is read.  A
 * flag or DVK_LANG naming neither vi nor en is passed over here (the
 * config refuses it, in the language the next source gives). */
const char *i18n_early_lang(const char *flag);

/* Use lang ("vi" or "en"; anything else is Vietnamese) for every message
 * from now on.  May be called again to switch (main() does when the
 * config names another language than the environment). */
void i18n_use(const char *lang);

/* The language in use: "vi" or "en" ("vi" before i18n_use). */
const char *i18n_lang(void);

/* The folder the catalogue was found in, or NULL when none was (or the
 * language is English). */
const char *i18n_localedir(void);

#endif
