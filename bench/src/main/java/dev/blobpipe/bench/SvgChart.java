package dev.blobpipe.bench;

import java.util.List;
import java.util.Locale;

/**
 * The comparison as a bar chart: a group per workload row (the light client's rows are groups of their own), a bar
 * per server, each bar's height its throughput as a share of the fastest server's in that row (so a 1 GiB PUT and a
 * 4 KiB GET fit one axis), labelled with its ops/s.
 */
final class SvgChart {
    private static final List<String> SERVERS = List.of("blobpipe", "s3proxy", "null");
    private static final List<String> COLOURS = List.of("#1f77b4", "#ff7f0e", "#999999");
    private static final int BAR = 26;
    private static final int GROUP = BAR * 3 + 30;
    private static final int HEIGHT = 220;
    private static final int TOP = 40;

    private SvgChart() {
    }

    static String of(String title, List<Measurement> results) {
        List<String> workloads = results.stream().map(Measurement::row).distinct().toList();
        int width = 60 + GROUP * workloads.size() + 120;
        var svg = new StringBuilder(String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\""
                + " width=\"%d\" height=\"%d\" font-family=\"sans-serif\" font-size=\"11\">%n", width,
                TOP + HEIGHT + 60));
        svg.append(text(10, 20, "start", title + " (bar: share of the fastest server; label: ops/s)"));
        for (int w = 0; w < workloads.size(); w++) {
            String workload = workloads.get(w);
            double best = results.stream().filter(m -> m.row().equals(workload))
                    .mapToDouble(Measurement::opsPerSecond).max().orElse(1);
            int x0 = 60 + w * GROUP;
            for (int s = 0; s < SERVERS.size(); s++) {
                var found = ResultTable.find(results, SERVERS.get(s), workload);
                if (found.isEmpty()) {
                    continue;
                }
                double rate = found.get().opsPerSecond();
                int height = (int) Math.round(HEIGHT * rate / best);
                int x = x0 + s * BAR;
                svg.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\""
                        + " fill=\"%s\"/>%n", x, TOP + HEIGHT - height, BAR - 2, height, COLOURS.get(s)));
                svg.append(text(x + BAR / 2, TOP + HEIGHT - height - 3, "middle", String.format(Locale.ROOT,
                        rate >= 100 ? "%.0f" : "%.2g", rate)));
            }
            // "get-small (light)" is wider than its group: the client goes on a line of its own
            int client = workload.indexOf(" (");
            svg.append(text(x0 + BAR * 3 / 2, TOP + HEIGHT + 16, "middle",
                    client < 0 ? workload : workload.substring(0, client)));
            if (client >= 0) {
                svg.append(text(x0 + BAR * 3 / 2, TOP + HEIGHT + 30, "middle", workload.substring(client + 1)));
            }
        }
        for (int s = 0; s < SERVERS.size(); s++) {
            int y = TOP + 14 * s;
            svg.append(String.format("<rect x=\"%d\" y=\"%d\" width=\"10\" height=\"10\" fill=\"%s\"/>%n",
                    width - 100, y, COLOURS.get(s)));
            svg.append(text(width - 85, y + 9, "start", SERVERS.get(s)));
        }
        return svg.append("</svg>\n").toString();
    }

    private static String text(int x, int y, String anchor, String content) {
        return String.format("<text x=\"%d\" y=\"%d\" text-anchor=\"%s\">%s</text>%n", x, y, anchor,
                content.replace("&", "&amp;").replace("<", "&lt;"));
    }
}
