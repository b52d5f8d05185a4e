import type { AreaRoutes } from '../../http/routes.ts';

export const fourOnesRoutes: AreaRoutes = () => async () => {};
