import { useI18n } from '../../i18n';
import type { PresentMember } from './usePresence';

const COLORS = ['#0f766e', '#b45309', '#7c3aed', '#be123c', '#1d4ed8', '#4d7c0f', '#a21caf', '#0e7490'];

export function initials(name: string): string {
  const words = name.trim().split(/\s+/).filter(Boolean);
  if (!words.length) return '?';
  // Vietnamese names end with the given name: "Lê Minh Tuấn" → "LT"
  const first = words[0][0];
  const last = words.length > 1 ? words[words.length - 1][0] : '';
  return (first + last).toUpperCase();
}

export function colorOf(id: string): string {
  let h = 0;
  for (const ch of id) h = (h * 31 + ch.charCodeAt(0)) >>> 0;
  return COLORS[h % COLORS.length];
}

/** Round badges for the people present (optionally only those on one criterion). */
export function Avatars({ members, meId, where }: { members: PresentMember[]; meId?: string; where?: (criterionId: string | null) => string | null }) {
  const { t } = useI18n();
  if (!members.length) return null;
  return (
    <ul className="avatars" aria-label={t('presence.label')}>
      {members.map((m) => {
        const place = where?.(m.criterionId) ?? null;
        const label = `${m.name}${m.userId === meId ? ` (${t('presence.you')})` : ''}${place ? ` · ${place}` : ''}`;
        return (
          <li key={`${m.userId}:${m.criterionId}`} className="avatar" style={{ background: colorOf(m.userId) }} title={label} aria-label={label} data-testid="avatar">
            {initials(m.name)}
          </li>
        );
      })}
    </ul>
  );
}
