import type { Command } from 'commander';
import { ROLES, type Role } from '../../areas/accounts/rules.ts';
import { readPassword } from '../read-password.ts';
import { withStore } from '../store.ts';

export function registerUser(program: Command): void {
  const user = program.command('user').description('accounts');
  user
    .command('add')
    .description('create an account (the password is asked for, or read from stdin with --password-stdin)')
    .argument('<username>')
    .requiredOption('--name <display name>', 'name shown in the app and the audit log')
    .requiredOption('--unit <code>', 'the unit the user belongs to')
    .requiredOption('--roles <roles>', `comma-separated: ${ROLES.join(', ')}`)
    .option('--password-stdin', 'read the password from standard input')
    .action(
      async (username: string, o: { name: string; unit: string; roles: string; passwordStdin?: boolean }) => {
        const password = await readPassword(!!o.passwordStdin);
        const roles = o.roles.split(',').map((r) => r.trim()) as Role[];
        const { addUser } = await import('../../areas/accounts/service.ts');
        await withStore((ctx) =>
          addUser(ctx, { username, displayName: o.name, unitCode: o.unit, roles, password }),
        );
        console.log(`user ${username} created`);
      },
    );
  user
    .command('passwd')
    .description("set a user's password (ends their open sessions)")
    .argument('<username>')
    .option('--password-stdin', 'read the password from standard input')
    .action(async (username: string, o: { passwordStdin?: boolean }) => {
      const password = await readPassword(!!o.passwordStdin);
      const { changePassword } = await import('../../areas/accounts/service.ts');
      await withStore((ctx) => changePassword(ctx, username, password));
      console.log(`password of ${username} changed`);
    });
  user
    .command('disable')
    .description('disable an account and end its sessions')
    .argument('<username>')
    .action(async (username: string) => {
      const { setDisabled } = await import('../../areas/accounts/service.ts');
      await withStore((ctx) => setDisabled(ctx, username, true));
      console.log(`user ${username} disabled`);
    });
}
