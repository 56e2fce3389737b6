import { canReadAssessment, type AssessmentRef } from '../../common/access';
import { loadViewer } from '../../common/auth';
import { badInput, type Problem } from '../../common/errors';
import type { Em } from '../../orm';
import { User } from '../user/user.entity';
import type { DiscussionComment } from './discussion-comment.entity';

/** "@" then a person's e-mail address, e.g. "@canbo1.sonha@chamdiem.local". */
const MENTION = /(?<![\w.+-])@([\w.+-]+@[\w-]+(?:\.[\w-]+)*)/g;

/** The e-mail addresses a text @mentions, lower case, each once, in order. */
export function mentionedEmails(body: string): string[] {
  const found = [...body.matchAll(MENTION)].map((m) => m[1].replace(/\.+$/, '').toLowerCase());
  return [...new Set(found)];
}

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
    if (!viewer) problems.push({ path: 'body', message: `@${email}: no active person has this address` });
    else if (!canReadAssessment(viewer, assessment)) problems.push({ path: 'body', message: `@${email}: ${viewer.name} may not see this entry` });
    else ids.push(viewer.id);
  }
  if (problems.length) throw badInput(problems);
  return ids;
}

/**
 * Called once for each comment, inside its transaction, with the users it newly mentions (an
 * edit passes only those not mentioned before). The notifications module hooks in here: this is
 * the single call site that tells mentioned people (issue 15; wired at merge).
 */
export async function onMentioned(_em: Em, _comment: DiscussionComment, _userIds: string[]): Promise<void> {
  // notifications are wired here (modules/notification)
}
