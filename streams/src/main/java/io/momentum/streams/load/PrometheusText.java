package io.momentum.streams.load;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A reader of the Prometheus text exposition format (version 0.0.4) as served on
 * {@code /metrics}: enough to sum the samples of one metric whose labels match.
 */
public final class PrometheusText {

  /** One sample line: metric name, labels and value. */
  public record Sample(String name, Map<String, String> labels, double value) {
  }

  private final List<Sample> samples;

  private PrometheusText(List<Sample> samples) {
    this.samples = samples;
  }

  /** Parses a scrape; comment lines and lines that are not samples are skipped. */
  public static PrometheusText parse(String text) {
    List<Sample> samples = new ArrayList<>();
    for (String line : text.split("\n")) {
      Sample sample = parseLine(line.strip());
      if (sample != null) {
        samples.add(sample);
      }
    }
    return new PrometheusText(samples);
  }

  public List<Sample> samples() {
    return samples;
  }

  /**
   * Returns the sum of the samples of {@code name} whose labels include every pair of
   * {@code labelPairs} (name, value, name, value...), or NaN when none matches.
   */
  public double sum(String name, String... labelPairs) {
    if (labelPairs.length % 2 != 0) {
      throw new IllegalArgumentException("label filters come in name, value pairs");
    }
    double sum = 0;
    boolean found = false;
    for (Sample sample : samples) {
      if (!sample.name().equals(name) || !matches(sample.labels(), labelPairs)) {
        continue;
      }
      sum += sample.value();
      found = true;
    }
    return found ? sum : Double.NaN;
  }

  private static boolean matches(Map<String, String> labels, String[] pairs) {
    for (int i = 0; i < pairs.length; i += 2) {
      if (!pairs[i + 1].equals(labels.get(pairs[i]))) {
        return false;
      }
    }
    return true;
  }

  private static Sample parseLine(String line) {
    if (line.isEmpty() || line.startsWith("#")) {
      return null;
    }
    int brace = line.indexOf('{');
    int space = line.indexOf(' ');
    if (space < 0) {
      return null;
    }
    String name;
    Map<String, String> labels = new LinkedHashMap<>();
    String rest;
    if (brace >= 0 && brace < space) {
      name = line.substring(0, brace);
      int end = parseLabels(line, brace + 1, labels);
      if (end < 0) {
        return null;
      }
      rest = line.substring(end + 1).strip();
    } else {
      name = line.substring(0, space);
      rest = line.substring(space + 1).strip();
    }

    // A sample may end with a timestamp after the value.
    int valueEnd = rest.indexOf(' ');
    String value = valueEnd < 0 ? rest : rest.substring(0, valueEnd);
    try {
      return new Sample(name, labels, parseValue(value));
    } catch (NumberFormatException e) {
      return null;
    }
  }

  /** Reads {@code name="value",...} up to the closing brace; returns its index, or -1 when malformed. */
  private static int parseLabels(String line, int from, Map<String, String> labels) {
    int i = from;
    while (i < line.length()) {
      char c = line.charAt(i);
      if (c == '}') {
        return i;
      }
      if (c == ',' || c == ' ') {
        i++;
        continue;
      }
      int equals = line.indexOf('=', i);
      if (equals < 0 || equals + 1 >= line.length() || line.charAt(equals + 1) != '"') {
        return -1;
      }
      String labelName = line.substring(i, equals);
      StringBuilder value = new StringBuilder();
      int j = equals + 2;
      while (j < line.length() && line.charAt(j) != '"') {
        char v = line.charAt(j);
        if (v == '\\' && j + 1 < line.length()) {
          char escaped = line.charAt(++j);
          value.append(escaped == 'n' ? '\n' : escaped);
        } else {
          value.append(v);
        }
        j++;
      }
      if (j >= line.length()) {
        return -1;
      }
      labels.put(labelName, value.toString());
      i = j + 1;
    }
    return -1;
  }

  private static double parseValue(String text) {
    switch (text) {
      case "+Inf":
        return Double.POSITIVE_INFINITY;
      case "-Inf":
        return Double.NEGATIVE_INFINITY;
      case "NaN":
        return Double.NaN;
      default:
        return Double.parseDouble(text);
    }
  }
}
