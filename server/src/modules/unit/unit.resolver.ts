import { Arg, Authorized, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { Context } from '../../common/context';
import { load } from '../../common/load';
import { Role } from '../user/user.entity';
import { Unit } from './unit.entity';
import { CreateUnitInput, UpdateUnitInput } from './unit.input';
import { UnitService } from './unit.service';
import { audited, current } from '../audit/audit.service';

@Resolver(() => Unit)
export class UnitResolver {
  @Authorized()
  @Query(() => [Unit], { description: 'Every unit of the province (names are public to signed-in users).' })
  units(@Ctx() ctx: Context): Promise<Unit[]> {
    return new UnitService(ctx.em).list();
  }

  @Authorized(Role.ADMIN)
  @Mutation(() => Unit)
  createUnit(@Arg('input', () => CreateUnitInput) input: CreateUnitInput, @Ctx() ctx: Context): Promise<Unit> {
    return audited(ctx, (em) => new UnitService(em).create(input), { action: 'unit.create', type: 'Unit' });
  }

  @Authorized(Role.ADMIN)
  @Mutation(() => Unit, { description: 'Changes a unit’s name, kind (not once it takes part in a period) or parent unit (never making it its own ancestor).' })
  updateUnit(@Arg('id', () => ID) id: string, @Arg('input', () => UpdateUnitInput) input: UpdateUnitInput, @Ctx() ctx: Context): Promise<Unit> {
    return audited(ctx, (em) => new UnitService(em).update(id, input), { action: 'unit.update', type: 'Unit', id, before: current(Unit, id) });
  }

  @FieldResolver(() => Unit, { nullable: true })
  parent(@Root() unit: Unit): Promise<Unit | null> {
    return load(unit.parent);
  }
}
