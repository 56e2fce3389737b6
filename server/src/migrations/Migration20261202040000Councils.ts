import { Migration } from '@mikro-orm/migrations';

/* Councils, signed finalization, discussions and inspections (issue 15): generated from the entities. */
const sqlite: string[] = [
  "create table `inspection` (`id` text not null, `created_at` datetime not null, `updated_at` datetime not null, `assessment_id` text not null, `date` text not null, `place` text not null, `member_ids` json not null, `findings` json not null, `recorded_by_id` text not null, constraint `inspection_assessment_id_foreign` foreign key(`assessment_id`) references `assessment`(`id`) on update cascade, constraint `inspection_recorded_by_id_foreign` foreign key(`recorded_by_id`) references `user`(`id`) on update cascade, primary key (`id`))",
  "create index `inspection_recorded_by_id_index` on `inspection` (`recorded_by_id`)",
  "create index `inspection_assessment_id_index` on `inspection` (`assessment_id`)",
  "create table `inspection_file` (`id` text not null, `created_at` datetime not null, `updated_at` datetime not null, `inspection_id` text not null, `assessment_id` text not null, `name` text not null, `mime_type` text not null, `size` integer not null, `sha256` text not null, `storage_key` text not null, `uploaded_by_id` text null, constraint `inspection_file_inspection_id_foreign` foreign key(`inspection_id`) references `inspection`(`id`) on update cascade, constraint `inspection_file_assessment_id_foreign` foreign key(`assessment_id`) references `assessment`(`id`) on update cascade, constraint `inspection_file_uploaded_by_id_foreign` foreign key(`uploaded_by_id`) references `user`(`id`) on delete set null on update cascade, primary key (`id`))",
  "create index `inspection_file_assessment_id_index` on `inspection_file` (`assessment_id`)",
  "create index `inspection_file_uploaded_by_id_index` on `inspection_file` (`uploaded_by_id`)",
  "create index `inspection_file_inspection_id_index` on `inspection_file` (`inspection_id`)",
  "create table `finalization_signature` (`id` text not null, `created_at` datetime not null, `updated_at` datetime not null, `assessment_id` text not null, `signed_by_id` text not null, `signed_at` datetime not null, `figures_hash` text not null, `voided_at` datetime null, `voided_by_id` text null, `void_reason` text null, constraint `finalization_signature_assessment_id_foreign` foreign key(`assessment_id`) references `assessment`(`id`) on update cascade, constraint `finalization_signature_signed_by_id_foreign` foreign key(`signed_by_id`) references `user`(`id`) on update cascade, constraint `finalization_signature_voided_by_id_foreign` foreign key(`voided_by_id`) references `user`(`id`) on delete set null on update cascade, primary key (`id`))",
  "create index `finalization_signature_signed_by_id_index` on `finalization_signature` (`signed_by_id`)",
  "create index `finalization_signature_voided_by_id_index` on `finalization_signature` (`voided_by_id`)",
  "create index `finalization_signature_assessment_id_index` on `finalization_signature` (`assessment_id`)",
  "create table `discussion_thread` (`id` text not null, `created_at` datetime not null, `updated_at` datetime not null, `assessment_id` text not null, `entry_id` text not null, `resolved_at` datetime null, `resolved_by_id` text null, constraint `discussion_thread_assessment_id_foreign` foreign key(`assessment_id`) references `assessment`(`id`) on update cascade, constraint `discussion_thread_entry_id_foreign` foreign key(`entry_id`) references `score_entry`(`id`) on update cascade, constraint `discussion_thread_resolved_by_id_foreign` foreign key(`resolved_by_id`) references `user`(`id`) on delete set null on update cascade, primary key (`id`))",
  "create index `discussion_thread_entry_id_index` on `discussion_thread` (`entry_id`)",
  "create unique index `discussion_thread_entry_id_unique` on `discussion_thread` (`entry_id`)",
  "create index `discussion_thread_resolved_by_id_index` on `discussion_thread` (`resolved_by_id`)",
  "create index `discussion_thread_assessment_id_index` on `discussion_thread` (`assessment_id`)",
  "create table `discussion_comment` (`id` text not null, `created_at` datetime not null, `updated_at` datetime not null, `thread_id` text not null, `assessment_id` text not null, `author_id` text not null, `kind` text check (`kind` in ('QUESTION', 'ANSWER', 'NOTE')) not null default 'NOTE', `body` text not null, `mention_ids` json not null, `edits` json not null, `edited_at` datetime null, constraint `discussion_comment_thread_id_foreign` foreign key(`thread_id`) references `discussion_thread`(`id`) on update cascade, constraint `discussion_comment_assessment_id_foreign` foreign key(`assessment_id`) references `assessment`(`id`) on update cascade, constraint `discussion_comment_author_id_foreign` foreign key(`author_id`) references `user`(`id`) on update cascade, primary key (`id`))",
  "create index `discussion_comment_author_id_index` on `discussion_comment` (`author_id`)",
  "create index `discussion_comment_assessment_id_index` on `discussion_comment` (`assessment_id`)",
  "create index `discussion_comment_thread_id_index` on `discussion_comment` (`thread_id`)",
  "create table `council_member` (`id` text not null, `created_at` datetime not null, `updated_at` datetime not null, `period_id` text not null, `unit_id` text not null, `user_id` text not null, `chair` integer not null default false, `group_ids` json null, `group_codes` json null, constraint `council_member_period_id_foreign` foreign key(`period_id`) references `period`(`id`) on update cascade, constraint `council_member_unit_id_foreign` foreign key(`unit_id`) references `unit`(`id`) on update cascade, constraint `council_member_user_id_foreign` foreign key(`user_id`) references `user`(`id`) on update cascade, primary key (`id`))",
  "create index `council_member_period_id_index` on `council_member` (`period_id`)",
  "create index `council_member_unit_id_index` on `council_member` (`unit_id`)",
  "create index `council_member_user_id_index` on `council_member` (`user_id`)",
  "create unique index `council_member_period_id_unit_id_user_id_unique` on `council_member` (`period_id`, `unit_id`, `user_id`)",
];

