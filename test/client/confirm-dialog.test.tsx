import { fireEvent, screen } from '@testing-library/react';
import { useState } from 'react';
import { ConfirmDialog } from '../../client/src/app/ConfirmDialog';
import { renderIn } from './harness';

/** A button that opens the dialog, as every irreversible action does; `done` records what happened. */
function Host({ done }: { done: string[] }) {
  const [open, setOpen] = useState(false);
  return (
    <>
      <button type="button" onClick={() => setOpen(true)}>
        Công bố
      </button>
      <ConfirmDialog
        open={open}
        title="Công bố kết quả của kỳ?"
        confirmLabel="Công bố kết quả"
        onCancel={() => {
          done.push('cancel');
          setOpen(false);
        }}
        onConfirm={() => {
          done.push('confirm');
          setOpen(false);
        }}
      >
        <p>2 đơn vị chưa nộp: Unit B, Unit C</p>
      </ConfirmDialog>
    </>
  );
}

describe('ConfirmDialog', () => {
  it('should say the consequence and do nothing until confirmed', () => {
    const done: string[] = [];
    renderIn(<Host done={done} />);
    fireEvent.click(screen.getByRole('button', { name: 'Công bố' }));
    const dialog = screen.getByRole('alertdialog', { name: 'Công bố kết quả của kỳ?' });
    expect(dialog.textContent).toContain('Unit B, Unit C');
    expect(done).toEqual([]);
    fireEvent.click(screen.getByRole('button', { name: 'Công bố kết quả' }));
    expect(done).toEqual(['confirm']);
    expect(screen.queryByRole('alertdialog')).toBeNull();
  });

  it('should be usable from the keyboard: focus on Hủy, Tab kept inside, Escape cancels and gives focus back', () => {
    const done: string[] = [];
    renderIn(<Host done={done} />);
    const opener = screen.getByRole('button', { name: 'Công bố' });
    opener.focus();
    fireEvent.click(opener);
    const cancel = screen.getByRole('button', { name: 'Hủy' });
    const confirm = screen.getByRole('button', { name: 'Công bố kết quả' });
    expect(document.activeElement).toBe(cancel);
    confirm.focus();
    fireEvent.keyDown(confirm, { key: 'Tab' });
    expect(document.activeElement).toBe(cancel);
    fireEvent.keyDown(cancel, { key: 'Tab', shiftKey: true });
    expect(document.activeElement).toBe(confirm);
    fireEvent.keyDown(confirm, { key: 'Escape' });
    expect(done).toEqual(['cancel']);
    expect(screen.queryByRole('alertdialog')).toBeNull();
    expect(document.activeElement).toBe(opener);
  });
});
