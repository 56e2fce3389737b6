import { raw } from '@mikro-orm/core';
import DataLoader from 'dataloader';
import { assertCanReadAssessment, assertUnitMember, refOf } from '../../common/access';
import type { Viewer } from '../../common/auth';
import { badInput, forbidden, notFound, phaseClosed, type Problem } from '../../common/errors';
import { assertId } from '../../common/ids';
import type { Em } from '../../orm';
import { Assessment, AssessmentStatus } from '../assessment/assessment.entity';
import { Progress } from '../assessment/progress.entity';
import { ancestorCodes } from '../assessment/progress.rows';
import { ScoreEntry } from '../assessment/score-entry.entity';
import { RevisionRound, ScoreRevision } from '../assessment/score-revision.entity';
import { Phase } from '../period/period.entity';
import { assertDeadlineOpen } from '../deadline/deadline.facts';
import { Role, User } from '../user/user.entity';
import { Evidence, EvidenceKind } from './evidence.entity';

const OPEN_STATUSES: readonly AssessmentStatus[] = [AssessmentStatus.NOT_STARTED, AssessmentStatus.IN_PROGRESS];
const MAX_URL = 2000;
const MAX_TITLE = 300;

export interface EvidenceTarget {
  assessmentId: string;
  criterionId: string;
}

/** A file already on disk under its storage key, as the upload route measured it. */
export interface StoredFile {
  name: string;
  mimeType: string;
  size: number;
  sha256: string;
  storageKey: string;
}

export interface LinkInput extends EvidenceTarget {
  url: string;
  title?: string | null;
}

/** What one add or remove changed: for the answer and for the live event after commit. */
export interface EvidenceChange {
  evidence: Evidence;
  assessment: Assessment;
  entry: ScoreEntry;
  /** the progress rows whose leavesWithEvidence changed (leaf and ancestors), or none */
  progress: Progress[];
}

/**
 * Evidence (tài liệu kiểm chứng) on score entries. Adding and removing follow the self-score save
 * (DESIGN.md "How live collaboration works", step 1): one transaction that takes the assessment's
 * row first (seq + 1), checks phase and rights, writes the evidence, the entry's evidenceCount and
 * version, one revision, and — when the count goes 0 ↔ 1 — leavesWithEvidence on the leaf's
 * progress row and its ancestors' (O(depth)).
 *
 * Who may change evidence: the unit's LEADER, and STAFF on entries assigned to them; in
 * SELF_ASSESSMENT while the assessment is not submitted (add and remove), and in EXPLANATION while
 * it is RETURNED (add; remove only what was added during the explanation).
 */
export class EvidenceService {
  constructor(private readonly em: Em) {}

  /** Checks a link before anything is written: http(s) only, no credentials, sane lengths. */
  static checkLink(input: LinkInput): { url: string; name: string } {
    const problems: Problem[] = [];
    const url = (input.url ?? '').trim();
    let parsed: URL | null = null;
    if (!url) problems.push({ path: 'url', message: 'is required', code: 'REQUIRED', params: { field: 'url' } });
    else if (url.length > MAX_URL) problems.push({ path: 'url', message: `at most ${MAX_URL} characters`, code: 'TOO_LONG', params: { field: 'url', max: MAX_URL } });
    else {
      try {
        parsed = new URL(url);
      } catch {
        problems.push({ path: 'url', message: 'is not a valid URL', code: 'INVALID_URL', params: { value: url } });
      }
    }
    if (parsed) {
      if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') problems.push({ path: 'url', message: 'must start with http:// or https://', code: 'INVALID_URL', params: { value: url } });
      else if (!parsed.hostname) problems.push({ path: 'url', message: 'needs a host', code: 'INVALID_URL', params: { value: url } });
      else if (parsed.username || parsed.password) problems.push({ path: 'url', message: 'must not carry a user name or password', code: 'URL_CREDENTIALS' });
    }
    const title = (input.title ?? '').trim();
    if (title.length > MAX_TITLE) problems.push({ path: 'title', message: `at most ${MAX_TITLE} characters`, code: 'TOO_LONG', params: { field: 'title', max: MAX_TITLE } });
    if (problems.length) throw badInput(problems);
    return { url: parsed!.href, name: title || parsed!.href.slice(0, MAX_TITLE) };
  }

  addLink(viewer: Viewer, input: LinkInput): Promise<EvidenceChange> {
    const link = EvidenceService.checkLink(input);
    return this.add(viewer, input, { kind: EvidenceKind.LINK, name: link.name, url: link.url });
  }

  addFile(viewer: Viewer, target: EvidenceTarget, file: StoredFile): Promise<EvidenceChange> {
    return this.add(viewer, target, { kind: EvidenceKind.FILE, ...file });
  }

