package io.momentum.server.assist.drafts;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The example OKRs shipped with Momentum, one file per language under {@code assist/}. Each
 * example objective belongs to a business function and carries three or four key results with a
 * metric, a unit, a direction, a typical baseline and target, a leading or lagging tag, and
 * optionally synonyms of the metric.
 */
public final class ExampleLibrary {

  /** Business functions the library covers. */
  public static final List<String> FUNCTIONS =
      List.of("sales", "marketing", "product", "engineering", "support", "hr", "finance", "operations");

  /** Tags an example may carry on a {@code T} line. */
  public static final Set<String> TAGS = Set.of(ExampleLibrary.B2B);

  /**
   * The tag of examples that fit only businesses selling to businesses: their key results count
   * accounts, contracts, trials or seats, which a retailer does not have.
   */
  public static final String B2B = "b2b";

  /**
   * One example objective; {@code id} is {@code <function>-<language>-<position>}, and {@code tags}
   * are among {@link #TAGS}.
   */
  public record Example(String id, String function, String language, String objective, List<ExampleKeyResult> keyResults,
                        Set<String> tags) {

    public Example(String id, String function, String language, String objective, List<ExampleKeyResult> keyResults) {
      this(id, function, language, objective, keyResults, Set.of());
    }

    /** Returns the text the retrieval index reads: the objective and its key results' metrics and synonyms. */
    public String searchText() {
      StringBuilder text = new StringBuilder(objective);
      keyResults.forEach(kr -> text.append('\n').append(kr.matchText()));
      return text.toString();
    }
  }

  /**
   * One example key result. {@code direction} is {@code increase} or {@code decrease};
   * {@code indicator} is {@code leading} (predicts the outcome) or {@code lagging} (is the outcome).
   * {@code synonyms} are other words people use for the metric, such as "attrition" for churn.
   * Retrieval and phrase matching read them, but titles never show them.
   */
  public record ExampleKeyResult(String metric, String unit, String direction, BigDecimal baseline, BigDecimal target,
                                 String indicator, String synonyms) {

    /** Returns the metric followed by its synonyms, the text that phrases of a strategy are matched against. */
    public String matchText() {
      return synonyms.isEmpty() ? metric : metric + " " + synonyms;
    }

    ExampleKeyResult withSynonyms(String words) {
      String joined = synonyms.isEmpty() ? words : synonyms + " " + words;
      return new ExampleKeyResult(metric, unit, direction, baseline, target, indicator, joined);
    }
  }

  private final List<Example> examples;
  private final Map<String, Example> byId;

  private ExampleLibrary(List<Example> examples) {
    this.examples = List.copyOf(examples);
    Map<String, Example> index = new LinkedHashMap<>();
    examples.forEach(e -> index.put(e.id(), e));
    this.byId = Map.copyOf(index);
  }

