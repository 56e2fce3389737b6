import { Migration } from '@mikro-orm/migrations';

/**
 * Framework.capTotal: whether the total is capped at the framework max (DESIGN.md "Arithmetic").
 * Every framework so far gets false, the rule of the total from now on: the sum of the
 * top-level groups, not capped.
 */
export class Migration20261202010000CapTotal extends Migration {
  override up(): void {
    const isPostgres = this.driver.getPlatform().constructor.name.startsWith('PostgreSql');
    this.addSql(
      isPostgres
        ? 'alter table "framework" add column "cap_total" boolean not null default false'
        : 'alter table `framework` add column `cap_total` integer not null default false',
    );
  }
}
