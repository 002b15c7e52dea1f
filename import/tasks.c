/* Copyright 2026 the dvk developers.  SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * tasks.c: the tasks one part of a directive asks for.
 *
 * A part's text is cut into sentences, and a sentence that lists tasks
 * separated by ";" into one task per clause, unless the clause after the
 * ";" only goes on with the one before ("...; về vị trí, vai trò ...").
 * Each task keeps the document's words and their case; only its
 * separator is made a full stop.
 *
 * A reported request ("Theo đó, UBND tỉnh yêu cầu các sở, ban, ngành, UBND
 * các huyện tổ chức quán triệt ...") is a frame around the tasks: the
 * agencies it names become the tasks' responsible agencies and the task
 * text starts at its verb.  Deadlines are taken only where the text states
 * one ("trước ngày 15/12/2023", "trong quý II/2023"), word for word.
 */
#include "import/internal.h"

#include <stdlib.h>
#include <string.h>

/* ---- agencies ---- */

/* Heads that name an agency in any case ("các sở", "UBND ..."). */
static const char *const strong_heads[] = {
	"ủy ban", "uỷ ban", "ubnd", "hđnd", "mttq", "các sở", "các cơ quan", "các đơn vị",
	"các địa phương", "các ban", "các huyện", "các tổ chức", "các cấp", "các ngành",
	"các bộ", "các hội", "các đoàn thể", "các phòng", "các xã", "các trường",
	"các doanh nghiệp", "các thành viên", "thủ trưởng", "giám đốc", "chủ tịch",
	"người đứng đầu", "công an", "văn phòng", "thanh tra tỉnh", "thanh tra huyện",
	"tỉnh ủy", "tỉnh uỷ", "huyện ủy", "huyện uỷ", "thành ủy", "thành uỷ", "đảng ủy",
	"đảng uỷ", "cấp ủy", "cấp uỷ", "bộ chỉ huy", "kho bạc", "liên đoàn", "tỉnh đoàn",
	"mặt trận", "chi cục", "hội đồng", "trung tâm", "sở", "cơ quan thường trực",
	"ban chỉ đạo", "ban thường vụ", "lãnh đạo các",
	/* a commune's own parts */
	"các thôn", "các bản", "các ấp", "các làng", "các khu phố", "các tổ dân phố", NULL,
};

/* Heads that name an agency only before a proper name: "Ban Dân vận",
 * "Hội Nông dân" (but "ban hành", "hội nghị", "báo cáo" are not). */
static const char *const weak_heads[] = {
	"ban", "bộ", "báo", "đài", "hội", "đoàn", "phòng", "cục", "viện", "trường",
	"bệnh viện", "ngân hàng", "công ty", "tổng công ty", "chi nhánh", "đại học",
	/* a commune's civil servant by post: "Công chức Văn hóa - Xã hội" */
	"công chức", NULL,
};

bool imp_is_agency(const char *s)
{
	char *lo;
	int i;
	bool yes = false;

	s += strspn(s, " ");
	lo = imp_lower(s);
	if (imp_starts_with(lo, strong_heads) >= 0) {
		yes = true;
	} else if ((i = imp_starts_with(lo, weak_heads)) >= 0 && imp_is_upper(imp_cp(s, NULL))) {
		const char *next = s + strlen(weak_heads[i]);

		next += strspn(next, " ");
		yes = imp_is_upper(imp_cp(next, NULL));
	}
	free(lo);
	return yes;
}

