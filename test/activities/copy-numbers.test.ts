// 份号 (GB/T 9704 §7.2.1) in the Word files, opened as the zip they are: printed top left above the
// 密级 and 紧急程度 when the organisation's profile asks for them, one sequence a year across every
// kind of document, kept by a retried render; a drill's documents number from books of their own and
// carry 【演练】 in their file names.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { strFromU8, unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { localYear } from '../../activities/document-numbers';
import { parseOrganisationFile, OrganisationFileError } from '../../config/organisation-file';
import { incidentState, useActivitiesOfOrganisation } from './fixtures';

const withCopies = useActivitiesOfOrganisation('{ "name": "某县教育局", "numberPrefix": "某教", "secrecy": "秘密", "urgency": "特急", "copyNumbers": true }');

/** the document's paragraphs' texts, in order */
async function paragraphs(dataDir: string, docx: string): Promise<string[]> {
  const xml = strFromU8(unzipSync(await readFile(join(dataDir, docx)))['word/document.xml']!);
  return xml.split('<w:p>').slice(1).map((p) => [...p.matchAll(/<w:t[^>]*>([^<]*)<\/w:t>/g)].map((m) => m[1]).join(''));
}

describe('份号', () => {
  it('prints each document its own six digits top left, once per render, above 密级 and 紧急程度', async () => {
    const { activities, dataDir } = withCopies();
    const special = await activities.renderDocument({ idempotencyKey: 'copy-special-1', kind: 'special', state: incidentState() });
    const summary = await activities.renderDocument({ idempotencyKey: 'copy-summary-1', kind: 'summary', state: incidentState() });
    // a retry of the first render keeps its 份号 (and its 期号)
    const retried = await activities.renderDocument({ idempotencyKey: 'copy-special-1', kind: 'special', state: incidentState() });
    expect(retried.number).toBe(special.number);

    const first = await paragraphs(dataDir, special.paths.docx as string);
    expect(first.slice(0, 3)).toEqual(['000001', '秘密', '特急']);
    expect((await paragraphs(dataDir, summary.paths.docx as string)).slice(0, 3)).toEqual(['000002', '秘密', '特急']);
    expect((await paragraphs(dataDir, retried.paths.docx as string)).slice(0, 1)).toEqual(['000001']);
  });

  it('keeps a drill out of the office\'s sequences: its own 份号 and 期号, 【演练】 in its file name and title', async () => {
    const { activities, dataDir } = withCopies();
    const year = localYear(new Date());
    const drill = await activities.renderDocument({ idempotencyKey: 'copy-drill-1', kind: 'drillSummary', state: incidentState({ drill: true }), drillFactor: 0.1 });
    expect(drill.title.startsWith('【演练】')).toBe(true);
    expect(drill.number).toBe(`某教〔${year}〕1号`);
    expect(drill.paths.docx).toMatch(new RegExp(`/【演练】演练总结某教〔${year}〕1号\\.docx$`));
    const texts = await paragraphs(dataDir, drill.paths.docx as string);
    expect(texts[0]).toBe('000001');
    expect(texts.some((t) => t.includes('【演练】演练总结'))).toBe(true);
    // the office's next real document goes on from its own sequences, untouched by the drill
    const real = await activities.renderDocument({ idempotencyKey: 'copy-summary-2', kind: 'summary', state: incidentState() });
    expect(real.number).toBe(`某教〔${year}〕2号`);
    expect((await paragraphs(dataDir, real.paths.docx as string))[0]).toBe('000003');
  });

  it('is off by default, and the profile refuses anything but a boolean', () => {
    expect(parseOrganisationFile('{}', 'organisation.jsonc').copyNumbers).toBe(false);
    expect(() => parseOrganisationFile('{ "copyNumbers": "yes" }', 'organisation.jsonc')).toThrow(OrganisationFileError);
    expect(() => parseOrganisationFile('{ "copyNumbers": "yes" }', 'organisation.jsonc')).toThrow(/copyNumbers/);
  });
});
