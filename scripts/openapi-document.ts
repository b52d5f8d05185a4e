// The API's OpenAPI document, as the server serves it at /api/docs/json, built without a database
// of any worth (an in-memory one). Run directly it prints the document: `npm run lint:api` lints it;
// scripts/api-types.ts types the web app's client from it.
import { pathToFileURL } from 'node:url';
import { openStore } from '../src/db/connection.ts';
import { migrateToLatest } from '../src/db/migrate.ts';
import { buildServer } from '../src/http/server.ts';

export async function openapiDocument(): Promise<unknown> {
  const store = openStore(':memory:');
  await migrateToLatest(store.db);
  const app = await buildServer({ store });
  await app.ready();
  const document = app.swagger();
  await app.close();
  return document;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href)
  process.stdout.write(JSON.stringify(await openapiDocument(), null, 2));
