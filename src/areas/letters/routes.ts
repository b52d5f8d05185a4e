import type { AreaRoutes } from '../../http/routes.ts';

export const letterRoutes: AreaRoutes = () => async () => {};
