// Who issues the documents (GB/T 9704 的版头与版记): the organisation's name, its issuing mark, its
// 发文字号 prefix, whom its documents go to and are copied to, who signs them off and which script
// they are printed in. One JSONC file named by YUQING_ORGANISATION_FILE, checked like the policy
// file; without it the documents carry neutral defaults an office can file as they are.
import { z } from 'zod';
import { LANGS } from '../domain/labels';
import { checkConfigFile, type FileKind, parseConfigFile, readConfigFile } from './config-file';
import { ConfigError } from './env';

const name = z.string().trim().min(1).max(60);
const names = z.array(name).max(30);
/** 份号 / 密级 / 紧急程度 are printed top left when set (GB/T 9704 §7.2.1–7.2.3) */
const marking = z.string().trim().min(1).max(20).optional();

export const OrganisationProfile = z.strictObject({
  /** the organisation's full name, as the 落款 and the 印发机关 print it */
  name: name.default('本单位'),
  /** the 发文机关标志 without 文件, e.g. ××县教育局; the name when absent */
  mark: name.optional(),
  /** the 发文机关代字 of the 发文字号, e.g. ×教 in ×教〔2026〕12号 */
  numberPrefix: z
    .string()
    .regex(/^[\p{L}\p{N}×]{1,20}$/u, 'must be 1 to 20 letters or digits / 须为 1 至 20 个文字或数字')
    .default('舆'),
  /** 主送机关 */
  mainTo: names.default(['上级主管部门']),
  /** 抄送机关 */
  cc: names.default([]),
  /** 签发人, printed beside the 发文字号 of a report upward */
  signer: name.optional(),
  /** 印发机关 (usually the office); the name when absent */
  issuer: name.optional(),
  secrecy: marking,
  urgency: marking,
  /** 份号: each document prints its own 6-digit number top left, one sequence a year for all documents */
  copyNumbers: z.boolean().default(false),
  /** the script of the document's furniture; the body stays as it was written */
  language: z.enum(LANGS).default('zh-Hans'),
});
export type OrganisationProfile = z.infer<typeof OrganisationProfile>;

export class OrganisationFileError extends ConfigError {}

const KIND: FileKind = { variable: 'YUQING_ORGANISATION_FILE', en: 'organisation file', zh: '单位资料档案', error: OrganisationFileError };

export const DEFAULT_ORGANISATION: OrganisationProfile = OrganisationProfile.parse({});

export function parseOrganisationFile(raw: string, file: string): OrganisationProfile {
  return checkConfigFile(KIND, file, parseConfigFile(KIND, file, raw), OrganisationProfile);
}

export function loadOrganisationFile(file: string | undefined): OrganisationProfile {
  return file ? checkConfigFile(KIND, file, readConfigFile(KIND, file), OrganisationProfile) : DEFAULT_ORGANISATION;
}
