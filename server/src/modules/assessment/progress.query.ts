import { PostgreSqlPlatform } from '@mikro-orm/postgresql';
import { fromHundredths } from '../../common/decimal';
import type { Em } from '../../orm';
import { Criterion } from '../framework/criterion.entity';
import { Progress } from './progress.entity';

/**
 * One progress row read for the GraphQL `Progress` type without the ORM: the fields a client
 * selects are plain data, ready to serialize (at 10⁴ nodes, hydrating one entity per row with
 * its criterion cost ~100× the query). What the other `Progress` field resolvers read of an
 * entity is here too: `appraisedCapH`, and `criterion` (a reference, loaded in one batch by
 * whoever selects it).
 */
export class ProgressRow {
  readonly id: string;
  /** whose row it is: the access check of every object (common/unit-data.ts) reads it */
  readonly assessmentId: string;
  readonly criterionId: string;
  readonly selfTotal: number;
  readonly maxScore: number;
  readonly appraisedTotal: number;
  readonly appraisedCapH: number | null;
  readonly leaves: number;
  readonly leavesScored: number;
  readonly leavesWithEvidence: number;
  readonly leavesAppraised: number;
  /** set by whoever reads the rows (pending.ts); 0 when nothing is pending */
  pendingMaxScore = 0;
  private readonly em: Em;
  private readonly createdRaw: unknown;
  private readonly updatedRaw: unknown;

  constructor(em: Em, assessmentId: string, r: RawProgress) {
    this.em = em;
    this.id = r[1];
    this.assessmentId = assessmentId;
    this.criterionId = r[2];
    this.selfTotal = fromHundredths(r[3]);
    this.maxScore = fromHundredths(r[4]);
    this.appraisedTotal = fromHundredths(r[5]);
    this.appraisedCapH = r[6];
    this.leaves = r[7];
    this.leavesScored = r[8];
    this.leavesWithEvidence = r[9];
    this.leavesAppraised = r[10];
    this.createdRaw = r[11];
    this.updatedRaw = r[12];
  }

  get criterion(): Criterion {
    return this.em.getReference(Criterion, this.criterionId);
  }

  get createdAt(): Date {
    return toDate(this.createdRaw);
  }

  get updatedAt(): Date {
    return toDate(this.updatedRaw);
  }
}

/*
 * type-graphql gives a field resolver's `@Root() p: Progress` (score-entry.resolver.ts,
 * appraisal.resolver.ts) a root that is not `instanceof Progress` as a new Progress with the
 * root's fields copied in, which fails on the entity's getters: a row inherits from
 * Progress.prototype to pass as it is. Its own fields (defined, not assigned: class fields)
 * shadow the entity's getters; nothing but GraphQL sees a row.
 */
Object.setPrototypeOf(ProgressRow.prototype, Progress.prototype);

/** A datetime column as the driver gives it: a Date (pg), epoch milliseconds or an ISO text (SQLite). */
function toDate(v: unknown): Date {
  if (v instanceof Date) return v;
  return new Date(typeof v === 'string' && /^\d+$/.test(v) ? Number(v) : (v as string | number));
}

// the criterion's ordinal, then the columns of Progress (migrations/) in the order ProgressRow
// takes them; the times only where they are asked for
const COLUMNS = `c.ordinal, p.id, p.criterion_id, p.score_h, p.cap_h, p.appraised_score_h, p.appraised_cap_h,
  p.leaves, p.leaves_scored, p.leaves_with_evidence, p.leaves_appraised`;
const TIMES = ', p.created_at, p.updated_at';
const JOIN = 'join criterion c on c.id = p.criterion_id where p.assessment_id = ?';

/**
 * The rows as one JSON array of arrays: a driver turns one JSON text into values much faster
 * than 10⁴ rows of 13 cells each. The rows come unsorted and are sorted here by ordinal (a sort
 * of 10⁴ numbers, ~1 ms; PostgreSQL's sort of the wide rows cost more, SQLite's far more). SQLite
 * is told to read them through the assessment's index: in rowid order, that is in the order a
 * period wrote them (the framework's, so the sort here has nothing to do), on consecutive pages;
 * it would pick the (assessment, criterion) index, in criterion-id order, and read the pages in
 * random order (half the query's time at 10⁵ nodes).
 */
const sqlOf = (dialect: 'sqlite' | 'postgresql', times: boolean) => {
  const cols = COLUMNS + (times ? TIMES : '');
  return dialect === 'sqlite'
    ? `select json_group_array(json_array(${cols})) as rows from progress p indexed by progress_assessment_id_index ${JOIN}`
    : `select coalesce(json_agg(json_build_array(${cols})), '[]'::json) as rows from progress p ${JOIN}`;
};
const SQL = {
  sqlite: { times: sqlOf('sqlite', true), lean: sqlOf('sqlite', false) },
  postgresql: { times: sqlOf('postgresql', true), lean: sqlOf('postgresql', false) },
};

type RawProgress = [number, string, string, number, number, number, number | null, number, number, number, number, unknown, unknown];

/** Every progress row of an assessment, in the framework's order, in one query; `times`: with createdAt and updatedAt. */
export async function progressRows(em: Em, assessmentId: string, { times = true }: { times?: boolean } = {}): Promise<ProgressRow[]> {
  const dialect = em.getPlatform() instanceof PostgreSqlPlatform ? SQL.postgresql : SQL.sqlite;
  const sql = times ? dialect.times : dialect.lean;
  const [res] = (await em.getConnection().execute(sql, [assessmentId], 'all', em.getTransactionContext())) as { rows: unknown }[];
  const raw = (typeof res.rows === 'string' ? JSON.parse(res.rows) : res.rows) as RawProgress[];
  raw.sort((x, y) => x[0] - y[0]);
  const rows = new Array<ProgressRow>(raw.length);
  for (let i = 0; i < raw.length; i++) {
    rows[i] = new ProgressRow(em, assessmentId, raw[i]);
  }
  return rows;
}