/* Words that begin what an agency is asked to do. */
static const char *const verbs[] = {
	"tổ chức", "triển khai", "thực hiện", "tăng cường", "đẩy mạnh", "tập trung",
	"tiếp tục", "chỉ đạo", "xây dựng", "rà soát", "kiểm tra", "tuyên truyền", "quán triệt",
	"nâng cao", "chủ động", "phối hợp", "chủ trì", "báo cáo", "ban hành", "đổi mới",
	"hoàn thiện", "nghiên cứu", "tham mưu", "hướng dẫn", "theo dõi", "đôn đốc", "quan tâm",
	"bảo đảm", "đảm bảo", "phát huy", "giải quyết", "thường xuyên", "khẩn trương",
	"nghiêm túc", "quyết liệt", "kịp thời", "xác định", "gắn", "lồng ghép", "đăng ký",
	"bố trí", "cung cấp", "tổng hợp", "đánh giá", "sơ kết", "tổng kết", "phát động",
	"duy trì", "củng cố", "vận động", "đề xuất", "cập nhật", "công khai", "tiếp nhận",
	"xử lý", "khắc phục", "ưu tiên", "huy động", "tạo điều kiện", "làm tốt", "có kế hoạch",
	"cụ thể hóa", "cụ thể hoá", "tích cực", "chịu trách nhiệm", "có trách nhiệm",
	"phổ biến", "hỗ trợ", "thống nhất", "quản lý", "ký kết", "lựa chọn", "biểu dương",
	"khen thưởng", "nhân rộng", "phát hiện", "giám sát", "chấn chỉnh", "thành lập",
	"kiện toàn", "sắp xếp", "hoàn thành", "nắm bắt", "nắm chắc", "tiếp xúc", "đối thoại",
	"chăm lo", "chuẩn bị", "dự thảo", "trình", "tham gia", "cử", "gửi", "phân công",
	"tập huấn", "bồi dưỡng", "đào tạo", "kiểm soát", "ngăn chặn", "phòng ngừa",
	"đấu tranh", "thu hồi", "bổ sung", "điều chỉnh", "sửa đổi", "lập", "quán triệt",
	"nghiêm", "tiến hành", "thực hiện tốt", "vận dụng", "căn cứ", "khẩn", "quyết tâm",
	"đề cao", "coi trọng", "chú trọng", "phát triển", "bám sát", "nâng", "giữ vững",
	"điều tra", "thanh tra", "thống kê", "tuần tra", "truy quét", "ký", "trực", "vận hành",
	"thúc đẩy", "thực thi", "ứng dụng", "chấp hành", "cải thiện", "số hóa", "số hoá", "đưa",
	"lồng", "mở", NULL,
};

/* "Văn phòng HĐND và UBND huyện", "Văn phòng Đoàn ĐBQH và HĐND tỉnh": the
 * office of several bodies is one agency; its "và" does not split. */
static bool office_of(const char *s)
{
	static const char *const offices[] = { "văn phòng", "cơ quan thường trực", NULL };
	char *lo = imp_lower(s + strspn(s, " "));
	bool yes = imp_starts_with(lo, offices) >= 0;

	free(lo);
	return yes;
}

void imp_split_agencies(const char *s, struct strv *out)
{
	size_t n = strlen(s), from = 0;

	for (size_t i = 0; i <= n; i++) {
		size_t skip = 0;

		if (i < n && strncmp(s + i, ", ", 2) == 0)
			skip = 2;
		else if (i < n && strncmp(s + i, "; ", 2) == 0)
			skip = 2;
		else if (i < n && strncmp(s + i, " và ", strlen(" và ")) == 0 && !office_of(s + from))
			skip = strlen(" và ");
		if (i < n && (!skip || !imp_is_agency(s + i + skip)))
			continue;
		char *part = imp_trim(s + from, i - from);
		size_t len = strlen(part);

		while (len > 0 && strchr(";,.:", part[len - 1]))
			part[--len] = '\0';
		if (*part) {
			char *lo = imp_lower(part);
			const char *p = part;

			if (imp_word_at(lo, 0, "đề nghị"))
				p += strlen("đề nghị ");
			else if (imp_word_at(lo, 0, "giao"))
				p += strlen("giao ");
			if (*p)
				strv_add_unique(out, p);
			free(lo);
		}
		free(part);
		if (i == n)
			break;
		from = i + skip;
		i = from - 1;
	}
}

/* ---- frames ---- */

static const char *const connectors[] = {
	"theo đó,", "đồng thời,", "bên cạnh đó,", "ngoài ra,", "trong đó,", "cụ thể,",
	"vì vậy,", "do đó,", "theo kế hoạch,", "theo chỉ thị,", "theo văn bản,", NULL,
};

static const char *const requests[] = {
	" yêu cầu ", " đề nghị ", " giao ", " chỉ đạo ", NULL,
};

