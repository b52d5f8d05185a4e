// Why (issue 18): a claim named its officers as display names (a JSON array and a text column), so
// two officers with one name were one officer in the merits tally, and a credit had no link to the
// officer's account. Each officer a claim names is now a row: the account where the officer has
// one, the name otherwise; a commander's merit decision names the account too.
// Existing data comes along: a stored name becomes the account of the only user with exactly that
// display name in the credited unit or below it (capturing officers: the capturing unit, else the
// claimant's; the persuading officer: the persuading unit, else the capturing one); any other name
// stays a name (none, or two or more such users: which one is not for a migration to guess). A
// decision on a name so linked moves to that account and to the account's unit (where the tally
// now shows the officer). The two old columns are dropped.
// Frozen in time: takes Kysely<unknown> and imports no application code.
import { type Kysely, sql } from 'kysely';

interface OldClaim {
  id: number;
  claim_unit_id: number;
  capturing_unit_id: number | null;
  persuading_unit_id: number | null;
  capturing_officers: string | null;
  persuading_officer: string | null;
}

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('claim_officers')
    .addColumn('clearance_id', 'integer', (c) => c.notNull().references('clearances.id'))
    // 'capture' (the capturing or receiving officers) or 'persuasion' (the officer who persuaded).
    .addColumn('role', 'text', (c) => c.notNull())
    .addColumn('position', 'integer', (c) => c.notNull())
    // The officer's account, when they have one; null for an officer without an account.
    .addColumn('user_id', 'integer', (c) => c.references('users.id'))
    // The name as it was given (an account's display name at the time, or the typed name).
    .addColumn('name', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('claim_officers_pk', ['clearance_id', 'role', 'position'])
    .execute();
  await db.schema.createIndex('claim_officers_user').on('claim_officers').column('user_id').execute();
  await db.schema
    .alterTable('merit_decisions')
    .addColumn('user_id', 'integer', (c) => c.references('users.id'))
    .execute();

  const units = (
    await sql<{ id: number; parent_id: number | null }>`select id, parent_id from units`.execute(db)
  ).rows;
  const users = (
    await sql<{ id: number; display_name: string; unit_id: number }>`
      select id, display_name, unit_id from users`.execute(db)
  ).rows;
  const children = new Map<number, number[]>();
  for (const u of units)
    if (u.parent_id !== null) children.set(u.parent_id, [...(children.get(u.parent_id) ?? []), u.id]);
  const subtree = (id: number): Set<number> => {
    const out = new Set<number>();
    const stack = [id];
    while (stack.length > 0) {
      const next = stack.pop()!;
      if (out.has(next)) continue;
      out.add(next);
      stack.push(...(children.get(next) ?? []));
    }
    return out;
  };
  /** The only account of exactly this display name in the unit or below, else none. */
  const accountOf = (name: string, unitId: number | null): { id: number; unit_id: number } | null => {
    if (unitId === null) return null;
    const below = subtree(Number(unitId));
    const found = users.filter((u) => u.display_name.trim() === name && below.has(Number(u.unit_id)));
    return found.length === 1 ? { id: Number(found[0]!.id), unit_id: Number(found[0]!.unit_id) } : null;
  };

  const claims = (
    await sql<OldClaim>`
      select id, claim_unit_id, capturing_unit_id, persuading_unit_id, capturing_officers, persuading_officer
      from clearances where capturing_officers is not null or persuading_officer is not null`.execute(db)
  ).rows;
  const rows: {
    clearance_id: number;
    role: string;
    position: number;
    user_id: number | null;
    name: string;
  }[] = [];
  for (const c of claims) {
    const captureUnit = c.capturing_unit_id ?? c.claim_unit_id;
    let names: unknown = [];
    try {
      names = JSON.parse(c.capturing_officers ?? '[]');
    } catch {
      names = [];
    }
    const seen = new Set<string>();
    for (const raw of Array.isArray(names) ? names : []) {
      const name = typeof raw === 'string' ? raw.trim() : '';
      if (!name || seen.has(name)) continue;
      seen.add(name);
      rows.push({
        clearance_id: Number(c.id),
        role: 'capture',
        position: seen.size - 1,
        user_id: accountOf(name, captureUnit)?.id ?? null,
        name,
      });
    }
    const persuader = c.persuading_officer?.trim();
    if (persuader)
      rows.push({
        clearance_id: Number(c.id),
        role: 'persuasion',
        position: 0,
        user_id: accountOf(persuader, c.persuading_unit_id ?? captureUnit)?.id ?? null,
        name: persuader,
      });
  }
  for (let i = 0; i < rows.length; i += 500)
    await (db as Kysely<{ claim_officers: (typeof rows)[number] }>)
      .insertInto('claim_officers')
      .values(rows.slice(i, i + 500))
      .execute();

  const decisions = (
    await sql<{ id: number; officer: string; unit_id: number }>`
      select id, officer, unit_id from merit_decisions`.execute(db)
  ).rows;
  for (const d of decisions) {
    const account = accountOf(d.officer.trim(), d.unit_id);
    if (account)
      await sql`update merit_decisions set user_id = ${account.id}, unit_id = ${account.unit_id}
        where id = ${d.id}`.execute(db);
  }

  await db.schema.alterTable('clearances').dropColumn('capturing_officers').execute();
  await db.schema.alterTable('clearances').dropColumn('persuading_officer').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('clearances').addColumn('capturing_officers', 'text').execute();
  await db.schema.alterTable('clearances').addColumn('persuading_officer', 'text').execute();
  const rows = (
    await sql<{ clearance_id: number; role: string; name: string }>`
      select o.clearance_id, o.role, coalesce(u.display_name, o.name) as name
      from claim_officers o left join users u on u.id = o.user_id
      order by o.clearance_id, o.role, o.position`.execute(db)
  ).rows;
  const byClaim = new Map<number, { capture: string[]; persuasion: string | null }>();
  for (const r of rows) {
    const claim = byClaim.get(Number(r.clearance_id)) ?? { capture: [], persuasion: null };
    if (r.role === 'capture') claim.capture.push(r.name);
    else claim.persuasion = r.name;
    byClaim.set(Number(r.clearance_id), claim);
  }
  for (const [id, c] of byClaim)
    await sql`update clearances set
      capturing_officers = ${c.capture.length > 0 ? JSON.stringify(c.capture) : null},
      persuading_officer = ${c.persuasion} where id = ${id}`.execute(db);
  await db.schema.alterTable('merit_decisions').dropColumn('user_id').execute();
  await db.schema.dropTable('claim_officers').execute();
}
