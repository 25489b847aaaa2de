// Field shapes several decisions share.
import { z } from 'zod';
import { label } from '../labels';
import type { Attachment } from '../model/schema';
import { freezeShallow } from '../rules/shareable';

export const text = (max: number) => z.string().trim().min(1).max(max);
export const comment = z.string().trim().max(2000).default('');
export const reason = text(2000);
export const releaseNo = z.number().int().positive();
export const responseNo = z.number().int().positive();
/** the hash of the version a review decides on, as the pending decision lists it */
export const draftHash = z.string().regex(/^[0-9a-f]{64}$/, label('validation', 'currentDraft', 'en'));
/** evidence and links a person reads: only web addresses, never javascript: or data: */
export const webUrl = z.url({ protocol: /^https?$/ }).max(2000);

/** files fixed by their hash; spread into a record only when there are some, so records from before stay as they were */
export const attached = (attachments: Attachment[] | undefined) => (attachments?.length ? { attachments } : {});

// loaded with the preloaded decisions (index.ts), so the SDK deep-freezes these too: frozen first,
// their patterns stay writable for zod (rules/shareable.ts)
freezeShallow([comment, reason, releaseNo, responseNo, draftHash, webUrl]);
