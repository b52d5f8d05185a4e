// Issue 13: a write transaction that collides with another (PostgreSQL: a deadlock, a serialization
// failure, a lock not available) is run again, a few times, with jittered pauses; one that still
// fails, or that cannot be run twice (an import streaming its file), answers 503 busy, never 500.
import Fastify from 'fastify';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { unitRow } from '../src/areas/units/schema.ts';
import { importUnits } from '../src/areas/units/service.ts';
import { asRows } from '../src/demo/load-demo.ts';
import { sendError } from '../src/http/errors.ts';
import { parseRows } from '../src/import/parsed-rows.ts';
import { COLLISION_ATTEMPTS, type Context, inTransaction, inTransactionOnce } from '../src/shared/context.ts';
import { BusyError } from '../src/shared/errors.ts';
import { DIALECTS, type TestStore, contextFor, freshStore } from './support/stores.ts';

/** An error as pg reports a PostgreSQL refusal: `code` is the SQLSTATE. */
const pgError = (code: string) => Object.assign(new Error(`simulated ${code}`), { code });

function deferred() {
  let resolve!: () => void;
  const done = new Promise<void>((r) => (resolve = r));
  return { done, resolve };
}

async function probeRows(ctx: Context): Promise<number[]> {
  const { rows } = await sql<{ attempt: number }>`select attempt from retry_probe order by attempt`.execute(
    ctx.db,
  );
  return rows.map((r) => Number(r.attempt));
}

describe.each(DIALECTS)('a transaction that collides, on %s', (dialect) => {
  let store: TestStore;
  let ctx: Context;

  beforeAll(async () => {
    store = await freshStore(dialect);
    ctx = contextFor(store);
    await sql`create table retry_probe (attempt integer not null)`.execute(store.db);
  });
  afterAll(() => store?.dispose());

  const clearProbe = () => sql`delete from retry_probe`.execute(store.db);

  it('runs again after a deadlock twice, keeping only the run that committed', async () => {
    await clearProbe();
    let runs = 0;
    const result = await inTransaction(ctx, async (tx) => {
      runs += 1;
      await sql`insert into retry_probe (attempt) values (${runs})`.execute(tx.db);
      if (runs <= 2) throw pgError('40P01');
      return 'done';
    });
    expect(result).toBe('done');
    expect(runs).toBe(3);
    expect(await probeRows(ctx)).toEqual([3]); // the two failed runs were rolled back
  });

  it('runs again after a serialization failure and a lock not available', async () => {
    let runs = 0;
    const codes = ['40001', '55P03'];
    await inTransaction(ctx, async () => {
      runs += 1;
      const code = codes[runs - 1];
      if (code) throw pgError(code);
    });
    expect(runs).toBe(3);
  });

  it('does not run again after an error that is not a collision', async () => {
    await clearProbe();
    let runs = 0;
    const unique = pgError('23505');
    await expect(
      inTransaction(ctx, async (tx) => {
        runs += 1;
        await sql`insert into retry_probe (attempt) values (${runs})`.execute(tx.db);
        throw unique;
      }),
    ).rejects.toBe(unique);
    expect(runs).toBe(1);
    expect(await probeRows(ctx)).toEqual([]);
  });

  it(`gives up as busy (503) after ${COLLISION_ATTEMPTS} runs that all collide`, async () => {
    let runs = 0;
    await expect(
      inTransaction(ctx, async () => {
        runs += 1;
        throw pgError('40P01');
      }),
    ).rejects.toBeInstanceOf(BusyError);
    expect(runs).toBe(COLLISION_ATTEMPTS);
  });

  it('never runs again a transaction that cannot run twice: it is refused as busy', async () => {
    let runs = 0;
    await expect(
      inTransactionOnce(ctx, async () => {
        runs += 1;
        throw pgError('40P01');
      }),
    ).rejects.toBeInstanceOf(BusyError);
    expect(runs).toBe(1);
  });

  it('never reads an import file twice: a collision while the rows stream refuses the import as busy', async () => {
    let reads = 0;
    async function* rows() {
      reads += 1;
      yield* parseRows(
        unitRow,
        asRows([{ code: 'RB', name: 'Retry Bureau', kind: 'bureau', parent_code: '' }]),
      );
      throw pgError('40P01');
    }
    await expect(importUnits(ctx, rows())).rejects.toBeInstanceOf(BusyError);
    expect(reads).toBe(1);
    expect(await store.db.selectFrom('units').select('id').where('code', '=', 'RB').execute()).toEqual([]);
  });
});

