# Copyright 2026 the dvk developers.  SPDX-License-Identifier: GPL-3.0-or-later
# table.awk: turn bench.sh's raw figures into one table.
# Reference column: less for the terminal rows, a bare libyaml parse of
# the same bytes (the floor) for the file rows.

function median(list,    n, a, i, j, t) {
	n = split(list, a, " ")
	if (n == 0) return ""
	for (i = 2; i <= n; i++) {
		t = a[i] + 0
		for (j = i - 1; j >= 1 && a[j] + 0 > t; j--) a[j + 1] = a[j]
		a[j + 1] = t
	}
	return (n % 2) ? a[(n + 1) / 2] : (a[n / 2] + a[n / 2 + 1]) / 2
}
function maximum(list,    n, a, i, m) {
	n = split(list, a, " ")
	if (n == 0) return ""
	m = a[1] + 0
	for (i = 2; i <= n; i++) if (a[i] + 0 > m) m = a[i] + 0
	return m
}
# the median of one measured step over several runs' step numbers
function stepmed(name, idxs,    n, k, i, l) {
	n = split(idxs, k, " "); l = ""
	for (i = 1; i <= n; i++) if ((name, k[i]) in cpu && cpu[name, k[i]] != "-") l = l " " cpu[name, k[i]]
	return median(l)
}
function minimum(list,    n, a, i, m) {
	n = split(list, a, " ")
	if (n == 0) return ""
	m = a[1] + 0
	for (i = 2; i <= n; i++) if (a[i] + 0 < m) m = a[i] + 0
	return m
}
function add(key, v) { samples[key] = (key in samples) ? samples[key] " " v : v }
function fmt(v, d) { return v == "" ? "–" : sprintf("%." d "f", v) }
function ratio(a, b) { return (a == "" || b == "" || b + 0 == 0) ? "–" : sprintf("%.2f×", a / b) }
function verdict(ok) { return ok ? "met" : "MISSED" }
function verdict2(v, ok) { return v == "" ? "not measured" : verdict(ok) }
function row(m, ref, cal, dvk, r, target, v) {
	printf "| %s | %s | %s | %s | %s | %s | %s |\n", m, ref, cal, dvk, r, target, v
}

$1 == "paint" { for (i = 3; i <= NF; i++) add("paint " $2, $i); next }
$2 == "step" {
	name = $1; idx = stepno[name]++
	bytes[name, idx] = $4; cpu[name, idx] = $8
	if (name ~ /-strace$/) { sub(/-strace$/, "", name); writes[name, idx] = $NF }
	next
}
$2 == "rss_kb" { rss[$1] = $3; next }
$1 == "filesize" { fsize[$2] = $3; next }
$1 == "filesize-save" { fsave[$2] = $3; next }
$1 == "engine" { engine_n = $3; engine_ms = $(NF - 1); next }
$1 == "ir" { ir[$2] = $3; next }
$1 == "size" { size[$2] = $3; next }
$3 == "run" { add($1 " " $2 " cpu", $5); add($1 " " $2 " wall", $4); add($1 " " $2 " rss", $6); if ($7 != 0) failed[$1 " " $2] = $7; next }
$1 == "save" { add("save " $2, $3); if (NF >= 4) add("durable " $2, $4); next }

