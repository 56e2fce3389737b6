import yauzl from 'yauzl';
import { InputProblems } from '../../common/errors';

/** What a zip (an XLSX is one) may hold before anything is handed to the workbook library. */
export interface ZipLimits {
  maxEntries: number;
  maxUnzippedBytes: number;
}

const refuse = (message: string) => new InputProblems([{ path: 'fileBase64', message, code: 'UNREADABLE_FILE' }]);
const mb = (n: number) => `${Math.round(n / 1048576)} MB`;

const open = (bytes: Buffer) =>
  new Promise<yauzl.ZipFile>((resolve, reject) =>
    yauzl.fromBuffer(bytes, { lazyEntries: true, validateEntrySizes: true, strictFileNames: false }, (err, zip) => (err ? reject(err) : resolve(zip))),
  );

/** Every entry of the central directory (names and declared sizes), stopping past maxEntries. */
function entries(zip: yauzl.ZipFile, limits: ZipLimits): Promise<yauzl.Entry[]> {
  return new Promise((resolve, reject) => {
    const list: yauzl.Entry[] = [];
    let declared = 0;
    zip.on('entry', (e: yauzl.Entry) => {
      list.push(e);
      declared += e.uncompressedSize;
      if (list.length > limits.maxEntries) {
        zip.close();
        return reject(refuse(`the file holds more than ${limits.maxEntries} parts: not a spreadsheet this server reads`));
      }
      if (declared > limits.maxUnzippedBytes) {
        zip.close();
        return reject(refuse(`the file unpacks to more than ${mb(limits.maxUnzippedBytes)}: split the sheet or remove what it does not need`));
      }
      zip.readEntry();
    });
    zip.once('end', () => resolve(list));
    zip.once('error', reject);
    zip.readEntry();
  });
}

/** Inflates one entry without keeping it, counting its bytes (yauzl stops one that outgrows its declared size). */
function drain(zip: yauzl.ZipFile, entry: yauzl.Entry): Promise<number> {
  return new Promise((resolve, reject) => {
    zip.openReadStream(entry, (err, stream) => {
      if (err) return reject(err);
      let n = 0;
      stream.on('data', (chunk: Buffer) => (n += chunk.length));
      stream.once('end', () => resolve(n));
      stream.once('error', reject);
    });
  });
}

/**
 * Refuses (InputProblems on `fileBase64`) a zip whose central directory lists more than
 * maxEntries entries or declares more than maxUnzippedBytes in all, then inflates every entry
 * in a stream, holding none of it, so that an entry that lies about its size is caught too
 * (yauzl checks each against its declared size). Only a file that passes both is read by the
 * workbook library, which inflates everything in memory at once.
 */
export async function checkZip(bytes: Buffer, limits: ZipLimits): Promise<void> {
  let zip: yauzl.ZipFile;
  try {
    zip = await open(bytes);
  } catch {
    throw refuse('not a readable XLSX file');
  }
  try {
    const list = await entries(zip, limits);
    let total = 0;
    for (const entry of list) {
      if (entry.fileName.endsWith('/')) continue;
      total += await drain(zip, entry);
      if (total > limits.maxUnzippedBytes) throw refuse(`the file unpacks to more than ${mb(limits.maxUnzippedBytes)}`);
    }
  } catch (e) {
    if (e instanceof InputProblems) throw e;
    const lied = e instanceof Error && /too many bytes in the stream/.test(e.message);
    throw refuse(lied ? 'not a readable XLSX file: a part unpacks to more than it declares' : 'not a readable XLSX file');
  } finally {
    zip.close();
  }
}
