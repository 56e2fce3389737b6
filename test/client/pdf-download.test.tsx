/**
 * Issue 17.2: "Tải PDF" beside the spreadsheet downloads fetches the printed report with the
 * sign-in's token, and says so when the server refuses.
 */
import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import { SessionFixture, type Session } from '../../client/src/features/auth/session';
import { PdfDownload } from '../../client/src/features/results/PdfDownload';
import { I18nProvider, type Lang } from '../../client/src/i18n';

/** What fetch answers, as far as downloadFile reads it. */
const answer = (status: number, headers: Record<string, string> = {}) => ({
  ok: status < 300,
  status,
  headers: { get: (name: string) => headers[name.toLowerCase()] ?? null },
  blob: async () => new Blob(['%PDF-1.7'], { type: headers['content-type'] }),
});

const session = { token: 'token-a', user: { __typename: 'User', id: 'u1', name: 'Lãnh đạo A', email: 'leader.a@test', role: 'LEADER', unit: null }, ended: null } as unknown as Session;

function renderButton(lang: Lang = 'vi') {
  return render(
    <SessionFixture value={session}>
      <I18nProvider lang={lang}>
        <PdfDownload path="/export/assessment/a1.pdf" fallbackName="Huyện A.pdf" title="Tải bản in phiếu điểm (PDF)" />
      </I18nProvider>
    </SessionFixture>,
  );
}

describe('"Tải PDF"', () => {
  const realFetch = global.fetch;
  const urls = { create: URL.createObjectURL, revoke: URL.revokeObjectURL };
  beforeEach(() => {
    URL.createObjectURL = jest.fn(() => 'blob:pdf');
    URL.revokeObjectURL = jest.fn();
  });
  afterEach(() => {
    global.fetch = realFetch;
    URL.createObjectURL = urls.create;
    URL.revokeObjectURL = urls.revoke;
  });

  it('should fetch the score sheet as PDF with the sign-in token and hand it over under the server’s name', async () => {
    const fetchMock = jest.fn(async () => answer(200, { 'content-type': 'application/pdf', 'content-disposition': 'attachment; filename="bang-diem-A-2025.pdf"' }));
    global.fetch = fetchMock as never;
    const clicked: string[] = [];
    const click = jest.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
      clicked.push(this.download);
    });
    renderButton();
    fireEvent.click(screen.getByRole('button', { name: 'Tải PDF' }));
    await waitFor(() => expect(clicked).toEqual(['bang-diem-A-2025.pdf']));
    expect(fetchMock).toHaveBeenCalledWith('/export/assessment/a1.pdf', { headers: { authorization: 'Bearer token-a' } });
    expect(screen.queryByRole('alert')).toBeNull();
    click.mockRestore();
  });

  it('should say in the page’s language that the PDF could not be downloaded when the server refuses', async () => {
    global.fetch = jest.fn(async () => answer(403)) as never;
    renderButton('en');
    fireEvent.click(screen.getByRole('button', { name: 'Download PDF' }));
    expect((await screen.findByRole('alert')).textContent).toBe('The PDF could not be downloaded; please try again.');
    expect(screen.getByRole('button', { name: 'Download PDF' })).toHaveProperty('disabled', false);
  });
});
