package fr.inserm.aipolicy.cli;

import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * One writer per output: a batch's output file is locked ({@link FileChannel#tryLock()}) for the whole
 * run, so that a second run on the same output (two {@code --resume} at once, or a run whose standard
 * output is a file another run is writing) refuses at once, writing nothing, instead of interleaving
 * its answers with the first run's. The lock is the operating system's: it holds between processes
 * and is released when the run ends, however it ends.
 */
final class BatchOutput implements AutoCloseable {
    /** Another run holds the output's lock. */
    static final class Locked extends Exception {
        private static final long serialVersionUID = 1L;

        Locked(Path output) {
            super(output + " is being written by another aipolicy run (it holds the file's lock): wait for it to"
                    + " end, or write to another file; this run wrote nothing");
        }
    }

    private final FileChannel channel;
    private final FileLock lock;

    private BatchOutput(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    /**
     * Opens (creating it) and locks the output of {@code --resume}.
     *
     * @throws Locked when another run holds it
     * @throws OutputFailedException when it cannot be opened or locked for writing, in plain words
     */
    static BatchOutput resume(Path output) throws Locked, OutputFailedException {
        FileChannel channel;
        try {
            channel = FileChannel.open(output, StandardOpenOption.CREATE, StandardOpenOption.READ,
                    StandardOpenOption.WRITE);
        } catch (IOException e) {
            throw new OutputFailedException(0, new IOException("cannot write " + output + ": " + reason(e), e));
        }
        try {
            FileLock lock = tryLock(channel);
            if (lock == null) {
                channel.close();
                throw new Locked(output);
            }
            return new BatchOutput(channel, lock);
        } catch (IOException e) {
            closeQuietly(channel);
            throw new OutputFailedException(0, new IOException("cannot write " + output + ": " + reason(e), e));
        }
    }

    /**
     * Locks standard output when it is a file (a pipe or a terminal is not locked: the lock is only
     * tried, and a device that cannot hold one is written as before).
     *
     * @return the lock to release at the end, or null when there is none to hold
     * @throws Locked when another run holds the file's lock
     */
    static FileLock lockStandardOutput(OutputStream out) throws Locked {
        if (!(out instanceof FileOutputStream file)) {
            return null;
        }
        try {
            FileChannel channel = file.getChannel();
            FileLock lock = tryLock(channel);
            if (lock == null) {
                throw new Locked(Path.of("the standard output's file"));
            }
            return lock;
        } catch (IOException | UnsupportedOperationException e) {
            return null; // not a lockable file (a pipe, a terminal, /dev/null)
        }
    }

    /** A lock held by this process on the same file counts as another run's (two runs in one JVM). */
    private static FileLock tryLock(FileChannel channel) throws IOException {
        try {
            return channel.tryLock();
        } catch (OverlappingFileLockException e) {
            return null;
        }
    }

    /** The channel to read and cut the output through (the lock's own). */
    FileChannel channel() {
        return channel;
    }

    /** A stream that appends to the output, from where the channel stands. */
    OutputStream stream() throws IOException {
        channel.position(channel.size());
        return Channels.newOutputStream(channel);
    }

    @Override
    public void close() throws IOException {
        try {
            if (lock.isValid()) {
                lock.release();
            }
        } finally {
            channel.close();
        }
    }

    /** Why a file cannot be written, in plain words (no exception class names). */
    static String reason(IOException e) {
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof NoSuchFileException) {
            return "no such folder";
        }
        if (e instanceof FileSystemException fs && fs.getReason() != null) {
            return fs.getReason();
        }
        return e.getMessage() == null ? "the system refused it" : e.getMessage();
    }

    private static void closeQuietly(FileChannel channel) {
        try {
            channel.close();
        } catch (IOException ignored) {
            // the failure reported is the one that came first
        }
    }
}
