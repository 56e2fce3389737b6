/**
 * People in bulk (issue 16): a units sheet (code, name, kind, parent) and a users sheet (email,
 * name, role, unit) → what would change, or every problem by sheet, row and column. Pure: rows
 * and what the database holds in, a plan out; PeopleService reads and writes.
 */
import { InputProblems, type Problem, type ProblemCode, type ProblemParams } from '../../common/errors';
import type { Cell, SheetRow } from '../sheets/framework-sheet';
import { UnitKind } from '../unit/unit.entity';
import { Role, UNIT_ROLES } from '../user/user.entity';

export const UNIT_COLUMNS = ['code', 'name', 'kind', 'parent'] as const;
export const USER_COLUMNS = ['email', 'name', 'role', 'unit'] as const;
type UnitColumn = (typeof UNIT_COLUMNS)[number];
type UserColumn = (typeof USER_COLUMNS)[number];
export type PeopleSheetName = 'units' | 'users';

/** The most rows one sheet may hold (a province has a few thousand people). */
export const MAX_PEOPLE_ROWS = 10_000;

const UNIT_ALIASES: Record<string, UnitColumn> = {
  'mã': 'code',
  'mã đơn vị': 'code',
  'tên': 'name',
  'tên đơn vị': 'name',
  'loại': 'kind',
  'loại đơn vị': 'kind',
  'cấp trên': 'parent',
  'đơn vị cấp trên': 'parent',
  'mã đơn vị cấp trên': 'parent',
  parent_code: 'parent',
};
const USER_ALIASES: Record<string, UserColumn> = {
  'e-mail': 'email',
  'thư điện tử': 'email',
  'họ tên': 'name',
  'họ và tên': 'name',
  'tên': 'name',
  'vai trò': 'role',
  'đơn vị': 'unit',
  'mã đơn vị': 'unit',
  unit_code: 'unit',
};

const KIND_WORDS: Record<string, UnitKind> = {
  'sở': UnitKind.DEPARTMENT,
  'ban': UnitKind.DEPARTMENT,
  'ngành': UnitKind.DEPARTMENT,
  'sở/ban/ngành': UnitKind.DEPARTMENT,
  'huyện': UnitKind.DISTRICT,
  'quận': UnitKind.DISTRICT,
  'thị xã': UnitKind.DISTRICT,
  'thành phố': UnitKind.DISTRICT,
  'huyện/thị xã/thành phố': UnitKind.DISTRICT,
  'xã': UnitKind.COMMUNE,
  'phường': UnitKind.COMMUNE,
  'thị trấn': UnitKind.COMMUNE,
  'xã/phường/thị trấn': UnitKind.COMMUNE,
  'khác': UnitKind.OTHER,
};
const ROLE_WORDS: Record<string, Role> = {
  'quản trị': Role.ADMIN,
  'lãnh đạo': Role.LEADER,
  'cán bộ': Role.STAFF,
  'chuyên viên': Role.STAFF,
  'thẩm định': Role.APPRAISER,
  'thẩm định viên': Role.APPRAISER,
  'theo dõi': Role.VIEWER,
};

export const UNIT_CODE = /^[A-Za-z0-9_.-]{1,40}$/;
export const EMAIL = /^[^\s@]{1,64}@[^\s@]{1,185}$/;

/** A unit as stored. */
export interface ExistingUnit {
  id: string;
  code: string;
  name: string;
  kind: UnitKind;
  parentCode: string | null;
  /** takes part in a period: its kind is fixed */
  inPeriod: boolean;
}
/** A user as stored. */
export interface ExistingUser {
  id: string;
  email: string;
  name: string;
  role: Role;
  unitCode: string | null;
}