END {
	lp = median(samples["paint less"]); cp = median(samples["paint calcurse"])
	dp = median(samples["paint dvk"]); dp10 = median(samples["paint dvk10k"])
	print "| measure | reference (less / libyaml floor) | calcurse | dvk | dvk ÷ reference | target | |"
	print "|---|---|---|---|---|---|---|"
	row("first paint, empty state (ms, median of " runs ")", fmt(lp, 1), fmt(cp, 1), fmt(dp, 1), ratio(dp, lp), "≤ 1.2× less", verdict2(dp, dp <= 1.2 * lp))
	row("first paint, 10,000 events (ms)", fmt(lp, 1), "–", fmt(dp10, 1), ratio(dp10, lp), "≤ 1.2× less", verdict2(dp10, dp10 <= 1.2 * lp))
	dp70 = median(samples["paint dvk70k"])
	if (dp70 != "")
		row("first usable screen, 70,000 events: the directive, the keys, \"đang tải\" (ms, median of " runs ")", fmt(lp, 1), "–", fmt(dp70, 1), ratio(dp70, lp), "≤ 1.2× less", verdict2(dp70, dp70 <= 1.2 * lp))
	f10 = median(samples["paint dvk10k-figures"]); f70 = median(samples["paint dvk70k-figures"])
	if (f70 != "")
		row("figures on the screen, the file read and checked: 10,000 / 70,000 events (ms, median of 5)", "–", "–", fmt(f10, 0) " / " fmt(f70, 0), "–", "–", "")
	if ("dvk" in ir)
		row("instructions to the first screen and quit (callgrind, millions)", fmt(ir["less"] / 1e6, 1), "–", fmt(ir["dvk"] / 1e6, 1), ratio(ir["dvk"], ir["less"]), "–", "")
	# bytes per key
	row("bytes: move one line (less j, calcurse l, dvk ↓)", bytes["less", 1], bytes["calcurse", 1], bytes["dvk", 1], ratio(bytes["dvk", 1], bytes["less", 1]), "≤ 120", verdict2(bytes["dvk", 1], bytes["dvk", 1] <= 120))
	row("bytes: move one line, 10,000 events", bytes["less", 1], "–", bytes["dvk10k", 1], ratio(bytes["dvk10k", 1], bytes["less", 1]), "≤ 120", verdict2(bytes["dvk10k", 1], bytes["dvk10k", 1] <= 120))
	row("bytes: page down (less Space, calcurse j = a week, dvk PgDn in section 3)", bytes["less", 2], bytes["calcurse", 2], bytes["dvk", 6], ratio(bytes["dvk", 6], bytes["less", 2]), "≤ less", verdict2(bytes["dvk", 6], bytes["dvk", 6] <= bytes["less", 2]))
	row("bytes: type one character in the editor (a / ệ)", "–", "–", bytes["dvk", 10] " / " bytes["dvk", 11], "–", "≤ 16", verdict(bytes["dvk", 10] <= 16 && bytes["dvk", 11] <= 16))
	row("bytes: open an item (Enter on 3.1)", "–", "–", bytes["dvk", 8], "–", "–", "")
	row("bytes: open a section (Enter)", "–", "–", bytes["dvk", 5], "–", "–", "")
	row("bytes: go back (Esc, item → section)", "–", "–", bytes["dvk", 15], "–", "–", "")
	# writes per key
	maxw = 0; wl = ""
	split("1 6 8 10 11 15", ks, " ")
	for (k = 1; k <= 6; k++) { v = writes["dvk", ks[k]]; wl = wl (k > 1 ? "/" : "") v; if (v + 0 > maxw) maxw = v + 0 }
	row("write() calls per key (dvk: move/page/open/type a/type ệ/back)", writes["less", 1] "/" writes["less", 2], writes["calcurse", 1] "/" writes["calcurse", 2], wl, "–", "1", verdict(maxw == 1))
	row("write() calls, first paint", writes["less", 0], writes["calcurse", 0], writes["dvk", 0], "–", "–", "")
	row("bytes written while idle 5 s", bytes["less", 3], bytes["calcurse", 3], bytes["dvk", 16] " (10k: " bytes["dvk10k", 2] ")", "–", "0", verdict2(bytes["dvk10k", 2], bytes["dvk", 16] == 0 && bytes["dvk10k", 2] == 0))
	row("peak RSS (KiB), built-in directive, empty state", rss["less"], rss["calcurse"], rss["dvk"], ratio(rss["dvk"], rss["less"]), "< 4096", verdict2(rss["dvk"], rss["dvk"] < 4096))
	# per-key CPU: the program's own CPU clock around each key, after
	# the file is read; moves are steps 1-8, then open a section, open an
	# item, back, back
	split("empty big big70", kn, " ")
	for (k = 1; k <= 3; k++) {
		mv[k] = stepmed("cpukey-" kn[k], "1 2 3 4 5 6 7 8")
		for (j = 9; j <= 12; j++) one[k, j] = stepmed("cpukey-" kn[k], j)
	}
	if (mv[1] != "") {
		row("CPU per key: move in the overview (µs, median of 8; empty / 10,000 / 70,000 events)", "–", "–", fmt(mv[1], 0) " / " fmt(mv[2], 0) " / " fmt(mv[3], 0), ratio(mv[3], mv[1]), "70,000 ≤ 2× empty", verdict2(mv[3], mv[3] <= 2 * mv[1]))
		split("open a section (Enter)|open an item (Enter)|back, item → section (Esc)|back, section → overview (Esc)", kl, "|")
		for (j = 9; j <= 12; j++)
			row("CPU per key: " kl[j - 8] " (µs; empty / 10,000 / 70,000 events)", "–", "–", fmt(one[1, j], 0) " / " fmt(one[2, j], 0) " / " fmt(one[3, j], 0), ratio(one[3, j], one[1, j]), "–", "")
	}
	# memory against the size of the file read
	for (k in fsize) if (k + 0 > 10000) big70n = k
	if (fsize[10000] != "") {
		r10 = rss["cpukey-big"]; fk = fsize[10000] / 1024
		row("peak RSS (KiB), 10,000 events; reference: the file's size (KiB)", fmt(fk, 0), "–", r10, ratio(r10, fk), "≤ 3× the file", verdict2(r10, r10 <= 3 * fk))
	}
	if (big70n != "") {
		r70 = rss["cpukey-big70"]; fk = fsize[big70n] / 1024
		row("peak RSS (KiB), " big70n " events; reference: the file's size (KiB)", fmt(fk, 0), "–", r70, ratio(r70, fk), "≤ 3× the file", verdict2(r70, r70 <= 3 * fk))
	}
	# files
	prev_s = ""; prev_r = ""
	nu = split("1 10 100 1000 5000", units, " ")
	for (u = 1; u <= nu; u++) {
		n = units[u]
		if (!(("floor " n " cpu") in samples))
			continue
		# CPU time, best of the runs: on a shared machine other work only
		# adds to it; wall time is the median
		f = minimum(samples["floor " n " cpu"]); s = minimum(samples["status " n " cpu"]); r = minimum(samples["report " n " cpu"])
		fw = median(samples["floor " n " wall"]); sw = median(samples["status " n " wall"]); rw = median(samples["report " n " wall"])
		mul = prev_n == "" ? 0 : n / prev_n
		grow_s = prev_s == "" ? "" : sprintf("; ×%d files → ×%.1f (floor ×%.1f)", mul, s / prev_s, f / prev_f)
		grow_r = prev_r == "" ? "" : sprintf("; ×%d files → ×%.1f", mul, r / prev_r)
		row("dvk status, " n " unit file(s) × 200 events (CPU ms, best; wall ms, median)", fmt(f, 1) " (" fmt(fw, 1) ")", "–", fmt(s, 1) " (" fmt(sw, 1) ")" grow_s, ratio(s, f), "≤ 1.5× floor, linear", verdict(s <= 1.5 * f) ((("status " n) in failed) ? " (exit " failed["status " n] ")" : ""))
		rep = (("report " n) in failed) ? "exit " failed["report " n] : fmt(r, 1) " (" fmt(rw, 1) ")" grow_r
		row("dvk report, " n " unit file(s) × 200 events (CPU ms, best; wall ms, median)", fmt(f, 1) " (" fmt(fw, 1) ")", "–", rep, (("report " n) in failed) ? "–" : ratio(r, f), "≤ 1.5× floor, linear", (("report " n) in failed) ? "MISSED (failed)" : verdict(r <= 1.5 * f))
		prev_s = s; prev_r = r; prev_f = f; prev_n = n
		if (n >= 1000) {
			rr = maximum(samples["report " n " rss"]); sr = maximum(samples["status " n " rss"])
			row("peak RSS (KiB), " n " unit files × 200 events: dvk report (dvk status; floor)", maximum(samples["floor " n " rss"]), "–", rr " (" sr ")", "–", n == 5000 ? "report ≤ 32768" : "–", n == 5000 ? verdict2(rr, rr <= 32768) : "")
		}
	}
	if ("files-status" in ir)
		row("instructions: dvk status over 10 unit files × 200 events (callgrind, millions)", fmt(ir["files-floor"] / 1e6, 1), "–", fmt(ir["files-status"] / 1e6, 1), ratio(ir["files-status"], ir["files-floor"]), "≤ 1.5× floor", verdict(ir["files-status"] <= 1.5 * ir["files-floor"]))
	# the static binary (make static), beside build/dvk
	if ("static" in size) {
		row("size of the static binary (KiB; build/dvk stripped, without its shared libraries)", "–", "–", fmt(size["static"] / 1024, 0) " (" fmt(size["dynamic"] / 1024, 0) ")", "–", "–", "")
		sp = median(samples["paint static"])
		row("first paint, static binary, empty state (ms, median of " runs ")", fmt(lp, 1), "–", fmt(sp, 1) " (build/dvk " fmt(dp, 1) ")", ratio(sp, lp), "≤ 1.2× less", verdict2(sp, sp <= 1.2 * lp))
		if ("static" in ir)
			row("instructions to the first screen and quit, static binary (callgrind, millions)", fmt(ir["less"] / 1e6, 1), "–", fmt(ir["static"] / 1e6, 1) " (build/dvk " fmt(ir["dvk"] / 1e6, 1) ")", ratio(ir["static"], ir["less"]), "–", "")
		split("version status", vs, " "); split("dvk --version|dvk status", vn, "|")
		for (k = 1; k <= 2; k++) {
			st = "static"; dy = "dynamic"
			row("start-up: `" vn[k] "`, empty state, static binary (wall ms, median of 15; CPU ms, best)", "–", "–",
			    fmt(median(samples[vs[k] "-" st " 1 wall"]), 2) "; " fmt(minimum(samples[vs[k] "-" st " 1 cpu"]), 2) " (build/dvk " fmt(median(samples[vs[k] "-" dy " 1 wall"]), 2) "; " fmt(minimum(samples[vs[k] "-" dy " 1 cpu"]), 2) ")",
			    ratio(median(samples[vs[k] "-" st " 1 wall"]), median(samples[vs[k] "-" dy " 1 wall"])) " of build/dvk", "–", "")
		}
	}
	f = minimum(samples["floor merge cpu"]); m = minimum(samples["merge 1 cpu"])
	row("dvk merge, two files of 10,000 events (CPU ms, best; wall ms, median)", fmt(f, 1) " (" fmt(median(samples["floor merge wall"]), 1) ")", "–", fmt(m, 1) " (" fmt(median(samples["merge 1 wall"]), 1) ")", ratio(m, f), "–", "")
	ns = split("200 1000 10000 " big70n, sizes, " ")
	for (k = 1; k <= ns; k++) {
		n = sizes[k]
		if (!(("save " n) in samples))
			continue
		s = median(samples["save " n]); dj = median(samples["durable " n])
		# -1: not seen within 10 s
		if (s + 0 < 0) s = ""
		if (dj + 0 < 0) dj = ""
		big = n + 0 > 10000
		row("save in the TUI, " n " events: key → edit durable in the journal's segment / → unit file renamed (ms, median of 7)", "–", "–", fmt(dj, 1) " / " fmt(s, 1), "–", (big || n == 1000) ? "≤ 15 ms, durable" : "–", (big || n == 1000) ? verdict2(dj, dj <= 15) : "")
		st1 = minimum(samples["status-one " n " cpu"]); se = minimum(samples["set " n " cpu"])
		row("dvk set against dvk status, " n " events, " fmt(fsave[n] / 1024, 0) " KiB (CPU ms, best of 5; wall ms, median)", fmt(st1, 1) " (" fmt(median(samples["status-one " n " wall"]), 1) ")", "–", fmt(se, 1) " (" fmt(median(samples["set " n " wall"]), 1) ")", ratio(se, st1), "≤ 1.3× status", verdict2(se, se <= 1.3 * st1))
	}
	if (engine_n != "")
		row("the engine: " engine_n " events built in memory (bench/genstate -n; s)", "–", "–", fmt(engine_ms / 1000, 1), "–", "< 300 s", verdict(engine_ms < 300000))
}
