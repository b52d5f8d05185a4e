import { type ReactNode, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { NavLink, useLocation } from 'react-router';
import { type Language, setLanguage } from '../i18n.ts';
import { NotificationsProvider } from '../notifications.tsx';
import { useSession } from '../session.tsx';
import { NotificationBell } from './notification-bell.tsx';

type Link = { to: string; label: string; visible: boolean };
type Entry = Link | { group: string; links: Link[] };

/**
 * Header with the sections (the daily ones in view, the others in two menus), the language switch
 * the bell of notifications and the account menu; the page below.
 */
export function Layout({ children }: { children: ReactNode }) {
  const { t, i18n } = useTranslation();
  const { user, signOut, hasRole } = useSession();
  const { pathname } = useLocation();
  // On a phone the sections and the account fold behind one menu button; a new page folds them again.
  const [open, setOpen] = useState(false);
  useEffect(() => setOpen(false), [pathname]);
  const link = (to: string, label: string, visible = true): Link => ({ to, label, visible });
  const entries: Entry[] = [
    link('/', t('Dashboard')),
    link('/registry', t('Registry')),
    link('/queue', t('Verification queue'), hasRole('inspector', 'officer', 'leader', 'commander', 'admin')),
    link('/leaders', t('Leaders')),
    link('/letters', t('Responsibility letters')),
    link('/bulletins', t('Bulletins')),
    link('/returns', t('Returns'), hasRole('leader', 'commander', 'inspector')),
    {
      group: t('Publicity and tips'),
      links: [
        link('/publicity', t('Publicity')),
        link('/tips', t('Tips'), hasRole('officer', 'leader', 'commander')),
      ],
    },
    {
      group: t('Supervision and accountability'),
      links: [
        link('/integrity', t('Integrity of results'), hasRole('inspector', 'commander')),
        link('/person-matches', t('Suggested matches'), hasRole('inspector', 'commander')),
        link('/reconciliation', t('Reconciliation with the national list'), hasRole('commander')),
        link('/supervision', t('Supervision')),
        link('/rectification', t('Rectification'), hasRole('inspector', 'officer', 'leader', 'commander')),
        link('/reviews', t('Reviews')),
        link('/meetings', t('Meetings')),
        link('/guidance', t('Guidance of liaison units')),
        link('/sanctions', t('Sanctions')),
        link('/ledger', t('Reward ledger')),
        link('/merits', t("Officers' merits"), hasRole('inspector', 'officer', 'leader', 'commander')),
        link('/assessment', t('Year-end assessment')),
      ],
    },
    link('/import', t('Import'), hasRole('admin', 'commander')),
    link('/service-accounts', t('Service accounts'), hasRole('admin')),
  ];
  return (
    <NotificationsProvider>
      <a className="skip-link" href="#main">
        {t('Skip to the content')}
      </a>
      <header className={open ? 'top open' : 'top'}>
        <span className="brand">{t('Qingwang')}</span>
        <button
          type="button"
          className="menu-toggle"
          aria-expanded={open}
          aria-controls="sections account"
          onClick={() => setOpen(!open)}
        >
          {t('Menu')}
        </button>
        <nav id="sections" aria-label={t('Sections')}>
          {entries.map((e) =>
            'group' in e ? (
              <NavMenu key={e.group} label={e.group} links={e.links.filter((l) => l.visible)} />
            ) : (
              e.visible && (
                <NavLink key={e.to} to={e.to} end={e.to === '/'}>
                  {e.label}
                </NavLink>
              )
            ),
          )}
        </nav>
        <div className="account" id="account">
          <NotificationBell />
          <label>
            <span className="sr-only">{t('Language')}</span>
            <select
              value={i18n.language}
              onChange={(e) => setLanguage(e.target.value as Language)}
              aria-label={t('Language')}
            >
              <option value="zh-CN">中文</option>
              <option value="en">English</option>
            </select>
          </label>
          <NavLink to="/account" className="who" title={t('Your account settings')}>
            {user?.displayName} · {user?.unit.name}
          </NavLink>
          <button type="button" onClick={() => void signOut()}>
            {t('Sign out')}
          </button>
        </div>
      </header>
      <main id="main" tabIndex={-1}>
        {children}
      </main>
    </NotificationsProvider>
  );
}

/** A menu of sections (a native disclosure: works with the keyboard); closes once one is chosen. */
function NavMenu({ label, links }: { label: string; links: Link[] }) {
  const menu = useRef<HTMLDetailsElement>(null);
  const { pathname } = useLocation();
  // A click anywhere else closes the menu, as menus do.
  useEffect(() => {
    const close = (e: MouseEvent) => {
      if (menu.current && !menu.current.contains(e.target as Node)) menu.current.removeAttribute('open');
    };
    document.addEventListener('click', close);
    return () => document.removeEventListener('click', close);
  }, []);
  if (links.length === 0) return null;
  const current = links.some((l) => pathname.startsWith(l.to));
  return (
    <details className="nav-menu" ref={menu}>
      <summary className={current ? 'active' : undefined}>{label}</summary>
      <div className="nav-menu-items">
        {links.map((l) => (
          <NavLink key={l.to} to={l.to} onClick={() => menu.current?.removeAttribute('open')}>
            {l.label}
          </NavLink>
        ))}
      </div>
    </details>
  );
}