export type ChangeAction = 'CREATE' | 'UPDATE' | 'UNCHANGED';
export interface UnitChange {
  row: number;
  action: ChangeAction;
  code: string;
  name: string;
  kind: UnitKind;
  parentCode: string | null;
  /** the fields an update changes */
  changed: string[];
}
export interface UserChange {
  row: number;
  action: ChangeAction;
  email: string;
  name: string;
  role: Role;
  unitCode: string | null;
  changed: string[];
}
export interface PeoplePlan {
  units: UnitChange[];
  users: UserChange[];
}

const norm = (s: string) => s.normalize('NFC').trim().toLowerCase().replace(/\s+/g, ' ');
const isBlank = (c: Cell | undefined) => c === null || c === undefined || (typeof c === 'string' && c.trim() === '');
const textOf = (c: Cell | undefined): string | null => (isBlank(c) ? null : String(c).normalize('NFC').trim());
export const pathOf = (sheet: PeopleSheetName, row: number, column?: string) => `${sheet}: row ${row}${column ? `, ${column}` : ''}`;

type Get<C extends string> = (r: SheetRow, c: C) => string | null;

/** The header of a sheet → where each column is; problems for unknown, doubled and missing columns. */
function columnsOf<C extends string>(
  sheet: PeopleSheetName,
  rows: SheetRow[],
  columns: readonly C[],
  aliases: Record<string, C>,
  required: C[],
  report: (row: number, column: string | undefined, code: ProblemCode, message: string, params?: ProblemParams) => void,
): { data: SheetRow[]; get: Get<C> } | null {
  const nonBlank = rows.filter((r) => r.cells.some((c) => !isBlank(c)));
  if (nonBlank.length === 0) {
    report(1, undefined, 'EMPTY_SHEET', `the ${sheet} sheet is empty (the first row names the columns: ${columns.join(', ')})`);
    return null;
  }
  if (nonBlank.length > MAX_PEOPLE_ROWS + 1) {
    report(1, undefined, 'TOO_MANY_ROWS', `more than ${MAX_PEOPLE_ROWS} rows`, { max: MAX_PEOPLE_ROWS });
    return null;
  }
  const [header, ...data] = nonBlank;
  const index = new Map<C, number>();
  header.cells.forEach((c, i) => {
    const name = textOf(c);
    if (name === null) return;
    const key = norm(name);
    const column = (columns as readonly string[]).includes(key.replace(/ /g, '_')) ? (key.replace(/ /g, '_') as C) : aliases[key];
    if (!column) return report(header.row, undefined, 'UNKNOWN_COLUMN', `unknown column '${name}' (the columns are ${columns.join(', ')})`, { column: name });
    if (index.has(column)) return report(header.row, undefined, 'DUPLICATE', `two columns are ${column}`, { value: column, first: index.get(column)! + 1 });
    index.set(column, i);
  });
  const missing = required.filter((c) => !index.has(c));
  for (const c of missing) report(header.row, undefined, 'MISSING_COLUMN', `missing column ${c}`, { column: c });
  if (missing.length) return null;
  return { data, get: (r, c) => (index.has(c) ? textOf(r.cells[index.get(c)!]) : null) };
}

const enumOf = <E extends string>(value: string, values: readonly E[], words: Record<string, E>): E | null =>
  (values as readonly string[]).includes(value.toUpperCase()) ? (value.toUpperCase() as E) : (words[norm(value)] ?? null);

/**
 * What importing these sheets would change, or InputProblems listing every problem (path
 * "units: row 3, kind"; params { sheet, row, column, … }). Either sheet may be absent. A unit's
 * parent and a user's unit are unit codes, of this sheet or already stored; units are never
 * removed, nor people disabled, by leaving them out.
 */
