package io.rotabot.notify;

import static io.rotabot.rotation.RotationStatus.ADMIN_NOT_PERMITTED;
import static io.rotabot.rotation.RotationStatus.API_ERROR;
import static io.rotabot.rotation.RotationStatus.FAILED;
import static io.rotabot.rotation.RotationStatus.SUCCESSFUL;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Who hears of which rotation. */
class RotationMailsTest {

    private static final List<String> ADMINS = List.of("ops@msp.test");
    private static final List<String> SUBSCRIBED = List.of("tech@msp.test", "ops@msp.test");

    @Test
    void failuresAndOutagesReachAdministratorsAndSubscribersOnce() {
        assertThat(RotationMails.recipients(FAILED, ADMINS, SUBSCRIBED, false)).containsExactly("ops@msp.test", "tech@msp.test");
        assertThat(RotationMails.recipients(API_ERROR, ADMINS, SUBSCRIBED, false)).containsExactly("ops@msp.test", "tech@msp.test");
    }

    @Test
    void successesReachSubscribersOnlyUnderTheOrganizationsOwnRule() {
        assertThat(RotationMails.recipients(SUCCESSFUL, ADMINS, SUBSCRIBED, true)).containsExactly("ops@msp.test", "tech@msp.test");
        assertThat(RotationMails.recipients(SUCCESSFUL, ADMINS, SUBSCRIBED, false)).isEmpty();
    }

    @Test
    void refusalsReachAdministratorsOnly() {
        assertThat(RotationMails.recipients(ADMIN_NOT_PERMITTED, ADMINS, SUBSCRIBED, true)).containsExactly("ops@msp.test");
    }
}
