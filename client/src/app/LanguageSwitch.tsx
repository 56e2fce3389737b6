import { useI18n } from '../i18n';
import { LANGS } from '../i18n/dictionary';

/** Tiếng Việt | English: one click, remembered in this browser. */
export function LanguageSwitch() {
  const { lang, setLang, t } = useI18n();
  return (
    <div className="lang-switch" role="group" aria-label={t('lang.choose')}>
      {LANGS.map((l) => (
        <button key={l} type="button" className={l === lang ? 'active' : ''} aria-pressed={l === lang} onClick={() => setLang(l)} lang={l}>
          {l === 'vi' ? 'VI' : 'EN'}
        </button>
      ))}
    </div>
  );
}
