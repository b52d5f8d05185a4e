// The notification centre over HTTP: a user's notifications, mark read; the campaign's thresholds.
import type { AreaRoutes } from '../../http/routes.ts';
import * as s from './schema.ts';
import {
  changeDigestSettings,
  changeReminderSettings,
  getReminderSettings,
  markAllNotificationsRead,
  markNotificationRead,
  myDigestSettings,
  myNotifications,
} from './service.ts';

const tags = ['reminders'];

export const reminderRoutes: AreaRoutes = (app) => async (fastify) => {
  fastify.get(
    '/api/notifications',
    {
      schema: {
        tags,
        summary:
          'Your reminders (claims waiting, due and overdue items, untriaged tips, four-ones gaps, unsigned letters, missing returns), worked out now; the unread count is the bell',
        response: { 200: s.notificationsOut },
      },
      config: { access: { roles: 'any' } },
    },
    (request) => myNotifications(app.context(request)),
  );

  fastify.post(
    '/api/notifications/:id/read',
    {
      schema: {
        tags,
        summary: 'Mark one of your notifications read',
        params: s.notificationParam,
        response: { 200: s.readOut },
      },
      config: { access: { roles: 'any' } },
    },
    (request) => markNotificationRead(app.context(request), request.params.id),
  );

  fastify.post(
    '/api/notifications/read',
    {
      schema: { tags, summary: 'Mark all your notifications read', response: { 200: s.readOut } },
      config: { access: { roles: 'any' } },
    },
    (request) => markAllNotificationsRead(app.context(request)),
  );

  fastify.get(
    '/api/campaigns/:campaign/reminder-settings',
    {
      schema: {
        tags,
        summary: "The campaign's reminder thresholds, in days",
        params: s.campaignParam,
        response: { 200: s.reminderSettings },
      },
      config: { access: { roles: 'any' } },
    },
    (request) => getReminderSettings(app.context(request), request.params.campaign),
  );

  fastify.put(
    '/api/campaigns/:campaign/reminder-settings',
    {
      schema: {
        tags,
        summary: 'Change the reminder thresholds; audited',
        params: s.campaignParam,
        body: s.reminderSettings,
        response: { 200: s.reminderSettings },
      },
      config: { access: { roles: ['commander'] } },
    },
    (request) => changeReminderSettings(app.context(request), request.params.campaign, request.body),
  );

  fastify.get(
    '/api/account/digest',
    {
      schema: {
        tags,
        summary: 'Your e-mail address and whether you get the daily digest of your reminders by e-mail',
        response: { 200: s.digestSettingsOut },
      },
      config: { access: { roles: 'any' } },
    },
    (request) => myDigestSettings(app.context(request)),
  );

  fastify.put(
    '/api/account/digest',
    {
      schema: {
        tags,
        summary:
          'Set your e-mail address and opt in or out of the daily digest (opting in needs an address); audited',
        body: s.digestSettings,
        response: { 200: s.digestSettingsOut },
      },
      config: { access: { roles: 'any' } },
    },
    (request) => changeDigestSettings(app.context(request), request.body),
  );
};
