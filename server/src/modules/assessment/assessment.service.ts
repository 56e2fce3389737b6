import { emitWebhookIn } from '../webhook/webhook.emit';
import { WebhookEvent } from '../webhook/webhook.entity';
import { assertDeadlineOpen } from '../deadline/deadline.facts';
import { raw } from '@mikro-orm/core';
import { refOf, assertCanReadAssessment, assertUnitLeader } from '../../common/access';
import type { Viewer } from '../../common/auth';
import { badInput, notFound, phaseClosed, type Problem } from '../../common/errors';
import { assertId } from '../../common/ids';
import type { Em } from '../../orm';
import { Phase } from '../period/period.entity';
import { Assessment, AssessmentStatus } from './assessment.entity';
import { Progress } from './progress.entity';
import { fromHundredths } from '../../common/decimal';
import { pendingByCriterion, readPending } from './pending';
import { progressRows, type ProgressRow } from './progress.query';
import { reportedFromTop } from '../scoring/tree';
import { EntryState, ScoreEntry } from './score-entry.entity';
import { Blocker, BLOCKER_CODES, BlockerReason, blockersOf } from './blockers';

export class AssessmentService {
  constructor(private readonly em: Em) {}

  /** An assessment the viewer may read, or NOT_FOUND / FORBIDDEN. */
  async get(viewer: Viewer, id: string): Promise<Assessment> {
    const a = await this.em.findOne(Assessment, { id: assertId(id, 'Assessment') });
    if (!a) throw notFound('Assessment', id);
    assertCanReadAssessment(viewer, refOf(a));
    return a;
  }

  /** Every entry, in the framework's order. */
  entries(a: Assessment): Promise<ScoreEntry[]> {
    return this.em.find(ScoreEntry, { assessment: a.id }, { populate: ['criterion'], orderBy: { criterion: { ordinal: 'asc' } } });
  }

  /** The progress tree, flat, one row per node, in the framework's order (plain rows, see progress.query.ts). */
  async progress(a: Assessment, opts: { times?: boolean } = {}): Promise<ProgressRow[]> {
    const [list, pending] = await Promise.all([progressRows(this.em, a.id, opts), pendingByCriterion(this.em, a.id)]);
    if (pending.byId.size) for (const r of list) r.pendingMaxScore = fromHundredths(pending.byId.get(r.criterionId) ?? 0);
    return list;
  }

  /** The points of RELATIVE leaves waiting for the period's results (pending.ts), in hundredths. */
  async pendingMaxH(a: Assessment): Promise<number> {
    return (await readPending(this.em, a.id)).totalH;
  }


  /** The reported self total (DESIGN.md "Arithmetic"): top-level rows summed, capped and rescaled. */
  async selfTotalH(a: Assessment): Promise<{ totalH: number; maxH: number }> {
    await this.em.populate(a, ['period.framework']);
    const fw = a.period.framework;
    const top = await this.em.find(Progress, { assessment: a.id, criterion: { depth: 1 } }, { populate: ['criterion'] });
    return { totalH: reportedFromTop(top, fw), maxH: fw.maxH };
  }

  /**
   * The leader submits: refused with BAD_USER_INPUT unless `blockersOf` finds nothing (every leaf
   * DONE, N/A included, and every leaf that requires evidence has some, N/A leaves excepted); its
   * `problems` and `blockers` are that list, as `Assessment.blockers` shows it.
   * A submitted assessment is read-only for the unit.
   */
  async submit(viewer: Viewer, id: string): Promise<Assessment> {
    const assessmentId = assertId(id, 'Assessment');
    return this.em.transactional(async (em) => {
      // take the assessment's row first (seq + 1), as saves and evidence changes do, so that none
      // of them slips in between the check below and the status change
      const bumped = await em.createQueryBuilder(Assessment).update({ seq: raw('seq + 1') } as never).where({ id: assessmentId }).execute('run');
      if (!(bumped as { affectedRows?: number }).affectedRows) throw notFound('Assessment', id);
      const a = await em.findOneOrFail(Assessment, { id: assessmentId }, { populate: ['period'], refresh: true });
      assertUnitLeader(viewer, a.unit.id);
      if (a.period.phase !== Phase.SELF_ASSESSMENT) throw phaseClosed(`Submission is open only in SELF_ASSESSMENT; the period is in ${a.period.phase}.`);
      if (a.status !== AssessmentStatus.NOT_STARTED && a.status !== AssessmentStatus.IN_PROGRESS) throw phaseClosed(`The assessment is already ${a.status}.`);
      await assertDeadlineOpen(em, a);
      const blockers = await blockersOf(em, a);
      if (blockers.length) {
        const problems: Problem[] = blockers.map((b) => ({ path: b.code, message: b.message, code: BLOCKER_CODES[b.reason], params: { criterion: b.code } }));
        const codes = (list: Blocker[]) => [...new Set(list.map((b) => b.code))];
        throw badInput(problems, {
          blockers,
          blocking: codes(blockers),
          missingEvidence: codes(blockers.filter((b) => b.reason === BlockerReason.EVIDENCE_MISSING)),
        });
      }
      a.status = AssessmentStatus.SUBMITTED;
      a.submittedAt = new Date();
      await em.flush();
      await emitWebhookIn(em, WebhookEvent.ASSESSMENT_SUBMITTED, { assessmentId: a.id, periodId: a.period.id, unitId: a.unit.id, status: a.status, submittedAt: a.submittedAt.toISOString() });
      return a;
    });
  }
}
