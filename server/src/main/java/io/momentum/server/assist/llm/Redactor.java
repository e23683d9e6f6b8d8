package io.momentum.server.assist.llm;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Replaces people's names and e-mail addresses with placeholders such as {@code [PERSON_1]} and
 * {@code [EMAIL_1]} before text leaves for a language model, and puts them back in the response.
 * Names come from the organisation's people: a full name matches in any case, and each part of a
 * name with three or more letters matches when written as in the name (so "Owner" matches, the
 * word "owner" does not). Any text shaped like an e-mail address is replaced too, whether or not
 * it belongs to a person of the organisation.
 *
 * <p>The scan looks words up in hash sets, so its cost grows with the text, not with the number of
 * people. One instance keeps its placeholder table: the same name gets the same placeholder in
 * every text it redacts, and {@link #restore} undoes all of them.
 */
public final class Redactor {

  /** A person of the organisation. */
  public record Person(String name, String email) {
  }

  static final Pattern EMAIL = Pattern.compile("[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\\.[A-Za-z]{2,}");
  private static final Pattern WORD = Pattern.compile("[\\p{L}\\p{M}][\\p{L}\\p{M}'’-]*");
  private static final Pattern PLACEHOLDER = Pattern.compile("\\[(PERSON|EMAIL)_\\d+]");
  private static final int MIN_NAME_PART = 3;
  /** Most words of a full name that the scan tries to match. */
  private static final int MAX_NAME_WORDS = 5;

  private final Set<String> fullNames = new HashSet<>();
  private final Set<String> nameParts = new HashSet<>();
  private final Map<String, String> placeholders = new LinkedHashMap<>();
  private final Map<String, String> originals = new LinkedHashMap<>();

  /** Creates a redactor for the names of {@code people}; their e-mail addresses match the e-mail pattern. */
  public Redactor(List<Person> people) {
    for (Person person : people) {
      if (person.name() == null || person.name().isBlank()) {
        continue;
      }
      List<String> words = new ArrayList<>();
      Matcher matcher = WORD.matcher(person.name());
      while (matcher.find()) {
        words.add(matcher.group());
      }
      if (words.size() > 1 && words.size() <= MAX_NAME_WORDS) {
        fullNames.add(String.join(" ", words).toLowerCase(Locale.ROOT));
      }
      for (String word : words) {
        if (word.length() >= MIN_NAME_PART && Character.isUpperCase(word.charAt(0))) {
          nameParts.add(word);
        }
      }
    }
  }

  /** Returns {@code text} with every e-mail address and known name replaced by a placeholder. */
  public String redact(String text) {
    String withoutEmails = replaceEmails(text);
    List<int[]> words = new ArrayList<>();
    Matcher matcher = WORD.matcher(withoutEmails);
    while (matcher.find()) {
      words.add(new int[] {matcher.start(), matcher.end()});
    }
    StringBuilder result = new StringBuilder();
    int copied = 0;
    int i = 0;
    while (i < words.size()) {
      int length = nameLength(withoutEmails, words, i);
      if (length == 0) {
        i++;
        continue;
      }
      int start = words.get(i)[0];
      int end = words.get(i + length - 1)[1];
      result.append(withoutEmails, copied, start).append(placeholder("PERSON", withoutEmails.substring(start, end)));
      copied = end;
      i += length;
    }
    return result.append(withoutEmails.substring(copied)).toString();
  }

  /** Returns {@code text} with every placeholder this redactor handed out replaced by the original. */
  public String restore(String text) {
    Matcher matcher = PLACEHOLDER.matcher(text);
    StringBuilder restored = new StringBuilder();
    while (matcher.find()) {
      String original = originals.get(matcher.group());
      matcher.appendReplacement(restored, Matcher.quoteReplacement(original == null ? matcher.group() : original));
    }
    matcher.appendTail(restored);
    return restored.toString();
  }

  /** Returns true when {@code text} has a placeholder this redactor did not hand out, which the model made up. */
  public boolean hasUnknownPlaceholder(String text) {
    Matcher matcher = PLACEHOLDER.matcher(text);
    while (matcher.find()) {
      if (!originals.containsKey(matcher.group())) {
        return true;
      }
    }
    return false;
  }

  /** Returns how many distinct names and addresses were replaced so far. */
  public int count() {
    return originals.size();
  }

  /**
   * Returns how many words from word {@code first} on form a known name: the longest full name
   * whose words are separated by spaces only, else 1 for a known name part, else 0.
   */
  private int nameLength(String text, List<int[]> words, int first) {
    for (int length = Math.min(MAX_NAME_WORDS, words.size() - first); length > 1; length--) {
      StringBuilder candidate = new StringBuilder();
      boolean spaced = true;
      for (int k = first; k < first + length; k++) {
        if (k > first) {
          spaced &= text.substring(words.get(k - 1)[1], words.get(k)[0]).isBlank();
          candidate.append(' ');
        }
        candidate.append(text, words.get(k)[0], words.get(k)[1]);
      }
      if (spaced && fullNames.contains(candidate.toString().toLowerCase(Locale.ROOT))) {
        return length;
      }
    }
    String word = text.substring(words.get(first)[0], words.get(first)[1]);
    return nameParts.contains(word) ? 1 : 0;
  }

  private String replaceEmails(String text) {
    Matcher matcher = EMAIL.matcher(text);
    StringBuilder result = new StringBuilder();
    while (matcher.find()) {
      matcher.appendReplacement(result, Matcher.quoteReplacement(placeholder("EMAIL", matcher.group())));
    }
    matcher.appendTail(result);
    return result.toString();
  }

  private String placeholder(String kind, String found) {
    String key = kind + ":" + found.toLowerCase(Locale.ROOT);
    String placeholder = placeholders.computeIfAbsent(key, k -> "[" + kind + "_" + (placeholders.size() + 1) + "]");
    originals.putIfAbsent(placeholder, found);
    return placeholder;
  }
}
