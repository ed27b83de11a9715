import type { Multipart } from '@fastify/multipart';
import type { FastifyRequest } from 'fastify';
import { Writable, type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { DomainError, badRequest, validationFailed, type FieldError } from '../common/errors.js';
import type { SpooledFile, UploadSpool } from './upload-spool.js';

/** A form field is an id or a date: a few hundred bytes is plenty. */
const FIELD_BYTES = 1024;
/** Room around the file for boundaries, part headers and the form's few fields. */
export const ENVELOPE_BYTES = 64 * 1024;
const FILE_FIELD = 'file';

export interface UploadForm {
  fields: Map<string, string[]>;
  file: SpooledFile & { filename: string };
}

export const payloadTooLarge = (limit: number) =>
  new DomainError(413, 'payload_too_large', `The file is larger than the upload limit of ${limit} bytes`, { limitBytes: limit });

/** Busboy reads a file past its limit to the end of the part, only marking it truncated; stop at the limit instead. */
function stopAtLimit(file: Readable, limit: number): Readable {
  file.once('limit', () => file.destroy(payloadTooLarge(limit)));
  return file;
}

const drain = (stream: Readable) => pipeline(stream, new Writable({ write: (_chunk, _encoding, done) => done() }));

/** Every way multipart parsing can fail, as the client's fault with a stable code; disk faults stay 500. */
export function multipartProblem(error: unknown, limit: number): unknown {
  if (error instanceof DomainError) return error;
  const { code, syscall } = error as { code?: string; syscall?: string };
  switch (code) {
    case 'FST_REQ_FILE_TOO_LARGE':
      return payloadTooLarge(limit);
    case 'FST_INVALID_MULTIPART_CONTENT_TYPE':
      return new DomainError(415, 'unsupported_media_type', 'Send the file as multipart/form-data');
    case 'FST_FILES_LIMIT':
      return badRequest('too_many_files', 'Send one file per upload');
    case 'FST_FIELDS_LIMIT':
    case 'FST_PARTS_LIMIT':
      return badRequest('too_many_fields', 'The form has more fields than an upload needs');
    case 'FST_MP_PREMATURE_CLOSE':
    case 'ERR_STREAM_PREMATURE_CLOSE':
    case 'ECONNRESET':
      return badRequest('upload_aborted', 'The upload ended before the whole form arrived');
  }
  if (syscall) return error; // the server's own disk: a real fault
  return badRequest('malformed_multipart', 'The multipart body is not well formed');
}

/**
 * Reads the form in one pass: fields may come before or after the one `file` part, which is
 * spooled to disk as it arrives. Every part is consumed even when the form is wrong, so the
 * client always gets its answer, except past the size limit, where reading stops at once (the
 * connection is then closed). A temp file never outlives a failure.
 */
export async function readUploadForm(request: FastifyRequest, spool: UploadSpool, limit: number): Promise<UploadForm> {
  const declared = Number(request.headers['content-length']);
  if (declared > limit + ENVELOPE_BYTES) throw payloadTooLarge(limit);
  const fields = new Map<string, string[]>();
  const problems: FieldError[] = [];
  let file: UploadForm['file'] | null = null;
  try {
    for await (const part of request.parts({ limits: { fieldSize: FIELD_BYTES, fileSize: limit } }) as AsyncIterable<Multipart>) {
      if (part.type === 'field') {
        if (part.valueTruncated) problems.push({ field: part.fieldname, message: `${part.fieldname} is longer than ${FIELD_BYTES} bytes` });
        fields.set(part.fieldname, [...(fields.get(part.fieldname) ?? []), String(part.value)]);
      } else if (part.fieldname !== FILE_FIELD || file) {
        problems.push({ field: part.fieldname, message: `only one file, in the "${FILE_FIELD}" field, is accepted` });
        await drain(part.file);
      } else {
        const spooled = await spool.receive(stopAtLimit(part.file, limit));
        // Past the limit nothing more is read: the answer is known, and the rest would only be discarded.
        if (part.file.truncated) {
          await spool.discard(spooled.tempPath);
          throw payloadTooLarge(limit);
        }
        file = { ...spooled, filename: part.filename };
      }
    }
  } catch (error) {
    if (file) await spool.discard(file.tempPath);
    throw multipartProblem(error, limit);
  }
  if (!file) problems.push({ field: FILE_FIELD, message: 'a file is required' });
  if (problems.length) {
    if (file) await spool.discard(file.tempPath);
    throw validationFailed(problems, 'The upload form is not valid');
  }
  return { fields, file: file! };
}
