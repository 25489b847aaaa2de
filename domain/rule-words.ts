// How a broken rule reads for a person who prefers Chinese. zod's own Chinese messages speak in
// types and comparison signs (「數值過小：預期 string 應為 >=1 字元」); a person needs 「必填」 or
// 「最多 200 個字」. What is not worded here falls back to zod's Chinese locale. The form (api/) and
// the organisation's configuration files (config/) word their rules alike.
import { z } from 'zod';

type Issue = z.core.$ZodRawIssue;

const zodChinese = z.locales.zhTW().localeError;

const FORMATS: Record<string, string> = {
  url: '須為 http 或 https 鏈接',
  datetime: '須為帶時區的時間，例如 2026-11-24T09:10:00+08:00',
};

const absent = (input: unknown) => input === undefined || input === null || input === '';

function plainChinese(issue: Issue): string | undefined {
  switch (issue.code) {
    case 'invalid_type':
      if (absent(issue.input)) return '必填';
      if (issue.expected === 'int') return '須為整數';
      return issue.expected === 'number' ? '須為數字' : undefined;
    case 'invalid_value':
      return absent(issue.input) ? '必填' : `須為以下之一：${issue.values.map(String).join('、')}`;
    case 'too_small': {
      const n = Number(issue.minimum);
      if (issue.origin === 'string') return n <= 1 ? '必填' : `至少 ${n} 個字`;
      if (issue.origin === 'array') return `至少 ${n} 項`;
      if (issue.origin === 'number') return issue.inclusive ? `不能小於 ${n}` : `須大於 ${n}`;
      return undefined;
    }
    case 'too_big': {
      const n = Number(issue.maximum);
      if (issue.origin === 'string') return `最多 ${n} 個字`;
      if (issue.origin === 'array') return `最多 ${n} 項`;
      if (issue.origin === 'number') return issue.inclusive ? `不能大於 ${n}` : `須小於 ${n}`;
      return undefined;
    }
    case 'invalid_format':
      return FORMATS[issue.format];
    default:
      return undefined;
  }
}

/** The error map for a parse on behalf of a Chinese-speaking person. */
export const chineseRules: z.core.$ZodErrorMap = (issue) => plainChinese(issue) ?? zodChinese(issue);
