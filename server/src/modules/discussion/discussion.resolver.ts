import DataLoader from 'dataloader';
import { Arg, Authorized, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import { notFound } from '../../common/errors';
import { assertId } from '../../common/ids';
import { AssessmentService } from '../assessment/assessment.service';
import { requireViewer } from '../../common/auth';
import type { Context } from '../../common/context';
import { load } from '../../common/load';
import { publish } from '../assessment/assessment.publisher';
import { announce } from '../notification/notify';
import { ScoreEntry } from '../assessment/score-entry.entity';
import { Role, User } from '../user/user.entity';
import { CommentEdit, DiscussionComment } from './discussion-comment.entity';
import { DiscussionThread } from './discussion-thread.entity';
import { PostCommentInput } from './discussion.input';
import { DiscussionService, type DiscussionChange } from './discussion.service';

/** A request's threads, by entry id, read in one statement for a whole list of entries. */
const loaders = new WeakMap<object, DataLoader<string, DiscussionThread | null>>();
function threadOf(ctx: Context, entryId: string): Promise<DiscussionThread | null> {
  let l = loaders.get(ctx);
  if (!l) {
    l = new DataLoader(async (ids) => {
      const found = await ctx.em.find(DiscussionThread, { entry: { $in: [...ids] } });
      const byEntry = new Map(found.map((t) => [t.entry.id, t]));
      return ids.map((id) => byEntry.get(id) ?? null);
    });
    loaders.set(ctx, l);
  }
  return l.load(entryId);
}

async function published<T>(ctx: Context, change: DiscussionChange<T>): Promise<T> {
  await publish(ctx, { assessment: change.assessment, kinds: ['DISCUSSION'], actor: requireViewer(ctx.viewer), entries: [change.entry], progress: [] });
  if (change.notices.length) await announce(ctx.live, change.notices, ctx.log);
  return change.result;
}

@Resolver(() => DiscussionThread)
export class DiscussionResolver {
  @Authorized()
  @Query(() => DiscussionThread, { nullable: true, description: 'One score entry’s discussion (null before its first comment); for whoever may read the assessment.' })
  async discussion(@Arg('assessmentId', () => ID) assessmentId: string, @Arg('criterionId', () => ID) criterionId: string, @Ctx() ctx: Context): Promise<DiscussionThread | null> {
    const a = await new AssessmentService(ctx.em).get(requireViewer(ctx.viewer), assessmentId);
    const entry = await ctx.em.findOne(ScoreEntry, { assessment: a.id, criterion: assertId(criterionId, 'Criterion') });
    if (!entry) throw notFound('Leaf criterion', criterionId);
    return threadOf(ctx, entry.id);
  }

  @Authorized(Role.LEADER, Role.STAFF, Role.APPRAISER)
  @Mutation(() => DiscussionComment, {
    description:
      'Adds a comment to a score entry’s discussion (the unit’s LEADER and STAFF, and its council; in a period without councils every APPRAISER who may read the assessment). Reopens a resolved thread. "@e-mail" mentions: BAD_USER_INPUT when a mentioned person may not see the entry. PHASE_CLOSED once finalized. A live DISCUSSION event follows.',
  })
  async postComment(@Arg('input', () => PostCommentInput) input: PostCommentInput, @Ctx() ctx: Context): Promise<DiscussionComment> {
    return published(ctx, await new DiscussionService(ctx.em).post(requireViewer(ctx.viewer), input));
  }

  @Authorized(Role.LEADER, Role.STAFF, Role.APPRAISER)
  @Mutation(() => DiscussionComment, { description: 'The author rewrites a comment; the earlier text is kept in `edits`. FORBIDDEN for anyone else.' })
  async editComment(@Arg('commentId', () => ID) commentId: string, @Arg('body', () => String) body: string, @Ctx() ctx: Context): Promise<DiscussionComment> {
    return published(ctx, await new DiscussionService(ctx.em).edit(requireViewer(ctx.viewer), commentId, body));
  }

  @Authorized(Role.LEADER, Role.STAFF, Role.APPRAISER)
  @Mutation(() => DiscussionThread, { description: 'Marks a score entry’s discussion resolved (resolved: false opens it again); same people as postComment.' })
  async resolveThread(
    @Arg('assessmentId', () => ID) assessmentId: string,
    @Arg('criterionId', () => ID) criterionId: string,
    @Arg('resolved', () => Boolean, { defaultValue: true }) resolved: boolean,
    @Ctx() ctx: Context,
  ): Promise<DiscussionThread> {
    return published(ctx, await new DiscussionService(ctx.em).resolve(requireViewer(ctx.viewer), assessmentId, criterionId, resolved));
  }

  @FieldResolver(() => Boolean)
  resolved(@Root() t: DiscussionThread): boolean {
    return !!t.resolvedAt;
  }

  @FieldResolver(() => User, { nullable: true })
  async resolvedBy(@Root() t: DiscussionThread): Promise<User | null> {
    return t.resolvedBy ? ((await load(t.resolvedBy)) ?? null) : null;
  }

  @FieldResolver(() => [DiscussionComment], { description: 'Oldest first.' })
  comments(@Root() t: DiscussionThread, @Ctx() ctx: Context): Promise<DiscussionComment[]> {
    return ctx.em.find(DiscussionComment, { thread: t.id }, { orderBy: { createdAt: 'asc', id: 'asc' } });
  }
}

@Resolver(() => DiscussionComment)
export class CommentResolver {
  @FieldResolver(() => User)
  async author(@Root() c: DiscussionComment): Promise<User> {
    return (await load(c.author))!;
  }

  @FieldResolver(() => [User], { description: 'The people the comment @mentions.' })
  mentions(@Root() c: DiscussionComment, @Ctx() ctx: Context): Promise<User[]> {
    return c.mentionIds.length ? ctx.em.find(User, { id: { $in: c.mentionIds } }) : Promise.resolve([]);
  }

  @FieldResolver(() => [CommentEdit], { description: 'Earlier texts, oldest first.' })
  edits(@Root() c: DiscussionComment): CommentEdit[] {
    return c.edits.map((e) => ({ body: e.body, replacedAt: new Date(e.replacedAt) }));
  }
}

@Resolver(() => ScoreEntry)
export class EntryDiscussionResolver {
  @FieldResolver(() => DiscussionThread, { nullable: true, description: 'The entry’s discussion with the council; null before the first comment.' })
  discussion(@Root() e: ScoreEntry, @Ctx() ctx: Context): Promise<DiscussionThread | null> {
    return threadOf(ctx, e.id);
  }
}
