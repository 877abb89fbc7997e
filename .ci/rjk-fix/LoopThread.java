package org.rapaio.jupyter.kernel.channels;

/**
 * Stands in for {@code org.rapaio.jupyter.kernel.channels.LoopThread} of rapaio-jupyter-kernel 3.0.1
 * (same name, constructor and methods), put ahead of the kernel jar on the class path by
 * {@code .ci/notebooks.sh}.
 *
 * <p>The original sets its {@code running} flag after {@code Thread.start()}: when the new thread is
 * scheduled first it sees {@code false} and ends at once, and the channel it serves (often the shell
 * channel) never answers, so Jupyter reports "Kernel didn't respond". This version sets the flag
 * before starting the thread. Nothing else differs.
 */
public final class LoopThread extends Thread {

    private volatile boolean running;
    private final long sleep;
    private final Runnable loopBody;

    /**
     * A thread that runs a body in a loop, sleeping between runs.
     *
     * @param name the thread's name
     * @param sleep the pause between two runs of the body, in milliseconds
     * @param loopBody the body
     */
    public LoopThread(String name, long sleep, Runnable loopBody) {
        super(name);
        this.sleep = sleep;
        this.loopBody = loopBody;
    }

    /** Runs the body until {@link #shutdown()} or an interrupt during the pause. */
    @Override
    public void run() {
        while (running) {
            loopBody.run();
            try {
                Thread.sleep(sleep);
            } catch (InterruptedException e) {
                running = false;
                return;
            }
        }
    }

    /** Marks the loop as running, then starts the thread. */
    @Override
    public synchronized void start() {
        running = true;
        super.start();
    }

    /** Asks the loop to stop after the current run of its body. */
    public void shutdown() {
        running = false;
    }
}
