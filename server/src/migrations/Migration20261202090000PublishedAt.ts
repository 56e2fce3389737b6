import { Migration } from '@mikro-orm/migrations';

/**
 * Period.publishedAt: when the period's results became public (the public pages show it). A
 * period already PUBLISHED gets its last change as the best record of that moment.
 */
export class Migration20261202090000PublishedAt extends Migration {
  override up(): void {
    const isPostgres = this.driver.getPlatform().constructor.name.startsWith('PostgreSql');
    this.addSql(isPostgres ? 'alter table "period" add column "published_at" timestamptz null' : 'alter table `period` add column `published_at` datetime null');
    this.addSql(
      isPostgres
        ? `update "period" set "published_at" = "updated_at" where "phase" = 'PUBLISHED'`
        : "update `period` set `published_at` = `updated_at` where `phase` = 'PUBLISHED'",
    );
  }
}
