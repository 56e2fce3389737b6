import { canReadAssessment, type AssessmentRef } from '../../common/access';
import { loadViewer, type Viewer } from '../../common/auth';
import { badInput, type Problem } from '../../common/errors';
import type { Em } from '../../orm';
import { User } from '../user/user.entity';
import { mentionedEmails } from '../notification/mentions';

export { mentionedEmails };
import { mentioned } from '../notification/notification.texts';
import { notifyIn, type Notice } from '../notification/notify';
import type { DiscussionComment } from './discussion-comment.entity';

/**
 * The users a comment on this assessment mentions: the one place that decides it. Every
 * mentioned address must be an active person who may see the entry (access.ts decides, with
 * the person's own rights); otherwise BAD_USER_INPUT names each address that is not.
 */
export async function mentionedUsers(em: Em, assessment: AssessmentRef, body: string): Promise<string[]> {
  const emails = mentionedEmails(body);
  if (emails.length === 0) return [];
  const users = await em.find(User, { email: { $in: emails } });
  const byEmail = new Map(users.map((u) => [u.email.toLowerCase(), u]));
  const problems: Problem[] = [];
  const ids: string[] = [];
  for (const email of emails) {
    const u = byEmail.get(email);
    const viewer = u ? await loadViewer(em, u.id) : null;
    if (!viewer) problems.push({ path: 'body', message: `@${email}: no active person has this address`, code: 'MENTION_UNKNOWN', params: { email } });
    else if (!canReadAssessment(viewer, assessment)) problems.push({ path: 'body', message: `@${email}: ${viewer.name} may not see this entry`, code: 'MENTION_NO_ACCESS', params: { email, name: viewer.name } });
    else ids.push(viewer.id);
  }
  if (problems.length) throw badInput(problems);
  return ids;
}

/**
 * Called once for each comment, inside its transaction, with the users it newly mentions (an
 * edit passes only those not mentioned before): the one call site that tells mentioned people.
 * The notices are announced after commit (notify.ts `announce`).
 */
export async function onMentioned(
  em: Em,
  comment: DiscussionComment,
  userIds: string[],
  c: { author: Viewer; assessmentId: string; unitName: string; criterionCode: string },
): Promise<Notice[]> {
  return notifyIn(em, userIds.map((id) => mentioned(id, { assessmentId: c.assessmentId, unitName: c.unitName }, c.criterionCode, c.author.name, comment.body)));
}
