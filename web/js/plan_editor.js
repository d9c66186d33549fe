// plan_editor.js - the plan editor (issue 14 items 3-4), shared by the import
// preview (plan_import.js: the edits go with the import) and a stored plan
// (plans.js, "Sửa kế hoạch": each edit saved in place). It decorates the task
// tables renderTasks drew: a click (or Enter) on a cell edits it — Enter
// saves, Esc cancels, Tab saves and moves to the next cell; lead and
// coordinating units are typed with a list of the registry's units; the
// deadline's parsed meaning is shown as it is typed (GET
// /api/v1/deadline/parse). Row buttons split (at the caret of the title:
// Ctrl+Enter), merge with the next row, delete; each area can get a new
// task; selected rows move to another area. Every change is one list of
// edit operations (docs/API.md, "Plan edits") handed to ctx.apply, which
// answers whether it was accepted; the caller re-renders from the answer.
// The review (per area: tasks, without lead or deadline, targets, unsure
// tasks) is drawn by renderReview; unsure rows are highlighted.

import {
  addText,
  api,
  debounce,
  el,
  formatDate,
  formatNumber,
  localError,
  searchKey,
  showError,
  state,
  t,
} from './core.js';
import { units } from './units.js';

addText({
  vi: {
    pe_edit_plan: 'Sửa kế hoạch',
    pe_done: 'Xong',
    pe_hint:
      'Bấm vào một ô để sửa: Enter lưu, Esc hủy, Tab sang ô sau. Tách một nhiệm vụ: đặt con trỏ trong tên rồi bấm Ctrl+Enter.',
    pe_split: 'Tách',
    pe_split_here: 'Tách tại con trỏ',
    pe_merge: 'Gộp với dòng sau',
    pe_delete: 'Xóa',
    pe_select: (no) => `Chọn nhiệm vụ ${no}`,
    pe_add: 'Thêm nhiệm vụ',
    pe_new_title: 'Nhiệm vụ mới',
    pe_add_target: 'Thêm chỉ tiêu',
    pe_new_target: 'Chỉ tiêu mới',
    pe_bad_number: 'Giá trị phải là một số, hoặc hai số “a – b” cho một khoảng.',
    pe_move: 'Chuyển nhiệm vụ đã chọn sang lĩnh vực',
    pe_move_none: 'Chưa chọn nhiệm vụ nào.',
    pe_col_actions: 'Sửa',
    pe_units_hint: 'Nhiều đơn vị: ngăn cách bằng dấu chấm phẩy (;)',
    pe_deadline_ok: (d) => `Hiểu là: hạn ${d}`,
    pe_deadline_kind: (k) => `Hiểu là: ${k}`,
    pe_deadline_unknown: 'Chưa hiểu thời hạn này — vẫn lưu nguyên văn.',
    pe_split_blank: 'Đặt con trỏ giữa tên nhiệm vụ để tách thành hai phần.',
    pe_edits_count: (n) => `${n} thao tác sửa`,
    pe_review_title: 'Tóm tắt theo lĩnh vực',
    pe_review_unsure: (n) => `${n} nhiệm vụ cần xem lại (tô màu)`,
    pe_col_area: 'Lĩnh vực',
    pe_col_tasks: 'Nhiệm vụ',
    pe_col_no_lead: 'Chưa có chủ trì',
    pe_col_no_deadline: 'Chưa có thời hạn',
    pe_col_targets: 'Chỉ tiêu',
    pe_col_unsure: 'Cần xem lại',
    pe_area_none: 'Chưa xác định lĩnh vực',
    pe_flags: {
      warning: 'có cảnh báo khi đọc',
      default_lead: 'không ghi chủ trì (lấy cơ quan ban hành)',
      deadline_unparsed: 'chưa hiểu thời hạn',
      long_title: 'tên rất dài (có thể gộp nhiều nhiệm vụ)',
      no_lead: 'chưa có chủ trì',
      no_deadline: 'chưa có thời hạn',
    },
    pe_kinds: { continuous: 'thường xuyên', recurring: 'định kỳ', event: 'theo sự kiện', per_assignee: 'theo đơn vị' },
  },
  en: {
    pe_edit_plan: 'Edit the plan',
    pe_done: 'Done',
    pe_hint:
      'Click a cell to edit it: Enter saves, Esc cancels, Tab moves to the next cell. To split a task, put the caret in its title and press Ctrl+Enter.',
    pe_split: 'Split',
    pe_split_here: 'Split at the caret',
    pe_merge: 'Merge with next',
    pe_delete: 'Delete',
    pe_select: (no) => `Select task ${no}`,
    pe_add: 'Add a task',
    pe_new_title: 'New task',
    pe_add_target: 'Add a target',
    pe_new_target: 'New target',
    pe_bad_number: 'The value must be a number, or two numbers “a – b” for a range.',
    pe_move: 'Move the selected tasks to the area',
    pe_move_none: 'No task selected.',
    pe_col_actions: 'Edit',
    pe_units_hint: 'Several units: separate them with semicolons (;)',
    pe_deadline_ok: (d) => `Read as: due ${d}`,
    pe_deadline_kind: (k) => `Read as: ${k}`,
    pe_deadline_unknown: 'This deadline is not understood — it is kept as written.',
    pe_split_blank: 'Put the caret inside the title to split it in two.',
    pe_edits_count: (n) => `${n} edit${n === 1 ? '' : 's'}`,
    pe_review_title: 'Summary per area',
    pe_review_unsure: (n) => `${n} task${n === 1 ? '' : 's'} to check (highlighted)`,
    pe_col_area: 'Area',
    pe_col_tasks: 'Tasks',
    pe_col_no_lead: 'No lead',
    pe_col_no_deadline: 'No deadline',
    pe_col_targets: 'Targets',
    pe_col_unsure: 'To check',
    pe_area_none: 'Area not identified',
    pe_flags: {
      warning: 'a warning while reading',
      default_lead: 'no lead written (the issuer)',
      deadline_unparsed: 'deadline not understood',
      long_title: 'very long title (maybe several tasks)',
      no_lead: 'no lead',
      no_deadline: 'no deadline',
    },
    pe_kinds: { continuous: 'ongoing', recurring: 'periodic', event: 'on an event', per_assignee: 'per unit' },
  },
});

