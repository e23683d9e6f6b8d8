package io.momentum.streams.signals;

/** A change the detector requests from the signal store. */
public sealed interface SignalChange {

  /** Fingerprint of the condition the change is about. */
  String fingerprint();

  /** Raises a signal for a new condition. */
  record Raise(Finding finding) implements SignalChange {
    @Override
    public String fingerprint() {
      return finding.fingerprint();
    }
  }

  /** Replaces the severity, explanation and evidence of the condition's unresolved signal. */
  record Update(Finding finding, String reason) implements SignalChange {
    @Override
    public String fingerprint() {
      return finding.fingerprint();
    }
  }

  /** Resolves the condition's unresolved signal as the system, because the condition cleared. */
  record Resolve(String fingerprint, String kind, String reason) implements SignalChange {
  }
}
