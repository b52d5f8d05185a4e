// The one way the browser talks to the server: JSON over /api, the session cookie, and the CSRF
// token of the session on every change. Errors come back as ApiError: the refusal's code and
// params (which the errors catalogue words in the reader's language, see error-text.ts), the field
// it concerns and, for a refused import, each bad row keyed the same way.
// `client` is typed from the OpenAPI document (generated/api-types.ts, written by `npm run
// api:types`): a page calling a route with inputs or reading answers the route no longer has does
// not type-check.
import createClient, {
  type FetchResponse,
  type Middleware,
  createFinalURL,
  createQuerySerializer,
  defaultPathSerializer,
} from 'openapi-fetch';
import type { ErrorParams, RowError } from '../shared/errors.ts';
import type { paths } from './generated/api-types.ts';

/** The success answer of a route, e.g. `AnswerOf<'/api/fugitives/{listingNo}'>`. */
export type AnswerOf<
  P extends keyof paths,
  M extends 'get' | 'put' | 'post' | 'delete' = 'get',
> = NonNullable<FetchResponse<NonNullable<paths[P][M]>, object, 'application/json'>['data']>;

/** The JSON body a route takes, e.g. `BodyOf<'/api/clearances', 'post'>`. */
export type BodyOf<P extends keyof paths, M extends 'put' | 'post'> =
  NonNullable<paths[P][M]> extends { requestBody?: { content: { 'application/json': infer B } } } ? B : never;

/** The query parameters a GET route takes, e.g. `QueryOf<'/api/fugitives'>`. */
export type QueryOf<P extends keyof paths> = NonNullable<NonNullable<paths[P]['get']>['parameters']['query']>;

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    /** The server's English, for the console; the reader sees the code worded by the catalogue. */
    message: string,
    readonly field?: string,
    readonly params: ErrorParams = {},
    readonly errors: readonly RowError[] = [],
    /** How many bad rows a refused import had in all; `errors` lists only the first of them. */
    readonly total?: number,
  ) {
    super(message);
  }
}

/** The refusal a failed answer's body describes (a body without a code is worded by the catalogue's fallback). */
function refusal(status: number, body: unknown, statusText: string): ApiError {
  const e = (body ?? {}) as {
    code?: string;
    message?: string;
    field?: string;
    params?: ErrorParams;
    errors?: RowError[];
    total?: number;
  };
  return new ApiError(
    status,
    e.code ?? 'error',
    e.message ?? statusText,
    e.field,
    e.params,
    e.errors,
    e.total,
  );
}

let csrfToken: string | null = null;

export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

const withCsrf: Middleware = {
  onRequest({ request }) {
    if (request.method !== 'GET' && csrfToken) request.headers.set('x-csrf-token', csrfToken);
  },
};

/** The typed client of the API: `await ok(client.POST('/api/clearances', { body }))`. */
export const client = createClient<paths>({ credentials: 'same-origin' });
client.use(withCsrf);

/** The success body of a client call, or its refusal thrown as ApiError. */
export async function ok<T>(call: Promise<{ data?: T; error?: unknown; response: Response }>): Promise<T> {
  const { data, error, response } = await call;
  if (!response.ok) throw refusal(response.status, error, response.statusText);
  return data as T;
}

type Post = { [P in keyof paths]: paths[P]['post'] extends undefined ? never : P }[keyof paths];

/** The path and query parameters of a POST route, e.g. `{ path: { id: 7 } }`. */
type PostParams<P extends Post> = Pick<NonNullable<paths[P]['post']>['parameters'], 'path' | 'query'>;

/**
 * Posts a file (a multipart form) to a route with XMLHttpRequest (fetch cannot report upload
 * progress), with the session's CSRF token like `client`; `onProgress` gets the share sent so far,
 * from 0 to 1. The route and its parameters are checked like the client's, and so is the answer.
 */
export function upload<P extends Post>(
  path: P,
  params: PostParams<P>,
  body: FormData,
  onProgress?: (share: number) => void,
  signal?: AbortSignal,
): Promise<AnswerOf<P, 'post'>> {
  const url = createFinalURL(path, {
    baseUrl: '',
    params,
    querySerializer: createQuerySerializer(),
    pathSerializer: defaultPathSerializer,
  });
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', url);
    xhr.withCredentials = true;
    xhr.responseType = 'text';
    if (csrfToken) xhr.setRequestHeader('x-csrf-token', csrfToken);
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable && e.total > 0) onProgress?.(e.loaded / e.total);
    };
    xhr.onload = () => {
      let data: unknown = {};
      try {
        data = xhr.responseText ? JSON.parse(xhr.responseText) : {};
      } catch {
        data = {};
      }
      if (xhr.status >= 200 && xhr.status < 300) {
        onProgress?.(1);
        resolve(data as AnswerOf<P, 'post'>);
        return;
      }
      reject(refusal(xhr.status, data, xhr.statusText));
    };
    xhr.onerror = () => reject(new ApiError(0, 'network', 'the upload did not reach the server'));
    xhr.onabort = () => reject(new ApiError(0, 'aborted', 'the upload was cancelled'));
    signal?.addEventListener('abort', () => xhr.abort(), { once: true });
    xhr.send(body);
  });
}

/** Posts a multipart form to a route that answers with a file, with the session's CSRF token. */
export async function postForFile(url: string, body: FormData): Promise<Blob> {
  const res = await fetch(url, {
    method: 'POST',
    body,
    credentials: 'same-origin',
    headers: csrfToken ? { 'x-csrf-token': csrfToken } : {},
  });
  if (!res.ok) {
    const data: unknown = await res.json().catch(() => ({}));
    throw refusal(res.status, data, res.statusText);
  }
  return res.blob();
}
