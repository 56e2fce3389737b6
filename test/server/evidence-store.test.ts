import { createHash, randomBytes } from 'node:crypto';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startTestApp, type TestApp } from '../helpers/app';
import { gql } from '../helpers/gql';
import { buildWorld, smallFramework, type World } from '../helpers/world';
import { CHUNK_BYTES } from '../../server/src/modules/evidence/evidence.db-store';
import { rows } from '../../server/src/common/sql';
import { loadConfig } from '../../server/src/config';

/**
 * EVIDENCE_STORE=database (issue 19): two server processes on one database, each with its own
 * data folder, as on two machines: a file uploaded through one is downloaded through the other,
 * byte for byte, and neither keeps it on its disk.
 */
const framework = () => {
  const fw = smallFramework({ code: 'EVIDENCE-STORE' }) as any;
  fw.criteria[0].children[0].evidenceRequired = true;
  return fw;
};
const REMOVE = `mutation($id:ID!){removeEvidence(id:$id){id evidenceCount}}`;
const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');

/** Every file under `dir`, as paths relative to it. */
function filesUnder(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string, prefix: string) => {
    for (const e of (() => {
      try {
        return readdirSync(d, { withFileTypes: true });
      } catch {
        return [];
      }
    })()) {
      if (e.isDirectory()) walk(join(d, e.name), `${prefix}${e.name}/`);
      else out.push(prefix + e.name);
    }
  };
  walk(dir, '');
  return out;
}

describe('evidence kept in the database, read by every process', () => {
  let one: TestApp;
  let two: TestApp;
  let w: World;
  const otherDir = mkdtempSync(join(tmpdir(), 'chamdiem-second-machine-'));

  beforeAll(async () => {
    one = await startTestApp({ evidenceStore: 'database' });
    // the second process: the same database, its own data and evidence folders
    two = await startTestApp({ evidenceStore: 'database', dataDir: otherDir, evidenceDir: join(otherDir, 'evidence') }, { db: one.db });
    w = await buildWorld(one, framework());
  }, 300_000);
  afterAll(async () => {
    await two?.close();
    await one?.close();
    rmSync(otherDir, { recursive: true, force: true });
  });

  const upload = async (t: TestApp, bytes: Buffer, name = 'Biên bản họp.pdf') => {
    const fd = new FormData();
    fd.append('assessmentId', w.assessmentA);
    fd.append('criterionId', w.criteria['1.1']);
    fd.append('file', new Blob([bytes], { type: 'application/pdf' }), name);
    const res = await fetch(`${t.url}/evidence`, { method: 'POST', body: fd, headers: { authorization: `Bearer ${w.tokens.staffA}` } });
    return { status: res.status, body: (await res.json()) as any };
  };
  const download = (t: TestApp, id: string, token = w.tokens.leaderA) => fetch(`${t.url}/evidence/${id}`, { headers: { authorization: `Bearer ${token}` } });

  it('should serve through one process a file uploaded through the other, byte for byte, kept on neither disk', async () => {
    // a file of several chunks, the last one partial
    const bytes = Buffer.concat([Buffer.from('%PDF-1.7\n'), randomBytes(2 * CHUNK_BYTES + 12_345)]);
    const up = await upload(one, bytes);
    expect(up.status).toBe(201);
    expect(up.body.sha256).toBe(sha(bytes));

    const res = await download(two, up.body.id);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-length')).toBe(String(bytes.length));
    const got = Buffer.from(await res.arrayBuffer());
    expect(got.length).toBe(bytes.length);
    expect(sha(got)).toBe(sha(bytes));

    // the bytes are in the database, in order; nothing is left on either process's disk
    const chunks = await rows<{ seq: number; size: number }>(one.orm.em.fork() as never, 'select seq, length(data) as size from evidence_chunk order by seq', []);
    expect(chunks.map((c) => Number(c.size))).toEqual([CHUNK_BYTES, CHUNK_BYTES, 12_345 + 9]);
    expect(filesUnder(one.config.evidenceDir)).toEqual([]);
    expect(filesUnder(two.config.evidenceDir)).toEqual([]);
    // the same rights through either process
    expect((await download(two, up.body.id, w.tokens.staffB)).status).toBe(403);
  });

  it('should delete the file everywhere when the evidence is removed through the other process', async () => {
    const bytes = Buffer.concat([Buffer.from('%PDF-1.7\n'), randomBytes(1000)]);
    const up = await upload(two, bytes, 'Quyết định.pdf');
    expect(up.status).toBe(201);
    expect((await download(one, up.body.id)).status).toBe(200);
    expect((await gql(two.url, REMOVE, { id: up.body.id }, w.tokens.staffA)).errors).toBeUndefined();
    expect((await download(one, up.body.id)).status).toBe(404);
    const left = await rows<{ n: number }>(one.orm.em.fork() as never, 'select count(*) as n from evidence_blob', []);
    expect(Number(left[0].n)).toBe(1); // the first test's file only
  });

  it('should refuse an unknown store name at start', () => {
    expect(() => loadConfig({ EVIDENCE_STORE: 's3' })).toThrow('EVIDENCE_STORE must be one of disk, database, got "s3"');
    expect(loadConfig({}, { tokenSecret: 'a-test-secret-of-at-least-32-characters' }).evidenceStore).toBe('disk');
  });
});
