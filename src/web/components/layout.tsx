import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { NavLink } from 'react-router';
import { type Language, setLanguage } from '../i18n.ts';
import { useSession } from '../session.tsx';

/** Header with the sections, the language switch and the account menu; the page below. */
export function Layout({ children }: { children: ReactNode }) {
  const { t, i18n } = useTranslation();
  const { user, signOut, hasRole } = useSession();
  const links: [string, string, boolean][] = [
    ['/', t('Dashboard'), true],
    ['/registry', t('Registry'), true],
    ['/queue', t('Verification queue'), hasRole('inspector', 'officer', 'leader', 'commander', 'admin')],
    ['/integrity', t('Integrity of results'), hasRole('inspector', 'commander')],
    ['/leaders', t('Leaders'), true],
    ['/letters', t('Responsibility letters'), true],
    ['/publicity', t('Publicity'), true],
    ['/tips', t('Tips'), hasRole('officer', 'leader', 'commander')],
    ['/bulletins', t('Bulletins'), true],
    ['/ledger', t('Reward ledger'), true],
    ['/sanctions', t('Sanctions'), true],
    ['/supervision', t('Supervision'), true],
    ['/assessment', t('Year-end assessment'), true],
    ['/import', t('Import'), hasRole('admin', 'commander')],
  ];
  return (
    <>
      <header className="top">
        <span className="brand">{t('Qingwang')}</span>
        <nav aria-label={t('Sections')}>
          {links
            .filter(([, , visible]) => visible)
            .map(([to, label]) => (
              <NavLink key={to} to={to} end={to === '/'}>
                {label}
              </NavLink>
            ))}
        </nav>
        <div className="account">
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
          <span className="who">
            {user?.displayName} · {user?.unit.name}
          </span>
          <button type="button" onClick={() => void signOut()}>
            {t('Sign out')}
          </button>
        </div>
      </header>
      <main>{children}</main>
    </>
  );
}
