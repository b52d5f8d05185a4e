// Tasks over HTTP: list (a unit's, an owner's) and change the status. The service checks that the
// caller owns the task or manages its unit.
import type { AreaRoutes } from '../../http/routes.ts';
import * as s from './schema.ts';
import { changeTask, listTasks } from './service.ts';

export const taskRoutes: AreaRoutes = (app) => async (fastify) => {
  fastify.get(
    '/api/tasks',
    {
      schema: {
        tags: ['tasks'],
        summary: "Tasks given by meetings and visits: a unit's, an owner's (yours wherever they are)",
        querystring: s.tasksQuery,
        response: { 200: s.tasksOut },
      },
      config: { access: { roles: 'any' } },
    },
    (request) => listTasks(app.context(request), request.query),
  );

  fastify.post(
    '/api/tasks/:id',
    {
      schema: {
        tags: ['tasks'],
        summary:
          'Mark a task done, cancelled or open again (its owner, or a leader or commander over its unit)',
        params: s.taskIdParam,
        body: s.taskChange,
        response: { 200: s.taskOut },
      },
      config: { access: { roles: 'any' } },
    },
    (request) => changeTask(app.context(request), request.params.id, request.body),
  );
};
