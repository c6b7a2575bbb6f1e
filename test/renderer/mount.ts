import { mount, type ComponentMountingOptions } from '@vue/test-utils';
import { createTestingPinia, type TestingOptions } from '@pinia/testing';
import { vi } from 'vitest';
import type { Component } from 'vue';
import { i18n } from '../../renderer/src/i18n';

/** Mount with the app's i18n (English unless a test switches) and a testing Pinia. */
export function mountWith<C extends Component>(
  component: C,
  options: ComponentMountingOptions<C> = {},
  pinia: TestingOptions = {},
) {
  i18n.global.locale.value = 'en';
  const testingPinia = createTestingPinia({ createSpy: vi.fn, ...pinia });
  return mount(component, {
    ...options,
    global: { ...(options.global ?? {}), plugins: [testingPinia, i18n, ...(options.global?.plugins ?? [])] },
  } as ComponentMountingOptions<C>);
}
