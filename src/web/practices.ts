// Shared by the meetings, guidance, rectification, merits and tip pages: the names of their values
// in the reader's language.
import type { TFunction } from 'i18next';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { MeetingKind } from '../areas/meetings/rules.ts';
import type { TaskStatus } from '../areas/tasks/rules.ts';
import type { RectificationStatus } from '../areas/rectification/rules.ts';
import type { Award, MeritDecision } from '../areas/merits/rules.ts';
import type { TipChannel } from '../areas/publicity/rules.ts';

export function usePracticeLabels() {
  const { t, i18n } = useTranslation();
  return useMemo(() => practiceLabels(t), [t, i18n.language]);
}

function practiceLabels(t: TFunction) {
  const meetingKind: Record<MeetingKind, string> = {
    mobilization: t('Mobilisation meeting'),
    remobilization: t('Re-mobilisation meeting'),
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

/** A text field of a submitted form, trimmed ('' when absent). */
export function formText(form: FormData, name: string): string {
  const value = form.get(name);
  return typeof value === 'string' ? value.trim() : '';
}
