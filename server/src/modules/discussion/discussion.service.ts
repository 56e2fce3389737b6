import { raw } from '@mikro-orm/core';
import { assertMayDiscuss, refOf } from '../../common/access';
import type { Viewer } from '../../common/auth';
import { badInput, forbidden, notFound, phaseClosed } from '../../common/errors';
import { assertId } from '../../common/ids';
import type { Em } from '../../orm';
import { Assessment, AssessmentStatus } from '../assessment/assessment.entity';
import { ScoreEntry } from '../assessment/score-entry.entity';
import { Phase } from '../period/period.entity';
import { User } from '../user/user.entity';
import { CommentKind, DiscussionComment } from './discussion-comment.entity';
import { DiscussionThread } from './discussion-thread.entity';
import type { PostCommentInput } from './discussion.input';
import type { Notice } from '../notification/notify';
import { mentionedUsers, onMentioned } from './mentions';

const MAX_BODY = 5000;
const CLOSED_PHASES: readonly Phase[] = [Phase.FINALIZED, Phase.PUBLISHED];

export interface DiscussionChange<T> {
  result: T;
  assessment: Assessment;
  entry: ScoreEntry;
  /** the notifications the change wrote (mentions), to announce after commit */
  notices: Notice[];
}

/**
 * The discussion of each score entry between the unit's people and its council. Every change
 * takes the assessment's row (seq + 1) so that the live event that follows has its place in the
 * assessment's sequence.
 */
export class DiscussionService {
  constructor(private readonly em: Em) {}

  async post(viewer: Viewer, input: PostCommentInput): Promise<DiscussionChange<DiscussionComment>> {
    return this.inEntry(viewer, input.assessmentId, input.criterionId, async (em, a, entry, notices) => {
      const body = cleanBody(input.body); // after the access check: an outsider learns nothing
      const mentions = await mentionedUsers(em, refOf(a), body);
      let thread = await em.findOne(DiscussionThread, { entry: entry.id });
      if (!thread) thread = em.create(DiscussionThread, { assessment: a, entry } as never);
      // a new word on a resolved thread opens it again
      thread.resolvedAt = null;
      thread.resolvedBy = null;
      const comment = em.create(DiscussionComment, {
        thread,
        assessment: a,
        author: em.getReference(User, viewer.id),
        kind: input.kind ?? CommentKind.NOTE,
        body,
        mentionIds: mentions,
        edits: [],
      } as never);
      await em.flush();
      if (mentions.length) notices.push(...(await onMentioned(em, comment, mentions, { author: viewer, assessmentId: a.id, unitName: a.unit.name, criterionCode: entry.criterion.code })));
      return comment;
    });
  }

  /** The author rewrites a comment; the earlier text is kept. */
  async edit(viewer: Viewer, commentId: string, text: string): Promise<DiscussionChange<DiscussionComment>> {
    const id = assertId(commentId, 'Comment');
    const found = await this.em.findOne(DiscussionComment, { id }, { populate: ['thread', 'thread.entry'] });
    if (!found) throw notFound('Comment', id);
    const criterionId = found.thread.entry.criterion.id;
    return this.inEntry(viewer, found.assessment.id, criterionId, async (em, a, entry, notices) => {
      const c = await em.findOneOrFail(DiscussionComment, { id }, { refresh: true });
      if (c.author.id !== viewer.id) throw forbidden('Only its author edits a comment.');
      const body = cleanBody(text);
      if (c.body === body) return c;
      const mentions = await mentionedUsers(em, refOf(a), body);
      const added = mentions.filter((m) => !c.mentionIds.includes(m));
      c.edits = [...c.edits, { body: c.body, replacedAt: new Date().toISOString() }];
      c.body = body;
      c.mentionIds = mentions;
      c.editedAt = new Date();
      await em.flush();
      if (added.length) notices.push(...(await onMentioned(em, c, added, { author: viewer, assessmentId: a.id, unitName: a.unit.name, criterionCode: entry.criterion.code })));
      return c;
    });
  }

  /** Marks the entry's thread resolved (or open again). */
  async resolve(viewer: Viewer, assessmentId: string, criterionId: string, resolved: boolean): Promise<DiscussionChange<DiscussionThread>> {
    return this.inEntry(viewer, assessmentId, criterionId, async (em, _a, entry) => {
      const thread = await em.findOne(DiscussionThread, { entry: entry.id });
      if (!thread) throw notFound('Discussion of this entry');
      thread.resolvedAt = resolved ? new Date() : null;
      thread.resolvedBy = resolved ? em.getReference(User, viewer.id) : null;
      await em.flush();
      return thread;
    });
  }

  /** One transaction on one entry of an assessment the viewer takes part in. */
  private async inEntry<T>(viewer: Viewer, assessmentRaw: string, criterionRaw: string, run: (em: Em, a: Assessment, entry: ScoreEntry, notices: Notice[]) => Promise<T>): Promise<DiscussionChange<T>> {
    const assessmentId = assertId(assessmentRaw, 'Assessment');
    const criterionId = assertId(criterionRaw, 'Criterion');
    return this.em.transactional(async (em) => {
      const bumped = await em.createQueryBuilder(Assessment).update({ seq: raw('seq + 1') } as never).where({ id: assessmentId }).execute('run');
      if (!(bumped as { affectedRows?: number }).affectedRows) throw notFound('Assessment', assessmentId);
      const a = await em.findOneOrFail(Assessment, { id: assessmentId }, { populate: ['period', 'unit'], refresh: true });
      assertMayDiscuss(viewer, refOf(a));
      if (a.status === AssessmentStatus.FINAL || CLOSED_PHASES.includes(a.period.phase)) {
        throw phaseClosed('The assessment is finalized; its discussions are closed.', { status: a.status, phase: a.period.phase });
      }
      const entry = await em.findOne(ScoreEntry, { assessment: a.id, criterion: criterionId }, { populate: ['criterion'] });
      if (!entry) throw notFound('Leaf criterion', criterionId);
      const notices: Notice[] = [];
      const result = await run(em, a, entry, notices);
      return { result, assessment: a, entry, notices };
    });
  }
}

function cleanBody(text: string): string {
  const body = (text ?? '').trim();
  if (!body) throw badInput([{ path: 'body', message: 'write something', code: 'REQUIRED', params: { field: 'body' } }]);
  if (body.length > MAX_BODY) throw badInput([{ path: 'body', message: `at most ${MAX_BODY} characters`, code: 'TOO_LONG', params: { field: 'body', max: MAX_BODY } }]);
  return body;
}
