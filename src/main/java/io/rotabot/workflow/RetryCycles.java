package io.rotabot.workflow;

import java.time.Duration;
import java.util.Arrays;
import java.util.Date;
import java.util.List;
import org.camunda.bpm.engine.impl.calendar.DurationHelper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The retry cycles the process models name by expression, from the configuration: the steps of the
 * ticket processes that call Autotask or a directory say {@code ${retryCycles.outage}}, so they ride out
 * an outage instead of turning into incidents within minutes. Checked at start-up: a cycle Camunda cannot
 * read would fall back to its default of three immediate retries. Public because the engine's expression
 * language reads only public getters.
 */
@Component("retryCycles")
public class RetryCycles {

    private static final Logger log = LoggerFactory.getLogger(RetryCycles.class);
    private static final String OUTAGE = "rotabot.workflow.outage-retry-cycle";

    private final String outage;
    private final Duration outageSpan;
    private final int outageRetries;

    RetryCycles(@Value("${" + OUTAGE + "}") String outage) {
        List<String> intervals = Arrays.stream(outage.split(",")).map(String::strip).toList();
        this.outage = String.join(",", intervals);
        this.outageSpan = span(OUTAGE, intervals);
        this.outageRetries = intervals.size() + 1;
        log.info("Ticket steps that call a vendor or a directory retry for {} min {} s before an incident ({})",
                outageSpan.toMinutes(), outageSpan.toSecondsPart(), this.outage);
    }

    /**
     * The outage cycle as Camunda's {@code failedJobRetryTimeCycle} takes it: ISO-8601 durations separated
     * by commas (no spaces), the wait after the first failure, the second, …; after a failure past the
     * last one the job becomes an incident.
     */
    public String getOutage() {
        return outage;
    }

    /** How long the outage cycle waits in all before a step becomes an incident: the sum of its intervals. */
    Duration outageSpan() {
        return outageSpan;
    }

    /** The retries Camunda gives a step on the outage cycle: one more than its waits. */
    int outageRetries() {
        return outageRetries;
    }

    /** The sum of the cycle's intervals, each read as the engine reads it; a cycle it cannot read stops the start. */
    private static Duration span(String property, List<String> intervals) {
        Date start = new Date(0);
        long millis = 0;
        for (String interval : intervals) {
            DurationHelper duration;
            try {
                duration = new DurationHelper(interval, start);
            } catch (Exception e) {
                throw new IllegalStateException(property + ": '" + interval + "' is no ISO-8601 duration such as PT30S or PT15M", e);
            }
            if (duration.isRepeat()) {
                throw new IllegalStateException(property + ": '" + interval + "' repeats; list each wait instead (PT30S,PT1M,PT5M,…)");
            }
            millis += duration.getDateAfter(start).getTime();
        }
        return Duration.ofMillis(millis);
    }
}
