package io.momentum.server.assist.quality;

import java.util.Locale;

/** How much a finding weighs. {@link #OFF} turns a rule off for an organisation. */
public enum Severity {
  ERROR, WARNING, INFO, OFF;

  /** Returns the lower-case name used in JSON. */
  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Returns the severity named {@code id}, or null for an unknown name. */
  public static Severity byId(String id) {
    for (Severity severity : values()) {
      if (severity.id().equals(id)) {
        return severity;
      }
    }
    return null;
  }
}
