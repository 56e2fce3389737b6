import { raw } from '@mikro-orm/core';
import { assertChair, refOf } from '../../common/access';
import type { Viewer } from '../../common/auth';
import { badInput, forbidden, notFound, phaseClosed } from '../../common/errors';
import { assertId } from '../../common/ids';
import type { Em } from '../../orm';
import { AppraisalService, type StatusResult } from '../appraisal/appraisal.service';
import { Assessment, AssessmentStatus } from '../assessment/assessment.entity';
import { ScoreEntry } from '../assessment/score-entry.entity';
import { Phase } from '../period/period.entity';
import { Role, User } from '../user/user.entity';
import { FinalizationSignature } from './finalization-signature.entity';
import { finalFiguresHash } from './figures.hash';

const MAX_REASON = 2000;
/** An assessment is reopened only while its period can still be appraised. */
const REOPEN_PHASES: readonly Phase[] = [Phase.APPRAISAL, Phase.EXPLANATION, Phase.FINAL_APPRAISAL];

/**
 * The signed finalization: the council's chair finalizes by signing (who, when, the hash of the
 * final figures); a FINAL assessment changes no more, until the ADMIN reopens it with a reason,
 * which voids the signature.
 */
export class SignatureService {
  constructor(private readonly em: Em) {}

  /** The chair signs: every final score is fixed, the assessment becomes FINAL, the signature records its hash. */
  async sign(viewer: Viewer, id: string): Promise<StatusResult & { signature: FinalizationSignature }> {
    const assessmentId = assertId(id, 'Assessment');
    const a = await this.em.findOne(Assessment, { id: assessmentId });
    if (!a) throw notFound('Assessment', assessmentId);
    if (viewer.role !== Role.APPRAISER) throw forbidden('Only the chair of the unit’s council signs its finalization.');
    assertChair(viewer, refOf(a));
    let signature: FinalizationSignature | null = null;
    const r = await new AppraisalService(this.em).finalize(viewer, assessmentId, async (em, locked, entries) => {
      signature = em.create(FinalizationSignature, {
        assessment: locked,
        signedBy: viewer.id,
        signedAt: new Date(),
        figuresHash: finalFiguresHash(locked.id, entries),
      } as never);
    });
    return { ...r, signature: signature! };
  }

  /** ADMIN: FINAL → APPRAISED, final scores cleared, the signature voided with the reason. */
  async reopen(viewer: Viewer, id: string, reason: string): Promise<{ assessment: Assessment; voided: FinalizationSignature | null }> {
    const assessmentId = assertId(id, 'Assessment');
    const why = (reason ?? '').trim();
    if (!why) throw badInput([{ path: 'reason', message: 'say why the assessment is reopened', code: 'REQUIRED', params: { field: 'reason' } }]);
    if (why.length > MAX_REASON) throw badInput([{ path: 'reason', message: `at most ${MAX_REASON} characters`, code: 'TOO_LONG', params: { field: 'reason', max: MAX_REASON } }]);
    if (viewer.role !== Role.ADMIN) throw forbidden('Only the administrator reopens a finalized assessment.');
    return this.em.transactional(async (em) => {
      const bumped = await em.createQueryBuilder(Assessment).update({ seq: raw('seq + 1') } as never).where({ id: assessmentId }).execute('run');
      if (!(bumped as { affectedRows?: number }).affectedRows) throw notFound('Assessment', assessmentId);
      const a = await em.findOneOrFail(Assessment, { id: assessmentId }, { populate: ['period'], refresh: true });
      if (a.status !== AssessmentStatus.FINAL) throw phaseClosed(`The assessment is ${a.status}; only a finalized assessment is reopened.`, { status: a.status });
      if (!REOPEN_PHASES.includes(a.period.phase)) {
        throw phaseClosed(`The period is ${a.period.phase}; an assessment is reopened while its period is in APPRAISAL, EXPLANATION or FINAL_APPRAISAL.`, { phase: a.period.phase });
      }
      const entries = await em.find(ScoreEntry, { assessment: a.id });
      for (const e of entries) e.finalScoreH = null;
      a.status = AssessmentStatus.APPRAISED;
      const voided = await em.findOne(FinalizationSignature, { assessment: a.id, voidedAt: null });
      if (voided) Object.assign(voided, { voidedAt: new Date(), voidedBy: em.getReference(User, viewer.id), voidReason: why });
      await em.flush();
      return { assessment: a, voided };
    });
  }

  /** The signature in force (null when unsigned or voided). */
  current(assessmentId: string): Promise<FinalizationSignature | null> {
    return this.em.findOne(FinalizationSignature, { assessment: assessmentId, voidedAt: null });
  }

  history(assessmentId: string): Promise<FinalizationSignature[]> {
    return this.em.find(FinalizationSignature, { assessment: assessmentId }, { orderBy: { signedAt: 'asc', id: 'asc' } });
  }

  /** Whether the figures still hash to what was signed (false once voided). */
  async holds(s: FinalizationSignature): Promise<boolean> {
    if (s.voidedAt) return false;
    const entries = await this.em.find(ScoreEntry, { assessment: s.assessment.id }, { populate: ['criterion'] });
    return finalFiguresHash(s.assessment.id, entries) === s.figuresHash;
  }
}
