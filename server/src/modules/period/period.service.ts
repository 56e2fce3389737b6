import { emitWebhookIn } from '../webhook/webhook.emit';
import { WebhookEvent } from '../webhook/webhook.entity';
import type { Viewer } from '../../common/auth';
import { councilRuns, seatKey } from '../../common/access';
import { badInput, notFound, phaseClosed, Problem } from '../../common/errors';
import { isPostgres, ormTx, settleAfterBulkWrite, sqlTime } from '../../common/sql';
import { assertId } from '../../common/ids';
import type { Em } from '../../orm';
import { Assessment, AssessmentStatus } from '../assessment/assessment.entity';
import { Progress } from '../assessment/progress.entity';
import { EntryState, ScoreEntry } from '../assessment/score-entry.entity';
import { ScoreRevision } from '../assessment/score-revision.entity';
import { Framework, FrameworkStatus } from '../framework/framework.entity';
import { Unit } from '../unit/unit.entity';
import { Role } from '../user/user.entity';
import { AutoAdvance, Period, Phase } from './period.entity';
import type { CreatePeriodInput, UpdatePeriodInput } from './period.input';
import { canMove, NEXT_PHASES } from './phases';
import { CouncilMember } from '../council/council-member.entity';
import { FinalizationSignature } from '../council/finalization-signature.entity';
import { DeadlineExtension } from '../deadline/deadline-extension.entity';
import { DiscussionComment } from '../discussion/discussion-comment.entity';
import { DiscussionThread } from '../discussion/discussion-thread.entity';
import { InspectionFile } from '../inspection/inspection-file.entity';
import { Inspection } from '../inspection/inspection.entity';
import { assertAcknowledged } from './incomplete';
import { phaseChangeFacts } from './phase.change';
import type { ChangeFacts } from '../assessment/assessment.publisher';

export class PeriodService {
  constructor(private readonly em: Em) {}

  list(): Promise<Period[]> {
    return this.em.find(Period, {}, { orderBy: { year: 'desc', createdAt: 'desc' } });
  }

  async get(id: string): Promise<Period> {
    return this.em.findOneOrFail(Period, { id: assertId(id, 'Period') }, { failHandler: () => notFound('Period', id) });
  }

  /** The assessments of a period that the viewer may see. */
  assessments(period: Period, viewer: Viewer): Promise<Assessment[]> {
    return this.em.find(Assessment, { $and: visibleAssessments(viewer, period.id) } as never, { populate: ['unit'], orderBy: { unit: { name: 'asc' } } });
  }

