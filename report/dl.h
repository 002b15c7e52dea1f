/*
 * dl.h: libzip and libxlsxwriter through tables of functions loaded at
 * run time (dl.c says why).  Private to report/: only docx.c and xlsx.c
 * include it.
 */
#ifndef REPORT_DL_H
#define REPORT_DL_H

#include <xlsxwriter.h>
#include <zip.h>

#include "base/base.h"

#define RPT_FN(name) __typeof__(&name) name

struct rpt_zip {
	RPT_FN(zip_open);
	RPT_FN(zip_source_buffer);
	RPT_FN(zip_file_add);
	RPT_FN(zip_close);
	RPT_FN(zip_discard);
	RPT_FN(zip_strerror);
	RPT_FN(zip_name_locate);
	RPT_FN(zip_source_free);
};

struct rpt_xlsx {
	RPT_FN(workbook_new_opt);
	RPT_FN(workbook_add_worksheet);
	RPT_FN(workbook_add_format);
	RPT_FN(workbook_close);
	RPT_FN(workbook_set_properties);
	RPT_FN(worksheet_write_string);
	RPT_FN(worksheet_write_number);
	RPT_FN(worksheet_write_blank);
	RPT_FN(worksheet_set_column);
	RPT_FN(worksheet_set_row);
	RPT_FN(worksheet_freeze_panes);
	RPT_FN(worksheet_autofilter);
	RPT_FN(format_set_bold);
	RPT_FN(format_set_italic);
	RPT_FN(format_set_num_format);
	RPT_FN(format_set_text_wrap);
	RPT_FN(format_set_align);
	RPT_FN(format_set_bg_color);
	RPT_FN(format_set_border);
	RPT_FN(format_set_font_name);
	RPT_FN(format_set_font_size);
	RPT_FN(lxw_strerror);
};

/* The tables, loaded once; NULL with err set when the library is not
 * installed. */
const struct rpt_zip *rpt_zip_api(struct dvk_error *err);
const struct rpt_xlsx *rpt_xlsx_api(struct dvk_error *err);

#endif
