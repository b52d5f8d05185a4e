// Why (issue 12): the figures were computed from the whole registry (one GROUP BY over every person)
// whenever they could have changed, so their cost grew with the registry. `campaign_facts` keeps, per
// campaign, the counts they are made of (persons by unit, homicide, exit kind and the day of listing
// and of exit), moved by triggers in the very transaction of every change to a person, a frozen
// baseline or a campaign, so reading the figures costs what the unit tree and the campaign's length
// do. Days inside the campaign's window (the day before its baseline or launch, whichever is earlier,
// to the day after its deadline) are kept exact; earlier and later days are folded onto the window's
// edges, which changes no comparison the figures make for an as-of date inside the window.
//
// A row's `role` says which count it is: `listing` (a person on one of our units' list, by home
// unit), `capture` (by capturing unit; `remote` when the person has no local listing),
// `persuasion` (by persuading unit) and `baseline` (a person of the frozen baseline, by the unit the
// snapshot gave them). Columns a role does not use hold 0, '' or the no-date 9999-12-31, as does a
// person without an exit, so that the primary key never holds a null.
// Frozen in time: takes Kysely<unknown> and imports no application code.
import { type Kysely, PostgresAdapter, sql } from 'kysely';

const COLUMNS = 'campaign_id, role, unit_id, homicide, remote, exit_kind, listed_on, exit_on';

