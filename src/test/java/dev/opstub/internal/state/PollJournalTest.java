package dev.opstub.internal.state;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class PollJournalTest {
  private static final Instant T = Instant.parse("2026-01-01T00:00:00Z");

  private static PollRecord poll(String id, int second) {
    return new PollRecord("azure", id, T.plusSeconds(second), Map.of(), 200, "Running", false, null);
  }

  private static List<Integer> seconds(List<PollRecord> polls) {
    return polls.stream().map(p -> (int) (p.time().getEpochSecond() - T.getEpochSecond())).toList();
  }

  @Test
  void everyLengthUpToTwiceTheCapacityKeepsTheNewestPollsOldestFirst() {
    for (int capacity : new int[] {1, 2, 15, 16, 17, 33, 100}) {
      for (int recorded = 0; recorded <= 2 * capacity + 1; recorded++) {
        PollJournal journal = new PollJournal(capacity);
        for (int i = 0; i < recorded; i++) {
          journal.record(poll(i % 2 == 0 ? "even" : "odd", i));
        }

        int kept = Math.min(capacity, recorded);
        assertThat(seconds(journal.all())).as("capacity %d after %d", capacity, recorded)
            .isEqualTo(IntStream.range(recorded - kept, recorded).boxed().toList());
        assertThat(seconds(journal.of("azure", "ODD"))).as("capacity %d after %d", capacity, recorded)
            .isEqualTo(IntStream.range(recorded - kept, recorded).filter(i -> i % 2 == 1).boxed().toList());
      }
    }
  }

  @Test
  void anAmendAfterTheJournalWrappedReplacesTheNewestEqualPollInItsPlace() {
    PollJournal journal = new PollJournal(20);
    for (int i = 0; i < 47; i++) {
      journal.record(poll("a", i % 5)); // equal polls recur every 5
    }
    PollRecord served = new PollRecord("azure", "a", T.plusSeconds(3), Map.of(), 200, "running", false, null);

    journal.replace(poll("a", 3), served);

    List<PollRecord> all = journal.all();
    assertThat(all).hasSize(20);
    assertThat(all.indexOf(served)).isEqualTo(all.lastIndexOf(served)).isEqualTo(all.lastIndexOf(poll("a", 3)) + 5);
    assertThat(all.stream().filter(p -> p.status().equals("running"))).hasSize(1);
  }

  @Test
  void anAmendOfAPollNoLongerKeptChangesNothing() {
    PollJournal journal = new PollJournal(3);
    for (int i = 0; i < 5; i++) {
      journal.record(poll("a", i));
    }

    journal.replace(poll("a", 0), poll("a", 99));

    assertThat(seconds(journal.all())).containsExactly(2, 3, 4);
  }

  @Test
  void aClearedJournalStartsAgainEmpty() {
    PollJournal journal = new PollJournal(4);
    for (int i = 0; i < 9; i++) {
      journal.record(poll("a", i));
    }

    journal.clear();
    journal.record(poll("a", 42));

    assertThat(seconds(journal.all())).containsExactly(42);
    assertThat(journal.of("azure", "a")).hasSize(1);
  }
}
