import type { OutcomeReason } from '../../shared/timeline';
import type { UiLanguage } from '../../shared/language';
import type { ReportSummary } from './model';

/**
 * The words of the printable report (HTML, and the PDF printed from it) in each UI language.
 * The CSV and JSON stay machine-readable: column names and UTC ISO times, whatever the language.
 */
export interface ReportText {
  title: string;
  titleForSite(site: string): string;
  site: string;
  selectedHubs: string;
  technician: string;
  visit: string;
  generated: string;
  columns: readonly string[];
  summary(s: ReportSummary): string[];
  outcome: Record<string, string>;
  reason: Partial<Record<OutcomeReason, string>>;
  hubResult(code: number): string;
  lastOf(n: number): string;
  noUpdate: string;
  offline: string;
  notLive: string;
  hubCheckedOnline(time: string): string;
  footer(zone: string): string;
  devices: DevicesText;
}

/** The managed-devices section (render-html-devices.ts). */
export interface DevicesText {
  title: string;
  intro: string;
  /** "(2 behind)" after a model's versions. */
  modelBehind(n: number): string;
  /** A device's firmware marked behind: "4.0.310 (behind)". */
  firmwareBehind(version: string): string;
  /** "3 devices, 2 behind, …" in the language's list style. */
  counts(c: { total: number; behind: number; offline: number; withWarnings: number; upgrading: number }): string;
  listAsRead(time: string, facts: string): string;
  truncated(max: string): string;
  columns: readonly string[];
  yes: string;
  no: string;
  upgradeDone: string;
  upgradeFailed(code: number): string;
  uploading(position: string): string;
  step(n: number): string;
}

const en: ReportText = {
  title: 'Site visit report',
  titleForSite: (site) => `Site visit report — ${site}`,
  site: 'Site',
  selectedHubs: '(selected hubs)',
  technician: 'Technician',
  visit: 'Visit',
  generated: 'Generated',
  columns: [
    'Hub',
    'Address',
    'Version before',
    'Version after',
    'Newest version',
    'Newest digest (SHA-256)',
    'State',
    'Update outcome',
    'Last observed',
  ],
  summary: (s) => [
    `${s.hubs} ${s.hubs === 1 ? 'hub' : 'hubs'}`,
    `${s.upToDate} up to date`,
    `${s.verified} verified`,
    `${s.failed} failed`,
    `${s.unverified} unverified`,
    `${s.inProgress} in progress`,
    `${s.offline} offline`,
  ],
  outcome: { verified: 'Verified', failed: 'Failed', unverified: 'Unverified', 'in-progress': 'In progress' },
  reason: {
    'same-version': 'back on the same version',
    'unexpected-version': 'back on a version other than the newest known',
    'newest-unknown': 'the newest version was never known',
    'version-unknown': 'the installed version could not be read',
    'not-back': 'not back in time after its restart',
    'no-restart': 'stopped without a restart',
  },
  hubResult: (code) => `hub result ${code}`,
  lastOf: (n) => `last of ${n} updates`,
  noUpdate: 'no update',
  offline: 'offline',
  notLive: 'not live',
  hubCheckedOnline: (time) => `hub checked online ${time}`,
  footer: (zone) =>
    `Verified: the hub came back after its restart on a different version equal to the newest version known before the restart. Failed: the hub reported update failure (state 0x200) with its result code. Unverified: the hub came back on the same or another version, or was not back in time, or the update stopped without a restart. Times in ${zone}. Made with Hubkeeper.`,
  devices: {
    title: 'Managed devices',
    intro:
      'Firmware in use per model on this site. "Behind": older than the newest version seen for the same model here (the hub publishes no device firmware releases).',
    modelBehind: (n) => `(${n} behind)`,
    firmwareBehind: (version) => `${version} (behind)`,
    counts: (c) =>
      [
        `${c.total} ${c.total === 1 ? 'device' : 'devices'}`,
        `${c.behind} behind`,
        `${c.offline} offline`,
        `${c.withWarnings} with warnings`,
        ...(c.upgrading > 0 ? [`${c.upgrading} upgrading`] : []),
      ].join(', '),
    listAsRead: (time, facts) => `List as read ${time}: ${facts}.`,
    truncated: (max) => `The hub lists more devices than Hubkeeper reads (${max}): the list stops there.`,
    columns: ['Serial', 'Name', 'Model', 'Firmware', 'Hardware', 'Online', 'Warnings', 'Upgrade'],
    yes: 'yes',
    no: 'no',
    upgradeDone: 'done',
    upgradeFailed: (code) => `failed (code ${code})`,
    uploading: (position) => `uploading ${position}%`,
    step: (n) => `step ${n}`,
  },
};

