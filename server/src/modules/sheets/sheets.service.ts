import { assertCanReadAssessment, refOf } from '../../common/access';
import { inspectionSheet } from '../inspection/inspection.sheet';
import type { Viewer } from '../../common/auth';
import { badInput, forbidden, InputProblems, notFound } from '../../common/errors';
import { assertId } from '../../common/ids';
import type { Em } from '../../orm';
import { Assessment } from '../assessment/assessment.entity';
import { AuditService } from '../audit/audit.service';
import { Progress } from '../assessment/progress.entity';
import { EntryState, ScoreEntry } from '../assessment/score-entry.entity';
import { Criterion } from '../framework/criterion.entity';
import { frameworkToDocument } from '../framework/framework.document';
import { Framework, FrameworkStatus } from '../framework/framework.entity';
import { FrameworkService } from '../framework/framework.service';
import { Period, Phase } from '../period/period.entity';
import { Result } from '../results/result.entity';
import { nodeKindOf } from '../scoring/scoring.types';
import { computeTree, reportedFromTop, type LeafState, type TreeNode } from '../scoring/tree';
import { UnitKind } from '../unit/unit.entity';
import { Role } from '../user/user.entity';
import { documentOfFramework } from './framework-export';
import { documentFromRows, FRAMEWORK_COLUMNS, frameworkRows, type Cell, type SheetMeta } from './framework-sheet';
import { CONTENT_TYPES, readRows, SheetFormat, writeCsvSheet, writeXlsx, type ImportLimits, type SheetColumn } from './workbook';

export type FileKind = 'xlsx' | 'csv' | 'json';

/** A file to send: its bytes, a safe ASCII name and its type. */
export interface Download {
  body: Buffer;
  fileName: string;
  contentType: string;
}

/** Vietnamese without marks and anything but letters, digits, dot, dash and underscore. */
export function safeFileName(base: string, ext: FileKind): string {
  const ascii = base
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .replace(/[^A-Za-z0-9._-]+/g, '-')
    .replace(/-{2,}/g, '-')
    .replace(/^[-.]+|[-.]+$/g, '')
    .slice(0, 120);
  return `${ascii || 'chamdiem'}.${ext}`;
}

const SCORE = '0.00';
/** A score cell: a number, formatted 0.00 (XLSX) or written with two decimals (CSV); empty when there is none. */
const score = (h: number | null | undefined): Cell => (h == null ? null : h / 100);

const STATE_LABEL: Record<EntryState, string> = {
  [EntryState.TODO]: 'Chưa chấm',
  [EntryState.DRAFT]: 'Nháp',
  [EntryState.DONE]: 'Đã chấm',
};

/** The score sheet's columns; the first nine are the ones the province's forms use. */
export const SCORE_SHEET_COLUMNS: SheetColumn[] = [
  { header: 'Mã', width: 10 },
  { header: 'Tiêu chí', width: 60 },
  { header: 'Điểm tối đa', numFmt: SCORE },
  { header: 'Tự chấm', numFmt: SCORE },
  { header: 'Thẩm định vòng 1', numFmt: SCORE },
  { header: 'Thẩm định vòng 2', numFmt: SCORE },
  { header: 'Điểm cuối cùng', numFmt: SCORE },
  { header: 'Ghi chú', width: 40 },
  { header: 'Số tài liệu kiểm chứng' },
  { header: 'Ý kiến thẩm định vòng 1', width: 40 },
  { header: 'Giải trình', width: 40 },
  { header: 'Ý kiến thẩm định vòng 2', width: 40 },
  { header: 'Trạng thái' },
  { header: 'Nguồn số liệu', width: 20 },
];

/** Imports, exports and the visibility rules they share with the GraphQL queries. */
export class SheetsService {
  constructor(private readonly em: Em) {}

  /** A framework sheet (XLSX or CSV) as a new DRAFT framework, like importFramework. */
  async importFramework(file: { fileBase64: string; format: SheetFormat }, meta: SheetMeta, limits: ImportLimits): Promise<Framework> {
    const bytes = decodeBase64(file.fileBase64);
    let rows;
    try {
      rows = await readRows(bytes, file.format, limits);
    } catch (e) {
      if (e instanceof InputProblems) throw badInput(e.problems);
      const row = (e as { row?: number }).row;
      if (typeof row === 'number') throw badInput([{ path: `row ${row}`, message: (e as Error).message, code: 'UNREADABLE_FILE', params: {} }]);
      throw badInput([{ path: 'fileBase64', message: `not a readable ${file.format} file`, code: 'UNREADABLE_FILE', params: {} }]);
    }
    let document: object;
    try {
      document = documentFromRows(rows, meta);
    } catch (e) {
      if (e instanceof InputProblems) throw badInput(e.problems);
      throw e;
    }
    return new FrameworkService(this.em).importDocument(document);
  }

