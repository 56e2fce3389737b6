import { Arg, Authorized, Ctx, FieldResolver, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { Context } from '../../common/context';
import { load } from '../../common/load';
import { Role } from '../user/user.entity';
import { Unit } from './unit.entity';
import { CreateUnitInput } from './unit.input';
import { UnitService } from './unit.service';
import { audited } from '../audit/audit.service';

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

  @FieldResolver(() => Unit, { nullable: true })
  parent(@Root() unit: Unit): Promise<Unit | null> {
    return load(unit.parent);
  }
}
