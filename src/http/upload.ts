import type { FastifyRequest } from 'fastify';
import { DomainError, TooLargeError } from '../shared/errors.ts';

/**
 * The one file of a multipart/form-data request (field "file"), read whole; the server's
 * multipart limit (5 MiB) applies. `noun` names the file in the messages ("scan", "photo").
 */
export async function readUpload(
  request: FastifyRequest,
  noun: string,
): Promise<{ bytes: Buffer; fileName: string }> {
  if (!request.isMultipart())
    throw new DomainError('multipart_required', `file: send the ${noun} as multipart/form-data`, 'file');
  try {
    const part = await request.file();
    if (!part) throw new DomainError('required', 'file: is required', 'file', { field: 'file' });
    return { bytes: await part.toBuffer(), fileName: part.filename };
  } catch (error) {
    if (error instanceof request.server.multipartErrors.RequestFileTooLargeError)
      throw new TooLargeError(`file: a ${noun} may be at most 5 MiB`, { limitMb: 5 });
    throw error;
  }
}
