package io.rotabot.reliability;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * One operation of a peer (the directory, IT Glue, Autotask) stopped at an exact point: the peer's thread
 * that serves it calls {@link #reach} and stays there until the test lets it go, so the caller never gets
 * its answer while the test kills it. The test learns that the point was reached, and what the operation
 * carried, only from the peer's side.
 */
final class Hold {

    /** The most a peer thread is kept, so a test that dies half-way leaves no thread behind for ever. */
    private static final Duration LONGEST = Duration.ofMinutes(10);

    private final String what;
    private final CountDownLatch reached = new CountDownLatch(1);
    private final CountDownLatch released = new CountDownLatch(1);
    private volatile String carried;
    private volatile Instant reachedAt;
    private volatile boolean dropped;

    Hold(String what) {
        this.what = what;
    }

    /**
     * Called by the peer's thread at the point: marks it reached with what the operation carried (a
     * password, a note), then waits for {@link #release} or {@link #drop}.
     *
     * @return whether the operation may go on; false when the test dropped it
     */
    boolean reach(String carriedValue) {
        carried = carriedValue;
        reachedAt = Instant.now();
        reached.countDown();
        try {
            released.await(LONGEST.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return !dropped;
    }

    /** Waits until a peer thread stands at the point; false if none came in time. */
    boolean awaitReached(Duration timeout) throws InterruptedException {
        return reached.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    boolean isReached() {
        return reached.getCount() == 0;
    }

    /** When a peer thread came to the point. */
    Optional<Instant> reachedAt() {
        return Optional.ofNullable(reachedAt);
    }

    /** What the held operation carried, once reached. */
    Optional<String> carried() {
        return Optional.ofNullable(carried);
    }

    /** Lets the held operation go on; its answer goes to whoever still listens. */
    void release() {
        released.countDown();
    }

    /** Lets the held thread go without the operation: a request held before it was applied is never applied. */
    void drop() {
        dropped = true;
        released.countDown();
    }

    @Override
    public String toString() {
        return what;
    }
}
