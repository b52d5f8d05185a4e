// Shared by the meetings, guidance, rectification, merits and tip pages: the names of their values
// and the API's refusals, in the reader's language (the server speaks English and a stable code).
import type { TFunction } from 'i18next';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { MeetingKind } from '../areas/meetings/rules.ts';
import type { TaskStatus } from '../areas/tasks/rules.ts';
import type { RectificationStatus } from '../areas/rectification/rules.ts';
import type { Award, MeritDecision } from '../areas/merits/rules.ts';
import type { TipChannel } from '../areas/publicity/rules.ts';
import { ApiError } from './api.ts';

export function usePracticeLabels() {
  const { t, i18n } = useTranslation();
  return useMemo(() => practiceLabels(t), [t, i18n.language]);
}

function practiceLabels(t: TFunction) {
  const meetingKind: Record<MeetingKind, string> = {
    mobilization: t('Mobilisation meeting'),
    review: t('Review meeting'),
    weekly_command: t('Weekly command meeting'),
  };
  const taskStatus: Record<TaskStatus, string> = {
    open: t('Open'),
    done: t('Done'),
    cancelled: t('Cancelled'),
  };
  const itemStatus: Record<RectificationStatus, string> = {
    open: t('Open'),
    reported: t('Reported, awaiting the inspector'),
    accepted: t('Accepted'),
    returned: t('Returned'),
  };
  const award: Record<Award, string> = { commendation: t('Commendation'), merit: t('Merit citation') };
  const decision: Record<MeritDecision, string> = { approved: t('Approved'), declined: t('Declined') };
  const channel: Record<TipChannel, string> = {
    web: t('Web form'),
    telephone: t('Telephone'),
    letter: t('Letter'),
    in_person: t('In person'),
  };
  return { meetingKind, taskStatus, itemStatus, award, decision, channel };
}

/** A refusal of these pages' API calls as a sentence in the reader's language, by its code. */
export function practiceError(error: unknown, t: TFunction): ApiError {
  if (!(error instanceof ApiError)) return new ApiError(0, 'network', t('The server could not be reached.'));
  const say = (message: string) => new ApiError(error.status, error.code, message, error.field, error.rows);
  const sentences: Record<string, string> = {
    out_of_scope: t('This concerns a unit outside yours.'),
    forbidden: t('Your role may not do this.'),
    not_liaison_unit: t('This unit is not one of your liaison units.'),
    not_proposed: t('The rules do not propose this award for this officer now.'),
    no_reward: t('Only a tip that led to a verified result can be rewarded, and only once.'),
    no_payout: t(
      'The payout cannot be recorded: the tip must be marked for a reward, paid once, not in the future.',
    ),
    not_reportable: t('This item has already been reported or accepted.'),
    not_decidable: t('Only a reported item can be decided, not by who reported it; a return needs a reason.'),
    task_unchanged: t('The task already has this status.'),
    not_task_owner: t('Only the owner of the task, or a leader or commander over its unit, may change it.'),
    contact_hidden: t('Only officers of the assigned unit see the tipster and the reward.'),
    unknown_unit: t('Unknown unit.'),
    unknown_user: t('No such user.'),
    unknown_listing: t('No such listing.'),
    unsupported_type: t('Only a PDF, PNG or JPEG scan is accepted.'),
    too_large: t('The file is too large (at most 5 MiB).'),
    network: t('The server could not be reached.'),
  };
  if (sentences[error.code]) return say(sentences[error.code]!);
  if (error.code === 'invalid_input')
    return say(t('Check the field {{field}}.', { field: error.field ?? error.message.split(':')[0] }));
  return say(t('The request was refused ({{code}}).', { code: error.code }));
}

/** A button's or form's work against the API, its busy state and its refusal in the reader's language. */
export function usePracticeAction() {
  const { t } = useTranslation();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | undefined>();
  async function run(work: () => Promise<unknown>): Promise<boolean> {
    setBusy(true);
    setError(undefined);
    try {
      await work();
      return true;
    } catch (e) {
      setError(practiceError(e, t));
      return false;
    } finally {
      setBusy(false);
    }
  }
  return { busy, error, run };
}

/** A text field of a submitted form, trimmed ('' when absent). */
export function formText(form: FormData, name: string): string {
  const value = form.get(name);
  return typeof value === 'string' ? value.trim() : '';
}