/* Where the first verb of a task starts in s[from..to), or 0: a verb in
 * lower case in the text (agency names are capitalised: "Sở Thông tin")
 * and not made a noun by "các", "những" ("các tổ chức"). */
static size_t first_verb(const char *s, const char *lo, size_t from, size_t to)
{
	for (size_t i = from; i < to; i++) {
		if (i > 0 && lo[i - 1] != ' ')
			continue;
		if (!imp_is_lower(imp_cp(s + i, NULL)))
			continue;
		if (i >= strlen("các ") && strncmp(lo + i - strlen("các "), "các ", strlen("các ")) == 0)
			continue;
		if (i >= strlen("những ") && strncmp(lo + i - strlen("những "), "những ", strlen("những ")) == 0)
			continue;
		for (int v = 0; verbs[v]; v++)
			if (imp_word_at(lo, i, verbs[v]))
				return i;
	}
	return 0;
}

bool imp_agency_heading(const char *s)
{
	char *t = imp_trim(s, strlen(s)), *lo;
	size_t n = strlen(t);
	bool yes;

	if (n == 0 || t[n - 1] != ':') {
		free(t);
		return false;
	}
	t[--n] = '\0';
	lo = imp_lower(t);
	/* "Sở Y tế chủ trì, phối hợp với ...:" asks something: no heading */
	yes = n && imp_is_agency(t) && imp_words(t) <= 20 && !strpbrk(t, ".;:") &&
	      !first_verb(t, lo, 0, n);
	free(lo);
	free(t);
	return yes;
}

/* Whether the subject lo[0..n) of "X yêu cầu / giao / chỉ đạo Y làm Z"
 * speaks for the document, so that Y is who is tasked: one body, the
 * issuing authority or the document itself ("UBND tỉnh", "Chủ tịch UBND
 * tỉnh", "Kế hoạch").  "UBND các huyện, thị xã chỉ đạo UBND cấp xã ..."
 * names agencies that are themselves tasked (plural, a list): the whole
 * sentence is their task.  "Chỉ đạo" frames only for the authority: "Sở
 * Y tế chỉ đạo Trung tâm ..." is the Sở's own task. */
static bool speaker(const char *lo, size_t n, bool directs)
{
	static const char *const authorities[] = {
		"ubnd tỉnh", "ubnd thành phố", "ubnd huyện", "ubnd thị xã", "ubnd xã", "ủy ban nhân dân",
		"uỷ ban nhân dân", "chủ tịch", "thủ tướng", "chính phủ", "bộ trưởng", "tỉnh ủy",
		"tỉnh uỷ", "huyện ủy", "huyện uỷ", "thành ủy", "thành uỷ", "ban thường vụ",
		"thường trực", "kế hoạch", "chỉ thị", "công văn", "văn bản", "quyết định", "thông báo",
		"hướng dẫn", "chương trình", NULL,
	};
	char *subj = xstrndup(lo, n);
	bool yes = !strchr(subj, ',') && !strstr(subj, "các ") && strncmp(subj, "các", 3) != 0 &&
		   (!directs || imp_starts_with(subj, authorities) >= 0);

	free(subj);
	return yes;
}

size_t imp_strip_frame(const char *s, struct strv *resp)
{
	char *lo = imp_lower(s);
	size_t pos = 0, n = strlen(s), ret = 0;

	for (int k = 0; connectors[k]; k++)
		if (strncmp(lo, connectors[k], strlen(connectors[k])) == 0) {
			pos = strlen(connectors[k]);
			pos += strspn(s + pos, " ");
			break;
		}
	for (int r = 0; requests[r]; r++) {
		const char *at = strstr(lo + pos, requests[r]);
		size_t req, start, verb;

		if (!at || (size_t)(at - lo) - pos > 120)
			continue;
		req = (size_t)(at - lo);
		/* Only a frame with a speaker: "UBND tỉnh yêu cầu ...".  A
		 * sentence that starts "Giao Sở Nội vụ ..." is the task itself. */
		if (req == pos)
			continue;
		{
			static const char *const documents[] = {
				"kế hoạch", "chỉ thị", "công văn", "văn bản", "quyết định", "thông báo",
				"hướng dẫn", "chương trình", NULL,
			};
			char *subject = xstrndup(s + pos, req - pos);
			bool agency = (imp_is_agency(subject) || imp_starts_with(lo + pos, documents) >= 0) &&
				      !strchr(subject, ';') && imp_words(subject) <= 12 &&
				      speaker(lo + pos, req - pos, r == 3);

			free(subject);
			if (!agency)
				continue;
		}
		start = req + strlen(requests[r]);
		if (!imp_is_agency(s + start))
			continue;
		verb = first_verb(s, lo, start, n < start + 300 ? n : start + 300);
		if (!verb || verb <= start)
			continue;
		{
			char *list = imp_trim(s + start, verb - start);

			imp_split_agencies(list, resp);
			free(list);
		}
		ret = verb;
		break;
	}
	free(lo);
	return ret;
}

