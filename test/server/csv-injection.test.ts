import ExcelJS from 'exceljs';
import { ScoreEntry } from '../../server/src/modules/assessment/score-entry.entity';
import { Criterion } from '../../server/src/modules/framework/criterion.entity';
import { Result } from '../../server/src/modules/results/result.entity';
import { Unit } from '../../server/src/modules/unit/unit.entity';
import { parseCsv, writeCsv } from '../../server/src/modules/sheets/csv';
import { startTestApp, type TestApp } from '../helpers/app';
import { buildWorld, save, type World } from '../helpers/world';

/** Every start that a spreadsheet reads as a formula (OWASP's CSV-injection list). */
const FORMULAS = ['=HYPERLINK("http://x.invalid","a")', '+1+2', '-2+3', '@SUM(A1:A2)', '\t=1+1', '\r=1+1'];

describe('CSV exports and formula injection', () => {
  let t: TestApp;
  let w: World;
  const download = async (path: string, token: string) => {
    const res = await fetch(`${t.url}${path}`, { headers: { authorization: `Bearer ${token}` } });
    expect(res.status).toBe(200);
    return Buffer.from(await res.arrayBuffer());
  };

  beforeAll(async () => {
    t = await startTestApp();
    w = await buildWorld(t);
    // what users type: comments on six leaves, a negative deduction score
    const leaves = ['1.1', '1.2', '1.3', '1.4', '2.1', '2.3'];
    const values: Record<string, Record<string, unknown>> = {
      '1.1': { points: 1 }, '1.2': { met: true }, '1.3': { tier: 'Full' }, '1.4': { numerator: 1, denominator: 2 }, '2.1': { numerator: 1, denominator: 1 }, '2.3': { points: 1 },
    };
    for (let i = 0; i < leaves.length; i++) {
      const r = await save(t, w, w.tokens.staffA, leaves[i], values[leaves[i]], { comment: FORMULAS[i] });
      expect(r.errors).toBeUndefined();
    }
    expect((await save(t, w, w.tokens.staffA, '1.5', { points: -0.5 })).errors).toBeUndefined();
    // what an administrator types: a criterion title, unit names (seen in the ranking)
    const em = t.orm.em.fork();
    // the API trims comments; a leading tab or carriage return can still come from elsewhere (an import, an older version)
    const entries = await em.find(ScoreEntry, { assessment: w.assessmentA }, { populate: ['criterion'] });
    leaves.forEach((code, i) => (entries.find((e) => e.criterion.code === code)!.comment = FORMULAS[i]));
    const title = await em.findOneOrFail(Criterion, { id: w.criteria['2.2.1'] });
    title.title = '=cmd|" /C calc"!A0';
    const unitA = await em.findOneOrFail(Unit, { id: w.units.A });
    unitA.name = '-SUM(1,2)';
    const unitB = await em.findOneOrFail(Unit, { id: w.units.B });
    unitB.code = '@B';
    const groups = await em.find(Criterion, { framework: w.frameworkId, depth: 1 }, { orderBy: { ordinal: 'asc' } });
    em.create(Result, {
      period: w.periodId, assessment: w.assessmentA, rank: 1, maxH: 2000, selfTotalH: -150, round1TotalH: null, finalTotalH: null, indexK: 0, band: '=D', previousTotalH: null, previousRank: null,
      groups: groups.map((c) => ({ criterionId: c.id, code: c.code, title: c.title, maxH: c.maxH, selfH: -150, round1H: null, finalH: null, rank: 1 })),
    } as never);
    await em.flush();
  });
  afterAll(() => t?.close());

  it('should neutralize each formula start in a text cell and leave numbers alone', () => {
    const rows = parseCsv(writeCsv([[...FORMULAS, 'plain', -1.5, 0, 'a-b=c']]).toString('utf8'));
    expect(rows).toEqual([[...FORMULAS.map((f) => `'${f}`), 'plain', '-1.5', '0', 'a-b=c']]);
  });

  it("should write an assessment's comments and titles neutralized, its negative scores as numbers", async () => {
    const rows = parseCsv((await download(`/export/assessment/${w.assessmentA}.csv`, w.tokens.leaderA)).toString('utf8'));
    const byCode = Object.fromEntries(rows.map((r) => [r[0], r]));
    const leaves = ['1.1', '1.2', '1.3', '1.4', '2.1', '2.3'];
    leaves.forEach((code, i) => expect(byCode[code][7]).toBe(`'${FORMULAS[i]}`));
    expect(byCode['2.2.1'][1]).toBe(`'=cmd|" /C calc"!A0`);
    expect(byCode['1.5'][3]).toBe('-0.50');
    // nothing in the whole file starts a cell with a formula character but a number
    for (const row of rows) for (const cell of row) if (/^[=+\-@\t\r]/.test(cell)) expect(cell).toMatch(/^-\d+\.\d\d$/);
  });

  it('should write the ranking with unit names and codes neutralized, negative totals as numbers', async () => {
    const rows = parseCsv((await download(`/export/ranking/${w.periodId}/DISTRICT.csv`, w.tokens.admin)).toString('utf8'));
    expect(rows[1].slice(0, 4)).toEqual(['1', 'A', "'-SUM(1,2)", '-1.50']);
    expect(rows[1][8]).toBe("'=D");
    expect(rows[1].slice(11)).toEqual(['-1.50', '-1.50']);
  });

  it('should keep such text as text (never a formula) in the XLSX export', async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await download(`/export/assessment/${w.assessmentA}.xlsx`, w.tokens.leaderA)) as never);
    const ws = wb.worksheets[0];
    let found = 0;
    ws.eachRow((row) => {
      row.eachCell((cell) => {
        expect(cell.type).not.toBe(ExcelJS.ValueType.Formula);
        // (XML reads a carriage return back as a line feed)
        if (typeof cell.value === 'string' && FORMULAS.some((f) => f.replace(/\r/g, '\n') === (cell.value as string).replace(/\r/g, '\n'))) found++;
      });
    });
    expect(found).toBe(FORMULAS.length);
    expect(await t.orm.em.fork().count(ScoreEntry, { assessment: w.assessmentA, comment: { $ne: null } })).toBe(FORMULAS.length);
  });
});
