/**
 * The report in an intake request: JSON `{"text"}`, plain text, or multipart/form-data with a `file` (.docx or
 * .pdf; a `text` field also works). Problems are 400s (DomainError `invalid-input`) naming the field.
 */
import busboy from 'busboy';
import { z } from 'zod';
import { invalid, type DomainError } from '../domain/errors';
import { fileKind, reportFileText, UnreadableFile } from '../domain/intake/extractText';

export const MAX_UPLOAD_BYTES = 1024 * 1024;

/** A 400 naming the fields of the request that are wrong. */
function refused(fields: Record<string, string>, message = `Invalid input: ${Object.keys(fields).join(', ')}`): DomainError {
  return invalid(message, fields);
}

export const intakeTextSchema = z.object({
  // Not trimmed: sources count lines of the text exactly as sent.
  text: z.string({ error: 'Required: the text of the report' }).refine((t) => t.trim() !== '', 'The report text is empty'),
});

export interface IntakeRequest {
  contentType: string;
  body: Buffer;
}

export async function reportTextOf(req: IntakeRequest): Promise<string> {
  const type = req.contentType.split(';')[0].trim().toLowerCase();
  if (type === 'multipart/form-data') return fromMultipart(req);
  if (type === 'text/plain') return textOrError(req.body.toString('utf8'), 'body');
  if (type && !/^application\/(.+\+)?json$/.test(type)) {
    throw refused({ body: `unsupported content-type ${type}: send JSON {"text": "..."} or multipart/form-data with a file` });
  }
  let json: unknown;
  try {
    json = JSON.parse(req.body.toString('utf8'));
  } catch {
    throw refused({ body: 'not valid JSON' }, 'The request body is not valid JSON');
  }
  const parsed = intakeTextSchema.safeParse(json);
  if (!parsed.success) {
    const fields: Record<string, string> = {};
    for (const issue of parsed.error.issues) fields[issue.path.join('.') || 'body'] = issue.message;
    throw refused(fields);
  }
  return parsed.data.text;
}

function textOrError(text: string, field: string): string {
  if (!text.trim()) throw refused({ [field]: 'The report text is empty' });
  return text;
}

interface Part {
  filename: string;
  mimeType: string;
  data: Buffer;
  chunks: Buffer[];
  truncated: boolean;
}

async function fromMultipart(req: IntakeRequest): Promise<string> {
  const { file, text } = await readParts(req);
  if (file) {
    if (file.truncated) throw refused({ file: `over ${MAX_UPLOAD_BYTES / 1024 / 1024} MB` });
    if (!file.data.length) throw refused({ file: 'The file is empty' });
    const kind = fileKind(file.filename, file.mimeType, file.data);
    if (!kind) {
      const named = file.filename ? `${file.filename} (${file.mimeType})` : file.mimeType;
      throw refused({ file: `${named} is not a .docx or .pdf file: upload the report as .docx or .pdf, or paste its text` });
    }
    try {
      return await reportFileText(kind, file.data);
    } catch (err) {
      if (err instanceof UnreadableFile) throw refused({ file: err.message });
      throw err;
    }
  }
  if (text !== undefined) return textOrError(text, 'text');
  throw refused({ file: 'Required: a .docx or .pdf file in the form field "file" (or the report text in "text")' });
}

function readParts(req: IntakeRequest): Promise<{ file?: Part; text?: string }> {
  return new Promise((resolve, reject) => {
    let parser: busboy.Busboy;
    try {
      parser = busboy({
        headers: { 'content-type': req.contentType },
        limits: { fileSize: MAX_UPLOAD_BYTES, files: 1, fields: 20, fieldSize: MAX_UPLOAD_BYTES },
      });
    } catch {
      return reject(refused({ body: 'multipart/form-data without a boundary' }));
    }
    const out: { file?: Part; text?: string } = {};
    parser.on('file', (name, stream, info) => {
      if (name !== 'file' || out.file) {
        stream.resume();
        return;
      }
      const part: Part = { filename: info.filename ?? '', mimeType: info.mimeType ?? '', data: Buffer.alloc(0), chunks: [], truncated: false };
      out.file = part;
      stream.on('data', (chunk: Buffer) => part.chunks.push(chunk));
      stream.on('limit', () => (part.truncated = true));
    });
    parser.on('field', (name, value) => {
      if (name === 'text') out.text = value;
    });
    parser.on('close', () => {
      if (out.file) out.file.data = Buffer.concat(out.file.chunks);
      resolve(out);
    });
    parser.on('error', () => reject(refused({ body: 'not a well-formed multipart/form-data body' })));
    parser.end(req.body);
  });
}
