import { clock } from '../../../common/clock';
import { UnitKind } from '../../unit/unit.entity';
import type { RankingSheet } from '../ranking.data';
import { viDateLine, viNumber, viScore } from './format';
import { nationalHeader, newReport, reportTitle, signatureBlock, type ReportSettings } from './layout';
import { drawTable, type TableColumn, type TableRow } from './table';

const KIND_LABEL: Record<UnitKind, string> = {
  [UnitKind.DEPARTMENT]: 'Khối sở, ban, ngành',
  [UnitKind.DISTRICT]: 'Khối huyện, thị xã, thành phố',
  [UnitKind.COMMUNE]: 'Khối xã, phường, thị trấn',
  [UnitKind.OTHER]: 'Đơn vị khác',
};

/**
 * A period's ranking of one unit kind as a printed document: rank, unit, the self, round-1 and
 * final totals, index and band of each unit, from the computed results (ranking.data.ts, as the
 * XLSX has them); signed by whoever printed it as the preparer and by the head of the body.
 */
export async function rankingPdf(sheet: RankingSheet, settings: ReportSettings, preparedBy: string): Promise<Buffer> {
  const { period, results } = sheet;
  const fw = period.framework;
  const r = newReport(`Xếp hạng ${period.name} - ${KIND_LABEL[sheet.unitKind]}`, fw.name);
  nationalHeader(r, [settings.issuer], viDateLine(settings.place, clock.now(), period.timeZone));
  reportTitle(r, 'Kết quả đánh giá và xếp hạng', [fw.name, `Kỳ đánh giá: ${period.name} - ${KIND_LABEL[sheet.unitKind]}`, `Điểm tối đa: ${viScore(fw.maxH)}`]);

  if (results.length === 0) {
    r.doc.font('I').fontSize(11).text('Chưa có kết quả: kết quả được tính khi kỳ đánh giá đã chốt.', r.left, r.doc.y, { width: r.width, align: 'center' });
  } else {
    const columns: TableColumn[] = [
      { header: 'Hạng', width: 38, align: 'center' },
      { header: 'Mã đơn vị', width: 50 },
      { header: 'Đơn vị' },
      { header: 'Tự chấm', width: 46, align: 'right' },
      { header: 'Thẩm định vòng 1', width: 52, align: 'right' },
      { header: 'Điểm cuối cùng', width: 50, align: 'right' },
      { header: 'Chỉ số', width: 38, align: 'right' },
      { header: 'Xếp loại', width: 50, align: 'center' },
    ];
    const rows: TableRow[] = results.map((x) => ({
      cells: [String(x.rank), x.assessment.unit.code, x.assessment.unit.name, viScore(x.selfTotalH), viScore(x.round1TotalH), viScore(x.finalTotalH), viNumber(x.indexK / 1000), x.band ?? '–'],
    }));
    drawTable(r, columns, rows, { fontSize: 9 });
  }
  signatureBlock(
    r,
    { heading: ['NGƯỜI LẬP BIỂU'], hint: '(Ký, ghi rõ họ tên)', name: preparedBy },
    { heading: [`TM. ${settings.issuer.toUpperCase()}`, 'THỦ TRƯỞNG CƠ QUAN'], hint: '(Ký, ghi rõ họ tên, đóng dấu)' },
  );
  return r.finish();
}
