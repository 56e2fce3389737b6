import { forbidden } from '../../common/errors';
import type { Viewer } from '../../common/auth';
import { CONTENT_TYPES, writeCsvSheet, writeXlsx, type SheetColumn } from '../sheets/workbook';
import type { Cell } from '../sheets/framework-sheet';
import type { Download } from '../sheets/sheets.service';
import { Role } from '../user/user.entity';
import { UNIT_COLUMNS, USER_COLUMNS } from './people-sheet';

/** The templates of importPeopleSheet: the header row and two example rows each. */
const TEMPLATES: Record<'units' | 'users', { name: string; columns: SheetColumn[]; rows: Cell[][] }> = {
  units: {
    name: 'Đơn vị',
    columns: UNIT_COLUMNS.map((header) => ({ header, width: header === 'name' ? 40 : 16 })),
    rows: [
      ['SONHA', 'Thành phố Sơn Hà', 'DISTRICT', null],
      ['SONHA-X01', 'Phường Hòa Bình', 'COMMUNE', 'SONHA'],
    ],
  },
  users: {
    name: 'Người dùng',
    columns: USER_COLUMNS.map((header) => ({ header, width: header === 'unit' ? 16 : 32 })),
    rows: [
      ['lanhdao.sonha@example.gov.vn', 'Nguyễn Văn An', 'LEADER', 'SONHA'],
      ['canbo.sonha@example.gov.vn', 'Trần Thị Bình', 'STAFF', 'SONHA'],
    ],
  },
};

/** GET /export/templates/units.xlsx|csv, users.xlsx|csv (ADMIN). */
export async function peopleTemplate(viewer: Viewer, which: string, ext: 'xlsx' | 'csv'): Promise<Download | null> {
  if (viewer.role !== Role.ADMIN) throw forbidden();
  const t = TEMPLATES[which as 'units' | 'users'];
  if (!t) return null;
  const body = ext === 'xlsx' ? await writeXlsx([{ name: t.name, columns: t.columns, rows: t.rows }]) : writeCsvSheet({ columns: t.columns, rows: t.rows });
  return { body, fileName: `mau-${which === 'units' ? 'don-vi' : 'nguoi-dung'}.${ext}`, contentType: CONTENT_TYPES[ext] };
}
