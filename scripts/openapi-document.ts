// Prints the API's OpenAPI document, as the server serves it at /api/docs/json, without a database
// of any worth (an in-memory one): `npm run lint:api` lints it and the web app's client is typed from it.
import { openStore } from '../src/db/connection.ts';
import { migrateToLatest } from '../src/db/migrate.ts';
import { buildServer } from '../src/http/server.ts';

const store = openStore(':memory:');
await migrateToLatest(store.db);
const app = await buildServer({ store });
await app.ready();
process.stdout.write(JSON.stringify(app.swagger(), null, 2));
await app.close();
