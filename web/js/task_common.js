// task_common.js - what the task list (task_list.js) and the task page
// (tasks.js) share: status words and badges, progress bars, due notes and
// period names. The texts are added by tasks.js (addText).

import { el, formatDate, t } from './core.js';

export const STATUSES = [
  'chua_thuc_hien',
  'dang_thuc_hien',
  'hoan_thanh',
  'hoan_thanh_qua_han',
  'khong_thuc_hien_duoc',
];

// "2024Q3" -> "Quý III/2024", "2024M03" -> "Tháng 3/2024", "2024S1" -> "6 tháng đầu năm 2024".
export function periodName(code, lang) {
  const m = /^(\d{4})(?:([QMS])(\d+))?$/.exec(code || '');
  if (!m) return code || '';
  const [, y, k, n] = m;
  const roman = ['', 'I', 'II', 'III', 'IV'];
  if (lang === 'en') {
    if (k === 'Q') return `Q${n} ${y}`;
    if (k === 'M') return `${Number(n)}/${y}`;
    if (k === 'S') return `H${n} ${y}`;
    return y;
  }
  if (k === 'Q') return `Quý ${roman[Number(n)]}/${y}`;
  if (k === 'M') return `Tháng ${Number(n)}/${y}`;
  if (k === 'S') return Number(n) === 1 ? `6 tháng đầu năm ${y}` : `6 tháng cuối năm ${y}`;
  return `Năm ${y}`;
}

export function statusText(code) {
  return (t('st') || {})[code] || code;
}

export function badge(code) {
  return el('span', `badge st-${code}`, statusText(code));
}

export function progressBar(p) {
  const wrap = el('span', 'progress');
  wrap.setAttribute('role', 'img');
  wrap.setAttribute('aria-label', `${p}%`);
  const bar = el('span', 'progress-bar');
  bar.style.width = `${Math.max(0, Math.min(100, p))}%`;
  wrap.append(bar);
  return [wrap, el('span', 'progress-num', `${p}%`)];
}

export function dueNote(it) {
  if (!it.due) return t('no_due');
  if (it.period && it.missed) return `${t('period_label', it.period)} · ${t('missed', it.missed)}`;
  if (it.status === 'hoan_thanh' || it.status === 'hoan_thanh_qua_han') return formatDate(it.due);
  if (it.overdue) return t('overdue_days', Math.abs(it.workdays_left ?? 0));
  if (it.workdays_left === 0) return t('due_today');
  return t('left_days', it.workdays_left ?? 0);
}