/* "Sở Nội vụ chủ trì, phối hợp ...": the agency before "chủ trì"; "Giao
 * Sở Nội vụ chủ trì ...", "Đề nghị Ủy ban MTTQ tỉnh phối hợp ...": the
 * agency the request names.  The text stays as it is. */
void imp_subject_agencies(const char *s, struct strv *resp)
{
	static const char *const roles[] = {
		" chủ trì", " có trách nhiệm", " chịu trách nhiệm", " là cơ quan thường trực", NULL,
	};
	static const char *const asks[] = { "đề nghị", "giao", "yêu cầu", NULL };
	char *lo;
	int a;

	/* "Theo kế hoạch, Sở Y tế chủ trì ...": after the connector. */
	lo = imp_lower(s);
	for (int k = 0; connectors[k]; k++)
		if (strncmp(lo, connectors[k], strlen(connectors[k])) == 0) {
			s += strlen(connectors[k]);
			s += strspn(s, " ");
			free(lo);
			lo = imp_lower(s);
			break;
		}
	a = imp_starts_with(lo, asks);
	if (a >= 0) {
		size_t start = strlen(asks[a]) + 1, n = strlen(s), verb;

		if (start < n && imp_is_agency(s + start) &&
		    (verb = first_verb(s, lo, start, n < start + 300 ? n : start + 300)) > start) {
			char *list = imp_trim(s + start, verb - start);

			imp_split_agencies(list, resp);
			free(list);
		}
		free(lo);
		return;
	}
	if (!imp_is_agency(s)) {
		free(lo);
		return;
	}
	size_t n = strlen(s), end = 0;

	for (int r = 0; roles[r] && !end; r++) {
		const char *at = strstr(lo, roles[r]);

		if (at && at - lo < 200)
			end = (size_t)(at - lo);
	}
	/* "Thủ trưởng các sở, ban, ngành tập trung chỉ đạo ...": the
	 * agencies before the first verb. */
	if (!end)
		end = first_verb(s, lo, 1, n < 300 ? n : 300);
	if (end) {
		char *subj = imp_trim(s, end);

		if (!strpbrk(subj, ";.:") && imp_words(subj) <= 20 && imp_is_agency(subj))
			imp_split_agencies(subj, resp);
		free(subj);
	}
	free(lo);
}

/* ---- deadlines ---- */

static size_t digits(const char *s, size_t min, size_t max)
{
	size_t n = strspn(s, "0123456789");

	return n >= min && n <= max ? n : 0;
}

/* A date at s: "15/12/2023", "15/12", "15-12-2023", "15 tháng 12 năm
 * 2023", "15 tháng 12"; its length, or 0. */
static size_t date_at(const char *lo)
{
	size_t d = digits(lo, 1, 2), m, k;

	if (!d)
		return 0;
	if ((lo[d] == '/' || lo[d] == '-' || lo[d] == '.') && (m = digits(lo + d + 1, 1, 2))) {
		k = d + 1 + m;
		if (lo[k] == lo[d] && (m = digits(lo + k + 1, 4, 4)))
			k += 1 + m;
		return k;
	}
	if (strncmp(lo + d, " tháng ", strlen(" tháng ")) == 0 &&
	    (m = digits(lo + d + strlen(" tháng "), 1, 2))) {
		k = d + strlen(" tháng ") + m;
		if (strncmp(lo + k, " năm ", strlen(" năm ")) == 0 &&
		    (m = digits(lo + k + strlen(" năm "), 4, 4)))
			k += strlen(" năm ") + m;
		return k;
	}
	return 0;
}