export async function up(db: Kysely<unknown>): Promise<void> {
  const postgres = db.getExecutor().adapter instanceof PostgresAdapter;
  await db.schema
    .createTable('campaign_facts')
    .addColumn('campaign_id', 'integer', (c) => c.notNull().references('campaigns.id').onDelete('cascade'))
    .addColumn('role', 'text', (c) => c.notNull())
    .addColumn('unit_id', 'integer', (c) => c.notNull())
    .addColumn('homicide', 'integer', (c) => c.notNull())
    .addColumn('remote', 'integer', (c) => c.notNull())
    .addColumn('exit_kind', 'text', (c) => c.notNull())
    .addColumn('listed_on', 'date', (c) => c.notNull())
    .addColumn('exit_on', 'date', (c) => c.notNull())
    .addColumn('n', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('campaign_facts_pk', COLUMNS.split(', ') as never[])
    .execute();
  // A person's exit moves their baseline counts: their snapshot rows are found by person.
  await db.schema.createIndex('baseline_persons_person').on('baseline_persons').column('person_id').execute();

  const d = postgres ? postgresDialect : sqliteDialect;
  for (const statement of d.triggers()) await sql.raw(statement).execute(db);
  await sql.raw(upsert(contributions(d, { persons: 'persons p', campaigns: 'campaigns c' }, 1))).execute(db);
}

interface DialectSql {
  /** The day before a campaign `c`'s baseline or launch, and the day after its deadline. */
  low: string;
  high: string;
  noDate: string;
  /** A date folded onto the campaign's window. */
  clamp(date: string): string;
  triggers(): string[];
}

const exitDay = (d: DialectSql, date: string) =>
  `case when ${date} is null then ${d.noDate} else ${d.clamp(date)} end`;

/**
 * The counts some persons add to the facts (or take away, with sign -1), in every role: `persons`
 * and `campaigns` name the tables (or a trigger's rows) they come from, with the aliases `p` and
 * `c`. With `snapshot` (a trigger's rows of baseline_persons, alias `b`, joined to their persons
 * `p`) only the baseline counts of those snapshot rows.
 */
function contributions(
  d: DialectSql,
  from: { persons: string; campaigns: string; snapshot?: string },
  sign: 1 | -1,
): string {
  const row = (
    campaign: string,
    role: string,
    unit: string,
    homicide: string,
    remote: string,
    listed: string,
  ) =>
    `select ${campaign} as campaign_id, '${role}' as role, ${unit} as unit_id, ${homicide} as homicide,
      ${remote} as remote, coalesce(p.exit_kind, '') as exit_kind, ${listed} as listed_on,
      ${exitDay(d, 'p.exit_on')} as exit_on, ${sign} as n`;
  const baseline = `${row('c.id', 'baseline', 'b.unit_id', 'b.homicide', '0', d.noDate)}
    from ${from.snapshot ?? `${from.persons} join baseline_persons b on b.person_id = p.id`}
    join ${from.campaigns} on c.id = b.campaign_id where b.corrected_at is null`;
  if (from.snapshot) return grouped(baseline);
  const persons = `from ${from.persons} cross join ${from.campaigns}`;
  const parts = [
    `${row('c.id', 'listing', 'p.home_unit_id', 'p.homicide', '0', d.clamp('p.listed_on'))}
      ${persons} where p.home_unit_id is not null`,
    `${row('c.id', 'capture', 'p.exit_unit_id', 'p.homicide', 'case when p.home_unit_id is null then 1 else 0 end', d.noDate)}
      ${persons} where p.exit_unit_id is not null`,
    `${row('c.id', 'persuasion', 'p.exit_persuading_unit_id', '0', '0', d.noDate)}
      ${persons} where p.exit_persuading_unit_id is not null`,
    baseline,
  ];
  return grouped(parts.join(' union all '));
}

/** Rows of the facts' columns and `n`, summed per key; keys that sum to nothing are left out. */
function grouped(rows: string): string {
  // In key order: two transactions moving the same counts lock their rows in the same order, so
  // they wait for each other on PostgreSQL instead of deadlocking.
  return `select ${COLUMNS}, sum(n) as n from (${rows}) x group by ${COLUMNS} having sum(n) <> 0
    order by ${COLUMNS}`;
}

/** Adds counts to the kept ones (a key seen for the first time starts at its count). */
const upsert = (select: string) =>
  `insert into campaign_facts (${COLUMNS}, n) ${select}
    on conflict (${COLUMNS}) do update set n = campaign_facts.n + excluded.n`;

const sqliteDialect: DialectSql = {
  low: `date(min(c.baseline_on, c.start_on), '-1 day')`,
  high: `date(c.deadline_on, '+1 day')`,
  noDate: `'9999-12-31'`,
  clamp: (date) => `max(min(${date}, ${sqliteDialect.high}), ${sqliteDialect.low})`,
  triggers() {
    // SQLite has only row triggers: `new` and `old` are the row, read through a one-row subquery.
    const one = (row: 'new' | 'old', table: 'persons' | 'baseline_persons') =>
      table === 'persons'
        ? `(select ${row}.id as id, ${row}.home_unit_id as home_unit_id, ${row}.listed_on as listed_on,
            ${row}.homicide as homicide, ${row}.exit_on as exit_on, ${row}.exit_kind as exit_kind,
            ${row}.exit_unit_id as exit_unit_id, ${row}.exit_persuading_unit_id as exit_persuading_unit_id) p`
        : `(select ${row}.campaign_id as campaign_id, ${row}.person_id as person_id, ${row}.unit_id as unit_id,
            ${row}.homicide as homicide, ${row}.corrected_at as corrected_at) b
            join persons p on p.id = b.person_id`;
    const move = (row: 'new' | 'old', table: 'persons' | 'baseline_persons') =>
      upsert(
        contributions(
          this,
          table === 'persons'
            ? { persons: one(row, table), campaigns: 'campaigns c' }
            : { persons: 'persons p', campaigns: 'campaigns c', snapshot: one(row, table) },
          row === 'new' ? 1 : -1,
        ),
      );
    const changed = FIGURE_COLUMNS.map((col) => `old.${col} is not new.${col}`).join(' or ');
    const bChanged = ['unit_id', 'homicide', 'corrected_at', 'campaign_id', 'person_id']
      .map((col) => `old.${col} is not new.${col}`)
      .join(' or ');
    return [
      `create trigger persons_facts_insert after insert on persons begin ${move('new', 'persons')}; end`,
      `create trigger persons_facts_update after update of ${FIGURE_COLUMNS.join(', ')} on persons
        when ${changed} begin ${move('old', 'persons')}; ${move('new', 'persons')}; end`,
      `create trigger persons_facts_delete after delete on persons begin ${move('old', 'persons')}; end`,
      `create trigger baseline_persons_facts_insert after insert on baseline_persons
        begin ${move('new', 'baseline_persons')}; end`,
      `create trigger baseline_persons_facts_update after update on baseline_persons when ${bChanged}
        begin ${move('old', 'baseline_persons')}; ${move('new', 'baseline_persons')}; end`,
      `create trigger baseline_persons_facts_delete after delete on baseline_persons
        begin ${move('old', 'baseline_persons')}; end`,
      ...campaignTriggers(this, (name, event, statements) => [
        `create trigger ${name} after ${event} begin ${statements} end`,
      ]),
    ];
  },
};

/** The columns of a person the facts are made of. */
const FIGURE_COLUMNS = [
  'home_unit_id',
  'listed_on',
  'homicide',
  'exit_on',
  'exit_kind',
  'exit_unit_id',
  'exit_persuading_unit_id',
];

/**
 * A new campaign counts every person; one whose dates change is counted again (row triggers on
 * both databases: campaigns are few; a deleted campaign's facts go by the foreign key's cascade).
 */
function campaignTriggers(
  d: DialectSql,
  trigger: (name: string, event: string, statements: string) => string[],
): string[] {
  const count = upsert(
    contributions(d, { persons: 'persons p', campaigns: '(select * from campaigns where id = new.id) c' }, 1),
  );
  const dates = ['baseline_on', 'start_on', 'deadline_on'];
  const moved = dates.map((col) => `old.${col} <> new.${col}`).join(' or ');
  return [
    ...trigger('campaigns_facts_insert', 'insert on campaigns for each row', `${count};`),
    ...trigger(
      'campaigns_facts_update',
      `update of ${dates.join(', ')} on campaigns for each row when (${moved})`,
      `delete from campaign_facts where campaign_id = new.id; ${count};`,
    ),
  ];
}

const postgresDialect: DialectSql = {
  low: `(least(c.baseline_on, c.start_on) - 1)`,
  high: `(c.deadline_on + 1)`,
  noDate: `date '9999-12-31'`,
  clamp: (date) => `greatest(least(${date}, ${postgresDialect.high}), ${postgresDialect.low})`,
  triggers() {
    // One trigger per statement: a bulk import moves the facts with one grouped upsert. Transition
    // tables allow one event per trigger and no column list, so an update compares old and new.
    const fn = (name: string, body: string) =>
      `create function ${name}() returns trigger language plpgsql as $$ begin ${body}; return null; end $$`;
    const trigger = (table: string, event: string, tables: string, fnName: string) =>
      `create trigger ${fnName} after ${event} on ${table} referencing ${tables}
        for each statement execute function ${fnName}()`;
    const both = (rows: (sign: 1 | -1) => { persons: string; campaigns: string; snapshot?: string }) =>
      upsert(
        grouped(
          `select * from (${contributions(this, rows(-1), -1)}) gone
            union all select * from (${contributions(this, rows(1), 1)}) came`,
        ),
      );
    const changedPersons = (alias: 'old_rows' | 'new_rows') =>
      `(select ${alias}.* from old_rows join new_rows using (id)
        where (${FIGURE_COLUMNS.map((c) => `old_rows.${c}`).join(', ')}) is distinct from
          (${FIGURE_COLUMNS.map((c) => `new_rows.${c}`).join(', ')})) p`;
    const snapshot = (alias: string) => `${alias} b join persons p on p.id = b.person_id`;
    return [
      fn(
        'persons_facts_insert',
        upsert(contributions(this, { persons: 'new_rows p', campaigns: 'campaigns c' }, 1)),
      ),
      trigger('persons', 'insert', 'new table as new_rows', 'persons_facts_insert'),
      fn(
        'persons_facts_update',
        both((sign) => ({
          persons: changedPersons(sign === 1 ? 'new_rows' : 'old_rows'),
          campaigns: 'campaigns c',
        })),
      ),
      trigger('persons', 'update', 'old table as old_rows new table as new_rows', 'persons_facts_update'),
      fn(
        'persons_facts_delete',
        upsert(contributions(this, { persons: 'old_rows p', campaigns: 'campaigns c' }, -1)),
      ),
      trigger('persons', 'delete', 'old table as old_rows', 'persons_facts_delete'),
      fn(
        'baseline_persons_facts_insert',
        upsert(
          contributions(
            this,
            { persons: 'persons p', campaigns: 'campaigns c', snapshot: snapshot('new_rows') },
            1,
          ),
        ),
      ),
      trigger('baseline_persons', 'insert', 'new table as new_rows', 'baseline_persons_facts_insert'),
      fn(
        'baseline_persons_facts_update',
        both((sign) => ({
          persons: 'persons p',
          campaigns: 'campaigns c',
          snapshot: snapshot(sign === 1 ? 'new_rows' : 'old_rows'),
        })),
      ),
      trigger(
        'baseline_persons',
        'update',
        'old table as old_rows new table as new_rows',
        'baseline_persons_facts_update',
      ),
      fn(
        'baseline_persons_facts_delete',
        upsert(
          contributions(
            this,
            { persons: 'persons p', campaigns: 'campaigns c', snapshot: snapshot('old_rows') },
            -1,
          ),
        ),
      ),
      trigger('baseline_persons', 'delete', 'old table as old_rows', 'baseline_persons_facts_delete'),
      ...campaignTriggers(this, (name, event, statements) => [
        `create function ${name}() returns trigger language plpgsql as $$ begin ${statements} return null; end $$`,
        `create trigger ${name} after ${event} execute function ${name}()`,
      ]),
    ];
  },
};
