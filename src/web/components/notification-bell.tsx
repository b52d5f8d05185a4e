import { useTranslation } from 'react-i18next';
import { NavLink } from 'react-router';
import { format } from '../i18n.ts';
import { useNotifications } from '../notifications.tsx';

/** The header's bell: a link to the notifications page with the count of unread ones. */
export function NotificationBell() {
  const { t } = useTranslation();
  const { data } = useNotifications();
  const unread = data?.unread ?? 0;
  const label =
    unread > 0 ? t('Notifications: {{n}} unread', { n: format.number(unread) }) : t('Notifications');
  return (
    <NavLink to="/notifications" className="bell" aria-label={label} title={label}>
      <svg viewBox="0 0 24 24" width="20" height="20" aria-hidden="true" focusable="false">
        <path
          fill="currentColor"
          d="M12 22a2.5 2.5 0 0 0 2.45-2h-4.9A2.5 2.5 0 0 0 12 22Zm7-6V11a7 7 0 0 0-5.5-6.84V3.5a1.5 1.5 0 0 0-3 0v.66A7 7 0 0 0 5 11v5l-2 2v1h18v-1l-2-2Z"
        />
      </svg>
      {unread > 0 && (
        <span className="bell-count" aria-hidden="true" data-testid="bell-count">
          {unread > 99 ? '99+' : unread}
        </span>
      )}
    </NavLink>
  );
}