/* A period: "6/2023", "II/2023", "II năm 2023", "12", "IV". */
static size_t period_at(const char *s, const char *lo)
{
	size_t k = digits(lo, 1, 2), m;

	if (!k)
		k = strspn(s, "IVX");
	if (!k || k > 4)
		return 0;
	if (lo[k] == '/' && (m = digits(lo + k + 1, 4, 4)))
		return k + 1 + m;
	if (strncmp(lo + k, " năm ", strlen(" năm ")) == 0 && (m = digits(lo + k + strlen(" năm "), 4, 4)))
		return k + strlen(" năm ") + m;
	return k;
}

char *imp_deadline(const char *text)
{
	static const char *const by_date[] = {
		"trước ngày ", "chậm nhất là ngày ", "chậm nhất ngày ", "chậm nhất vào ngày ",
		"chậm nhất trước ngày ", "hạn chót là ngày ", "hạn chót ngày ", "trong ngày ",
		"xong trước ngày ", "hạn cuối ngày ", "trước ", NULL,
	};
	static const char *const by_period[] = {
		"trước tháng ", "trong tháng ", "hết tháng ", "cuối tháng ", "trước quý ",
		"trong quý ", "hết quý ", "cuối quý ", "quý ", NULL,
	};
	static const char *const labels[] = {
		"thời gian thực hiện: ", "thời gian hoàn thành: ", "thời hạn hoàn thành: ", "thời gian: ",
		"thời hạn: ", NULL,
	};
	char *lo = imp_lower(text), *out = NULL;
	size_t n = strlen(lo);

	for (size_t i = 0; i < n && !out; i++) {
		if (i > 0 && lo[i - 1] != ' ' && lo[i - 1] != '(')
			continue;
		for (int k = 0; by_date[k] && !out; k++) {
			size_t w = strlen(by_date[k]), d;

			if (strncmp(lo + i, by_date[k], w) != 0 || !(d = date_at(lo + i + w)))
				continue;
			size_t end = i + w + d;

			/* "trước ngày 15/6 và 15/12" */
			while (strncmp(lo + end, " và ", strlen(" và ")) == 0 &&
			       (d = date_at(lo + end + strlen(" và "))))
				end += strlen(" và ") + d;
			out = xstrndup(text + i, end - i);
		}
		for (int k = 0; by_period[k] && !out; k++) {
			size_t w = strlen(by_period[k]), p;

			if (strncmp(lo + i, by_period[k], w) != 0 || !(p = period_at(text + i + w, lo + i + w)))
				continue;
			/* A bare "quý II" only with its year: "quý II/2023". */
			if (k == 8 && !strchr(text + i + w, '/') && !strstr(lo + i + w, " năm "))
				continue;
			if (k == 8 && p <= 4)
				continue;
			out = xstrndup(text + i, w + p);
		}
		/* "...; thời gian: tháng 10/2023": what the label states */
		for (int k = 0; labels[k] && !out; k++) {
			size_t w = strlen(labels[k]), e;

			if (strncmp(lo + i, labels[k], w) != 0)
				continue;
			e = i + w + strcspn(lo + i + w, ";");
			while (e > i + w && strchr(". ", lo[e - 1]))
				e--;
			if (e > i + w && e - (i + w) <= 60)
				out = xstrndup(text + i + w, e - (i + w));
		}
		if (!out && strncmp(lo + i, "trong năm ", strlen("trong năm ")) == 0 &&
		    digits(lo + i + strlen("trong năm "), 4, 4))
			out = xstrndup(text + i, strlen("trong năm ") + 4);
		if (!out && strncmp(lo + i, "trước năm ", strlen("trước năm ")) == 0 &&
		    digits(lo + i + strlen("trước năm "), 4, 4))
			out = xstrndup(text + i, strlen("trước năm ") + 4);
	}
	free(lo);
	return out;
}

