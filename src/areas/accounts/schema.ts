import { z } from 'zod';
import { MIN_PASSWORD_LENGTH, ROLES } from './rules.ts';

export const username = z
  .string()
  .trim()
  .regex(/^[a-z][a-z0-9._-]{2,39}$/, {
    message: 'must be 3–40 lower-case letters, digits, . _ -, starting with a letter',
  });

export const password = z
  .string()
  .min(MIN_PASSWORD_LENGTH, { message: `must be at least ${MIN_PASSWORD_LENGTH} characters` })
  .max(200, { message: 'must be at most 200 characters' });

export const newUser = z.object({
  username,
  displayName: z.string().trim().min(1, { message: 'is required' }).max(60),
  unitCode: z.string().trim().min(1, { message: 'is required' }),
  roles: z.array(z.enum(ROLES)).min(1, { message: 'needs at least one role' }),
  password,
});
export type NewUser = z.input<typeof newUser>;

export const loginInput = z.object({
  username: z.string().trim().min(1, { message: 'is required' }).max(40),
  password: z.string().min(1, { message: 'is required' }).max(200),
});

export const userOut = z.object({
  username: z.string(),
  displayName: z.string(),
  unit: z.object({ code: z.string(), name: z.string() }),
  roles: z.array(z.enum(ROLES)),
});

export const sessionOut = z.object({
  user: userOut,
  /** Send back in the X-CSRF-Token header of every request that changes something. */
  csrfToken: z.string(),
});
