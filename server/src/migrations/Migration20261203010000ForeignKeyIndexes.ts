import { Migration } from '@mikro-orm/migrations';

/**
 * An index on every foreign key column that PostgreSQL's first migrations left without one
 * (SQLite makes it with the key; PostgreSQL does not). Without it every read by the key and every
 * delete of the row it points at reads the whole table: in a national period (1.3 M entries)
 * `myAssignments` ran a parallel scan of every entry each time and the server fell behind.
 * Same names as SQLite's; `if not exists` makes it a no-op there. On a large existing database
 * this migration takes a while (each index is built once, under the migration's transaction).
 */
const FOREIGN_KEY_INDEXES: [table: string, column: string][] = [
  ['api_token', 'created_by_id'],
  ['assessment', 'unit_id'],
  ['council_member', 'unit_id'],
  ['deadline_extension', 'granted_by_id'],
  ['discussion_comment', 'author_id'],
  ['discussion_thread', 'resolved_by_id'],
  ['evidence', 'uploaded_by_id'],
  ['finalization_signature', 'signed_by_id'],
  ['finalization_signature', 'voided_by_id'],
  ['inspection', 'recorded_by_id'],
  ['inspection_file', 'assessment_id'],
  ['inspection_file', 'uploaded_by_id'],
  ['password_reset', 'created_by_id'],
  ['password_reset', 'user_id'],
  ['period', 'framework_id'],
  ['progress', 'criterion_id'],
  ['score_entry', 'assignee_id'],
  ['score_entry', 'criterion_id'],
  ['score_entry', 'updated_by_id'],
  ['score_revision', 'actor_id'],
  ['unit', 'parent_id'],
  ['user', 'unit_id'],
  ['webhook', 'created_by_id'],
];

export class Migration20261203010000ForeignKeyIndexes extends Migration {
  override up(): void {
    for (const [table, column] of FOREIGN_KEY_INDEXES) this.addSql(`create index if not exists "${table}_${column}_index" on "${table}" ("${column}")`);
  }
}
