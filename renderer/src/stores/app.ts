import { defineStore } from 'pinia';
import { ref } from 'vue';
import type { MenuCommand, UpdateEnded } from '../../../electron/shared/contract';
import { isConnected, on } from '../bridge';
import { navigate } from '../lib/router';
import { useHubsStore } from './hubs';
import { useDevicesStore } from './devices';
import { useNoticesStore } from './notices';
import { useSessionStore } from './session';
import { useSettingsStore } from './settings';
import { useBundlesStore } from './bundles';

/**
 * Start-up and the app-wide events: load settings first (language and theme before anything
 * is drawn), then the inventory and the monitor; announce ended updates; act on menu commands.
 */
export const useAppStore = defineStore('app', () => {
  const started = ref(false);
  const connected = ref(isConnected());
  /** Set by a menu command; the discovery screen reads and clears it. */
  const pendingDiscoveryAction = ref<'add-hub' | 'import' | null>(null);
  const aboutOpen = ref(false);
  /** The diagnostics dialog (from About and Settings). */
  const diagnosticsOpen = ref(false);
  let offs: Array<() => void> = [];

  function announceUpdate(event: UpdateEnded): void {
    const notices = useNoticesStore();
    const r = event.record;
    const tone = r.outcome === 'verified' ? 'ok' : r.outcome === 'failed' ? 'danger' : 'warn';
    const key = `notice.update.${r.outcome === 'in-progress' ? 'unverified' : r.outcome}`;
    const params = { hub: event.hubName, from: r.from ?? '—', to: r.to ?? '—', code: r.updateResult ?? '—' };
    notices.push({ tone, key, params, hubId: event.hubId }, 12_000);
  }

  function onMenu(command: MenuCommand['command'], hubId?: string): void {
    switch (command) {
      case 'add-hub':
        pendingDiscoveryAction.value = 'add-hub';
        navigate({ name: 'discovery' });
        break;
      case 'import-inventory':
        pendingDiscoveryAction.value = 'import';
        navigate({ name: 'discovery' });
        break;
      case 'export-report':
        navigate({ name: 'report' });
        break;
      case 'open-settings':
        navigate({ name: 'settings' });
        break;
      case 'about':
        aboutOpen.value = true;
        break;
      case 'open-bundle':
      case 'export-bundle':
        useBundlesStore().pendingAction = command === 'open-bundle' ? 'open' : 'export';
        navigate({ name: 'bundles' });
        break;
      case 'show-hub':
        // A click on a desktop notification: that hub's screen.
        if (hubId) navigate({ name: 'hub', hubId });
        break;
    }
  }

  async function start(): Promise<void> {
    if (started.value) return;
    started.value = true;
    connected.value = isConnected();
    if (!connected.value) return;
    offs = [on('tracking:updateEnded', announceUpdate), on('menu:command', (m) => onMenu(m.command, m.hubId))];
    const settings = useSettingsStore();
    const session = useSessionStore();
    const hubs = useHubsStore();
    // Asked for together; the fleet is applied after the settings (language and theme first).
    hubs.requestInventory();
    await Promise.all([settings.load(), session.loadInfo()]);
    announceDamagedFiles(session.appInfo?.damagedFiles ?? []);
    await hubs.start();
    // After the fleet: its first rows must not wait for every hub's device list.
    await useDevicesStore().start();
  }

  /** Files of the data folder the backend moved aside: one banner each, kept until dismissed. */
  function announceDamagedFiles(files: readonly { name: string; movedTo: string }[]): void {
    const notices = useNoticesStore();
    for (const file of files)
      notices.push({ tone: 'warn', key: 'dataFolder.damaged', params: { name: file.name, movedTo: file.movedTo } }, 0);
  }

  function stop(): void {
    for (const off of offs) off();
    offs = [];
    started.value = false;
  }

  return {
    started,
    connected,
    pendingDiscoveryAction,
    aboutOpen,
    diagnosticsOpen,
    start,
    stop,
    onMenu,
    announceUpdate,
  };
});
