import { emitWebhookIn } from '../webhook/webhook.emit';
import { WebhookEvent } from '../webhook/webhook.entity';
import { phaseChangeFacts } from '../period/phase.change';
import { resultsPublished } from '../notification/notification.texts';
import { notifyIn, type Notice } from '../notification/notify';
import { randomUUID } from 'node:crypto';
import type { Viewer } from '../../common/auth';
import { fromHundredths } from '../../common/decimal';
import { forbidden, notFound, phaseClosed } from '../../common/errors';
import { SEE_ALL_RESULTS } from '../../common/access';
import { assertId } from '../../common/ids';
import type { Em } from '../../orm';
import { appraisedOf } from '../appraisal/appraised';
import { Assessment, AssessmentStatus } from '../assessment/assessment.entity';
import { AssessmentService } from '../assessment/assessment.service';
import { ScoreEntry } from '../assessment/score-entry.entity';
import { Criterion, ScoringMethod } from '../framework/criterion.entity';
import { Period, Phase } from '../period/period.entity';
import { assertAcknowledged } from '../period/incomplete';
import { Unit, type UnitKind } from '../unit/unit.entity';
import { Role, User } from '../user/user.entity';
import { ormTx, rows, sqlTime } from '../../common/sql';
import { columnsOf, detached } from '../../common/detached';
import type { ChangeFacts } from '../assessment/assessment.publisher';
import { rewriteRelative } from './relative.writeback';
import { entryRowOf, loadEntryRows, type EntryRow } from './entry.rows';
import { leafAt, periodScorer, rankPeriod, type ComputedResult, type Level, type ScoredAssessment } from './results.compute';
import { Result } from './result.entity';
import { GroupResultRow, ImprovementBasis, ImprovementItem, RankingRow, ResultBasis } from './results.types';

/** A result as stored or freshly computed, with the previous period's figures. */
interface ResultData extends Omit<ComputedResult, 'unitId' | 'unitKind' | 'rankedH'> {
  previousTotalH: number | null;
  previousRank: number | null;
  computedAt: Date;
}

/** Statuses of a unit that has not submitted its self-assessment. */
const NOT_SUBMITTED: readonly AssessmentStatus[] = [AssessmentStatus.NOT_STARTED, AssessmentStatus.IN_PROGRESS];

const rankedOf = (r: { selfTotalH: number; round1TotalH?: number | null; finalTotalH?: number | null }): number =>
  r.finalTotalH ?? r.round1TotalH ?? r.selfTotalH;
const h = (x: number | null | undefined): number | null => (x == null ? null : fromHundredths(x));

/**
 * Results: totals, indices, ranks, bands and the change against the previous period, computed
 * for a whole period at once and stored in Result rows (replaced on every computation).
 */
export class ResultsService {
  constructor(private readonly em: Em) {}

  /**
   * ADMIN: computes and stores the period's results (any phase after DRAFT) and, in the same
   * transaction, writes every RELATIVE score into its entry and progress chain
   * (relative.writeback.ts); `facts` are the live events to publish after commit.
   */
  async computeResults(viewer: Viewer, id: string): Promise<{ rows: RankingRow[]; facts: ChangeFacts[] }> {
    const periodId = assertId(id, 'Period');
    return this.em.transactional(async (em) => {
      const period = await lockPeriod(em, periodId);
      if (period.phase === Phase.DRAFT) throw phaseClosed('A DRAFT period has nothing to compute; open it first.', { phase: period.phase });
      const facts = await rewriteRelative(ormTx(em), em, period.id, null, viewer);
      const data = await store(em, period, await computeWithPrevious(em, period));
      return { rows: await toRows(em, data), facts };
    });
  }

