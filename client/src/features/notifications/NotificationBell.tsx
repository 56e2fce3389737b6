import { useMutation, useQuery, useSubscription } from '@apollo/client/react';
import { useEffect, useId, useRef, useState } from 'react';
import { Link } from '../../app/router';
import { useI18n } from '../../i18n';
import { MarkNotificationsReadMutation, NotificationAddedSubscription, NotificationsQuery } from './documents';

/**
 * The notification centre: a bell with the unread count, fed live (notificationAdded), opening a
 * list of the newest notifications with "mark all read". Keyboard: Enter/Space opens, Escape closes.
 */
export function NotificationBell() {
  const { t, fmt } = useI18n();
  const [open, setOpen] = useState(false);
  const panelId = useId();
  const button = useRef<HTMLButtonElement>(null);
  const { data, refetch } = useQuery(NotificationsQuery, { variables: { first: 20 }, fetchPolicy: 'cache-and-network' });
  const [markRead, marking] = useMutation(MarkNotificationsReadMutation);
  // a new notification: the list and the count are fetched again (one small query)
  const live = useSubscription(NotificationAddedSubscription);
  useEffect(() => {
    if (live.data) void refetch();
  }, [live.data, refetch]);

  const list = data?.notifications;
  const unread = list?.unreadCount ?? 0;
  const close = () => {
    setOpen(false);
    button.current?.focus();
  };
  const mark = async (ids: string[] | null) => {
    await markRead({ variables: ids ? { ids } : { all: true } }).catch(() => undefined);
    await refetch();
  };

  return (
    <div className="bell" onKeyDown={(e) => e.key === 'Escape' && open && close()}>
      <button
        ref={button}
        type="button"
        className="bell-button"
        aria-expanded={open}
        aria-controls={panelId}
        aria-label={t('notifications.bell', { count: unread })}
        data-testid="bell"
        onClick={() => setOpen(!open)}
      >
        <span aria-hidden="true">🔔</span>
        {unread > 0 && (
          <span className="bell-count" data-testid="bell-count">
            {unread > 99 ? '99+' : fmt.int(unread)}
          </span>
        )}
      </button>
      {open && (
        <section id={panelId} className="bell-panel card" aria-label={t('notifications.title')} data-testid="bell-panel">
          <header className="bell-head">
            <h2>{t('notifications.title')}</h2>
            <button type="button" disabled={unread === 0 || marking.loading} onClick={() => void mark(null)}>
              {t('notifications.markAll')}
            </button>
          </header>
          {!list?.edges.length ? (
            <p className="muted">{t('notifications.empty')}</p>
          ) : (
            <ul className="bell-list">
              {list.edges.map(({ node: n }) => (
                <li key={n.id} className={n.readAt ? 'read' : 'unread'} data-kind={n.kind}>
                  {n.link ? (
                    <Link to={n.link} onClick={() => (setOpen(false), void (n.readAt ? undefined : mark([n.id])))}>
                      <strong>{n.title}</strong>
                    </Link>
                  ) : (
                    <strong>{n.title}</strong>
                  )}
                  <p className="small">{n.body}</p>
                  <p className="muted small">{fmt.dateTime(n.createdAt)}</p>
                </li>
              ))}
            </ul>
          )}
          <p className="small">
            <Link to="/notifications/settings" onClick={() => setOpen(false)}>
              {t('notifications.settings')}
            </Link>
          </p>
        </section>
      )}
    </div>
  );
}
