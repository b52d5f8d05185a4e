// Labels shared by the rewards, sanctions, supervision and bulletin pages.
import { useTranslation } from 'react-i18next';
import type { Grounds, Measure, SanctionStatus } from '../areas/sanctions/rules.ts';

export function useMeasureLabels() {
  const { t } = useTranslation();
  const measure: Record<Measure, string> = {
    review_meeting: t('Review meeting with an analysis of causes'), // tracked before reviews moved into the campaign
    award_ineligible: t('No award eligibility this year'),
    assessment_deduction: t('Deduction in the year-end assessment'),
    admonishment_talk: t("Admonishment talk with the unit's leaders"),
    self_examination: t('Written self-examination to the bureau committee'),
    task_carry_over: t('Unfinished task carried over to next year'),
  };
  const grounds: Record<Grounds, string> = { lagging: t('Below target'), zero_result: t('Zero results') };
  const status: Record<SanctionStatus, string> = { open: t('Open'), done: t('Done'), waived: t('Waived') };
  return { measure, grounds, status };
}
