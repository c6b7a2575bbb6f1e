import { onScopeDispose, shallowRef, type Ref } from 'vue';

/**
 * One shared clock for every "as of" label: a single timer for the whole window, ticking only
 * while something uses it, instead of one interval per table row.
 */
const now = shallowRef(Date.now());
let users = 0;
let timer: ReturnType<typeof setInterval> | undefined;

export function useNow(): Readonly<Ref<number>> {
  users++;
  if (!timer) {
    now.value = Date.now();
    timer = setInterval(() => (now.value = Date.now()), 15_000);
  }
  onScopeDispose(() => {
    users--;
    if (users === 0 && timer) {
      clearInterval(timer);
      timer = undefined;
    }
  });
  return now;
}
