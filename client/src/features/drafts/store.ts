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

/** An explanation typed and not sent (the EXPLANATION round), kept under `explanation:<criterionId>`. */
export interface StoredText {
  text: string;
  at: string;
}

type Drafts = Record<string, StoredDraft | StoredText>;
const EXPLANATION = 'explanation:';

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
  notify();
}

function load<T>(userId: string, assessmentId: string, item: string): T | null {
  return (read(keyOf(userId, assessmentId))[item] as T | undefined) ?? null;
}

function keep(userId: string, assessmentId: string, item: string, value: object): void {
  const key = keyOf(userId, assessmentId);
  write(key, { ...read(key), [item]: { ...value, at: new Date().toISOString() } as StoredDraft | StoredText });
}

function drop(userId: string, assessmentId: string, item: string): void {
  const key = keyOf(userId, assessmentId);
  const drafts = read(key);
  if (!(item in drafts)) return;
  delete drafts[item];
  write(key, drafts);
}

export const loadDraft = (userId: string, assessmentId: string, criterionId: string) => load<StoredDraft>(userId, assessmentId, criterionId);
export const keepDraft = (userId: string, assessmentId: string, criterionId: string, d: Omit<StoredDraft, 'at'>) => keep(userId, assessmentId, criterionId, d);
export const dropDraft = (userId: string, assessmentId: string, criterionId: string) => drop(userId, assessmentId, criterionId);

export const loadExplanation = (userId: string, assessmentId: string, criterionId: string) => load<StoredText>(userId, assessmentId, EXPLANATION + criterionId);
export const keepExplanation = (userId: string, assessmentId: string, criterionId: string, text: string) => keep(userId, assessmentId, EXPLANATION + criterionId, { text });
export const dropExplanation = (userId: string, assessmentId: string, criterionId: string) => drop(userId, assessmentId, EXPLANATION + criterionId);

/** Snapshots by key, kept while the stored text is the same, so that a render sees the same Set. */
const cache = new Map<string, { raw: string | null; ids: ReadonlySet<string> }>();

const rawOf = (key: string): string | null => {
  try {
    return localStorage.getItem(key);
  } catch {
    return null;
  }
};

/** The criteria of an assessment with an unsaved draft (a score or an explanation). */
export function draftCriteria(userId: string, assessmentId: string): ReadonlySet<string> {
  const key = keyOf(userId, assessmentId);
  const raw = rawOf(key);
  const hit = cache.get(key);
  if (hit && hit.raw === raw) return hit.ids;
  const ids = new Set(Object.keys(read(key)).map((k) => (k.startsWith(EXPLANATION) ? k.slice(EXPLANATION.length) : k)));
  cache.set(key, { raw, ids });
  return ids;
}

export function subscribeDrafts(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

if (typeof window !== 'undefined') {
  // another tab typed or saved
  window.addEventListener('storage', (e) => {
    if (e.key === null || e.key.startsWith(PREFIX)) notify();
  });
}
