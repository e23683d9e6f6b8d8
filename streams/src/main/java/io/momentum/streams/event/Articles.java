package io.momentum.streams.event;

import java.util.Locale;

/** English indefinite articles for kind names put into messages, such as "an initiative" or "a KPI". */
public final class Articles {

  private Articles() {
  }

  /**
   * Returns the noun with "a" or "an" before it, chosen by its first letter; underscores of wire
   * names become spaces ("key_result" gives "a key result"). The kinds Momentum names (node, cycle
   * and stage kinds) have no silent or sounded-out first letters, so the letter decides.
   */
  public static String withArticle(String noun) {
    String words = noun.replace('_', ' ');
    boolean vowel = !words.isEmpty() && "aeiou".indexOf(words.toLowerCase(Locale.ROOT).charAt(0)) >= 0;
    return (vowel ? "an " : "a ") + words;
  }
}