/* ---- sentences and clauses ---- */

static const char *const abbrevs[] = {
	"tp", "tx", "tt", "q", "p", "ts", "ths", "pgs", "gs", "ks", "bs", "v.v", "vv", "nxb",
	"tr", "đ/c", "sđd", "th.s", NULL,
};

static bool abbrev(const char *lo, size_t dot)
{
	size_t start = dot;

	while (start > 0 && lo[start - 1] != ' ' && lo[start - 1] != '(')
		start--;
	for (int i = 0; abbrevs[i]; i++)
		if (dot - start == strlen(abbrevs[i]) && strncmp(lo + start, abbrevs[i], dot - start) == 0)
			return true;
	return dot - start == 1;
}

/* Opening and closing quotes and brackets: nothing splits inside them. */
static int nesting(const char *s, size_t *len)
{
	*len = 1;
	if (*s == '(' || *s == '[')
		return 1;
	if (*s == ')' || *s == ']')
		return -1;
	if (strncmp(s, "“", 3) == 0) {
		*len = 3;
		return 1;
	}
	if (strncmp(s, "”", 3) == 0) {
		*len = 3;
		return -1;
	}
	return 0;
}

/* Cut text into pieces at sentence ends (sep 0) or at ';' (sep ';'),
 * outside quotes and brackets.  Offsets of the cuts go to cuts[]. */
static size_t cut_points(const char *s, const char *lo, char sep, size_t *cuts, size_t max)
{
	size_t n = strlen(s), ncut = 0;
	int depth = 0;
	bool straight = false; /* inside "..." */

	for (size_t i = 0; i < n && ncut < max;) {
		size_t len;
		int nest = nesting(s + i, &len);

		if (s[i] == '"')
			straight = !straight;
		if (nest) {
			depth += nest;
			if (depth < 0)
				depth = 0;
			i += len;
			continue;
		}
		if (depth || straight) {
			i++;
			continue;
		}
		if (sep == ';' && s[i] == ';') {
			cuts[ncut++] = i + 1;
		} else if (!sep && (s[i] == '.' || s[i] == '!' || s[i] == '?' ||
				    strncmp(s + i, "…", 3) == 0)) {
			size_t j = i + (s[i] == '.' || s[i] == '!' || s[i] == '?' ? 1 : 3);

			if (strncmp(s + j, "/.", 2) == 0)
				j += 2;
			if (s[j] == ' ') {
				size_t k = j + strspn(s + j, " ");
				uint32_t next = imp_cp(s + k, &len);

				if (next == 0x201C || next == '"')
					next = imp_cp(s + k + len, NULL);
				if ((imp_is_upper(next) || imp_is_digit(next)) &&
				    !(s[i] == '.' && abbrev(lo, i)))
					cuts[ncut++] = j;
			}
			i = j;
			continue;
		}
		i++;
	}
	return ncut;
}

/* Words that go on with the clause before a ';' instead of starting a
 * task: "...công tác dân vận; về vị trí, vai trò ...". */
static const char *const go_on[] = {
	"về", "của", "cho", "trong", "với", "đối với", "nhất là", "đặc biệt là", "trong đó",
	"bao gồm", "gồm", "như", "và", "hoặc", "hay", "từ", "tại", "ở", "theo", "để", "nhằm",
	"thông qua", "qua", "bằng", "do", "vì", "khi", "nếu", "kể cả", "cũng như", "mà",
	"thì", "là", "đồng thời với", "trên", "dưới", "giữa", "sau", "trước khi",
	/* a target of the task before it: "...; tỷ lệ hồ sơ được số hóa đạt trên 80%" */
	"tỷ lệ", "phấn đấu", "đạt", "chỉ tiêu", "mục tiêu", NULL,
};

/* "Tập trung giải quyết đơn thư ...; giải quyết dứt điểm ...": a clause
 * that takes up the verb the clause before put under "tập trung" (or
 * "tiếp tục", "chú trọng" ...) says more about that same work. */
static const char *const emphasis[] = {
	"tập trung", "tiếp tục", "chú trọng", "quan tâm", "tích cực", "chủ động", "khẩn trương",
	NULL,
};

