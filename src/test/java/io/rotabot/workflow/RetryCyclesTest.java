package io.rotabot.workflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rotabot.testing.ApplicationYaml;
import java.time.Duration;
import org.camunda.bpm.engine.impl.bpmn.parser.FailedJobRetryConfiguration;
import org.camunda.bpm.engine.impl.util.ParseUtil;
import org.junit.jupiter.api.Test;

/** The outage retry cycle as shipped, read the way the engine reads a failedJobRetryTimeCycle, and the start-up check. */
class RetryCyclesTest {

    @Test
    void theShippedOutageCycleRidesOutAnOutageOfTwoHours() {
        String shipped = ApplicationYaml.binder().bind("rotabot.workflow.outage-retry-cycle", String.class).get();

        RetryCycles cycles = new RetryCycles(shipped);
        FailedJobRetryConfiguration engine = ParseUtil.parseRetryIntervals(cycles.getOutage());

        assertThat(engine.getRetryIntervals()).as("the waits, as the engine reads them").hasSize(12);
        assertThat(engine.getRetries()).as("tries before an incident").isEqualTo(13).isEqualTo(cycles.outageRetries());
        assertThat(cycles.outageSpan()).as("30 s + 1 + 2 + 5 + 10 min + 7 x 15 min")
                .isEqualTo(Duration.ofMinutes(123).plusSeconds(30)).isGreaterThan(Duration.ofHours(2));
    }

    @Test
    void aCycleTheEngineCouldNotReadStopsTheStartNamingTheProperty() {
        assertThatThrownBy(() -> new RetryCycles("PT30S, 30 minutes")).isInstanceOf(IllegalStateException.class)
                .hasMessage("rotabot.workflow.outage-retry-cycle: '30 minutes' is no ISO-8601 duration such as PT30S or PT15M");
        assertThatThrownBy(() -> new RetryCycles("R5/PT30S")).isInstanceOf(IllegalStateException.class)
                .hasMessage("rotabot.workflow.outage-retry-cycle: 'R5/PT30S' repeats; list each wait instead (PT30S,PT1M,PT5M,…)");
    }
}
