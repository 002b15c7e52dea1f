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
	bytes[name, idx] = $4
	if (name ~ /-strace$/) { sub(/-strace$/, "", name); writes[name, idx] = $8 }
	next
}
$2 == "rss_kb" { rss[$1] = $3; next }
$1 == "ir" { ir[$2] = $3; next }
$3 == "run" { add($1 " " $2 " cpu", $5); add($1 " " $2 " wall", $4); if ($6 > rssmax[$1 " " $2]) rssmax[$1 " " $2] = $6; if ($7 != 0) failed[$1 " " $2] = $7; next }
$1 == "save" { add("save " $2, $3); next }

END {
	lp = median(samples["paint less"]); cp = median(samples["paint calcurse"])
	dp = median(samples["paint dvk"]); dp10 = median(samples["paint dvk10k"])
	print "| measure | reference (less / libyaml floor) | calcurse | dvk | dvk ÷ reference | target | |"
	print "|---|---|---|---|---|---|---|"
	row("first paint, empty state (ms, median of " runs ")", fmt(lp, 1), fmt(cp, 1), fmt(dp, 1), ratio(dp, lp), "≤ 1.2× less", verdict2(dp, dp <= 1.2 * lp))
	row("first paint, 10,000 events (ms)", fmt(lp, 1), "–", fmt(dp10, 1), ratio(dp10, lp), "≤ 1.2× less", verdict2(dp10, dp10 <= 1.2 * lp))
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
	row("peak RSS (KiB), 10,000 events", rss["less"], "–", rss["dvk10k"], ratio(rss["dvk10k"], rss["less"]), "–", "")
	# files
	prev_s = ""; prev_r = ""
	for (n = 1; ("floor " n " cpu") in samples; n *= 10) {
		# CPU time, best of the runs: on a shared machine other work only
		# adds to it; wall time is the median
		f = minimum(samples["floor " n " cpu"]); s = minimum(samples["status " n " cpu"]); r = minimum(samples["report " n " cpu"])
		fw = median(samples["floor " n " wall"]); sw = median(samples["status " n " wall"]); rw = median(samples["report " n " wall"])
		grow_s = prev_s == "" ? "" : sprintf("; ×10 files → ×%.1f (floor ×%.1f)", s / prev_s, f / prev_f)
		grow_r = prev_r == "" ? "" : sprintf("; ×10 files → ×%.1f", r / prev_r)
		row("dvk status, " n " unit file(s) × 200 events (CPU ms, best; wall ms, median)", fmt(f, 1) " (" fmt(fw, 1) ")", "–", fmt(s, 1) " (" fmt(sw, 1) ")" grow_s, ratio(s, f), "≤ 1.5× floor, linear", verdict(s <= 1.5 * f) ((("status " n) in failed) ? " (exit " failed["status " n] ")" : ""))
		rep = (("report " n) in failed) ? "exit " failed["report " n] : fmt(r, 1) " (" fmt(rw, 1) ")" grow_r
		row("dvk report, " n " unit file(s) × 200 events (CPU ms, best; wall ms, median)", fmt(f, 1) " (" fmt(fw, 1) ")", "–", rep, (("report " n) in failed) ? "–" : ratio(r, f), "≤ 1.5× floor, linear", (("report " n) in failed) ? "MISSED (failed)" : verdict(r <= 1.5 * f))
		prev_s = s; prev_r = r; prev_f = f
	}
	if (("report 5k cpu") in samples) {
		# a province's reviewer: memory must not follow the number of
		# files (the report keeps what it prints, not the units' states)
		f = minimum(samples["floor 5k cpu"]); r = minimum(samples["report 5k cpu"])
		rep = (("report 5k") in failed) ? "exit " failed["report 5k"] : fmt(r, 1) " (" fmt(median(samples["report 5k wall"]), 1) ")"
		row("dvk report, 5000 unit files × 200 events (CPU ms, best; wall ms, median)", fmt(f, 1) " (" fmt(median(samples["floor 5k wall"]), 1) ")", "–", rep, ratio(r, f), "≤ 1.5× floor", (("report 5k") in failed) ? "MISSED (failed)" : verdict(r <= 1.5 * f))
		row("dvk report, 5000 unit files: peak RSS (KiB, worst of 3)", rssmax["floor 5k"], "–", rssmax["report 5k"], "–", "≤ 32768", (("report 5k") in failed) ? "MISSED (failed)" : verdict2(rssmax["report 5k"], rssmax["report 5k"] <= 32768))
	}
	f = minimum(samples["floor merge cpu"]); m = minimum(samples["merge 1 cpu"])
	row("dvk merge, two files of 10,000 events (CPU ms, best; wall ms, median)", fmt(f, 1) " (" fmt(median(samples["floor merge wall"]), 1) ")", "–", fmt(m, 1) " (" fmt(median(samples["merge 1 wall"]), 1) ")", ratio(m, f), "–", "")
	for (n = 200; n <= 10000; n = (n == 200 ? 1000 : n * 10)) {
		s = median(samples["save " n])
		row("save: key press → file renamed, " n " events (ms, median of 7)", "–", "–", fmt(s, 1), "–", n == 1000 ? "≤ 15 ms" : "–", n == 1000 ? verdict2(s, s <= 15) : "")
		row("save: one `dvk set`, " n " events (wall ms; CPU)", "–", "–", fmt(median(samples["set " n " wall"]), 1) " (" fmt(median(samples["set " n " cpu"]), 1) ")", "–", "–", "")
	}
}
