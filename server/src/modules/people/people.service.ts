import { UniqueConstraintViolationException } from '@mikro-orm/core';
import { badInput, conflict, InputProblems } from '../../common/errors';
import { rows } from '../../common/sql';
import type { Em } from '../../orm';
import { decodeBase64 } from '../sheets/sheets.service';
import { readRows, type ImportLimits } from '../sheets/workbook';
import type { SheetRow } from '../sheets/framework-sheet';
import { Unit } from '../unit/unit.entity';
import { User } from '../user/user.entity';
import { planPeople, pathOf, type PeoplePlan, type PeopleSheetName } from './people-sheet';
import { ImportAction, type ImportPeopleSheetInput, type PeopleImportResult, type SheetFileInput } from './people.types';

/** A password hash no password matches: an imported person signs in after a reset code (resetPassword). */
export const NO_PASSWORD = '!imported';

/** The result of a people import, with the people whose role or unit it changed (their access must follow). */
export interface PeopleImportOutcome {
  result: PeopleImportResult;
  movedUserIds: string[];
  /** every updated person (a name too): forgotten by every process's cache of people (ViewerCache) */
  updatedUserIds: string[];
}

/** Imports units and users from spreadsheets, all or nothing (people-sheet.ts has the rules). */
export class PeopleService {
  constructor(private readonly em: Em) {}

  /** Reads and checks both sheets and says what would change; BAD_USER_INPUT lists every problem. */
  async plan(input: ImportPeopleSheetInput, viewerId: string | null, limits: ImportLimits): Promise<PeoplePlan> {
    if (!input.units && !input.users) throw badInput([{ path: 'units', message: 'give a units sheet, a users sheet or both', code: 'REQUIRED', params: { field: 'units' } }]);
    const [unitRows, userRows] = [await read('units', input.units, limits), await read('users', input.users, limits)];
    const [units, users, taking] = await Promise.all([
      this.em.find(Unit, {}, { populate: ['parent'] }),
      this.em.find(User, {}, { populate: ['unit'] }),
      rows<{ unit_id: string }>(this.em, 'select distinct "unit_id" from "assessment"'),
    ]);
    const inPeriod = new Set(taking.map((r) => r.unit_id));
    try {
      return planPeople(unitRows, userRows, {
        units: units.map((u) => ({ id: u.id, code: u.code, name: u.name, kind: u.kind, parentCode: u.parent?.code ?? null, inPeriod: inPeriod.has(u.id) })),
        users: users.map((u) => ({ id: u.id, email: u.email, name: u.name, role: u.role, unitCode: u.unit?.code ?? null })),
        viewerId,
      });
    } catch (e) {
      if (e instanceof InputProblems) throw badInput(e.problems);
      throw e;
    }
  }

  /** Checks, then (unless dryRun) writes every change in the caller's transaction. */
  async import(input: ImportPeopleSheetInput, viewerId: string | null, limits: ImportLimits): Promise<PeopleImportOutcome> {
    const plan = await this.plan(input, viewerId, limits);
    const result = resultOf(plan, !input.dryRun);
    if (input.dryRun) return { result, movedUserIds: [], updatedUserIds: [] };
    const em = this.em;
    const byCode = new Map((await em.find(Unit, {})).map((u) => [u.code, u]));
    try {
      for (const u of plan.units) {
        if (u.action === 'CREATE') byCode.set(u.code, em.create(Unit, { code: u.code, name: u.name, kind: u.kind, parent: null } as never));
      }
      for (const u of plan.units) {
        if (u.action === 'UNCHANGED') continue;
        const unit = byCode.get(u.code)!;
        unit.name = u.name;
        unit.kind = u.kind;
        unit.parent = u.parentCode === null ? null : byCode.get(u.parentCode)!;
      }
      const users = new Map((await em.find(User, { email: { $in: plan.users.map((u) => u.email) } })).map((u) => [u.email, u]));
      const moved: string[] = [];
      const updated: string[] = [];
      for (const u of plan.users) {
        if (u.action === 'UNCHANGED') continue;
        const unit = u.unitCode === null ? null : byCode.get(u.unitCode)!;
        if (u.action === 'CREATE') {
          em.create(User, { email: u.email, name: u.name, role: u.role, unit, passwordHash: NO_PASSWORD, active: true } as never);
          continue;
        }
        const user = users.get(u.email)!;
        user.name = u.name;
        user.role = u.role;
        user.unit = unit;
        updated.push(user.id);
        if (u.changed.includes('role') || u.changed.includes('unit')) moved.push(user.id);
      }
      await em.flush();
      return { result, movedUserIds: moved, updatedUserIds: updated };
    } catch (e) {
      if (e instanceof UniqueConstraintViolationException) {
        throw conflict('Someone created a unit or a person of this sheet meanwhile; preview the import again.');
      }
      throw e;
    }
  }
}

async function read(sheet: PeopleSheetName, file: SheetFileInput | null | undefined, limits: ImportLimits): Promise<SheetRow[] | null> {
  if (!file) return null;
  const bytes = (() => {
    try {
      return decodeBase64(file.fileBase64);
    } catch {
      throw badInput([{ path: `${sheet}.fileBase64`, message: 'must be the file in base64', code: 'UNREADABLE_FILE', params: { sheet } }]);
    }
  })();
  try {
    return await readRows(bytes, file.format, limits);
  } catch (e) {
    if (e instanceof InputProblems) throw badInput(e.problems.map((p) => ({ ...p, path: `${sheet}.${p.path}`, params: { ...p.params, sheet } })));
    const row = (e as { row?: number }).row;
    if (typeof row === 'number') throw badInput([{ path: pathOf(sheet, row), message: (e as Error).message, code: 'INVALID', params: { sheet, row } }]);
    throw badInput([{ path: `${sheet}.fileBase64`, message: `not a readable ${file.format} file`, code: 'UNREADABLE_FILE', params: { sheet } }]);
  }
}

function resultOf(plan: PeoplePlan, applied: boolean): PeopleImportResult {
  const count = <T extends { action: string }>(list: T[], action: ImportAction) => list.filter((x) => x.action === action).length;
  return {
    applied,
    units: plan.units.map((u) => ({ ...u, action: u.action as ImportAction })),
    users: plan.users.map((u) => ({ ...u, action: u.action as ImportAction })),
    unitsCreated: count(plan.units, ImportAction.CREATE),
    unitsUpdated: count(plan.units, ImportAction.UPDATE),
    usersCreated: count(plan.users, ImportAction.CREATE),
    usersUpdated: count(plan.users, ImportAction.UPDATE),
  };
}
