// The evidence files under the data folder, shared by the API (which writes and serves them) and the
// archive activity (which copies them, sealed). Content-addressed: a file lives under the SHA-256 of
// its bytes, so a retried or repeated upload writes nothing new; every read checks that hash again.
import { createHash } from 'node:crypto';
import { appendFile, mkdir, readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { EvidenceUnreadable, type EvidenceCipher } from '../../codec/evidence-cipher';
import { PRIVATE_DIR, PRIVATE_FILE, writePrivateFile } from '../../config/data-dir';
import { EVIDENCE_DOWNLOADS, evidenceFile } from '../../domain/data-layout';

export const sha256Of = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

/** What a read found: the bytes, none stored, or a file that is not what its name says. */
export type EvidenceRead = { status: 'ok'; bytes: Buffer } | { status: 'missing' } | { status: 'mismatch'; reason: string };

export interface DownloadRecord {
  at: string;
  by: string;
  workflowId: string;
  sha256: string;
  name: string;
  /** `inline`: shown as a thumbnail; `attachment`: downloaded */
  as: 'inline' | 'attachment';
  result: EvidenceRead['status'];
}

export class EvidenceStore {
  constructor(
    private readonly dataDir: string,
    private readonly cipher: EvidenceCipher,
  ) {}

  private path(sha256: string): string {
    if (!/^[0-9a-f]{64}$/.test(sha256)) throw new Error(`not a SHA-256: ${sha256}`);
    return join(this.dataDir, evidenceFile(sha256));
  }

  /** Seals and stores the bytes (unless a sound copy is there already); returns their hash. */
  async put(bytes: Buffer): Promise<string> {
    const sha256 = sha256Of(bytes);
    if ((await this.read(sha256)).status === 'ok') return sha256;
    const file = this.path(sha256);
    // a damaged copy is replaced by the sound one just uploaded
    await writePrivateFile(file, this.cipher.seal(bytes));
    return sha256;
  }

  async read(sha256: string): Promise<EvidenceRead> {
    let sealed: Buffer;
    try {
      sealed = await readFile(this.path(sha256));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { status: 'missing' };
      throw error;
    }
    let bytes: Buffer;
    try {
      bytes = this.cipher.open(sealed);
    } catch (error) {
      if (error instanceof EvidenceUnreadable) return { status: 'mismatch', reason: error.message };
      throw error;
    }
    const actual = sha256Of(bytes);
    return actual === sha256 ? { status: 'ok', bytes } : { status: 'mismatch', reason: `its content hashes to ${actual}` };
  }

  /** One line per download, beside the files: kept and backed up with them (README, Evidence). */
  async recordDownload(record: DownloadRecord): Promise<void> {
    const file = join(this.dataDir, EVIDENCE_DOWNLOADS);
    await mkdir(dirname(file), { recursive: true, mode: PRIVATE_DIR });
    await appendFile(file, `${JSON.stringify(record)}\n`, { mode: PRIVATE_FILE });
  }
}