// Editable cells of a task row (plans.js taskRow), in Tab order.
const FIELDS = [
  ['task-no', 'no'],
  ['task-title', 'title'],
  ['lead', 'lead'],
  ['support', 'support'],
  ['task-product', 'product'],
  ['deadline', 'deadline'],
];

const pending = new WeakMap(); // box -> {index, field} to open after a re-render

function fieldOf(td) {
  const tr = td.parentElement;
  const cells = [...tr.children];
  const i = cells.indexOf(td);
  return ['no', 'title', 'lead', 'support', 'product', 'deadline'][i] || null;
}

function partiesText(list) {
  return (list || []).map((p) => p.text).join('; ');
}

function valueOf(task, field) {
  if (field === 'lead') return task.lead_default ? '' : partiesText(task.lead);
  if (field === 'support') return partiesText(task.support);
  if (field === 'deadline') return (task.deadline && task.deadline.text) || '';
  return task[field] || '';
}

// "Sở Nội vụ; UBND cấp huyện" -> [{text, unit?}] (a registry name or code
// gives its unit).
function partiesOf(text) {
  const list = units.list || [];
  return text
    .split(';')
    .map((s) => s.trim())
    .filter(Boolean)
    .map((s) => {
      const k = searchKey(s);
      const u = list.find((x) => x.code === s || searchKey(x.name) === k);
      return u ? { text: u.code === s ? u.name : s, unit: u.code } : s;
    });
}

function unitsDatalist() {
  let dl = document.getElementById('pe-units');
  if (!dl) {
    dl = el('datalist');
    dl.id = 'pe-units';
    document.body.append(dl);
  }
  const list = units.list || [];
  if (dl.childElementCount !== list.length) {
    dl.replaceChildren(
      ...list.map((u) => {
        const o = el('option');
        o.value = u.name;
        o.label = u.code;
        return o;
      }),
    );
  }
  return dl.id;
}

