/**
 * Issue 16, point 5: the small things people tripped over, each as they would see it.
 */
import { act, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { ApolloClient, ApolloLink, InMemoryCache } from '@apollo/client';
import { ApolloProvider } from '@apollo/client/react';
import { MockedProvider } from '@apollo/client/testing/react';
import { Observable, of, Subject } from 'rxjs';
import { MyCriteriaPage } from '../../client/src/features/assignments/MyCriteriaPage';
import { EvidencePanel } from '../../client/src/features/evidence/EvidencePanel';
import { AttachEvidenceLinkMutation } from '../../client/src/features/evidence/documents';
import { SessionFixture, type Session } from '../../client/src/features/auth/session';
import { YourAssessmentCell } from '../../client/src/features/periods/YourAssessmentCell';
import { I18nProvider, translate } from '../../client/src/i18n';

const session = (over: Partial<Session> = {}): Session =>
  ({ token: 'token', user: { __typename: 'User', id: 'u1', name: 'Cán bộ A', email: 'staff.a@test', role: 'STAFF', unit: { __typename: 'Unit', id: 'unit-a', name: 'Unit A', kind: 'DISTRICT' } }, ended: null, ...over }) as Session;

const assigned = (code: string) => ({
  __typename: 'ScoreEntry',
  id: `e-${code}`,
  state: 'TODO',
  selfScore: null,
  notApplicable: false,
  updatedAt: '2026-12-02T08:00:00.000Z',
  criterion: { __typename: 'Criterion', id: `c-${code}`, code, title: `Tiêu chí ${code}`, maxScore: 2 },
  assessment: {
    __typename: 'Assessment',
    id: 'a1',
    status: 'IN_PROGRESS',
    unit: { __typename: 'Unit', id: 'unit-a', name: 'Unit A' },
    period: { __typename: 'Period', id: 'p1', name: 'Kỳ 2025', year: 2025, phase: 'SELF_ASSESSMENT', selfAssessmentDeadline: null },
  },
});

describe('"Tiêu chí của tôi"', () => {
  it('should show a criterion assigned while the page is open, without a reload', async () => {
    // the server as the page meets it: the list of my assignments (one criterion, then two once
    // the leader assigns), and the live notification stream
    const notifications = new Subject<unknown>();
    let lists = 0;
    const link = new ApolloLink((operation) => {
      if (operation.operationName === 'MyAssignments') {
        lists += 1;
        return of({ data: { myAssignments: lists === 1 ? [assigned('1.1')] : [assigned('1.1'), assigned('2.3')] } });
      }
      if (operation.operationName === 'NotificationAdded') return notifications.asObservable() as Observable<any>;
      return new Observable(() => undefined); // what blocks submission: not part of this story
    });
    const client = new ApolloClient({ link, cache: new InMemoryCache() });
    render(
      <ApolloProvider client={client}>
        <I18nProvider lang="vi">
          <MyCriteriaPage />
        </I18nProvider>
      </ApolloProvider>,
    );
    await screen.findByRole('link', { name: 'Tiêu chí 1.1' });
    expect(screen.queryByRole('link', { name: 'Tiêu chí 2.3' })).toBeNull();

    // the leader assigns 2.3: the server notifies me, and the page shows it
    act(() => notifications.next({ data: { notificationAdded: { __typename: 'NotificationBatch', notifications: [{ __typename: 'Notification', id: 'n1', kind: 'ASSIGNED', title: 'Được giao 1 tiêu chí' }] } } }));
    await screen.findByRole('link', { name: 'Tiêu chí 2.3' });
    expect(lists).toBe(2);

    // a notification about something else (a mention) fetches nothing
    act(() => notifications.next({ data: { notificationAdded: { __typename: 'NotificationBatch', notifications: [{ __typename: 'Notification', id: 'n2', kind: 'MENTIONED', title: 'Nhắc đến bạn' }] } } }));
    await new Promise((r) => setTimeout(r, 50));
    expect(lists).toBe(2);
    client.stop();
  });
});

const entry = { __typename: 'ScoreEntry', id: 'e1', version: 3, evidenceCount: 0, evidence: [] } as const;

function renderEvidence(mocks: any[] = []) {
  return render(
    <SessionFixture value={session()}>
      <MockedProvider mocks={mocks}>
        <I18nProvider lang="vi">
          <EvidencePanel assessmentId="a1" criterionId="c1" entry={entry as any} required={false} editable />
        </I18nProvider>
      </MockedProvider>
    </SessionFixture>,
  );
}

describe('the evidence panel', () => {
  it('should let a person dismiss an upload that failed', async () => {
    renderEvidence();
    // nothing listens where the file goes: the upload fails as it would offline
    fireEvent.change(screen.getByTestId('evidence-file'), { target: { files: [new File(['%PDF-1.4'], 'quyet-dinh.pdf', { type: 'application/pdf' })] } });
    const failed = await screen.findByTestId('upload-failed', {}, { timeout: 10000 });
    expect(within(failed).getByRole('alert').textContent).not.toBe('');
    fireEvent.click(within(failed).getByRole('button', { name: 'Bỏ qua tệp lỗi quyet-dinh.pdf' }));
    expect(screen.queryByTestId('upload-failed')).toBeNull();
    expect(screen.queryByText('quyet-dinh.pdf')).toBeNull();
  });

  it('should add the link when Enter is pressed in the link-title field', async () => {
    let sent: unknown = null;
    renderEvidence([
      {
        request: { query: AttachEvidenceLinkMutation, variables: (v: any) => ((sent = v), true) },
        result: { data: { attachEvidenceLink: { __typename: 'Evidence', id: 'ev1', entry: { ...entry, version: 4, evidenceCount: 1, evidence: [] } } } },
      },
    ]);
    fireEvent.change(screen.getByLabelText('Địa chỉ liên kết'), { target: { value: 'https://dichvucong.gov.vn/qd-12' } });
    const title = screen.getByLabelText('Tên tài liệu (không bắt buộc)');
    fireEvent.change(title, { target: { value: 'Quyết định 12' } });
    fireEvent.keyDown(title, { key: 'Enter' });
    // sent, and the fields emptied for the next link
    await waitFor(() => expect((title as HTMLInputElement).value).toBe(''), { timeout: 15000 });
    expect(sent).toEqual({ input: { assessmentId: 'a1', criterionId: 'c1', url: 'https://dichvucong.gov.vn/qd-12', title: 'Quyết định 12' } });
  });
});

describe('the periods list', () => {
  const period = { id: 'p1', assessments: [] as { id: string; status: string; unit: { id: string; name: string } }[] };
  const renderCell = (p: typeof period, role: string, lang: 'vi' | 'en' = 'vi') =>
    render(
      <I18nProvider lang={lang}>
        <table>
          <tbody>
            <tr>
              <YourAssessmentCell period={p as any} user={{ ...session().user!, role: role as any }} />
            </tr>
          </tbody>
        </table>
      </I18nProvider>,
    );

  it('should say "—" with a reason, not a bare 0, for a period the unit is not part of', () => {
    renderCell(period, 'STAFF');
    const cell = screen.getByRole('cell');
    expect(cell.textContent).toBe('—');
    expect(cell.querySelector('[title]')?.getAttribute('title')).toBe('Đơn vị của bạn không tham gia kỳ này');
  });

  it('should still link a unit member to their own assessment, and count units for the province', () => {
    const own = { ...period, assessments: [{ id: 'a1', status: 'IN_PROGRESS', unit: { id: 'unit-a', name: 'Unit A' } }, { id: 'a2', status: 'SUBMITTED', unit: { id: 'unit-b', name: 'Unit B' } }] };
    const { unmount } = renderCell(own, 'STAFF');
    expect(screen.getByRole('link').textContent).toBe('Unit A · Đang chấm');
    unmount();
    renderCell(own, 'ADMIN');
    expect(screen.getByRole('cell').textContent).toBe('2');
  });
});

describe('the scoring method labels', () => {
  it('should not call MANUAL anything that reads like the live badge', () => {
    for (const lang of ['vi', 'en'] as const) {
      const manual = translate(lang, 'method.MANUAL');
      const live = translate(lang, 'live.live');
      expect([lang, manual.toLowerCase().includes(live.toLowerCase())]).toEqual([lang, false]);
    }
    expect(translate('vi', 'method.MANUAL')).toBe('Nhập số điểm');
    expect(translate('en', 'method.MANUAL')).toBe('Points entered');
  });
});
