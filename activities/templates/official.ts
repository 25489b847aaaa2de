// The official document (公文) as GB/T 9704-2012 《党政机关公文格式》 arranges it, once: the 版头
// (markings, the issuing mark, 发文字号 or 期号), the 主体 (title, 主送, body, 附件, 落款) and the 版记
// (抄送, 印发机关 and 印发日期), filled in from the organisation's profile. The Word file (docx.ts)
// and the print page that becomes the PDF (print.ts) lay out this one model, so the two cannot
// disagree about what a document says; they differ only in the units they measure it in.
import { label, type Lang } from '../../domain/labels';
import { DEFAULT_UTC_OFFSET_MINUTES } from '../../domain/rules/calendar';
import type { OrganisationProfile } from '../../config/organisation-file';
import { numbered, type Block, type Doc } from './doc';

/** A4 and the standard's margins: a text area (版心) of 156 × 225 mm */
export const PAGE_MM = { width: 210, height: 297 } as const;
export const MARGINS_MM = { top: 37, bottom: 35, left: 28, right: 26 } as const;
export const TEXT_MM = { width: PAGE_MM.width - MARGINS_MM.left - MARGINS_MM.right, height: PAGE_MM.height - MARGINS_MM.top - MARGINS_MM.bottom } as const;
/** 22 lines of 28 characters fill the text area */
export const GRID = { lines: 22, chars: 28 } as const;
/** points: 2号 22, 3号 16, 4号 14, 小四 12, 小初 36 (the issuing mark) */
export const SIZE_PT = { mark: 36, title: 22, body: 16, note: 14, table: 12 } as const;
export const RED = 'FF0000';

/**
 * The faces GB/T 9704 names. The Word file names the first of each (a run names one face, and Word
 * and WPS substitute a 宋体 for a missing 方正小标宋简体); a browser takes the first it has, so the
 * print page lists the names Windows, macOS and WPS install them under, then the Noto CJK faces
 * Linux has, so a PDF printed on a server still shows Chinese. 仿宋_GB2312 no longer ships with
 * Windows since Vista, so 仿宋 comes first.
 */
export const FACES = {
  title: ['方正小标宋简体', 'FZXiaoBiaoSong-B05S', '华文中宋', 'STZhongsong', '宋体', 'SimSun', 'Noto Serif CJK SC', 'Noto Serif CJK TC', 'serif'],
  body: ['仿宋', 'FangSong', '仿宋_GB2312', 'FangSong_GB2312', '华文仿宋', 'STFangsong', 'Noto Serif CJK SC', 'Noto Serif CJK TC', 'serif'],
  heading: ['黑体', 'SimHei', '华文黑体', 'STHeiti', 'Noto Sans CJK SC', 'Noto Sans CJK TC', 'sans-serif'],
  subheading: ['楷体', 'KaiTi', '楷体_GB2312', 'KaiTi_GB2312', '华文楷体', 'STKaiti', 'Noto Serif CJK SC', 'Noto Serif CJK TC', 'serif'],
  /** 页码 in 4号 半角宋体 (§7.5) */
  pageNumber: ['宋体', 'SimSun', 'Noto Serif CJK SC', 'serif'],
  /** the Word file's face for digits and Latin letters; the print page keeps the Chinese faces' own (print.ts) */
  latin: ['Times New Roman'],
} as const;
export type Face = Exclude<keyof typeof FACES, 'latin'>;

export type NumberStyle = 'file' | 'issue';

export interface DocumentNumber {
  year: number;
  n: number;
}

/** 发文字号 (×教〔2026〕12号) for a document issued as the organisation's own, 期号 (2026年第12期) for a periodical one */
export function numberText(style: NumberStyle, profile: OrganisationProfile, { year, n }: DocumentNumber): string {
  const fill = (template: string) => template.replace('{prefix}', profile.numberPrefix).replace('{year}', String(year)).replace('{n}', String(n));
  return fill(label('officialDocument', style === 'file' ? 'fileNumber' : 'issueNumber', profile.language));
}

/** 成文日期 at the calendar's offset, 2026年12月2日 */
export function issueDate(at: Date, lang: Lang): string {
  const d = new Date(at.getTime() + DEFAULT_UTC_OFFSET_MINUTES * 60_000);
  return label('officialDocument', 'date', lang)
    .replace('{year}', String(d.getUTCFullYear()))
    .replace('{month}', String(d.getUTCMonth() + 1))
    .replace('{day}', String(d.getUTCDate()));
}

export interface Letterhead {
  profile: OrganisationProfile;
  style: NumberStyle;
  /** the periodical's name (舆情专报): the mark of an issue-numbered document */
  kindName: string;
  number: DocumentNumber;
  /** 份号, when the organisation prints them (OrganisationProfile.copyNumbers) */
  copy?: DocumentNumber;
  date: Date;
  attachments?: string[];
}

/** 份号 (§7.2.1): six Arabic digits */
export const copyNumberText = ({ n }: DocumentNumber): string => String(n).padStart(6, '0');

export interface OfficialDocument {
  /** the furniture's language, and the language the document is tagged with */
  lang: Lang;
  /** who the file says wrote it */
  author: string;
  /** 份号, 密级, 紧急程度: top left, one a line (§7.2.1–§7.2.3) */
  markings: string[];
  /** 发文机关标志, in red: ××县教育局文件, or the periodical's name */
  mark: string;
  /** 发文字号 or 期号 */
  number: string;
  /** a report upward prints 签发人 to the right of its 发文字号 (§7.2.6) */
  signer?: string;
  /** a periodical's line under its 期号: the organisation left, the date right */
  issued?: { by: string; date: string };
  title: string;
  /** lines under the title: the incident, the issuing time */
  meta: string[];
  /** 主送机关 with its colon, when there are any */
  mainTo?: string;
  /** numbered 一、二、… */
  blocks: Block[];
  /** 附件：, and the attachments' names, numbered 1．2． when there are several */
  attachments: { word: string; items: string[] };
  /** 落款: the organisation over the 成文日期 */
  signature: { name: string; date: string };
  /** 版记 */
  colophon: { cc?: string; issuer: string; printed: string };
}

export function officialDocument(doc: Doc, head: Letterhead): OfficialDocument {
  const { profile, style } = head;
  const lang = profile.language;
  const date = issueDate(head.date, lang);
  const attachments = head.attachments ?? [];
  return {
    lang,
    author: profile.name,
    markings: [head.copy && copyNumberText(head.copy), profile.secrecy, profile.urgency].filter((m): m is string => Boolean(m)),
    mark: style === 'file' ? label('officialDocument', 'fileMark', lang).replace('{mark}', profile.mark ?? profile.name) : head.kindName,
    number: numberText(style, profile, head.number),
    signer: style === 'file' && profile.signer ? label('officialDocument', 'signer', lang).replace('{name}', profile.signer) : undefined,
    issued: style === 'issue' ? { by: profile.name, date } : undefined,
    title: doc.title,
    meta: doc.meta,
    mainTo: profile.mainTo.length ? `${profile.mainTo.join('、')}：` : undefined,
    blocks: numbered(doc.blocks),
    attachments: { word: label('officialDocument', 'attachments', lang), items: attachments.length > 1 ? attachments.map((a, i) => `${i + 1}．${a}`) : attachments },
    signature: { name: profile.name, date },
    colophon: {
      cc: profile.cc.length ? label('officialDocument', 'cc', lang).replace('{to}', `${profile.cc.join('，')}。`) : undefined,
      issuer: profile.issuer ?? profile.name,
      printed: label('officialDocument', 'printed', lang).replace('{date}', date),
    },
  };
}
