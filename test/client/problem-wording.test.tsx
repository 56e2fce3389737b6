/**
 * Issue 16, point 3: every code the server can answer with — each problem's code and each
 * error's code — is worded in Vietnamese and in English. A code added on the server without
 * its wordings fails here.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { render, screen } from '@testing-library/react';
import { CombinedGraphQLErrors } from '@apollo/client/errors';
import { ERROR_CODES, PROBLEM_CODES } from '../../server/src/common/problem-codes';
import { ProblemList } from '../../client/src/app/ProblemList';
import { I18nProvider } from '../../client/src/i18n';
import { dictionaries, LANGS } from '../../client/src/i18n/dictionary';
import { errorCodeText, problemText, problemWhere } from '../../client/src/i18n/problems';

/** Every .ts file of the server. */
function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    // the seeders' `code: 'SNV'` are unit codes, not answers
    return statSync(path).isDirectory() ? (name === 'seeders' ? [] : sources(path)) : path.endsWith('.ts') ? [path] : [];
  });
}
const SERVER = join(__dirname, '../../server/src');

describe('every server code has a wording in both languages', () => {
  it.each(LANGS)('%s: every problem code', (lang) => {
    const missing = PROBLEM_CODES.filter((code) => !dictionaries[lang][`problem.${code}` as keyof (typeof dictionaries)['vi']]);
    expect(missing).toEqual([]);
  });

  it.each(LANGS)('%s: every error code', (lang) => {
    const missing = ERROR_CODES.filter((code) => !dictionaries[lang][`errorCode.${code}` as keyof (typeof dictionaries)['vi']]);
    expect(missing).toEqual([]);
  });

  it('lists every code the server source answers with', () => {
    const errors = new Set<string>();
    const problems = new Set<string>();
    for (const file of sources(SERVER)) {
      const text = readFileSync(file, 'utf8');
      for (const m of text.matchAll(/new AppError\('([A-Z_]+)'|extensions: \{ code: '([A-Z_]+)'|\[\d{3}, '([A-Z_]+)'/g)) errors.add(m[1] ?? m[2] ?? m[3]);
      for (const m of text.matchAll(/\bcode: '([A-Z_]+)'/g)) problems.add(m[1]);
      // scoring passes a problem's code after its message: fail('points', `…`, 'NOT_ON_STEP')
      if (file.endsWith('leaf-score.ts')) for (const m of text.matchAll(/[`'], '([A-Z][A-Z_]{3,})'/g)) problems.add(m[1]);
    }
    expect([...errors].filter((c) => !(ERROR_CODES as readonly string[]).includes(c))).toEqual([]);
    // a `code: 'X'` literal is a problem code unless it is an error code
    expect([...problems].filter((c) => !(PROBLEM_CODES as readonly string[]).includes(c) && !(ERROR_CODES as readonly string[]).includes(c))).toEqual([]);
    expect(errors.size).toBeGreaterThan(5);
    expect(problems.has('RATIO_ABOVE_FULL')).toBe(true);
  });

  it('fills the parameters in the person’s language, wording fields, roles and sheets', () => {
    const p = { path: 'users: row 4, role', message: "'KING' is not a role", code: 'NOT_ONE_OF', params: { sheet: 'users', row: 4, column: 'role', field: 'role', value: 'KING', allowed: 'ADMIN, LEADER' } };
    expect(problemText('vi', p)).toBe('“KING” không phải là vai trò hợp lệ (một trong: ADMIN, LEADER).');
    expect(problemText('en', p)).toBe('“KING” is not a valid role (one of: ADMIN, LEADER).');
    expect(problemWhere('vi', p)).toBe('Bảng người dùng dòng 4, cột vai trò');
    const ratio = { path: '1.4.numerator', message: 'numerator 1500 is above denominator 1000…', code: 'RATIO_ABOVE_FULL', params: { field: 'numerator', numerator: 1500, denominator: 1000 } };
    expect(problemText('vi', ratio)).toBe('Tử số (1.500) lớn hơn mẫu số (1.000): tiêu chí này không cho phép tỷ lệ trên 100%.');
    expect(problemText('en', ratio)).toBe('The numerator (1,500) is above the denominator (1,000): this criterion does not allow a rate above 100%.');
    expect(problemText('vi', { path: 'email', message: 'is taken', code: 'TAKEN', params: { field: 'email', value: 'a@b' } })).toBe('thư điện tử “a@b” đã được dùng.');
    expect(errorCodeText('vi', 'UNAVAILABLE')).toMatch(/thử lại/);
    expect(errorCodeText('en', 'SOMETHING_NEW')).toBe(dictionaries.en['errorCode.INTERNAL_SERVER_ERROR']);
  });

  it('shows a refusal in Vietnamese, never the server’s English', () => {
    const error = new CombinedGraphQLErrors({
      errors: [{ message: 'email: is taken', extensions: { code: 'BAD_USER_INPUT', problems: [{ path: 'email', message: 'is taken', code: 'TAKEN', params: { field: 'email', value: 'an@x.vn' } }] } }],
    });
    render(
      <I18nProvider lang="vi">
        <ProblemList error={error} />
      </I18nProvider>,
    );
    expect(screen.getByRole('alert').textContent).toContain('thư điện tử “an@x.vn” đã được dùng.');
    expect(screen.getByRole('alert').textContent).not.toContain('is taken');
  });
});
