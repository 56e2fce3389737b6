import { navigate, setLeaveGuard } from '../../client/src/app/router';
import { draftCriteria, dropDraft, dropExplanation, keepDraft, keepExplanation, loadDraft, loadExplanation, subscribeDrafts } from '../../client/src/features/drafts/store';
import { EMPTY_DRAFT } from '../../client/src/features/scoring/draft';

const typed = (points: string) => ({ draft: { ...EMPTY_DRAFT, points }, comment: 'ghi chú', baseVersion: 3 });

describe('drafts kept in the browser', () => {
  beforeEach(() => localStorage.clear());

  it('should keep a draft per user, assessment and criterion, in localStorage (a reload reads it back)', () => {
    keepDraft('u1', 'a1', 'c1', typed('1,75'));
    keepDraft('u1', 'a1', 'c2', typed('2'));
    keepDraft('u2', 'a1', 'c1', typed('0,5'));
    keepDraft('u1', 'a2', 'c1', typed('4'));
    expect(loadDraft('u1', 'a1', 'c1')).toMatchObject(typed('1,75'));
    expect(loadDraft('u2', 'a1', 'c1')?.draft.points).toBe('0,5');
    expect(loadDraft('u1', 'a2', 'c1')?.draft.points).toBe('4');
    expect([...draftCriteria('u1', 'a1')].sort()).toEqual(['c1', 'c2']);
    // what a reload finds: the stored text, not the module's memory
    expect(JSON.parse(localStorage.getItem('chamdiem.drafts.u1.a1')!).c2.draft.points).toBe('2');
  });

  it('should drop a saved draft, tell listeners, and leave no key behind for an assessment without drafts', () => {
    const heard: number[] = [];
    const stop = subscribeDrafts(() => heard.push(draftCriteria('u1', 'a1').size));
    keepDraft('u1', 'a1', 'c1', typed('1'));
    dropDraft('u1', 'a1', 'c1');
    stop();
    expect(heard).toEqual([1, 0]);
    expect(loadDraft('u1', 'a1', 'c1')).toBeNull();
    expect(localStorage.getItem('chamdiem.drafts.u1.a1')).toBeNull();
  });

  it('should keep an explanation apart from the score draft, and mark its criterion the same', () => {
    keepDraft('u1', 'a1', 'c1', typed('1'));
    keepExplanation('u1', 'a1', 'c1', 'Đã ban hành quyết định');
    keepExplanation('u1', 'a1', 'c3', 'Xin bổ sung');
    expect(loadExplanation('u1', 'a1', 'c1')?.text).toBe('Đã ban hành quyết định');
    expect(loadDraft('u1', 'a1', 'c1')?.draft.points).toBe('1');
    expect([...draftCriteria('u1', 'a1')].sort()).toEqual(['c1', 'c3']);
    dropExplanation('u1', 'a1', 'c3');
    expect([...draftCriteria('u1', 'a1')]).toEqual(['c1']);
  });

  it('should read a damaged entry as no drafts rather than fail', () => {
    localStorage.setItem('chamdiem.drafts.u1.a1', '{not json');
    expect(loadDraft('u1', 'a1', 'c1')).toBeNull();
    expect(draftCriteria('u1', 'a1').size).toBe(0);
  });
});

describe('leaving with drafts', () => {
  afterEach(() => window.history.replaceState(null, '', '/'));

  it('should ask before in-app navigation away, and not navigate when the person stays', () => {
    window.history.replaceState(null, '', '/assessments/a1?c=c1');
    const asked: string[] = [];
    let answer = false;
    const release = setLeaveGuard((to) => (new URL(to, window.location.href).pathname === '/assessments/a1' ? true : (asked.push(to), answer)));
    navigate('/assessments/a1?c=c2', { replace: true });
    expect(window.location.search).toBe('?c=c2');
    navigate('/my');
    expect(asked).toEqual(['/my']);
    expect(window.location.pathname).toBe('/assessments/a1');
    answer = true;
    navigate('/my');
    expect(window.location.pathname).toBe('/my');
    release();
    navigate('/periods');
    expect(asked).toEqual(['/my', '/my']);
    expect(window.location.pathname).toBe('/periods');
  });
});