  /** ADMIN: a FINALIZED period's results are computed, stored (RELATIVE scores written), and the period becomes PUBLISHED. */
  async publishResults(viewer: Viewer, id: string, acknowledgeIncomplete = false): Promise<{ period: Period; facts: ChangeFacts[]; notices: Notice[] }> {
    const periodId = assertId(id, 'Period');
    return this.em.transactional(async (em) => {
      const period = await lockPeriod(em, periodId);
      if (period.phase !== Phase.FINALIZED) {
        throw phaseClosed(`Results are published from a FINALIZED period; this one is in ${period.phase}.`, { phase: period.phase });
      }
      await assertAcknowledged(em, period.id, Phase.PUBLISHED, acknowledgeIncomplete);
      const facts = await rewriteRelative(ormTx(em), em, period.id, null, viewer);
      await store(em, period, await computeWithPrevious(em, period));
      period.phase = Phase.PUBLISHED;
      period.publishedAt = new Date();
      await em.flush();
      // the units' people, the council and the watchers are told in the same transaction
      const units = (await em.find(Assessment, { period: period.id }, { fields: ['unit'] })).map((a) => a.unit.id);
      const people = await em.find(User, { active: true, $or: [{ unit: { $in: units }, role: { $in: [Role.LEADER, Role.STAFF] } }, { role: { $in: [Role.APPRAISER, Role.VIEWER] } }] });
      const notices = await notifyIn(em, people.map((u) => resultsPublished(u.id, period.id, period.name)));
      await emitWebhookIn(em, WebhookEvent.RESULTS_PUBLISHED, { periodId: period.id, name: period.name, year: period.year });
      return { period, facts: [...facts, ...(await phaseChangeFacts(em, period, Phase.PUBLISHED, viewer))], notices };
    });
  }

  /**
   * The ranking of one unit kind: everyone once PUBLISHED; ADMIN, VIEWER and APPRAISER always;
   * a unit's LEADER and STAFF before publishing see their own unit's row only.
   */
  async ranking(viewer: Viewer, id: string, unitKind: UnitKind): Promise<RankingRow[]> {
    const period = await this.em.findOne(Period, { id: assertId(id, 'Period') }, { populate: ['framework'] });
    if (!period) throw notFound('Period', id);
    const all = SEE_ALL_RESULTS.includes(viewer.role) || period.phase === Phase.PUBLISHED;
    const unitOnly = !all && (viewer.role === Role.LEADER || viewer.role === Role.STAFF);
    if (!all && !unitOnly) throw forbidden('The results of this period are not published yet.');

    const rows = (await periodRanking(this.em, period)).filter((r) => r.unit.kind === unitKind);
    return unitOnly ? rows.filter((r) => r.unit.id === viewer.unitId) : rows;
  }

  /** The stored result of one assessment the viewer may read (null before any computation). */
  async resultOf(a: Assessment): Promise<RankingRow | null> {
    const r = await this.em.findOne(Result, { assessment: a.id }, { populate: ['assessment'] });
    if (!r) return null;
    return (await toRows(this.em, [fromStored(r)]))[0] ?? null;
  }

  /**
   * The leaves that did not reach their maximum, most points lost first: judged by the final
   * score once finalized, else the latest appraisal, else the self score; N/A leaves are left out.
   */
  async improvementList(viewer: Viewer, id: string): Promise<ImprovementItem[]> {
    const a = await new AssessmentService(this.em).get(viewer, id);
    const entries = await this.em.find(ScoreEntry, { assessment: a.id }, { populate: ['criterion'], orderBy: { criterion: { ordinal: 'asc' } } });
    const items: (ImprovementItem & { ordinal: number })[] = [];
    for (const e of entries) {
      const c = e.criterion;
      const basis =
        a.status === AssessmentStatus.FINAL ? ImprovementBasis.FINAL : appraisedOf(e).held ? ImprovementBasis.APPRAISED : ImprovementBasis.SELF;
      const level: Level = basis === ImprovementBasis.SELF ? 'SELF' : 'FINAL';
      const leaf = leafAt(entryRowOf(e), level);
      if (leaf?.notApplicable) continue;
      // a RELATIVE leaf reads the score the results wrote into it (relative.writeback.ts); until
      // results exist a figure's points are pending, not lost, and no other unit's figure is
      // looked at (a leaf with no figure at all has lost its points)
      if (c.method === ScoringMethod.RELATIVE && leaf?.figure != null && leaf.scoreH == null) continue;
      const scoreH = leaf?.scoreH ?? 0;
      const lostH = c.method === ScoringMethod.DEDUCTION ? -scoreH : c.maxH - scoreH;
      if (lostH <= 0) continue;
      items.push({
        criterionId: c.id,
        code: c.code,
        title: c.title,
        maxScore: fromHundredths(c.maxH),
        score: fromHundredths(scoreH),
        pointsLost: fromHundredths(lostH),
        basis,
        ordinal: c.ordinal,
      });
    }
    items.sort((x, y) => y.pointsLost - x.pointsLost || x.ordinal - y.ordinal);
    return items.map(({ ordinal: _, ...item }) => item);
  }
}

