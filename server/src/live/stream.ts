import type { Viewer } from '../common/auth';
import { loadViewer } from '../common/auth';
import type { Context } from '../common/context';
import { forbidden } from '../common/errors';
import type { Coalescer } from './hub';
import { isRevoked, type Revoked } from './guard';

/**
 * A guarded live stream of one topic for one viewer: subscribed upstream before it is returned,
 * ended with FORBIDDEN when a re-check (on an access change) says the viewer lost access.
 */
export async function liveStream<E>(
  ctx: Context,
  viewer: Viewer,
  topic: string,
  coalescer: Coalescer<E>,
  allowed: (fresh: Viewer) => Promise<boolean>,
  onEnd?: () => void | Promise<void>,
): Promise<AsyncIterableIterator<E | Revoked>> {
  const { access, hub } = ctx.live;
  const { iterator, ready } = hub.subscribe<E>(topic, coalescer, async () => {
    access.unwatch(viewer.id, iterator);
    await onEnd?.();
  });
  access.watch(viewer.id, iterator, async () => {
    const fresh = await loadViewer(ctx.fork(), viewer.id);
    return fresh !== null && (await allowed(fresh));
  });
  try {
    await ready;
  } catch (e) {
    await iterator.return();
    throw e;
  }
  return iterator;
}

/** In a subscription's resolver: the event itself, or FORBIDDEN for the revoked marker. */
export function unlessRevoked<E>(event: E | Revoked): E {
  if (isRevoked(event)) throw forbidden(event.reason);
  return event;
}