  /** Creates the period, one assessment per unit, its entries and its progress rows, in one transaction. */
  async create(input: CreatePeriodInput): Promise<Period> {
    const problems: Problem[] = [];
    const name = input.name.trim();
    if (name.length === 0 || name.length > 300) problems.push({ path: 'name', message: 'must be 1–300 characters', ...(name ? { code: 'TOO_LONG' as const, params: { field: 'name', max: 300 } } : { code: 'REQUIRED' as const, params: { field: 'name' } }) });
    if (!Number.isInteger(input.year) || input.year < 2000 || input.year > 2100) problems.push({ path: 'year', message: 'must be a year between 2000 and 2100', code: 'OUT_OF_RANGE', params: { field: 'year', min: 2000, max: 2100 } });
    const fw = await this.em.findOne(Framework, { id: assertId(input.frameworkId, 'Framework') });
    if (!fw) problems.push({ path: 'frameworkId', message: 'no such framework', code: 'UNKNOWN_REFERENCE', params: { field: 'frameworkId', value: input.frameworkId } });
    else if (fw.status !== FrameworkStatus.PUBLISHED) problems.push({ path: 'frameworkId', message: 'publish the framework first', code: 'FRAMEWORK_NOT_PUBLISHED' });
    const unitIds = [...new Set(input.unitIds.map((id) => assertId(id, 'Unit')))];
    if (unitIds.length === 0) problems.push({ path: 'unitIds', message: 'give at least one unit', code: 'REQUIRED', params: { field: 'unitIds' } });
    if (unitIds.length !== input.unitIds.length) problems.push({ path: 'unitIds', message: 'a unit is listed twice', code: 'LISTED_TWICE', params: { field: 'unitIds' } });
    const units = unitIds.length ? await this.em.find(Unit, { id: { $in: unitIds } }) : [];
    for (const id of unitIds) {
      const unit = units.find((u) => u.id === id);
      if (!unit) problems.push({ path: 'unitIds', message: `no unit ${id}`, code: 'UNKNOWN_REFERENCE', params: { field: 'unitIds', value: id } });
      else if (fw && unit.kind !== fw.unitKind) problems.push({ path: 'unitIds', message: `${unit.name} is a ${unit.kind}, the framework is for ${fw.unitKind}`, code: 'UNIT_KIND_MISMATCH', params: { unit: unit.name, kind: unit.kind, expected: fw.unitKind } });
    }
    if (input.timeZone != null) {
      try {
        new Intl.DateTimeFormat('en-US', { timeZone: input.timeZone });
      } catch {
        problems.push({ path: 'timeZone', message: `"${input.timeZone}" is not an IANA time zone such as Asia/Ho_Chi_Minh`, code: 'INVALID_TIME_ZONE', params: { value: input.timeZone } });
      }
    }
    if (problems.length) throw badInput(problems);

    const created = await this.em.transactional(async (em) => {
      const period = em.create(Period, {
        name,
        framework: fw!,
        year: input.year,
        phase: Phase.DRAFT,
        selfAssessmentDeadline: input.selfAssessmentDeadline ?? null,
        appraisalDeadline: input.appraisalDeadline ?? null,
        explanationDeadline: input.explanationDeadline ?? null,
        finalAppraisalDeadline: input.finalAppraisalDeadline ?? null,
        timeZone: input.timeZone ?? 'Asia/Ho_Chi_Minh',
        autoAdvance: input.autoAdvance ?? AutoAdvance.OFF,
      } as never);
      await em.flush();
      await addAssessments(em, period.id, fw!.id, units);
      return period;
    });
    // the saves that follow find the database settled (statistics, log: common/sql.ts)
    await settleAfterBulkWrite(this.em, ['criterion', 'score_entry', 'progress']);
    return created;
  }

