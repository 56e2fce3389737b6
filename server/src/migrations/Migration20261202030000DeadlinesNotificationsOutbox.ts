import { Migration } from '@mikro-orm/migrations';

/*
 * Deadlines that bind, notifications, e-mail and the outbox (issue 14): a period's fourth deadline
 * (FINAL_APPRAISAL), its time zone and automatic phase moves; deadline extensions; notifications and
 * each person's e-mail choice per kind; the outbox that e-mail (and later webhooks) go through; the
 * scheduler's job rows; an expiry for API tokens. Generated from the entities
 * (scripts/migration-sql.ts); it only adds.
 */
const sqlite: string[] = [
  "create table `notification` (`id` text not null, `recipient_id` text not null, `kind` text check (`kind` in ('ASSIGNED', 'UNASSIGNED', 'RETURNED', 'MENTIONED', 'DEADLINE_IN_7_DAYS', 'DEADLINE_IN_1_DAY', 'DEADLINE_MISSED', 'EXTENSION_GRANTED', 'RESULTS_PUBLISHED', 'TOKEN_EXPIRING')) not null, `title` text not null, `body` text not null, `link` text null, `data` json not null, `dedupe_key` text null, `created_at` datetime not null, `read_at` datetime null, `digested_at` datetime null, primary key (`id`))",
  "create index `notification_recipient_id_created_at_index` on `notification` (`recipient_id`, `created_at`)",
  "create unique index `notification_recipient_id_dedupe_key_unique` on `notification` (`recipient_id`, `dedupe_key`)",
  "create table `notification_preference` (`id` text not null, `user_id` text not null, `kind` text check (`kind` in ('ASSIGNED', 'UNASSIGNED', 'RETURNED', 'MENTIONED', 'DEADLINE_IN_7_DAYS', 'DEADLINE_IN_1_DAY', 'DEADLINE_MISSED', 'EXTENSION_GRANTED', 'RESULTS_PUBLISHED', 'TOKEN_EXPIRING')) not null, `email` text check (`email` in ('IMMEDIATE', 'DAILY_DIGEST', 'NEVER')) not null, `updated_at` datetime not null, primary key (`id`))",
  "create unique index `notification_preference_user_id_kind_unique` on `notification_preference` (`user_id`, `kind`)",
  "create table `outbox` (`id` text not null, `topic` text not null, `payload` json not null, `created_at` datetime not null, `available_at` datetime not null, `attempts` integer not null default 0, `claimed_by` text null, `claimed_until` datetime null, `sent_at` datetime null, `failed_at` datetime null, `last_error` text null, primary key (`id`))",
  "create index `outbox_sent_at_available_at_index` on `outbox` (`sent_at`, `available_at`)",
  "create table `scheduled_job` (`name` text not null, `next_run_at` datetime not null, `claimed_by` text null, `claimed_until` datetime null, `last_run_at` datetime null, primary key (`name`))",
  "create table `deadline_extension` (`id` text not null, `created_at` datetime not null, `updated_at` datetime not null, `assessment_id` text not null, `phase` text check (`phase` in ('DRAFT', 'SELF_ASSESSMENT', 'APPRAISAL', 'EXPLANATION', 'FINAL_APPRAISAL', 'FINALIZED', 'PUBLISHED')) not null, `until` datetime not null, `reason` text not null, `granted_by_id` text null, constraint `deadline_extension_assessment_id_foreign` foreign key(`assessment_id`) references `assessment`(`id`) on update cascade, constraint `deadline_extension_granted_by_id_foreign` foreign key(`granted_by_id`) references `user`(`id`) on delete set null on update cascade, primary key (`id`))",
  "create index `deadline_extension_assessment_id_index` on `deadline_extension` (`assessment_id`)",
  "create index `deadline_extension_granted_by_id_index` on `deadline_extension` (`granted_by_id`)",
  "create index `deadline_extension_assessment_id_phase_index` on `deadline_extension` (`assessment_id`, `phase`)",
  "alter table `period` add column `final_appraisal_deadline` datetime null",
  "alter table `period` add column `time_zone` text not null default 'Asia/Ho_Chi_Minh'",
  "alter table `period` add column `auto_advance` text check (`auto_advance` in ('OFF', 'IF_COMPLETE', 'ALWAYS')) not null default 'OFF'",
  "alter table `api_token` add column `expires_at` datetime null",
];

