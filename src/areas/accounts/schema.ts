import { z } from 'zod';
import { MIN_PASSWORD_LENGTH, ROLES, TOKEN_DAYS } from './rules.ts';
import { LIMITS } from '../../shared/limits.ts';

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

/** A machine account: bound to a unit and roles, signs in only with bearer tokens. */
export const newServiceAccount = z.object({
  username,
  displayName: z.string().trim().min(1, { message: 'is required' }).max(LIMITS.name),
  unitCode: z.string().trim().min(1, { message: 'is required' }).max(LIMITS.code),
  roles: z.array(z.enum(ROLES)).min(1, { message: 'needs at least one role' }),
});
export type NewServiceAccount = z.input<typeof newServiceAccount>;

export const newUser = newServiceAccount.extend({ password });
export type NewUser = z.input<typeof newUser>;

export const loginInput = z
  .object({
    username: z.string().trim().min(1, { message: 'is required' }).max(LIMITS.code),
    password: z.string().min(1, { message: 'is required' }).max(200),
  })
  .meta({ example: { username: 'officer', password: 'qingwang-demo' } });

export const userOut = z.object({
  username: z.string(),
  displayName: z.string(),
  unit: z.object({ code: z.string(), name: z.string() }),
  roles: z.array(z.enum(ROLES)),
});

/** A person as colleagues see them (the directory): name and unit, never roles or state. */
export const personOut = userOut.pick({ username: true, displayName: true, unit: true });

export const sessionOut = z.object({
  user: userOut,
  /** Send back in the X-CSRF-Token header of every request that changes something. */
  csrfToken: z.string(),
});

export const tokenInput = z.object({
  label: z.string().trim().min(1, { message: 'is required' }).max(LIMITS.name),
  days: z.number().int().min(1).max(TOKEN_DAYS.max).default(TOKEN_DAYS.default),
  /** Read-only unless a writing token is asked for: it may then change what its roles allow. */
  readOnly: z.boolean().default(true),
});
export type TokenInput = z.input<typeof tokenInput>;

export const tokenOut = z.object({
  id: z.number().int(),
  label: z.string(),
  readOnly: z.boolean(),
  status: z.enum(['active', 'expired', 'revoked']),
  createdBy: z.string(),
  createdAt: z.string(),
  expiresAt: z.string(),
  revokedAt: z.string().nullable(),
  lastUsedAt: z.string().nullable(),
});

/** A new token: the secret itself is in this answer only, never again. */
export const issuedTokenOut = tokenOut.extend({ account: z.string(), token: z.string() });

export const serviceAccountOut = userOut.extend({ disabled: z.boolean(), tokens: z.array(tokenOut) });
export const serviceAccountsOut = z.object({ items: z.array(serviceAccountOut) });
