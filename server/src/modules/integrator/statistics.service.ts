import { createHash, randomUUID } from 'node:crypto';
import type { Viewer } from '../../common/auth';
import { fromHundredths } from '../../common/decimal';
import { AppError, badInput, forbidden, InputProblems, notFound, type Problem } from '../../common/errors';
import { assertId } from '../../common/ids';
import { rows, sqlTime, transaction, type Stmt } from '../../common/sql';
import type { Em } from '../../orm';
import type { ChangeFacts } from '../assessment/assessment.publisher';
import { factsOf, writeScoreIn } from '../assessment/score.writer';
import { Criterion } from '../framework/criterion.entity';
import { Period, Phase } from '../period/period.entity';
import { computeLeafScore } from '../scoring/leaf-score';
import type { ScoreInput } from '../scoring/scoring.types';
import { afterRelativeFigure } from '../results/relative.writeback';
import { Unit } from '../unit/unit.entity';
import { emitWebhook } from '../webhook/webhook.emit';
import { WebhookEvent } from '../webhook/webhook.entity';
import { TokenScope } from './api-token.entity';
import { OPEN_STATUSES, PUSHABLE, statisticPlan } from './statistic.service';
import { StatisticPush } from './statistic-push.entity';
import { FigureKept, MAX_FIGURES, type PushedFigure, type PushStatisticsInput, type PushStatisticsPayload, type StatisticFigureInput } from './statistics.input';

/** Phases in which a figure is taken at all: as the unit's own (self-assessment) or for the council. */
const TAKEN: readonly Phase[] = [Phase.SELF_ASSESSMENT, Phase.APPRAISAL, Phase.EXPLANATION, Phase.FINAL_APPRAISAL];
const CHUNK = 500;

interface Planned {
  index: number;
  unitId: string;
  criterion: Criterion;
  assessmentId: string;
  entryId: string;
  value: ScoreInput;
  scoreH: number | null;
  sourceRef: string | null;
  /** where it goes, as read before the transaction; a self write refused there falls back to a source figure */
  self: boolean;
}

export interface PushedStatistics {
  payload: PushStatisticsPayload;
  facts: ChangeFacts[];
  /** the figures recorded by this call (none when replayed), for the `statistic.recorded` webhook */
  recorded: PushedFigure[];
}

/**
 * Many figures of one period in one call (pushStatistics), all or nothing: every figure is
 * checked first and every problem listed by its index (`figures[3].denominator`); then one
 * transaction writes them, the accepted call with its idempotency key last. A figure for a unit
 * still in self-assessment is written as its self score through the one write path of scores
 * (score.writer.ts); one that arrives after the unit submitted (or the period moved on to
 * appraisal) is kept beside the unit's own as the council's source figure (source_figure).
 */
export class StatisticsService {
  constructor(private readonly em: Em) {}

