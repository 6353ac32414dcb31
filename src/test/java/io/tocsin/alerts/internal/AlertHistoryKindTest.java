package io.tocsin.alerts.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** The typed kinds of an alert's history (R4, issue 10): member statuses as senders spell them, stored names. */
class AlertHistoryKindTest {

    @Test
    void memberStatusesAsAlertmanagerAndGrafanaSendThem() {
        assertThat(AlertHistoryKind.member("firing")).isEqualTo(AlertHistoryKind.MEMBER_FIRING);
        assertThat(AlertHistoryKind.member("Alerting")).isEqualTo(AlertHistoryKind.MEMBER_FIRING);
        assertThat(AlertHistoryKind.member("resolved")).isEqualTo(AlertHistoryKind.MEMBER_RESOLVED);
        assertThat(AlertHistoryKind.member("pending")).isEqualTo(AlertHistoryKind.MEMBER_CHANGED);
    }

    @Test
    void storedNamesReadBackAndOlderMemberStatusesReadAsChanged() {
        for (var kind : AlertHistoryKind.values()) {
            assertThat(AlertHistoryKind.stored(kind.name())).isEqualTo(kind);
        }
        assertThat(AlertHistoryKind.stored("MEMBER_PENDING")).isEqualTo(AlertHistoryKind.MEMBER_CHANGED);
        assertThatThrownBy(() -> AlertHistoryKind.stored("NO_SUCH_KIND")).isInstanceOf(IllegalArgumentException.class);
    }
}
