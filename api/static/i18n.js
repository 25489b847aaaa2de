// Page text in Simplified Chinese (default), Traditional Chinese and English, each person's choice. The words for the system's codes (severity,
// step, role, deadline, …) and the fields' names (`field.*`, which validation messages use too) are
// not here: they come from the one label table, served by /api/meta.
const LANG_KEY = 'yuqing.lang';

const TEXT = {
  'app.title': ['舆情处置', '輿情處置', 'Yuqing incidents'],
  'nav.list': ['事件列表', '事件列表', 'Incidents'],
  'nav.new': ['登记舆情', '登記輿情', 'New incident'],
  'nav.logout': ['登出', '登出', 'Sign out'],
  'lang.choose': ['界面语言', '介面語言', 'Language'],
  'common.loading': ['载入中…', '載入中…', 'Loading…'],
  'common.error': ['出错了', '出錯了', 'Something went wrong'],
  'common.unavailable': ['Temporal 暂时无法连线，稍后自动重试', 'Temporal 暫時無法連線，稍後自動重試', 'Temporal is not answering; retrying shortly'],
  'common.by': ['经办', '經辦', 'by'],

  'login.title': ['登入', '登入', 'Sign in'],
  'login.name': ['用户名', '用戶名', 'User name'],
  'login.password': ['密码', '密碼', 'Password'],
  'login.submit': ['登入', '登入', 'Sign in'],
  'login.failed': ['用户名或密码错误', '用戶名或密碼錯誤', 'Wrong user name or password'],
  'login.limited': ['失败次数过多，请稍后再试', '失敗次數過多，請稍後再試', 'Too many failed attempts; try again later'],

  'new.title': ['登记网络舆情', '登記網絡輿情', 'Register an online incident'],
  'new.intro': ['登记后即启动七步处置流程，并按级别开始计算上报等期限。', '登記後即啟動七步處置流程，並按級別開始計算上報等期限。', 'Registering starts the seven-step workflow and its deadlines.'],
  'new.submit': ['登记并启动处置', '登記並啟動處置', 'Register and start'],
  'new.submitting': ['提交中…', '提交中…', 'Submitting…'],
  'new.metrics': ['传播数据', '傳播數據', 'Spread'],
  'new.sensitive': ['敏感情况', '敏感情況', 'Sensitivity'],
  'new.forbidden': ['您的角色不能登记舆情', '您的角色不能登記輿情', 'Your role cannot register incidents'],
  'hint.sourceUrls': ['http(s) 链接，每行一个，最多 20 个', 'http(s) 鏈接，每行一個，最多 20 個', 'http(s) links, one per line, up to 20'],
  'hint.lines': ['每行一个', '每行一個', 'one per line'],
  'hint.discoveredAt': ['留空即为现在；不能晚于现在', '留空即為現在；不能晚於現在', 'empty means now; cannot be in the future'],

  'list.title': ['舆情事件', '輿情事件', 'Incidents'],
  'list.autoRefresh': ['每 10 秒自动刷新', '每 10 秒自動刷新', 'Auto-refresh every 10 s'],
  'list.filter': ['筛选', '篩選', 'Filter'],
  'list.any': ['全部', '全部', 'Any'],
  'list.breached': ['超时', '超時', 'Breached'],
  'list.notBreached': ['未超时', '未超時', 'Not breached'],
  'list.empty': ['没有符合条件的事件', '沒有符合條件的事件', 'No incidents match'],
  'list.next': ['下一页', '下一頁', 'Next page'],
  'list.first': ['第一页', '第一頁', 'First page'],
  'list.col.title': ['标题', '標題', 'Title'],
  'list.col.severity': ['级别', '級別', 'Severity'],
  'list.col.stage': ['阶段', '階段', 'Step'],
  'list.col.category': ['类别', '類別', 'Category'],
  'list.col.department': ['部门', '部門', 'Department'],
  'list.col.deadline': ['最近期限', '最近期限', 'Next deadline'],
  'list.col.discoveredAt': ['发现时间', '發現時間', 'Discovered'],
  'list.consistency': ['新登记的事件约一秒后出现在列表中。', '新登記的事件約一秒後出現在列表中。', 'A new incident appears here within about a second.'],
  'reports.title': ['定期报告（周报、月报）', '定期報告（周報、月報）', 'Weekly and monthly reports'],
  'reports.generated': ['生成于', '生成於', 'generated'],
  'reports.empty': ['尚无报告：每周一 09:00 生成上周周报，每月5日 09:00 生成上月月报。', '尚無報告：每周一 09:00 生成上周周報，每月5日 09:00 生成上月月報。', 'None yet: the weekly report is written on Mondays at 09:00, the monthly one on the 5th at 09:00.'],

  'inc.progress': ['处置进度', '處置進度', 'Progress'],
  'inc.deadlines': ['期限', '期限', 'Deadlines'],
  'inc.decisions': ['待办决定', '待辦決定', 'Pending decisions'],
  'inc.decisionsOthers': ['等待他人', '等待他人', 'Waiting for others'],
  'inc.noDecisions': ['目前没有需要您决定的事项', '目前沒有需要您決定的事項', 'Nothing is waiting for you'],
  'inc.releases': ['通稿', '通稿', 'Releases'],
  'inc.noReleases': ['尚无通稿', '尚無通稿', 'No releases yet'],
  'inc.documents': ['文件', '文件', 'Documents'],
  'inc.noDocuments': ['尚无文件', '尚無文件', 'No documents yet'],
  'inc.timeline': ['时间线', '時間線', 'Timeline'],
  'inc.temporal': ['在 Temporal UI 查看完整历史', '在 Temporal UI 查看完整歷史', 'Full history in the Temporal UI'],
  'inc.reporter': ['登记人', '登記人', 'Registered by'],
  'inc.responseLevel': ['响应级别', '響應級別', 'Response level'],
  'inc.signed': ['已签名', '已簽名', 'signed'],
  'inc.unsigned': ['未签名：直接发送至 Temporal', '未簽名：直接發送至 Temporal', 'unsigned: sent to Temporal directly'],
  'inc.unsignedRecord': ['（未签名）', '（未簽名）', '(unsigned)'],
  'inc.sources': ['来源', '來源', 'Sources'],
  'inc.excluded': ['须由他人决定（四眼原则）', '須由他人決定（四眼原則）', 'Someone else must decide (four eyes)'],
  'inc.sent': ['已送出，流程处理中…', '已送出，流程處理中…', 'Sent; the workflow is processing it…'],
  'inc.owed': ['按预案尚须报送：', '按預案尚須報送：', 'Still to be reported to: '],
  'inc.submit': ['送出', '送出', 'Submit'],
  'inc.approve': ['通过', '通過', 'Approve'],
  'inc.return': ['退回', '退回', 'Return'],
  'inc.accept': ['采纳', '採納', 'Accept'],
  'inc.reject': ['不采纳', '不採納', 'Reject'],
  'inc.confirm': ['确认为舆情', '確認為輿情', 'Confirm'],
  'inc.dismiss': ['排除', '排除', 'Dismiss'],
  'inc.html': ['查看', '查看', 'View'],
  'inc.markdown': ['下载 Markdown', '下載 Markdown', 'Download Markdown'],
  'inc.docx': ['下载 Word', '下載 Word', 'Download Word'],
  'inc.reviews': ['审核记录', '審核記錄', 'Review trail'],
  'inc.notFound': ['找不到这个事件', '找不到這個事件', 'No such incident'],
  'inc.notices': ['通知', '通知', 'Notices'],
  'inc.noNotices': ['尚无通知', '尚無通知', 'No notices yet'],
  'inc.undelivered': ['未送达', '未送達', 'Not delivered'],
  'inc.undeliveredTo': ['未送达：', '未送達：', 'Not delivered to: '],
  'inc.noticeFailed': ['发送失败，未送达：', '發送失敗，未送達：', 'Delivery failed, not delivered to: '],
  'inc.undeliveredCount': ['则通知未送达', '則通知未送達', 'notices not delivered'],
  'inc.returnReason': ['退回理由', '退回理由', 'Reason for return'],
  'inc.plan': ['处置方案', '處置方案', 'Handling plan'],
  'inc.noPlan': ['尚未拟定处置方案', '尚未擬定處置方案', 'No handling plan yet'],
  'inc.planOutgrown': ['级别已升高，须重新拟定并审批', '級別已升高，須重新擬定並審批', 'The grade rose: to be drafted and approved again'],
  'inc.responses': ['回应引导', '回應引導', 'Public responses'],
  'inc.noResponses': ['尚无回应', '尚無回應', 'No responses yet'],
  'plan.measures': ['处置措施', '處置措施', 'Measures'],
  'plan.messageLine': ['回应口径', '回應口徑', 'Message line'],
  'plan.assignments': ['分工', '分工', 'Who does what'],
  'plan.publicationPlan': ['发布计划', '發布計劃', 'Publication plan'],
  'subj.revision': ['第{n}稿', '第{n}稿', 'revision {n}'],
  'subj.evidence': ['证据材料', '證據材料', 'Evidence'],
  'subj.channels': ['发布渠道', '發布渠道', 'Channels'],
  'subj.returned': ['退回理由', '退回理由', 'Returned because'],
  'subj.changed': ['自退回版本以来的修改', '自退回版本以來的修改', 'Changed since the version returned'],
  'subj.unchanged': ['与退回版本相同，未作修改', '與退回版本相同，未作修改', 'Unchanged from the version returned'],

  'deadline.left': ['剩余', '剩餘', 'left'],
  'deadline.overdue': ['已逾期', '已逾期', 'overdue by'],
  'deadline.met': ['按时完成', '按時完成', 'met'],
  'deadline.metLate': ['逾时完成，迟了', '逾時完成，遲了', 'met late by'],
  'deadline.cancelled': ['已取消', '已取消', 'cancelled'],
  'deadline.returned': ['已退回', '已退回', 'returned'],
  'deadline.issueNo': ['第{n}期', '第{n}期', 'no. {n}'],
  'deadline.automatic': ['自动生成', '自動生成', 'issued automatically'],
  'owner.roster': ['值班', '值班', 'on duty'],
  'owner.department': ['本部门', '本部門', "department's"],
  'owner.role': ['唯一人选', '唯一人選', 'only holder'],
  'owner.reassigned': ['改派', '改派', 'reassigned'],
  'tasks.mine': ['我负责', '我負責', 'yours'],
  'deadline.uncovered': ['日历未覆盖年份，期限仅供参考', '日曆未覆蓋年份，期限僅供參考', 'calendar year not covered; deadline approximate'],
  'unit.d': ['天', '天', 'd'],
  'unit.h': ['小时', '小時', 'h'],
  'unit.m': ['分', '分', 'm'],
  'unit.s': ['秒', '秒', 's'],
  'evidence.hint': ['图片、PDF、Office 文档或短视频，选中即上传；按 SHA-256 固定，随决定签名', '圖片、PDF、Office 文檔或短視頻，選中即上傳；按 SHA-256 固定，隨決定簽名', 'Images, PDF, Office documents or short videos, uploaded when chosen; fixed by SHA-256 and signed with the decision'],
  'evidence.uploading': ['上传中…', '上傳中…', 'uploading…'],
  'evidence.remove': ['移除', '移除', 'remove'],
  'evidence.none': ['暂无附件', '暫無附件', 'No files attached'],
  'evidence.title': ['证据材料', '證據材料', 'Evidence'],
  'evidence.mismatch': ['校验不符：存储的文件与其 SHA-256 不一致，未予显示', '校驗不符：存儲的文件與其 SHA-256 不一致，未予顯示', 'Hash mismatch: the stored file does not match its SHA-256 and is not shown'],
  'evidence.missing': ['文件缺失', '文件缺失', 'File missing'],
  'users.title': ['用户管理', '用戶管理', 'Users'],
  'users.colName': ['姓名', '姓名', 'Name'],
  'users.colRoles': ['角色', '角色', 'Roles'],
  'users.colDepartment': ['部门', '部門', 'Department'],
  'users.colContacts': ['联系方式', '聯繫方式', 'Contacts'],
  'users.colDuty': ['可排值班', '可排值班', 'On duty roster'],
  'users.colStatus': ['状态', '狀態', 'Status'],
  'users.add': ['添加人员', '添加人員', 'Add a person'],
  'users.name': ['登录名', '登錄名', 'Sign-in name'],
  'users.displayName': ['姓名', '姓名', 'Name'],
  'users.department': ['部门', '部門', 'Department'],
  'users.wecom': ['企业微信 ID', '企業微信 ID', 'WeCom user id'],
  'users.dingtalk': ['钉钉 ID', '釘釘 ID', 'DingTalk user id'],
  'users.feishu': ['飞书 ID', '飛書 ID', 'Feishu user id'],
  'users.email': ['电子邮箱', '電子郵箱', 'E-mail'],
  'users.phone': ['电话', '電話', 'Phone'],
  'users.dutyEligible': ['可排入值班', '可排入值班', 'May be put on duty'],
  'users.create': ['添加', '添加', 'Add'],
  'users.save': ['保存', '保存', 'Save'],
  'users.edit': ['编辑', '編輯', 'Edit'],
  'users.resetPassword': ['重置密码', '重置密碼', 'Reset password'],
  'users.resetToken': ['重置 API 令牌', '重置 API 令牌', 'Reset API token'],
  'users.disable': ['停用', '停用', 'Disable'],
  'users.enable': ['启用', '啟用', 'Enable'],
  'users.enabled': ['启用中', '啟用中', 'Enabled'],
  'users.disabled': ['已停用', '已停用', 'Disabled'],
  'users.yes': ['是', '是', 'yes'],
  'users.new.password': ['新密码（仅显示这一次）', '新密碼（僅顯示這一次）', 'New password (shown only this once) for'],
  'users.new.token': ['新 API 令牌（仅显示这一次）', '新 API 令牌（僅顯示這一次）', 'New API token (shown only this once) for'],
  'users.copyHint': ['请立即复制并安全转交，离开本页后无法再查看', '請立即複製並安全轉交，離開本頁後無法再查看', 'Copy it now and hand it over safely; it cannot be shown again'],
  'nav.users': ['用户管理', '用戶管理', 'Users'],
  // 值班表 (api/static/roster.js)
  'nav.roster': ['值班表', '值班表', 'Duty roster'],
  'roster.title': ['值班表', '值班表', 'Duty roster'],
  'roster.month': ['月份', '月份', 'Month'],
  'roster.prev': ['上月', '上月', 'Previous month'],
  'roster.next': ['下月', '下月', 'Next month'],
  'roster.nowIs': ['现在值班（{shift}）：{people}', '現在值班（{shift}）：{people}', 'On duty now ({shift}): {people}'],
  'roster.cellIs': ['{date} {shift}：{people}', '{date} {shift}：{people}', '{date} {shift}: {people}'],
  'roster.nobodyNow': ['现在无人值班', '現在無人值班', 'Nobody is on duty now'],
  'roster.colDate': ['日期', '日期', 'Date'],
  'roster.shift.day': ['白班', '白班', 'Day shift'],
  'roster.shift.night': ['夜班', '夜班', 'Night shift'],
  'roster.weekdays': ['周日,周一,周二,周三,周四,周五,周六', '週日,週一,週二,週三,週四,週五,週六', 'Sun,Mon,Tue,Wed,Thu,Fri,Sat'],
  'roster.empty': ['未排', '未排', 'nobody'],
  'roster.edit': ['修改', '修改', 'Change'],
  'roster.save': ['保存', '保存', 'Save'],
  'roster.cancel': ['取消', '取消', 'Cancel'],
  'roster.pickHint': ['可多选；不选即清空该班', '可多選；不選即清空該班', 'pick one or more; none clears the shift'],
  'roster.generate': ['生成本月轮值', '生成本月輪值', 'Generate this month\'s rotation'],
  'roster.generateHint': ['按所选人员的顺序轮流排班，接续上月最后一班；本月原有的办公室排班将被替换。', '按所選人員的順序輪流排班，接續上月最後一班；本月原有的辦公室排班將被替換。', 'People take turns in the order listed, carrying on after last month\'s last shift; the office\'s shifts of this month are replaced.'],
  'roster.people': ['轮值人员', '輪值人員', 'People taking turns'],
  'roster.perShift': ['每班人数', '每班人數', 'People per shift'],
  'roster.nights': ['排夜班', '排夜班', 'Night shifts too'],
  'roster.noEligible': ['没有可排值班的人员：请在用户管理中勾选「可排入值班」', '沒有可排值班的人員：請在用戶管理中勾選「可排入值班」', 'Nobody may be put on duty yet: tick "May be put on duty" on the users page'],
  'roster.changes': ['变更记录', '變更記錄', 'Changes'],
  'roster.noChanges': ['暂无变更', '暫無變更', 'No changes yet'],
  'roster.action.edit': ['修改排班', '修改排班', 'edited'],
  'roster.action.rotation': ['生成轮值', '生成輪值', 'generated a rotation'],
  'roster.entries': ['{n} 个班次', '{n} 個班次', '{n} shifts'],

  // 考核: per department and per person, a month or a year
  'assess.title': ['考核', '考核', 'Assessment'],
  'assess.period': ['统计期间（年或年-月）', '統計期間（年或年-月）', 'Period (year or year-month)'],
  'assess.show': ['查看', '查看', 'Show'],
  'assess.xlsx': ['下载 Excel', '下載 Excel', 'Download .xlsx'],
  'assess.note': ['迟报：期限已过后才完成；漏报：期限已过仍未完成。演练不计。', '遲報：期限已過後才完成；漏報：期限已過仍未完成。演練不計。', 'Late: met after the deadline; missed: past the deadline and never met. Drills are left out.'],
  'assess.departments': ['部门', '部門', 'Departments'],
  'assess.people': ['个人', '個人', 'People'],
  'assess.department': ['部门', '部門', 'Department'],
  'assess.person': ['责任人', '責任人', 'Person'],
  'assess.role': ['角色', '角色', 'Role'],
  'assess.incidents': ['办理舆情（件）', '辦理輿情（件）', 'Incidents'],
  'assess.deadlines': ['期限（项）', '期限（項）', 'Deadlines'],
  'assess.onTime': ['按时', '按時', 'On time'],
  'assess.late': ['迟报', '遲報', 'Late'],
  'assess.missed': ['漏报', '漏報', 'Missed'],
  'assess.open': ['未到期', '未到期', 'Not yet due'],
  'assess.rate': ['按时率', '按時率', 'On-time rate'],
  'assess.byKind': ['分期限按时率', '分期限按時率', 'On-time rate by deadline'],
  'assess.total': ['合计', '合計', 'Total'],
  'assess.nobody': ['（未指定责任人）', '（未指定責任人）', '(nobody named)'],
  'assess.empty': ['本期无数据。', '本期無數據。', 'Nothing in this period.'],

  // a document as the office prints it: a PDF in the national layout, and the page to print from
  'doc.pdf': ['下载 PDF', '下載 PDF', 'Download PDF'],
  'doc.print': ['打印', '打印', 'Print'],
  // 演练: a practice run, marked wherever it shows
  'drill.badge': ['演练', '演練', 'Drill'],
  'duty24h.badge': ['24小时值班', '24小時值班', '24-hour duty'],
  'duty24h.title': ['重大及以上舆情：24小时网上舆情值班，至平稳为止', '重大及以上輿情：24小時網上輿情值班，至平穩為止', 'Major or critical: online duty around the clock until the incident is stable'],
  'drill.field': ['这是一次演练（时限压缩，通稿只发往演练沙箱，不计入周报、月报）', '這是一次演練（時限壓縮，通稿只發往演練沙箱，不計入週報、月報）', 'This is a drill (deadlines compressed, releases to the sandbox only, left out of the roll-ups)'],
  'drill.byIntake': ['由监测系统「{system}」（{account}）推送时标为演练。', '由監測系統「{system}」（{account}）推送時標為演練。', 'Marked a drill by the monitoring system “{system}” ({account}) when it posted the alert.'],
  'drill.banner': ['【演练】本事件为演练，非真实舆情：时限已压缩，通稿只发往演练沙箱，不计入周报、月报。', '【演練】本事件為演練，非真實輿情：時限已壓縮，通稿只發往演練沙箱，不計入週報、月報。', '[Drill] This incident is a drill, not a real one: its deadlines are compressed, its releases go to the sandbox only, and it is left out of the roll-ups.'],

};

