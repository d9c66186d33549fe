// units.js - the unit registry on the page: one shared fetch of
// /api/v1/units, the forest built from it (used by the unit tree view and the
// KPI explorer's unit picker) and the "Cây đơn vị" view with its filter.

import {
  $,
  addText,
  api,
  debounce,
  el,
  errorOf,
  errorText,
  formatDate,
  onLangChange,
  searchKey,
  state,
  t,
  todayIso,
} from './core.js';

addText({
  vi: {
    units_title: 'Cây đơn vị',
    units_loading: 'Đang tải danh sách đơn vị…',
    units_count: (n) => `${n} đơn vị`,
    units_matches: (m, n) => `${m} / ${n} đơn vị khớp`,
    units_none: 'Chưa có đơn vị nào.',
    units_no_match: 'Không có đơn vị nào khớp.',
    filter_label: 'Tìm đơn vị',
    filter_placeholder: 'Tên, tên khác hoặc mã đơn vị',
    current_only: 'Chỉ đơn vị còn hiệu lực',
    expand_all: 'Mở tất cả',
    collapse_all: 'Thu gọn',
    valid: 'Hiệu lực',
    present: 'nay',
    aliases: 'Tên khác',
    expired: 'Hết hiệu lực',
    not_yet: 'Chưa có hiệu lực',
    children: (n) => `${n} đơn vị trực thuộc`,
  },
  en: {
    units_title: 'Unit tree',
    units_loading: 'Loading units…',
    units_count: (n) => `${n} unit${n === 1 ? '' : 's'}`,
    units_matches: (m, n) => `${m} of ${n} units match`,
    units_none: 'No units yet.',
    units_no_match: 'No unit matches.',
    filter_label: 'Find a unit',
    filter_placeholder: 'Name, other name or code',
    current_only: 'Currently valid units only',
    expand_all: 'Expand all',
    collapse_all: 'Collapse',
    valid: 'Valid',
    present: 'present',
    aliases: 'Other names',
    expired: 'No longer valid',
    not_yet: 'Not yet valid',
    children: (n) => `${n} subordinate unit${n === 1 ? '' : 's'}`,
  },
});

export const KIND_LABELS = {
  vi: {
    tinh: 'Tỉnh',
    so: 'Sở/ban/ngành',
    huyen: 'Cấp huyện',
    xa: 'Cấp xã',
    phong: 'Phòng',
    dvsn: 'Đơn vị sự nghiệp',
  },
  en: {
    tinh: 'Province',
    so: 'Department/board',
    huyen: 'District level',
    xa: 'Commune level',
    phong: 'Division',
    dvsn: 'Public service unit',
  },
};
const KIND_ORDER = ['tinh', 'so', 'huyen', 'xa', 'phong', 'dvsn'];

export const units = {
  list: null, // array from the API, null until loaded
  roots: [], // forest of the tree view: {unit, children, key, li, details}
  nodes: [],
};

let pending = null;

// Loads the registry once (again with force); resolves with {status, data}
// of the request, units.list set on success.
export function fetchUnits(force = false) {
  if (units.list && !force) return Promise.resolve({ status: 200, data: { units: units.list } });
  if (!pending) {
    pending = api('GET', '/api/v1/units').then((r) => {
      pending = null;
      if (r.status === 200 && r.data && Array.isArray(r.data.units)) units.list = r.data.units;
      return r;
    });
  }
  return pending;
}

export function forgetUnits() {
  units.list = null;
  units.roots = [];
  units.nodes = [];
  $('unit-tree').replaceChildren();
}

export function kindLabel(kind) {
  return KIND_LABELS[state.lang][kind] || kind || '?';
}

// Loads and shows the tree view; showLogin(err) when the session expired.
export async function loadUnitTree(showLogin, onLoaded) {
  $('units-error').hidden = true;
  $('units-empty').hidden = true;
  if (!units.list) $('units-count').textContent = t('units_loading');
  const r = await fetchUnits();
  if (units.list) {
    if (onLoaded) onLoaded();
    if (!units.nodes.length) renderTree({ keepOpen: false });
  } else if (r.status === 401) {
    showLogin(errorOf(r)); // the session expired meanwhile
  } else {
    $('units-count').textContent = '';
    $('units-error').textContent = errorText(errorOf(r));
    $('units-error').hidden = false;
  }
}

function kindRank(kind) {
  const i = KIND_ORDER.indexOf(kind);
  return i < 0 ? KIND_ORDER.length : i;
}

// Builds the forest from the flat list; a unit whose parent is missing (or a
// parent cycle) becomes a root so that nothing disappears.
export function buildForest(list) {
  const byCode = new Map();
  const nodes = [];
  for (const unit of list) {
    const aliases = Array.isArray(unit.aliases) ? unit.aliases : [];
    const node = {
      unit,
      children: [],
      key: searchKey([unit.name, unit.code, ...aliases].join(' | ')),
      parent: null,
    };
    nodes.push(node);
    if (unit.code && !byCode.has(unit.code)) byCode.set(unit.code, node);
  }
  for (const node of nodes) {
    const p = node.unit.parent ? byCode.get(node.unit.parent) : null;
    if (p && p !== node) node.parent = p;
  }
  // Break cycles: walk up from each node; a walk that comes back cuts the link.
  for (const node of nodes) {
    const seen = new Set([node]);
    for (let p = node.parent; p; p = p.parent) {
      if (seen.has(p)) {
        node.parent = null;
        break;
      }
      seen.add(p);
    }
  }
  const roots = [];
  for (const node of nodes) (node.parent ? node.parent.children : roots).push(node);
  const collator = new Intl.Collator('vi', { sensitivity: 'base', numeric: true });
  // Current units first, then by kind (province, departments, districts...), then by name.
  const expired = (n) => (validity(n.unit) === 'expired' ? 1 : 0);
  const sortRec = (level) => {
    level.sort(
      (a, b) =>
        expired(a) - expired(b) ||
        kindRank(a.unit.kind) - kindRank(b.unit.kind) ||
        collator.compare(a.unit.name || '', b.unit.name || ''),
    );
    for (const n of level) sortRec(n.children);
  };
  sortRec(roots);
  return { roots, nodes };
}