/* "...; hoàn thành trong quý II/2023": a clause that only gives the time
 * of the one before it. */
static bool only_time(const char *clause)
{
	static const char *const time_words[] = {
		"thời gian", "thời hạn", "hoàn thành", "xong", "chậm nhất", "hạn chót", NULL,
	};
	char *dl = imp_deadline(clause), *lo = imp_lower(clause);
	bool yes = (dl && (imp_words(clause) <= imp_words(dl) + 2 ||
			   (imp_starts_with(lo, time_words) >= 0 && imp_words(clause) <= imp_words(dl) + 4))) ||
		   (imp_starts_with(lo, time_words) >= 0 && imp_words(clause) <= 8);

	free(dl);
	free(lo);
	return yes;
}

static bool takes_up(const char *prev_lo, const char *next_lo)
{
	int e = imp_starts_with(prev_lo, emphasis);
	size_t w1, w2;
	const char *verb;

	if (e < 0)
		return false;
	verb = prev_lo + strlen(emphasis[e]) + 1;
	/* The first two words of the next clause, as written there. */
	w1 = strcspn(next_lo, " ");
	if (!next_lo[w1])
		return false;
	w2 = w1 + 1 + strcspn(next_lo + w1 + 1, " ");
	return strncmp(verb, next_lo, w2) == 0 && (verb[w2] == ' ' || verb[w2] == '\0');
}

/* The text of a task as the document writes it: blanks trimmed and the
 * separator made a full stop; the case of every letter is the text's
 * ("là cơ quan thường trực" stays so). */
static char *task_text(const char *s, size_t len)
{
	char *t = imp_trim(s, len);
	size_t n = strlen(t);

	if (n >= 3 && strcmp(t + n - 3, "./.") == 0)
		t[n -= 2] = '\0';
	while (n > 0 && strchr(";,:", t[n - 1]))
		t[--n] = '\0';
	while (n > 0 && t[n - 1] == ' ')
		t[--n] = '\0';
	if (n && !imp_ends_sentence(t)) {
		char *o = xasprintf("%s.", t);

		free(t);
		t = o;
	}
	return t;
}

static void add_task(struct taskv *out, char *text, const struct strv *resp, bool split)
{
	struct task *t;

	GROW(out->v, out->n + 1, out->cap);
	t = &out->v[out->n++];
	memset(t, 0, sizeof *t);
	t->text = text;
	t->split = split;
	for (size_t i = 0; i < resp->n; i++)
		strv_add_unique(&t->resp, resp->v[i]);
	t->deadline = imp_deadline(text);
}

static void sentence_tasks(const char *s, struct taskv *out)
{
	struct strv resp = {0};
	size_t off = imp_strip_frame(s, &resp), cuts[256], ncut, from;
	char *framed = NULL, *slo = imp_lower(s);

	/* "Theo kế hoạch, Sở Y tế chủ trì ...", "Đồng thời, ...": the
	 * reporter's link between sentences, not the task's words. */
	for (int k = 0; connectors[k] && !off; k++)
		if (strncmp(slo, connectors[k], strlen(connectors[k])) == 0 && s[strlen(connectors[k])] == ' ')
			off = strlen(connectors[k]) + strspn(s + strlen(connectors[k]), " ");
	free(slo);
	const char *body = s + off;
	char *lo;
	size_t first = out->n;

	/* With the speaker's frame gone the task's verb starts the sentence:
	 * it takes the capital the sentence had ("UBND tỉnh yêu cầu các sở
	 * tổ chức ..." gives "Tổ chức ..."). */
	if (off) {
		body = framed = imp_cap_first(body);
	}
	lo = imp_lower(body);

	imp_subject_agencies(body, &resp);
	ncut = cut_points(body, lo, ';', cuts, ARRAY_LEN(cuts));
	from = 0;
	for (size_t c = 0; c <= ncut; c++) {
		size_t end = c < ncut ? cuts[c] : strlen(body), next;

		if (c < ncut) {
			/* Keep going when the next clause continues this one,
			 * or either is too short to be a task. */
			next = end + strspn(body + end, " ");
			char *piece = xstrndup(body + from, end - from);
			bool short_here = imp_words(piece) < 3;
			size_t rest = (c + 1 < ncut ? cuts[c + 1] : strlen(body)) - next;
			char *after = xstrndup(body + next, rest);
			bool short_next = imp_words(after) < 3;

			free(piece);
			free(after);
			char *after_text = xstrndup(body + next, rest);
			bool time_only = only_time(after_text);

			free(after_text);
			/* "...; 100% văn bản đi được ký số": a figure the task
			 * reaches, not a task */
			if (imp_starts_with(lo + next, go_on) >= 0 || short_here || short_next ||
			    (lo[next] >= '0' && lo[next] <= '9') ||
			    time_only || takes_up(lo + from + strspn(lo + from, " "), lo + next))
				continue;
		}
		char *t = task_text(body + from, end - from);

		if (*t && imp_words(t) >= 1)
			add_task(out, t, &resp, false);
		else
			free(t);
		from = end;
	}
	if (out->n - first > 1)
		for (size_t i = first; i < out->n; i++)
			out->v[i].split = true;
	free(lo);
	free(framed);
	strv_free(&resp);
}