const postgresql: string[] = [
  "create table \"inspection\" (\"id\" uuid not null, \"created_at\" timestamptz not null, \"updated_at\" timestamptz not null, \"assessment_id\" uuid not null, \"date\" varchar(10) not null, \"place\" varchar(500) not null, \"member_ids\" jsonb not null, \"findings\" jsonb not null, \"recorded_by_id\" uuid not null, constraint \"inspection_pkey\" primary key (\"id\"))",
  "create index \"inspection_assessment_id_index\" on \"inspection\" (\"assessment_id\")",
  "create table \"inspection_file\" (\"id\" uuid not null, \"created_at\" timestamptz not null, \"updated_at\" timestamptz not null, \"inspection_id\" uuid not null, \"assessment_id\" uuid not null, \"name\" varchar(300) not null, \"mime_type\" varchar(200) not null, \"size\" int not null, \"sha256\" varchar(64) not null, \"storage_key\" varchar(300) not null, \"uploaded_by_id\" uuid null, constraint \"inspection_file_pkey\" primary key (\"id\"))",
  "create index \"inspection_file_inspection_id_index\" on \"inspection_file\" (\"inspection_id\")",
  "create table \"finalization_signature\" (\"id\" uuid not null, \"created_at\" timestamptz not null, \"updated_at\" timestamptz not null, \"assessment_id\" uuid not null, \"signed_by_id\" uuid not null, \"signed_at\" timestamptz not null, \"figures_hash\" varchar(64) not null, \"voided_at\" timestamptz null, \"voided_by_id\" uuid null, \"void_reason\" text null, constraint \"finalization_signature_pkey\" primary key (\"id\"))",
  "create index \"finalization_signature_assessment_id_index\" on \"finalization_signature\" (\"assessment_id\")",
  "create table \"discussion_thread\" (\"id\" uuid not null, \"created_at\" timestamptz not null, \"updated_at\" timestamptz not null, \"assessment_id\" uuid not null, \"entry_id\" uuid not null, \"resolved_at\" timestamptz null, \"resolved_by_id\" uuid null, constraint \"discussion_thread_pkey\" primary key (\"id\"))",
  "alter table \"discussion_thread\" add constraint \"discussion_thread_entry_id_unique\" unique (\"entry_id\")",
  "create index \"discussion_thread_assessment_id_index\" on \"discussion_thread\" (\"assessment_id\")",
  "create table \"discussion_comment\" (\"id\" uuid not null, \"created_at\" timestamptz not null, \"updated_at\" timestamptz not null, \"thread_id\" uuid not null, \"assessment_id\" uuid not null, \"author_id\" uuid not null, \"kind\" text check (\"kind\" in ('QUESTION', 'ANSWER', 'NOTE')) not null default 'NOTE', \"body\" text not null, \"mention_ids\" jsonb not null, \"edits\" jsonb not null, \"edited_at\" timestamptz null, constraint \"discussion_comment_pkey\" primary key (\"id\"))",
  "create index \"discussion_comment_assessment_id_index\" on \"discussion_comment\" (\"assessment_id\")",
  "create index \"discussion_comment_thread_id_index\" on \"discussion_comment\" (\"thread_id\")",
  "create table \"council_member\" (\"id\" uuid not null, \"created_at\" timestamptz not null, \"updated_at\" timestamptz not null, \"period_id\" uuid not null, \"unit_id\" uuid not null, \"user_id\" uuid not null, \"chair\" boolean not null default false, \"group_ids\" jsonb null, \"group_codes\" jsonb null, constraint \"council_member_pkey\" primary key (\"id\"))",
  "create index \"council_member_user_id_index\" on \"council_member\" (\"user_id\")",
  "alter table \"council_member\" add constraint \"council_member_period_id_unit_id_user_id_unique\" unique (\"period_id\", \"unit_id\", \"user_id\")",
  "alter table \"inspection\" add constraint \"inspection_assessment_id_foreign\" foreign key (\"assessment_id\") references \"assessment\" (\"id\") on update cascade",
  "alter table \"inspection\" add constraint \"inspection_recorded_by_id_foreign\" foreign key (\"recorded_by_id\") references \"user\" (\"id\") on update cascade",
  "alter table \"inspection_file\" add constraint \"inspection_file_inspection_id_foreign\" foreign key (\"inspection_id\") references \"inspection\" (\"id\") on update cascade",
  "alter table \"inspection_file\" add constraint \"inspection_file_assessment_id_foreign\" foreign key (\"assessment_id\") references \"assessment\" (\"id\") on update cascade",
  "alter table \"inspection_file\" add constraint \"inspection_file_uploaded_by_id_foreign\" foreign key (\"uploaded_by_id\") references \"user\" (\"id\") on update cascade on delete set null",
  "alter table \"finalization_signature\" add constraint \"finalization_signature_assessment_id_foreign\" foreign key (\"assessment_id\") references \"assessment\" (\"id\") on update cascade",
  "alter table \"finalization_signature\" add constraint \"finalization_signature_signed_by_id_foreign\" foreign key (\"signed_by_id\") references \"user\" (\"id\") on update cascade",
  "alter table \"finalization_signature\" add constraint \"finalization_signature_voided_by_id_foreign\" foreign key (\"voided_by_id\") references \"user\" (\"id\") on update cascade on delete set null",
  "alter table \"discussion_thread\" add constraint \"discussion_thread_assessment_id_foreign\" foreign key (\"assessment_id\") references \"assessment\" (\"id\") on update cascade",
  "alter table \"discussion_thread\" add constraint \"discussion_thread_entry_id_foreign\" foreign key (\"entry_id\") references \"score_entry\" (\"id\") on update cascade",
  "alter table \"discussion_thread\" add constraint \"discussion_thread_resolved_by_id_foreign\" foreign key (\"resolved_by_id\") references \"user\" (\"id\") on update cascade on delete set null",
  "alter table \"discussion_comment\" add constraint \"discussion_comment_thread_id_foreign\" foreign key (\"thread_id\") references \"discussion_thread\" (\"id\") on update cascade",
  "alter table \"discussion_comment\" add constraint \"discussion_comment_assessment_id_foreign\" foreign key (\"assessment_id\") references \"assessment\" (\"id\") on update cascade",
  "alter table \"discussion_comment\" add constraint \"discussion_comment_author_id_foreign\" foreign key (\"author_id\") references \"user\" (\"id\") on update cascade",
  "alter table \"council_member\" add constraint \"council_member_period_id_foreign\" foreign key (\"period_id\") references \"period\" (\"id\") on update cascade",
  "alter table \"council_member\" add constraint \"council_member_unit_id_foreign\" foreign key (\"unit_id\") references \"unit\" (\"id\") on update cascade",
  "alter table \"council_member\" add constraint \"council_member_user_id_foreign\" foreign key (\"user_id\") references \"user\" (\"id\") on update cascade",
];

/** Appraisal councils, finalization signatures, discussion threads and comments, on-site inspections and their files. */
export class Migration20261202040000Councils extends Migration {
  override up(): void {
    const isPostgres = this.driver.getPlatform().constructor.name.startsWith('PostgreSql');
    for (const sql of isPostgres ? postgresql : sqlite) this.addSql(sql);
  }
}
