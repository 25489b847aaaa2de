// What the app needs from the outside world, passed in so tests build it against their own
// Temporal dev server, users and keys, and main.ts against the configured ones.
import type { Client } from '@temporalio/client';
import type { EvidenceLimits } from '../config/evidence';
import type { DecisionSigner } from '../config/signing';
import type { PolicySnapshot } from '../domain/model/schema';
import type { LoginLimit } from './auth/login-throttle';
import type { RevokedSessions } from './auth/revoked-sessions';
import type { UserStore } from './auth/users';
import type { Script } from '../domain/script';
import type { EvidenceStore } from './evidence/store';
import type { PdfPrinter } from './print-pdf';

export interface AppDeps {
  client: Client;
  taskQueue: string;
  users: UserStore;
  /** signs session cookies and derives CSRF tokens */
  sessionKey: Buffer;
  /** sessions signed out before their cookie expired */
  revokedSessions: RevokedSessions;
  /** the policy snapshot frozen into each new incident (its signing keys are `signer`'s public ones) */
  policy: (now: Date) => PolicySnapshot;
  /** signs every decision the API sends, so the workflow can tell it from one sent to Temporal directly */
  signer: DecisionSigner;
  /** where activities write documents: <dataDir>/incidents/<workflowId>/documents */
  dataDir: string;
  /** evidence files, sealed under <dataDir>/evidence; the workers' archive copies them */
  evidence: EvidenceStore;
  evidenceLimits: EvidenceLimits;
  /** base URL of the Temporal Web UI, for the incident page's history link */
  temporalUiUrl: string;
  /** set the Secure flag on cookies (when served over https) */
  secureCookies?: boolean;
  /** failed sign-ins allowed per account and address, account, and address, per window */
  loginLimit?: LoginLimit;
  /** how long a query or list may wait for Temporal (and the worker) before the API answers 503 */
  temporalTimeoutMs?: number;
  /** how long a decision waits for the workflow's verdict before the API answers 202 */
  verdictTimeoutMs?: number;
  /** the script each new incident writes its texts in: the organisation file's `language`; Simplified when unset */
  script?: Script;
  /** where an alert goes when its sender names no department (YUQING_INTAKE_DEPARTMENT) */
  intakeDepartment?: string;
  /** largest request body accepted before 413 */
  bodyLimit?: string;
  /** prints documents' PDFs; Chromium at CHROMIUM_PATH or /usr/bin/chromium when unset */
  pdf?: PdfPrinter;
  log?: (line: string) => void;
}
