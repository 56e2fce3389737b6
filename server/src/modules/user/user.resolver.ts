import { Arg, Authorized, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import { requireViewer } from '../../common/auth';
import type { Context } from '../../common/context';
import { load } from '../../common/load';
import { publish } from '../assessment/assessment.publisher';
import { AssignmentService } from '../assignment/assignment.service';
import { Unit } from '../unit/unit.entity';
import { AuthPayload } from './auth-payload';
import { Role, User } from './user.entity';
import { CreateUserInput, UpdateUserInput } from './user.input';
import { UserService } from './user.service';
import { audited, current } from '../audit/audit.service';

@Resolver(() => User)
export class UserResolver {
  @Query(() => User, { nullable: true, description: 'The signed-in user; null when anonymous.' })
  me(@Ctx() ctx: Context): Promise<User | null> | null {
    return ctx.viewer ? new UserService(ctx.em, ctx.config).me(ctx.viewer) : null;
  }

  @Mutation(() => AuthPayload, { description: 'Signs in; UNAUTHENTICATED on a wrong e-mail or password.' })
  login(@Arg('email', () => String) email: string, @Arg('password', () => String) password: string, @Ctx() ctx: Context): Promise<AuthPayload> {
    return new UserService(ctx.em, ctx.config).login(email, password, ctx.loginGuard, ctx.ip);
  }

  @Authorized()
  @Query(() => [User], { description: 'ADMIN: everyone; LEADER: the people of the unit; others: themselves.' })
  users(@Ctx() ctx: Context): Promise<User[]> {
    return new UserService(ctx.em, ctx.config).list(requireViewer(ctx.viewer));
  }

  @Authorized(Role.ADMIN)
  @Mutation(() => User)
  createUser(@Arg('input', () => CreateUserInput) input: CreateUserInput, @Ctx() ctx: Context): Promise<User> {
    return audited(ctx, (em) => new UserService(em, ctx.config).create(input), { action: 'user.create', type: 'User' });
  }

  @Authorized(Role.ADMIN)
  @Mutation(() => User, { description: 'Disables or enables an account; a disabled account’s tokens stop working at once.' })
  async setUserActive(@Arg('id', () => ID) id: string, @Arg('active', () => Boolean) active: boolean, @Ctx() ctx: Context): Promise<User> {
    const user = await audited(ctx, (em) => new UserService(em, ctx.config).setActive(id, active, requireViewer(ctx.viewer)), { action: active ? 'user.enable' : 'user.disable', type: 'User', id, before: current(User, id) });
    await ctx.live.access.changed(user.id); // open streams of this user re-check their access
    return user;
  }

  @Authorized(Role.ADMIN)
  @Mutation(() => User, { description: 'Changes a person’s name, role or unit; their open live streams re-check their access at once, and a move to another unit (or a role without a unit) unassigns them from the old unit’s open assessments.' })
  async updateUser(@Arg('id', () => ID) id: string, @Arg('input', () => UpdateUserInput) input: UpdateUserInput, @Ctx() ctx: Context): Promise<User> {
    const viewer = requireViewer(ctx.viewer);
    const user = await audited(ctx, (em) => new UserService(em, ctx.config).update(id, input), { action: 'user.update', type: 'User', id, before: current(User, id) });
    // access follows the person, in every process right after the commit (their open streams
    // re-check, ViewerCache forgets them); then the old unit's entries are no longer theirs
    await ctx.live.access.changed(user.id);
    const ended = await new AssignmentService(ctx.em).endOutsideUnit(viewer, user);
    for (const change of ended) {
      await publish(ctx, { assessment: change.assessment, kinds: ['ASSIGNED'], actor: viewer, entries: change.entries, progress: [] });
    }
    return user;
  }

  @FieldResolver(() => Unit, { nullable: true })
  unit(@Root() user: User): Promise<Unit | null> {
    return load(user.unit);
  }
}
