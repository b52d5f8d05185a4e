import type { Command } from 'commander';
import { ROLES, type Role, TOKEN_DAYS } from '../../areas/accounts/rules.ts';
import { integerArg } from '../args.ts';
import { withStore } from '../store.ts';

export function registerToken(program: Command): void {
  const token = program
    .command('token')
    .description("service accounts' bearer tokens, for other systems calling the API");
  token
    .command('create')
    .description(
      'issue a token to a service account (creating the account with --unit and --roles); prints it once',
    )
    .argument('<account>')
    .requiredOption('--label <text>', 'what the token is for, e.g. "provincial dashboard"')
    .option(
      '--days <n>',
      `valid for so many days (at most ${TOKEN_DAYS.max})`,
      integerArg,
      TOKEN_DAYS.default,
    )
    .option('--write', 'may also change what its roles allow (default: read only)')
    .option('--unit <code>', 'create the account first, bound to this unit')
    .option('--roles <roles>', `with these comma-separated roles: ${ROLES.join(', ')}`)
    .option('--name <display name>', 'name of the new account in the app and the audit log')
    .action(
      async (
        account: string,
        o: { label: string; days: number; write?: boolean; unit?: string; roles?: string; name?: string },
      ) => {
        const { addServiceAccount, issueToken } = await import('../../areas/accounts/service.ts');
        const issued = await withStore(async (ctx) => {
          if (o.unit) {
            const roles = (o.roles ?? '').split(',').map((r) => r.trim()) as Role[];
            await addServiceAccount(ctx, {
              username: account,
              displayName: o.name ?? account,
              unitCode: o.unit,
              roles,
            });
          }
          return issueToken(ctx, account, { label: o.label, days: o.days, readOnly: !o.write });
        });
        console.error(
          `token ${issued.id} for ${account}, ${issued.readOnly ? 'read-only' : 'read and write'}, expires ${issued.expiresAt}; it is shown only now:`,
        );
        console.log(issued.token);
      },
    );
  token
    .command('list')
    .description('service accounts and their tokens (never the secrets)')
    .option('--json', 'as JSON')
    .action(async (o: { json?: boolean }) => {
      const { listServiceAccounts } = await import('../../areas/accounts/service.ts');
      const { items } = await withStore((ctx) => listServiceAccounts(ctx));
      if (o.json) return console.log(JSON.stringify(items, null, 2));
      for (const a of items) {
        console.log(
          `${a.username}  ${a.unit.code} ${a.unit.name}  ${a.roles.join(',')}${a.disabled ? '  (disabled)' : ''}`,
        );
        for (const t of a.tokens)
          console.log(
            `  #${t.id}  ${t.label}  ${t.readOnly ? 'read-only' : 'read-write'}  ${t.status}  expires ${t.expiresAt}  last used ${t.lastUsedAt ?? 'never'}`,
          );
      }
    });
  token
    .command('revoke')
    .description('revoke a token: refused from the next request on')
    .argument('<id>', 'the number `token list` shows', integerArg)
    .action(async (id: number) => {
      const { revokeToken } = await import('../../areas/accounts/service.ts');
      await withStore((ctx) => revokeToken(ctx, id));
      console.log(`token ${id} revoked`);
    });
}
