import type { LoginInfo } from '../../shared/domain';
import type { Result } from '../../shared/errors';
import type { HubChange, HubLiveState, MonitorConfig } from '../../shared/monitor';
import type { Timeline, UpdateRecord } from '../../shared/timeline';
import type { SiteVisit } from '../../shared/visits';
import type { DiscoveryPort } from '../discovery/discovery-port';
import type { InventoryPort } from '../inventory/inventory-port';
import type { HubBinding } from '../sessions/hub-binding';
import type { BundlesPort } from './bundles-port';
import type { DevicesPort } from '../devices/devices-port';
import type {
  HistoryResult,
  PresentedCertificate,
  ReportPreview,
  ReportScope,
  SavedFile,
  Settings,
  SettingsPatch,
} from '../../shared/contract';
import type { MessageKey } from '../../shared/i18n/keys';
import type { UiLanguage } from '../../shared/language';

/**
 * What the dispatcher needs from the backend, one small interface per service. The composition
 * root (backend.ts) implements each over the real core modules; the transports never see these.
 * Keeping the dispatcher on interfaces lets its tests drive every branch without sockets.
 * A port implemented by a lower core module lives beside that module (no module imports from a
 * layer above it) and is re-exported here, so the app layer reads every port from one place.
 */
export type { DiscoveryPort, SweepCallbacks } from '../discovery/discovery-port';
export type { InventoryPort } from '../inventory/inventory-port';

export interface CertProbePort {
  /** Handshake only: nothing is sent to the hub. */
  probe(host: string, port: number): Promise<Result<PresentedCertificate>>;
}

export interface SessionPort {
  /**
   * Logs in to the hub (over its pinned certificate when HTTPS) and keeps user and password in
   * memory so the monitor can log in again after the hub restarts. Cookies stay in memory.
   */
  login(hubId: string, user: string, password: string): Promise<Result<LoginInfo>>;
  /**
   * Logs in with the remembered password, which goes only to the certificate it was saved with
   * and, on the same subnet, only to the hardware address it was sent to (else refused, nothing
   * sent).
   */
  loginRemembered(hubId: string): Promise<Result<LoginInfo>>;
  /** What identified the hub at its last login, to bind a password remembered now (null: unknown hub). */
  binding(hubId: string): HubBinding | null;
  logout(hubId: string): Promise<void>;
}

export interface MonitorPort {
  snapshot(): HubLiveState[];
  onChanges(listener: (changes: HubChange[]) => void): () => void;
  onUpdateEnded(listener: (hubId: string, record: UpdateRecord) => void): () => void;
  refresh(hubIds?: readonly string[]): void;
  pause(hubIds?: readonly string[]): void;
  resume(hubIds?: readonly string[]): void;
  /** Lifts a stop the monitor imposed itself (wrong password, changed certificate) and polls now. */
  unblock(hubIds: readonly string[]): void;
  configure(config: MonitorConfig): void;
}

/**
 * Site visits: which sites' hubs may get traffic. Hubs of other sites have no session and no
 * place in the monitor; the handlers answer NOT_VISITED for anything that would reach them.
 */
export interface VisitPort {
  /** The visit state of every site. */
  list(): SiteVisit[];
  isSiteVisited(siteId: string): boolean;
  /** Null when the hub is not in the inventory. */
  isHubVisited(hubId: string): boolean | null;
  /** Resolves once the site's hubs are in the pool and the monitor. */
  start(siteId: string): Promise<Result<SiteVisit[]>>;
  /** Resolves once the site's hubs are out of the pool and the monitor. */
  end(siteId: string): Promise<Result<SiteVisit[]>>;
  onChange(listener: (visits: SiteVisit[]) => void): () => void;
}

export interface HistoryPort {
  page(hubId: string, start: number, count: number): Promise<Result<HistoryResult>>;
}

export interface TimelinePort {
  get(hubId: string, limit: number | undefined): Promise<Result<Timeline>>;
}

/** What a report covers: hubs, who made it, and the visit's span (ISO; defaults chosen by the backend). */
export interface ReportRequest {
  scope: ReportScope;
  technician: string;
  from?: string | undefined;
  to?: string | undefined;
}

