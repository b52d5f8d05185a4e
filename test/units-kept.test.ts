// The unit tree is read on almost every request, so outside a transaction it is kept until the
// figures version moves. A units import moves it: the next read sees the new units, and the scope
// walk (subtreeIdsOf) with them; inside a transaction the tree is always read afresh.
import { afterEach, describe, expect, it } from 'vitest';
import { allUnits, subtreeIdsOf } from '../src/areas/units/repo.ts';
import { importUnits } from '../src/areas/units/service.ts';
import { unitRow } from '../src/areas/units/schema.ts';
import { asRows } from '../src/demo/load-demo.ts';
import { parseRows } from '../src/import/parsed-rows.ts';
import { inTransaction } from '../src/shared/context.ts';
import { DIALECTS, type TestStore, contextFor, freshStore } from './support/stores.ts';

describe.each(DIALECTS)('the kept unit tree on %s', (dialect) => {
  let store: TestStore;
  afterEach(() => store.dispose());

  const load = (rows: Record<string, string>[]) =>
    importUnits(contextFor(store), parseRows(unitRow, asRows(rows)));

  it('sees every units import at the next read, and hands out copies of frozen rows', async () => {
    store = await freshStore(dialect);
    await load([
      { code: 'B', name: '市局', kind: 'bureau', parent_code: '' },
      { code: 'S1', name: '城东分局', kind: 'sub_bureau', parent_code: 'B' },
    ]);
    const first = await allUnits(store.db);
    expect(first.map((u) => u.code)).toEqual(['B', 'S1']);
    first.pop(); // the caller's array: the kept list is not shortened
    expect((await allUnits(store.db)).map((u) => u.code)).toEqual(['B', 'S1']);
    expect(Object.isFrozen((await allUnits(store.db))[0])).toBe(true);
    const s1 = (await allUnits(store.db)).find((u) => u.code === 'S1')!;
    const walked = await subtreeIdsOf(store.db, s1.id);
    expect(walked).toEqual([s1.id]);
    walked.pop(); // the caller's array: the kept subtree stays whole
    expect(await subtreeIdsOf(store.db, s1.id)).toEqual([s1.id]);

    await load([{ code: 'P1', name: '东关派出所', kind: 'station', parent_code: 'S1' }]);
    const after = await allUnits(store.db);
    expect(after.map((u) => u.code)).toEqual(['B', 'P1', 'S1']);
    const p1 = after.find((u) => u.code === 'P1')!;
    expect((await subtreeIdsOf(store.db, s1.id)).sort()).toEqual([s1.id, p1.id].sort());
    await inTransaction(contextFor(store), async (tx) => {
      expect((await subtreeIdsOf(tx.db, s1.id)).sort()).toEqual([s1.id, p1.id].sort());
      expect(await allUnits(tx.db)).toHaveLength(3);
    });
  });
});
