import { Assessment } from './modules/assessment/assessment.entity';
import { Progress } from './modules/assessment/progress.entity';
import { ScoreEntry } from './modules/assessment/score-entry.entity';
import { ScoreRevision } from './modules/assessment/score-revision.entity';
import { Criterion } from './modules/framework/criterion.entity';
import { Framework } from './modules/framework/framework.entity';
import { Period } from './modules/period/period.entity';
import { Unit } from './modules/unit/unit.entity';
import { User } from './modules/user/user.entity';
import { Evidence } from './modules/evidence/evidence.entity';
import { ApiToken } from './modules/integrator/api-token.entity';
import { Result } from './modules/results/result.entity';
import { PasswordReset } from './modules/user/password-reset.entity';
import { AuditRecord } from './modules/audit/audit-record.entity';
import { CouncilMember } from './modules/council/council-member.entity';
import { FinalizationSignature } from './modules/council/finalization-signature.entity';
import { DiscussionThread } from './modules/discussion/discussion-thread.entity';
import { DiscussionComment } from './modules/discussion/discussion-comment.entity';
import { Inspection } from './modules/inspection/inspection.entity';
import { InspectionFile } from './modules/inspection/inspection-file.entity';
import { DeadlineExtension } from './modules/deadline/deadline-extension.entity';
import { Notification } from './modules/notification/notification.entity';
import { NotificationPreference } from './modules/notification/notification-preference.entity';
import { OutboxMessage } from './modules/outbox/outbox-message.entity';
import { ScheduledJob } from './modules/scheduler/scheduled-job.entity';

/** Every entity, listed once for the ORM. */
export const entities = [Unit, User, Framework, Criterion, Period, Assessment, ScoreEntry, ScoreRevision, Progress, Evidence, ApiToken, Result, PasswordReset, AuditRecord, CouncilMember, FinalizationSignature, DiscussionThread, DiscussionComment, Inspection, InspectionFile, DeadlineExtension, Notification, NotificationPreference, OutboxMessage, ScheduledJob];
