import { defineStore } from 'pinia';
import { computed, ref, shallowRef } from 'vue';
import type { AppError } from '../../../electron/shared/errors';
import type {
  AddHubsResult,
  FoundHub,
  ImportResult,
  LocalSubnet,
  SweepFinished,
} from '../../../electron/shared/contract';
import { call, on } from '../bridge';

export type SweepPhase = 'idle' | 'starting' | 'running' | 'done' | 'cancelled' | 'failed';

/**
 * A sweep of a subnet or range the user picked, the hubs it finds (they appear as they are
 * found), and adding the chosen ones to a site; plus manual add and import. Nothing is swept
 * unless the user starts it.
 */
export const useDiscoveryStore = defineStore('discovery', () => {
  const interfaces = ref<LocalSubnet[]>([]);
  const target = ref('');
  /** Ports to probe, as typed (`80, 443, 8080`); empty = the hub defaults. */
  const ports = ref('');
  const sweepId = ref<string | null>(null);
  const phase = ref<SweepPhase>('idle');
  const done = ref(0);
  const total = ref(0);
  const found = ref<FoundHub[]>([]);
  const selected = ref<Set<string>>(new Set());
  /** Candidates added to the inventory from this sweep (shown as such, no longer selectable). */
  const added = ref<Set<string>>(new Set());
  const finished = shallowRef<SweepFinished | null>(null);
  const error = shallowRef<AppError | null>(null);
  const lastAdd = shallowRef<AddHubsResult | null>(null);
  const lastImport = shallowRef<ImportResult | null>(null);
  const adding = ref(false);
  /**
   * A target the backend refused because it reaches public, multicast, broadcast or unspecified
   * addresses: the view asks the user, and only their explicit yes sweeps it (allowPublic).
   */
  const publicTarget = shallowRef<{ target: string; message: string } | null>(null);
  let listening: Array<() => void> = [];

  const running = computed(() => phase.value === 'starting' || phase.value === 'running');
  const percent = computed(() =>
    total.value > 0 ? (100 * done.value) / total.value : phase.value === 'done' ? 100 : 0,
  );
  const selectable = computed(() => found.value.filter((h) => !h.knownHubId && !added.value.has(h.candidateId)));

  function listen(): void {
    if (listening.length) return;
    listening = [
      on('discovery:progress', (p) => {
        if (p.sweepId !== sweepId.value) return;
        done.value = p.done;
        total.value = p.total;
      }),
      on('discovery:found', (f) => {
        if (f.sweepId !== sweepId.value) return;
        if (found.value.some((h) => h.candidateId === f.hub.candidateId)) return;
        found.value = [...found.value, f.hub];
        // New finds are selected by default unless already in the inventory.
        if (!f.hub.knownHubId) selected.value = new Set([...selected.value, f.hub.candidateId]);
      }),
      on('discovery:finished', (f) => {
        if (f.sweepId !== sweepId.value) return;
        finished.value = f;
        phase.value = f.outcome;
        if (f.result) done.value = f.result.scanned;
        error.value = f.error;
        // The final list is authoritative (a `found` event may have been missed).
        const known = new Set(found.value.map((h) => h.candidateId));
        const extra = (f.result?.hubs ?? []).filter((h) => !known.has(h.candidateId));
        if (extra.length) {
          found.value = [...found.value, ...extra];
          selected.value = new Set([
            ...selected.value,
            ...extra.filter((h) => !h.knownHubId).map((h) => h.candidateId),
          ]);
        }
      }),
    ];
  }

  async function loadInterfaces(): Promise<void> {
    const result = await call('discovery:interfaces', {});
    if (result.ok) interfaces.value = result.value;
  }

  /** The typed ports as numbers, or an error key when one is not a port. */
  const parsedPorts = computed<number[] | 'bad'>(() => {
    const parts = ports.value.split(/[\s,;]+/).filter(Boolean);
    const numbers = parts.map((p) => (/^\d{1,5}$/.test(p) ? Number(p) : NaN));
    if (numbers.some((n) => !(n >= 1 && n <= 65535)) || numbers.length > 16) return 'bad';
    return [...new Set(numbers)];
  });

  async function start(allowPublic = false): Promise<boolean> {
    listen();
    const text = target.value.trim();
    const portList = parsedPorts.value;
    if (!text || portList === 'bad') return false;
    publicTarget.value = null;
    phase.value = 'starting';
    found.value = [];
    selected.value = new Set();
    added.value = new Set();
    finished.value = null;
    error.value = null;
    done.value = 0;
    total.value = 0;
    const result = await call('discovery:start', {
      target: text,
      ...(portList.length ? { ports: portList } : {}),
      // Strictly true: a stray argument (an Event from a listener) must never count as consent.
      ...(allowPublic === true ? { allowPublic: true } : {}),
    });
    if (!result.ok && result.error.code === 'NOT_PERMITTED' && allowPublic !== true) {
      // Not a failure yet: nothing was sent, and the user decides.
      phase.value = 'idle';
      publicTarget.value = { target: text, message: result.error.message };
      return false;
    }
    if (!result.ok) {
      phase.value = 'failed';
      error.value = result.error;
      return false;
    }
    sweepId.value = result.value.sweepId;
    total.value = result.value.total;
    // `finished` may already have arrived for a tiny sweep; never step back from it.
    if (phase.value === 'starting') phase.value = 'running';
    return true;
  }

  /** The user confirmed the sweep of the target they were asked about. */
  async function confirmPublic(): Promise<boolean> {
    const asked = publicTarget.value;
    publicTarget.value = null;
    // Only the target that was shown in the question: if it was edited meanwhile, ask again.
    if (!asked || asked.target !== target.value.trim()) return start();
    return start(true);
  }

  function declinePublic(): void {
    publicTarget.value = null;
  }

  async function cancel(): Promise<void> {
    if (!sweepId.value || !running.value) return;
    await call('discovery:cancel', { sweepId: sweepId.value });
  }

  function toggle(candidateId: string, on?: boolean): void {
    const next = new Set(selected.value);
    const want = on ?? !next.has(candidateId);
    if (want) next.add(candidateId);
    else next.delete(candidateId);
    selected.value = next;
  }

  function selectAll(on: boolean): void {
    selected.value = on ? new Set(selectable.value.map((h) => h.candidateId)) : new Set();
  }

  async function addSelected(siteId: string) {
    if (!sweepId.value || selected.value.size === 0) return null;
    adding.value = true;
    const result = await call('discovery:addFound', {
      sweepId: sweepId.value,
      candidateIds: [...selected.value],
      siteId,
    });
    adding.value = false;
    if (result.ok) {
      lastAdd.value = result.value;
      added.value = new Set([...added.value, ...selected.value]);
      selected.value = new Set();
    } else {
      error.value = result.error;
    }
    return result;
  }

  async function addManual(text: string, siteId: string) {
    adding.value = true;
    const result = await call('discovery:addManual', { text, siteId });
    adding.value = false;
    if (result.ok) lastAdd.value = result.value;
    return result;
  }

  async function importText(text: string, format: 'csv' | 'json') {
    const result = await call('inventory:importText', { text, format });
    if (result.ok) lastImport.value = result.value;
    return result;
  }

  async function importFile() {
    const result = await call('inventory:importFile', {});
    if (result.ok && !result.value.cancelled) lastImport.value = result.value;
    return result;
  }

  return {
    interfaces,
    target,
    ports,
    parsedPorts,
    sweepId,
    phase,
    done,
    total,
    found,
    selected,
    added,
    finished,
    error,
    lastAdd,
    lastImport,
    adding,
    publicTarget,
    confirmPublic,
    declinePublic,
    running,
    percent,
    selectable,
    listen,
    loadInterfaces,
    start,
    cancel,
    toggle,
    selectAll,
    addSelected,
    addManual,
    importText,
    importFile,
  };
});
