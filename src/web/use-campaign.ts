import { useGet } from './use-api.ts';

/** The campaign the pages show (the latest): its name for the API's `{campaign}` paths, and the base of those paths. */
export function useCampaign() {
  const dashboard = useGet('/api/dashboard');
  const name = dashboard.data?.campaign.name;
  return {
    campaign: dashboard.data?.campaign,
    name,
    asOf: dashboard.data?.asOf,
    base: name ? `/api/campaigns/${encodeURIComponent(name)}` : null,
    error: dashboard.error,
  };
}
