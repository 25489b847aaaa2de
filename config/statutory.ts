// The statutory public holidays of mainland China (全国年节及纪念日放假办法, as amended in 2024),
// used for years whose official arrangement (bridging days, 调休) is not yet published. Lunar
// dates and the Qingming solar term come from chinese-days; no lunar arithmetic is written here.
import chineseDays from 'chinese-days';

const DAY = 86_400_000;

export interface StatutoryDay {
  date: string;
  name: string;
}

function iso(utcMs: number): string {
  return new Date(utcMs).toISOString().slice(0, 10);
}

function shift(ymd: string, days: number): string {
  return iso(Date.parse(`${ymd}T00:00:00Z`) + days * DAY);
}

/** Solar date of a lunar month/day in the lunar year that begins in `year` (not a leap month). */
function lunar(year: number, month: number, day: number): string {
  // a local Date: chinese-days reads its parts with local getters, so this is exact in any time zone
  return chineseDays.getSolarDateFromLunar(new Date(year, month - 1, day)).date;
}

/** Qingming, the day of the 清明 solar term. */
function qingming(year: number): string {
  const reported = chineseDays.getSolarTermDate(year, 4, 'pure_brightness');
  // chinese-days builds the date at UTC midnight and prints it with local getters, so west of UTC
  // the printed day is one early; measure that skew on the same month and undo it
  const skew = new Date(Date.UTC(year, 3, 15)).getDate() - 15;
  return shift(reported, -skew);
}

export function statutoryHolidays(year: number): StatutoryDay[] {
  const newYear = lunar(year, 1, 1);
  const pad = (n: number) => String(n).padStart(2, '0');
  const fixed = (m: number, d: number) => `${year}-${pad(m)}-${pad(d)}`;
  return [
    { date: fixed(1, 1), name: '元旦' },
    ...[-1, 0, 1, 2].map((d) => ({ date: shift(newYear, d), name: '春节' })),
    { date: qingming(year), name: '清明节' },
    { date: fixed(5, 1), name: '劳动节' },
    { date: fixed(5, 2), name: '劳动节' },
    { date: lunar(year, 5, 5), name: '端午节' },
    { date: lunar(year, 8, 15), name: '中秋节' },
    { date: fixed(10, 1), name: '国庆节' },
    { date: fixed(10, 2), name: '国庆节' },
    { date: fixed(10, 3), name: '国庆节' },
  ];
}
