import { clock } from '../../../common/clock';
import type { Em } from '../../../orm';
import { CouncilMember } from '../../council/council-member.entity';
import { FinalizationSignature } from '../../council/finalization-signature.entity';
import { Evidence, EvidenceKind } from '../../evidence/evidence.entity';
import type { ScoreSheet, ScoreSheetLine } from '../score-sheet.data';
import { viDateLine, viDateTime, viScore } from './format';
import { nationalHeader, newReport, reportTitle, signatureBlock, type ReportSettings } from './layout';
import { drawTable, type TableColumn, type TableRow } from './table';

/** points the title moves right per level below the top groups */
const INDENT = 10;

/** The comments, the unit's explanation and the evidence of a leaf, one per line; empty when it has none. */
function noteOf(line: ScoreSheetLine, evidence: Evidence[]): string {
  const parts: string[] = [];
  if (line.entry?.notApplicable) parts.push('Không áp dụng');
  if (line.comment) parts.push(`Ghi chú: ${line.comment}`);
  if (line.round1Comment) parts.push(`Ý kiến thẩm định vòng 1: ${line.round1Comment}`);
  if (line.explanation) parts.push(`Giải trình: ${line.explanation}`);
  if (line.round2Comment) parts.push(`Ý kiến thẩm định vòng 2: ${line.round2Comment}`);
  if (evidence.length) parts.push(`Tài liệu kiểm chứng: ${evidence.map((e) => (e.kind === EvidenceKind.LINK ? `${e.name} (${e.url ?? 'liên kết'})` : e.name)).join('; ')}`);
  return parts.join('\n');
}

/**
 * A unit's score sheet as a printed document: every criterion with its self, appraised and final
 * scores (the figures of score-sheet.data.ts, as the XLSX has them) indented by depth, each
 * leaf's comments and evidence under it, the council and the chair's signature block with the
 * signed finalization's time and hash where the chair has signed.
 */
export async function scoreSheetPdf(em: Em, sheet: ScoreSheet, settings: ReportSettings): Promise<Buffer> {
  const a = sheet.assessment;
  const fw = a.period.framework;
  const [evidence, council, signature] = await Promise.all([
    em.find(Evidence, { assessment: a.id }, { orderBy: { createdAt: 'asc', id: 'asc' } }),
    em.find(CouncilMember, { period: a.period.id, unit: a.unit.id }, { populate: ['user'], orderBy: { chair: 'desc', createdAt: 'asc' } }),
    em.findOne(FinalizationSignature, { assessment: a.id, voidedAt: null }, { populate: ['signedBy'] }),
  ]);
  const evidenceOf = new Map<string, Evidence[]>();
  for (const e of evidence) evidenceOf.set(e.entry.id, [...(evidenceOf.get(e.entry.id) ?? []), e]);

  const r = newReport(`Bảng điểm ${a.unit.name} - ${a.period.name}`, fw.name);
  nationalHeader(r, [settings.issuer, 'Hội đồng thẩm định'], viDateLine(settings.place, clock.now(), a.period.timeZone));
  reportTitle(r, 'Bảng điểm tự đánh giá và thẩm định', [fw.name, `Đơn vị: ${a.unit.name} (${a.unit.code})`, `Kỳ đánh giá: ${a.period.name}`]);

  const columns: TableColumn[] = [
    { header: 'Mã', width: 40 },
    { header: 'Tiêu chí' },
    { header: 'Điểm tối đa', width: 44, align: 'right' },
    { header: 'Tự chấm', width: 46, align: 'right' },
    { header: sheet.heldRound2 ? 'Thẩm định (vòng 2)' : 'Thẩm định', width: 50, align: 'right' },
    { header: 'Điểm cuối cùng', width: 48, align: 'right' },
    { header: 'Số TLKC', width: 34, align: 'right' },
  ];
  const rows: TableRow[] = sheet.lines.map((l) => {
    const total = l.criterion === null;
    return {
      // the appraised figure is round 2's where the council held one, else round 1's (as the API's appraisedTotal)
      cells: [l.code ?? '', l.title, viScore(l.maxH), viScore(l.selfH), viScore(sheet.heldRound2 ? l.round2H : l.round1H), viScore(l.finalH), String(l.evidenceCount)],
      bold: !l.criterion?.isLeaf,
      indent: total ? 0 : (l.depth - 1) * INDENT,
      note: l.entry ? noteOf(l, evidenceOf.get(l.entry.id) ?? []) || undefined : undefined,
      shade: total,
    };
  });
  drawTable(r, columns, rows, { fontSize: 8.5, indentColumn: 1, noteFrom: 1 });

  const chair = council.find((m) => m.chair);
  if (council.length) {
    const names = council.map((m) => (m.chair ? `${m.user.name} (Chủ tịch)` : m.user.name)).join(', ');
    r.doc.font('R').fontSize(10).text(`Hội đồng thẩm định: ${names}.`, r.left, r.doc.y, { width: r.width });
  }
  const signer = signature?.signedBy.name ?? chair?.user.name ?? null;
  signatureBlock(
    r,
    { heading: ['ĐƠN VỊ ĐƯỢC ĐÁNH GIÁ', 'THỦ TRƯỞNG ĐƠN VỊ'], hint: '(Ký, ghi rõ họ tên, đóng dấu)' },
    {
      heading: ['TM. HỘI ĐỒNG THẨM ĐỊNH', 'CHỦ TỊCH'],
      hint: '(Ký, ghi rõ họ tên)',
      name: signer,
      details: signature
        ? [`Đã ký xác nhận kết quả lúc ${viDateTime(signature.signedAt, a.period.timeZone)}`, 'Mã SHA-256 của điểm cuối cùng:', signature.figuresHash.slice(0, 32), signature.figuresHash.slice(32)]
        : signer
          ? ['Chưa ký xác nhận kết quả']
          : [],
    },
  );
  return r.finish();
}