/** the order of each TEXT entry's columns, and the names the language menu shows */
const LANGS = ['zh-Hans', 'zh-Hant', 'en'];
const LANG_NAMES = { 'zh-Hans': '简体中文', 'zh-Hant': '繁體中文', en: 'English' };

const stored = localStorage.getItem(LANG_KEY);
/** zh-Hans, zh-Hant or en: the page's language, the same codes as the label table's */
export const lang = LANGS.includes(stored) ? stored : 'zh-Hans';
document.documentElement.lang = lang;

let serverLabels = {};

/** The label table from /api/meta: {severity:{major:{'zh-Hans':'重大', 'zh-Hant':'重大', en:'Major'}}, …} */
export function useServerLabels(labels) {
  // the list and the badges treat "closed" as the stage after the last step
  serverLabels = { ...labels, step: { ...labels.step, closed: labels.incidentStatus.completed } };
}

/** Page text by key, or a code's label by `section.code` (e.g. `severity.major`). */
export function t(key) {
  const entry = TEXT[key];
  if (entry) return entry[LANGS.indexOf(lang)];
  const dot = key.indexOf('.');
  return serverLabels[key.slice(0, dot)]?.[key.slice(dot + 1)]?.[lang] ?? key;
}

/** Fills every [data-i18n] element's text and [data-i18n-placeholder] attribute. */
export function applyI18n(root = document) {
  for (const node of root.querySelectorAll('[data-i18n]')) node.textContent = t(node.dataset.i18n);
  for (const node of root.querySelectorAll('[data-i18n-placeholder]')) node.placeholder = t(node.dataset.i18nPlaceholder);
  document.title = `${t(document.body.dataset.title ?? 'app.title')} · ${t('app.title')}`;
}

