import { GraphQLJSONObject } from 'graphql-scalars';
import { Arg, Authorized, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import { requireViewer } from '../../common/auth';
import type { Context } from '../../common/context';
import { forbidden } from '../../common/errors';
import { assertId } from '../../common/ids';
import { load } from '../../common/load';
import { Role } from '../user/user.entity';
import { Criterion } from './criterion.entity';
import { Framework, FrameworkStatus } from './framework.entity';
import { FrameworkService } from './framework.service';
import { audited, current, frameworkSummary } from '../audit/audit.service';

@Resolver(() => Framework)
export class FrameworkResolver {
  @Authorized()
  @Query(() => [Framework], { description: 'ADMIN sees drafts too; everyone else sees published frameworks.' })
  frameworks(@Ctx() ctx: Context): Promise<Framework[]> {
    const where = ctx.viewer?.role === Role.ADMIN ? {} : { status: FrameworkStatus.PUBLISHED };
    return ctx.em.find(Framework, where, { orderBy: { year: 'desc', code: 'asc', version: 'desc' } });
  }

  @Authorized()
  @Query(() => Framework)
  async framework(@Arg('id', () => ID) id: string, @Ctx() ctx: Context): Promise<Framework> {
    const fw = await new FrameworkService(ctx.em).get(assertId(id, 'Framework'));
    if (fw.status !== FrameworkStatus.PUBLISHED && requireViewer(ctx.viewer).role !== Role.ADMIN) {
      throw forbidden('Draft frameworks are visible to administrators only.');
    }
    return fw;
  }

  @Authorized(Role.ADMIN)
  @Mutation(() => Framework, {
    description: 'Imports a framework in the JSON interchange format as a new DRAFT (the next version when the code exists). Every problem is reported at once in extensions.problems; nothing is written unless all is valid.',
  })
  importFramework(@Arg('document', () => GraphQLJSONObject) document: Record<string, unknown>, @Ctx() ctx: Context): Promise<Framework> {
    return audited(ctx, (em) => new FrameworkService(em).importDocument(document), { action: 'framework.import', type: 'Framework', after: frameworkSummary });
  }

  @Authorized(Role.ADMIN)
  @Mutation(() => Framework, { description: 'Freezes a DRAFT framework so that periods can use it.' })
  publishFramework(@Arg('id', () => ID) id: string, @Ctx() ctx: Context): Promise<Framework> {
    return audited(ctx, (em) => new FrameworkService(em).publish(assertId(id, 'Framework')), { action: 'framework.publish', type: 'Framework', id, before: current(Framework, id), after: frameworkSummary });
  }

  @FieldResolver(() => [Criterion], { description: 'Every node, flat, parents before children.' })
  criteria(@Root() fw: Framework, @Ctx() ctx: Context): Promise<Criterion[]> {
    return new FrameworkService(ctx.em).criteria(fw.id);
  }
}

@Resolver(() => Criterion)
export class CriterionResolver {
  @FieldResolver(() => ID, { nullable: true })
  parentId(@Root() c: Criterion): string | null {
    return c.parent?.id ?? null;
  }

  @FieldResolver(() => Criterion, { nullable: true })
  parent(@Root() c: Criterion): Promise<Criterion | null> {
    return load(c.parent);
  }
}
