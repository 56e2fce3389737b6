import { formatDeadline } from '../deadline/deadline.rule';
import { NotificationKind } from './notification.entity';
import type { NoticeDraft } from './notify';

/** The Vietnamese wording of every kind of notification, and the page each links to. */

const assessmentLink = (assessmentId: string) => `/assessments/${assessmentId}`;
const list = (codes: string[]) => (codes.length > 8 ? `${codes.slice(0, 8).join(', ')} và ${codes.length - 8} tiêu chí khác` : codes.join(', '));

const PHASE_VI: Record<string, string> = {
  SELF_ASSESSMENT: 'tự đánh giá',
  APPRAISAL: 'thẩm định',
  EXPLANATION: 'giải trình',
  FINAL_APPRAISAL: 'thẩm định lại',
};
export const phaseVi = (phase: string) => PHASE_VI[phase] ?? phase;

export interface AssessmentRef {
  assessmentId: string;
  unitName: string;
  periodName: string;
}

export function assigned(recipientId: string, a: AssessmentRef, codes: string[], by: string): NoticeDraft {
  return {
    recipientId,
    kind: NotificationKind.ASSIGNED,
    title: `Bạn được giao ${codes.length} tiêu chí: ${a.unitName}`,
    body: `${by} đã giao cho bạn các tiêu chí ${list(codes)} trong ${a.periodName} (${a.unitName}).`,
    link: assessmentLink(a.assessmentId),
    data: { assessmentId: a.assessmentId, codes },
  };
}

export function unassigned(recipientId: string, a: AssessmentRef, codes: string[], by: string): NoticeDraft {
  return {
    recipientId,
    kind: NotificationKind.UNASSIGNED,
    title: `${codes.length} tiêu chí không còn giao cho bạn: ${a.unitName}`,
    body: `${by} đã chuyển các tiêu chí ${list(codes)} trong ${a.periodName} (${a.unitName}) khỏi bạn.`,
    link: assessmentLink(a.assessmentId),
    data: { assessmentId: a.assessmentId, codes },
  };
}

export function returned(recipientId: string, a: AssessmentRef, by: string): NoticeDraft {
  return {
    recipientId,
    kind: NotificationKind.RETURNED,
    title: `Hồ sơ của ${a.unitName} được trả lại để giải trình`,
    body: `${by} (hội đồng thẩm định) đã trả lại hồ sơ tự đánh giá của ${a.unitName} trong ${a.periodName} để giải trình.`,
    link: assessmentLink(a.assessmentId),
    data: { assessmentId: a.assessmentId },
  };
}

export function mentioned(recipientId: string, a: { assessmentId: string; unitName: string }, code: string | null, by: string, excerpt: string, link?: string): NoticeDraft {
  return {
    recipientId,
    kind: NotificationKind.MENTIONED,
    title: `${by} nhắc đến bạn${code ? ` ở tiêu chí ${code}` : ''}`,
    body: `${by} nhắc đến bạn${code ? ` ở tiêu chí ${code}` : ''} (${a.unitName}): “${excerpt.length > 300 ? excerpt.slice(0, 300) + '…' : excerpt}”`,
    link: link ?? assessmentLink(a.assessmentId),
    data: { assessmentId: a.assessmentId, code },
  };
}

export type ReminderKind = NotificationKind.DEADLINE_IN_7_DAYS | NotificationKind.DEADLINE_IN_1_DAY | NotificationKind.DEADLINE_MISSED;

export function deadlineReminder(recipientId: string, kind: ReminderKind, a: AssessmentRef, phase: string, closes: Date, timeZone: string): NoticeDraft {
  const when = formatDeadline(closes, timeZone);
  const what = `hạn ${phaseVi(phase)} của ${a.unitName}`;
  const title =
    kind === NotificationKind.DEADLINE_MISSED ? `Đã quá ${what}` : kind === NotificationKind.DEADLINE_IN_1_DAY ? `Còn 1 ngày đến ${what}` : `Còn 7 ngày đến ${what}`;
  const body =
    kind === NotificationKind.DEADLINE_MISSED
      ? `${a.periodName}: ${what} là ${when} và đã qua; các thay đổi của giai đoạn này bị từ chối trừ khi quản trị viên gia hạn.`
      : `${a.periodName}: ${what} là ${when}. Hãy hoàn thành các tiêu chí còn dở trước hạn.`;
  return {
    recipientId,
    kind,
    title,
    body,
    link: assessmentLink(a.assessmentId),
    data: { assessmentId: a.assessmentId, phase, deadline: closes.toISOString(), timeZone },
    dedupeKey: `${kind}:${a.assessmentId}:${phase}:${closes.toISOString()}`,
  };
}

export function extensionGranted(recipientId: string, a: AssessmentRef, phase: string, until: Date, timeZone: string, reason: string, by: string): NoticeDraft {
  return {
    recipientId,
    kind: NotificationKind.EXTENSION_GRANTED,
    title: `${a.unitName} được gia hạn ${phaseVi(phase)} đến ${formatDeadline(until, timeZone)}`,
    body: `${by} đã gia hạn ${phaseVi(phase)} của ${a.unitName} trong ${a.periodName} đến ${formatDeadline(until, timeZone)}. Lý do: ${reason}`,
    link: assessmentLink(a.assessmentId),
    data: { assessmentId: a.assessmentId, phase, until: until.toISOString(), timeZone, reason },
  };
}

export function resultsPublished(recipientId: string, periodId: string, periodName: string): NoticeDraft {
  return {
    recipientId,
    kind: NotificationKind.RESULTS_PUBLISHED,
    title: `Đã công bố kết quả ${periodName}`,
    body: `Kết quả ${periodName} đã được công bố: tổng điểm, chỉ số, xếp hạng và xếp loại của các đơn vị.`,
    link: `/periods/${periodId}/results`,
    data: { periodId },
    dedupeKey: `RESULTS_PUBLISHED:${periodId}`,
  };
}

export function tokenExpiring(recipientId: string, token: { id: string; name: string; prefix: string; expiresAt: Date }, timeZone: string): NoticeDraft {
  return {
    recipientId,
    kind: NotificationKind.TOKEN_EXPIRING,
    title: `Mã truy cập API “${token.name}” sắp hết hạn`,
    body: `Mã truy cập API “${token.name}” (${token.prefix}…) hết hạn lúc ${formatDeadline(token.expiresAt, timeZone)}. Hãy cấp mã mới cho hệ thống tích hợp trước thời điểm đó.`,
    link: null,
    data: { tokenId: token.id, expiresAt: token.expiresAt.toISOString() },
    dedupeKey: `TOKEN_EXPIRING:${token.id}:${token.expiresAt.toISOString()}`,
  };
}