const postgresql: string[] = [
  "create table \"notification\" (\"id\" uuid not null, \"recipient_id\" uuid not null, \"kind\" text check (\"kind\" in ('ASSIGNED', 'UNASSIGNED', 'RETURNED', 'MENTIONED', 'DEADLINE_IN_7_DAYS', 'DEADLINE_IN_1_DAY', 'DEADLINE_MISSED', 'EXTENSION_GRANTED', 'RESULTS_PUBLISHED', 'TOKEN_EXPIRING')) not null, \"title\" varchar(300) not null, \"body\" text not null, \"link\" varchar(500) null, \"data\" jsonb not null, \"dedupe_key\" varchar(200) null, \"created_at\" timestamptz not null, \"read_at\" timestamptz null, \"digested_at\" timestamptz null, constraint \"notification_pkey\" primary key (\"id\"))",
  "create index \"notification_recipient_id_created_at_index\" on \"notification\" (\"recipient_id\", \"created_at\")",
  "alter table \"notification\" add constraint \"notification_recipient_id_dedupe_key_unique\" unique (\"recipient_id\", \"dedupe_key\")",
  "create table \"notification_preference\" (\"id\" uuid not null, \"user_id\" uuid not null, \"kind\" text check (\"kind\" in ('ASSIGNED', 'UNASSIGNED', 'RETURNED', 'MENTIONED', 'DEADLINE_IN_7_DAYS', 'DEADLINE_IN_1_DAY', 'DEADLINE_MISSED', 'EXTENSION_GRANTED', 'RESULTS_PUBLISHED', 'TOKEN_EXPIRING')) not null, \"email\" text check (\"email\" in ('IMMEDIATE', 'DAILY_DIGEST', 'NEVER')) not null, \"updated_at\" timestamptz not null, constraint \"notification_preference_pkey\" primary key (\"id\"))",
  "alter table \"notification_preference\" add constraint \"notification_preference_user_id_kind_unique\" unique (\"user_id\", \"kind\")",
  "create table \"outbox\" (\"id\" uuid not null, \"topic\" varchar(32) not null, \"payload\" jsonb not null, \"created_at\" timestamptz not null, \"available_at\" timestamptz not null, \"attempts\" int not null default 0, \"claimed_by\" varchar(36) null, \"claimed_until\" timestamptz null, \"sent_at\" timestamptz null, \"failed_at\" timestamptz null, \"last_error\" text null, constraint \"outbox_pkey\" primary key (\"id\"))",
  "create index \"outbox_sent_at_available_at_index\" on \"outbox\" (\"sent_at\", \"available_at\")",
  "create table \"scheduled_job\" (\"name\" varchar(64) not null, \"next_run_at\" timestamptz not null, \"claimed_by\" varchar(36) null, \"claimed_until\" timestamptz null, \"last_run_at\" timestamptz null, constraint \"scheduled_job_pkey\" primary key (\"name\"))",
  "create table \"deadline_extension\" (\"id\" uuid not null, \"created_at\" timestamptz not null, \"updated_at\" timestamptz not null, \"assessment_id\" uuid not null, \"phase\" text check (\"phase\" in ('DRAFT', 'SELF_ASSESSMENT', 'APPRAISAL', 'EXPLANATION', 'FINAL_APPRAISAL', 'FINALIZED', 'PUBLISHED')) not null, \"until\" timestamptz not null, \"reason\" text not null, \"granted_by_id\" uuid null, constraint \"deadline_extension_pkey\" primary key (\"id\"))",
  "create index \"deadline_extension_assessment_id_phase_index\" on \"deadline_extension\" (\"assessment_id\", \"phase\")",
  "alter table \"deadline_extension\" add constraint \"deadline_extension_assessment_id_foreign\" foreign key (\"assessment_id\") references \"assessment\" (\"id\") on update cascade",
  "alter table \"deadline_extension\" add constraint \"deadline_extension_granted_by_id_foreign\" foreign key (\"granted_by_id\") references \"user\" (\"id\") on update cascade on delete set null",
  "alter table \"period\" add column \"final_appraisal_deadline\" timestamptz null, add column \"time_zone\" varchar(64) not null default 'Asia/Ho_Chi_Minh', add column \"auto_advance\" text check (\"auto_advance\" in ('OFF', 'IF_COMPLETE', 'ALWAYS')) not null default 'OFF'",
  "alter table \"api_token\" add column \"expires_at\" timestamptz null",
];

export class Migration20261202030000DeadlinesNotificationsOutbox extends Migration {
  override up(): void {
    const isPostgres = this.driver.getPlatform().constructor.name.startsWith('PostgreSql');
    for (const sql of isPostgres ? postgresql : sqlite) this.addSql(sql);
  }
}