describe('a real deadlock on PostgreSQL', () => {
  let store: TestStore;
  let ctx: Context;

  beforeAll(async () => {
    store = await freshStore('postgres');
    ctx = contextFor(store);
    await sql`create table deadlock_probe (id integer primary key, value integer not null)`.execute(store.db);
    await sql`insert into deadlock_probe (id, value) values (1, 0), (2, 0)`.execute(store.db);
  });
  afterAll(() => store?.dispose());

  async function values(): Promise<number[]> {
    const { rows } = await sql<{ value: number }>`select value from deadlock_probe order by id`.execute(
      store.db,
    );
    return rows.map((r) => Number(r.value));
  }

  /**
   * Two transactions, on two connections of the pool, each locking one row and then the other's:
   * each waits, on its first run, until the other holds its first row, so they deadlock for sure.
   * PostgreSQL breaks the deadlock by rolling one of them back (after deadlock_timeout, 1 s).
   */
  function deadlocking(run: typeof inTransaction) {
    const runs: [number, number] = [0, 0];
    const locked = [deferred(), deferred()] as const;
    const side = (mine: 0 | 1) =>
      run(ctx, async (tx) => {
        runs[mine] += 1;
        const [first, second] = mine === 0 ? [1, 2] : [2, 1];
        await sql`update deadlock_probe set value = value + 1 where id = ${first}`.execute(tx.db);
        locked[mine].resolve();
        await locked[mine === 0 ? 1 : 0].done; // at once on a second run: the other has locked its row long ago
        await sql`update deadlock_probe set value = value + 10 where id = ${second}`.execute(tx.db);
        return mine;
      });
    return { runs, outcomes: Promise.allSettled([side(0), side(1)]) };
  }

  it('runs the transaction PostgreSQL rolled back again, and both writes are kept', async () => {
    await sql`update deadlock_probe set value = 0`.execute(store.db);
    const { runs, outcomes } = deadlocking(inTransaction);
    const settled = await outcomes;
    expect(settled.map((s) => s.status)).toEqual(['fulfilled', 'fulfilled']);
    expect([...runs].sort()).toEqual([1, 2]); // the deadlock's victim ran twice
    expect(await values()).toEqual([11, 11]);
  }, 30_000);

  it('refuses as busy, without running it again, a transaction that cannot run twice', async () => {
    await sql`update deadlock_probe set value = 0`.execute(store.db);
    const { runs, outcomes } = deadlocking(inTransactionOnce);
    const settled = await outcomes;
    expect(runs).toEqual([1, 1]);
    const refused = settled.filter((s) => s.status === 'rejected');
    expect(refused).toHaveLength(1);
    expect((refused[0] as PromiseRejectedResult).reason).toBeInstanceOf(BusyError);
    // Only the other one's writes are kept.
    expect((await values()).sort((a, b) => a - b)).toEqual([1, 10]);
  }, 30_000);
});

describe('a collision that reaches the client', () => {
  it.each(['40P01', '40001', '55P03', 'SQLITE_BUSY'])(
    'answers %s as 503 busy with Retry-After',
    async (code) => {
      const fastify = Fastify();
      fastify.setErrorHandler(sendError);
      fastify.get('/', () => Promise.reject(pgError(code)));
      const res = await fastify.inject({ method: 'GET', url: '/' });
      expect(res.statusCode).toBe(503);
      expect(res.json()).toMatchObject({ code: 'busy' });
      expect(Number(res.headers['retry-after'])).toBeGreaterThan(0);
      await fastify.close();
    },
  );
});
