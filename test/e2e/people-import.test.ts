import type { Browser, BrowserContext } from 'playwright-core';
import { startTestApp, type TestApp } from '../helpers/app';
import { ok } from '../helpers/gql';
import { buildWorld, type World } from '../helpers/world';
import { assertPrerequisites, CLIENT_DIST, launch, newContext, openAs } from './browser';

/**
 * Issue 16, point 4, in Chromium: an administrator previews a users sheet, sees a refused row
 * named by its row and column in Vietnamese, fixes the sheet, previews again and applies it.
 */
jest.setTimeout(300_000);

let t: TestApp;
let w: World;
let browser: Browser;
let context: BrowserContext | undefined;

beforeAll(async () => {
  assertPrerequisites();
  t = await startTestApp({ clientDir: CLIENT_DIST });
  w = await buildWorld(t);
  browser = await launch();
});

afterAll(async () => {
  await context?.close().catch(() => undefined);
  await browser?.close().catch(() => undefined);
  await t?.close();
});

const sheet = (rows: string[][]) => ({ name: 'nguoi-dung.csv', mimeType: 'text/csv', buffer: Buffer.from(rows.map((r) => r.join(',')).join('\r\n'), 'utf8') });

it('should preview a users sheet, list its problems in Vietnamese, and apply it once it is right', async () => {
  context = await newContext(browser);
  const page = await context.newPage();
  await openAs(page, t.url, w.tokens.admin, '/admin/people');
  const input = page.getByLabel('Bảng người dùng (XLSX hoặc CSV)');

  await input.setInputFiles(sheet([['email', 'name', 'role', 'unit'], ['moi@test', 'Người mới', 'cán bộ', 'A'], ['sai@test', 'Sai', 'STAFF', 'KHONG-CO']]));
  await page.getByRole('button', { name: 'Xem trước' }).click();
  const problems = page.getByTestId('people-import-problems');
  await problems.waitFor();
  expect(await problems.locator('tbody tr').allTextContents()).toEqual(['Bảng người dùng dòng 3, cột đơn vịKhông có “KHONG-CO”.']);

  await input.setInputFiles(sheet([['email', 'name', 'role', 'unit'], ['moi@test', 'Người mới', 'cán bộ', 'A'], ['staff2.a@test', 'Chuyển sang B', 'STAFF', 'B']]));
  await page.getByRole('button', { name: 'Xem trước' }).click();
  const preview = page.getByTestId('preview-users');
  await preview.waitFor();
  expect(await preview.locator('tbody tr td:nth-child(2)').allTextContents()).toEqual(['Tạo mới', 'Cập nhật (tên, đơn vị)']);
  // nothing is written by the preview
  expect((await ok(t.url, '{users{email}}', {}, w.tokens.admin)).users.map((u: any) => u.email)).not.toContain('moi@test');

  await page.getByRole('button', { name: 'Áp dụng' }).click();
  await page.getByTestId('people-import-done').waitFor();
  // the people list shows the new person, in unit A
  await page.getByText('moi@test').waitFor();
  const users = (await ok(t.url, '{users{email name unit{code}}}', {}, w.tokens.admin)).users;
  expect(users.find((u: any) => u.email === 'moi@test')).toEqual({ email: 'moi@test', name: 'Người mới', unit: { code: 'A' } });
  expect(users.find((u: any) => u.email === 'staff2.a@test').unit.code).toBe('B');
});
