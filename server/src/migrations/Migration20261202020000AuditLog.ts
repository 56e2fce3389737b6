import { Migration } from '@mikro-orm/migrations';

/* The audit log (modules/audit): generated from the entity, plus the triggers that make it append-only. */
const sqlite: string[] = [
  'create table `audit_record` (`id` text not null, `seq` integer not null, `at` datetime not null, `actor_id` text null, `actor_label` text not null, `ip` text null, `user_agent` text null, `action` text not null, `object_type` text not null, `object_id` text null, `before_json` text null, `after_json` text null, `prev_hash` text not null, `hash` text not null, primary key (`id`))',
  'create unique index `audit_record_seq_unique` on `audit_record` (`seq`)',
  'create index `audit_record_at_index` on `audit_record` (`at`)',
  'create index `audit_record_actor_id_index` on `audit_record` (`actor_id`)',
  'create index `audit_record_action_index` on `audit_record` (`action`)',
  'create unique index `audit_record_hash_unique` on `audit_record` (`hash`)',
  'create index `audit_record_object_type_object_id_index` on `audit_record` (`object_type`, `object_id`)',
  "create trigger `audit_record_no_update` before update on `audit_record` begin select raise(abort, 'the audit log is append-only'); end",
  "create trigger `audit_record_no_delete` before delete on `audit_record` begin select raise(abort, 'the audit log is append-only'); end",
];

const postgresql: string[] = [
  'create table "audit_record" ("id" uuid not null, "seq" int not null, "at" timestamptz not null, "actor_id" varchar(36) null, "actor_label" varchar(320) not null, "ip" varchar(64) null, "user_agent" varchar(500) null, "action" varchar(64) not null, "object_type" varchar(32) not null, "object_id" varchar(36) null, "before_json" text null, "after_json" text null, "prev_hash" varchar(64) not null, "hash" varchar(64) not null, constraint "audit_record_pkey" primary key ("id"))',
  'alter table "audit_record" add constraint "audit_record_seq_unique" unique ("seq")',
  'create index "audit_record_at_index" on "audit_record" ("at")',
  'create index "audit_record_actor_id_index" on "audit_record" ("actor_id")',
  'create index "audit_record_action_index" on "audit_record" ("action")',
  'alter table "audit_record" add constraint "audit_record_hash_unique" unique ("hash")',
  'create index "audit_record_object_type_object_id_index" on "audit_record" ("object_type", "object_id")',
  `create function "audit_record_append_only"() returns trigger language plpgsql as $$ begin raise exception 'the audit log is append-only'; end $$`,
  'create trigger "audit_record_no_change" before update or delete on "audit_record" for each row execute function "audit_record_append_only"()',
  'create trigger "audit_record_no_truncate" before truncate on "audit_record" for each statement execute function "audit_record_append_only"()',
];

/** The audit log: append-only (triggers refuse UPDATE, DELETE and, on PostgreSQL, TRUNCATE) and hash-chained. */
export class Migration20261202020000AuditLog extends Migration {
  override up(): void {
    const isPostgres = this.driver.getPlatform().constructor.name.startsWith('PostgreSql');
    for (const sql of isPostgres ? postgresql : sqlite) this.addSql(sql);
  }
}
