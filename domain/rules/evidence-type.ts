// What a file is, from its first bytes and never from its name: a screenshot renamed .pdf, or a
// program renamed .png, is refused rather than stored as what it claims to be. Office documents are
// ZIP files; which one is told by the folders its central directory lists (word/, xl/, ppt/).
import { EVIDENCE_TYPES, type EvidenceType } from '../model/schema';

const ascii = (bytes: Uint8Array, at: number, length: number) => String.fromCharCode(...bytes.subarray(at, at + length));
const startsWith = (bytes: Uint8Array, magic: readonly number[]) => magic.every((b, i) => bytes[i] === b);
const u16 = (b: Uint8Array, at: number) => b[at]! | (b[at + 1]! << 8);
const u32 = (b: Uint8Array, at: number) => (u16(b, at) | (u16(b, at + 2) << 16)) >>> 0;

/** The names a ZIP's central directory lists, or undefined when it has none that reads. */
function zipNames(bytes: Uint8Array): string[] | undefined {
  // the end-of-central-directory record sits in the last 22 bytes plus a comment of at most 64 KiB
  for (let end = bytes.length - 22; end >= Math.max(0, bytes.length - 22 - 0xffff); end--) {
    if (u32(bytes, end) !== 0x06054b50) continue;
    const count = u16(bytes, end + 10);
    const names: string[] = [];
    let at = u32(bytes, end + 16);
    for (let i = 0; i < count; i++) {
      if (at + 46 > bytes.length || u32(bytes, at) !== 0x02014b50) return undefined;
      const nameLength = u16(bytes, at + 28);
      names.push(ascii(bytes, at + 46, nameLength));
      at += 46 + nameLength + u16(bytes, at + 30) + u16(bytes, at + 32);
    }
    return names;
  }
  return undefined;
}

const OFFICE: [folder: string, type: EvidenceType][] = [
  ['word/', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document'],
  ['xl/', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'],
  ['ppt/', 'application/vnd.openxmlformats-officedocument.presentationml.presentation'],
];

function officeType(bytes: Uint8Array): EvidenceType | undefined {
  const names = zipNames(bytes);
  if (!names?.includes('[Content_Types].xml')) return undefined;
  return OFFICE.find(([folder]) => names.some((n) => n.startsWith(folder)))?.[1];
}

const VIDEO_BRANDS = ['iso', 'mp4', 'avc1', 'M4V', 'dash', 'mmp4'];

/** The accepted type the content is, or undefined for anything else. */
export function sniffEvidenceType(bytes: Uint8Array): EvidenceType | undefined {
  if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'image/png';
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return 'image/jpeg';
  if (ascii(bytes, 0, 6) === 'GIF87a' || ascii(bytes, 0, 6) === 'GIF89a') return 'image/gif';
  if (ascii(bytes, 0, 4) === 'RIFF' && ascii(bytes, 8, 4) === 'WEBP') return 'image/webp';
  if (ascii(bytes, 0, 5) === '%PDF-') return 'application/pdf';
  if (startsWith(bytes, [0x50, 0x4b, 0x03, 0x04])) return officeType(bytes);
  // ISO base media: a size, then the 'ftyp' box and its brand; HEIC and AVIF images share the box
  if (ascii(bytes, 4, 4) !== 'ftyp') return undefined;
  const brand = ascii(bytes, 8, 4);
  if (brand === 'qt  ') return 'video/quicktime';
  return VIDEO_BRANDS.some((b) => brand.startsWith(b)) ? 'video/mp4' : undefined;
}

export type EvidenceProblem = { rule: 'type'; words: string } | { rule: 'name'; words: string };

const ending = (name: string) => /\.([A-Za-z0-9]{1,8})$/.exec(name)?.[1]?.toLowerCase();

/** Why these bytes under this name may not be attached, or undefined when they may. */
export function evidenceProblem(bytes: Uint8Array, name: string): EvidenceProblem | undefined {
  const type = sniffEvidenceType(bytes);
  if (!type) return { rule: 'type', words: '不接受的文件类型：只收图片（PNG、JPEG、GIF、WebP）、PDF、Office 文档（docx、xlsx、pptx）和短视频（MP4、MOV）' };
  const allowed: readonly string[] = EVIDENCE_TYPES[type];
  const ext = ending(name);
  if (!ext || !allowed.includes(ext)) return { rule: 'name', words: `文件名与内容不符：内容为 ${allowed[0]!.toUpperCase()}，文件名应以 .${allowed.join(' 或 .')} 结尾` };
  return undefined;
}

/** Whether a stored type agrees with a name, for a reference whose name is given again later. */
export const nameFits = (type: EvidenceType, name: string) => (EVIDENCE_TYPES[type] as readonly string[]).includes(ending(name) ?? '');