async function deadlineMeaning(out, text, year) {
  if (!text.trim()) {
    out.textContent = '';
    return;
  }
  const r = await api('GET', `/api/v1/deadline/parse?text=${encodeURIComponent(text)}&year=${year || ''}`);
  if (r.status !== 200 || !r.data) return;
  const d = r.data.deadline;
  const dates = (d && d.dates) || [];
  if (!r.data.understood) out.textContent = t('pe_deadline_unknown');
  else if (dates.length) out.textContent = t('pe_deadline_ok', dates.slice(0, 4).map(formatDate).join(', '));
  else out.textContent = t('pe_deadline_kind', (t('pe_kinds') || {})[d.kind] || d.kind);
  out.dataset.understood = String(!!r.data.understood);
}

function setOp(task, index, field, value) {
  const set = {};
  if (field === 'lead' || field === 'support') set[field] = partiesOf(value);
  else set[field] = value;
  return { op: 'set_task', index, no: task.no, set };
}

// Opens the editor of one cell.
function openCell(box, ctx, td) {
  const tr = td.parentElement;
  const index = Number(tr.dataset.index);
  const task = ctx.plan.tasks[index];
  const field = fieldOf(td);
  if (!task || !field || td.querySelector('.pe-input')) return;
  const before = [...td.childNodes];
  const wide = field === 'title';
  const input = el(wide ? 'textarea' : 'input', 'pe-input');
  input.value = valueOf(task, field);
  input.setAttribute(
    'aria-label',
    td.closest('table').querySelectorAll('thead th')[[...tr.children].indexOf(td)].textContent,
  );
  if (!wide) input.type = 'text';
  if (wide) input.rows = Math.min(6, Math.max(2, Math.ceil(input.value.length / 60)));
  const kids = [input];
  let meaning = null;
  if (field === 'lead' || field === 'support') {
    input.setAttribute('list', unitsDatalist());
    kids.push(el('span', 'pe-help muted', t('pe_units_hint')));
  }
  if (field === 'deadline') {
    meaning = el('span', 'pe-meaning muted');
    meaning.setAttribute('aria-live', 'polite');
    const live = debounce(() => deadlineMeaning(meaning, input.value, ctx.year), 250);
    input.addEventListener('input', live);
    deadlineMeaning(meaning, input.value, ctx.year);
    kids.push(meaning);
  }
  if (field === 'title') {
    const b = el('button', 'btn-small pe-split-here', t('pe_split_here'));
    b.type = 'button';
    b.addEventListener('mousedown', (ev) => ev.preventDefault()); // keep the caret
    b.addEventListener('click', () => split(box, ctx, index, task, input));
    kids.push(b);
  }
  td.replaceChildren(...kids);
  td.classList.add('pe-editing');
  let done = false;
  const cancel = () => {
    if (done) return;
    done = true;
    td.classList.remove('pe-editing');
    td.replaceChildren(...before);
    td.focus();
  };
  const save = async (next) => {
    if (done) return;
    const value = input.value.trim();
    if (value === valueOf(task, field).trim()) {
      cancel();
      if (next) openNext(box, ctx, td);
      return;
    }
    done = true;
    if (next) pending.set(box, { index, field: next });
    else pending.set(box, { index, field, focusOnly: true });
    const ok = await ctx.apply([setOp(task, index, field, value)]);
    if (!ok) {
      pending.delete(box);
      done = false;
      input.focus();
    }
  };
  input.addEventListener('keydown', (ev) => {
    if (ev.key === 'Escape') {
      ev.preventDefault();
      cancel();
    } else if (ev.key === 'Enter' && ev.ctrlKey && field === 'title') {
      ev.preventDefault();
      split(box, ctx, index, task, input);
    } else if (ev.key === 'Enter' && !ev.shiftKey) {
      ev.preventDefault();
      save(null);
    } else if (ev.key === 'Tab') {
      ev.preventDefault();
      const order = FIELDS.map(([, f]) => f);
      const k = order.indexOf(field) + (ev.shiftKey ? -1 : 1);
      save(order[k] || null);
    }
  });
  input.focus();
  if (field !== 'title') input.select();
}

