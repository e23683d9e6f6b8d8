package io.momentum.server.bench;

import io.momentum.server.assist.quality.QualityChecker;
import io.momentum.server.assist.quality.QualityReport;
import io.momentum.server.assist.quality.QualityRequest;
import io.momentum.server.assist.quality.QualityRequest.KeyResult;
import io.momentum.server.assist.quality.QualityRequest.Objective;
import io.momentum.server.assist.quality.QualitySettings;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Time of one quality check of an objective with 5 key results, sampled per call so JMH reports
 * percentiles (p99 is the figure the editor needs). Two drafts: an English one with weak and good
 * key results mixed, and a German one with compounds, dates and a near duplicate.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgs = {"-Xms256m", "-Xmx256m"})
public class QualityCheckBenchmark {

  private final QualityChecker checker = new QualityChecker(QualitySettings.defaults());

  private final QualityRequest english = new QualityRequest("en",
      new Objective("New customers reach value in their first week", null, "Nina Roth"), List.of(
          KeyResult.of("kr1", "Raise share of new teams with 3 or more check-ins in week 1 from 22 % to 45 %"),
          KeyResult.of("kr2", "Improve customer satisfaction"),
          KeyResult.of("kr3", "Launch the new onboarding flow by 31.03.2027"),
          KeyResult.of("kr4", "Raise NPS from 30 to 45 and cut churn from 4 % to 2 %"),
          KeyResult.of("kr5", "Keep CSAT above 90 %")));

  private final QualityRequest german = new QualityRequest("de",
      new Objective("Self-Service-Checkout wird der Standardweg", null, "Lukas Meyer"), List.of(
          KeyResult.of("kr1", "Conversion-Rate im Checkout von 2 % auf 3,5 % bis Q3 2027 steigern"),
          KeyResult.of("kr2", "Kundenzufriedenheit verbessern"),
          KeyResult.of("kr3", "Neues CRM einführen und Wartezeit reduzieren"),
          KeyResult.of("kr4", "Conversion-Rate im Checkout von 2 % auf 4 % steigern"),
          KeyResult.of("kr5", "Umsatz über Partner von 0,8 Mio. € auf 1,5 Mio. € steigern")));

  @Benchmark
  public QualityReport checkEnglish() {
    return checker.check(english);
  }

  @Benchmark
  public QualityReport checkGerman() {
    return checker.check(german);
  }
}
