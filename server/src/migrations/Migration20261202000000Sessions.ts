import { Migration } from '@mikro-orm/migrations';

/**
 * Sessions that end: a per-user session epoch carried by sign-in tokens (a password change or
 * reset raises it), and the one-time codes of an ADMIN's password reset.
 */
const sqlite = [
  'create table `password_reset` (`id` text not null, `created_at` datetime not null, `updated_at` datetime not null, `user_id` text not null, `code_hash` text not null, `expires_at` datetime not null, `used_at` datetime null, `created_by_id` text null, constraint `password_reset_user_id_foreign` foreign key(`user_id`) references `user`(`id`) on update cascade, constraint `password_reset_created_by_id_foreign` foreign key(`created_by_id`) references `user`(`id`) on delete set null on update cascade, primary key (`id`))',
  'create index `password_reset_user_id_index` on `password_reset` (`user_id`)',
  'create unique index `password_reset_code_hash_unique` on `password_reset` (`code_hash`)',
  'create index `password_reset_created_by_id_index` on `password_reset` (`created_by_id`)',
  'alter table `user` add column `session_epoch` integer not null default 0',
];

const postgresql = [
  'create table "password_reset" ("id" uuid not null, "created_at" timestamptz not null, "updated_at" timestamptz not null, "user_id" uuid not null, "code_hash" varchar(64) not null, "expires_at" timestamptz not null, "used_at" timestamptz null, "created_by_id" uuid null, constraint "password_reset_pkey" primary key ("id"))',
  'alter table "password_reset" add constraint "password_reset_code_hash_unique" unique ("code_hash")',
  'alter table "password_reset" add constraint "password_reset_user_id_foreign" foreign key ("user_id") references "user" ("id") on update cascade',
  'alter table "password_reset" add constraint "password_reset_created_by_id_foreign" foreign key ("created_by_id") references "user" ("id") on update cascade on delete set null',
  'alter table "user" add column "session_epoch" int not null default 0',
];

export class Migration20261202000000Sessions extends Migration {
  override up(): void {
    const isPostgres = this.driver.getPlatform().constructor.name.startsWith('PostgreSql');
    for (const sql of isPostgres ? postgresql : sqlite) this.addSql(sql);
  }
}