  async push(viewer: Viewer, input: PushStatisticsInput): Promise<PushedStatistics> {
    const integrator = viewer.integrator;
    if (!integrator || integrator.scope !== TokenScope.STATISTICS) throw forbidden('Only an API token with the STATISTICS scope may push statistics.');
    const periodId = assertId(input.periodId, 'Period');
    const key = typeof input.idempotencyKey === 'string' ? input.idempotencyKey.trim() : '';
    const head: Problem[] = [];
    if (!key || key.length > 200) head.push({ path: 'idempotencyKey', message: 'an idempotency key of 1 to 200 characters, unique per call (e.g. a UUID)', ...(key ? { code: 'TOO_LONG', params: { field: 'idempotencyKey', max: 200 } } : { code: 'REQUIRED', params: { field: 'idempotencyKey' } }) });
    const figures = Array.isArray(input.figures) ? input.figures : [];
    if (!figures.length || figures.length > MAX_FIGURES) head.push({ path: 'figures', message: `1 to ${MAX_FIGURES.toLocaleString('en-US')} figures per call; got ${figures.length}`, ...(figures.length ? { code: 'TOO_MANY', params: { field: 'figures', max: MAX_FIGURES } } : { code: 'REQUIRED', params: { field: 'figures' } }) });
    if (head.length) throw badInput(head);

    const requestHash = hashOf(periodId, figures);
    const before = await this.replay(integrator.tokenId, key, requestHash);
    if (before) return before;

    const period = await this.em.findOne(Period, { id: periodId }, { populate: ['framework'] as never });
    if (!period) throw notFound('Period', periodId);
    const planned = await this.plan(period, figures);

    const facts: ChangeFacts[] = [];
    const relative = new Set<string>();
    let result: PushStatisticsPayload;
    try {
      result = await transaction(this.em, async (tx) => {
        const out: PushedFigure[] = [];
        const sourceStatements: Stmt[] = [];
        const now = new Date();
        // by assessment, so that two calls at once take the assessments' rows in the same order
        for (const p of [...planned].sort((a, b) => a.assessmentId.localeCompare(b.assessmentId) || a.index - b.index)) {
          let self = p.self;
          if (self) {
            try {
              const written = await writeScoreIn(tx, this.em, {
                assessmentId: p.assessmentId,
                criterionId: p.criterion.id,
                check: (h) => {
                  if (h.phase !== Phase.SELF_ASSESSMENT || !OPEN_STATUSES.includes(h.status)) throw new SourceInstead();
                },
                current: (entry) => entry,
                plan: (h, entry) => statisticPlan(h, entry, p.value, integrator.name, p.sourceRef),
              });
              facts.push(factsOf(written, ['SCORE_SAVED'], viewer));
              if (written.after.method === 'RELATIVE') relative.add(p.criterion.id);
              out.push(this.pushed(p, FigureKept.SELF_SCORE, written.after.selfScoreH));
            } catch (e) {
              // submitted meanwhile, or past the self-assessment deadline: nothing was written for
              // it (the checks come before any write); kept for the council instead
              if (!(e instanceof SourceInstead) && !(e instanceof AppError && e.extensions.code === 'PHASE_CLOSED')) throw e;
              self = false;
            }
          }
          if (!self) {
            sourceStatements.push(
              { sql: 'delete from "source_figure" where "entry_id" = ?', params: [p.entryId] },
              {
                sql: 'insert into "source_figure" ("id", "created_at", "updated_at", "entry_id", "assessment_id", "numerator", "denominator", "figure", "score_h", "source", "source_ref") values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
                params: [randomUUID(), sqlTime(this.em, now), sqlTime(this.em, now), p.entryId, p.assessmentId, p.value.numerator ?? null, p.value.denominator ?? null, p.value.figure ?? null, p.scoreH, integrator.name, p.sourceRef],
              },
            );
            out.push(this.pushed(p, FigureKept.SOURCE_FIGURE, p.scoreH));
          }
        }
        out.sort((a, b) => a.index - b.index);
        const payload: PushStatisticsPayload = {
          idempotencyKey: key,
          replayed: false,
          selfScores: out.filter((f) => f.keptAs === FigureKept.SELF_SCORE).length,
          sourceFigures: out.filter((f) => f.keptAs === FigureKept.SOURCE_FIGURE).length,
          figures: out,
        };
        for (let i = 0; i < sourceStatements.length; i += CHUNK) await tx.run(sourceStatements.slice(i, i + CHUNK));
        await tx.run([
          {
            sql: 'insert into "statistic_push" ("id", "created_at", "updated_at", "token_id", "idempotency_key", "request_hash", "result") values (?, ?, ?, ?, ?, ?, ?)',
            params: [randomUUID(), sqlTime(this.em, now), sqlTime(this.em, now), integrator.tokenId, key, requestHash, JSON.stringify(payload)],
          },
        ]);
        await emitWebhook(tx, this.em, WebhookEvent.STATISTIC_RECORDED, { periodId, source: integrator.name, idempotencyKey: key, figures: out.map(({ index, ...f }) => f) });
        return payload;
      });
    } catch (e) {
      // the same call, sent twice at once: the other one has committed it
      const replayed = await this.replay(integrator.tokenId, key, requestHash).catch(() => null);
      if (replayed) return replayed;
      throw e;
    }
    // a RELATIVE figure moves every unit's score of that leaf once the period's results exist
    for (const criterionId of relative) facts.push(...(await afterRelativeFigure(this.em, periodId, criterionId, viewer)));
    return { payload: result, facts, recorded: result.figures };
  }

  /** The stored answer of a call already accepted with this key; BAD_USER_INPUT when the key was used for other figures. */
  private async replay(tokenId: string, key: string, requestHash: string): Promise<PushedStatistics | null> {
    const [seen] = await rows<{ request_hash: string; result: unknown }>(this.em, 'select "request_hash", "result" from "statistic_push" where "token_id" = ? and "idempotency_key" = ?', [tokenId, key]);
    if (!seen) return null;
    if (seen.request_hash !== requestHash) {
      throw badInput([{ path: 'idempotencyKey', message: 'this idempotency key was used for a call with other figures; choose a new key for a new call', code: 'IDEMPOTENCY_KEY_REUSED', params: {} }]);
    }
    const stored = (typeof seen.result === 'string' ? JSON.parse(seen.result) : seen.result) as PushStatisticsPayload;
    return { payload: { ...stored, replayed: true }, facts: [], recorded: [] };
  }

