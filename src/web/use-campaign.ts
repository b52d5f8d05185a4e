import type { DashboardOut } from '../areas/campaigns/schema.ts';
import { useApi } from './use-api.ts';

/** The campaign the pages show (the latest) and the base of its API paths. */
export function useCampaign() {
  const dashboard = useApi<DashboardOut>('/api/dashboard');
  const name = dashboard.data?.campaign.name;
  return {
    campaign: dashboard.data?.campaign,
    asOf: dashboard.data?.asOf,
    base: name ? `/api/campaigns/${encodeURIComponent(name)}` : null,
    error: dashboard.error,
  };
}