/* Sentences that report rather than ask: what was done before, figures,
 * the present state. */
static const char *const context_starts[] = {
	"trước đó", "thời gian qua", "những năm qua", "năm qua", "vừa qua", "qua đó", "đến nay",
	"hiện nay", "theo thống kê", "tính đến", "kết quả", "trong năm qua", "tuy nhiên",
	"bên cạnh những kết quả", NULL,
};

/* "a) Rà soát ... . Cơ quan chủ trì: Sở Tư pháp. Thời gian hoàn thành:
 * trước 30/6/2024.": a sentence that is an attribute's label and value
 * says who carries out the task before it and by when; it is no task.
 * True if s was such a sentence (t then has what it says). */
static bool attr_sentence(const char *s, struct task *t)
{
	const char *colon = strchr(s, ':');
	char *head, *value, *dl;
	size_t n;
	int kind;

	if (!colon || colon == s || imp_words(colon + 1) < 1)
		return false;
	head = imp_trim(s, (size_t)(colon - s));
	kind = imp_words(head) <= 6 ? imp_attr_kind(head) : 0;
	free(head);
	if (!kind)
		return false;
	value = imp_trim(colon + 1, strlen(colon + 1));
	n = strlen(value);
	while (n > 0 && strchr(".;,", value[n - 1]))
		value[--n] = '\0';
	if (kind == 1) {
		imp_attr_resp(value, &t->resp);
	} else if (kind == 2 && !t->deadline && *value) {
		/* what the label states, as the text writes it */
		dl = imp_deadline(s);
		t->deadline = dl ? dl : xstrdup(value);
	}
	free(value);
	return true;
}

void imp_tasks(const char *text, struct taskv *out)
{
	char *lo = imp_lower(text);
	size_t cuts[512], ncut = cut_points(text, lo, 0, cuts, ARRAY_LEN(cuts)), from = 0;
	size_t first = out->n;

	for (size_t c = 0; c <= ncut; c++) {
		size_t end = c < ncut ? cuts[c] : strlen(text);
		char *s = imp_trim(text + from, end - from), *slo = imp_lower(s);

		size_t sl = strlen(s);
		/* "(Chi tiết tại bảng dưới đây)": an aside, not a task */
		bool aside = s[0] == '(' && sl > 1 && (s[sl - 1] == ')' || (sl > 2 && strcmp(s + sl - 2, ").") == 0));

		if (*s && !aside && out->n > first && attr_sentence(s, &out->v[out->n - 1]))
			; /* said of the task before it */
		else if (*s && !aside && imp_starts_with(slo, context_starts) < 0)
			sentence_tasks(s, out);
		free(slo);
		free(s);
		from = end;
	}
	free(lo);
}

void imp_taskv_free(struct taskv *t)
{
	for (size_t i = 0; i < t->n; i++) {
		free(t->v[i].text);
		strv_free(&t->v[i].resp);
		free(t->v[i].deadline);
	}
	free(t->v);
	memset(t, 0, sizeof *t);
}