export interface ReportPort {
  preview(request: ReportRequest): Promise<Result<ReportPreview>>;
  render(
    request: ReportRequest,
    format: 'csv' | 'json' | 'html',
    /** Language of the HTML/PDF (its times are in the machine's time zone); English by default. */
    language?: UiLanguage,
  ): Promise<Result<{ content: string; suggestedName: string }>>;
}

export interface SettingsPort {
  get(): Settings;
  set(patch: SettingsPatch): Promise<Result<Settings>>;
  /** Called after every change, whoever made it (the renderer, the native menu). */
  onChange(listener: (settings: Settings) => void): () => void;
}

export interface KeychainAvailability {
  available: boolean;
  backend: string | null;
  reason: string | null;
}

/**
 * Remembered hub passwords. Implemented on Electron safeStorage in the app (main) and in memory
 * for the browser test transport. Fails closed: when the OS keychain is not really available
 * (Linux `basic_text`), `save` refuses with the reason rather than storing an obfuscated secret.
 */
export interface SecretStore {
  availability(): KeychainAvailability;
  save(key: string, secret: string): Promise<Result<void>>;
  load(key: string): Promise<Result<string | null>>;
  has(key: string): boolean;
  delete(key: string): Promise<void>;
}

/** A bound other than the inventory's on a file the user opens, and what such a file is ("a site bundle"). */
export interface TextFileLimit {
  maxBytes: number;
  what: string;
}

/** A type of file a dialog offers; its name is a catalogue key the host says in the UI language. */
export interface FileFilter {
  name: MessageKey;
  extensions: string[];
}

/**
 * An open or save dialog as core asks for it (core/app/file-dialogs.ts): words as catalogue keys,
 * because only the host knows the language the person reads (main resolves "system" itself).
 */
export interface FileDialog {
  title: MessageKey;
  filters: FileFilter[];
}

/**
 * What only the host (Electron main, or the web transport) can do: ask the user for files,
 * open the system browser, print to PDF. Paths stay inside the host; only base names return.
 */
export interface HostPort {
  /** `cli`: a command-line run (`hubkeeper watch`) that no window talks to. */
  readonly transport: 'electron' | 'web' | 'cli';
  readonly version: string;
  readonly platform: string;
  readonly capabilities: { printPdf: boolean; openExternal: boolean; fileDialogs: boolean };
  /** Asks the user for a file to read; null when they cancel. Default bound: an inventory's 5 MB. */
  openTextFile(dialog: FileDialog, limit?: TextFileLimit): Promise<Result<{ name: string; text: string } | null>>;
  /** Asks the user where to save and writes `content` there. */
  saveFile(suggestedName: string, dialog: FileDialog, content: string | Uint8Array): Promise<Result<SavedFile>>;
  /** Opens a URL main built (a hub's web interface) in the system browser. */
  openExternal(url: string): Promise<boolean>;
  /** Renders self-contained HTML off-screen and prints it to PDF. */
  printToPdf(html: string): Promise<Result<Uint8Array>>;
}

export interface Services {
  inventory: InventoryPort;
  discovery: DiscoveryPort;
  certs: CertProbePort;
  sessions: SessionPort;
  monitor: MonitorPort;
  visits: VisitPort;
  history: HistoryPort;
  timeline: TimelinePort;
  reports: ReportPort;
  /** Managed devices (core/devices): last-known lists, reads of visited hubs (absent: the device calls answer UNAVAILABLE). */
  devices?: DevicesPort;
  settings: SettingsPort;
  secrets: SecretStore;
  host: HostPort;
  /** Damaged files of the data folder moved aside in this run (none when absent). */
  dataFolder?: DataFolderPort;
  /** Offline review bundles (absent: the bundle calls answer UNAVAILABLE). */
  bundles?: BundlesPort;
  /** Support diagnostics (versions, paths, counts, recent log lines; redacted). */
  diagnostics?: DiagnosticsPort;
}

export interface DiagnosticsPort {
  /** The redacted diagnostics text (core/app/diagnostics.ts). */
  text(): string;
}

export interface DataFolderPort {
  damagedFiles(): { file: string; movedTo: string; at: string }[];
}