/** The header's language menu: the choice is kept in this browser and the page reloads in it. */
export function languageMenu() {
  const menu = document.createElement('select');
  menu.id = 'lang-select';
  menu.title = t('lang.choose');
  menu.setAttribute('aria-label', t('lang.choose'));
  for (const code of LANGS) menu.add(new Option(LANG_NAMES[code], code, false, code === lang));
  menu.addEventListener('change', () => {
    localStorage.setItem(LANG_KEY, menu.value);
    location.reload();
  });
  return menu;
}

export function formatTime(iso) {
  return iso ? new Date(iso).toLocaleString(lang === 'en' ? 'en-GB' : lang === 'zh-Hant' ? 'zh-Hant-CN' : 'zh-CN', { hour12: false }) : '';
}

/** 11-30 11:00: a deadline beside the text that names it */
export function formatShort(iso) {
  const d = new Date(iso);
  const two = (n) => String(n).padStart(2, '0');
  return `${two(d.getMonth() + 1)}-${two(d.getDate())} ${two(d.getHours())}:${two(d.getMinutes())}`;
}

/** A label with `{name}` slots (the table's templates) filled in. */
export const fill = (text, values) => text.replace(/\{(\w+)\}/g, (slot, name) => (name in values ? String(values[name]) : slot));

/** 答復、更正 / Reply, Correction */
export const joinList = (items) => items.join(lang === 'en' ? ', ' : '、');

/** 2小時5分 / 2h 5m: the two largest units are enough for a deadline. */
export function formatDuration(ms) {
  let s = Math.max(0, Math.round(ms / 1000));
  const parts = [];
  for (const [unit, size] of [['d', 86400], ['h', 3600], ['m', 60], ['s', 1]]) {
    const n = Math.floor(s / size);
    s -= n * size;
    if (n > 0 || (unit === 's' && parts.length === 0)) parts.push(`${n}${t(`unit.${unit}`)}`);
  }
  return parts.slice(0, 2).join(lang === 'en' ? ' ' : '');
}
