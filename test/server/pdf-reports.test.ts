import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startTestApp, type TestApp } from '../helpers/app';
import { errorCode, gql, ok } from '../helpers/gql';
import { buildWorld, PASSWORD, save, type World } from '../helpers/world';

/**
 * Printed reports (issue 17.2): the score sheet and the ranking as PDF, read back with poppler's
 * pdftotext and compared figure by figure with what the API answers, the first page of the score
 * sheet rendered for the README.
 */
const SCREENSHOT = join(__dirname, '..', '..', 'docs', 'screenshots', 'score-sheet-pdf.png');
const UNIT_A = 'Huyện Hữu Lộc (Đất Mũi)';
const SELF: Record<string, Record<string, unknown>> = {
  '1.1': { points: 1.5 },
  '1.2': { met: true },
  '1.3': { tier: 'Partial' },
  '1.4': { numerator: 80, denominator: 100 },
  '1.5': { points: -0.5 },
  '2.1': { numerator: 45, denominator: 50 },
  '2.2.1': { points: 4 },
  '2.2.2': { figure: 60 },
  '2.3': { points: 2 },
  '2.4': { points: 0.5 },
};
/** the council lowers two leaves */
const APPRAISED = { ...SELF, '1.1': { points: 1.25 }, '2.3': { points: 1.5 } };

const PHASE = `mutation($id:ID!,$p:Phase!){setPeriodPhase(id:$id,phase:$p,acknowledgeIncomplete:true){phase}}`;
const APPRAISE = `mutation($i:SaveAppraisalInput!){saveAppraisal(input:$i){entry{version}}}`;
const SIGN = `mutation($id:ID!){signFinalization(assessmentId:$id){status signature{signedBy{name}}}}`;
const FIGURES = `query($id:ID!){assessment(id:$id){selfTotal appraisedTotal result{finalTotal}
  entries{criterion{code} version selfScore round1Score finalScore}
  progress{criterion{code isLeaf} selfTotal appraisedTotal maxScore}}}`;
const RANKING = `query($p:ID!){ranking(periodId:$p,unitKind:DISTRICT){rank selfTotal round1Total finalTotal index band unit{code name}}}`;

/** The Vietnamese way of the web client: 1.234,5 and at most two places. */
const vi = (n: number | null | undefined) => (n == null ? '–' : new Intl.NumberFormat('vi-VN', { maximumFractionDigits: 2 }).format(n));

/** Fails (never skips) when poppler-utils is missing: the figures could not be checked. */
function poppler(tool: 'pdftotext' | 'pdfinfo' | 'pdftoppm' | 'pdffonts', args: string[]): string {
  try {
    return execFileSync(tool, args, { encoding: 'utf8' });
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') {
      throw new Error(`${tool} is missing: the PDF tests need Debian's poppler-utils (apt-get install -y poppler-utils; npm test's pretest installs it as root).`);
    }
    throw e;
  }
}