/**
 * A period's rows as stored (every unit kind, by rank), without any check of who asks: the one
 * reading of the figures behind `ranking` and the public pages (modules/public). A period
 * published without publishResults (setPeriodPhase) has none stored and is ranked in memory.
 * `unitId` keeps that unit's row only (its rank is the stored one, among all the units).
 */
export async function periodRanking(em: Em, period: Period, unitId?: string): Promise<RankingRow[]> {
  const stored = await em.find(Result, unitId ? { period: period.id, assessment: { unit: unitId } } : { period: period.id }, { populate: ['assessment'] });
  let data: ResultData[] = stored.map(fromStored);
  const noneStored = !stored.length && (!unitId || !(await em.count(Result, { period: period.id })));
  if (noneStored && period.phase === Phase.PUBLISHED) {
    data = await computeWithPrevious(em, period);
    if (unitId) {
      const own = new Set((await em.find(Assessment, { period: period.id, unit: unitId }, { fields: ['id'] })).map((a) => a.id));
      data = data.filter((d) => own.has(d.assessmentId));
    }
  }
  return toRows(em, data);
}

/** Takes the period's row first, so that two computations of one period never interleave. */
async function lockPeriod(em: Em, id: string): Promise<Period> {
  const touched = await em.nativeUpdate(Period, { id }, { updatedAt: new Date() } as never);
  if (!touched) throw notFound('Period', id);
  return em.findOneOrFail(Period, { id }, { populate: ['framework'], refresh: true });
}

/**
 * How computing results reads: `assessments` per read of entries (a slice of the period's
 * entries lives at a time, not all of them), `ids` per `in (…)` list (well under either
 * database's limit of bound parameters). A test sets them small to read a small period in slices.
 */
export const RESULT_READS = { assessments: 500, ids: 1000 };

/**
 * Loads a period's assessments and entries and computes its results (no previous figures). The
 * assessments and entries are read as plain rows (entry.rows.ts), never hydrated as entities: a
 * period holds units × leaves entries (1.32 M for 11,000 units × 120 leaves). The entries are
 * read and scored RESULT_READS.assessments at a time, after the RELATIVE leaves' entries
 * of the whole period (their bests), so the rows of the whole period never live at once.
 */
async function computePeriod(em: Em, period: Period): Promise<ComputedResult[]> {
  await em.populate(period, ['framework']);
  const fw = period.framework;
  const criteria = await em.find(Criterion, { framework: fw.id }, { orderBy: { ordinal: 'asc' } });
  const assessments = await rows<{ id: string; status: AssessmentStatus; unit_id: string; kind: string }>(
    em,
    'select a.id, a.status, a.unit_id, u.kind from assessment a join unit u on u.id = a.unit_id where a.period_id = ?',
    [period.id],
  );
  const hasRelative = criteria.some((c) => c.method === ScoringMethod.RELATIVE);
  const relativeEntries = hasRelative ? await loadEntryRows(em, period.id, true, { relativeOnly: true }) : [];
  const score = periodScorer({ maxH: fw.maxH, notApplicable: fw.notApplicable, capTotal: fw.capTotal, bands: fw.bands }, criteria, relativeEntries);
  const scored: ScoredAssessment[] = [];
  const step = RESULT_READS.assessments;
  const read = (i: number) => loadEntryRows(em, period.id, hasRelative, { assessmentIds: assessments.slice(i, i + step).map((a) => a.id) });
  // the next slice is asked for before this one is scored: the database reads it meanwhile
  let next = assessments.length ? read(0) : null;
  try {
    for (let i = 0; i < assessments.length; i += step) {
      const entries = await next!;
      next = i + step < assessments.length ? read(i + step) : null;
      const slice = assessments.slice(i, i + step);
      const byAssessment = new Map<string, EntryRow[]>(slice.map((a) => [a.id, []]));
      for (const e of entries) byAssessment.get(e.assessmentId)?.push(e);
      for (const a of slice) scored.push(score({ id: a.id, unitId: a.unit_id, unitKind: a.kind, status: a.status, entries: byAssessment.get(a.id)! }));
    }
  } catch (e) {
    next?.catch(() => undefined); // the read under way fails with the transaction: already reported
    throw e;
  }
  return rankPeriod(criteria, scored);
}