  /** A framework as XLSX (the sheet format) or JSON (the interchange format); drafts for ADMIN only. */
  async frameworkFile(viewer: Viewer, id: string, kind: FileKind): Promise<Download> {
    const fw = await new FrameworkService(this.em).get(assertId(id, 'Framework'));
    if (fw.status !== FrameworkStatus.PUBLISHED && viewer.role !== Role.ADMIN) {
      throw forbidden('Draft frameworks are visible to administrators only.');
    }
    if (kind === 'csv') throw badInput([{ path: 'format', message: 'a framework is exported as .xlsx or .json', code: 'NOT_ONE_OF', params: { field: 'format', value: kind, allowed: 'xlsx, json' } }]);
    const criteria = await this.em.find(Criterion, { framework: fw.id }, { orderBy: { ordinal: 'asc' } });
    const doc = documentOfFramework(fw, criteria);
    const fileName = safeFileName(`bo-tieu-chi-${fw.code}-v${fw.version}`, kind);
    if (kind === 'json') {
      return { body: Buffer.from(JSON.stringify(frameworkToDocument(doc), null, 2) + '\n', 'utf8'), fileName, contentType: CONTENT_TYPES.json };
    }
    const [header, ...rows] = frameworkRows(doc);
    const widths: Record<string, number> = { code: 10, title: 60, max_score: 10, method: 12, options: 40, guidance: 50, evidence_required: 16 };
    const body = await writeXlsx([
      { name: 'Tiêu chí', columns: header.map((h) => ({ header: String(h), width: widths[String(h)] })), rows },
      {
        name: 'Thông tin',
        columns: [{ header: 'Thuộc tính', width: 24 }, { header: 'Giá trị', width: 60 }],
        rows: [
          ['Mã bộ tiêu chí (code)', fw.code],
          ['Tên (name)', fw.name],
          ['Năm (year)', fw.year],
          ['Loại đơn vị (unitKind)', fw.unitKind],
          ['Phiên bản (version)', fw.version],
          ['Tiêu chí không áp dụng (notApplicable)', fw.notApplicable],
          ['Tổng điểm không vượt tối đa (capTotal)', fw.capTotal],
          ['Xếp loại (bands)', doc.bands.map((b) => `${b.label} ≥ ${b.minPercent}%`).join('; ')],
          ['Tổng điểm (max)', fw.maxH / 100],
          ['Cột của trang Tiêu chí', FRAMEWORK_COLUMNS.join(', ')],
        ],
      },
    ]);
    return { body, fileName, contentType: CONTENT_TYPES.xlsx };
  }