describe('printed reports (PDF)', () => {
  let t: TestApp;
  let w: World;
  let dir: string;
  let chairToken: string;
  const files: Record<string, string> = {};

  const download = async (path: string, token: string) => {
    const res = await fetch(`${t.url}${path}`, { headers: { authorization: `Bearer ${token}` } });
    return { status: res.status, type: res.headers.get('content-type'), disposition: res.headers.get('content-disposition'), body: Buffer.from(await res.arrayBuffer()) };
  };
  /** Downloads a PDF and keeps it on disk for poppler. */
  const pdf = async (name: string, path: string, token: string) => {
    const r = await download(path, token);
    expect(r.status).toBe(200);
    expect(r.type).toBe('application/pdf');
    expect(r.body.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    files[name] = join(dir, `${name}.pdf`);
    writeFileSync(files[name], r.body);
    return files[name];
  };
  const text = (file: string) => poppler('pdftotext', ['-layout', '-enc', 'UTF-8', file, '-']);
  /** The words of the line that starts with `first` (then `second`), or undefined. */
  const lineOf = (txt: string, ...start: string[]) =>
    txt
      .split('\n')
      .map((l) => l.trim().split(/\s+/))
      .find((words) => start.every((s, i) => words[i] === s));

  beforeAll(async () => {
    poppler('pdftotext', ['-v']);
    dir = mkdtempSync(join(tmpdir(), 'chamdiem-pdf-'));
    t = await startTestApp();
    w = await buildWorld(t);
    await ok(t.url, `mutation($id:ID!,$i:UpdateUnitInput!){updateUnit(id:$id,input:$i){id}}`, { id: w.units.A, i: { name: UNIT_A } }, w.tokens.admin);
    const chair = await ok(t.url, `mutation($i:CreateUserInput!){createUser(input:$i){id}}`, { i: { email: 'chair@test', name: 'Nguyễn Thị Thẩm Định', role: 'APPRAISER', unitId: null, password: PASSWORD } }, w.tokens.admin);
    chairToken = (await ok(t.url, `mutation($e:String!,$p:String!){login(email:$e,password:$p){token}}`, { e: 'chair@test', p: PASSWORD })).login.token;
    for (const [code, value] of Object.entries(SELF)) {
      const extra = code === '1.1' ? { comment: 'Đã ban hành kế hoạch số 12/KH-UBND' } : {};
      expect((await save(t, w, w.tokens.staffA, code, value, extra)).errors).toBeUndefined();
      expect((await save(t, w, w.tokens.staffB, code, value, { assessmentId: w.assessmentB })).errors).toBeUndefined();
    }
    await ok(t.url, `mutation($i:AttachEvidenceLinkInput!){attachEvidenceLink(input:$i){id}}`, { i: { assessmentId: w.assessmentA, criterionId: w.criteria['1.1'], url: 'https://vanban.example/12-kh', title: 'Kế hoạch 12/KH-UBND' } }, w.tokens.staffA);
    await ok(t.url, `mutation($id:ID!){submitAssessment(assessmentId:$id){status}}`, { id: w.assessmentA }, w.tokens.leaderA);
    await ok(t.url, `mutation($id:ID!){submitAssessment(assessmentId:$id){status}}`, { id: w.assessmentB }, w.tokens.leaderB);
    await ok(t.url, PHASE, { id: w.periodId, p: 'APPRAISAL' }, w.tokens.admin);
    await ok(t.url, `mutation($i:AssignAppraisersInput!){assignAppraisers(input:$i){id}}`, { i: { periodId: w.periodId, unitIds: [w.units.A], members: [{ userId: chair.createUser.id, chair: true }] } }, w.tokens.admin);
    for (const [code, value] of Object.entries(APPRAISED)) {
      const version = (await ok(t.url, FIGURES, { id: w.assessmentA }, w.tokens.admin)).assessment.entries.find((e: any) => e.criterion.code === code).version;
      const r = await gql(t.url, APPRAISE, { i: { assessmentId: w.assessmentA, criterionId: w.criteria[code], value, expectedVersion: version } }, chairToken);
      expect(r.errors).toBeUndefined();
    }
  });
  afterAll(async () => {
    await t?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  describe('the score sheet', () => {
    it('should name the council chair as unsigned, then with the signature once the chair signs', async () => {
      const before = text(await pdf('unsigned', `/export/assessment/${w.assessmentA}.pdf`, w.tokens.leaderA));
      expect(before).toContain('Nguyễn Thị Thẩm Định');
      expect(before).toContain('Chưa ký xác nhận kết quả');
      const signed = (await ok(t.url, SIGN, { id: w.assessmentA }, chairToken)).signFinalization;
      expect(signed).toMatchObject({ status: 'FINAL', signature: { signedBy: { name: 'Nguyễn Thị Thẩm Định' } } });
      const after = text(await pdf('signed', `/export/assessment/${w.assessmentA}.pdf`, w.tokens.leaderA));
      expect(after).toMatch(/TM\. HỘI ĐỒNG THẨM ĐỊNH[\s\S]*CHỦ TỊCH[\s\S]*Nguyễn Thị Thẩm Định/);
      expect(after).toMatch(/Đã ký xác nhận kết quả lúc \d{2}\/\d{2}\/\d{4} \d{2}:\d{2}/);
      expect(after).not.toContain('Chưa ký xác nhận kết quả');
    });

    it('should print every criterion with the self, appraised and final figures the API gives, in the Vietnamese format', async () => {
      await ok(t.url, PHASE, { id: w.periodId, p: 'FINALIZED' }, w.tokens.admin);
      await ok(t.url, `mutation($p:ID!){publishResults(periodId:$p,acknowledgeIncomplete:true){phase}}`, { p: w.periodId }, w.tokens.admin);
      const api = (await ok(t.url, FIGURES, { id: w.assessmentA }, w.tokens.leaderA)).assessment;
      const txt = text(await pdf('sheet', `/export/assessment/${w.assessmentA}.pdf`, w.tokens.leaderA));
      const entryOf = new Map<string, any>(api.entries.map((e: any) => [e.criterion.code, e]));
      expect(api.progress).toHaveLength(13);
      for (const p of api.progress) {
        const code = p.criterion.code;
        const words = lineOf(txt, code);
        expect(words).toBeDefined();
        // … max, self, appraised, final, evidence count
        const [max, self, appraised, final] = words!.slice(-5);
        const e = entryOf.get(code);
        expect({ code, max, self, appraised, final }).toEqual(
          p.criterion.isLeaf
            ? { code, max: vi(p.maxScore), self: vi(e.selfScore), appraised: vi(e.round1Score), final: vi(e.finalScore) }
            : // an inner node's final figure is its appraised one: the chair finalized round 1 as it stood
              { code, max: vi(p.maxScore), self: vi(p.selfTotal), appraised: vi(p.appraisedTotal), final: vi(p.appraisedTotal) },
        );
      }
      const total = lineOf(txt, 'Tổng', 'cộng')!;
      expect(total.slice(2, 6)).toEqual([vi(20), vi(api.selfTotal), vi(api.appraisedTotal), vi(api.result.finalTotal)]);
      expect(api.selfTotal).not.toBe(api.appraisedTotal); // the appraisal changed the figures
      expect(vi(1234.5)).toBe('1.234,5');
    });

    it('should keep every Vietnamese glyph, the comments and the evidence, and lay the page out as an administrative document', async () => {
      const txt = text(files.sheet);
      expect(txt).toContain('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM');
      expect(txt).toContain('Độc lập - Tự do - Hạnh phúc');
      expect(txt).toContain('ỦY BAN NHÂN DÂN TỈNH');
      expect(txt).toMatch(/……………, ngày \d{2} tháng (0[12]|[3-9]|1[0-2]) năm \d{4}/);
      expect(txt).toContain(UNIT_A);
      expect(txt).toContain('BẢNG ĐIỂM TỰ ĐÁNH GIÁ VÀ THẨM ĐỊNH');
      expect(txt).toContain('Ghi chú: Đã ban hành kế hoạch số 12/KH-UBND');
      expect(txt).toContain('Tài liệu kiểm chứng: Kế hoạch 12/KH-UBND');
      const info = poppler('pdfinfo', [files.sheet]);
      expect(info).toMatch(/Page size:\s+595\.28 x 841\.89 pts \(A4\)/);
      const pages = Number(/Pages:\s+(\d+)/.exec(info)![1]);
      for (let i = 1; i <= pages; i++) expect(txt).toContain(`Trang ${i}/${pages}`);
      // the tree's indentation: a deeper criterion's title starts further right than its parent's
      const column = (title: string) => txt.split('\n').find((l) => l.includes(title))!.indexOf(title);
      expect(column('Group')).toBeLessThan(column('Manual default step'));
      expect(column('Kết quả')).toBeLessThan(column('Group'));
      // every font is embedded: the document prints the same anywhere
      const fonts = poppler('pdffonts', [files.sheet]).split('\n').slice(2).filter(Boolean);
      expect(fonts.length).toBeGreaterThan(0);
      for (const f of fonts) expect(f).toMatch(/DejaVuSerif.*\byes\s+yes\s+yes\b/);
    });

    it('should render its first page for the README', () => {
      poppler('pdftoppm', ['-png', '-r', '60', '-f', '1', '-l', '1', '-singlefile', files.sheet, SCREENSHOT.replace(/\.png$/, '')]);
      const png = readFileSync(SCREENSHOT);
      // A4 at 60 dpi: 496 × 702 pixels (poppler rounds the width up)
      expect(png.readUInt32BE(16)).toBeGreaterThanOrEqual(496);
      expect(png.readUInt32BE(16)).toBeLessThanOrEqual(497);
      expect(png.readUInt32BE(20)).toBe(702);
    });

    it('should refuse another unit’s leader and an unknown assessment, as the API does', async () => {
      expect((await download(`/export/assessment/${w.assessmentA}.pdf`, w.tokens.leaderB)).status).toBe(403);
      expect(await errorCode(t.url, `query($id:ID!){assessment(id:$id){id}}`, { id: w.assessmentA }, w.tokens.leaderB)).toBe('FORBIDDEN');
      const unknown = await download('/export/assessment/00000000-0000-4000-8000-000000000000.pdf', w.tokens.admin);
      expect(unknown.status).toBe(404);
      expect(JSON.parse(unknown.body.toString('utf8')).errors[0].extensions.code).toBe('NOT_FOUND');
    });
  });

  describe('the ranking', () => {
    it('should print every unit with the rank, totals, index and band of the ranking query', async () => {
      const api = (await ok(t.url, RANKING, { p: w.periodId }, w.tokens.leaderA)).ranking;
      expect(api).toHaveLength(2);
      const txt = text(await pdf('ranking', `/export/ranking/${w.periodId}/DISTRICT.pdf`, w.tokens.leaderA));
      for (const row of api) {
        const words = lineOf(txt, String(row.rank), row.unit.code);
        expect(words).toBeDefined();
        expect(words!.join(' ')).toContain(row.unit.name);
        expect(words!.slice(-5)).toEqual([vi(row.selfTotal), vi(row.round1Total), vi(row.finalTotal), vi(row.index), row.band ?? '–']);
      }
      expect(txt).toContain('KẾT QUẢ ĐÁNH GIÁ VÀ XẾP HẠNG');
      expect(txt).toContain('Độc lập - Tự do - Hạnh phúc');
      expect(txt).toContain('Trang 1/1');
      expect(poppler('pdfinfo', [files.ranking])).toMatch(/Page size:\s+595\.28 x 841\.89 pts \(A4\)/);
    });

    it('should be refused to a unit’s people until the results are published, and read by the insiders always', async () => {
      const other = (await ok(t.url, `mutation($i:CreatePeriodInput!){createPeriod(input:$i){id}}`, { i: { name: 'Kỳ 2026', frameworkId: w.frameworkId, year: 2026, unitIds: [w.units.A, w.units.B] } }, w.tokens.admin)).createPeriod;
      const refused = await download(`/export/ranking/${other.id}/DISTRICT.pdf`, w.tokens.leaderA);
      expect(refused.status).toBe(403);
      expect(JSON.parse(refused.body.toString('utf8')).errors[0].extensions.code).toBe('FORBIDDEN');
      const viewer = await pdf('empty-ranking', `/export/ranking/${other.id}/DISTRICT.pdf`, w.tokens.viewer);
      expect(text(viewer)).toContain('Chưa có kết quả');
      expect((await download(`/export/ranking/00000000-0000-4000-8000-000000000000/DISTRICT.pdf`, w.tokens.admin)).status).toBe(404);
      expect((await download(`/export/ranking/${w.periodId}/VILLAGE.pdf`, w.tokens.admin)).status).toBe(400);
    });
  });
});
