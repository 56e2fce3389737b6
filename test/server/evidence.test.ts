/**
 * Evidence (tài liệu kiểm chứng) through the API as a unit's people use it: files over
 * POST /evidence and GET /evidence/:id, links and removal over GraphQL. Every refused upload must
 * leave nothing behind: no row, no count, no file in the evidence folder.
 */
import { createHash, randomBytes } from 'node:crypto';
import { readdirSync, readFileSync, type Dirent } from 'node:fs';
import { request } from 'node:http';
import { join, relative } from 'node:path';
import { startTestApp, type TestApp } from '../helpers/app';
import { gql, ok } from '../helpers/gql';
import { connect, eventually, type LiveClient } from '../helpers/socket';
import { buildWorld, save, smallFramework, type World } from '../helpers/world';

const MAX_BYTES = 8 * 1024;

/** The small framework with evidence required on 1.1, 1.2 (which allows N/A) and 2.3. */
function frameworkNeedingEvidence() {
  const fw = smallFramework({ code: 'TEST-EVIDENCE' });
  const required = new Set(['1.1', '1.2', '2.3']);
  const mark = (nodes: any[]): any[] =>
    nodes.map((n) => ({ ...n, ...(required.has(n.code) ? { evidenceRequired: true } : {}), ...(n.children ? { children: mark(n.children) } : {}) }));
  return { ...fw, criteria: mark(fw.criteria as any[]) };
}

const pdf = (size: number) => Buffer.concat([Buffer.from('%PDF-1.7\n'), randomBytes(size - 9)]);
const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');

const READ = `query($id:ID!){assessment(id:$id){seq
  entries{criterion{code} version evidenceCount evidence{id kind name url mimeType size sha256 downloadUrl entryId criterionId assessmentId uploadedBy{id}} history{round version old new}}
  progress{criterion{code} leaves leavesWithEvidence}
  evidence{id name kind criterionId}}}`;
const LINK = `mutation($i:AttachEvidenceLinkInput!){attachEvidenceLink(input:$i){id kind name url downloadUrl criterionId entry{version evidenceCount}}}`;
const REMOVE = `mutation($id:ID!){removeEvidence(id:$id){criterion{code} version evidenceCount}}`;

