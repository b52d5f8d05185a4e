import { Fragment, type ReactNode, useId, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { format } from '../i18n.ts';
import { type ColumnValues, type SortBy, filterRows, nextSort, rowsCsv, sortRows } from '../table-rows.ts';
import '../data-table.css';

export interface Column<T> extends ColumnValues<T> {
  /** The cell as drawn when it is more than its text (a link, a badge). */
  render?: (row: T) => ReactNode;
  numeric?: boolean;
  /** False for a column the table cannot be sorted by (the server's sorts, actions). */
  sortable?: boolean;
  className?: string;
}

interface Props<T> {
  /** Names the table for screen readers and the exported file. */
  label: string;
  /** The file's name, without .csv. */
  fileName: string;
  rows: readonly T[];
  columns: readonly Column<T>[];
  rowKey: (row: T) => string;
  /** A test id for each default row. */
  rowTestId?: (row: T) => string;
  className?: string;
  /** Draws a row of its own (one with state or actions); by default a cell per column. */
  renderRow?: (row: T) => ReactNode;
  /** A filter box over the rows shown (false where the page searches on the server). */
  filterable?: boolean;
  /** A sort kept elsewhere (the server sorts, the URL keeps it); else the table sorts its rows. */
  sort?: SortBy | null;
  onSort?: (sort: SortBy) => void;
}

/**
 * A table that sorts by a column (press its header), filters its rows by a text and exports what
 * it shows as a CSV file (UTF-8, for Excel and WPS). On a phone it scrolls sideways inside itself.
 */
export function DataTable<T>({
  label,
  fileName,
  rows,
  columns,
  rowKey,
  rowTestId,
  className,
  renderRow,
  filterable = true,
  sort: givenSort,
  onSort,
}: Props<T>) {
  const { t, i18n } = useTranslation();
  const filterId = useId();
  const [ownSort, setOwnSort] = useState<SortBy | null>(null);
  const [filter, setFilter] = useState('');
  const sort = onSort ? (givenSort ?? null) : ownSort;

  const shown = useMemo(() => {
    const kept = filterRows(rows, columns, filter);
    return onSort ? kept : sortRows(kept, columns, sort, i18n.language);
  }, [rows, columns, filter, sort, onSort, i18n.language]);

  function press(key: string) {
    const next = nextSort(sort, key);
    if (onSort) onSort(next);
    else setOwnSort(next);
  }

  function download() {
    const url = URL.createObjectURL(new Blob([rowsCsv(shown, columns)], { type: 'text/csv;charset=utf-8' }));
    const a = document.createElement('a');
    a.href = url;
    a.download = `${fileName}.csv`;
    a.click();
    URL.revokeObjectURL(url);
  }

  return (
    <div className="data-table">
      <div className="data-table-tools">
        {filterable && (
          <label htmlFor={filterId}>
            {t('Filter')}
            <input
              id={filterId}
              type="search"
              value={filter}
              onChange={(e) => setFilter(e.target.value)}
              aria-controls={`${filterId}-table`}
            />
          </label>
        )}
        {filterable && filter.trim() !== '' && (
          <span className="muted small" role="status">
            {t('{{n}} of {{total}} rows', {
              n: format.number(shown.length),
              total: format.number(rows.length),
            })}
          </span>
        )}
        <button type="button" onClick={download}>
          {t('Export (CSV)')}
        </button>
      </div>
      <div className="table-scroll">
        <table className={className} id={`${filterId}-table`} aria-label={label}>
          <thead>
            <tr>
              {columns.map((c) => {
                const on = sort?.key === c.key ? sort.direction : undefined;
                return (
                  <th
                    key={c.key}
                    scope="col"
                    className={c.numeric ? 'num' : undefined}
                    aria-sort={on === 'asc' ? 'ascending' : on === 'desc' ? 'descending' : undefined}
                  >
                    {c.sortable === false ? (
                      c.header
                    ) : (
                      <button type="button" className="sort" onClick={() => press(c.key)}>
                        {c.header}
                        <span aria-hidden="true" className="sort-mark">
                          {on === 'asc' ? ' ▲' : on === 'desc' ? ' ▼' : ' ↕'}
                        </span>
                      </button>
                    )}
                  </th>
                );
              })}
            </tr>
          </thead>
          <tbody>
            {shown.map((row) =>
              renderRow ? (
                <Fragment key={rowKey(row)}>{renderRow(row)}</Fragment>
              ) : (
                <tr key={rowKey(row)} data-testid={rowTestId?.(row)}>
                  {columns.map((c) => (
                    <td
                      key={c.key}
                      data-label={c.header}
                      className={[c.numeric ? 'num' : '', c.className ?? ''].join(' ').trim() || undefined}
                    >
                      {c.render ? c.render(row) : (c.text?.(row) ?? c.value(row) ?? '—')}
                    </td>
                  ))}
                </tr>
              ),
            )}
          </tbody>
        </table>
      </div>
      {shown.length === 0 && rows.length > 0 && <p className="muted">{t('No row matches the filter.')}</p>}
    </div>
  );
}
