package fr.inserm.aipolicy.event;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * Hands decision events to listeners without making the decision wait for them: a bounded queue
 * that one thread of its own empties, calling each listener in turn. Handing an event over never
 * blocks: when the queue is full (a listener that blocks, or a disk that stalls), the event is
 * dropped and counted ({@link #dropped()}), and the caller has its decision all the same. A listener
 * that throws is counted ({@link #failures()}) and called again for the next event.
 *
 * <p>The thread is a daemon; at the JVM's exit a shutdown hook waits up to two seconds for the
 * queue to empty, so a command that decides and exits still records its decisions.
 */
public final class DecisionEvents implements AutoCloseable {
    /** The queue's size when none is given: some seconds of a busy server's decisions. */
    public static final int DEFAULT_CAPACITY = 8_192;

    private final List<DecisionListener> listeners;
    private final ArrayBlockingQueue<DecisionEvent> queue;
    private final long maxWaitNanos;
    private final AtomicLong offered = new AtomicLong();
    private final AtomicLong dropped = new AtomicLong();
    private final AtomicLong failures = new AtomicLong();
    private final AtomicLong delivered = new AtomicLong();
    private final Thread thread;
    private final Thread shutdownHook;
    private volatile boolean closed;

    private DecisionEvents(List<DecisionListener> listeners, int capacity, Duration maxWait) {
        this.listeners = List.copyOf(listeners);
        this.maxWaitNanos = maxWait.toNanos();
        if (maxWaitNanos < 0 || maxWait.compareTo(Duration.ofSeconds(10)) > 0) {
            throw new IllegalArgumentException("a decision may wait for room in the queue from 0 to 10 seconds, not "
                    + maxWait);
        }
        if (this.listeners.isEmpty()) {
            throw new IllegalArgumentException("no listener to tell of decisions");
        }
        if (capacity < 1) {
            throw new IllegalArgumentException("the queue of decision events needs a capacity of at least 1, not "
                    + capacity);
        }
        this.queue = new ArrayBlockingQueue<>(capacity);
        this.thread = new Thread(this::run, "aipolicy-decision-events");
        thread.setDaemon(true);
        thread.start();
        this.shutdownHook = new Thread(() -> flush(Duration.ofSeconds(2)), "aipolicy-decision-events-flush");
        Runtime.getRuntime().addShutdownHook(shutdownHook);
    }

    /**
     * Events for some listeners, in a queue of {@link #DEFAULT_CAPACITY}.
     *
     * @param listeners the listeners, called in this order
     * @return the events, with their thread started
     */
    public static DecisionEvents to(DecisionListener... listeners) {
        return new DecisionEvents(List.of(listeners), DEFAULT_CAPACITY, Duration.ZERO);
    }

    /**
     * Events for some listeners, in a queue of a given size.
     *
     * @param capacity how many events may wait before new ones are dropped
     * @param listeners the listeners, called in this order
     * @return the events, with their thread started
     */
    public static DecisionEvents to(int capacity, List<DecisionListener> listeners) {
        return new DecisionEvents(Objects.requireNonNull(listeners, "listeners"), capacity, Duration.ZERO);
    }

    /**
     * Events for some listeners, where a decision that finds the queue full waits for room, up to a
     * bound, before its event is dropped: for a batch, which should record every decision and may go
     * at the pace of the disk, but not stop with it.
     *
     * @param capacity how many events may wait before new ones wait or are dropped
     * @param maxWait how long a decision may wait for room, from zero to ten seconds
     * @param listeners the listeners, called in this order
     * @return the events, with their thread started
     */
    public static DecisionEvents to(int capacity, Duration maxWait, List<DecisionListener> listeners) {
        return new DecisionEvents(Objects.requireNonNull(listeners, "listeners"), capacity,
                Objects.requireNonNull(maxWait, "maxWait"));
    }

    /**
     * Hands an event over, without waiting (or waiting at most the bound given to {@link #to(int, Duration, List)}):
     * dropped, and counted, when the queue is full or closed.
     *
     * @param event the event
     * @return true when queued, false when dropped
     */
    public boolean offer(DecisionEvent event) {
        offered.incrementAndGet();
        if (!closed && (queue.offer(event) || maxWaitNanos > 0 && waitFor(event))) {
            return true;
        }
        dropped.incrementAndGet();
        return false;
    }

    private boolean waitFor(DecisionEvent event) {
        try {
            return queue.offer(event, maxWaitNanos, TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private void run() {
        while (true) {
            DecisionEvent event;
            try {
                event = queue.poll(100, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                if (closed) {
                    drain();
                    return;
                }
                continue;
            }
            if (event != null) {
                deliver(event);
            } else if (closed) {
                return;
            }
        }
    }

    private void drain() {
        DecisionEvent event;
        while ((event = queue.poll()) != null) {
            deliver(event);
        }
    }

    private void deliver(DecisionEvent event) {
        for (DecisionListener listener : listeners) {
            try {
                listener.decided(event);
            } catch (Throwable e) { // a listener's failure is counted, never the decision's
                failures.incrementAndGet();
            }
        }
        delivered.incrementAndGet();
    }

    /**
     * Waits until every event handed over so far has been delivered (or dropped), or the time is up.
     *
     * @param timeout how long to wait at most
     * @return true when all were delivered or dropped, false when the time ran out
     */
    public boolean flush(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (delivered.get() + dropped.get() < offered.get()) {
            if (System.nanoTime() - deadline >= 0 || !thread.isAlive()) {
                return false;
            }
            LockSupport.parkNanos(200_000);
        }
        return true;
    }

    /**
     * How many events were handed over.
     *
     * @return the count since start
     */
    public long offered() {
        return offered.get();
    }

    /**
     * How many events were dropped because the queue was full or closed: decisions not recorded.
     *
     * @return the count since start
     */
    public long dropped() {
        return dropped.get();
    }

    /**
     * How many times a listener threw.
     *
     * @return the count since start
     */
    public long failures() {
        return failures.get();
    }

    /**
     * How many events were delivered to every listener.
     *
     * @return the count since start
     */
    public long delivered() {
        return delivered.get();
    }

    /**
     * Stops taking events, delivers those waiting (up to two seconds), and ends the thread.
     */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        flush(Duration.ofSeconds(2));
        closed = true;
        thread.interrupt();
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException e) {
            // already shutting down: the hook is running or has run
        }
    }
}
