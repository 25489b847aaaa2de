// Evidence on the pages: a picker that uploads each chosen file at once (the form then carries only
// the hash the upload returned and the name), and the incident's files with a thumbnail for each
// image. Files are fetched through the signed-in API, which checks each one against its hash: one
// that does not match is shown as such, never displayed.
import { ApiError, uploadFile } from './api.js';
import { el, replace } from './dom.js';
import { formatTime, t } from './i18n.js';

const ACCEPT = '.png,.jpg,.jpeg,.gif,.webp,.pdf,.docx,.xlsx,.pptx,.mp4,.m4v,.mov';

export const sizeText = (bytes) => (bytes < 1024 * 1024 ? `${Math.max(1, Math.round(bytes / 1024))} KB` : `${(bytes / 1024 / 1024).toFixed(1)} MB`);

/**
 * A file input and the list of files uploaded through it; `name` is the hidden control the form
 * reads (JSON: [{sha256, name}]). `initial` are references a re-draft starts from.
 */
export function evidencePicker(name, initial = []) {
  const refs = initial.map((a) => ({ sha256: a.sha256, name: a.name, size: a.size }));
  const hidden = el('input', { type: 'hidden', name, dataset: { evidence: 'true' } });
  const list = el('ul', { class: 'evidence-picked' });
  const error = el('p', { class: 'error', dataset: { errorFor: name } });
  const picker = el('input', { type: 'file', multiple: true, accept: ACCEPT, class: 'evidence-input' });

  const show = () => {
    hidden.value = JSON.stringify(refs.map(({ sha256, name: n }) => ({ sha256, name: n })));
    replace(
      list,
      refs.map((r, i) =>
        el(
          'li',
          { dataset: { sha256: r.sha256 } },
          `${r.name} · ${sizeText(r.size)} · `,
          el('code', { title: r.sha256 }, `SHA-256 ${r.sha256.slice(0, 12)}…`),
          ' ',
          el('button', { type: 'button', class: 'link', onclick: () => (refs.splice(i, 1), show()) }, t('evidence.remove')),
        ),
      ),
    );
  };

  picker.addEventListener('change', async () => {
    error.replaceChildren();
    const failures = [];
    for (const file of picker.files) {
      const pending = el('li', { class: 'muted' }, `${file.name} · ${t('evidence.uploading')}`);
      list.append(pending);
      try {
        const ref = await uploadFile(file);
        if (!refs.some((r) => r.sha256 === ref.sha256)) refs.push(ref);
      } catch (e) {
        failures.push(`${file.name}：${e instanceof ApiError ? e.message : String(e)}`);
      }
      pending.remove();
    }
    picker.value = '';
    show();
    if (failures.length) error.append(...failures.map((f) => el('span', { class: 'evidence-refused' }, f)));
  });
  show();
  return el('div', { class: 'field evidence' }, el('label', {}, t('field.attachments'), ' ', picker), el('p', { class: 'hint' }, t('evidence.hint')), list, hidden, error);
}

/** What the picker holds, for a form that builds its body by hand. */
export const pickedEvidence = (root) => JSON.parse(root.querySelector('input[data-evidence]')?.value || '[]');

// one fetch per file and page: a refresh re-renders from here, never downloads again
const fetched = new Map();

function fetchFile(workflowId, sha256, inline) {
  const key = `${sha256}:${inline}`;
  if (!fetched.has(key)) {
    const url = `/api/incidents/${encodeURIComponent(workflowId)}/evidence/${sha256}${inline ? '?inline=1' : ''}`;
    fetched.set(
      key,
      fetch(url, { credentials: 'same-origin' }).then(async (res) => {
        if (res.ok) return { url: URL.createObjectURL(await res.blob()) };
        const body = await res.json().catch(() => null);
        return { error: res.status === 409 ? 'mismatch' : 'missing', message: body?.error?.message ?? `HTTP ${res.status}` };
      }),
    );
  }
  return fetched.get(key);
}

const problem = (result) => el('span', { class: 'badge breach evidence-problem', dataset: { problem: result.error } }, t(`evidence.${result.error}`));

async function save(workflowId, a, slot) {
  // a download is fetched afresh: each one is recorded
  fetched.delete(`${a.sha256}:false`);
  const result = await fetchFile(workflowId, a.sha256, false);
  if (result.error) return replace(slot, problem(result));
  const link = el('a', { href: result.url, download: a.name });
  document.body.append(link);
  link.click();
  link.remove();
}

function thumbnail(workflowId, a) {
  const slot = el('span', { class: 'thumb' });
  void fetchFile(workflowId, a.sha256, true).then((result) =>
    replace(slot, result.error ? problem(result) : el('img', { src: result.url, alt: a.name, class: 'evidence-thumb', dataset: { sha256: a.sha256 } })),
  );
  return slot;
}

/** The incident's files, each where it was attached, with its hash; images as thumbnails. */
export function evidenceList(workflowId, files) {
  if (!files.length) return el('p', { class: 'muted' }, t('evidence.none'));
  return el(
    'ul',
    { class: 'evidence-list' },
    files.map(({ where, attachment: a }) => {
      const status = el('span', { class: 'evidence-status' });
      return el(
        'li',
        { dataset: { sha256: a.sha256, record: where } },
        a.type.startsWith('image/') && thumbnail(workflowId, a),
        el(
          'div',
          {},
          el('button', { type: 'button', class: 'link evidence-download', onclick: () => save(workflowId, a, status) }, a.name),
          ' ',
          status,
          el('p', { class: 'muted' }, `${where} · ${t(`evidenceType.${a.type}`)} · ${sizeText(a.size)} · ${a.by.name} ${formatTime(a.at)}`),
          el('p', { class: 'muted' }, el('code', { class: 'sha256' }, `SHA-256 ${a.sha256}`)),
        ),
      );
    }),
  );
}
