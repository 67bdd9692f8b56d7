package io.github.connectemulator.operations;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class OwnerAdmissionTest {

  @Test
  void eachOwnerHasItsOwnBound() {
    var admission = new OwnerAdmission(3, 2);
    assertThat(admission.tryEnter(1)).isTrue();
    assertThat(admission.tryEnter(1)).isTrue();
    assertThat(admission.tryEnter(1)).as("third request to owner 1").isFalse();
    assertThat(admission.tryEnter(0)).as("owner 0 is not affected").isTrue();
    assertThat(admission.tryEnter(2)).isTrue();
    admission.leave(1);
    assertThat(admission.tryEnter(1)).as("a place freed on owner 1").isTrue();
    assertThat(admission.tryEnter(1)).isFalse();
  }

  @Test
  void aRefusedRequestTakesNoPlace() {
    var admission = new OwnerAdmission(1, 1);
    assertThat(admission.tryEnter(0)).isTrue();
    for (int i = 0; i < 5; i++) {
      assertThat(admission.tryEnter(0)).isFalse();
    }
    admission.leave(0);
    assertThat(admission.tryEnter(0)).isTrue();
  }

  @Test
  void noLimitAdmitsEverything() {
    var admission = new OwnerAdmission(2, 0);
    for (int i = 0; i < 1000; i++) {
      assertThat(admission.tryEnter(i % 2)).isTrue();
    }
  }
}
