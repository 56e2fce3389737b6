import { Migration } from '@mikro-orm/migrations';

/**
 * Criterion.allowAboveFull: whether a RATIO leaf accepts a numerator above its denominator (the
 * score stays capped at the max). Every criterion so far gets false: such a figure is refused
 * from now on rather than silently capped (issue 16).
 */
export class Migration20261202050000AllowAboveFull extends Migration {
  override up(): void {
    const isPostgres = this.driver.getPlatform().constructor.name.startsWith('PostgreSql');
    this.addSql(
      isPostgres
        ? 'alter table "criterion" add column "allow_above_full" boolean not null default false'
        : 'alter table `criterion` add column `allow_above_full` integer not null default false',
    );
  }
}
