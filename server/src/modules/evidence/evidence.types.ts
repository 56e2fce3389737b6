/**
 * The kinds of file that may be uploaded as evidence: by extension AND by content. The stored
 * MIME type comes from here, never from the client, and a file whose first bytes do not look like
 * its extension is refused (a renamed executable is not a PDF).
 *
 * Pure: config.ts validates EVIDENCE_TYPES against this list.
 */
export type Signature = 'pdf' | 'ole' | 'zip' | 'ooxml' | 'odt' | 'ods' | 'png' | 'jpeg' | 'text';

export interface FileType {
  mimeType: string;
  signature: Signature;
}

export const EVIDENCE_FILE_TYPES: Readonly<Record<string, FileType>> = {
  pdf: { mimeType: 'application/pdf', signature: 'pdf' },
  doc: { mimeType: 'application/msword', signature: 'ole' },
  docx: { mimeType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', signature: 'ooxml' },
  xls: { mimeType: 'application/vnd.ms-excel', signature: 'ole' },
  xlsx: { mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', signature: 'ooxml' },
  odt: { mimeType: 'application/vnd.oasis.opendocument.text', signature: 'odt' },
  ods: { mimeType: 'application/vnd.oasis.opendocument.spreadsheet', signature: 'ods' },
  png: { mimeType: 'image/png', signature: 'png' },
  jpg: { mimeType: 'image/jpeg', signature: 'jpeg' },
  jpeg: { mimeType: 'image/jpeg', signature: 'jpeg' },
  zip: { mimeType: 'application/zip', signature: 'zip' },
  txt: { mimeType: 'text/plain', signature: 'text' },
  csv: { mimeType: 'text/csv', signature: 'text' },
};

export const KNOWN_EVIDENCE_TYPES: readonly string[] = Object.keys(EVIDENCE_FILE_TYPES);
export const DEFAULT_EVIDENCE_TYPES: readonly string[] = KNOWN_EVIDENCE_TYPES;

/** How many leading bytes the content check needs (a ZIP's first entry name and an ODF mimetype fit). */
export const SNIFF_BYTES = 4096;

/** "Báo cáo.PDF" → "pdf"; no extension → "". */
export function extensionOf(fileName: string): string {
  const m = /\.([A-Za-z0-9]{1,10})$/.exec(fileName);
  return m ? m[1].toLowerCase() : '';
}

const startsWith = (head: Buffer, bytes: number[]): boolean => head.length >= bytes.length && bytes.every((b, i) => head[i] === b);

const MAGIC = {
  pdf: [0x25, 0x50, 0x44, 0x46, 0x2d], // %PDF-
  ole: [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1], // Compound File Binary (doc, xls)
  png: [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a],
  jpeg: [0xff, 0xd8, 0xff],
  zipLocal: [0x50, 0x4b, 0x03, 0x04],
  zipEmpty: [0x50, 0x4b, 0x05, 0x06],
};

/** The ODF mimetype a ZIP declares in its first, stored entry "mimetype", if it does. */
function odfMimeType(head: Buffer): string | null {
  if (!startsWith(head, MAGIC.zipLocal) || head.length < 30) return null;
  const method = head.readUInt16LE(8);
  const nameLength = head.readUInt16LE(26);
  const extraLength = head.readUInt16LE(28);
  const size = head.readUInt32LE(18);
  if (head.length < 30 + nameLength) return null;
  if (head.toString('latin1', 30, 30 + nameLength) !== 'mimetype' || method !== 0) return null;
  const start = 30 + nameLength + extraLength;
  return head.toString('latin1', start, Math.min(head.length, start + Math.min(size, 100)));
}

/** Text: no NUL bytes (UTF-16 with its byte-order mark aside), and no known binary signature. */
function looksLikeText(head: Buffer): boolean {
  if (startsWith(head, [0xff, 0xfe]) || startsWith(head, [0xfe, 0xff])) return true;
  if (Object.values(MAGIC).some((m) => startsWith(head, m))) return false;
  return !head.includes(0);
}

/**
 * Whether a file's first bytes (up to SNIFF_BYTES, or the whole file when shorter) fit the type
 * its extension names. `head` is never empty here: empty files are refused before.
 */
export function contentMatches(type: FileType, head: Buffer): boolean {
  const zip = startsWith(head, MAGIC.zipLocal) || startsWith(head, MAGIC.zipEmpty);
  switch (type.signature) {
    case 'pdf':
      return startsWith(head, MAGIC.pdf);
    case 'ole':
      return startsWith(head, MAGIC.ole);
    case 'png':
      return startsWith(head, MAGIC.png);
    case 'jpeg':
      return startsWith(head, MAGIC.jpeg);
    case 'zip':
      return zip;
    case 'ooxml':
      return zip && odfMimeType(head) === null;
    case 'odt':
      return odfMimeType(head) === EVIDENCE_FILE_TYPES.odt.mimeType;
    case 'ods':
      return odfMimeType(head) === EVIDENCE_FILE_TYPES.ods.mimeType;
    case 'text':
      return looksLikeText(head);
  }
}

/**
 * A file name fit to show and to send back in Content-Disposition: no folders (some browsers send
 * "C:\fakepath\…"), no control characters, at most 200 characters with the extension kept. It is
 * never part of a path on disk.
 */
export function cleanFileName(raw: string | undefined): string {
  const base = (raw ?? '').split(/[\\/]/).pop() ?? '';
  // eslint-disable-next-line no-control-regex
  const clean = base.normalize('NFC').replace(/[\u0000-\u001f\u007f]/g, '').trim();
  if (clean.length <= 200) return clean;
  const ext = extensionOf(clean);
  return ext ? clean.slice(0, 199 - ext.length) + '.' + ext : clean.slice(0, 200);
}