describe('evidence', () => {
  let t: TestApp;
  let w: World;
  const clients: LiveClient[] = [];

  beforeAll(async () => {
    t = await startTestApp({ evidenceMaxBytes: MAX_BYTES });
    w = await buildWorld(t, frameworkNeedingEvidence());
  });
  afterAll(async () => {
    for (const c of clients) await c.close();
    await t?.close();
  });

  interface Upload {
    assessmentId?: string;
    code?: string;
    name?: string;
    bytes?: Buffer;
  }

  /** A multipart upload as a browser's FormData sends it; `token: null` sends no Authorization. */
  async function upload(token: string | null, u: Upload = {}) {
    const fd = new FormData();
    if (u.assessmentId !== undefined || !('assessmentId' in u)) fd.append('assessmentId', u.assessmentId ?? w.assessmentA);
    if (u.code !== '') fd.append('criterionId', w.criteria[u.code ?? '1.1']);
    fd.append('file', new Blob([u.bytes ?? pdf(1000)], { type: 'application/pdf' }), u.name ?? 'Báo cáo.pdf');
    const res = await fetch(`${t.url}/evidence`, { method: 'POST', body: fd, headers: token ? { authorization: `Bearer ${token}` } : {} });
    return { status: res.status, body: (await res.json()) as any, headers: res.headers };
  }

  const download = (id: string, token: string | null) =>
    fetch(`${t.url}/evidence/${id}`, { headers: token ? { authorization: `Bearer ${token}` } : {} });

  const read = async (token = w.tokens.leaderA, id = w.assessmentA) => (await ok(t.url, READ, { id }, token)).assessment;
  const entryOf = (a: any, code: string) => a.entries.find((e: any) => e.criterion.code === code);
  const rowsOf = (a: any) => Object.fromEntries(a.progress.map((p: any) => [p.criterion.code, p.leavesWithEvidence]));

  /** Every file under the evidence folder, temporary ones included, as paths relative to it. */
  function storedFiles(): string[] {
    const out: string[] = [];
    const walk = (dir: string) => {
      let names: Dirent[];
      try {
        names = readdirSync(dir, { withFileTypes: true });
      } catch {
        return;
      }
      for (const d of names) {
        if (d.isDirectory()) walk(join(dir, d.name));
        else out.push(relative(t.config.evidenceDir, join(dir, d.name)));
      }
    };
    walk(t.config.evidenceDir);
    return out.sort();
  }

  /** Uploads that must be refused leave the assessment and the folder exactly as they were. */
  async function expectNothingStored(before: { a: any; files: string[] }) {
    const after = await read();
    expect(after.evidence).toEqual(before.a.evidence);
    expect(after.entries.map((e: any) => [e.criterion.code, e.version, e.evidenceCount])).toEqual(before.a.entries.map((e: any) => [e.criterion.code, e.version, e.evidenceCount]));
    expect(after.seq).toBe(before.a.seq);
    expect(storedFiles()).toEqual(before.files);
  }
  const snapshot = async () => ({ a: await read(), files: storedFiles() });

  /**
   * After a cut-off upload the client has its answer (or a reset) while the server may still be
   * cleaning up: wait until the folder holds `files` and has stayed so for half a second.
   */
  async function folderSettles(files: string[]) {
    let stable = 0;
    await eventually(() => {
      stable = JSON.stringify(storedFiles()) === JSON.stringify(files) ? stable + 1 : 0;
      return stable >= 50; // polled every 10 ms
    }, 10000, 'the evidence folder to settle');
  }

  describe('upload and download', () => {
    it('should store an upload under a random name and give back the same bytes with its checksum', async () => {
      const bytes = pdf(3000);
      const before = await read();
      const r = await upload(w.tokens.staffA, { code: '2.2.1', name: 'Báo cáo tổng hợp (quý IV).pdf', bytes });
      expect(r.status).toBe(201);
      expect(r.body).toMatchObject({
        kind: 'FILE',
        name: 'Báo cáo tổng hợp (quý IV).pdf',
        mimeType: 'application/pdf',
        size: 3000,
        sha256: sha256(bytes),
        url: null,
        assessmentId: w.assessmentA,
        criterionId: w.criteria['2.2.1'],
        uploadedById: w.userIds.staffA,
        entry: { evidenceCount: 1, version: entryOf(before, '2.2.1').version + 1 },
        seq: before.seq + 1,
      });
      expect(r.body.downloadUrl).toBe(`/evidence/${r.body.id}`);
      expect(r.headers.get('location')).toBe(`/evidence/${r.body.id}`);

      // on disk: one file, under a random key, never the client's name
      const files = storedFiles();
      expect(files).toHaveLength(1);
      expect(files[0]).toMatch(/^[0-9a-f]{2}\/[0-9a-f]{32}$/);
      expect(sha256(readFileSync(join(t.config.evidenceDir, files[0])))).toBe(sha256(bytes));

      const res = await download(r.body.id, w.tokens.leaderA);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toBe('application/pdf');
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
      expect(res.headers.get('content-length')).toBe('3000');
      const disposition = res.headers.get('content-disposition')!;
      expect(disposition).toMatch(/^attachment;/);
      expect(disposition).toContain(`filename*=UTF-8''${encodeURIComponent('Báo cáo tổng hợp (quý IV).pdf').replace(/['()*]/g, (c) => '%' + c.charCodeAt(0).toString(16).toUpperCase())}`);
      const got = Buffer.from(await res.arrayBuffer());
      expect(sha256(got)).toBe(r.body.sha256);
      expect(got.equals(bytes)).toBe(true);

      // the same item over GraphQL, on the entry and on the assessment
      const a = await read();
      const e = entryOf(a, '2.2.1');
      expect(e.evidenceCount).toBe(1);
      expect(e.evidence).toEqual([
        {
          id: r.body.id, kind: 'FILE', name: 'Báo cáo tổng hợp (quý IV).pdf', url: null, mimeType: 'application/pdf', size: 3000,
          sha256: sha256(bytes), downloadUrl: `/evidence/${r.body.id}`, entryId: r.body.entryId, criterionId: w.criteria['2.2.1'],
          assessmentId: w.assessmentA, uploadedBy: { id: w.userIds.staffA },
        },
      ]);
      expect(a.evidence).toEqual([{ id: r.body.id, name: 'Báo cáo tổng hợp (quý IV).pdf', kind: 'FILE', criterionId: w.criteria['2.2.1'] }]);
      // one revision, in the self round, records it
      const last = e.history[e.history.length - 1];
      expect(last).toMatchObject({ round: 'SELF', version: e.version, old: { evidenceCount: 0 }, new: { evidenceCount: 1, evidence: { id: r.body.id, kind: 'FILE' } } });

      // clean up for the counting tests below
      expect((await gql(t.url, REMOVE, { id: r.body.id }, w.tokens.leaderA)).errors).toBeUndefined();
      expect(storedFiles()).toEqual([]);
    });

    it('should accept every allowed type by its content, and keep fields sent after the file', async () => {
      const zipHead = Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x14, 0, 0, 0, 8, 0]);
      const samples: [string, Buffer, string][] = [
        ['ảnh chụp.PNG', Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), randomBytes(200)]), 'image/png'],
        ['so-lieu.csv', Buffer.from('mã,tên,giá trị\n1.1,Máy tính,912\n', 'utf8'), 'text/csv'],
        ['bang-tinh.xlsx', Buffer.concat([zipHead, Buffer.from('[Content_Types].xml'), randomBytes(100)]), 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'],
        ['cong-van.doc', Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), randomBytes(100)]), 'application/msword'],
      ];
      const ids: string[] = [];
      for (const [name, bytes, mimeType] of samples) {
        const r = await upload(w.tokens.leaderA, { code: '1.3', name, bytes });
        expect([name, r.status]).toEqual([name, 201]);
        expect(r.body.mimeType).toBe(mimeType);
        ids.push(r.body.id);
      }
      // fields after the file part are read too
      const fd = new FormData();
      fd.append('file', new Blob([pdf(500)]), 'sau.pdf');
      fd.append('assessmentId', w.assessmentA);
      fd.append('criterionId', w.criteria['1.3']);
      const res = await fetch(`${t.url}/evidence`, { method: 'POST', body: fd, headers: { authorization: `Bearer ${w.tokens.leaderA}` } });
      expect(res.status).toBe(201);
      ids.push(((await res.json()) as any).id);
      expect(entryOf(await read(), '1.3').evidenceCount).toBe(5);
      for (const id of ids) expect((await gql(t.url, REMOVE, { id }, w.tokens.leaderA)).errors).toBeUndefined();
      expect(entryOf(await read(), '1.3').evidenceCount).toBe(0);
      expect(storedFiles()).toEqual([]);
    });
  });

  describe('refused uploads', () => {
    it('should refuse a file over the size limit with 413, leaving no row and no file', async () => {
      const before = await snapshot();
      // a little over the limit: refused while streaming
      const r = await upload(w.tokens.staffA, { code: '1.1', bytes: pdf(MAX_BYTES + 1) });
      expect(r.status).toBe(413);
      expect(r.body).toMatchObject({ code: 'BAD_USER_INPUT', maxBytes: MAX_BYTES });
      expect(r.body.message).toContain('8 KB');
      expect(r.body.problems).toEqual([expect.objectContaining({ path: 'file', code: 'FILE_TOO_LARGE', params: { max: '8 KB' } })]);
      await expectNothingStored(before);
      // exactly the limit is fine
      const fits = await upload(w.tokens.staffA, { code: '1.1', bytes: pdf(MAX_BYTES) });
      expect(fits.status).toBe(201);
      expect((await gql(t.url, REMOVE, { id: fits.body.id }, w.tokens.staffA)).errors).toBeUndefined();
      await expectNothingStored(await snapshot());
    });

    it('should refuse an upload whose declared length is far over the limit without reading it', async () => {
      const before = await snapshot();
      const r = await upload(w.tokens.staffA, { code: '1.1', bytes: pdf(MAX_BYTES + 100 * 1024) });
      expect(r.status).toBe(413);
      expect(r.body.code).toBe('BAD_USER_INPUT');
      await expectNothingStored(before);
    });

    it('should refuse a type outside the allow-list, by extension and by content, with 415', async () => {
      const before = await snapshot();
      const mz = Buffer.concat([Buffer.from('MZ'), Buffer.alloc(100), randomBytes(400)]);
      const cases: [string, Buffer][] = [
        ['setup.exe', mz], // extension not allowed
        ['trang.html', Buffer.from('<script>alert(1)</script>')],
        ['khong-duoi', pdf(300)], // no extension
        ['hoa-don.pdf', mz], // a renamed executable is not a PDF
        ['anh.png', pdf(300)], // a PDF is not a PNG
        ['ghi-chu.txt', mz], // binary is not text
        ['van-ban.odt', Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), randomBytes(100)])], // a ZIP without the ODF mimetype
      ];
      for (const [name, bytes] of cases) {
        const r = await upload(w.tokens.staffA, { code: '1.1', name, bytes });
        expect([name, r.status, r.body.code]).toEqual([name, 415, 'BAD_USER_INPUT']);
        expect(r.body.problems[0].path).toBe('file');
        // a type outside the list by its extension, or content that is not what the extension says
        expect([name, r.body.problems[0].code]).toEqual([name, ['setup.exe', 'trang.html', 'khong-duoi'].includes(name) ? 'FILE_TYPE_REFUSED' : 'FILE_CONTENT_MISMATCH']);
        expect(r.body.acceptedTypes).toContain('pdf');
      }
      await expectNothingStored(before);
    });

    it('should refuse an empty file, a missing field and an unknown leaf with nothing stored', async () => {
      const before = await snapshot();
      const empty = await upload(w.tokens.staffA, { code: '1.1', bytes: Buffer.alloc(0) });
      expect([empty.status, empty.body.code, empty.body.problems[0].code]).toEqual([400, 'BAD_USER_INPUT', 'FILE_EMPTY']);
      const noCriterion = await upload(w.tokens.staffA, { code: '' });
      expect(noCriterion.status).toBe(400);
      expect(noCriterion.body.problems).toMatchObject([{ path: 'criterionId', message: 'is required', code: 'REQUIRED', params: { field: 'criterionId' } }]);
      // a group is not a leaf: it has no entry
      const group = await upload(w.tokens.leaderA, { code: '2.2' });
      expect([group.status, group.body.code]).toEqual([404, 'NOT_FOUND']);
      const notMultipart = await fetch(`${t.url}/evidence`, {
        method: 'POST',
        headers: { authorization: `Bearer ${w.tokens.staffA}`, 'content-type': 'application/json' },
        body: JSON.stringify({ assessmentId: w.assessmentA }),
      });
      expect(notMultipart.status).toBe(415);
      expect(((await notMultipart.json()) as any).problems[0].code).toBe('NOT_MULTIPART');
      await expectNothingStored(before);
    });
  });

  describe('cut-off uploads', () => {
    /** A multipart upload written by hand, chunked (no Content-Length), so that it can stop or run on. */
    function rawUpload(token: string) {
      const boundary = '----chamdiem' + randomBytes(8).toString('hex');
      const req = request(`${t.url}/evidence`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': `multipart/form-data; boundary=${boundary}`, 'transfer-encoding': 'chunked' },
      });
      const answer = new Promise<{ status?: number; error?: string }>((resolve) => {
        req.on('response', (res) => {
          res.resume();
          resolve({ status: res.statusCode });
        });
        req.on('error', (e) => resolve({ error: (e as NodeJS.ErrnoException).code ?? e.message }));
      });
      const field = (name: string, value: string) => `--${boundary}\r\ncontent-disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`;
      req.write(field('assessmentId', w.assessmentA) + field('criterionId', w.criteria['1.1']));
      req.write(`--${boundary}\r\ncontent-disposition: form-data; name="file"; filename="dai.pdf"\r\ncontent-type: application/pdf\r\n\r\n`);
      return { req, answer };
    }

    it('should leave nothing behind when the client goes away in the middle of a file', async () => {
      const before = await snapshot();
      const { req, answer } = rawUpload(w.tokens.staffA);
      req.write(pdf(4000));
      await new Promise((r) => setTimeout(r, 200));
      req.destroy();
      await answer;
      await folderSettles(before.files);
      await expectNothingStored(before);
    });

    it('should cut off a chunked upload that runs far past the limit, storing nothing', async () => {
      const before = await snapshot();
      const { req, answer } = rawUpload(w.tokens.staffA);
      req.on('error', () => undefined);
      const chunk = pdf(16 * 1024);
      let sent = 0;
      // keep writing until the server refuses or hangs up; a 413 or a reset, never a stored file
      while (sent < 2 * 1024 * 1024 && !req.destroyed) {
        const more = req.write(chunk);
        sent += chunk.length;
        if (!more) await Promise.race([new Promise((r) => req.once('drain', r)), new Promise((r) => setTimeout(r, 200))]);
        // a few ms per chunk for the answer: the server (in this process) must get to read the
        // chunk, refuse and answer, and this client to read that, which one turn of the event loop
        // did not always give on a busy machine (2 MiB fits the socket buffers without a drain)
        const done = await Promise.race([answer, new Promise((r) => setTimeout(() => r(null), 5))]);
        if (done) break;
      }
      const got = await Promise.race([answer, new Promise<{ status?: number; error?: string }>((r) => setTimeout(() => r({ error: 'no answer' }), 5000))]);
      req.destroy();
      expect(got.status === 413 || got.error !== undefined).toBe(true);
      expect(got.error).not.toBe('no answer');
      expect(sent).toBeLessThan(2 * 1024 * 1024);
      await folderSettles(before.files);
      await expectNothingStored(before);
    });
  });

  describe('who may', () => {
    let fileA: string;
    beforeAll(async () => {
      const r = await upload(w.tokens.staffA, { code: '2.1', name: 'quyet-dinh.pdf' });
      expect(r.status).toBe(201);
      fileA = r.body.id;
    });
    afterAll(async () => {
      expect((await gql(t.url, REMOVE, { id: fileA }, w.tokens.leaderA)).errors).toBeUndefined();
    });

    it('should answer 401 without a token, or with a bad one, and store nothing', async () => {
      const before = await snapshot();
      const r = await upload(null);
      expect([r.status, r.body.code]).toEqual([401, 'UNAUTHENTICATED']);
      const bad = await fetch(`${t.url}/evidence`, { method: 'POST', headers: { authorization: 'Bearer nope' }, body: new FormData() });
      expect(bad.status).toBe(401);
      expect((await download(fileA, null)).status).toBe(401);
      await expectNothingStored(before);
    });

    it('should not let another unit download or list a file (403)', async () => {
      for (const token of [w.tokens.leaderB, w.tokens.staffB]) {
        const res = await download(fileA, token);
        expect(res.status).toBe(403);
        expect(((await res.json()) as any).code).toBe('FORBIDDEN');
        const listed = await gql(t.url, `query($id:ID!){assessment(id:$id){evidence{id}}}`, { id: w.assessmentA }, token);
        expect(listed.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
      }
      // appraisers see nothing before submission; the unit's own people and viewers do
      expect((await download(fileA, w.tokens.appraiser)).status).toBe(403);
      for (const token of [w.tokens.leaderA, w.tokens.staffA2, w.tokens.viewer, w.tokens.admin]) expect((await download(fileA, token)).status).toBe(200);
      expect((await download('00000000-0000-4000-8000-000000000000', w.tokens.leaderA)).status).toBe(404);
      expect((await download('..%2F..%2Fetc%2Fpasswd', w.tokens.leaderA)).status).toBe(404);
    });

    it('should not let another unit, unassigned staff or other roles add or remove evidence', async () => {
      const before = await snapshot();
      const link = { assessmentId: w.assessmentA, criterionId: w.criteria['2.1'], url: 'https://example.gov.vn/qd', title: 'Quyết định' };
      for (const token of [w.tokens.leaderB, w.tokens.staffB, w.tokens.staffA2]) {
        expect((await gql(t.url, LINK, { i: link }, token)).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
        expect((await gql(t.url, REMOVE, { id: fileA }, token)).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
        expect((await upload(token, { code: '2.1' })).status).toBe(403);
      }
      for (const token of [w.tokens.viewer, w.tokens.appraiser, w.tokens.admin]) {
        expect((await gql(t.url, LINK, { i: link }, token)).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
        expect((await upload(token, { code: '2.1' })).status).toBe(403);
      }
      await expectNothingStored(before);
    });
  });

  describe('links', () => {
    it('should refuse a javascript: URL and other non-http links with BAD_USER_INPUT', async () => {
      const before = await snapshot();
      for (const url of ['javascript:alert(document.cookie)', 'JAVASCRIPT:alert(1)', 'data:text/html,<b>x</b>', 'file:///etc/passwd', 'ftp://example.com/a', 'https://user:secret@example.com/', 'not a url', '']) {
        const r = await gql(t.url, LINK, { i: { assessmentId: w.assessmentA, criterionId: w.criteria['1.1'], url, title: 'x' } }, w.tokens.staffA);
        expect([url, r.errors?.[0]?.extensions?.code]).toEqual([url, 'BAD_USER_INPUT']);
        expect(r.errors?.[0]?.extensions?.problems?.[0]?.path).toBe('url');
      }
      await expectNothingStored(before);
    });

    it('should attach a link, list it and remove it', async () => {
      const r = await ok(t.url, LINK, { i: { assessmentId: w.assessmentA, criterionId: w.criteria['1.4'], url: 'https://dichvucong.example.gov.vn/thong-ke?nam=2025', title: '  Thống kê hồ sơ  ' } }, w.tokens.staffA);
      expect(r.attachEvidenceLink).toMatchObject({ kind: 'LINK', name: 'Thống kê hồ sơ', url: 'https://dichvucong.example.gov.vn/thong-ke?nam=2025', downloadUrl: null, criterionId: w.criteria['1.4'], entry: { evidenceCount: 1 } });
      // a link has nothing to download
      expect((await download(r.attachEvidenceLink.id, w.tokens.staffA)).status).toBe(404);
      const untitled = await ok(t.url, LINK, { i: { assessmentId: w.assessmentA, criterionId: w.criteria['1.4'], url: 'http://example.org' } }, w.tokens.staffA);
      expect(untitled.attachEvidenceLink.name).toBe('http://example.org/');
      expect(entryOf(await read(), '1.4').evidence.map((e: any) => e.name)).toEqual(['Thống kê hồ sơ', 'http://example.org/']);

      const removed = await ok(t.url, REMOVE, { id: r.attachEvidenceLink.id }, w.tokens.staffA);
      expect(removed.removeEvidence).toMatchObject({ criterion: { code: '1.4' }, evidenceCount: 1 });
      expect((await ok(t.url, REMOVE, { id: untitled.attachEvidenceLink.id }, w.tokens.staffA)).removeEvidence.evidenceCount).toBe(0);
      expect(entryOf(await read(), '1.4').evidence).toEqual([]);
      // removing twice: it is gone
      expect((await gql(t.url, REMOVE, { id: r.attachEvidenceLink.id }, w.tokens.staffA)).errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    });
  });

  describe('counts and progress', () => {
    it('should keep evidenceCount, versions and leavesWithEvidence of the leaf and its ancestors right through adds and removes', async () => {
      const a0 = await read();
      // nothing has evidence yet (earlier tests removed theirs)
      expect(Object.values(rowsOf(a0)).every((n) => n === 0)).toBe(true);
      const v0 = entryOf(a0, '2.2.1').version;

      const f1 = await upload(w.tokens.staffA, { code: '2.2.1', name: 'a.pdf' });
      const l1 = await ok(t.url, LINK, { i: { assessmentId: w.assessmentA, criterionId: w.criteria['2.2.1'], url: 'https://a.example/1' } }, w.tokens.leaderA);
      const f2 = await upload(w.tokens.leaderA, { code: '2.3', name: 'b.pdf' });
      let a = await read();
      // 2.2.1 has two items (one leaf), 2.3 one: 2.2 → 1 leaf, 2 → 2 leaves, 1 → 0
      expect(entryOf(a, '2.2.1')).toMatchObject({ evidenceCount: 2, version: v0 + 2 });
      expect(entryOf(a, '2.3').evidenceCount).toBe(1);
      expect(rowsOf(a)).toMatchObject({ '1': 0, '2': 2, '2.2': 1, '2.2.1': 1, '2.2.2': 0, '2.3': 1, '2.1': 0 });
      expect(a.seq).toBe(a0.seq + 3);

      // removing one of two keeps the leaf counted
      await ok(t.url, REMOVE, { id: f1.body.id }, w.tokens.staffA);
      a = await read();
      expect(entryOf(a, '2.2.1')).toMatchObject({ evidenceCount: 1, version: v0 + 3 });
      expect(rowsOf(a)).toMatchObject({ '2': 2, '2.2': 1, '2.2.1': 1 });
      // the last one goes: 2.2.1 and 2.2 drop to 0, 2 keeps 2.3
      await ok(t.url, REMOVE, { id: l1.attachEvidenceLink.id }, w.tokens.leaderA);
      a = await read();
      expect(entryOf(a, '2.2.1')).toMatchObject({ evidenceCount: 0, version: v0 + 4 });
      expect(rowsOf(a)).toMatchObject({ '2': 1, '2.2': 0, '2.2.1': 0, '2.3': 1 });
      // the history tells it: +1, +1, −1, −1 (after the first test's add and remove)
      const counts = entryOf(a, '2.2.1').history.filter((h: any) => 'evidenceCount' in h.new).map((h: any) => [h.old.evidenceCount, h.new.evidenceCount]).slice(-4);
      expect(counts).toEqual([[0, 1], [1, 2], [2, 1], [1, 0]]);
      await ok(t.url, REMOVE, { id: f2.body.id }, w.tokens.leaderA);
      expect(Object.values(rowsOf(await read())).every((n) => n === 0)).toBe(true);
      expect(storedFiles()).toEqual([]);
    });

    it('should publish an EVIDENCE event with the entry and the changed progress rows', async () => {
      const c = connect(t.url, w.tokens.leaderA);
      clients.push(c);
      const sub = c.subscribe<any>(`subscription($id:ID!){assessmentEvents(assessmentId:$id){seq kinds entry{code version} progress{code leavesWithEvidence}}}`, { id: w.assessmentA });
      // the subscription is live once a save's event arrives
      await eventually(async () => {
        await save(t, w, w.tokens.staffA, '2.1', { numerator: 1, denominator: 2 });
        return sub.events.length > 0;
      }, 5000, 'the subscription to start');
      const r = await upload(w.tokens.staffA, { code: '1.5', name: 'bien-ban.pdf' });
      expect(r.status).toBe(201);
      const events = await sub.until((ev) => ev.some((e) => e.assessmentEvents.seq === r.body.seq));
      const e = events.find((x) => x.assessmentEvents.seq === r.body.seq).assessmentEvents;
      expect(e.kinds).toContain('EVIDENCE');
      expect(e.entry).toEqual({ code: '1.5', version: r.body.entry.version });
      // (a save's event may have been coalesced into the same one: look at the upload's rows)
      expect(e.progress.filter((p: any) => p.code === '1.5' || p.code === '1')).toEqual([{ code: '1.5', leavesWithEvidence: 1 }, { code: '1', leavesWithEvidence: 1 }]);
      sub.unsubscribe();
      await ok(t.url, REMOVE, { id: r.body.id }, w.tokens.staffA);
    });
  });

  describe('submission', () => {
    const B = () => ({ assessmentId: w.assessmentB });
    const SUBMIT = `mutation($id:ID!){submitAssessment(assessmentId:$id){id status}}`;

    it('should refuse submission listing every leaf that is not done or lacks required evidence (N/A excepted)', async () => {
      const values: Record<string, Record<string, unknown>> = {
        '1.1': { points: 1.5 },
        '1.2': { notApplicable: true }, // requires evidence, but N/A needs none
        '1.3': { tier: 'Full' },
        '1.4': { numerator: 9, denominator: 10 },
        '1.5': { points: 0 },
        '2.1': { numerator: 1, denominator: 2 },
        '2.2.1': { points: 4 },
        '2.2.2': { figure: 10 },
        '2.3': { points: 2 },
      }; // 2.4 stays unscored
      for (const [code, value] of Object.entries(values)) expect((await save(t, w, w.tokens.staffB, code, value, B())).errors).toBeUndefined();
      const link = (code: string) => ok(t.url, LINK, { i: { assessmentId: w.assessmentB, criterionId: w.criteria[code], url: `https://b.example/${code}` } }, w.tokens.staffB);
      await link('1.1');

      const r = await gql(t.url, SUBMIT, { id: w.assessmentB }, w.tokens.leaderB);
      expect(r.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
      expect(r.errors?.[0]?.extensions?.problems).toMatchObject([
        { path: '2.3', message: 'needs evidence (tài liệu kiểm chứng)' },
        { path: '2.4', message: 'not scored' },
      ]);
      expect(r.errors?.[0]?.extensions?.blocking).toEqual(['2.3', '2.4']);
      expect(r.errors?.[0]?.extensions?.missingEvidence).toEqual(['2.3']);

      await link('2.3');
      const r2 = await gql(t.url, SUBMIT, { id: w.assessmentB }, w.tokens.leaderB);
      expect(r2.errors?.[0]?.extensions?.problems).toMatchObject([{ path: '2.4', message: 'not scored' }]);
      expect((await save(t, w, w.tokens.staffB, '2.4', { points: 0.5 }, B())).errors).toBeUndefined();
      expect((await ok(t.url, SUBMIT, { id: w.assessmentB }, w.tokens.leaderB)).submitAssessment.status).toBe('SUBMITTED');
    });

    it('should close evidence changes once submitted (PHASE_CLOSED), and let appraisers download', async () => {
      const before = await read(w.tokens.leaderB, w.assessmentB);
      const files = storedFiles();
      const link = await gql(t.url, LINK, { i: { assessmentId: w.assessmentB, criterionId: w.criteria['1.3'], url: 'https://b.example/late' } }, w.tokens.leaderB);
      expect(link.errors?.[0]?.extensions).toMatchObject({ code: 'PHASE_CLOSED', status: 'SUBMITTED' });
      const existing = entryOf(before, '2.3').evidence[0].id;
      expect((await gql(t.url, REMOVE, { id: existing }, w.tokens.leaderB)).errors?.[0]?.extensions?.code).toBe('PHASE_CLOSED');
      const up = await upload(w.tokens.leaderB, { assessmentId: w.assessmentB, code: '1.3' });
      expect([up.status, up.body.code]).toEqual([409, 'PHASE_CLOSED']);
      const after = await read(w.tokens.leaderB, w.assessmentB);
      expect(after.seq).toBe(before.seq);
      expect(after.evidence).toEqual(before.evidence);
      expect(storedFiles()).toEqual(files);

      // an appraiser now sees B's evidence
      const listed = await ok(t.url, `query($id:ID!){assessment(id:$id){evidence{id}}}`, { id: w.assessmentB }, w.tokens.appraiser);
      expect(listed.assessment.evidence).toHaveLength(2);
    });

    it('should refuse evidence changes outside SELF_ASSESSMENT and EXPLANATION', async () => {
      await ok(t.url, `mutation($id:ID!){setPeriodPhase(id:$id,phase:APPRAISAL,acknowledgeIncomplete:true){id}}`, { id: w.periodId }, w.tokens.admin);
      const link = await gql(t.url, LINK, { i: { assessmentId: w.assessmentA, criterionId: w.criteria['1.1'], url: 'https://a.example/late' } }, w.tokens.leaderA);
      expect(link.errors?.[0]?.extensions).toMatchObject({ code: 'PHASE_CLOSED', phase: 'APPRAISAL' });
      const up = await upload(w.tokens.leaderA, { code: '1.1' });
      expect([up.status, up.body.code, up.body.phase]).toEqual([409, 'PHASE_CLOSED', 'APPRAISAL']);
    });

    it('should let a returned unit add evidence in EXPLANATION and remove only what it added then', async () => {
      await ok(t.url, `mutation($id:ID!){returnForExplanation(assessmentId:$id){status}}`, { id: w.assessmentB }, w.tokens.appraiser);
      await ok(t.url, `mutation($id:ID!){setPeriodPhase(id:$id,phase:EXPLANATION,acknowledgeIncomplete:true){id}}`, { id: w.periodId }, w.tokens.admin);
      const before = await read(w.tokens.leaderB, w.assessmentB);
      const selfRound = entryOf(before, '2.3').evidence[0].id;

      const link = await ok(t.url, LINK, { i: { assessmentId: w.assessmentB, criterionId: w.criteria['2.3'], url: 'https://b.example/giai-trinh', title: 'Giải trình' } }, w.tokens.leaderB);
      const file = await upload(w.tokens.staffB, { assessmentId: w.assessmentB, code: '2.3', name: 'giai-trinh.pdf' });
      expect(file.status).toBe(201);
      let b = await read(w.tokens.leaderB, w.assessmentB);
      expect(entryOf(b, '2.3').evidenceCount).toBe(3);
      expect(entryOf(b, '2.3').history.slice(-2).map((h: any) => h.round)).toEqual(['EXPLANATION', 'EXPLANATION']);

      // what was there before the explanation stays
      const refused = await gql(t.url, REMOVE, { id: selfRound }, w.tokens.leaderB);
      expect(refused.errors?.[0]?.extensions).toMatchObject({ code: 'PHASE_CLOSED', phase: 'EXPLANATION' });
      expect((await ok(t.url, REMOVE, { id: link.attachEvidenceLink.id }, w.tokens.leaderB)).removeEvidence.evidenceCount).toBe(2);
      expect((await ok(t.url, REMOVE, { id: file.body.id }, w.tokens.staffB)).removeEvidence.evidenceCount).toBe(1);
      b = await read(w.tokens.leaderB, w.assessmentB);
      expect(entryOf(b, '2.3').evidence.map((e: any) => e.id)).toEqual([selfRound]);
      expect(rowsOf(b)['2.3']).toBe(1);

      // a unit that was not returned cannot
      const a = await gql(t.url, LINK, { i: { assessmentId: w.assessmentA, criterionId: w.criteria['1.1'], url: 'https://a.example/x' } }, w.tokens.leaderA);
      expect(a.errors?.[0]?.extensions).toMatchObject({ code: 'PHASE_CLOSED', status: 'IN_PROGRESS' });
    });
  });
});