  /**
   * The checks an upload can pass before its bytes are read (rights, phase, the entry): the same
   * as the transaction's, which still decides.
   */
  async precheck(viewer: Viewer, target: EvidenceTarget): Promise<void> {
    const assessmentId = assertId(target.assessmentId, 'Assessment');
    const criterionId = assertId(target.criterionId, 'Criterion');
    const em = this.em.fork();
    const a = await em.findOne(Assessment, { id: assessmentId }, { populate: ['period'] });
    if (!a) throw notFound('Assessment', assessmentId);
    assertUnitMember(viewer, a.unit.id);
    openRound(a);
    await assertDeadlineOpen(em, a);
    await entryFor(em, viewer, assessmentId, criterionId);
  }

  private add(viewer: Viewer, target: EvidenceTarget, data: Partial<Evidence> & { kind: EvidenceKind; name: string }): Promise<EvidenceChange> {
    const assessmentId = assertId(target.assessmentId, 'Assessment');
    const criterionId = assertId(target.criterionId, 'Criterion');
    return this.em.transactional(async (em) => {
      const assessment = await lockAssessment(em, assessmentId);
      assertUnitMember(viewer, assessment.unit.id);
      const round = openRound(assessment);
      await assertDeadlineOpen(em, assessment);
      const entry = await entryFor(em, viewer, assessmentId, criterionId);
      const evidence = em.create(Evidence, {
        ...data,
        entry,
        assessment,
        uploadedBy: em.getReference(User, viewer.id),
      } as never) as Evidence;
      const before = entry.evidenceCount;
      entry.evidenceCount = before + 1;
      touch(em, entry, viewer);
      if (assessment.status === AssessmentStatus.NOT_STARTED) assessment.status = AssessmentStatus.IN_PROGRESS;
      const progress = before === 0 ? await shiftLeavesWithEvidence(em, assessment, entry, +1) : [];
      em.create(ScoreRevision, {
        entry,
        actor: em.getReference(User, viewer.id),
        round,
        version: entry.version,
        old: { evidenceCount: before },
        next: { evidenceCount: entry.evidenceCount, evidence: summary(evidence) },
      } as never);
      await em.flush();
      return { evidence, assessment, entry, progress };
    });
  }

  /** Removes one evidence item; the caller deletes its file after commit. */
  async remove(viewer: Viewer, id: string): Promise<EvidenceChange> {
    const evidenceId = assertId(id, 'Evidence');
    const found = await this.em.fork().findOne(Evidence, { id: evidenceId });
    if (!found) throw notFound('Evidence', evidenceId);
    return this.em.transactional(async (em) => {
      const assessment = await lockAssessment(em, found.assessment.id);
      // read again under the lock: someone may have removed it in between
      const evidence = await em.findOne(Evidence, { id: evidenceId }, { refresh: true });
      if (!evidence) throw notFound('Evidence', evidenceId);
      assertUnitMember(viewer, assessment.unit.id);
      const round = openRound(assessment);
      await assertDeadlineOpen(em, assessment);
      const entry = await em.findOneOrFail(ScoreEntry, { id: evidence.entry.id }, { populate: ['criterion'], refresh: true });
      if (viewer.role === Role.STAFF && entry.assignee?.id !== viewer.id) {
        throw forbidden(`Criterion ${entry.criterion.code} is not assigned to you; ask your leader to assign it.`);
      }
      if (round === RevisionRound.EXPLANATION && !(await addedDuring(em, entry, evidence.id, RevisionRound.EXPLANATION))) {
        throw phaseClosed('In EXPLANATION only evidence added during the explanation can be removed.', { phase: Phase.EXPLANATION });
      }
      const before = entry.evidenceCount;
      entry.evidenceCount = Math.max(0, before - 1);
      touch(em, entry, viewer);
      const progress = before === 1 ? await shiftLeavesWithEvidence(em, assessment, entry, -1) : [];
      em.create(ScoreRevision, {
        entry,
        actor: em.getReference(User, viewer.id),
        round,
        version: entry.version,
        old: { evidenceCount: before, evidence: summary(evidence) },
        next: { evidenceCount: entry.evidenceCount },
      } as never);
      em.remove(evidence);
      await em.flush();
      return { evidence, assessment, entry, progress };
    });
  }

  /** One evidence item the viewer may read (for downloads), or NOT_FOUND / FORBIDDEN. */
  async readable(viewer: Viewer, id: string): Promise<Evidence> {
    const evidenceId = assertId(id, 'Evidence');
    const evidence = await this.em.findOne(Evidence, { id: evidenceId }, { populate: ['assessment'] });
    if (!evidence) throw notFound('Evidence', evidenceId);
    assertCanReadAssessment(viewer, refOf(evidence.assessment));
    return evidence;
  }

  /** An assessment's evidence, oldest first; the caller has checked that the viewer may read it. */
  forAssessment(assessmentId: string, criterionId?: string | null): Promise<Evidence[]> {
    const where: Record<string, unknown> = { assessment: assessmentId };
    if (criterionId) where.entry = { criterion: assertId(criterionId, 'Criterion') };
    return this.em.find(Evidence, where as never, { orderBy: { createdAt: 'asc', id: 'asc' } });
  }
}

