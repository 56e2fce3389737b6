import type { Em } from '../../orm';
import type { Cell } from '../sheets/framework-sheet';
import type { SheetColumn, SheetSpec } from '../sheets/workbook';
import { User } from '../user/user.entity';
import { InspectionFile } from './inspection-file.entity';
import { Inspection } from './inspection.entity';

export const INSPECTION_COLUMNS: SheetColumn[] = [
  { header: 'Ngày', width: 12 },
  { header: 'Địa điểm', width: 40 },
  { header: 'Thành phần', width: 40 },
  { header: 'Mã tiêu chí', width: 12 },
  { header: 'Kết quả kiểm tra', width: 60 },
  { header: 'Ảnh, tệp', width: 40 },
];

/** An assessment's on-site inspections as a worksheet of its score sheet: one row per finding. */
export async function inspectionSheet(em: Em, assessmentId: string): Promise<SheetSpec> {
  const inspections = await em.find(Inspection, { assessment: assessmentId }, { orderBy: { date: 'asc', createdAt: 'asc' } });
  const ids = inspections.map((i) => i.id);
  const files = ids.length ? await em.find(InspectionFile, { inspection: { $in: ids } }, { orderBy: { createdAt: 'asc' } }) : [];
  const people = await em.find(User, { id: { $in: [...new Set(inspections.flatMap((i) => i.memberIds))] } });
  const name = new Map(people.map((p) => [p.id, p.name]));
  const rows: Cell[][] = inspections.flatMap((i) => {
    const members = i.memberIds.map((m) => name.get(m) ?? m).join(', ');
    const attached = files.filter((f) => f.inspection.id === i.id).map((f) => f.name).join(', ');
    const findings = i.findings.length ? i.findings : [{ code: '', text: '' }];
    return findings.map((f) => [i.date, i.place, members, f.code || null, f.text || null, attached || null]);
  });
  return { name: 'Kiểm tra thực tế', columns: INSPECTION_COLUMNS, rows };
}