  /** One assessment's score sheet: every criterion, inner nodes too, then the totals. */
  async assessmentFile(viewer: Viewer, id: string, kind: FileKind): Promise<Download> {
    if (kind === 'json') throw badInput([{ path: 'format', message: 'a score sheet is exported as .xlsx or .csv', code: 'NOT_ONE_OF', params: { field: 'format', value: kind, allowed: 'xlsx, csv' } }]);
    const a = await this.em.findOne(Assessment, { id: assertId(id, 'Assessment') }, { populate: ['unit', 'period', 'period.framework'] });
    if (!a) throw notFound('Assessment', id);
    assertCanReadAssessment(viewer, refOf(a));
    const fw = a.period.framework;
    const [criteria, entries, progress] = await Promise.all([
      this.em.find(Criterion, { framework: fw.id }, { orderBy: { ordinal: 'asc' } }),
      this.em.find(ScoreEntry, { assessment: a.id }),
      this.em.find(Progress, { assessment: a.id }),
    ]);
    const entryOf = new Map(entries.map((e) => [e.criterion.id, e]));
    const progressOf = new Map(progress.map((p) => [p.criterion.id, p]));
    const nodes: TreeNode[] = criteria.map((c) => ({ id: c.id, parentId: c.parent?.id ?? null, maxH: c.maxH, kind: nodeKindOf(c.method), isLeaf: c.isLeaf }));
    const naMode = fw.notApplicable;

    /** Every node's score in one appraisal round, or null when no leaf has that round's score. */
    const round = (pick: (e: ScoreEntry) => LeafState | null) => {
      const leaves = new Map<string, LeafState>();
      for (const e of entries) {
        const s = pick(e);
        if (s) leaves.set(e.criterion.id, s);
      }
      if (leaves.size === 0) return null;
      const totals = computeTree(nodes, leaves, naMode);
      const top = criteria.filter((c) => c.depth === 1).map((c) => totals.get(c.id)!);
      return { totals, reportedH: reportedFromTop(top, fw) };
    };
    const round1 = round((e) => (e.round1ScoreH == null ? null : { scoreH: e.round1ScoreH, notApplicable: e.round1NotApplicable }));
    // round 2 revises round 1: a leaf the council did not score again keeps its round-1 score
    const round2 = entries.some((e) => e.round2ScoreH != null)
      ? round((e) =>
          e.round2ScoreH != null
            ? { scoreH: e.round2ScoreH, notApplicable: e.round2NotApplicable }
            : e.round1ScoreH != null
              ? { scoreH: e.round1ScoreH, notApplicable: e.round1NotApplicable }
              : null,
        )
      : null;
    const final = round((e) =>
      e.finalScoreH == null
        ? null
        : { scoreH: e.finalScoreH, notApplicable: e.round2ScoreH != null ? e.round2NotApplicable : e.round1ScoreH != null ? e.round1NotApplicable : e.notApplicable },
    );

    // evidence below each node
    const evidence = new Map<string, number>();
    const parentOf = new Map(criteria.map((c) => [c.id, c.parent?.id ?? null]));
    for (const e of entries) {
      for (let id: string | null = e.criterion.id; id; id = parentOf.get(id) ?? null) evidence.set(id, (evidence.get(id) ?? 0) + e.evidenceCount);
    }

    const rows: Cell[][] = criteria.map((c) => {
      const p = progressOf.get(c.id);
      const e = c.isLeaf ? entryOf.get(c.id) : undefined;
      const inner = (r: typeof round1) => (r ? score(r.totals.get(c.id)!.scoreH) : null);
      const status = e ? (e.notApplicable ? 'Không áp dụng' : STATE_LABEL[e.state]) : p ? `${p.leavesScored}/${p.leaves}` : null;
      return [
        c.code,
        c.title,
        score(p?.capH ?? c.maxH),
        e ? score(e.selfScoreH) : score(p?.scoreH ?? 0),
        e ? score(e.round1ScoreH) : inner(round1),
        e ? score(e.round2ScoreH) : inner(round2),
        e ? score(e.finalScoreH) : inner(final),
        e?.comment ?? null,
        evidence.get(c.id) ?? 0,
        e?.round1Comment ?? null,
        e?.explanation ?? null,
        e?.round2Comment ?? null,
        status,
        e?.source ?? null,
      ];
    });
    const topRows = criteria.filter((c) => c.depth === 1).map((c) => progressOf.get(c.id)).filter((p): p is Progress => !!p);
    rows.push([
      null,
      'Tổng cộng',
      score(fw.maxH),
      score(reportedFromTop(topRows, fw)),
      score(round1?.reportedH),
      score(round2?.reportedH),
      score(final?.reportedH),
      null,
      entries.reduce((s, e) => s + e.evidenceCount, 0),
      null,
      null,
      null,
      `${topRows.reduce((s, p) => s + p.leavesScored, 0)}/${topRows.reduce((s, p) => s + p.leaves, 0)}`,
      null,
    ]);
    const fileName = safeFileName(`bang-diem-${a.unit.code}-${a.period.year}`, kind);
    if (kind === 'xlsx') {
      // the workbook carries the on-site inspections on a sheet of their own
      const body = await writeXlsx([{ name: 'Bảng điểm', columns: SCORE_SHEET_COLUMNS, rows }, await inspectionSheet(this.em, a.id)]);
      return { body, fileName, contentType: CONTENT_TYPES.xlsx };
    }
    return this.sheetFile(kind, fileName, 'Bảng điểm', SCORE_SHEET_COLUMNS, rows);
  }

