import { Migration } from '@mikro-orm/migrations';

/**
 * EVIDENCE_STORE=database (issue 19): evidence files kept in the database, so that every server
 * process reads them whatever machine it runs on: one row per file (evidence_blob) and its bytes
 * in ordered chunks (evidence_chunk).
 */
const sqlite: string[] = [
  'create table `evidence_blob` (`key` text not null, `size` integer not null, `created_at` datetime not null, primary key (`key`))',
  'create table `evidence_chunk` (`key` text not null, `seq` integer not null, `data` blob not null, primary key (`key`, `seq`))',
];

const postgresql: string[] = [
  'create table "evidence_blob" ("key" varchar(40) not null, "size" int not null, "created_at" timestamptz not null, constraint "evidence_blob_pkey" primary key ("key"))',
  'create table "evidence_chunk" ("key" varchar(40) not null, "seq" int not null, "data" bytea not null, constraint "evidence_chunk_pkey" primary key ("key", "seq"))',
];

export class Migration20261203000000EvidenceStore extends Migration {
  override up(): void {
    const pg = this.driver.getPlatform().constructor.name.toLowerCase().includes('postgre');
    for (const sql of pg ? postgresql : sqlite) this.addSql(sql);
  }
}
