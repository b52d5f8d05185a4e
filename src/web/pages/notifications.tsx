import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { reminderMessage } from '../../areas/reminders/messages.ts';
import { client, ok } from '../api.ts';
import { ErrorNote, Loading } from '../components/notes.tsx';
import { format, type Language } from '../i18n.ts';
import { type Notification, notificationLink, useNotifications } from '../notifications.tsx';
import { useAction } from '../use-action.ts';

/**
 * The notification centre: what needs the reader (worked out by the server's reminder rules),
 * newest first, unread ones marked; open the item, mark one read, or all of them.
 */
export function NotificationsPage() {
  const { t, i18n } = useTranslation();
  const { data, error, loading, reload } = useNotifications();
  const action = useAction();
  const [unreadOnly, setUnreadOnly] = useState(false);

  if (error) return <ErrorNote error={error} />;
  if (!data) return <Loading />;
  const lang = i18n.language as Language;
  // The server lists them newest first.
  const items = data.items.filter((n) => !unreadOnly || !n.read);

  const markRead = (n: Notification) =>
    action.run(async () => {
      await ok(client.POST('/api/notifications/{id}/read', { params: { path: { id: n.id } } }));
      reload();
    });
  const markAll = () =>
    action.run(async () => {
      await ok(client.POST('/api/notifications/read'));
      reload();
    });

  return (
    <div aria-busy={loading || action.busy}>
      <div className="page-head">
        <h1>{t('Notifications')}</h1>
        <div className="actions">
          <label>
            <input type="checkbox" checked={unreadOnly} onChange={(e) => setUnreadOnly(e.target.checked)} />{' '}
            {t('Unread only')}
          </label>
          <button type="button" onClick={() => void markAll()} disabled={action.busy || data.unread === 0}>
            {t('Mark all read')}
          </button>
        </div>
      </div>
      <p className="muted" role="status">
        {t('{{unread}} unread of {{total}}', {
          unread: format.number(data.unread),
          total: format.number(data.items.length),
        })}
      </p>
      <ErrorNote error={action.error} />
      {items.length === 0 ? (
        <p className="muted">{t('Nothing needs you now.')}</p>
      ) : (
        <ul className="notifications">
          {items.map((n) => (
            <li key={n.id} className={n.read ? 'read' : 'unread'} data-kind={n.kind}>
              <span className="badge">{n.read ? t('Read') : t('Unread')}</span>
              <div className="notification-text">
                <Link to={notificationLink(n)}>{reminderMessage(n, lang)}</Link>
                <div className="muted">{t('Since {{when}}', { when: format.dateTime(n.firstSeenAt) })}</div>
              </div>
              {!n.read && (
                <button type="button" onClick={() => void markRead(n)} disabled={action.busy}>
                  {t('Mark read')}
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
