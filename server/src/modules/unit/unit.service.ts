import { badInput, notFound, Problem } from '../../common/errors';
import { assertId } from '../../common/ids';
import type { Em } from '../../orm';
import { Assessment } from '../assessment/assessment.entity';
import { Unit } from './unit.entity';
import type { CreateUnitInput, UpdateUnitInput } from './unit.input';

export class UnitService {
  constructor(private readonly em: Em) {}

  list(): Promise<Unit[]> {
    return this.em.find(Unit, {}, { orderBy: { kind: 'asc', name: 'asc' } });
  }

  async create(input: CreateUnitInput): Promise<Unit> {
    const problems: Problem[] = [];
    const code = input.code.trim();
    const name = input.name.trim();
    if (!/^[A-Za-z0-9_.-]{1,40}$/.test(code)) problems.push({ path: 'code', message: 'use 1–40 letters, digits, ".", "_" or "-"', code: 'INVALID_UNIT_CODE', params: { value: code } });
    if (name.length === 0 || name.length > 300) problems.push({ path: 'name', message: 'must be 1–300 characters', code: name.length ? 'TOO_LONG' : 'REQUIRED', params: { field: 'name', max: 300 } });
    let parent: Unit | null = null;
    if (input.parentId != null) {
      parent = await this.em.findOne(Unit, { id: assertId(input.parentId, 'Unit') });
      if (!parent) problems.push({ path: 'parentId', message: 'no such unit', code: 'UNKNOWN_REFERENCE', params: { field: 'parentId', value: input.parentId } });
    }
    if (problems.length === 0 && (await this.em.count(Unit, { code }))) problems.push({ path: 'code', message: `a unit with code ${code} exists`, code: 'TAKEN', params: { field: 'code', value: code } });
    if (problems.length) throw badInput(problems);
    const unit = this.em.create(Unit, { code, name, kind: input.kind, parent } as never);
    await this.em.flush();
    return unit;
  }

  /** Name, kind (not once the unit takes part in a period) and parent (never making it its own ancestor). */
  async update(id: string, input: UpdateUnitInput): Promise<Unit> {
    const unit = await this.em.findOne(Unit, { id: assertId(id, 'Unit') });
    if (!unit) throw notFound('Unit', id);
    const problems: Problem[] = [];
    const name = input.name == null ? undefined : input.name.trim();
    if (input.name === null) problems.push({ path: 'name', message: 'name cannot be empty', code: 'REQUIRED', params: { field: 'name' } });
    if (name !== undefined && (name.length === 0 || name.length > 300)) {
      problems.push({ path: 'name', message: 'must be 1–300 characters', code: name.length ? 'TOO_LONG' : 'REQUIRED', params: { field: 'name', max: 300 } });
    }
    if (input.kind != null && input.kind !== unit.kind && (await this.em.count(Assessment, { unit: unit.id }))) {
      problems.push({ path: 'kind', message: `${unit.code} takes part in a period: its kind stays ${unit.kind}`, code: 'UNIT_KIND_LOCKED', params: { unit: unit.code } });
    }
    let parent: Unit | null | undefined;
    if (input.parentId === null) parent = null;
    else if (input.parentId !== undefined) {
      parent = await this.em.findOne(Unit, { id: assertId(input.parentId, 'Unit') });
      if (!parent) problems.push({ path: 'parentId', message: 'no such unit', code: 'UNKNOWN_REFERENCE', params: { field: 'parentId', value: input.parentId } });
      else {
        // walk up from the new parent: meeting this unit means a cycle
        for (let p: Unit | null = parent, depth = 0; p && depth < 1000; depth++) {
          if (p.id === unit.id) {
            problems.push({ path: 'parentId', message: `${unit.code} would be its own ancestor`, code: 'UNIT_CYCLE', params: { unit: unit.code } });
            break;
          }
          p = p.parent ? await this.em.findOne(Unit, { id: p.parent.id }) : null;
        }
      }
    }
    if (problems.length) throw badInput(problems);
    if (name !== undefined) unit.name = name;
    if (input.kind != null) unit.kind = input.kind;
    if (parent !== undefined) unit.parent = parent;
    await this.em.flush();
    return unit;
  }
}