function openNext(box, ctx, td) {
  const next = td.nextElementSibling;
  if (next && fieldOf(next)) openCell(box, ctx, next);
}

async function split(box, ctx, index, task, input) {
  const at = input.selectionStart;
  const a = input.value.slice(0, at).trim();
  const b = input.value.slice(at).trim();
  if (!a || !b) {
    showError(ctx.errorBox, localError('planedit.split', 'pe_split_blank'));
    input.focus();
    return;
  }
  pending.set(box, { index: index + 1, field: 'title', focusOnly: true });
  await ctx.apply([{ op: 'split', index, no: task.no, titles: [a, b] }]);
}

function button(cls, text, onClick) {
  const b = el('button', `btn-small ${cls}`, text);
  b.type = 'button';
  b.addEventListener('click', onClick);
  return b;
}

function actionsCell(box, ctx, tr, index) {
  const task = ctx.plan.tasks[index];
  const next = ctx.plan.tasks[index + 1];
  const td = el('td', 'pe-actions');
  const sel = el('input', 'pe-select');
  sel.type = 'checkbox';
  sel.checked = ctx.selected.has(index);
  sel.setAttribute('aria-label', t('pe_select', task.no || index + 1));
  sel.addEventListener('change', () => (sel.checked ? ctx.selected.add(index) : ctx.selected.delete(index)));
  td.append(
    sel,
    button('pe-split', t('pe_split'), () => openCell(box, ctx, tr.children[1])),
    button('pe-merge', t('pe_merge'), () =>
      ctx.apply([{ op: 'merge', index, no: task.no, with: index + 1, with_no: next.no }]),
    ),
    button('pe-delete', t('pe_delete'), () => ctx.apply([{ op: 'delete_task', index, no: task.no }])),
  );
  if (!next) td.querySelector('.pe-merge').disabled = true;
  return td;
}

// Marks the unsure rows (review.tasks) with their reasons.
function markUnsure(tr, info) {
  if (!info) return;
  const flags = t('pe_flags') || {};
  if (info.unsure) tr.classList.add('task-unsure');
  tr.title = info.flags.map((f) => flags[f] || f).join('; ');
  tr.dataset.flags = info.flags.join(' ');
}

function addButton(box, ctx, sec) {
  const area = sec.dataset.area;
  const rows = [...sec.querySelectorAll('.task-row')];
  const last = rows.length ? Number(rows[rows.length - 1].dataset.index) + 1 : ctx.plan.tasks.length;
  return button('pe-add', t('pe_add'), () => {
    pending.set(box, { index: last, field: 'title' });
    ctx.apply([{ op: 'add_task', index: last, set: { title: t('pe_new_title'), area: area || null } }]);
  });
}

function moveBar(box, ctx, areas) {
  const bar = el('div', 'pe-toolbar');
  const hint = el('p', 'muted pe-hint', t('pe_hint'));
  const sel = el('select', 'pe-move-area');
  sel.id = `${box.id}-move-area`;
  sel.setAttribute('aria-label', t('pe_move'));
  for (const [code, vi, en] of areas) {
    const o = el('option', null, state.lang === 'en' ? en : vi);
    o.value = code;
    sel.append(o);
  }
  const go = button('pe-move', t('pe_move'), () => {
    const picked = [...ctx.selected].sort((a, b) => a - b);
    if (!picked.length) {
      showError(ctx.errorBox, localError('planedit.none', 'pe_move_none'));
      return;
    }
    const ops = [];
    for (const i of picked) {
      const run = ops[ops.length - 1];
      if (run && run.to === i - 1) {
        run.to = i;
        run.to_no = ctx.plan.tasks[i].no;
      } else {
        ops.push({
          op: 'move',
          index: i,
          no: ctx.plan.tasks[i].no,
          to: i,
          to_no: ctx.plan.tasks[i].no,
          area: sel.value,
        });
      }
    }
    ctx.selected.clear();
    ctx.apply(ops);
  });
  bar.append(hint, sel, go);
  if (ctx.edits !== undefined) bar.append(el('span', 'muted pe-count', t('pe_edits_count', ctx.edits)));
  return bar;
}

