import { Migration } from '@mikro-orm/migrations';

/**
 * An index on a criterion's framework and method. Every save reports the points still pending
 * (RELATIVE leaves waiting for the period's results, assessment/pending.ts); through this index it
 * reads the framework's few RELATIVE criteria rather than every entry of the assessment.
 */
export class Migration20261202060000RelativeIndex extends Migration {
  override up(): void {
    this.addSql('create index if not exists "criterion_framework_id_method_index" on "criterion" ("framework_id", "method")');
  }
}
