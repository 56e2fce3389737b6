import { canReadAssessment, type AssessmentRef } from '../../common/access';
import { loadViewer, type Viewer } from '../../common/auth';
import type { Em } from '../../orm';
import type { AssessmentStatus } from '../assessment/assessment.entity';
import { rows } from '../../common/sql';
import { Role } from '../user/user.entity';
import { mentioned } from './notification.texts';
import { notifyIn, type Notice, type NoticeDraft } from './notify';

/** "@staff.a@example.org" in a text: a person is mentioned by their sign-in e-mail. */
const MENTION = /(?:^|[^\w@])@([^\s@]+@[^\s@,;:!?()<>"'“”]+)/g;

/** The e-mail addresses mentioned in a text, lower-cased, once each. */
export function mentionedEmails(text: string | null | undefined): string[] {
  if (!text || !text.includes('@')) return [];
  const out = new Set<string>();
  for (const m of text.matchAll(MENTION)) out.add(m[1].replace(/[.]+$/, '').toLowerCase());
  return [...out].slice(0, 50);
}

/**
 * Each mentioned person as access.ts judges them: an APPRAISER with their council seats (read as
 * on every request), everyone else from the row itself.
 */
async function viewersOf(em: Em, users: { id: string; role: Role; unit_id: string | null; name: string; email: string }[]): Promise<{ email: string; viewer: Viewer }[]> {
  const out: { email: string; viewer: Viewer }[] = [];
  for (const u of users) {
    const viewer = u.role === Role.APPRAISER ? await loadViewer(em, u.id) : { id: u.id, role: u.role, unitId: u.unit_id, name: u.name };
    if (viewer) out.push({ email: u.email.toLowerCase(), viewer });
  }
  return out;
}

async function usersByEmail(em: Em, emails: string[]) {
  // plain SQL: this is on the save's hot path (common/sql.ts)
  return rows<{ id: string; email: string; role: Role; unit_id: string | null; name: string }>(
    em,
    `select "id", "email", "role", "unit_id", "name" from "user" where "email" in (${emails.map(() => '?').join(', ')}) and "active" = ?`,
    [...emails, true],
  );
}

/** The active people mentioned in `text` who may read the assessment (never the author). */
export async function mentionedPeople(em: Em, text: string, author: Viewer, a: AssessmentRef): Promise<Viewer[]> {
  const emails = mentionedEmails(text);
  if (!emails.length) return [];
  const people = await viewersOf(em, await usersByEmail(em, emails));
  return people.map((p) => p.viewer).filter((v) => v.id !== author.id && canReadAssessment(v, a));
}

export interface MentionContext {
  assessmentId: string;
  unitId: string;
  periodId: string;
  unitName: string;
  status: AssessmentStatus;
  /** the criterion the text is about, if any */
  criterionCode?: string | null;
  /** the page to open (default: the assessment's workspace) */
  link?: string;
}

/** The MENTIONED drafts for the people `text` mentions, who may read the assessment. */
export async function mentionDrafts(em: Em, author: Viewer, text: string, c: MentionContext): Promise<NoticeDraft[]> {
  const people = await mentionedPeople(em, text, author, c);
  return people.map((u) => mentioned(u.id, { assessmentId: c.assessmentId, unitName: c.unitName }, c.criterionCode ?? null, author.name, text, c.link));
}

/**
 * Tells the people mentioned in `text` (by "@their.e-mail") that `author` mentioned them, inside
 * the caller's transaction (`em` in `em.transactional`): for anything with @mentions (a score's
 * comment, a discussion thread). Only people who may read the assessment are told. Announce the
 * result after commit (notify.ts `announce`).
 */
export async function notifyMentioned(em: Em, author: Viewer, text: string, c: MentionContext): Promise<Notice[]> {
  return notifyIn(em, await mentionDrafts(em, author, text, c));
}

/**
 * For a write that holds its own transaction (the score writer): the people a text mentions are
 * looked up before it (only when it mentions anyone), and whom to tell is decided inside it,
 * from the assessment as the write reads it; a text that did not change tells nobody again.
 */
export async function prepareMentions(
  em: Em,
  author: Viewer,
  text: string | null | undefined,
): Promise<((a: { id: string; unitId: string; periodId: string; unitName: string; status: AssessmentStatus }, code: string, previous: string | null) => NoticeDraft[]) | undefined> {
  const emails = mentionedEmails(text);
  if (!emails.length) return undefined;
  const people = await viewersOf(em, await usersByEmail(em, emails));
  if (!people.length) return undefined;
  return (a, code, previous) => {
    const before = new Set(mentionedEmails(previous));
    return people
      .filter(({ email, viewer }) => !before.has(email) && viewer.id !== author.id && canReadAssessment(viewer, a))
      .map(({ viewer }) => mentioned(viewer.id, { assessmentId: a.id, unitName: a.unitName }, code, author.name, text!));
  };
}