export function validity(unit) {
  const today = todayIso();
  if (unit.valid_to && unit.valid_to < today) return 'expired';
  if (unit.valid_from && unit.valid_from > today) return 'not_yet';
  return 'current';
}

function renderRow(node) {
  const u = node.unit;
  const row = el('span', 'unit-row');
  row.append(el('span', 'unit-name', u.name || u.code));
  const kind = el('span', `kind kind-${u.kind || 'other'}`, KIND_LABELS[state.lang][u.kind] || u.kind || '?');
  row.append(' ', kind, ' ', el('code', 'unit-code', u.code));
  const v = validity(u);
  if (v !== 'current') row.append(' ', el('span', `badge badge-${v}`, t(v)));
  if (node.children.length) {
    const c = el('span', 'unit-children', `(${node.children.length})`);
    c.title = t('children', node.children.length);
    row.append(' ', c);
  }
  return row;
}

function renderDetails(node) {
  const u = node.unit;
  const parts = [];
  if (u.valid_from || u.valid_to) {
    parts.push(
      `${t('valid')}: ${formatDate(u.valid_from) || '…'} – ${u.valid_to ? formatDate(u.valid_to) : t('present')}`,
    );
  }
  const aliases = Array.isArray(u.aliases) ? u.aliases.filter(Boolean) : [];
  if (aliases.length) parts.push(`${t('aliases')}: ${aliases.join('; ')}`);
  return parts.length ? el('p', 'unit-details', parts.join(' · ')) : null;
}

function renderNode(node, depth, openCodes) {
  const li = el('li', 'unit');
  li.dataset.code = node.unit.code;
  if (validity(node.unit) === 'expired') li.classList.add('unit-expired');
  node.li = li;
  const details = renderDetails(node);
  if (node.children.length) {
    const d = el('details');
    d.open = openCodes ? openCodes.has(node.unit.code) : depth < 1 && validity(node.unit) !== 'expired';
    const summary = el('summary');
    summary.append(renderRow(node));
    d.append(summary);
    if (details) d.append(details);
    const ul = el('ul', 'unit-list');
    for (const child of node.children) ul.append(renderNode(child, depth + 1, openCodes));
    d.append(ul);
    li.append(d);
    node.details = d;
  } else {
    li.classList.add('unit-leaf');
    const div = el('div', 'unit-leaf-row');
    div.append(renderRow(node));
    li.append(div);
    if (details) li.append(details);
    node.details = null;
  }
  return li;
}

function renderTree({ keepOpen }) {
  let openCodes = null;
  if (keepOpen && units.nodes.length) {
    openCodes = new Set(units.nodes.filter((n) => n.details && n.details.open).map((n) => n.unit.code));
  }
  const { roots, nodes } = buildForest(units.list || []);
  units.roots = roots;
  units.nodes = nodes;
  const ul = el('ul', 'unit-list unit-root');
  for (const node of roots) ul.append(renderNode(node, 0, openCodes));
  $('unit-tree').replaceChildren(ul);
  applyFilter({ openMatches: !keepOpen });
}

// Shows the nodes matching the filter (and their ancestors); returns whether
// anything under node is shown.
function filterNode(node, q, currentOnly, openMatches) {
  let childShown = false;
  for (const c of node.children) {
    if (filterNode(c, q, currentOnly, openMatches)) childShown = true;
  }
  const ok = (!q || node.key.includes(q)) && (!currentOnly || validity(node.unit) !== 'expired');
  node.li.hidden = !(ok || childShown);
  node.li.classList.toggle('unit-match', Boolean(q) && ok);
  if (node.details && q && openMatches) node.details.open = childShown;
  node.matched = ok;
  return ok || childShown;
}

function applyFilter({ openMatches }) {
  const q = searchKey($('unit-filter').value);
  const currentOnly = $('current-only').checked;
  for (const r of units.roots) filterNode(r, q, currentOnly, openMatches);
  const total = units.nodes.length;
  const matched = units.nodes.filter((n) => n.matched).length;
  $('units-count').textContent = q || currentOnly ? t('units_matches', matched, total) : t('units_count', total);
  const empty = $('units-empty');
  empty.hidden = matched > 0;
  empty.textContent = total ? t('units_no_match') : t('units_none');
}

function setAllOpen(open) {
  for (const n of units.nodes) if (n.details && !n.li.hidden) n.details.open = open;
}

export function initUnitTree() {
  $('unit-filter').addEventListener(
    'input',
    debounce(() => applyFilter({ openMatches: true }), 150),
  );
  $('current-only').addEventListener('change', () => applyFilter({ openMatches: false }));
  $('expand-all').addEventListener('click', () => setAllOpen(true));
  $('collapse-all').addEventListener('click', () => setAllOpen(false));
  onLangChange(() => {
    if (units.list && units.nodes.length) renderTree({ keepOpen: true });
  });
}
