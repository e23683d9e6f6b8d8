package io.momentum.server.kpis;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class DriverEdgesTest {

  private static final UUID A = new UUID(0, 1);
  private static final UUID B = new UUID(0, 2);
  private static final UUID C = new UUID(0, 3);
  private static final UUID D = new UUID(0, 4);

  @Test
  void treeHasNoLoop() {
    DriverEdges edges = new DriverEdges();
    edges.add(A, B);
    edges.add(A, C);
    edges.add(B, D);
    edges.add(C, D);

    assertThat(edges.loopThrough(A)).isEmpty();
  }

  @Test
  void longLoopIsListedInDriverOrder() {
    DriverEdges edges = new DriverEdges();
    edges.add(B, C);
    edges.add(C, A);

    edges.replace(A, List.of(D, B));

    assertThat(edges.loopThrough(A)).containsExactly(A, B, C, A);
  }

  @Test
  void selfDriverIsLoop() {
    DriverEdges edges = new DriverEdges();

    edges.replace(A, List.of(A));

    assertThat(edges.loopThrough(A)).containsExactly(A, A);
  }

  @Test
  void replacingDriversRemovesOldLoop() {
    DriverEdges edges = new DriverEdges();
    edges.add(A, B);
    edges.add(B, A);

    edges.replace(A, List.of(C));

    assertThat(edges.loopThrough(A)).isEmpty();
  }
}