  /**
   * Name and deadlines at any time; the participating units only while DRAFT (nothing has been
   * scored yet): added units get their assessment, removed ones lose theirs, in one transaction.
   */
  async update(id: string, input: UpdatePeriodInput): Promise<Period> {
    const period = await this.get(id);
    const problems: Problem[] = [];
    const name = input.name == null ? undefined : input.name.trim();
    if (input.name === null) problems.push({ path: 'name', message: 'name cannot be empty', code: 'REQUIRED', params: { field: 'name' } });
    if (name !== undefined && (name.length === 0 || name.length > 300)) {
      problems.push({ path: 'name', message: 'must be 1–300 characters', code: name.length ? 'TOO_LONG' : 'REQUIRED', params: { field: 'name', max: 300 } });
    }
    const deadline = (k: 'selfAssessmentDeadline' | 'appraisalDeadline' | 'explanationDeadline') => (input[k] === undefined ? (period[k] ?? null) : input[k]);
    const order = [deadline('selfAssessmentDeadline'), deadline('appraisalDeadline'), deadline('explanationDeadline')];
    const names = ['selfAssessmentDeadline', 'appraisalDeadline', 'explanationDeadline'];
    for (let i = 0; i < 3; i++) {
      const d = order[i];
      if (d && Number.isNaN(d.getTime())) problems.push({ path: names[i], message: 'is not a date', code: 'INVALID_DATE', params: { field: names[i] } });
      for (let j = 0; j < i; j++) {
        const e = order[j];
        if (d && e && d.getTime() < e.getTime()) {
          problems.push({ path: names[i], message: `must not be before ${names[j]}`, code: 'INVALID_DATE', params: { field: names[i], after: names[j] } });
        }
      }
    }
    let add: Unit[] = [];
    let remove: string[] = [];
    let removedUnits: string[] = [];
    if (input.unitIds != null) {
      if (period.phase !== Phase.DRAFT) {
        problems.push({ path: 'unitIds', message: `the units taking part are fixed once the period has opened (it is ${period.phase})`, code: 'PERIOD_ALREADY_OPEN', params: { phase: period.phase } });
      } else {
        const unitIds = [...new Set(input.unitIds.map((u) => assertId(u, 'Unit')))];
        if (unitIds.length === 0) problems.push({ path: 'unitIds', message: 'give at least one unit', code: 'REQUIRED', params: { field: 'unitIds' } });
        if (unitIds.length !== input.unitIds.length) problems.push({ path: 'unitIds', message: 'a unit is listed twice', code: 'DUPLICATE', params: { field: 'unitIds' } });
        const fw = await this.em.findOneOrFail(Framework, { id: period.framework.id });
        const units = unitIds.length ? await this.em.find(Unit, { id: { $in: unitIds } }) : [];
        for (const uid of unitIds) {
          const unit = units.find((u) => u.id === uid);
          if (!unit) problems.push({ path: 'unitIds', message: `no unit ${uid}`, code: 'UNKNOWN_REFERENCE', params: { field: 'unitIds', value: uid } });
          else if (unit.kind !== fw.unitKind) {
            problems.push({ path: 'unitIds', message: `${unit.name} is a ${unit.kind}, the framework is for ${fw.unitKind}`, code: 'UNIT_KIND_MISMATCH', params: { unit: unit.name, kind: unit.kind, expected: fw.unitKind } });
          }
        }
        const taking = await this.em.find(Assessment, { period: period.id }, { fields: ['id', 'unit'] });
        const have = new Set(taking.map((a) => a.unit.id));
        add = units.filter((u) => !have.has(u.id));
        const leaving = taking.filter((a) => !unitIds.includes(a.unit.id));
        remove = leaving.map((a) => a.id);
        removedUnits = leaving.map((a) => a.unit.id);
      }
    }
    if (problems.length) throw badInput(problems);
    if (name !== undefined) period.name = name;
    if (input.selfAssessmentDeadline !== undefined) period.selfAssessmentDeadline = input.selfAssessmentDeadline;
    if (input.appraisalDeadline !== undefined) period.appraisalDeadline = input.appraisalDeadline;
    if (input.explanationDeadline !== undefined) period.explanationDeadline = input.explanationDeadline;
    await this.em.transactional(async (em) => {
      await em.flush();
      if (remove.length) {
        // everything that hangs on a removed assessment goes with it (a DRAFT period has little)
        for (const entity of [InspectionFile, Inspection, DiscussionComment, DiscussionThread, DeadlineExtension, FinalizationSignature]) {
          await em.nativeDelete(entity as never, { assessment: { $in: remove } } as never);
        }
        await em.nativeDelete(CouncilMember, { period: period.id, unit: { $in: removedUnits } });
        await em.nativeDelete(ScoreRevision, { entry: { assessment: { $in: remove } } });
        await em.nativeDelete(Progress, { assessment: { $in: remove } });
        await em.nativeDelete(ScoreEntry, { assessment: { $in: remove } });
        await em.nativeDelete(Assessment, { id: { $in: remove } });
      }
      await addAssessments(em, period.id, period.framework.id, add);
    });
    return period;
  }

