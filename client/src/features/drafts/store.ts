import type { Draft } from '../scoring/draft';

/**
 * What a person has typed and not saved, kept in localStorage per user, assessment and criterion
 * (`chamdiem.drafts.<userId>.<assessmentId>`), so that it survives switching criteria, a reload,
 * a reconnect and a session that ends (signing in again as the same person brings it back).
 * A successful save removes it; a failed one leaves it.
 */
export interface StoredDraft {
  draft: Draft;
  comment: string;
  /** the entry's version the edit started from: saving sends it, so a change made meanwhile is a CONFLICT */
  baseVersion: number;
  /** ISO 8601, when it was last typed */
  at: string;
}

type Drafts = Record<string, StoredDraft>;

const PREFIX = 'chamdiem.drafts.';
const keyOf = (userId: string, assessmentId: string) => `${PREFIX}${userId}.${assessmentId}`;

const listeners = new Set<() => void>();
const notify = () => listeners.forEach((l) => l());

function read(key: string): Drafts {
  try {
    const raw = localStorage.getItem(key);
    const parsed = raw ? (JSON.parse(raw) as unknown) : null;
    return parsed && typeof parsed === 'object' && !Array.isArray(parsed) ? (parsed as Drafts) : {};
  } catch {
    return {};
  }
}

function write(key: string, drafts: Drafts): void {
  try {
    if (Object.keys(drafts).length) localStorage.setItem(key, JSON.stringify(drafts));
    else localStorage.removeItem(key);
  } catch {
    /* storage full or private mode: the draft lives as long as the page */
  }
  cache.delete(key);
  notify();
}

export function loadDraft(userId: string, assessmentId: string, criterionId: string): StoredDraft | null {
  return read(keyOf(userId, assessmentId))[criterionId] ?? null;
}

export function keepDraft(userId: string, assessmentId: string, criterionId: string, d: Omit<StoredDraft, 'at'>): void {
  const key = keyOf(userId, assessmentId);
  write(key, { ...read(key), [criterionId]: { ...d, at: new Date().toISOString() } });
}

export function dropDraft(userId: string, assessmentId: string, criterionId: string): void {
  const key = keyOf(userId, assessmentId);
  const drafts = read(key);
  if (!(criterionId in drafts)) return;
  delete drafts[criterionId];
  write(key, drafts);
}

/** Snapshots by key, so that a render sees the same Set until a draft changes. */
const cache = new Map<string, ReadonlySet<string>>();

/** The criteria of an assessment with an unsaved draft. */
export function draftCriteria(userId: string, assessmentId: string): ReadonlySet<string> {
  const key = keyOf(userId, assessmentId);
  let ids = cache.get(key);
  if (!ids) {
    ids = new Set(Object.keys(read(key)));
    cache.set(key, ids);
  }
  return ids;
}

export function subscribeDrafts(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

if (typeof window !== 'undefined') {
  // another tab typed or saved
  window.addEventListener('storage', (e) => {
    if (e.key === null || e.key.startsWith(PREFIX)) {
      cache.clear();
      notify();
    }
  });
}
