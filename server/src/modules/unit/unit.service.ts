import { badInput, Problem } from '../../common/errors';
import { assertId } from '../../common/ids';
import type { Em } from '../../orm';
import { Unit } from './unit.entity';
import type { CreateUnitInput } from './unit.input';

export class UnitService {
  constructor(private readonly em: Em) {}

  list(): Promise<Unit[]> {
    return this.em.find(Unit, {}, { orderBy: { kind: 'asc', name: 'asc' } });
  }

  async create(input: CreateUnitInput): Promise<Unit> {
    const problems: Problem[] = [];
    const code = input.code.trim();
    const name = input.name.trim();
    if (!/^[A-Za-z0-9_.-]{1,40}$/.test(code)) problems.push({ path: 'code', message: 'use 1–40 letters, digits, ".", "_" or "-"' });
    if (name.length === 0 || name.length > 300) problems.push({ path: 'name', message: 'must be 1–300 characters' });
    let parent: Unit | null = null;
    if (input.parentId != null) {
      parent = await this.em.findOne(Unit, { id: assertId(input.parentId, 'Unit') });
      if (!parent) problems.push({ path: 'parentId', message: 'no such unit' });
    }
    if (problems.length === 0 && (await this.em.count(Unit, { code }))) problems.push({ path: 'code', message: `a unit with code ${code} exists` });
    if (problems.length) throw badInput(problems);
    const unit = this.em.create(Unit, { code, name, kind: input.kind, parent } as never);
    await this.em.flush();
    return unit;
  }
}
