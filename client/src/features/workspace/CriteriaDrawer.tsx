import { useEffect, useId, useRef, useState } from 'react';
import { useI18n } from '../../i18n';
import { CriteriaNav, type CriteriaNavProps } from './CriteriaNav';

/**
 * The criteria tree, as a drawer on a phone. Beside the editor on wider screens (the stylesheet
 * hides the button and lets the tree take its grid column, as before); at 640 px and below, a
 * button at the bottom of the screen, within the thumb's reach and naming the criterion open,
 * slides the tree up over the editor. Choosing a criterion, the close button, the backdrop or
 * Escape closes it, and focus goes back to the button.
 */
export function CriteriaDrawer({ currentCode, ...nav }: CriteriaNavProps & { currentCode: string | null }) {
  const { t } = useI18n();
  const id = useId();
  const [open, setOpen] = useState(false);
  const opener = useRef<HTMLButtonElement>(null);
  const panel = useRef<HTMLDivElement>(null);
  const close = () => {
    setOpen(false);
    opener.current?.focus();
  };

  // opened: focus the criterion open now (or the first), so that the arrow keys move from there
  useEffect(() => {
    if (open) panel.current?.querySelector<HTMLElement>('button.nav-leaf.selected, button.nav-leaf')?.focus();
  }, [open]);

  return (
    <div className={`criteria-drawer${open ? ' open' : ''}`} onKeyDown={(e) => open && e.key === 'Escape' && (e.preventDefault(), close())}>
      <button ref={opener} type="button" className="drawer-open primary" aria-expanded={open} aria-controls={id} onClick={() => setOpen(true)}>
        {t('workspace.chooseCriterion')}
        {currentCode && <span className="drawer-current"> {currentCode}</span>}
      </button>
      <div className="drawer-backdrop" aria-hidden="true" onClick={close} />
      <div ref={panel} id={id} className="drawer-panel">
        <div className="drawer-head">
          <strong>{t('workspace.criteria')}</strong>
          <button type="button" onClick={close}>
            {t('common.close')}
          </button>
        </div>
        <CriteriaNav
          {...nav}
          onSelect={(criterionId) => {
            nav.onSelect(criterionId);
            if (open) close();
          }}
        />
      </div>
    </div>
  );
}
