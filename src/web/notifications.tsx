// The signed-in user's notifications, loaded once for the header's bell and the notifications page,
// so that marking one read on the page lowers the bell's count at once; loaded again every few
// minutes (each load works the reminders out on the server: not on every navigation).
import { type ReactNode, createContext, useContext, useEffect } from 'react';
import type { AnswerOf, ApiError } from './api.ts';
import { useGet } from './use-api.ts';

export type Notification = AnswerOf<'/api/notifications'>['items'][number];

const REFRESH_MS = 5 * 60_000;

interface NotificationsState {
  data: AnswerOf<'/api/notifications'> | undefined;
  error: ApiError | undefined;
  loading: boolean;
  reload: () => void;
}

const NotificationsContext = createContext<NotificationsState | null>(null);

export function NotificationsProvider({ children }: { children: ReactNode }) {
  const state = useGet('/api/notifications');
  const { reload } = state;
  useEffect(() => {
    const timer = setInterval(reload, REFRESH_MS);
    return () => clearInterval(timer);
  }, [reload]);
  return <NotificationsContext.Provider value={state}>{children}</NotificationsContext.Provider>;
}

export function useNotifications(): NotificationsState {
  const state = useContext(NotificationsContext);
  if (!state) throw new Error('useNotifications outside NotificationsProvider');
  return state;
}

/** Where the reader acts on a notification: the case, the tip, or the section that lists the item. */
export function notificationLink(n: Pick<Notification, 'kind' | 'params'>): string {
  const listing = (no: unknown) => `/fugitives/${encodeURIComponent(String(no))}`;
  switch (n.kind) {
    case 'claim_to_verify':
      return '/queue';
    case 'claim_to_approve':
    case 'claim_rejected':
    case 'four_ones_gap':
      return listing(n.params.listingNo);
    case 'tip_unhandled':
      return `/tips/${String(n.params.tip)}`;
    case 'review_due':
      return '/reviews';
    case 'sanction_due':
      return '/sanctions';
    case 'rectification_due':
      return '/rectification';
    case 'task_due':
      return '/meetings';
    case 'letter_unsigned':
      return '/letters';
    case 'return_missing':
      return '/returns';
  }
}