// Makes the task tables in box (drawn by renderTasks from ctx.plan.tasks)
// editable. ctx: {plan, apply(ops) -> Promise<bool>, year, errorBox,
// areas (plans.js AREAS), selected (a Set kept by the caller), edits
// (count shown, optional)}.
export function decorateTasks(box, ctx) {
  const review = ctx.plan.review || {};
  const info = new Map((review.tasks || []).map((r) => [r.index, r]));
  box.classList.add('pe-box');
  for (const table of box.querySelectorAll('table.task-table')) {
    const th = el('th', null, t('pe_col_actions'));
    th.scope = 'col';
    table.querySelector('thead tr').append(th);
  }
  for (const tr of box.querySelectorAll('.task-row')) {
    const index = Number(tr.dataset.index);
    [...tr.children].forEach((td) => {
      if (!fieldOf(td)) return;
      td.classList.add('pe-cell');
      td.tabIndex = 0;
      td.addEventListener('click', (ev) => {
        if (!ev.target.closest('.pe-input, button')) openCell(box, ctx, td);
      });
      td.addEventListener('keydown', (ev) => {
        if (ev.key === 'Enter' && ev.target === td) {
          ev.preventDefault();
          openCell(box, ctx, td);
        }
      });
    });
    tr.append(actionsCell(box, ctx, tr, index));
    markUnsure(tr, info.get(index));
  }
  for (const sec of box.querySelectorAll('section.area-group')) sec.append(addButton(box, ctx, sec));
  box.prepend(moveBar(box, ctx, ctx.areas));
  const p = pending.get(box);
  pending.delete(box);
  if (p) {
    const tr = box.querySelector(`.task-row[data-index="${p.index}"]`);
    const k = ['no', 'title', 'lead', 'support', 'product', 'deadline'].indexOf(p.field);
    const td = tr && tr.children[k];
    if (td && p.focusOnly) td.focus();
    else if (td) openCell(box, ctx, td);
  }
}

const OPS = ['>=', '>', '=', '<=', '<', 'between'];
const TARGET_FIELDS = ['text', 'op', 'value', 'unit', 'area']; // the cells of renderTargets, in order

// Opens the editor of one target cell: the clause text, the comparison and
// the area as choices, the value (a decimal; "a – b" for "between") and
// the unit as text.
function openTargetCell(ctx, td, index) {
  const tg = ctx.plan.targets[index];
  const field = TARGET_FIELDS[[...td.parentElement.children].indexOf(td)];
  if (!tg || !field || td.querySelector('.pe-input')) return;
  const before = [...td.childNodes];
  let input;
  if (field === 'op' || field === 'area') {
    input = el('select', 'pe-input');
    const choices =
      field === 'op' ? OPS.map((o) => [o, o]) : ctx.areas.map(([c, vi, en]) => [c, state.lang === 'en' ? en : vi]);
    for (const [v, label] of choices) {
      const o = el('option', null, label);
      o.value = v;
      input.append(o);
    }
    input.value = tg[field] || '';
  } else {
    input = el('input', 'pe-input');
    input.type = 'text';
    input.value = field === 'value' && tg.op === 'between' ? `${tg.value} – ${tg.value_max}` : String(tg[field] ?? '');
  }
  input.setAttribute(
    'aria-label',
    td.closest('table').querySelectorAll('thead th')[[...td.parentElement.children].indexOf(td)].textContent,
  );
  td.replaceChildren(input);
  let done = false;
  const cancel = () => {
    done = true;
    td.replaceChildren(...before);
    td.focus();
  };
  const save = async () => {
    if (done) return;
    const v = input.value.trim();
    const set = {};
    if (field === 'value') {
      const m = /^(-?[\d.,]+)\s*(?:[–-]\s*(-?[\d.,]+))?$/.exec(v);
      if (!m) return showError(ctx.errorBox, localError('planedit.value', 'pe_bad_number'));
      set.value = Number(m[1].replace(',', '.'));
      if (m[2] !== undefined) {
        set.value_max = Number(m[2].replace(',', '.'));
        set.op = 'between';
      }
    } else {
      set[field] = v;
    }
    done = true;
    if (!(await ctx.apply([{ op: 'set_target', index, set }]))) {
      done = false;
      input.focus();
    }
  };
  input.addEventListener('keydown', (ev) => {
    if (ev.key === 'Escape') {
      ev.preventDefault();
      cancel();
    } else if (ev.key === 'Enter' || ev.key === 'Tab') {
      ev.preventDefault();
      save();
    }
  });
  input.focus();
}

