import { Migration } from '@mikro-orm/migrations';

/**
 * Bulk statistics (issue 18): a figure pushed after a unit submitted, kept beside its own as the
 * council's source figure (source_figure, one per entry), and each accepted pushStatistics call
 * by its token and idempotency key (statistic_push).
 */
const sqlite: string[] = [
  "create table `source_figure` (`id` text not null, `created_at` datetime not null, `updated_at` datetime not null, `entry_id` text not null, `assessment_id` text not null, `numerator` real null, `denominator` real null, `figure` real null, `score_h` integer null, `source` text not null, `source_ref` text null, primary key (`id`))",
  "create unique index `source_figure_entry_id_unique` on `source_figure` (`entry_id`)",
  "create index `source_figure_assessment_id_index` on `source_figure` (`assessment_id`)",
  "create table `statistic_push` (`id` text not null, `created_at` datetime not null, `updated_at` datetime not null, `token_id` text not null, `idempotency_key` text not null, `request_hash` text not null, `result` json not null, primary key (`id`))",
  "create unique index `statistic_push_token_id_idempotency_key_unique` on `statistic_push` (`token_id`, `idempotency_key`)",
];

const postgresql: string[] = [
  'create table "source_figure" ("id" uuid not null, "created_at" timestamptz not null, "updated_at" timestamptz not null, "entry_id" uuid not null, "assessment_id" uuid not null, "numerator" double precision null, "denominator" double precision null, "figure" double precision null, "score_h" int null, "source" varchar(200) not null, "source_ref" varchar(500) null, constraint "source_figure_pkey" primary key ("id"))',
  'alter table "source_figure" add constraint "source_figure_entry_id_unique" unique ("entry_id")',
  'create index "source_figure_assessment_id_index" on "source_figure" ("assessment_id")',
  'create table "statistic_push" ("id" uuid not null, "created_at" timestamptz not null, "updated_at" timestamptz not null, "token_id" uuid not null, "idempotency_key" varchar(200) not null, "request_hash" varchar(64) not null, "result" jsonb not null, constraint "statistic_push_pkey" primary key ("id"))',
  'alter table "statistic_push" add constraint "statistic_push_token_id_idempotency_key_unique" unique ("token_id", "idempotency_key")',
];

export class Migration20261202070000Statistics extends Migration {
  override up(): void {
    const pg = this.driver.getPlatform().constructor.name.toLowerCase().includes('postgre');
    for (const sql of pg ? postgresql : sqlite) this.addSql(sql);
  }
}
