import { Migration } from '@mikro-orm/migrations';
import { statements as postgresql } from './initial/postgresql';
import { statements as sqlite } from './initial/sqlite';

/** The first schema: units, users, frameworks, criteria, periods, assessments, entries, history, progress. */
export class Migration20261122000000Initial extends Migration {
  override up(): void {
    const isPostgres = this.driver.getPlatform().constructor.name.startsWith('PostgreSql');
    for (const sql of isPostgres ? postgresql : sqlite) this.addSql(sql);
  }
}