/**
 * The period's results with each unit's previous figures: its latest PUBLISHED period of an
 * earlier year whose framework has the same code (stored results, else computed in memory).
 */
async function computeWithPrevious(em: Em, period: Period): Promise<ResultData[]> {
  const computed = await computePeriod(em, period);
  const unitIds = computed.map((r) => r.unitId);
  const earlier = unitIds.length
    ? await em.find(
        Assessment,
        { unit: { $in: unitIds }, period: { year: { $lt: period.year }, phase: Phase.PUBLISHED, framework: { code: period.framework.code } } },
        { populate: ['period'] },
      )
    : [];
  const latest = new Map<string, Assessment>();
  for (const a of earlier) {
    const cur = latest.get(a.unit.id);
    const newer = !cur || a.period.year > cur.period.year || (a.period.year === cur.period.year && a.period.createdAt > cur.period.createdAt);
    if (newer) latest.set(a.unit.id, a);
  }
  const previous = new Map<string, { totalH: number; rank: number }>(); // by assessment id
  const prevIds = [...latest.values()].map((a) => a.id);
  if (prevIds.length) {
    for (const r of await em.find(Result, { assessment: { $in: prevIds } })) previous.set(r.assessment.id, { totalH: rankedOf(r), rank: r.rank });
    const missing = new Map<string, Period>();
    for (const a of latest.values()) if (!previous.has(a.id)) missing.set(a.period.id, a.period);
    for (const p of missing.values()) {
      for (const r of await computePeriod(em, p)) if (!previous.has(r.assessmentId)) previous.set(r.assessmentId, { totalH: r.rankedH, rank: r.rank });
    }
  }
  const now = new Date();
  return computed.map(({ unitId, unitKind: _, rankedH: __, ...r }) => {
    const prevAssessment = latest.get(unitId);
    const prev = prevAssessment ? previous.get(prevAssessment.id) : undefined;
    return { ...r, previousTotalH: prev?.totalH ?? null, previousRank: prev?.rank ?? null, computedAt: now };
  });
}

/** Rows per INSERT: well under either database's limit of bound parameters (15 a row). */
const INSERT_BATCH = 500;

/** The result table's columns, named from the ORM's metadata, in the order `store` gives each row's values. */
const RESULT_PROPS = ['id', 'period', 'assessment', 'maxH', 'selfTotalH', 'round1TotalH', 'finalTotalH', 'indexK', 'rank', 'band', 'previousTotalH', 'previousRank', 'groups', 'createdAt', 'updatedAt'] as const;

/**
 * Replaces the period's stored results: one DELETE, then plain multi-row INSERTs in the
 * computation's transaction. Through the ORM's insertMany each row cost about 0.35 ms (11,000
 * rows in a national period: 4 s); written as values, the statement's own cost is what remains.
 */
async function store(em: Em, period: Period, data: ResultData[]): Promise<ResultData[]> {
  const meta = em.getMetadata().get(Result.name);
  const table = meta.tableName;
  const columns = RESULT_PROPS.map((p) => `"${meta.properties[p].fieldNames[0]}"`).join(', ');
  const tx = ormTx(em);
  await tx.run([{ sql: `delete from "${table}" where "${meta.properties.period.fieldNames[0]}" = ?`, params: [period.id] }]);
  const row = `(${RESULT_PROPS.map(() => '?').join(', ')})`;
  for (let i = 0; i < data.length; i += INSERT_BATCH) {
    const slice = data.slice(i, i + INSERT_BATCH);
    const params: unknown[] = [];
    for (const d of slice) {
      const at = sqlTime(em, d.computedAt);
      params.push(randomUUID(), period.id, d.assessmentId, d.maxH, d.selfTotalH, d.round1TotalH, d.finalTotalH, d.indexK, d.rank, d.band, d.previousTotalH, d.previousRank, JSON.stringify(d.groups), at, at);
    }
    await tx.run([{ sql: `insert into "${table}" (${columns}) values ${slice.map(() => row).join(', ')}`, params }]);
  }
  return data;
}

