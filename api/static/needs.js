// A step's need in the page's language: the state words them in the default script, the page
// again from their codes and the label table (an action need is its actions, as alternatives).
import { fill, lang, t } from './i18n.js';

export function needText(need) {
  if (need.kind === 'action') return need.anyOf.map((a) => t(`action.${a}`)).join(lang === 'en' ? ' or ' : '或');
  if (need.kind === 'releaseInFlight') return fill(t('need.releaseInFlight'), { no: need.releaseNo, status: t(`releaseStatus.${need.releaseStatus}`) });
  return t(`need.${need.kind}`);
}
