// kpi_labels.js - indicator names (DOMAIN §4) and period kinds of the KPI
// explorer, in Vietnamese and English.

export const INDICATORS = [
  ['tthc.on_time', 'Tỷ lệ hồ sơ giải quyết đúng hạn', 'Dossiers resolved on time'],
  ['tthc.early', 'Tỷ lệ hồ sơ giải quyết trước hạn', 'Dossiers resolved early'],
  ['tthc.satisfaction', 'Mức độ hài lòng', 'Satisfaction'],
  ['tthc.online', 'Tỷ lệ hồ sơ trực tuyến', 'Dossiers received online'],
  ['tthc.full_online', 'Tỷ lệ hồ sơ trực tuyến toàn trình', 'Dossiers received full-online'],
  ['tthc.online_payment', 'Tỷ lệ thanh toán trực tuyến', 'Fees paid online'],
  ['tthc.digitized', 'Tỷ lệ số hóa hồ sơ', 'Dossiers digitised'],
  ['tthc.digitized_result', 'Tỷ lệ số hóa kết quả', 'Results issued electronically'],
  [
    'catalog.online_service',
    'Tỷ lệ TTHC đủ điều kiện được cung cấp dịch vụ công trực tuyến',
    'Eligible procedures offered online',
  ],
  [
    'catalog.online_payment',
    'Tỷ lệ TTHC có nghĩa vụ tài chính được thanh toán trực tuyến',
    'Fee-bearing procedures with online payment',
  ],
  [
    'catalog.published',
    'Tỷ lệ TTHC được công khai, cập nhật trên CSDL quốc gia',
    'Procedures published on the national database',
  ],
  ['feedback.on_time', 'Tỷ lệ xử lý PAKN đúng hạn', 'Citizen feedback handled on time'],
  ['office.e_documents', 'Tỷ lệ văn bản trao đổi dưới dạng điện tử', 'Documents exchanged electronically'],
  ['office.e_files', 'Tỷ lệ hồ sơ công việc được lập hồ sơ điện tử', 'Work files kept electronically'],
  ['office.e_reports', 'Tỷ lệ báo cáo trên Hệ thống thông tin báo cáo', 'Reports on the reporting system'],
  ['staff.right_position', 'Tỷ lệ bố trí đúng vị trí việc làm', 'Staff in approved job positions'],
  ['staff.trained', 'Tỷ lệ cán bộ được đào tạo, bồi dưỡng', 'Staff trained as planned'],
  ['finance.disbursement', 'Tỷ lệ giải ngân vốn đầu tư công', 'Public investment disbursed'],
];

const ORDER = new Map(INDICATORS.map(([code], i) => [code, i]));
const LABELS = new Map(INDICATORS.map(([code, vi, en]) => [code, { vi, en }]));

export function indicatorLabel(code, lang) {
  const l = LABELS.get(code);
  return l ? l[lang] || l.vi : code;
}

// Known indicators in the DOMAIN order, then the others by code.
export function compareIndicators(a, b) {
  const ia = ORDER.has(a) ? ORDER.get(a) : 1000;
  const ib = ORDER.has(b) ? ORDER.get(b) : 1000;
  return ia - ib || a.localeCompare(b);
}

// Period kinds: value, label vi/en, the sub-choices (value, vi, en) or null,
// and the query for a year (+ sub-choice): a period code the server knows
// (2024, 2024Q1, 2024M01) or, for the cumulative reporting periods (6 and 9
// months), the date range, which every version of the API accepts.
const pad2 = (n) => String(n).padStart(2, '0');
export const PERIOD_KINDS = [
  { kind: 'year', vi: 'Năm', en: 'Year', subs: null, code: (y) => `${y}` },
  {
    kind: 'half',
    vi: '6 tháng đầu năm',
    en: 'First half',
    subs: null,
    code: (y) => `${y}S1`,
    range: (y) => ({ from: `${y}-01-01`, to: `${y}-06-30` }),
  },
  {
    kind: 'nine',
    vi: '9 tháng đầu năm',
    en: 'First nine months',
    subs: null,
    code: (y) => `${y}M9`,
    range: (y) => ({ from: `${y}-01-01`, to: `${y}-09-30` }),
  },
  {
    kind: 'quarter',
    vi: 'Quý',
    en: 'Quarter',
    subs: [1, 2, 3, 4].map((q) => [String(q), `Quý ${['I', 'II', 'III', 'IV'][q - 1]}`, `Q${q}`]),
    code: (y, s) => `${y}Q${s}`,
  },
  {
    kind: 'month',
    vi: 'Tháng',
    en: 'Month',
    subs: Array.from({ length: 12 }, (_, i) => [
      String(i + 1),
      `Tháng ${i + 1}`,
      new Date(2000, i, 1).toLocaleString('en-GB', { month: 'long' }),
    ]),
    code: (y, s) => `${y}M${pad2(s)}`,
  },
];

export const COUNT_KEYS = [
  ['received', 'Tiếp nhận', 'Received'],
  ['resolved', 'Đã giải quyết', 'Resolved'],
  ['early', 'Trước hạn', 'Early'],
  ['on_time', 'Đúng hạn', 'On time'],
  ['late', 'Quá hạn', 'Late'],
  ['overdue_open', 'Đang xử lý quá hạn', 'Open and overdue'],
];

// Column names and values of the explain list (GET /api/v1/kpi/explain).
export const EXPLAIN_COLUMNS = {
  code: ['Mã hồ sơ', 'Dossier code'],
  in_numerator: ['Tính vào tử số', 'In numerator'],
  class: ['Phân loại', 'Class'],
  status: ['Trạng thái', 'Status'],
  status_label: ['Trạng thái', 'Status'],
  received: ['Ngày tiếp nhận', 'Received'],
  due: ['Hạn trả kết quả', 'Due'],
  ended: ['Ngày kết thúc xử lý', 'Processing ended'],
  returned: ['Ngày trả kết quả', 'Returned'],
  procedure: ['Thủ tục', 'Procedure'],
  unit: ['Đơn vị', 'Unit'],
  channel: ['Kênh', 'Channel'],
};

export const EXPLAIN_VALUES = {
  early: ['Trước hạn', 'Early'],
  on_time: ['Đúng hạn', 'On time'],
  late: ['Quá hạn', 'Late'],
  overdue_open: ['Đang xử lý quá hạn', 'Open, overdue'],
  open: ['Đang xử lý', 'Open'],
  true: ['Có', 'Yes'],
  false: ['Không', 'No'],
};