// Makes the target table in box (drawn by renderTargets from
// ctx.plan.targets, in order) editable: cells, a delete button per row and
// an "add a target" button.
export function decorateTargets(box, ctx) {
  box.classList.add('pe-box');
  const table = box.querySelector('table.target-table');
  if (table) {
    const th = el('th', null, t('pe_col_actions'));
    th.scope = 'col';
    table.querySelector('thead tr').append(th);
  }
  box.querySelectorAll('.target-row').forEach((tr, index) => {
    [...tr.children].forEach((td) => {
      td.classList.add('pe-cell');
      td.tabIndex = 0;
      td.addEventListener('click', (ev) => {
        if (!ev.target.closest('.pe-input')) openTargetCell(ctx, td, index);
      });
      td.addEventListener('keydown', (ev) => {
        if (ev.key === 'Enter' && ev.target === td) {
          ev.preventDefault();
          openTargetCell(ctx, td, index);
        }
      });
    });
    const act = el('td', 'pe-actions');
    act.append(button('pe-delete-target', t('pe_delete'), () => ctx.apply([{ op: 'delete_target', index }])));
    tr.append(act);
  });
  box.append(
    button('pe-add-target', t('pe_add_target'), () =>
      ctx.apply([{ op: 'add_target', set: { text: t('pe_new_target'), indicator: 'other', op: '>=', value: 0 } }]),
    ),
  );
}

// The review of a parse (plan.review) as a table per area.
export function renderReview(box, plan, areas) {
  const rv = plan && plan.review;
  box.hidden = !rv;
  if (!rv) return box.replaceChildren();
  const label = (code) => {
    const a = areas.find(([c]) => c === code);
    if (!a) return t('pe_area_none');
    return state.lang === 'en' ? a[2] : a[1];
  };
  const table = el('table', 'data-table pe-review-table');
  const hr = el('tr');
  for (const k of [
    'pe_col_area',
    'pe_col_tasks',
    'pe_col_no_lead',
    'pe_col_no_deadline',
    'pe_col_targets',
    'pe_col_unsure',
  ]) {
    const th = el('th', null, t(k));
    th.scope = 'col';
    hr.append(th);
  }
  const thead = el('thead');
  thead.append(hr);
  const tbody = el('tbody');
  for (const a of rv.areas || []) {
    const tr = el('tr', a.unsure ? 'review-row review-unsure' : 'review-row');
    tr.dataset.area = a.area;
    tr.append(el('td', null, label(a.area)));
    for (const k of ['tasks', 'no_lead', 'no_deadline', 'targets', 'unsure'])
      tr.append(el('td', `num review-${k}`, formatNumber(a[k])));
    tbody.append(tr);
  }
  table.append(thead, tbody);
  const wrap = el('div', 'table-wrap');
  wrap.append(table);
  box.replaceChildren(
    el('h3', null, t('pe_review_title')),
    el('p', 'muted', t('pe_review_unsure', rv.unsure || 0)),
    wrap,
  );
}
