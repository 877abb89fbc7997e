package org.rapaio.jupyter.kernel.channels;

/**
 * Stands in for {@code org.rapaio.jupyter.kernel.channels.LoopThread} of rapaio-jupyter-kernel 3.0.1
 * (same name, constructor and methods), compiled against the kernel jar and put ahead of it on the
 * kernel's class path by {@code policy-notebooks/install.sh} (which {@code .ci/notebooks.sh} runs).
 *
 * <p>Two start-up races of the original make a channel (usually the shell channel) stop for good, so
 * that Jupyter reports "Kernel didn't respond":
 * <ol>
 *   <li>it sets its {@code running} flag after {@code Thread.start()}: when the new thread is
 *       scheduled first it sees {@code false} and ends at once. This version sets the flag first;</li>
 *   <li>the shell loop starts polling before {@code Channels.connect} has filled its message handlers;
 *       a request arriving in between throws a {@code NullPointerException} that ends the thread. This
 *       version reports the exception on standard error and goes on looping: that request is lost,
 *       and Jupyter sends {@code kernel_info_request} again every second until it is answered.</li>
 * </ol>
 * Nothing else differs.
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

    /**
     * Runs the body until {@link #shutdown()} or an interrupt during the pause; an exception thrown by
     * the body is reported on standard error and the loop goes on.
     */
    @Override
    public void run() {
        while (running) {
            try {
                loopBody.run();
            } catch (RuntimeException e) {
                System.err.println("[" + getName() + "] request lost, loop goes on: " + e);
            }
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
