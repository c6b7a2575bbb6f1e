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
};

export const REPORT_TEXT: Record<UiLanguage, ReportText> = { en, 'zh-CN': zhCN };
