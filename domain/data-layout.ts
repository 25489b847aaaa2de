// The data folder's layout, in one place: every path Yuqing keeps under YUQING_DATA_DIR, relative
// to it with '/' separators (the form handed to workflows and read back by the API). Pure: the
// callers join these onto the folder and check the ids they put in (activities/files.ts).
export const TEMPORAL_DB = 'temporal.db';
export const USERS_FILE = 'users.json';
/** the duty roster (domain/duty/roster.ts), written by the API, read by the worker's notices and owners */
export const ROSTER_FILE = 'roster.json';
/** one JSON line per roster change: who, when, which entries */
export const ROSTER_CHANGES = 'roster-changes.jsonl';
/** the running launcher's children, so the next start can stop leftovers */
export const LAUNCHER_RECORD = 'launcher.json';

export const LEDGER = 'ledger';
export const REPORTS = 'reports';
export const ARCHIVE = 'archive';
/** the document numbers given, one file per kind of document (activities/document-numbers.ts) */
export const NUMBERS = 'numbers';
export const numberBook = (kind: string) => `${NUMBERS}/${kind}.json`;

const KEYS = 'keys';
export const SESSION_KEY = `${KEYS}/session.key`;
export const SIGNED_OUT_SESSIONS = `${KEYS}/signed-out-sessions.jsonl`;
export const DECISION_SIGNING_KEYRING = `${KEYS}/decision-signing.json`;
export const PAYLOAD_KEYRING = `${KEYS}/payload.json`;

export const incidentFolder = (workflowId: string) => `incidents/${workflowId}`;
export const documentsFolder = (workflowId: string) => `${incidentFolder(workflowId)}/documents`;
export const noticesLog = (workflowId: string) => `${incidentFolder(workflowId)}/notices.log`;
export const releasesFolder = (workflowId: string) => `published/${workflowId}`;
/** a drill's releases (演练): never the real channel, never the folder the site is synced from */
export const SANDBOX = 'sandbox';
export const sandboxReleasesFolder = (workflowId: string) => `${SANDBOX}/published/${workflowId}`;
export const archiveFolder = (workflowId: string) => `${ARCHIVE}/${workflowId}`;
/** inside an archived incident's folder: the state the roll-ups read once Temporal has let go of it */
export const ARCHIVED_STATE = 'state.json';
export const archivedState = (workflowId: string) => `${archiveFolder(workflowId)}/${ARCHIVED_STATE}`;

/**
 * Evidence files, content-addressed: each under its SHA-256, encrypted with the payload key ring
 * (codec/evidence-cipher.ts), so a second upload of the same file is the same file.
 */
export const EVIDENCE = 'evidence';
export const evidenceFile = (sha256: string) => `${EVIDENCE}/${sha256}`;
/** one JSON line per download: who, when, which file of which incident, and whether it checked out */
export const EVIDENCE_DOWNLOADS = `${EVIDENCE}/downloads.jsonl`;
/** inside an archived incident's folder: its evidence, still encrypted, under the same names */
export const ARCHIVED_EVIDENCE = 'evidence';
/**
 * Beside each document's .md, .html and .docx (incident or roll-up, named alike): the print page
 * the worker writes, and the PDF the API prints from it on first download and keeps.
 */
export const printPage = (name: string) => `${name}.print.html`;
export const printedPdf = (name: string) => `${name}.pdf`;
