import { Fragment, type ReactNode, useEffect, useId, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { format } from '../i18n.ts';
import { saveFile } from '../save-file.ts';
import {
  type ColumnValues,
  type SortBy,
  filterRows,
  nextSort,
  pageOf,
  rowsCsv,
  rowsLines,
  sortRows,
} from '../table-rows.ts';
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
  /** The file's name, without .xlsx or .csv. */
  fileName: string;
  rows: readonly T[];
  columns: readonly Column<T>[];
  rowKey: (row: T) => string;
  /** A test id for each default row. */
  rowTestId?: (row: T) => string;
  /** A class for a default row (a reversed entry drawn muted, say). */
  rowClassName?: (row: T) => string | undefined;
  className?: string;
  /** Draws a row of its own (one with state or actions); by default a cell per column. */
  renderRow?: (row: T) => ReactNode;
  /** A filter box over the rows shown (false where the page searches on the server). */
  filterable?: boolean;
  /** A sort kept elsewhere (the server sorts, the URL keeps it); else the table sorts its rows. */
  sort?: SortBy | null;
  onSort?: (sort: SortBy) => void;
  /**
   * Files the server makes of the whole result (every page of a search paged on the server); they
   * replace the export of the rows at hand, which would be one page only.
   */
  exports?: readonly { label: string; href: string }[];
  /** Rows a page, for a long table at hand (a pager under it); the filter and export take them all. */
  pageSize?: number;
}

/**
 * A table that sorts by a column (press its header), filters its rows by a text and exports what
 * it holds after the filter (every page) as an Excel workbook or a CSV file (UTF-8, for Excel and
 * WPS); a table paged on the server links the server's files of the whole result instead. On a
 * phone it scrolls sideways inside itself.
 */
export function DataTable<T>({
  label,
  fileName,
  rows,
  columns,
  rowKey,
  rowTestId,
  rowClassName,
  className,
  renderRow,
  filterable = true,
  sort: givenSort,
  onSort,
  exports,
  pageSize,
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

  // A new filter or sort starts at the first page.
  const [page, setPage] = useState(1);
  useEffect(() => setPage(1), [filter, sort]);
  const paged = pageSize ? pageOf(shown, page, pageSize) : { rows: shown, page: 1, pages: 1 };

  function downloadCsv() {
    saveFile(new Blob([rowsCsv(shown, columns)], { type: 'text/csv;charset=utf-8' }), `${fileName}.csv`);
  }

  async function downloadXlsx() {
    const XLSX = await import('@e965/xlsx'); // large: loaded when a table is first exported
    const book = XLSX.utils.book_new();
    XLSX.utils.book_append_sheet(
      book,
      XLSX.utils.aoa_to_sheet(rowsLines(shown, columns, { numbers: true })),
      'Sheet1',
    );
    const bytes = XLSX.write(book, { type: 'array', bookType: 'xlsx' }) as ArrayBuffer;
    saveFile(
      new Blob([bytes], { type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' }),
      `${fileName}.xlsx`,
    );
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
        <span className="data-table-exports">
          {exports ? (
            exports.map((e) => (
              <a key={e.href} className="button" href={e.href} download>
                {e.label}
              </a>
            ))
          ) : (
            <>
              <button type="button" onClick={() => void downloadXlsx()}>
                {t('Export (Excel)')}
              </button>
              <button type="button" onClick={downloadCsv}>
                {t('Export (CSV)')}
              </button>
            </>
          )}
        </span>
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
            {paged.rows.map((row) =>
              renderRow ? (
                <Fragment key={rowKey(row)}>{renderRow(row)}</Fragment>
              ) : (
                <tr key={rowKey(row)} data-testid={rowTestId?.(row)} className={rowClassName?.(row)}>
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
      {paged.pages > 1 && (
        <nav className="pager" aria-label={t('Pages of {{table}}', { table: label })}>
          <button type="button" disabled={paged.page <= 1} onClick={() => setPage(paged.page - 1)}>
            {t('Previous page')}
          </button>
          <span>
            {t('Page {{page}} of {{pages}}', {
              page: format.number(paged.page),
              pages: format.number(paged.pages),
            })}
          </span>
          <button type="button" disabled={paged.page >= paged.pages} onClick={() => setPage(paged.page + 1)}>
            {t('Next page')}
          </button>
        </nav>
      )}
    </div>
  );
}
