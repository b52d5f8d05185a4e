import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { LIMITS } from '../../shared/limits.ts';
import { type AnswerOf, type BodyOf, client, ok } from '../api.ts';
import { formText } from '../practices.ts';
import { useAction } from '../use-action.ts';
import { useGet } from '../use-api.ts';
import { ErrorNote } from './notes.tsx';

type Name = keyof AnswerOf<'/api/campaigns/{campaign}/document-settings'>['effective'];

/** The settings in the order a document prints them. */
const NAMES: Name[] = [
  'authority',
  'prefix',
  'issuer',
  'recipients',
  'copiesTo',
  'printedBy',
  'noticeIssuers',
];

/**
 * What the campaign's official documents (bulletins, letters, the notice) print. Commanders set it;
 * an empty field returns to the default shown as its placeholder.
 */
export function DocumentSettingsPanel({ campaign, editable }: { campaign: string; editable: boolean }) {
  const { t } = useTranslation();
  const path = { campaign };
  const settings = useGet('/api/campaigns/{campaign}/document-settings', { params: { path } });
  const { busy, error, run } = useAction();
  const [saved, setSaved] = useState(false);
  const labels: Record<Name, string> = {
    authority: t('Issuing authority (发文机关)'),
    prefix: t('Document number prefix (机关代字)'),
    issuer: t('Issuer (签发人)'),
    recipients: t('Recipients (主送)'),
    copiesTo: t('Copies to (抄送)'),
    printedBy: t('Printed by (印发机关)'),
    noticeIssuers: t("Surrender notice's issuing bodies, separated by 、"),
  };
  if (!settings.data) return <ErrorNote error={settings.error} />;
  const { stored, effective } = settings.data;

  async function save(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    setSaved(false);
    const form = new FormData(e.currentTarget);
    const body = Object.fromEntries(NAMES.map((name) => [name, formText(form, name)])) as BodyOf<
      '/api/campaigns/{campaign}/document-settings',
      'put'
    >;
    if (
      await run(() =>
        ok(client.PUT('/api/campaigns/{campaign}/document-settings', { params: { path }, body })),
      )
    ) {
      setSaved(true);
      settings.reload();
    }
  }
  return (
    <section className="panel">
      <h2>{t('Official documents')}</h2>
      <ErrorNote error={error} />
      <form className="stack" onSubmit={(e) => void save(e)} key={JSON.stringify(stored)}>
        {NAMES.map((name) => (
          <label key={name}>
            {labels[name]}
            <input
              name={name}
              maxLength={LIMITS.name}
              defaultValue={stored[name] ?? ''}
              placeholder={effective[name] ?? t('(none)')}
              disabled={!editable}
            />
          </label>
        ))}
        {editable && (
          <div className="actions">
            <button type="submit" className="primary" disabled={busy}>
              {t('Save')}
            </button>
            {saved && <span role="status">{t('Saved: the next documents print these settings.')}</span>}
          </div>
        )}
      </form>
    </section>
  );
}
