// Builds a decision's form from its JSON Schema (generated on the server from the zod schema the
// workflow validates with), so the page never keeps its own copy of a payload's shape.
import { el } from './dom.js';
import { evidencePicker } from './evidence.js';
import { t } from './i18n.js';

/** Which label family an enum field's values belong to. */
const ENUM_LABELS = {
  'actionRecorded.kind': 'action',
  'responseRecorded.kind': 'response',
  'releaseDrafted.kind': 'release',
  'reportFiled.channel': 'reportChannel',
  'reportFiled.kind': 'reportKind',
  'reportFiled.recipients': 'recipient',
  'reportFiled.document': 'reportDocument',
  'forwarded.channel': 'reportChannel',
  'reassignOwner.deadline': 'deadline',
  verdict: 'verdict',
  severity: 'severity',
  category: 'category',
};
/** Booleans answered by the submit button itself (通过 / 退回): the label keys of yes and no. */
export const CHOICES = { approve: ['inc.approve', 'inc.return'], accept: ['inc.accept', 'inc.reject'], confirm: ['inc.confirm', 'inc.dismiss'] };
// set by the page from the pending decision (the release or response, the exact version shown), never typed
const HIDDEN_FIELDS = ['releaseNo', 'responseNo', 'draftHash'];
const LONG_TEXT = 300;

// the same names the API's validation messages give the fields (the label table's `field` section)
// a decision may name a field its own way (reassignOwner's `to` is a person, a report's a recipient)
const label = (path, decision) => {
  for (const key of [`field.${decision}.${path.join('.')}`, `field.${path.join('.')}`]) {
    const text = t(key);
    if (text !== key) return text;
  }
  return path.at(-1);
};

const enumLabel = (family, v) => (family ? t(`${family}.${v}`) : v);

/** An array of enum values: one checkbox each, read back as the list of those ticked. */
const isMultiChoice = (prop) => prop.type === 'array' && Array.isArray(prop.items?.enum);

function multiChoice(decision, path, prop, value) {
  const name = path.join('.');
  const family = ENUM_LABELS[`${decision}.${name}`] ?? ENUM_LABELS[name];
  return el(
    'fieldset',
    { class: 'field choices' },
    el('legend', {}, label(path, decision)),
    prop.items.enum.map((v) => el('label', { class: 'check' }, el('input', { type: 'checkbox', name, value: v, checked: (value ?? []).includes(v), dataset: { multi: 'true' } }), ' ', enumLabel(family, v))),
    el('p', { class: 'error', dataset: { errorFor: name } }),
  );
}

function input(decision, path, prop, value) {
  const name = path.join('.');
  const family = ENUM_LABELS[`${decision}.${name}`] ?? ENUM_LABELS[name];
  if (prop.enum) {
    return el('select', { name }, prop.enum.map((v) => el('option', { value: v, selected: v === value }, enumLabel(family, v))));
  }
  if (prop.type === 'boolean') return el('input', { type: 'checkbox', name, checked: value === true });
  if (prop.type === 'integer' || prop.type === 'number') {
    return el('input', { type: 'number', name, min: prop.minimum, max: prop.maximum, step: prop.type === 'integer' ? 1 : 'any', value: value ?? prop.default ?? '' });
  }
  // a list of pairs (who does what) is one line per item, its two fields apart by a colon
  const pair = prop.type === 'array' && prop.items?.type === 'object' ? Object.keys(prop.items.properties) : undefined;
  if (pair) return el('textarea', { name, rows: 3, dataset: { lines: 'true', pair: pair.join(' ') } }, (value ?? []).map((item) => pair.map((k) => item[k]).join('：')).join('\n'));
  if (prop.type === 'array') return el('textarea', { name, rows: 2, dataset: { lines: 'true' } }, (value ?? []).join('\n'));
  const long = (prop.maxLength ?? Infinity) > LONG_TEXT;
  return long
    ? el('textarea', { name, rows: 3, maxlength: prop.maxLength }, value ?? '')
    : el('input', { name, maxlength: prop.maxLength, value: value ?? '' });
}

/**
 * The visible fields of one decision; `fixed` values (e.g. releaseNo) are sent as they are and
 * `initial` pre-fills (e.g. the current metrics).
 */
export function decisionFields(decision, schema, fixed, initial = {}) {
  const nodes = [];
  const walk = (s, path, values) => {
    for (const [key, prop] of Object.entries(s.properties ?? {})) {
      const p = [...path, key];
      // a deprecated field is kept for old histories only, never offered
      if (prop.deprecated || (path.length === 0 && (key in CHOICES || HIDDEN_FIELDS.includes(key)))) continue;
      if (prop.type === 'object') {
        walk(prop, p, values?.[key]);
        continue;
      }
      // files are uploaded as they are chosen; the form carries their hashes
      if (path.length === 0 && key === 'attachments') {
        nodes.push(evidencePicker(key, values?.[key]));
        continue;
      }
      if (isMultiChoice(prop)) {
        nodes.push(multiChoice(decision, p, prop, values?.[key]));
        continue;
      }
      const control = input(decision, p, prop, values?.[key]);
      const required = (s.required ?? []).includes(key) && prop.type !== 'boolean';
      nodes.push(
        el(
          'div',
          { class: prop.type === 'boolean' ? 'field check' : 'field' },
          el('label', {}, label(p, decision), required ? ' *' : '', ' ', control),
          prop.type === 'array' && el('p', { class: 'hint' }, t('hint.lines')),
          el('p', { class: 'error', dataset: { errorFor: p.join('.') } }),
        ),
      );
    }
  };
  walk(schema, [], initial);
  return nodes;
}

const lines = (text) => text.split('\n').map((s) => s.trim()).filter(Boolean);

/** `后勤处：核实整改` → {who: '后勤处', task: '核实整改'}; a full-width or ASCII colon, the first one */
function pairOf([first, second], line) {
  const at = line.search(/[：:]/);
  return at < 0 ? { [first]: '', [second]: line } : { [first]: line.slice(0, at).trim(), [second]: line.slice(at + 1).trim() };
}

/** The payload from the form's controls; dotted names become nested objects. */
export function readFields(form, schema, fixed, choice) {
  const payload = { ...fixed };
  for (const control of form.querySelectorAll('[name]')) {
    const path = control.name.split('.');
    let target = payload;
    for (const key of path.slice(0, -1)) target = target[key] ??= {};
    const key = path.at(-1);
    if (control.dataset.evidence) {
      const picked = JSON.parse(control.value || '[]');
      if (picked.length) target[key] = picked;
    } else if (control.dataset.multi) {
      target[key] ??= [];
      if (control.checked) target[key].push(control.value);
    } else if (control.type === 'checkbox') target[key] = control.checked;
    else if (control.type === 'number') target[key] = control.value === '' ? undefined : Number(control.value);
    else if (control.dataset.pair) target[key] = lines(control.value).map((line) => pairOf(control.dataset.pair.split(' '), line));
    else if (control.dataset.lines) target[key] = lines(control.value);
    else target[key] = control.value;
  }
  // an optional text left empty is absent, not an empty string the schema would refuse
  for (const [key, value] of Object.entries(payload)) if (value === '' && !(schema.required ?? []).includes(key)) delete payload[key];
  const field = choiceOf(schema);
  if (field) payload[field] = choice;
  return payload;
}

/** The yes/no field a decision's buttons answer, if it has one. */
export const choiceOf = (schema) => Object.keys(CHOICES).find((f) => f in (schema.properties ?? {}));
