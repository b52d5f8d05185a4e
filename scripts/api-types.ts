// Writes src/web/generated/api-types.ts, the TypeScript types of every route's inputs and answers,
// from the OpenAPI document (openapi-typescript). The web app's client (src/web/api.ts) is typed by
// it, so a route whose schema changes breaks the type check of every page that does not follow.
// The file is generated, not committed: `npm run typecheck`, `build` and `prestart` write it first.
import { mkdir, writeFile } from 'node:fs/promises';
import openapiTS, { astToString, COMMENT_HEADER, type OpenAPI3 } from 'openapi-typescript';
import { openapiDocument } from './openapi-document.ts';

const target = new URL('../src/web/generated/api-types.ts', import.meta.url);
const ast = await openapiTS((await openapiDocument()) as OpenAPI3, { silent: true });
await mkdir(new URL('.', target), { recursive: true });
await writeFile(target, COMMENT_HEADER + astToString(ast));
