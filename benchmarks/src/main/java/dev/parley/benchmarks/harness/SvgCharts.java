package dev.parley.benchmarks.harness;

import java.util.List;
import java.util.Locale;

/**
 * Draws the report's charts as inline SVG: no charting library, no images to embed, and the HTML
 * stays one small self-contained file that any browser shows and {@code git diff} can read.
 */
final class SvgCharts {

  private static final int WIDTH = 640;
  private static final int HEIGHT = 220;
  private static final int LEFT = 56;
  private static final int BOTTOM = 36;
  private static final int TOP = 24;

  private SvgCharts() {}

  /**
   * A histogram of {@code sortedMs} in 40 bins up to the 99.5th percentile (the rest in a last
   * "more" bin), with the p50/p95/p99 marked.
   */
  static String histogram(String title, double[] sortedMs) {
    StringBuilder svg = open(title);
    if (sortedMs.length == 0) {
      return svg.append(text(WIDTH / 2, HEIGHT / 2, "no samples", "middle"))
          .append("</svg>")
          .toString();
    }
    int bins = 40;
    double hi = Math.max(1e-3, Samples.percentile(sortedMs, 99.5));
    double width = hi / bins;
    int[] counts = new int[bins + 1];
    for (double v : sortedMs) {
      counts[Math.min(bins, (int) (v / width))]++;
    }
    int max = 1;
    for (int c : counts) {
      max = Math.max(max, c);
    }
    double plotW = WIDTH - LEFT - 10;
    double plotH = HEIGHT - TOP - BOTTOM;
    double barW = plotW / (bins + 1);
    for (int i = 0; i <= bins; i++) {
      double h = plotH * counts[i] / max;
      svg.append(
          String.format(
              Locale.ROOT,
              "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"%s\"/>",
              LEFT + i * barW,
              TOP + plotH - h,
              Math.max(1, barW - 1),
              h,
              i == bins ? "#c0504d" : "#4f81bd"));
    }
    axes(svg, plotW, plotH, max, "samples");
    for (int i = 0; i <= 4; i++) {
      double x = LEFT + plotW * i / 4 * bins / (bins + 1);
      svg.append(text(x, HEIGHT - BOTTOM + 14, fmt(hi * i / 4) + " ms", "middle"));
    }
    svg.append(text(LEFT + plotW - barW / 2, HEIGHT - BOTTOM + 26, "more", "middle"));
    for (double p : new double[] {50, 95, 99}) {
      double v = Samples.percentile(sortedMs, p);
      double x = LEFT + Math.min(bins, v / width) * barW;
      svg.append(
          String.format(
              Locale.ROOT,
              "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"#333\""
                  + " stroke-dasharray=\"3,2\"/>",
              x,
              TOP,
              x,
              TOP + plotH));
      svg.append(text(x + 2, TOP + 10, "p" + (int) p + " " + fmt(v), "start"));
    }
    return svg.append("</svg>").toString();
  }

  /** A line chart of {@code values} against their index (seconds of the window). */
  static String line(String title, String unit, List<Double> values) {
    StringBuilder svg = open(title);
    double max = 1;
    for (double v : values) {
      max = Math.max(max, v);
    }
    double plotW = WIDTH - LEFT - 10;
    double plotH = HEIGHT - TOP - BOTTOM;
    StringBuilder points = new StringBuilder();
    for (int i = 0; i < values.size(); i++) {
      double x = LEFT + plotW * (values.size() == 1 ? 0.5 : (double) i / (values.size() - 1));
      double y = TOP + plotH - plotH * values.get(i) / max;
      points.append(String.format(Locale.ROOT, "%.1f,%.1f ", x, y));
    }
    svg.append("<polyline fill=\"none\" stroke=\"#4f81bd\" stroke-width=\"2\" points=\"")
        .append(points)
        .append("\"/>");
    axes(svg, plotW, plotH, max, unit);
    svg.append(text(LEFT, HEIGHT - BOTTOM + 14, "0 s", "start"));
    svg.append(text(LEFT + plotW, HEIGHT - BOTTOM + 14, values.size() + " s", "end"));
    return svg.append("</svg>").toString();
  }

  /** Bars labelled {@code labels} with heights {@code values}; {@code bad} bars are red. */
  static String bars(
      String title, String unit, List<String> labels, List<Double> values, List<Boolean> bad) {
    StringBuilder svg = open(title);
    double max = 1;
    for (double v : values) {
      max = Math.max(max, v);
    }
    double plotW = WIDTH - LEFT - 10;
    double plotH = HEIGHT - TOP - BOTTOM;
    double slot = plotW / Math.max(1, values.size());
    for (int i = 0; i < values.size(); i++) {
      double h = plotH * values.get(i) / max;
      double x = LEFT + i * slot + slot * 0.15;
      svg.append(
          String.format(
              Locale.ROOT,
              "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"%s\"/>",
              x,
              TOP + plotH - h,
              slot * 0.7,
              h,
              bad.get(i) ? "#c0504d" : "#4f81bd"));
      svg.append(text(x + slot * 0.35, HEIGHT - BOTTOM + 14, labels.get(i), "middle"));
      svg.append(text(x + slot * 0.35, TOP + plotH - h - 3, fmt(values.get(i)), "middle"));
    }
    axes(svg, plotW, plotH, max, unit);
    return svg.append("</svg>").toString();
  }

  private static StringBuilder open(String title) {
    return new StringBuilder()
        .append(
            String.format(
                Locale.ROOT,
                "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\""
                    + " font-family=\"sans-serif\" font-size=\"10\">",
                WIDTH,
                HEIGHT))
        .append(
            text(WIDTH / 2.0, 14, title, "middle").replace("<text ", "<text font-size=\"12\" "));
  }

  private static void axes(StringBuilder svg, double plotW, double plotH, double max, String unit) {
    svg.append(
        String.format(
            Locale.ROOT,
            "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%.1f\" stroke=\"#000\"/>"
                + "<line x1=\"%d\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"#000\"/>",
            LEFT,
            TOP,
            LEFT,
            TOP + plotH,
            LEFT,
            TOP + plotH,
            LEFT + plotW,
            TOP + plotH));
    svg.append(text(LEFT - 4, TOP + 4, fmt(max), "end"));
    svg.append(text(LEFT - 4, TOP + plotH, "0", "end"));
    svg.append(text(LEFT - 4, TOP + plotH / 2, unit, "end"));
  }

  private static String text(double x, double y, String s, String anchor) {
    return String.format(
        Locale.ROOT,
        "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"%s\">%s</text>",
        x,
        y,
        anchor,
        escape(s));
  }

  static String fmt(double v) {
    if (Double.isNaN(v)) {
      return "n/a";
    }
    return v >= 100 ? String.format(Locale.ROOT, "%.0f", v) : String.format(Locale.ROOT, "%.1f", v);
  }

  static String escape(String s) {
    return s.replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace("\"", "&quot;");
  }
}
