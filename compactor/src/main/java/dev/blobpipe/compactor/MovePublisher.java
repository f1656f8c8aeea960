package dev.blobpipe.compactor;

import dev.blobpipe.schemas.ObjectEvent;
import java.util.List;

/**
 * Publishes the moves of one rewritten segment, all acknowledged when it returns (the compactor's {@link EventSender}
 * in production; tests wrap it to fail half-way, as a crash would).
 */
@FunctionalInterface
interface MovePublisher {
    void publish(List<ObjectEvent.ObjectMoved> moves);
}
