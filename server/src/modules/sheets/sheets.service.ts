import { inspectionSheet } from '../inspection/inspection.sheet';
import type { Viewer } from '../../common/auth';
import { badInput, forbidden, InputProblems } from '../../common/errors';
import { assertId } from '../../common/ids';
import type { Em } from '../../orm';
import { AuditService } from '../audit/audit.service';
import { Criterion } from '../framework/criterion.entity';
import { frameworkToDocument } from '../framework/framework.document';
import { Framework, FrameworkStatus } from '../framework/framework.entity';
import { FrameworkService } from '../framework/framework.service';
import { Role } from '../user/user.entity';
import { DEFAULT_REPORT, PDF_TYPE, type ReportSettings } from './pdf/layout';
import { rankingPdf } from './pdf/ranking.pdf';
import { scoreSheetPdf } from './pdf/score-sheet.pdf';
import { rankingSheet } from './ranking.data';
import { scoreSheet } from './score-sheet.data';
import { documentOfFramework } from './framework-export';
import { documentFromRows, FRAMEWORK_COLUMNS, frameworkRows, type Cell, type SheetMeta } from './framework-sheet';
import { CONTENT_TYPES, readRows, SheetFormat, writeCsvSheet, writeXlsx, type ImportLimits, type SheetColumn } from './workbook';

export type FileKind = 'xlsx' | 'csv' | 'json' | 'pdf';

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
  constructor(
    private readonly em: Em,
    /** what a printed report says of its issuer and place (config.report) */
    private readonly report: ReportSettings = DEFAULT_REPORT,
  ) {}

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
    if (kind === 'pdf') throw badInput([{ path: 'format', message: 'a framework is exported as .xlsx or .json', code: 'NOT_ONE_OF', params: { field: 'format', value: kind, allowed: 'xlsx, json' } }]);
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

  /** One assessment's score sheet: every criterion, inner nodes too, then the totals (score-sheet.data.ts). */
  async assessmentFile(viewer: Viewer, id: string, kind: FileKind): Promise<Download> {
    if (kind === 'json') throw badInput([{ path: 'format', message: 'a score sheet is exported as .xlsx, .csv or .pdf', code: 'NOT_ONE_OF', params: { field: 'format', value: kind, allowed: 'xlsx, csv, pdf' } }]);
    const sheet = await scoreSheet(this.em, viewer, id);
    const a = sheet.assessment;
    const fileName = safeFileName(`bang-diem-${a.unit.code}-${a.period.year}`, kind);
    if (kind === 'pdf') return { body: await scoreSheetPdf(this.em, sheet, this.report), fileName, contentType: PDF_TYPE };
    const rows: Cell[][] = sheet.lines.map((l) => [
      l.code,
      l.title,
      score(l.maxH),
      score(l.selfH),
      score(l.round1H),
      score(l.round2H),
      score(l.finalH),
      l.comment,
      l.evidenceCount,
      l.round1Comment,
      l.explanation,
      l.round2Comment,
      l.status,
      l.source,
    ]);
    if (kind === 'xlsx') {
      // the workbook carries the on-site inspections on a sheet of their own
      const body = await writeXlsx([{ name: 'Bảng điểm', columns: SCORE_SHEET_COLUMNS, rows }, await inspectionSheet(this.em, a.id)]);
      return { body, fileName, contentType: CONTENT_TYPES.xlsx };
    }
    return this.sheetFile(kind, fileName, 'Bảng điểm', SCORE_SHEET_COLUMNS, rows);
  }

  /** A period's ranking for one unit kind from the computed results (ranking.data.ts); without results, the header alone. */
  async rankingFile(viewer: Viewer, periodId: string, unitKind: string, kind: FileKind): Promise<Download> {
    if (kind === 'json') throw badInput([{ path: 'format', message: 'a ranking is exported as .xlsx, .csv or .pdf', code: 'NOT_ONE_OF', params: { field: 'format', value: kind, allowed: 'xlsx, csv, pdf' } }]);
    const sheet = await rankingSheet(this.em, viewer, periodId, unitKind);
    const { period, groups, results } = sheet;
    const fileName = safeFileName(`xep-hang-${period.name}-${unitKind}`, kind);
    if (kind === 'pdf') return { body: await rankingPdf(sheet, this.report, viewer.name), fileName, contentType: PDF_TYPE };
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
