// How much evidence a person may attach: per file, and per incident (each file counted once).
// Environment settings rather than policy: they bound the data folder's disk, not how an incident
// is handled, and they apply to every incident at once, running or new.
import { z } from 'zod';
import { parseSettings } from './env';

const megabytes = z.coerce.number().positive().max(4096);

const EvidenceEnv = z
  .object({
    YUQING_EVIDENCE_MAX_FILE_MB: megabytes.default(25),
    YUQING_EVIDENCE_MAX_INCIDENT_MB: megabytes.default(200),
  })
  .refine((e) => e.YUQING_EVIDENCE_MAX_FILE_MB <= e.YUQING_EVIDENCE_MAX_INCIDENT_MB, {
    path: ['YUQING_EVIDENCE_MAX_FILE_MB'],
    message: 'must not be above YUQING_EVIDENCE_MAX_INCIDENT_MB',
  });

export interface EvidenceLimits {
  fileBytes: number;
  incidentBytes: number;
}

const MB = 1024 * 1024;

export function loadEvidenceLimits(source: NodeJS.ProcessEnv = process.env): EvidenceLimits {
  const env = parseSettings(EvidenceEnv, source);
  return { fileBytes: Math.floor(env.YUQING_EVIDENCE_MAX_FILE_MB * MB), incidentBytes: Math.floor(env.YUQING_EVIDENCE_MAX_INCIDENT_MB * MB) };
}

export const DEFAULT_EVIDENCE_LIMITS = loadEvidenceLimits({});

/** 25 MB: limits as people set them */
export const inMegabytes = (bytes: number) => `${Math.round((bytes / MB) * 10) / 10} MB`;