/** Takes the assessment's row first (seq + 1), serializing with saves, as SelfScoreService does. */
async function lockAssessment(em: Em, assessmentId: string): Promise<Assessment> {
  const bumped = await em.createQueryBuilder(Assessment).update({ seq: raw('seq + 1') } as never).where({ id: assessmentId }).execute('run');
  if (!(bumped as { affectedRows?: number }).affectedRows) throw notFound('Assessment', assessmentId);
  return em.findOneOrFail(Assessment, { id: assessmentId }, { populate: ['period'], refresh: true });
}

/** The revision round evidence changes fall in now, or PHASE_CLOSED. */
function openRound(a: Assessment): RevisionRound {
  const phase = a.period.phase;
  if (phase === Phase.SELF_ASSESSMENT) {
    if (OPEN_STATUSES.includes(a.status)) return RevisionRound.SELF;
    throw phaseClosed(`The assessment is ${a.status}; its evidence can no longer be changed.`, { status: a.status });
  }
  if (phase === Phase.EXPLANATION) {
    if (a.status === AssessmentStatus.RETURNED) return RevisionRound.EXPLANATION;
    throw phaseClosed(`In EXPLANATION evidence can be added only to an assessment returned for explanation; this one is ${a.status}.`, { status: a.status });
  }
  throw phaseClosed(`Evidence can be changed in SELF_ASSESSMENT and, for returned assessments, in EXPLANATION; the period is in ${phase}.`, { phase });
}

/** The entry of a leaf, when the viewer may change it (STAFF: only entries assigned to them). */
async function entryFor(em: Em, viewer: Viewer, assessmentId: string, criterionId: string): Promise<ScoreEntry> {
  const entry = await em.findOne(ScoreEntry, { assessment: assessmentId, criterion: criterionId }, { populate: ['criterion'], refresh: true });
  if (!entry) throw notFound('Leaf criterion', criterionId);
  if (viewer.role === Role.STAFF && entry.assignee?.id !== viewer.id) {
    throw forbidden(`Criterion ${entry.criterion.code} is not assigned to you; ask your leader to assign it.`);
  }
  return entry;
}

function touch(em: Em, entry: ScoreEntry, viewer: Viewer): void {
  entry.version += 1;
  entry.updatedBy = em.getReference(User, viewer.id);
  entry.updatedAt = new Date();
}

/** leavesWithEvidence ± 1 on the leaf's row and its ancestors' rows: one read, one batched write. */
async function shiftLeavesWithEvidence(em: Em, assessment: Assessment, entry: ScoreEntry, delta: 1 | -1): Promise<Progress[]> {
  const leaf = entry.criterion;
  const codes = [leaf.code, ...ancestorCodes(leaf.code)];
  const rows = await em.find(
    Progress,
    { assessment: assessment.id, criterion: { framework: leaf.framework.id, code: { $in: codes } } },
    { populate: ['criterion'], refresh: true },
  );
  for (const row of rows) row.leavesWithEvidence = Math.max(0, row.leavesWithEvidence + delta);
  // leaf first, then parent, grandparent… as self-score events list them
  const order = new Map(codes.map((c, i) => [c, i]));
  return rows.sort((a, b) => order.get(a.criterion.code)! - order.get(b.criterion.code)!);
}

/** Whether a revision of this round on the entry added this evidence item. */
async function addedDuring(em: Em, entry: ScoreEntry, evidenceId: string, round: RevisionRound): Promise<boolean> {
  const revisions = await em.find(ScoreRevision, { entry: entry.id, round });
  return revisions.some((r) => (r.next?.evidence as { id?: string } | undefined)?.id === evidenceId);
}

function summary(e: Evidence) {
  return { id: e.id, kind: e.kind, name: e.name, ...(e.url ? { url: e.url } : {}), ...(e.sha256 ? { sha256: e.sha256 } : {}) };
}

/** Evidence of many entries in one query per request (ScoreEntry.evidence, no N+1). */
const loaders = new WeakMap<Em, DataLoader<string, Evidence[]>>();

export function evidenceOfEntries(em: Em): DataLoader<string, Evidence[]> {
  let loader = loaders.get(em);
  if (!loader) {
    loader = new DataLoader<string, Evidence[]>(
      async (entryIds) => {
        const rows = await em.find(Evidence, { entry: { $in: [...entryIds] } }, { orderBy: { createdAt: 'asc', id: 'asc' } });
        const byEntry = new Map<string, Evidence[]>();
        for (const r of rows) {
          const list = byEntry.get(r.entry.id) ?? [];
          list.push(r);
          byEntry.set(r.entry.id, list);
        }
        return entryIds.map((id) => byEntry.get(id) ?? []);
      },
      { cache: false, maxBatchSize: 1000 },
    );
    loaders.set(em, loader);
  }
  return loader;
}