  /**
   * Moves the period to its next phase. A move that leaves units behind (incomplete.ts) is refused
   * with CONFLICT unless `acknowledgeIncomplete`. Returns the live facts of the move
   * (phase.change.ts), to publish after commit; none without an actor (the demo seeder).
   */
  async setPhase(id: string, phase: Phase, acknowledgeIncomplete = false, actor: Viewer | null = null): Promise<{ period: Period; facts: ChangeFacts[] }> {
    const period = await this.get(id);
    if (!canMove(period.phase, phase)) {
      const allowed = NEXT_PHASES[period.phase];
      throw phaseClosed(
        `A period in ${period.phase} cannot move to ${phase}; ` + (allowed.length ? `next is ${allowed.join(' or ')}.` : 'it is the last phase.'),
        { phase: period.phase, allowed },
      );
    }
    await assertAcknowledged(this.em, period.id, phase, acknowledgeIncomplete);
    period.phase = phase;
    if (phase === Phase.PUBLISHED) period.publishedAt = new Date();
    await this.em.flush();
    // published without publishResults: told all the same (inside the caller's audited transaction)
    if (phase === Phase.PUBLISHED) await emitWebhookIn(this.em, WebhookEvent.RESULTS_PUBLISHED, { periodId: period.id, name: period.name, year: period.year });
    return { period, facts: await phaseChangeFacts(this.em, period, phase, actor) };
  }
}

/** Units per batch of INSERTs (the units named in each): well under either database's limit of bound parameters. */
const UNIT_BATCH = 5000;

/**
 * One assessment per unit, with an entry per leaf and a progress row per node, written by the
 * database itself: each INSERT selects its rows (assessments from the units, entries and progress
 * rows from the new assessments joined with the framework's criteria), so that a national period
 * (1.3 M entries, 1.65 M progress rows) is a few statements with a few parameters rather than
 * millions of values built, bound and parsed. The new assessments are named by their units
 * (an INSERT that looked for the period's assessments without rows yet read its own new rows
 * over and over where PostgreSQL had no statistics yet: 15 s for a first 200-unit period). A node's
 * `leaves` counts the leaves whose code is its own or starts with it and a dot: the ancestors of
 * a leaf are its code's prefixes (ancestorCodes in progress.rows.ts, which a save follows).
 */
async function addAssessments(em: Em, periodId: string, frameworkId: string, units: Unit[]): Promise<void> {
  if (units.length === 0) return;
  const tx = ormTx(em);
  const id = newIdSql(em);
  const now = sqlTime(em, new Date());
  const [assessment, aCols] = columns(em, Assessment, ['id', 'createdAt', 'updatedAt', 'period', 'unit', 'status', 'seq']);
  const [entry, eCols] = columns(em, ScoreEntry, ['id', 'createdAt', 'updatedAt', 'assessment', 'criterion', 'state', 'version', 'notApplicable', 'round1NotApplicable', 'round2NotApplicable', 'evidenceCount']);
  const [progress, pCols] = columns(em, Progress, [
    'id', 'createdAt', 'updatedAt', 'assessment', 'criterion', 'capH', 'leaves',
    'scoreH', 'regularSumH', 'extraSumH', 'appraisedScoreH', 'appraisedRegularSumH', 'appraisedExtraSumH', 'leavesScored', 'leavesWithEvidence', 'leavesAppraised',
  ]);
  for (let i = 0; i < units.length; i += UNIT_BATCH) {
    const slice = units.slice(i, i + UNIT_BATCH).map((u) => u.id);
    const these = slice.map(() => '?').join(', ');
    await tx.run([
      {
        sql: `insert into ${assessment} (${aCols}) select ${id}, ?, ?, ?, u."id", ?, 0 from "unit" u where u."id" in (${these})`,
        params: [now, now, periodId, AssessmentStatus.NOT_STARTED, ...slice],
        expect: slice.length,
      },
      {
        sql: `insert into ${entry} (${eCols})
              select ${id}, ?, ?, a."id", c."id", ?, 0, ?, ?, ?, 0
                from "assessment" a join "criterion" c on c."framework_id" = ? and c."is_leaf" = ?
               where a."period_id" = ? and a."unit_id" in (${these})`,
        params: [now, now, EntryState.TODO, false, false, false, frameworkId, true, periodId, ...slice],
      },
      {
        sql: `insert into ${progress} (${pCols})
              select ${id}, ?, ?, a."id", n."id", n."max_h", n."leaves", 0, 0, 0, 0, 0, 0, 0, 0, 0
                from "assessment" a
                join (select c."id", c."max_h", count(l."id") as "leaves"
                        from "criterion" c
                        left join "criterion" l on l."framework_id" = c."framework_id" and l."is_leaf" = ?
                                                and (l."code" = c."code" or substr(l."code", 1, length(c."code") + 1) = c."code" || '.')
                       where c."framework_id" = ?
                       group by c."id", c."max_h") n on 1 = 1
               where a."period_id" = ? and a."unit_id" in (${these})`,
        params: [now, now, true, frameworkId, periodId, ...slice],
      },
    ]);
  }
}