  /** Loads the English and German library from the classpath; throws when a file is missing or malformed. */
  public static ExampleLibrary load() {
    List<Example> examples = new ArrayList<>();
    for (String language : List.of("en", "de")) {
      String resource = "assist/okr-library-" + language + ".txt";
      try (InputStream in = ExampleLibrary.class.getClassLoader().getResourceAsStream(resource)) {
        if (in == null) {
          throw new IllegalStateException("The example OKR library " + resource + " is missing from the classpath");
        }
        examples.addAll(parse(resource, language, new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))));
      } catch (IOException e) {
        throw new UncheckedIOException("Reading the example OKR library " + resource + " failed", e);
      }
    }
    return new ExampleLibrary(examples);
  }

  /** Parses one library file; throws {@link IllegalStateException} naming the resource and line of the first error. */
  static List<Example> parse(String resource, String language, BufferedReader reader) throws IOException {
    List<Example> examples = new ArrayList<>();
    Map<String, Integer> positions = new LinkedHashMap<>();
    String function = null;
    String objective = null;
    List<ExampleKeyResult> keyResults = new ArrayList<>();
    Set<String> tags = new HashSet<>();
    int lineNumber = 0;
    for (String line = reader.readLine(); line != null; line = reader.readLine()) {
      lineNumber++;
      String trimmed = line.strip();
      if (trimmed.isEmpty() || trimmed.startsWith("#")) {
        continue;
      }
      String where = resource + " line " + lineNumber;
      if (trimmed.startsWith("@ ") || trimmed.startsWith("O ")) {
        if (objective != null) {
          examples.add(example(where, function, language, positions, objective, keyResults, tags));
          keyResults = new ArrayList<>();
          tags = new HashSet<>();
          objective = null;
        }
        if (trimmed.startsWith("@ ")) {
          function = trimmed.substring(2).strip();
          if (!FUNCTIONS.contains(function)) {
            throw new IllegalStateException(where + ": unknown function " + function + "; expected one of " + FUNCTIONS);
          }
        } else {
          if (function == null) {
            throw new IllegalStateException(where + ": an objective needs a function line (\"@ sales\") before it");
          }
          objective = trimmed.substring(2).strip();
        }
      } else if (trimmed.startsWith("K ")) {
        if (objective == null) {
          throw new IllegalStateException(where + ": a key result needs an objective line (\"O ...\") before it");
        }
        keyResults.add(keyResult(where, trimmed.substring(2)));
      } else if (trimmed.startsWith("T ")) {
        if (objective == null) {
          throw new IllegalStateException(where + ": tags need an objective line (\"O ...\") before them");
        }
        for (String tag : trimmed.substring(2).strip().split("\\s+")) {
          if (!TAGS.contains(tag)) {
            throw new IllegalStateException(where + ": unknown tag " + tag + "; expected one of " + TAGS);
          }
          tags.add(tag);
        }
      } else if (trimmed.startsWith("S ")) {
        if (keyResults.isEmpty()) {
          throw new IllegalStateException(where + ": synonyms need a key result line (\"K ...\") before them");
        }
        int last = keyResults.size() - 1;
        keyResults.set(last, keyResults.get(last).withSynonyms(trimmed.substring(2).strip()));
      } else {
        throw new IllegalStateException(where + ": expected a line starting with \"@ \", \"O \", \"T \", \"K \", \"S \" or \"#\"");
      }
    }
    if (objective != null) {
      examples.add(example(resource + " at its end", function, language, positions, objective, keyResults, tags));
    }
    return examples;
  }

  private static Example example(String where, String function, String language, Map<String, Integer> positions,
                                 String objective, List<ExampleKeyResult> keyResults, Set<String> tags) {
    if (keyResults.size() < 3 || keyResults.size() > 4) {
      throw new IllegalStateException(where + ": the objective \"" + objective + "\" has " + keyResults.size()
          + " key results; each example needs 3 or 4");
    }
    int position = positions.merge(function, 1, Integer::sum);
    return new Example(function + "-" + language + "-" + position, function, language, objective, List.copyOf(keyResults),
        Set.copyOf(tags));
  }

  private static ExampleKeyResult keyResult(String where, String text) {
    String[] parts = text.split("\\|", -1);
    if (parts.length != 6) {
      throw new IllegalStateException(where + ": a key result needs 6 fields separated by \"|\", found " + parts.length);
    }
    String metric = parts[0].strip();
    String unit = parts[1].strip();
    String direction = parts[2].strip();
    String indicator = parts[5].strip();
    if (metric.isEmpty() || unit.isEmpty()) {
      throw new IllegalStateException(where + ": the metric and the unit must not be empty");
    }
    if (!Set.of("increase", "decrease").contains(direction)) {
      throw new IllegalStateException(where + ": the direction must be increase or decrease, not " + direction);
    }
    if (!Set.of("leading", "lagging").contains(indicator)) {
      throw new IllegalStateException(where + ": the indicator must be leading or lagging, not " + indicator);
    }
    BigDecimal baseline = number(where, parts[3]);
    BigDecimal target = number(where, parts[4]);
    int sign = target.compareTo(baseline);
    if (sign == 0 || (sign > 0) != direction.equals("increase")) {
      throw new IllegalStateException(where + ": the target " + target + " must lie beyond the baseline " + baseline
          + " in the direction " + direction);
    }
    return new ExampleKeyResult(metric, unit, direction, baseline, target, indicator, "");
  }

  private static BigDecimal number(String where, String text) {
    try {
      return new BigDecimal(text.strip());
    } catch (NumberFormatException e) {
      throw new IllegalStateException(where + ": \"" + text.strip() + "\" is not a number");
    }
  }

  /** Returns every example, English first, in file order. */
  public List<Example> examples() {
    return examples;
  }

  /**
   * Returns the example with the same function and position in {@code language}, the translation
   * of {@code example}, or null when that language has none or it has another number of key
   * results, so that key results can be paired by position.
   */
  public Example sibling(Example example, String language) {
    Example sibling = byId(example.function() + "-" + language + example.id().substring(
        example.function().length() + 1 + example.language().length()));
    return sibling == null || sibling.keyResults().size() != example.keyResults().size() ? null : sibling;
  }

  /** Returns the example with {@code id}, or null. */
  public Example byId(String id) {
    return byId.get(id);
  }
}
