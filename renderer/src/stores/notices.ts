import { defineStore } from 'pinia';
import { ref } from 'vue';

export interface Notice {
  id: number;
  tone: 'ok' | 'danger' | 'warn' | 'info';
  /**
   * An i18n key and its parameters, translated when shown: a notice still on screen follows a
   * language switch. Notices are announced to screen readers as they arrive.
   */
  key: string;
  params?: Record<string, string | number>;
  /** Hub to open when the notice is clicked. */
  hubId?: string;
}

/** Short-lived messages (update ended, a save succeeded, an action failed). */
export const useNoticesStore = defineStore('notices', () => {
  const notices = ref<Notice[]>([]);
  let next = 1;

  function push(notice: Omit<Notice, 'id'>, ttlMs = 8000): number {
    const id = next++;
    notices.value = [...notices.value.slice(-4), { ...notice, id }];
    if (ttlMs > 0) setTimeout(() => dismiss(id), ttlMs);
    return id;
  }

  function dismiss(id: number): void {
    notices.value = notices.value.filter((n) => n.id !== id);
  }

  return { notices, push, dismiss };
});
