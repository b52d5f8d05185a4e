// The fields of a listing, as the correction form and the new-listing form both show them. Values
// are sent as typed: the server checks them as it checks an import row and names the field it refuses.
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { CorrectableField } from '../../areas/registry/rules.ts';
import { LIMITS } from '../../shared/limits.ts';
import type { ApiError } from '../api.ts';
import { useGet } from '../use-api.ts';
import { CRIME_CATEGORY_LIST, useLabels } from '../workflow.ts';
import { Req, today } from './form-bits.tsx';
import { FieldError } from './notes.tsx';

export type ListingValues = Record<CorrectableField, string>;

const REQUIRED: ReadonlySet<CorrectableField> = new Set([
  'name',
  'crimeCategory',
  'offence',
  'listingAgency',
  'listedOn',
]);

/** The field names of a listing in the reader's language (also the timeline's words for a correction). */
export function useListingFieldNames(): Record<CorrectableField, string> {
  const { t } = useTranslation();
  return {
    name: t('Name'),
    sex: t('Sex'),
    birthDate: t('Birth date'),
    idNumber: t('ID number'),
    crimeCategory: t('Crime category'),
    offence: t('Offence'),
    caseNo: t('Case number'),
    listingAgency: t('Listing unit'),
    listedOn: t('Listed on'),
  };
}

export function ListingFields({
  values,
  onChange,
  error,
  idPrefix,
}: {
  values: ListingValues;
  onChange: (field: CorrectableField, value: string) => void;
  error: ApiError | undefined;
  idPrefix: string;
}) {
  const { t } = useTranslation();
  const l = useLabels();
  const names = useListingFieldNames();
  const units = useGet('/api/units');
  const control = (field: CorrectableField) => ({
    id: `${idPrefix}-${field}`,
    name: field,
    value: values[field],
    onChange: (e: { target: { value: string } }) => onChange(field, e.target.value),
    'aria-required': REQUIRED.has(field) || undefined,
    'aria-invalid': error?.field === field || undefined,
    'aria-describedby': `${field}-error`,
  });
  const field = (name: CorrectableField, input: ReactNode) => (
    <div className="field" key={name}>
      <span className="label-line">
        <label htmlFor={`${idPrefix}-${name}`}>{names[name]}</label>
        {REQUIRED.has(name) && <Req />}
      </span>
      {input}
      <FieldError error={error} field={name} />
    </div>
  );
  return (
    <>
      {field('name', <input maxLength={LIMITS.name} {...control('name')} />)}
      {field(
        'sex',
        <select {...control('sex')}>
          <option value="">—</option>
          <option value="M">{l.sex.M}</option>
          <option value="F">{l.sex.F}</option>
        </select>,
      )}
      {field('birthDate', <input type="date" max={today()} {...control('birthDate')} />)}
      {field('idNumber', <input className="mono" maxLength={18} {...control('idNumber')} />)}
      {field(
        'crimeCategory',
        <select {...control('crimeCategory')}>
          {CRIME_CATEGORY_LIST.map((c) => (
            <option key={c} value={c}>
              {l.category[c]}
            </option>
          ))}
        </select>,
      )}
      {field('offence', <input maxLength={LIMITS.title} {...control('offence')} />)}
      {field('caseNo', <input maxLength={LIMITS.documentNumber} {...control('caseNo')} />)}
      {field(
        'listingAgency',
        <>
          <input list={`${idPrefix}-units`} maxLength={LIMITS.name} {...control('listingAgency')} />
          <datalist id={`${idPrefix}-units`}>
            {(units.data ?? []).map((u) => (
              <option key={u.code} value={u.code}>
                {u.name}
              </option>
            ))}
          </datalist>
          <span className="muted small">{t("A unit's code or name, or an outside agency's name")}</span>
        </>,
      )}
      {field('listedOn', <input type="date" max={today()} {...control('listedOn')} />)}
    </>
  );
}