/** An entity's table and the columns of the given properties, quoted, as the ORM's metadata names them. */
function columns(em: Em, entity: { name: string }, props: readonly string[]): [string, string] {
  const meta = em.getMetadata().get(entity.name);
  return [`"${meta.tableName}"`, props.map((p) => `"${meta.properties[p as never].fieldNames[0]}"`).join(', ')];
}

/**
 * A new id made by the database for each row it inserts.
 * - PostgreSQL: time-ordered, in the UUID version 7 layout (48 bits of milliseconds since 1970,
 *   the version, 12 random bits, the variant, 62 random bits), so that a national period's 3 M
 *   new keys go in at the end of their primary-key indexes rather than at random places in them.
 *   With random ids those indexes' pages no longer stayed in memory, and the entries of 11,000
 *   units took 35–43 s to write against 24–25 s time-ordered (psql, in turn). The random bits
 *   come from random() (PostgreSQL seeds it per connection from a strong source): an id needs to
 *   be unique, not secret, and gen_random_uuid() cost 2.2 µs a row against 0.7 µs for the whole
 *   id here (the progress rows of 11,000 units written in 21–22 s against 28.7 s).
 * - SQLite has neither function: a version 4 id built from random bytes, with its version and
 *   variant digits in place (SQLite serves the small deployments).
 */
function newIdSql(em: Em): string {
  if (isPostgres(em)) {
    const high = `(extract(epoch from clock_timestamp()) * 1000)::bigint * 65536 + 28672 + floor(random() * 4096)::bigint`; // ms, 7, 12 bits
    const low = `floor(random() * 1073741824)::bigint * 4294967296 + floor(random() * 4294967296)::bigint - 9223372036854775807 - 1`; // 10, 62 bits
    return `(lpad(to_hex(${high}), 16, '0') || to_hex(${low}))::uuid`;
  }
  return `lower(hex(randomblob(4)) || '-' || hex(randomblob(2)) || '-4' || substr(hex(randomblob(2)), 2) || '-' || substr('89ab', 1 + abs(random() % 4), 1) || substr(hex(randomblob(2)), 2) || '-' || hex(randomblob(6)))`;
}

const NO_UNIT = '00000000-0000-0000-0000-000000000000';

/**
 * The conditions (all of them hold) on a period's assessments that the viewer may see, as
 * canReadAssessment (common/access.ts) says for each: a unit's people their own, an APPRAISER
 * what was submitted (to their council, in a council-run period), ADMIN and VIEWER all.
 */
export function visibleAssessments(viewer: Viewer, periodId: string): Record<string, unknown>[] {
  const conditions: Record<string, unknown>[] = [{ period: periodId }];
  if (viewer.role === Role.LEADER || viewer.role === Role.STAFF) conditions.push({ unit: viewer.unitId ?? NO_UNIT });
  if (viewer.role === Role.APPRAISER) {
    conditions.push({ status: { $nin: [AssessmentStatus.NOT_STARTED, AssessmentStatus.IN_PROGRESS] } });
    if (councilRuns(viewer, periodId)) {
      const prefix = seatKey(periodId, '');
      const units = [...(viewer.council?.seats.keys() ?? [])].filter((k) => k.startsWith(prefix)).map((k) => k.slice(prefix.length));
      conditions.push({ unit: { $in: units.length ? units : [NO_UNIT] } });
    }
  }
  return conditions;
}
