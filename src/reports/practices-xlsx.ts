// Excel exports of the campaign's practices: meetings and their tasks, guidance visits, rectification
// items, officers' merits. Real date and number cells; headers in Chinese (default) or English.
import type ExcelJS from 'exceljs';
import type { MeetingOut } from '../areas/meetings/schema.ts';
import type { GuidanceOut } from '../areas/guidance/schema.ts';
import type { ItemOut } from '../areas/rectification/schema.ts';
import type { MeritsOut } from '../areas/merits/schema.ts';
import type { TaskOut } from '../areas/tasks/schema.ts';
import { dateCell, sheet } from './bulletin-xlsx.ts';
import type { Lang } from './labels.ts';
import { newWorkbook } from './workbook.ts';

const DATE = 'yyyy-mm-dd';

const WORDS = {
  'zh-CN': {
    meetings: '会议',
    tasks: '任务',
    visits: '指导',
    liaisons: '联系点',
    rectification: '整改',
    merits: '民警战功',
    decisions: '奖励决定',
    id: '编号',
    kind: '类别',
    date: '日期',
    title: '名称',
    chair: '主持',
    unit: '单位',
    attending: '参会单位',
    minutes: '纪要',
    owner: '责任人',
    assignedBy: '布置人',
    assignedFrom: '布置单位',
    due: '期限',
    status: '状态',
    overdue: '逾期',
    leader: '领导',
    findings: '发现问题',
    visitsCount: '指导次数',
    lastVisit: '最近指导',
    daysSince: '距今天数',
    inspection: '检查日期',
    problem: '问题',
    report: '整改报告',
    decidedBy: '验收人',
    returnReason: '退回理由',
    daysOverdue: '逾期天数',
    officer: '民警',
    captures: '抓获',
    persuasions: '劝投',
    pursuits: '追逃专班',
    results: '战果',
    points: '积分',
    proposal: '建议奖励',
    award: '奖励',
    decision: '决定',
    reason: '理由',
    yes: '是',
    no: '否',
    values: {
      mobilization: '动员会',
      remobilization: '再动员会',
      review: '点评会',
      weekly_command: '每周指挥调度会',
      open: '未完成',
      done: '已完成',
      cancelled: '已撤销',
      reported: '已报告',
      accepted: '已验收',
      returned: '已退回',
      commendation: '嘉奖',
      merit: '记功',
      approved: '批准',
      declined: '不予批准',
    } as Record<string, string>,
  },
  en: {
    meetings: 'Meetings',
    tasks: 'Tasks',
    visits: 'Visits',
    liaisons: 'Liaison units',
    rectification: 'Rectification',
    merits: 'Officers',
    decisions: 'Decisions',
    id: 'No.',
    kind: 'Kind',
    date: 'Date',
    title: 'Title',
    chair: 'Chair',
    unit: 'Unit',
    attending: 'Attending units',
    minutes: 'Minutes',
    owner: 'Owner',
    assignedBy: 'Assigned by',
    assignedFrom: 'Assigned from',
    due: 'Due',
    status: 'Status',
    overdue: 'Overdue',
    leader: 'Leader',
    findings: 'Findings',
    visitsCount: 'Visits',
    lastVisit: 'Last visit',
    daysSince: 'Days since',
    inspection: 'Inspected on',
    problem: 'Problem',
    report: "Unit's report",
    decidedBy: 'Decided by',
    returnReason: 'Returned because',
    daysOverdue: 'Days overdue',
    officer: 'Officer',
    captures: 'Captures',
    persuasions: 'Persuasions',
    pursuits: 'Pursuit team',
    results: 'Results',
    points: 'Points',
    proposal: 'Proposed award',
    award: 'Award',
    decision: 'Decision',
    reason: 'Reason',
    yes: 'yes',
    no: 'no',
    values: {
      mobilization: 'Mobilisation meeting',
      remobilization: 'Re-mobilisation meeting',
      review: 'Review meeting',
      weekly_command: 'Weekly command meeting',
      open: 'open',
      done: 'done',
      cancelled: 'cancelled',
      reported: 'reported',
      accepted: 'accepted',
      returned: 'returned',
      commendation: 'Commendation',
      merit: 'Merit citation',
      approved: 'approved',
      declined: 'declined',
    } as Record<string, string>,
  },
};

function words(lang: Lang) {
  const w = WORDS[lang];
  return { ...w, value: (v: string | null) => (v === null ? null : (w.values[v] ?? v)) };
}

function taskSheet(wb: ExcelJS.Workbook, w: ReturnType<typeof words>, tasks: TaskOut[]) {
  const ws = sheet(wb, w.tasks, [
    { header: w.id, key: 'id', width: 8 },
    { header: w.title, key: 'title', width: 40 },
    { header: w.owner, key: 'owner', width: 18 },
    { header: w.unit, key: 'unit', width: 20 },
    { header: w.assignedBy, key: 'assignedBy', width: 14 },
    { header: w.assignedFrom, key: 'assignedFrom', width: 20 },
    { header: w.due, key: 'dueOn', fmt: DATE },
    { header: w.status, key: 'status' },
    { header: w.overdue, key: 'overdue', width: 8 },
  ]);
  for (const t of tasks)
    ws.addRow({
      ...t,
      owner: t.ownerName ?? t.owner,
      unit: t.unit.name,
      assignedBy: t.assignedByName ?? t.assignedBy,
      assignedFrom: t.assignedFrom?.name ?? null,
      dueOn: dateCell(t.dueOn),
      status: w.value(t.status),
      overdue: t.overdue ? w.yes : w.no,
    });
}

