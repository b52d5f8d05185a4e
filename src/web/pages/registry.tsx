import { type FormEvent, useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { LIMITS } from '../../shared/limits.ts';
import { Link, useSearchParams } from 'react-router';
import type { FugitiveSummary } from '../../areas/registry/schema.ts';
import type { QueryOf } from '../api.ts';
import { type Column, DataTable } from '../components/data-table.tsx';
import type { SortBy } from '../table-rows.ts';
import { ErrorNote, FieldError, Loading } from '../components/notes.tsx';
import { WithdrawalsWaiting } from '../components/withdraw-listing.tsx';
import { format } from '../i18n.ts';
import { useSession } from '../session.tsx';
import { useGet } from '../use-api.ts';
import { CRIME_CATEGORY_LIST, indented, unitTree, useLabels } from '../workflow.ts';
import '../workflow.css';

const PAGE_SIZE = 50;
const FILTERS = ['unit', 'category', 'status', 'origin', 'published', 'listedFrom', 'listedTo'] as const;
type Search = QueryOf<'/api/fugitives'>;
type Sort = NonNullable<Search['sort']>;
const DEFAULT_SORT: Sort = '-listedOn';

/**
 * Registry search. Everything that shapes the result lives in the URL's query string, so a search
 * can be bookmarked and shared, and Back returns to the previous one.
 */
export function RegistryPage() {
  const { t, i18n } = useTranslation();
  const l = useLabels();
  const { user, hasRole } = useSession();
  const [params, setParams] = useSearchParams();
  const value = (k: string) => params.get(k) ?? '';
  const page = Math.max(1, Math.floor(Number(params.get('page'))) || 1);
  const sort = (params.get('sort') as Sort | null) ?? DEFAULT_SORT;

  // The search box is applied on submit; it follows the URL when Back changes it.
  const [text, setText] = useState(value('q'));
  const urlText = value('q');
  useEffect(() => setText(urlText), [urlText]);

  // The URL's words as the route takes them (the server refuses what is not one of its values).
  const given = (k: string) => params.get(k) || undefined;
  const asked: Search = {
    q: given('q'),
    unit: given('unit'),
    category: given('category') as Search['category'],
    status: given('status') as Search['status'],
    origin: given('origin') as Search['origin'],
    published: given('published') as Search['published'],
    listedFrom: given('listedFrom'),
    listedTo: given('listedTo'),
    sort: given('sort') as Sort | undefined,
    page,
    pageSize: PAGE_SIZE,
  };
  const { data, error, loading } = useGet('/api/fugitives', { params: { query: asked } });
  const units = useGet('/api/units');
  const unitOptions = units.data ? unitTree(units.data, user?.unit.code) : [];

  /** A new URL with these changes; any change of the search starts again at page 1. */
  function update(changes: Record<string, string | number | null>) {
    // The address as it is now, not as this render saw it: two filters changed in quick succession
    // must both stay (the second change may come before the first has rendered).
    const next = new URLSearchParams(window.location.search);
    if (!('page' in changes)) next.delete('page');
    for (const [k, v] of Object.entries(changes)) {
      if (v === null || v === '' || (k === 'page' && v === 1) || (k === 'sort' && v === DEFAULT_SORT))
        next.delete(k);
      else next.set(k, String(v));
    }
    setParams(next);
  }

  function search(e: FormEvent) {
    e.preventDefault();
    update({ q: text.trim() });
  }

  const columns = useMemo(
    (): Column<FugitiveSummary>[] => [
      {
        key: 'listingNo',
        header: t('Listing number'),
        value: (f) => f.listingNo,
        render: (f) => <Link to={`/fugitives/${encodeURIComponent(f.listingNo)}`}>{f.listingNo}</Link>,
        className: 'nowrap',
      },
      { key: 'name', header: t('Name'), value: (f) => f.name, className: 'nowrap' },
      { key: 'sex', header: t('Sex'), value: (f) => (f.sex ? l.sex[f.sex] : null), sortable: false },
      {
        key: 'idNumber',
        header: t('ID number'),
        value: (f) => f.idNumber,
        className: 'mono',
        sortable: false,
      },
      {
        key: 'category',
        header: t('Crime category'),
        value: (f) => l.category[f.crimeCategory],
        sortable: false,
      },
      { key: 'offence', header: t('Offence'), value: (f) => f.offence, sortable: false },
      {
        key: 'unit',
        header: t('Listing unit'),
        value: (f) => f.listingUnit?.name ?? f.listingAgency,
        text: (f) => f.listingUnit?.name ?? `${f.listingAgency} (${t('Remote')})`,
        render: (f) =>
          f.listingUnit ? (
            f.listingUnit.name
          ) : (
            <>
              {f.listingAgency} <span className="badge none">{t('Remote')}</span>
            </>
          ),
        sortable: false,
      },
      {
        key: 'listedOn',
        header: t('Listed on'),
        value: (f) => f.listedOn,
        text: (f) => format.date(f.listedOn),
        className: 'nowrap',
      },
      {
        key: 'published',
        header: t('Published'),
        value: (f) => (f.published ? t('Yes') : t('No')),
        sortable: false,
      },
      {
        key: 'status',
        header: t('Status'),
        value: (f) => l.fugitiveStatus[f.status],
        text: (f) => l.fugitiveStatus[f.status] + (f.exit ? ` ${format.date(f.exit.on)}` : ''),
        render: (f) => (
          <>
            <span className={`badge ${f.status === 'active' ? 'lagging' : 'onTrack'}`}>
              {l.fugitiveStatus[f.status]}
            </span>
            {f.exit && <span className="muted small"> {format.date(f.exit.on)}</span>}
          </>
        ),
        sortable: false,
      },
    ],
    [t, l],
  );
  /** The roster (在逃人员名单) of the search as it stands, in the import template's columns. */
  function rosterHref(format: 'xlsx' | 'csv'): string {
    const query = new URLSearchParams();
    for (const k of ['q', ...FILTERS]) if (params.get(k)) query.set(k, params.get(k)!);
    query.set('format', format);
    query.set('lang', i18n.language === 'en' ? 'en' : 'zh-CN');
    return `/api/roster?${query.toString()}`;
  }

  const pages = data ? Math.max(1, Math.ceil(data.total / PAGE_SIZE)) : 1;
  const filtered = FILTERS.some((k) => params.has(k)) || params.has('q');
  // The server sorts (the whole result, not one page): by listing number, name or listing date.
  const sortBy: SortBy = sort.startsWith('-')
    ? { key: sort.slice(1), direction: 'desc' }
    : { key: sort, direction: 'asc' };

  return (
    <div className="registry">
      <div className="page-head">
        <h1>{t('Registry of wanted persons')}</h1>
        <div className="actions">
          {/* A withdrawn listing (entered by mistake) is in no roster. */}
          {value('status') !== 'withdrawn' && (
            <>
              <a href={rosterHref('xlsx')} className="button" download data-testid="roster-xlsx">
                {t('Export the roster (.xlsx)')}
              </a>
              <a href={rosterHref('csv')} className="button" download data-testid="roster-csv">
                {t('Export the roster (CSV)')}
              </a>
            </>
          )}
          {hasRole('officer', 'leader', 'commander') && (
            <Link to="/registry/new" className="button primary">
              {t('Enter a new listing')}
            </Link>
          )}
        </div>
      </div>
      {hasRole('commander') && <WithdrawalsWaiting />}
      <section className="panel">
        <form
          role="search"
          className="filters search-line"
          onSubmit={search}
          aria-label={t('Search the registry')}
        >
          <div className="filter grow">
            <label htmlFor="registry-q">{t('Listing number, ID number or name')}</label>
            <input
              id="registry-q"
              type="search"
              name="q"
              value={text}
              maxLength={LIMITS.name}
              onChange={(e) => setText(e.target.value)}
              aria-describedby="q-error"
            />
          </div>
          <button type="submit" className="primary">
            {t('Search')}
          </button>
          {filtered && (
            <button type="button" onClick={() => setParams(new URLSearchParams())}>
              {t('Clear all filters')}
            </button>
          )}
        </form>
        <FieldError error={error} field="q" />
        <div className="filters" role="group" aria-label={t('Filters')}>
          <div className="filter">
            <label htmlFor="registry-unit">{t('Listing unit')}</label>
            <select
              id="registry-unit"
              name="unit"
              value={value('unit')}
              onChange={(e) => update({ unit: e.target.value })}
              aria-describedby="unit-error"
            >
              <option value="">{t('All my units')}</option>
              {unitOptions.map(({ unit, depth }) => (
                <option key={unit.code} value={unit.code}>
                  {indented(unit.name, depth)}
                </option>
              ))}
              {value('unit') && !unitOptions.some((o) => o.unit.code === value('unit')) && (
                <option value={value('unit')}>{value('unit')}</option>
              )}
            </select>
          </div>
          <div className="filter">
            <label htmlFor="registry-category">{t('Crime category')}</label>
            <select
              id="registry-category"
              name="category"
              value={value('category')}
              onChange={(e) => update({ category: e.target.value })}
            >
              <option value="">{t('All categories')}</option>
              {CRIME_CATEGORY_LIST.map((c) => (
                <option key={c} value={c}>
                  {l.category[c]}
                </option>
              ))}
            </select>
          </div>
          <div className="filter">
            <label htmlFor="registry-status">{t('Status')}</label>
            <select
              id="registry-status"
              name="status"
              value={value('status')}
              onChange={(e) => update({ status: e.target.value })}
            >
              <option value="">{t('Any status')}</option>
              <option value="active">{l.fugitiveStatus.active}</option>
              <option value="cleared">{l.fugitiveStatus.cleared}</option>
              <option value="withdrawn">{l.fugitiveStatus.withdrawn}</option>
            </select>
          </div>
          <div className="filter">
            <label htmlFor="registry-origin">{t('Origin')}</label>
            <select
              id="registry-origin"
              name="origin"
              value={value('origin')}
              onChange={(e) => update({ origin: e.target.value })}
            >
              <option value="">{t('Local and remote')}</option>
              <option value="local">{t('Local (listed by our units)')}</option>
              <option value="remote">{t('Remote (listed elsewhere)')}</option>
            </select>
          </div>
          <div className="filter">
            <label htmlFor="registry-published">{t('Published')}</label>
            <select
              id="registry-published"
              name="published"
              value={value('published')}
              onChange={(e) => update({ published: e.target.value })}
            >
              <option value="">{t('Published or not')}</option>
              <option value="true">{t('Published')}</option>
              <option value="false">{t('Not published')}</option>
            </select>
          </div>
          <div className="filter">
            <label htmlFor="registry-listedFrom">{t('Listed from')}</label>
            <input
              id="registry-listedFrom"
              type="date"
              name="listedFrom"
              value={value('listedFrom')}
              max={value('listedTo') || undefined}
              onChange={(e) => update({ listedFrom: e.target.value })}
              aria-describedby="listedFrom-error"
            />
          </div>
          <div className="filter">
            <label htmlFor="registry-listedTo">{t('Listed to')}</label>
            <input
              id="registry-listedTo"
              type="date"
              name="listedTo"
              value={value('listedTo')}
              min={value('listedFrom') || undefined}
              onChange={(e) => update({ listedTo: e.target.value })}
              aria-describedby="listedTo-error"
            />
          </div>
          <div className="filter">
            <label htmlFor="registry-sort">{t('Sort by')}</label>
            <select
              id="registry-sort"
              name="sort"
              value={sort}
              onChange={(e) => update({ sort: e.target.value })}
            >
              <option value="-listedOn">{t('Listed date, newest first')}</option>
              <option value="listedOn">{t('Listed date, oldest first')}</option>
              <option value="listingNo">{t('Listing number, ascending')}</option>
              <option value="-listingNo">{t('Listing number, descending')}</option>
              <option value="name">{t('Name')}</option>
              <option value="-name">{t('Name, descending')}</option>
            </select>
          </div>
        </div>
        <FieldError error={error} field="unit" />
        <FieldError error={error} field="listedFrom" />
        <FieldError error={error} field="listedTo" />
      </section>

      {error && !error.field && <ErrorNote error={error} />}
      {!data && !error && <Loading />}
      {data && (
        <section className="panel" aria-busy={loading} aria-labelledby="registry-result">
          <h2 id="registry-result" aria-live="polite">
            {t('Persons found: {{n}}', { n: format.number(data.total) })}
          </h2>
          {data.items.length === 0 ? (
            <p className="muted">{t('No one matches this search.')}</p>
          ) : (
            <DataTable
              label={t('Registry of wanted persons')}
              fileName={t('Registry of wanted persons')}
              rows={data.items}
              columns={columns}
              rowKey={(f) => f.listingNo}
              rowTestId={(f) => `fugitive-${f.listingNo}`}
              filterable={false}
              // The roster buttons above export the whole search; the table's rows are one page of it.
              exports={[]}
              sort={sortBy}
              onSort={(s) => update({ sort: s.direction === 'desc' ? `-${s.key}` : s.key })}
            />
          )}
          <nav className="pager" aria-label={t('Pages')}>
            <button type="button" disabled={page <= 1} onClick={() => update({ page: page - 1 })}>
              {t('Previous page')}
            </button>
            <span>
              {t('Page {{page}} of {{pages}}', { page: format.number(page), pages: format.number(pages) })}
            </span>
            <button type="button" disabled={page >= pages} onClick={() => update({ page: page + 1 })}>
              {t('Next page')}
            </button>
          </nav>
        </section>
      )}
    </div>
  );
}
