/*
 * Checks the audit log's hash chain on the configured database (DATABASE_URL, else the SQLite
 * file under DATA_DIR / SQLITE_PATH): npm run audit:verify. Prints how many records hold, or the
 * first broken one (its seq, id and why); exits 0 when the chain holds, 1 when it does not, 2
 * when it cannot be read.
 */
import 'reflect-metadata';
import { loadConfig } from '../config';
import { AuditService } from '../modules/audit/audit.service';
import { openOrm, type Em } from '../orm';

async function main(): Promise<number> {
  const config = loadConfig();
  const orm = await openOrm(config);
  try {
    const result = await new AuditService(orm.em.fork() as Em).verify();
    if (result.ok) {
      process.stdout.write(`audit log OK: ${result.records} records, the chain holds (last hash ${result.lastHash})\n`);
      return 0;
    }
    const b = result.broken;
    process.stdout.write(`audit log BROKEN at record ${b.seq} (id ${b.id}): ${b.reason}; the ${result.records} records before it hold\n`);
    return 1;
  } finally {
    await orm.close(true);
  }
}

main().then(
  (code) => process.exit(code),
  (e: unknown) => {
    process.stderr.write(`audit log could not be checked: ${e instanceof Error ? e.message : String(e)}\n`);
    process.exit(2);
  },
);
