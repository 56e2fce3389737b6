import { Migration } from '@mikro-orm/migrations';

/**
 * Webhooks (issue 18): the endpoints an ADMIN registered (webhook) and one row per event sent to
 * one of them (webhook_delivery), whose id is that of the outbox row that carries it.
 */
const EVENTS = "('ASSESSMENT_SUBMITTED', 'ASSESSMENT_RETURNED', 'ASSESSMENT_FINALIZED', 'RESULTS_PUBLISHED', 'STATISTIC_RECORDED')";

const sqlite: string[] = [
  "create table `webhook` (`id` text not null, `created_at` datetime not null, `updated_at` datetime not null, `url` text not null, `events` json not null, `secret` text not null, `active` integer not null default true, `created_by_id` text null, constraint `webhook_created_by_id_foreign` foreign key(`created_by_id`) references `user`(`id`) on delete set null on update cascade, primary key (`id`))",
  'create index `webhook_created_by_id_index` on `webhook` (`created_by_id`)',
  `create table \`webhook_delivery\` (\`id\` text not null, \`webhook_id\` text not null, \`event\` text check (\`event\` in ${EVENTS}) not null, \`created_at\` datetime not null, \`last_attempt_at\` datetime null, \`last_status_code\` integer null, primary key (\`id\`))`,
  'create index `webhook_delivery_webhook_id_created_at_index` on `webhook_delivery` (`webhook_id`, `created_at`)',
];

const postgresql: string[] = [
  'create table "webhook" ("id" uuid not null, "created_at" timestamptz not null, "updated_at" timestamptz not null, "url" varchar(2000) not null, "events" jsonb not null, "secret" varchar(200) not null, "active" boolean not null default true, "created_by_id" uuid null, constraint "webhook_pkey" primary key ("id"))',
  'alter table "webhook" add constraint "webhook_created_by_id_foreign" foreign key ("created_by_id") references "user" ("id") on update cascade on delete set null',
  `create table "webhook_delivery" ("id" uuid not null, "webhook_id" uuid not null, "event" text check ("event" in ${EVENTS}) not null, "created_at" timestamptz not null, "last_attempt_at" timestamptz null, "last_status_code" int null, constraint "webhook_delivery_pkey" primary key ("id"))`,
  'create index "webhook_delivery_webhook_id_created_at_index" on "webhook_delivery" ("webhook_id", "created_at")',
];

export class Migration20261202080000Webhooks extends Migration {
  override up(): void {
    const pg = this.driver.getPlatform().constructor.name.toLowerCase().includes('postgre');
    for (const sql of pg ? postgresql : sqlite) this.addSql(sql);
  }
}
