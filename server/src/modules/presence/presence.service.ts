import type { LiveHub } from '../../live/hub';
import type { PresenceEntry, PresenceStore } from './presence.store';
import type { PresenceEvent } from './presence.types';

export const presenceTopic = (assessmentId: string) => `presence:${assessmentId}`;

/**
 * Who is in an assessment. Entries live `ttlMs` unless refreshed (by `updatePresence` or while
 * the presence subscription is open); a sweep publishes the lapse of a closed tab.
 */
export class PresenceService {
  private readonly watched = new Map<string, number>();
  private readonly lastSent = new Map<string, string>();
  private readonly sweeper: NodeJS.Timeout;

  constructor(
    private readonly store: PresenceStore,
    private readonly hub: LiveHub,
    readonly ttlMs: number,
  ) {
    this.sweeper = setInterval(() => void this.sweep(), Math.max(250, Math.floor(ttlMs / 5)));
    this.sweeper.unref();
  }

  async put(assessmentId: string, e: Omit<PresenceEntry, 'expiresAt'>): Promise<void> {
    const now = Date.now();
    // the store answers with the room after the refresh: no second read before the publish
    const entries = await this.store.put(assessmentId, { ...e, expiresAt: now + this.ttlMs }, now);
    await this.send(assessmentId, this.snapshotOf(assessmentId, entries));
  }

  async remove(assessmentId: string, sessionId: string): Promise<void> {
    await this.store.remove(assessmentId, sessionId);
    await this.publish(assessmentId);
  }

  async snapshot(assessmentId: string): Promise<PresenceEvent> {
    return this.snapshotOf(assessmentId, await this.store.list(assessmentId, Date.now()));
  }

  private snapshotOf(assessmentId: string, entries: PresenceEntry[]): PresenceEvent {
    // one row per person: the most recently refreshed tab says where they are
    const byUser = new Map<string, PresenceEntry>();
    for (const e of entries.sort((a, b) => a.expiresAt - b.expiresAt)) byUser.set(e.userId, e);
    return {
      assessmentId,
      degraded: this.store.degraded,
      members: [...byUser.values()]
        .sort((a, b) => a.name.localeCompare(b.name, 'vi'))
        .map((e) => ({ userId: e.userId, name: e.name, criterionId: e.criterionId, expiresAt: new Date(e.expiresAt).toISOString() })),
    };
  }

  /** This process has presence subscribers for the assessment: sweep it. */
  watch(assessmentId: string): () => void {
    this.watched.set(assessmentId, (this.watched.get(assessmentId) ?? 0) + 1);
    return () => {
      const n = (this.watched.get(assessmentId) ?? 1) - 1;
      if (n <= 0) {
        this.watched.delete(assessmentId);
        this.lastSent.delete(assessmentId);
      } else this.watched.set(assessmentId, n);
    };
  }

  private async publish(assessmentId: string): Promise<void> {
    await this.send(assessmentId, await this.snapshot(assessmentId));
  }

  private async send(assessmentId: string, snap: PresenceEvent): Promise<void> {
    this.lastSent.set(assessmentId, membersKey(snap));
    await this.hub.publish(presenceTopic(assessmentId), snap);
  }

  private async sweep(): Promise<void> {
    for (const id of this.watched.keys()) {
      try {
        const snap = await this.snapshot(id);
        if (membersKey(snap) !== this.lastSent.get(id)) {
          this.lastSent.set(id, membersKey(snap));
          await this.hub.publish(presenceTopic(id), snap);
        }
      } catch {
        // the store is unreachable for now; the next sweep tries again
      }
    }
  }

  close(): void {
    clearInterval(this.sweeper);
  }
}

const membersKey = (s: PresenceEvent) => `${s.degraded ? 'degraded' : ''}|` + s.members.map((m) => `${m.userId}:${m.criterionId ?? ''}`).join('|');