  /**
   * A period's ranking for one unit kind from the computed results: ADMIN, VIEWER and APPRAISER
   * always; everyone else once the period is PUBLISHED. Without results, the header alone.
   */
  async rankingFile(viewer: Viewer, periodId: string, unitKind: string, kind: FileKind): Promise<Download> {
    if (kind === 'json') throw badInput([{ path: 'format', message: 'a ranking is exported as .xlsx or .csv', code: 'NOT_ONE_OF', params: { field: 'format', value: kind, allowed: 'xlsx, csv' } }]);
    if (!Object.values(UnitKind).includes(unitKind as UnitKind)) {
      throw badInput([{ path: 'unitKind', message: `unitKind must be one of ${Object.values(UnitKind).join(', ')}`, code: 'NOT_ONE_OF', params: { field: 'unitKind', value: unitKind, allowed: Object.values(UnitKind).join(', ') } }]);
    }
    const period = await this.em.findOne(Period, { id: assertId(periodId, 'Period') }, { populate: ['framework'] });
    if (!period) throw notFound('Period', periodId);
    const insiders: Role[] = [Role.ADMIN, Role.VIEWER, Role.APPRAISER];
    if (!insiders.includes(viewer.role) && period.phase !== Phase.PUBLISHED) {
      throw forbidden('The ranking is visible to everyone once the results are published.');
    }
    const groups = await this.em.find(Criterion, { framework: period.framework.id, depth: 1 }, { orderBy: { ordinal: 'asc' } });
    const results = await this.em.find(
      Result,
      { period: period.id, assessment: { unit: { kind: unitKind as UnitKind } } },
      { populate: ['assessment', 'assessment.unit'] },
    );
    results.sort((x, y) => x.rank - y.rank || x.assessment.unit.name.localeCompare(y.assessment.unit.name, 'vi'));
    const columns: SheetColumn[] = [
      { header: 'Hạng' },
      { header: 'Mã đơn vị' },
      { header: 'Đơn vị', width: 40 },
      { header: 'Tự chấm', numFmt: SCORE },
      { header: 'Thẩm định vòng 1', numFmt: SCORE },
      { header: 'Điểm cuối cùng', numFmt: SCORE },
      { header: 'Điểm tối đa', numFmt: SCORE },
      { header: 'Chỉ số', numFmt: '0.000' },
      { header: 'Xếp loại' },
      { header: 'Điểm kỳ trước', numFmt: SCORE },
      { header: 'Hạng kỳ trước' },
      ...groups.map((g) => ({ header: `${g.code}. ${g.title}`, width: 20, numFmt: SCORE })),
    ];
    const rows: Cell[][] = results.map((r) => {
      const byGroup = new Map(r.groups.map((g) => [g.criterionId, g]));
      return [
        r.rank,
        r.assessment.unit.code,
        r.assessment.unit.name,
        score(r.selfTotalH),
        score(r.round1TotalH),
        score(r.finalTotalH),
        score(r.maxH),
        r.indexK / 1000,
        r.band ?? null,
        score(r.previousTotalH),
        r.previousRank ?? null,
        ...groups.map((g) => {
          const s = byGroup.get(g.id);
          return s ? score(s.finalH ?? s.round1H ?? s.selfH) : null;
        }),
      ];
    });
    const fileName = safeFileName(`xep-hang-${period.name}-${unitKind}`, kind);
    return this.sheetFile(kind, fileName, 'Xếp hạng', columns, rows);
  }

  /** The audit log as CSV, ADMIN only, filtered like the auditLog query (query parameters action, actorId, objectType, objectId, from, to). */
  async auditLogFile(viewer: Viewer, query: Record<string, unknown>): Promise<Download> {
    if (viewer.role !== Role.ADMIN || viewer.integrator) throw forbidden('The audit log is for administrators only.');
    const text = (k: string) => (typeof query[k] === 'string' && query[k] ? (query[k] as string) : null);
    const time = (k: string) => {
      const v = text(k);
      if (v === null) return null;
      const d = new Date(v);
      if (Number.isNaN(d.getTime())) throw badInput([{ path: k, message: 'must be a date and time (ISO 8601)', code: 'INVALID_DATE', params: { field: k } }]);
      return d;
    };
    const filter = { action: text('action'), actorId: text('actorId'), objectType: text('objectType'), objectId: text('objectId'), from: time('from'), to: time('to') };
    const body = await new AuditService(this.em).csv(filter);
    return { body, fileName: safeFileName(`nhat-ky-quan-tri-${new Date().toISOString().slice(0, 10)}`, 'csv'), contentType: CONTENT_TYPES.csv };
  }

  private async sheetFile(kind: FileKind, fileName: string, sheetName: string, columns: SheetColumn[], rows: Cell[][]): Promise<Download> {
    if (kind === 'csv') return { body: writeCsvSheet({ columns, rows }), fileName, contentType: CONTENT_TYPES.csv };
    return { body: await writeXlsx([{ name: sheetName, columns, rows }]), fileName, contentType: CONTENT_TYPES.xlsx };
  }
}

/** Base64 (or a data: URL) → bytes; BAD_USER_INPUT when it is not base64 or is empty. */
export function decodeBase64(text: string): Buffer {
  const body = text.replace(/^data:[^,]*;base64,/, '').replace(/\s+/g, '');
  if (!body || !/^[A-Za-z0-9+/_-]*={0,2}$/.test(body)) throw badInput([{ path: 'fileBase64', message: 'must be the file in base64', code: 'NOT_BASE64', params: { field: 'fileBase64' } }]);
  return Buffer.from(body, 'base64');
}
