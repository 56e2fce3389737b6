import { Migration } from '@mikro-orm/migrations';
import { postgresql, sqlite } from './results/statements';

/** Appraisal rounds and explanations on entries, appraised progress, evidence, results, API tokens. */
export class Migration20261122100000Results extends Migration {
  override up(): void {
    const isPostgres = this.driver.getPlatform().constructor.name.startsWith('PostgreSql');
    for (const sql of isPostgres ? postgresql : sqlite) this.addSql(sql);
  }
}