function fromStored(r: Result): ResultData {
  return {
    assessmentId: r.assessment.id,
    maxH: r.maxH,
    selfTotalH: r.selfTotalH,
    round1TotalH: r.round1TotalH ?? null,
    finalTotalH: r.finalTotalH ?? null,
    indexK: r.indexK,
    rank: r.rank,
    band: r.band ?? null,
    groups: r.groups,
    previousTotalH: r.previousTotalH ?? null,
    previousRank: r.previousRank ?? null,
    computedAt: r.updatedAt,
  };
}

/** The ranking's order: by rank, then by unit name as Vietnamese sorts it (one collator for every comparison). */
const byName = new Intl.Collator('vi');

/**
 * GraphQL rows, with their units, by rank then unit name. The assessments, their periods' phase
 * and their units are read as plain rows (the units as detached entities, common/detached.ts):
 * a period's ranking has a row per unit (11,000 in a national round).
 */
async function toRows(em: Em, data: ResultData[]): Promise<RankingRow[]> {
  const unitOf = new Map<string, Unit>();
  const submittedOf = new Map<string, boolean>();
  // during self-assessment not having submitted yet is normal: the band is provisional, not a verdict
  const classedOf = new Map<string, boolean>();
  const ids = [...new Set(data.map((d) => d.assessmentId))];
  for (let i = 0; i < ids.length; i += RESULT_READS.ids) {
    const slice = ids.slice(i, i + RESULT_READS.ids);
    const found = await rows<Record<string, unknown> & { a_id: string; a_status: AssessmentStatus; p_phase: Phase }>(
      em,
      `select a.id as a_id, a.status as a_status, p.phase as p_phase, ${columnsOf(em, Unit, 'u', 'u_')}
         from assessment a join unit u on u.id = a.unit_id join period p on p.id = a.period_id
        where a.id in (${slice.map(() => '?').join(', ')})`,
      slice,
    );
    for (const r of found) {
      const submitted = !NOT_SUBMITTED.includes(r.a_status);
      unitOf.set(r.a_id, detached(em, Unit, r, 'u_'));
      submittedOf.set(r.a_id, submitted);
      classedOf.set(r.a_id, submitted || r.p_phase === Phase.SELF_ASSESSMENT);
    }
  }
  const out = data.map((d): RankingRow => {
    const totalH = rankedOf(d);
    const submitted = submittedOf.get(d.assessmentId) ?? false;
    return {
      assessmentId: d.assessmentId,
      unit: unitOf.get(d.assessmentId)!,
      submitted,
      maxScore: fromHundredths(d.maxH),
      selfTotal: fromHundredths(d.selfTotalH),
      round1Total: h(d.round1TotalH),
      finalTotal: h(d.finalTotalH),
      basis: d.finalTotalH != null ? ResultBasis.FINAL : d.round1TotalH != null ? ResultBasis.ROUND_1 : ResultBasis.SELF,
      total: fromHundredths(totalH),
      index: d.indexK / 1000,
      rank: d.rank,
      // once self-assessment is over, a unit that never submitted is not classed: its points are no result
      band: classedOf.get(d.assessmentId) ? d.band : null,
      previousTotal: h(d.previousTotalH),
      previousRank: d.previousRank,
      totalChange: d.previousTotalH == null ? null : fromHundredths(totalH - d.previousTotalH),
      rankChange: d.previousRank == null ? null : d.previousRank - d.rank,
      groups: d.groups.map(
        (g): GroupResultRow => ({
          criterionId: g.criterionId,
          code: g.code,
          title: g.title,
          maxScore: fromHundredths(g.maxH),
          selfTotal: fromHundredths(g.selfH),
          round1Total: h(g.round1H),
          finalTotal: h(g.finalH),
          total: fromHundredths(g.finalH ?? g.round1H ?? g.selfH),
          rank: g.rank ?? 0,
        }),
      ),
      computedAt: d.computedAt,
    };
  });
  return out.sort((x, y) => x.rank - y.rank || byName.compare(x.unit.name, y.unit.name));
}