const zhCN: ReportText = {
  title: '现场服务报告',
  titleForSite: (site) => `现场服务报告 — ${site}`,
  site: '站点',
  selectedHubs: '（所选 Hub）',
  technician: '技术人员',
  visit: '服务时段',
  generated: '生成时间',
  columns: [
    'Hub',
    '地址',
    '升级前版本',
    '升级后版本',
    '最新版本',
    '最新版本摘要（SHA-256）',
    '状态',
    '升级结果',
    '最后读取',
  ],
  summary: (s) => [
    `${s.hubs} 台 Hub`,
    `${s.upToDate} 台已是最新`,
    `${s.verified} 台已验证`,
    `${s.failed} 台失败`,
    `${s.unverified} 台未能验证`,
    `${s.inProgress} 台升级中`,
    `${s.offline} 台离线`,
  ],
  outcome: { verified: '已验证', failed: '失败', unverified: '未能验证', 'in-progress': '升级中' },
  reason: {
    'same-version': '重启后仍为原版本',
    'unexpected-version': '重启后的版本不是已知的最新版本',
    'newest-unknown': '最新版本始终未知',
    'version-unknown': '无法读取当前版本',
    'not-back': '重启后未按时恢复',
    'no-restart': '升级停止，未重启',
  },
  hubResult: (code) => `Hub 结果码 ${code}`,
  lastOf: (n) => `共 ${n} 次升级中的最后一次`,
  noUpdate: '未升级',
  offline: '离线',
  notLive: '非实时',
  hubCheckedOnline: (time) => `Hub 在线检查于 ${time}`,
  footer: (zone) =>
    `已验证：Hub 重启后运行的版本与重启前已知的最新版本一致且不同于原版本。失败：Hub 报告升级失败（状态 0x200）及其结果码。未能验证：Hub 重启后仍为原版本或其他版本，或未按时恢复，或升级停止而未重启。时间为 ${zone}。由 Hubkeeper 生成。`,
  devices: {
    title: '受管设备',
    intro: '本站点各型号在用的固件版本。“落后”：比本站点同型号设备中见到的最新版本旧（Hub 不发布设备固件版本）。',
    modelBehind: (n) => `（${n} 台落后）`,
    firmwareBehind: (version) => `${version}（落后）`,
    counts: (c) =>
      [
        `${c.total} 台设备`,
        `${c.behind} 台落后`,
        `${c.offline} 台离线`,
        `${c.withWarnings} 台有警告`,
        ...(c.upgrading > 0 ? [`${c.upgrading} 台升级中`] : []),
      ].join('，'),
    listAsRead: (time, facts) => `列表读取于 ${time}：${facts}。`,
    truncated: (max) => `Hub 列出的设备超过 Hubkeeper 读取的上限（${max} 台），列表在此截断。`,
    columns: ['序列号', '名称', '型号', '固件', '硬件', '在线', '警告', '升级'],
    yes: '是',
    no: '否',
    upgradeDone: '已完成',
    upgradeFailed: (code) => `失败（代码 ${code}）`,
    uploading: (position) => `上传中 ${position}%`,
    step: (n) => `步骤 ${n}`,
  },
};

export const REPORT_TEXT: Record<UiLanguage, ReportText> = { en, 'zh-CN': zhCN };
