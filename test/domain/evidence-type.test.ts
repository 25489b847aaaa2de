// The type of a file is what its bytes are, and a name must agree with it.
import { describe, expect, it } from 'vitest';
import { evidenceProblem, nameFits, sniffEvidenceType } from '../../domain/rules/evidence-type';
import { docx, exe, pdf, png, zip } from '../helpers/evidence-files';

const mp4 = (brand: string) => Buffer.concat([Buffer.from([0, 0, 0, 24]), Buffer.from(`ftyp${brand}`), Buffer.alloc(16)]);

describe('evidence types by content', () => {
  it('tells each accepted kind from its first bytes and its ZIP directory', () => {
    expect(sniffEvidenceType(png())).toBe('image/png');
    expect(sniffEvidenceType(Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 0x10]))).toBe('image/jpeg');
    expect(sniffEvidenceType(Buffer.from('GIF89a\x01\x00'))).toBe('image/gif');
    expect(sniffEvidenceType(Buffer.from('RIFF\x10\x00\x00\x00WEBPVP8 '))).toBe('image/webp');
    expect(sniffEvidenceType(pdf('检查报告'))).toBe('application/pdf');
    expect(sniffEvidenceType(docx('报告'))).toBe('application/vnd.openxmlformats-officedocument.wordprocessingml.document');
    expect(sniffEvidenceType(zip({ '[Content_Types].xml': '', 'xl/workbook.xml': '' }))).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    expect(sniffEvidenceType(zip({ '[Content_Types].xml': '', 'ppt/presentation.xml': '' }))).toBe('application/vnd.openxmlformats-officedocument.presentationml.presentation');
    expect(sniffEvidenceType(mp4('isom'))).toBe('video/mp4');
    expect(sniffEvidenceType(mp4('qt  '))).toBe('video/quicktime');
  });

  it('refuses everything else: programs, HTML, SVG, a plain ZIP, HEIC', () => {
    expect(sniffEvidenceType(exe())).toBeUndefined();
    expect(sniffEvidenceType(Buffer.from('<html><script>alert(1)</script>'))).toBeUndefined();
    expect(sniffEvidenceType(Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"/>'))).toBeUndefined();
    expect(sniffEvidenceType(zip({ 'evil.exe': 'MZ' }))).toBeUndefined();
    expect(sniffEvidenceType(mp4('heic'))).toBeUndefined();
    expect(sniffEvidenceType(Buffer.alloc(0))).toBeUndefined();
  });

  it('refuses a name whose ending disagrees with the content, whatever its case', () => {
    expect(evidenceProblem(png(), '截图.png')).toBeUndefined();
    expect(evidenceProblem(png(), '截图.PNG')).toBeUndefined();
    expect(evidenceProblem(png(), '检查报告.pdf')).toEqual({ rule: 'name', words: expect.stringContaining('文件名与内容不符') });
    expect(evidenceProblem(png(), '截图')?.rule).toBe('name');
    expect(evidenceProblem(exe(), '截图.png')).toEqual({ rule: 'type', words: expect.stringContaining('不接受的文件类型') });
    expect(nameFits('image/jpeg', 'a.JPEG')).toBe(true);
    expect(nameFits('image/jpeg', 'a.png')).toBe(false);
  });
});
