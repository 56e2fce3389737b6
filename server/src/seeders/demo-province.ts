import { Role } from '../modules/user/user.entity';
import { UnitKind } from '../modules/unit/unit.entity';

/** The demo province (fictional): a people's committee, departments, and the districts that score. */
export const DEMO_PASSWORD = 'chamdiem2025';

export const DEMO_UNITS: { code: string; name: string; kind: UnitKind; parent?: string }[] = [
  { code: 'STTTT', name: 'Sở Thông tin và Truyền thông', kind: UnitKind.DEPARTMENT },
  { code: 'SNV', name: 'Sở Nội vụ', kind: UnitKind.DEPARTMENT },
  { code: 'TP-SONHA', name: 'Thành phố Sơn Hà', kind: UnitKind.DISTRICT },
  { code: 'TX-BINHMINH', name: 'Thị xã Bình Minh', kind: UnitKind.DISTRICT },
  { code: 'H-DONGGIANG', name: 'Huyện Đông Giang', kind: UnitKind.DISTRICT },
  { code: 'H-TAYSON', name: 'Huyện Tây Sơn', kind: UnitKind.DISTRICT },
  { code: 'H-LACTHUY', name: 'Huyện Lạc Thủy', kind: UnitKind.DISTRICT },
  { code: 'H-NAMDAN', name: 'Huyện Nam Đàn', kind: UnitKind.DISTRICT },
  { code: 'H-PHUOCLONG', name: 'Huyện Phước Long', kind: UnitKind.DISTRICT },
  { code: 'H-KIMSON', name: 'Huyện Kim Sơn', kind: UnitKind.DISTRICT },
  { code: 'X-HOABINH', name: 'Xã Hòa Bình', kind: UnitKind.COMMUNE, parent: 'H-DONGGIANG' },
  { code: 'P-TANTHANH', name: 'Phường Tân Thành', kind: UnitKind.COMMUNE, parent: 'TP-SONHA' },
];

export const DEMO_USERS: { email: string; name: string; role: Role; unit?: string }[] = [
  { email: 'admin@chamdiem.local', name: 'Nguyễn Văn Quản', role: Role.ADMIN },
  { email: 'lanhdao.sonha@chamdiem.local', name: 'Trần Thị Lan', role: Role.LEADER, unit: 'TP-SONHA' },
  { email: 'canbo1.sonha@chamdiem.local', name: 'Lê Minh Tuấn', role: Role.STAFF, unit: 'TP-SONHA' },
  { email: 'canbo2.sonha@chamdiem.local', name: 'Phạm Thu Hà', role: Role.STAFF, unit: 'TP-SONHA' },
  { email: 'lanhdao.binhminh@chamdiem.local', name: 'Đỗ Quang Huy', role: Role.LEADER, unit: 'TX-BINHMINH' },
  { email: 'canbo.binhminh@chamdiem.local', name: 'Vũ Ngọc Anh', role: Role.STAFF, unit: 'TX-BINHMINH' },
  { email: 'thamdinh@chamdiem.local', name: 'Hoàng Đức Thẩm', role: Role.APPRAISER },
  { email: 'theodoi@chamdiem.local', name: 'Bùi Thị Giám', role: Role.VIEWER },
];
