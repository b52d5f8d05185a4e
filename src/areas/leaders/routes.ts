import type { AreaRoutes } from '../../http/routes.ts';

export const leaderRoutes: AreaRoutes = () => async () => {};
