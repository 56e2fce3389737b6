import { raw } from '@mikro-orm/core';
import { assertCanReadAssessment, assertMayAppraise, canReadAssessment, refOf } from '../../common/access';
import { loadViewer, type Viewer } from '../../common/auth';
import { badInput, notFound, phaseClosed, type Problem } from '../../common/errors';
import { assertId, isUuid } from '../../common/ids';
import type { Em } from '../../orm';
import { Assessment, AssessmentStatus } from '../assessment/assessment.entity';
import { ScoreEntry } from '../assessment/score-entry.entity';
import { Phase } from '../period/period.entity';
import { Role, User } from '../user/user.entity';
import { InspectionFile } from './inspection-file.entity';
import type { RecordInspectionInput } from './inspection.input';
import { Inspection, type FindingRow } from './inspection.entity';

const MAX_TEXT = 5000;
const MAX_FINDINGS = 500;
const MAX_MEMBERS = 100;
/** On-site inspections happen during appraisal. */
const INSPECTION_PHASES: readonly Phase[] = [Phase.APPRAISAL, Phase.EXPLANATION, Phase.FINAL_APPRAISAL];
const IN_APPRAISAL: readonly AssessmentStatus[] = [AssessmentStatus.SUBMITTED, AssessmentStatus.RETURNED, AssessmentStatus.APPRAISED];

/** On-site inspections (kiểm tra thực tế): recorded by the unit's council during appraisal. */
export class InspectionService {
  constructor(private readonly em: Em) {}

  async record(viewer: Viewer, input: RecordInspectionInput): Promise<{ inspection: Inspection; assessment: Assessment }> {
    const assessmentId = assertId(input.assessmentId, 'Assessment');
    return this.em.transactional(async (em) => {
      const bumped = await em.createQueryBuilder(Assessment).update({ seq: raw('seq + 1') } as never).where({ id: assessmentId }).execute('run');
      if (!(bumped as { affectedRows?: number }).affectedRows) throw notFound('Assessment', assessmentId);
      const a = await em.findOneOrFail(Assessment, { id: assessmentId }, { populate: ['period', 'unit'], refresh: true });
      assertCanReadAssessment(viewer, refOf(a));
      assertMayAppraise(viewer, refOf(a));
      assertInAppraisal(a);

      const problems: Problem[] = [];
      const date = (input.date ?? '').trim();
      const day = /^\d{4}-\d{2}-\d{2}$/.test(date) ? new Date(`${date}T00:00:00Z`) : null;
      if (!day || Number.isNaN(day.getTime()) || day.toISOString().slice(0, 10) !== date) problems.push({ path: 'date', message: 'a day as YYYY-MM-DD', code: 'INVALID_DATE', params: { field: 'date' } });
      else if (day.getTime() > Date.now() + 86_400_000) problems.push({ path: 'date', message: 'an inspection is recorded after it took place', code: 'MUST_BE_PAST', params: { field: 'date' } });
      const place = (input.place ?? '').trim();
      if (!place) problems.push({ path: 'place', message: 'say where', code: 'REQUIRED', params: { field: 'place' } });
      if (place.length > 500) problems.push({ path: 'place', message: 'at most 500 characters', code: 'TOO_LONG', params: { field: 'place', max: 500 } });

      const memberIds = [...new Set(input.memberIds.map((m) => m.toLowerCase()))];
      if (memberIds.length === 0) problems.push({ path: 'memberIds', message: 'name the people present', code: 'REQUIRED', params: { field: 'memberIds' } });
      if (memberIds.length > MAX_MEMBERS) problems.push({ path: 'memberIds', message: `at most ${MAX_MEMBERS} people`, code: 'TOO_MANY', params: { field: 'memberIds', max: MAX_MEMBERS } });
      for (const [i, id] of memberIds.entries()) {
        const person = isUuid(id) ? await loadViewer(em, id) : null;
        const unitPerson = person && (person.role === Role.LEADER || person.role === Role.STAFF) && person.unitId === a.unit.id;
        const council = person && person.role === Role.APPRAISER && canReadAssessment(person, refOf(a));
        if (!unitPerson && !council) problems.push({ path: `memberIds.${i}`, message: 'not one of the unit’s people or its council', code: 'NOT_UNIT_OR_COUNCIL', params: {} });
      }

      if (input.findings.length > MAX_FINDINGS) problems.push({ path: 'findings', message: `at most ${MAX_FINDINGS} findings`, code: 'TOO_MANY', params: { field: 'findings', max: MAX_FINDINGS } });
      const criterionIds = input.findings.map((f) => f.criterionId.toLowerCase()).filter(isUuid);
      const entries = criterionIds.length ? await em.find(ScoreEntry, { assessment: a.id, criterion: { $in: criterionIds } }, { populate: ['criterion'] }) : [];
      const entryOf = new Map(entries.map((e) => [e.criterion.id, e]));
      const findings: FindingRow[] = [];
      input.findings.forEach((f, i) => {
        const e = entryOf.get(f.criterionId.toLowerCase());
        const text = (f.text ?? '').trim();
        if (!e) problems.push({ path: `findings.${i}.criterionId`, message: 'not a leaf criterion of this assessment', code: 'NOT_A_LEAF', params: {} });
        if (!text) problems.push({ path: `findings.${i}.text`, message: 'say what was found', code: 'REQUIRED', params: { field: 'text' } });
        if (text.length > MAX_TEXT) problems.push({ path: `findings.${i}.text`, message: `at most ${MAX_TEXT} characters`, code: 'TOO_LONG', params: { field: 'text', max: MAX_TEXT } });
        if (e && text) findings.push({ criterionId: e.criterion.id, entryId: e.id, code: e.criterion.code, text });
      });
      if (problems.length) throw badInput(problems);

      const inspection = em.create(Inspection, { assessment: a, date, place, memberIds, findings, recordedBy: em.getReference(User, viewer.id) } as never);
      await em.flush();
      return { inspection, assessment: a };
    });
  }