export async function meetingsXlsx(meetings: MeetingOut[], lang: Lang = 'zh-CN'): Promise<Buffer> {
  const w = words(lang);
  const wb = await newWorkbook();
  const ws = sheet(wb, w.meetings, [
    { header: w.id, key: 'id', width: 8 },
    { header: w.date, key: 'heldOn', fmt: DATE },
    { header: w.kind, key: 'kind', width: 18 },
    { header: w.title, key: 'title', width: 30 },
    { header: w.chair, key: 'chair', width: 14 },
    { header: w.unit, key: 'unit', width: 20 },
    { header: w.attending, key: 'attending', width: 40 },
    { header: w.minutes, key: 'minutes', width: 60 },
  ]);
  for (const m of meetings)
    ws.addRow({
      ...m,
      heldOn: dateCell(m.heldOn),
      kind: w.value(m.kind),
      unit: m.unit.name,
      attending: m.attendingUnits.map((u) => u.name).join(lang === 'en' ? ', ' : '、'),
    });
  taskSheet(
    wb,
    w,
    meetings.flatMap((m) => m.tasks),
  );
  return Buffer.from(await wb.xlsx.writeBuffer());
}

export async function guidanceXlsx(g: GuidanceOut, lang: Lang = 'zh-CN'): Promise<Buffer> {
  const w = words(lang);
  const wb = await newWorkbook();
  const liaisons = sheet(wb, w.liaisons, [
    { header: w.leader, key: 'leader', width: 20 },
    { header: w.unit, key: 'unit', width: 20 },
    { header: w.visitsCount, key: 'visits' },
    { header: w.lastVisit, key: 'lastVisitOn', fmt: DATE },
    { header: w.daysSince, key: 'daysSince' },
    { header: w.overdue, key: 'overdue', width: 8 },
  ]);
  for (const l of g.liaisons)
    liaisons.addRow({
      ...l,
      leader: l.leader.displayName,
      unit: l.unit.name,
      lastVisitOn: l.lastVisitOn ? dateCell(l.lastVisitOn) : null,
      overdue: l.overdue ? w.yes : w.no,
    });
  const visits = sheet(wb, w.visits, [
    { header: w.id, key: 'id', width: 8 },
    { header: w.date, key: 'visitedOn', fmt: DATE },
    { header: w.leader, key: 'leader', width: 20 },
    { header: w.unit, key: 'unit', width: 20 },
    { header: w.findings, key: 'findings', width: 60 },
  ]);
  for (const v of g.visits)
    visits.addRow({
      ...v,
      visitedOn: dateCell(v.visitedOn),
      leader: v.leader.displayName,
      unit: v.unit.name,
    });
  taskSheet(
    wb,
    w,
    g.visits.flatMap((v) => v.tasks),
  );
  return Buffer.from(await wb.xlsx.writeBuffer());
}

export async function rectificationXlsx(items: ItemOut[], lang: Lang = 'zh-CN'): Promise<Buffer> {
  const w = words(lang);
  const wb = await newWorkbook();
  const ws = sheet(wb, w.rectification, [
    { header: w.id, key: 'id', width: 8 },
    { header: w.inspection, key: 'inspectedOn', fmt: DATE },
    { header: w.unit, key: 'unit', width: 20 },
    { header: w.problem, key: 'problem', width: 50 },
    { header: w.due, key: 'deadlineOn', fmt: DATE },
    { header: w.status, key: 'status' },
    { header: w.daysOverdue, key: 'daysOverdue' },
    { header: w.report, key: 'report', width: 50 },
    { header: w.decidedBy, key: 'decidedBy' },
    { header: w.returnReason, key: 'returnReason', width: 30 },
  ]);
  for (const i of items)
    ws.addRow({
      ...i,
      inspectedOn: dateCell(i.inspectedOn),
      deadlineOn: dateCell(i.deadlineOn),
      unit: i.unit.name,
      status: w.value(i.status),
    });
  return Buffer.from(await wb.xlsx.writeBuffer());
}

export async function meritsXlsx(m: MeritsOut, lang: Lang = 'zh-CN'): Promise<Buffer> {
  const w = words(lang);
  const wb = await newWorkbook();
  const ws = sheet(wb, w.merits, [
    { header: w.officer, key: 'officer', width: 14 },
    { header: w.unit, key: 'unit', width: 20 },
    { header: w.captures, key: 'captures' },
    { header: w.persuasions, key: 'persuasions' },
    { header: w.pursuits, key: 'pursuits' },
    { header: w.results, key: 'results' },
    { header: w.points, key: 'points' },
    { header: w.proposal, key: 'proposal', width: 16 },
  ]);
  for (const o of m.officers) ws.addRow({ ...o, unit: o.unit.name, proposal: w.value(o.proposal) });
  const ds = sheet(wb, w.decisions, [
    { header: w.date, key: 'decidedAt', fmt: DATE },
    { header: w.officer, key: 'officer', width: 14 },
    { header: w.unit, key: 'unit', width: 20 },
    { header: w.award, key: 'award', width: 16 },
    { header: w.points, key: 'points' },
    { header: w.decision, key: 'decision' },
    { header: w.reason, key: 'reason', width: 40 },
  ]);
  for (const d of m.decisions)
    ds.addRow({
      ...d,
      decidedAt: dateCell(d.decidedAt.slice(0, 10)),
      unit: d.unit.name,
      award: w.value(d.award),
      decision: w.value(d.decision),
    });
  return Buffer.from(await wb.xlsx.writeBuffer());
}
