/**
 * Issue 16, point 4: the people import page previews what a sheet would change before anything
 * is written, lists every refused row by sheet, row and column in Vietnamese, and applies only
 * after a preview. The GraphQL answers are those the server gives (test/server/people-import.test.ts).
 */
import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { MockedProvider } from '@apollo/client/testing/react';
import { PeopleImportForm } from '../../client/src/features/admin/PeopleImport';
import { AdminPeopleQuery, ImportPeopleSheetMutation } from '../../client/src/features/admin/documents';
import { I18nProvider } from '../../client/src/i18n';

const CSV = 'email,name,role,unit\r\nlanhdao.x@test,Lãnh đạo X,LEADER,HUYEN-X\r\nstaff2.a@test,Moved,STAFF,B\r\n';
const base64 = Buffer.from(CSV, 'utf8').toString('base64');

const result = (applied: boolean) => ({
  __typename: 'PeopleImportResult',
  applied,
  unitsCreated: 0,
  unitsUpdated: 0,
  usersCreated: 1,
  usersUpdated: 1,
  units: [],
  users: [
    { __typename: 'UserImportRow', row: 2, action: 'CREATE', email: 'lanhdao.x@test', name: 'Lãnh đạo X', role: 'LEADER', unitCode: 'HUYEN-X', changed: [] },
    { __typename: 'UserImportRow', row: 3, action: 'UPDATE', email: 'staff2.a@test', name: 'Moved', role: 'STAFF', unitCode: 'B', changed: ['name', 'unit'] },
  ],
});

/** The mutation as sent: the file as read, and whether it is the preview. */
const sent = (dryRun: boolean) => (v: any) => v.input.dryRun === dryRun && v.input.users?.fileBase64 === base64 && v.input.users?.format === 'CSV' && v.input.units === null;

function renderPage(mocks: any[]) {
  const downloads: string[] = [];
  render(
    <MockedProvider mocks={mocks}>
      <I18nProvider lang="vi">
        <PeopleImportForm downloadTemplate={async (which, ext) => void downloads.push(`${which}.${ext}`)} />
      </I18nProvider>
    </MockedProvider>,
  );
  return { downloads };
}
const choose = () => fireEvent.change(screen.getByLabelText('Bảng người dùng (XLSX hoặc CSV)'), { target: { files: [new File([CSV], 'nguoi-dung.csv', { type: 'text/csv' })] } });

describe('the people import page', () => {
  it('should preview every row with what it changes, and apply only after the preview', async () => {
    const { downloads } = renderPage([
      { request: { query: ImportPeopleSheetMutation, variables: sent(true) }, result: { data: { importPeopleSheet: result(false) } } },
      { request: { query: ImportPeopleSheetMutation, variables: sent(false) }, result: { data: { importPeopleSheet: result(true) } } },
      { request: { query: AdminPeopleQuery }, result: { data: { units: [], users: [] } } },
    ]);
    const apply = screen.getByRole('button', { name: 'Áp dụng' });
    expect(apply).toHaveProperty('disabled', true);
    fireEvent.click(screen.getByRole('button', { name: 'Mẫu người dùng (Excel)' }));
    expect(downloads).toEqual(['users.xlsx']);

    choose();
    fireEvent.click(screen.getByRole('button', { name: 'Xem trước' }));
    const preview = await screen.findByTestId('people-import-preview', {}, { timeout: 15000 });
    expect(within(preview).getByRole('status').textContent).toBe('Sẽ tạo 0 và cập nhật 0 đơn vị; tạo 1 và cập nhật 1 người dùng.');
    const rows = within(screen.getByTestId('preview-users')).getAllByRole('row').slice(1).map((r) => within(r).getAllByRole('cell').map((c) => c.textContent));
    expect(rows).toEqual([
      ['2', 'Tạo mới', 'lanhdao.x@test', 'Lãnh đạo X', 'Lãnh đạo', 'HUYEN-X'],
      ['3', 'Cập nhật (tên, đơn vị)', 'staff2.a@test', 'Moved', 'Cán bộ', 'B'],
    ]);

    expect(apply).toHaveProperty('disabled', false);
    fireEvent.click(apply);
    expect((await screen.findByTestId('people-import-done', {}, { timeout: 15000 })).textContent).toBe('Đã nhập: 0 đơn vị và 2 người dùng thay đổi (1 người mới, cần cấp mã đặt lại mật khẩu).');
    expect(screen.queryByTestId('people-import-preview')).toBeNull();
  });

  it('should list every problem of a refused sheet by sheet, row and column, in Vietnamese', async () => {
    renderPage([
      {
        request: { query: ImportPeopleSheetMutation, variables: sent(true) },
        result: {
          errors: [
            {
              message: '2 problems',
              extensions: {
                code: 'BAD_USER_INPUT',
                problems: [
                  { path: 'users: row 2, email', message: "'x' is not an e-mail address", code: 'INVALID_EMAIL', params: { sheet: 'users', row: 2, column: 'email', value: 'x' } },
                  { path: 'users: row 5, unit', message: 'no unit NOWHERE', code: 'UNKNOWN_REFERENCE', params: { sheet: 'users', row: 5, column: 'unit', value: 'NOWHERE' } },
                ],
              },
            },
          ],
        },
      },
    ]);
    choose();
    fireEvent.click(screen.getByRole('button', { name: 'Xem trước' }));
    const table = await screen.findByTestId('people-import-problems', {}, { timeout: 15000 });
    const rows = within(table).getAllByRole('row').slice(1).map((r) => within(r).getAllByRole('cell').map((c) => c.textContent));
    expect(rows).toEqual([
      ['Bảng người dùng dòng 2, cột thư điện tử', '“x” không phải địa chỉ thư điện tử.'],
      ['Bảng người dùng dòng 5, cột đơn vị', 'Không có “NOWHERE”.'],
    ]);
    expect(screen.getByText('Có 2 lỗi, chưa có gì được lưu:')).toBeTruthy();
    await waitFor(() => expect(screen.getByRole('button', { name: 'Áp dụng' })).toHaveProperty('disabled', true), { timeout: 15000 });
  });
});
