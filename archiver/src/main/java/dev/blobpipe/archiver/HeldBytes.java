package dev.blobpipe.archiver;

import java.util.concurrent.atomic.AtomicLong;

/**
 * The cap on small-upload bytes the archiver keeps in memory until their commit (then packs them straight into a
 * segment, with no staging file). Shared by the poll loops of one instance; a reservation that does not fit is
 * refused, and that upload goes through a staging file instead.
 */
final class HeldBytes {
    private final long capacityBytes;
    private final AtomicLong heldBytes = new AtomicLong();

    HeldBytes(long capacityBytes) {
        this.capacityBytes = capacityBytes;
    }

    boolean tryReserve(long bytes) {
        while (true) {
            long held = heldBytes.get();
            if (held + bytes > capacityBytes) {
                return false;
            }
            if (heldBytes.compareAndSet(held, held + bytes)) {
                return true;
            }
        }
    }

    void release(long bytes) {
        heldBytes.addAndGet(-bytes);
    }

    long heldBytes() {
        return heldBytes.get();
    }
}