  private pushed(p: Planned, keptAs: FigureKept, scoreH: number | null): PushedFigure {
    return { index: p.index, unitId: p.unitId, criterionCode: p.criterion.code, entryId: p.entryId, keptAs, score: scoreH == null ? null : fromHundredths(scoreH) };
  }

  /** Every figure checked against the period, its units, criteria and entries; every problem at once. */
  private async plan(period: Period, figures: StatisticFigureInput[]): Promise<Planned[]> {
    const problems: Problem[] = [];
    const at = (i: number, field: string) => `figures[${i}].${field}`;
    if (!TAKEN.includes(period.phase)) {
      throw new AppError('PHASE_CLOSED', `Statistics are taken from SELF_ASSESSMENT to FINAL_APPRAISAL; the period is in ${period.phase}.`, { phase: period.phase });
    }
    const ids = new Set<string>();
    const codes = new Set<string>();
    const criterionCodes = new Set<string>();
    figures.forEach((f, i) => {
      const byId = f?.unitId != null && f.unitId !== '';
      const byCode = typeof f?.unitCode === 'string' && f.unitCode.trim() !== '';
      if (byId === byCode) problems.push({ path: at(i, 'unitId'), message: 'name the unit by unitId or by unitCode (one of them)', code: 'UNIT_ID_OR_CODE', params: {} });
      else if (byId) ids.add(String(f.unitId));
      else codes.add(f.unitCode!.trim());
      if (typeof f?.criterionCode === 'string' && f.criterionCode.trim()) criterionCodes.add(f.criterionCode.trim());
      else problems.push({ path: at(i, 'criterionCode'), message: 'criterionCode is required', code: 'REQUIRED', params: { field: 'criterionCode' } });
      if (f?.sourceRef != null && (typeof f.sourceRef !== 'string' || f.sourceRef.length > 500)) problems.push({ path: at(i, 'sourceRef'), message: 'at most 500 characters', code: 'TOO_LONG', params: { field: 'sourceRef', max: 500 } });
    });
    const validIds = [...ids].filter((id) => /^[0-9a-f-]{36}$/i.test(id));
    const units: Unit[] = [];
    for (const part of chunks(validIds)) units.push(...(await this.em.find(Unit, { id: { $in: part } })));
    for (const part of chunks([...codes])) units.push(...(await this.em.find(Unit, { code: { $in: part } })));
    const unitById = new Map(units.map((u) => [u.id, u]));
    const unitByCode = new Map(units.map((u) => [u.code, u]));
    const criteria: Criterion[] = [];
    for (const part of chunks([...criterionCodes])) criteria.push(...(await this.em.find(Criterion, { framework: period.framework.id, code: { $in: part } })));
    const criterionByCode = new Map(criteria.map((c) => [c.code, c]));
    const assessments = await rows<{ id: string; unit_id: string; status: string }>(this.em, 'select "id", "unit_id", "status" from "assessment" where "period_id" = ?', [period.id]);
    const assessmentOf = new Map(assessments.map((a) => [a.unit_id, a]));

    const found: { i: number; f: StatisticFigureInput; unit: Unit; criterion: Criterion; assessment: { id: string; status: string } }[] = [];
    const seen = new Map<string, number>();
    figures.forEach((f, i) => {
      const unit = f?.unitId != null && f.unitId !== '' ? unitById.get(String(f.unitId)) : typeof f?.unitCode === 'string' ? unitByCode.get(f.unitCode.trim()) : undefined;
      const named = (f?.unitId != null && f.unitId !== '') !== (typeof f?.unitCode === 'string' && f.unitCode.trim() !== '');
      if (named && !unit) problems.push({ path: at(i, f.unitId ? 'unitId' : 'unitCode'), message: `no unit ${f.unitId ?? f.unitCode}`, code: 'UNKNOWN_REFERENCE', params: { field: f.unitId ? 'unitId' : 'unitCode', value: String(f.unitId ?? f.unitCode) } });
      const code = typeof f?.criterionCode === 'string' ? f.criterionCode.trim() : '';
      const criterion = code ? criterionByCode.get(code) : undefined;
      if (code && !criterion) problems.push({ path: at(i, 'criterionCode'), message: `no criterion ${code} in the period's framework`, code: 'UNKNOWN_REFERENCE', params: { field: 'criterionCode', value: code } });
      else if (criterion && (!criterion.isLeaf || !criterion.method || !PUSHABLE.includes(criterion.method))) {
        problems.push({ path: at(i, 'criterionCode'), message: `${code} is ${criterion.isLeaf ? `a ${criterion.method} indicator` : 'a group'}; statistics are pushed to RATIO and RELATIVE indicators only`, code: 'NOT_A_STATISTIC', params: { criterion: code } });
      }
      const assessment = unit ? assessmentOf.get(unit.id) : undefined;
      if (unit && !assessment) problems.push({ path: at(i, 'unitId'), message: `unit ${unit.code} takes no part in this period`, code: 'UNIT_NOT_IN_PERIOD', params: { field: 'unitId' } });
      if (unit && criterion) {
        const k = `${unit.id}|${criterion.id}`;
        const first = seen.get(k);
        if (first !== undefined) problems.push({ path: at(i, 'criterionCode'), message: `the same unit and criterion as figures[${first}]: one figure each per call`, code: 'DUPLICATE', params: { field: 'criterionCode', value: `${unit.code} ${criterion.code}`, first } });
        else seen.set(k, i);
      }
      if (unit && criterion && assessment && criterion.isLeaf && criterion.method && PUSHABLE.includes(criterion.method)) found.push({ i, f, unit, criterion, assessment });
    });

    const entryIds = new Map<string, string>();
    const assessmentIds = [...new Set(found.map((x) => x.assessment.id))];
    const criterionIds = [...new Set(found.map((x) => x.criterion.id))];
    for (const part of chunks(assessmentIds, 200)) {
      for (const cpart of chunks(criterionIds, 200)) {
        const q = `select "id", "assessment_id", "criterion_id" from "score_entry" where "assessment_id" in (${part.map(() => '?').join(', ')}) and "criterion_id" in (${cpart.map(() => '?').join(', ')})`;
        for (const r of await rows<{ id: string; assessment_id: string; criterion_id: string }>(this.em, q, [...part, ...cpart])) entryIds.set(`${r.assessment_id}|${r.criterion_id}`, r.id);
      }
    }

    const planned: Planned[] = [];
    for (const { i, f, unit, criterion, assessment } of found) {
      const value: ScoreInput = {};
      if (f.numerator != null) value.numerator = f.numerator;
      if (f.denominator != null) value.denominator = f.denominator;
      if (f.figure != null) value.figure = f.figure;
      let scoreH: number | null = null;
      try {
        scoreH = computeLeafScore(criterion.rule(), value, period.framework.notApplicable).scoreH;
      } catch (e) {
        if (!(e instanceof InputProblems)) throw e;
        for (const p of e.problems) {
          const field = typeof p.params?.field === 'string' ? p.params.field : '';
          problems.push({ ...p, path: at(i, field || 'value') });
        }
        continue;
      }
      const entryId = entryIds.get(`${assessment.id}|${criterion.id}`);
      if (!entryId) {
        problems.push({ path: at(i, 'criterionCode'), message: `unit ${unit.code} has no entry for ${criterion.code}`, code: 'NO_ENTRY', params: { unit: unit.code, criterion: criterion.code } });
        continue;
      }
      const self = period.phase === Phase.SELF_ASSESSMENT && (OPEN_STATUSES as readonly string[]).includes(assessment.status);
      planned.push({
        index: i,
        unitId: unit.id,
        criterion,
        assessmentId: assessment.id,
        entryId,
        value,
        scoreH: criterion.method === 'RELATIVE' ? null : scoreH,
        sourceRef: typeof f.sourceRef === 'string' && f.sourceRef.trim() ? f.sourceRef.trim() : null,
        self,
      });
    }
    if (problems.length) {
      problems.sort((a, b) => indexOf(a.path) - indexOf(b.path));
      throw badInput(problems, { figures: figures.length });
    }
    return planned;
  }
}

/** Thrown inside the write's checks when the unit has submitted meanwhile: the figure goes to the council instead. */
class SourceInstead extends Error {}

const indexOf = (path: string): number => Number(/^figures\[(\d+)\]/.exec(path)?.[1] ?? -1);

function chunks<T>(list: T[], size = CHUNK): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < list.length; i += size) out.push(list.slice(i, i + size));
  return out;
}

/** The same figures in the same order give the same hash (what an idempotent retry sends). */
function hashOf(periodId: string, figures: StatisticFigureInput[]): string {
  const normal = figures.map((f) => [f?.unitId ?? null, f?.unitCode ?? null, f?.criterionCode ?? null, f?.numerator ?? null, f?.denominator ?? null, f?.figure ?? null, f?.sourceRef ?? null]);
  return createHash('sha256').update(JSON.stringify([periodId, normal])).digest('hex');
}