export function planPeople(
  unitRows: SheetRow[] | null,
  userRows: SheetRow[] | null,
  stored: { units: ExistingUnit[]; users: ExistingUser[]; viewerId: string | null },
): PeoplePlan {
  const problems: Problem[] = [];
  const reportIn =
    (sheet: PeopleSheetName) =>
    (row: number, column: string | undefined, code: ProblemCode, message: string, params: ProblemParams = {}) =>
      problems.push({ path: pathOf(sheet, row, column), message, code, params: { sheet, row, ...(column ? { column } : {}), ...params } });

  const unitsByCode = new Map(stored.units.map((u) => [u.code.toLowerCase(), u]));
  const usersByEmail = new Map(stored.users.map((u) => [u.email.toLowerCase(), u]));
  const plan: PeoplePlan = { units: [], users: [] };

  // units
  const sheetUnits = new Map<string, UnitChange>();
  if (unitRows) {
    const report = reportIn('units');
    const cols = columnsOf('units', unitRows, UNIT_COLUMNS, UNIT_ALIASES, ['code', 'name', 'kind'], report);
    for (const r of cols?.data ?? []) {
      const code = cols!.get(r, 'code');
      const name = cols!.get(r, 'name');
      const kindText = cols!.get(r, 'kind');
      const parentCode = cols!.get(r, 'parent');
      let ok = true;
      const fail = (column: UnitColumn, code: ProblemCode, message: string, params: ProblemParams = {}) => {
        ok = false;
        report(r.row, column, code, message, params);
      };
      if (code === null) fail('code', 'REQUIRED', 'code is required', { field: 'code' });
      else if (!UNIT_CODE.test(code)) fail('code', 'INVALID_UNIT_CODE', `'${code}' is not a unit code (1–40 letters, digits, ".", "_" or "-")`, { value: code });
      else if (sheetUnits.has(code.toLowerCase())) fail('code', 'DUPLICATE', `${code} is already on row ${sheetUnits.get(code.toLowerCase())!.row}`, { value: code, first: sheetUnits.get(code.toLowerCase())!.row });
      if (name === null) fail('name', 'REQUIRED', 'name is required', { field: 'name' });
      else if (name.length > 300) fail('name', 'TOO_LONG', 'name must be at most 300 characters', { field: 'name', max: 300 });
      const kind = kindText === null ? null : enumOf(kindText, Object.values(UnitKind), KIND_WORDS);
      if (kindText === null) fail('kind', 'REQUIRED', 'kind is required', { field: 'kind' });
      else if (!kind) fail('kind', 'NOT_ONE_OF', `'${kindText}' is not a unit kind (${Object.values(UnitKind).join(', ')})`, { field: 'kind', value: kindText, allowed: Object.values(UnitKind).join(', ') });
      if (!ok || code === null) continue;
      const before = unitsByCode.get(code.toLowerCase());
      const change: UnitChange = { row: r.row, action: 'CREATE', code: before?.code ?? code, name: name!, kind: kind!, parentCode, changed: [] };
      if (before) {
        if (before.name !== change.name) change.changed.push('name');
        if (before.kind !== change.kind) {
          change.changed.push('kind');
          if (before.inPeriod) report(r.row, 'kind', 'UNIT_KIND_LOCKED', `${before.code} takes part in a period: its kind stays ${before.kind}`, { unit: before.code });
        }
        if ((before.parentCode ?? '').toLowerCase() !== (parentCode ?? '').toLowerCase()) change.changed.push('parent');
        change.action = change.changed.length ? 'UPDATE' : 'UNCHANGED';
      }
      sheetUnits.set(code.toLowerCase(), change);
      plan.units.push(change);
    }
  }
  const unitExists = (code: string) => sheetUnits.has(code.toLowerCase()) || unitsByCode.has(code.toLowerCase());
  const canonical = (code: string) => sheetUnits.get(code.toLowerCase())?.code ?? unitsByCode.get(code.toLowerCase())?.code ?? code;

  // parents: known, and no unit its own ancestor
  for (const u of plan.units) {
    if (u.parentCode === null) continue;
    if (!unitExists(u.parentCode)) {
      reportIn('units')(u.row, 'parent', 'UNKNOWN_REFERENCE', `no unit ${u.parentCode} in the sheet or the province`, { value: u.parentCode });
      continue;
    }
    u.parentCode = canonical(u.parentCode);
  }
  const parentOf = (code: string): string | null => {
    const s = sheetUnits.get(code.toLowerCase());
    return s ? s.parentCode : (unitsByCode.get(code.toLowerCase())?.parentCode ?? null);
  };
  for (const u of plan.units) {
    const seen = new Set<string>([u.code.toLowerCase()]);
    for (let p = u.parentCode; p !== null; p = parentOf(p)) {
      if (seen.has(p.toLowerCase())) {
        reportIn('units')(u.row, 'parent', 'UNIT_CYCLE', `${u.code} would be its own ancestor`, { unit: u.code });
        break;
      }
      seen.add(p.toLowerCase());
    }
  }

  // users
  if (userRows) {
    const report = reportIn('users');
    const cols = columnsOf('users', userRows, USER_COLUMNS, USER_ALIASES, ['email', 'name', 'role'], report);
    const seen = new Map<string, number>();
    for (const r of cols?.data ?? []) {
      const emailText = cols!.get(r, 'email');
      const name = cols!.get(r, 'name');
      const roleText = cols!.get(r, 'role');
      const unitText = cols!.get(r, 'unit');
      let ok = true;
      const fail = (column: UserColumn, code: ProblemCode, message: string, params: ProblemParams = {}) => {
        ok = false;
        report(r.row, column, code, message, params);
      };
      const email = emailText?.toLowerCase() ?? null;
      if (email === null) fail('email', 'REQUIRED', 'email is required', { field: 'email' });
      else if (!EMAIL.test(email)) fail('email', 'INVALID_EMAIL', `'${emailText}' is not an e-mail address`, { value: emailText });
      else if (seen.has(email)) fail('email', 'DUPLICATE', `${email} is already on row ${seen.get(email)}`, { value: email, first: seen.get(email)! });
      if (name === null) fail('name', 'REQUIRED', 'name is required', { field: 'name' });
      else if (name.length > 200) fail('name', 'TOO_LONG', 'name must be at most 200 characters', { field: 'name', max: 200 });
      const role = roleText === null ? null : enumOf(roleText, Object.values(Role), ROLE_WORDS);
      if (roleText === null) fail('role', 'REQUIRED', 'role is required', { field: 'role' });
      else if (!role) fail('role', 'NOT_ONE_OF', `'${roleText}' is not a role (${Object.values(Role).join(', ')})`, { field: 'role', value: roleText, allowed: Object.values(Role).join(', ') });
      if (role && UNIT_ROLES.includes(role) && unitText === null) fail('unit', 'ROLE_UNIT_MISMATCH', `a ${role} belongs to a unit`, { role });
      else if (role && !UNIT_ROLES.includes(role) && unitText !== null) fail('unit', 'ROLE_UNIT_MISMATCH', `a ${role} does not belong to a unit`, { role });
      else if (unitText !== null && !unitExists(unitText)) fail('unit', 'UNKNOWN_REFERENCE', `no unit ${unitText} in the sheet or the province`, { value: unitText });
      if (email !== null && !seen.has(email)) seen.set(email, r.row);
      if (!ok) continue;
      const before = usersByEmail.get(email!);
      const unitCode = unitText === null ? null : canonical(unitText);
      const change: UserChange = { row: r.row, action: 'CREATE', email: email!, name: name!, role: role!, unitCode, changed: [] };
      if (before) {
        if (before.name !== change.name) change.changed.push('name');
        if (before.role !== change.role) change.changed.push('role');
        if ((before.unitCode ?? '') !== (unitCode ?? '')) change.changed.push('unit');
        if (before.id === stored.viewerId && change.changed.some((c) => c !== 'name')) {
          report(r.row, 'role', 'OWN_ACCOUNT', 'you cannot change your own role or unit', {});
        }
        change.action = change.changed.length ? 'UPDATE' : 'UNCHANGED';
      }
      plan.users.push(change);
    }
  }

  if (problems.length) throw new InputProblems(problems);
  return plan;
}
