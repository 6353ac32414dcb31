package io.tocsin.notify;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** A page about an alert with a long dedup key is still stored and sent: the subject cuts its key and summary. */
class SubjectTest {

    @Test
    void aLongKeyAndSummaryAreCutToWhatIsStoredWithAMark() {
        var subject = new Subject(SubjectType.ALERT, "id-1", "k".repeat(255), 2, "s".repeat(600), "http://x/alerts/1");
        assertThat(subject.key()).hasSize(Subject.MAX_KEY).endsWith("…").startsWith("kkk");
        assertThat(subject.summary()).hasSize(Subject.MAX_SUMMARY).endsWith("…");
        var shortOne = new Subject(SubjectType.INCIDENT, "id-2", "INC-42", 1, "Checkout down", null);
        assertThat(shortOne.key()).isEqualTo("INC-42");
        assertThat(shortOne.summary()).isEqualTo("Checkout down");
    }
}