  /** Checks that the viewer may add a file to this inspection (before a byte is stored). */
  async precheckFile(viewer: Viewer, inspectionId: string): Promise<Inspection> {
    const id = assertId(inspectionId, 'Inspection');
    const inspection = await this.em.findOne(Inspection, { id }, { populate: ['assessment', 'assessment.period'] });
    if (!inspection) throw notFound('Inspection', id);
    const a = inspection.assessment;
    assertCanReadAssessment(viewer, refOf(a));
    assertMayAppraise(viewer, refOf(a));
    assertInAppraisal(a);
    return inspection;
  }

  async addFile(viewer: Viewer, inspectionId: string, file: { name: string; mimeType: string; size: number; sha256: string; storageKey: string }): Promise<{ file: InspectionFile; assessment: Assessment }> {
    const inspection = await this.precheckFile(viewer, inspectionId);
    const row = this.em.create(InspectionFile, { inspection, assessment: inspection.assessment, ...file, uploadedBy: this.em.getReference(User, viewer.id) } as never);
    await this.em.flush();
    return { file: row, assessment: inspection.assessment };
  }

  /** A file the viewer may download. */
  async readableFile(viewer: Viewer, id: string): Promise<InspectionFile> {
    const fileId = assertId(id, 'InspectionFile');
    const f = await this.em.findOne(InspectionFile, { id: fileId }, { populate: ['assessment'] });
    if (!f) throw notFound('Inspection file', fileId);
    assertCanReadAssessment(viewer, refOf(f.assessment));
    return f;
  }

  forAssessment(assessmentId: string): Promise<Inspection[]> {
    return this.em.find(Inspection, { assessment: assessmentId }, { orderBy: { date: 'asc', createdAt: 'asc' } });
  }
}

function assertInAppraisal(a: Assessment): void {
  if (!INSPECTION_PHASES.includes(a.period.phase)) {
    throw phaseClosed(`Inspections are recorded during appraisal (APPRAISAL, EXPLANATION, FINAL_APPRAISAL); the period is in ${a.period.phase}.`, { phase: a.period.phase });
  }
  if (!IN_APPRAISAL.includes(a.status)) throw phaseClosed(`The assessment is ${a.status}; inspections are recorded while it is appraised.`, { status: a.status });
}
