import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { flushPromises } from '@vue/test-utils';
import { nextTick } from 'vue';
import { i18n } from '../../renderer/src/i18n';
import LoginDialog from '../../renderer/src/components/LoginDialog.vue';
import CertDialog from '../../renderer/src/components/CertDialog.vue';
import { useSessionStore } from '../../renderer/src/stores/session';
import { FakeApi, installApi, removeApi } from './fake-api';
import { hub, idMap, site } from './fixtures';
import { mountWith } from './mount';

let api: FakeApi;
beforeEach(() => {
  api = new FakeApi();
  installApi(api);
});
afterEach(removeApi);

const appInfo = (available: boolean) => ({
  name: 'Hubkeeper',
  version: '0.1.0',
  transport: 'web' as const,
  platform: 'linux',
  keychain: {
    available,
    backend: available ? 'gnome_libsecret' : 'basic_text',
    reason: available ? null : 'Linux has no keyring running (basic_text).',
  },
  capabilities: { printPdf: false, openExternal: false, fileDialogs: false },
});

function state(available: boolean, hubOverrides = {}) {
  return {
    hubs: {
      sites: idMap({ s1: site('s1', 'Studio', 'operator') }),
      hubs: idMap({ a: hub('a', hubOverrides) }),
      hubIds: ['a'],
    },
    session: { appInfo: appInfo(available) },
  };
}

describe('LoginDialog', () => {
  it('pre-fills the site’s default user and explains why it cannot remember the password', () => {
    const w = mountWith(
      LoginDialog,
      { props: { target: { kind: 'hub', hubId: 'a' } }, attachTo: document.body },
      { initialState: state(false), stubActions: false },
    );
    expect((w.get('[data-test="login-user"]').element as HTMLInputElement).value).toBe('operator');
    expect(w.get('[data-test="login-remember"]').attributes('disabled')).toBeDefined();
    expect(w.text()).toContain('Linux has no keyring running');
    w.unmount();
  });

  it('names the real keychain, and does not call the preview’s memory store a keychain', () => {
    const real = mountWith(
      LoginDialog,
      { props: { target: { kind: 'hub', hubId: 'a' } }, attachTo: document.body },
      { initialState: state(true), stubActions: false },
    );
    expect(real.get('[data-test="login-remember"]').attributes('disabled')).toBeUndefined();
    expect(real.text()).toContain('system keychain (gnome_libsecret)');
    real.unmount();
    const preview = state(true);
    preview.session.appInfo.keychain = { available: true, backend: 'memory', reason: null };
    const w = mountWith(
      LoginDialog,
      { props: { target: { kind: 'hub', hubId: 'a' } }, attachTo: document.body },
      { initialState: preview, stubActions: false },
    );
    expect(w.text()).toContain('kept in memory until the preview stops');
    expect(w.text()).not.toContain('system keychain');
    w.unmount();
  });

  it('sends the password once and clears it from the form', async () => {
    api.reply('session:login', {
      hubId: 'a',
      login: { user: 'operator', userType: 1, permission: 1, groupName: null, isHardware: true },
      remembered: true,
      refusedReason: null,
    });
    api.reply('monitor:refresh', { done: true });
    const w = mountWith(
      LoginDialog,
      { props: { target: { kind: 'hub', hubId: 'a' } }, attachTo: document.body },
      { initialState: state(true), stubActions: false },
    );
    await w.get('[data-test="login-password"]').setValue('Secret!');
    await w.get('[data-test="login-remember"]').setValue(true);
    await w.get('[data-test="login-form"]').trigger('submit');
    await flushPromises();
    expect(api.callsTo('session:login')).toEqual([
      { hubId: 'a', user: 'operator', password: 'Secret!', remember: true },
    ]);
    expect((w.get('[data-test="login-password"]').element as HTMLInputElement).value).toBe('');
    expect(w.emitted('close')).toHaveLength(1);
    expect(JSON.stringify(useSessionStore().$state)).not.toContain('Secret!');
    w.unmount();
  });

  it('shows a refused login in words and stays open', async () => {
    api.fail('session:login', {
      code: 'AUTH_FAILED',
      hubCode: 39,
      message: 'The hub refused the password for user "operator".',
    });
    const w = mountWith(
      LoginDialog,
      { props: { target: { kind: 'hub', hubId: 'a' } }, attachTo: document.body },
      { initialState: state(true), stubActions: false },
    );
    await w.get('[data-test="login-password"]').setValue('wrong');
    await w.get('[data-test="login-form"]').trigger('submit');
    await flushPromises();
    expect(w.get('[data-test="error"]').text()).toContain('Wrong user name or password');
    expect(w.get('[data-test="error"]').text()).toContain('hub code 39');
    expect(w.emitted('close')).toBeUndefined();
    w.unmount();
  });

  it('says before the login that a hub with only plain HTTP gets a replayable password hash, in both languages', async () => {
    const w = mountWith(
      LoginDialog,
      { props: { target: { kind: 'hub', hubId: 'a' } }, attachTo: document.body },
      { initialState: state(true), stubActions: false },
    );
    expect(w.get('[data-test="login-http-warning"]').text()).toMatch(/plain HTTP.*replay/);
    i18n.global.locale.value = 'zh-CN';
    await nextTick();
    expect(w.get('[data-test="login-http-warning"]').text()).toContain('明文 HTTP');
    i18n.global.locale.value = 'en';
    w.unmount();
    const secure = mountWith(
      LoginDialog,
      { props: { target: { kind: 'hub', hubId: 'a' } }, attachTo: document.body },
      {
        initialState: state(true, {
          endpoints: [
            { scheme: 'http', port: 80, pin: null },
            { scheme: 'https', port: 443, pin: null },
          ],
        }),
        stubActions: false,
      },
    );
    // The hub has HTTPS: the login goes there, nothing to warn about.
    expect(secure.find('[data-test="login-http-warning"]').exists()).toBe(false);
    secure.unmount();
  });

  it('lets the site forbid plain HTTP logins from the same place, and says they will be refused', async () => {
    api.handle('inventory:updateSite', (args) => ({
      ok: true,
      value: { ...site('s1', 'Studio', 'operator'), forbidHttpLogin: args.forbidHttpLogin },
    }));
    const w = mountWith(
      LoginDialog,
      { props: { target: { kind: 'site', siteId: 's1' } }, attachTo: document.body },
      { initialState: state(true), stubActions: false },
    );
    const box = w.get('[data-test="login-forbid-http"]');
    expect((box.element as HTMLInputElement).checked).toBe(false);
    await box.setValue(true);
    await flushPromises();
    expect(api.callsTo('inventory:updateSite')).toEqual([{ siteId: 's1', forbidHttpLogin: true }]);
    expect(w.get('[data-test="login-http-warning"]').text()).toMatch(/forbids logins over plain HTTP/);
    w.unmount();
  });

  it('offers the saved password when one is remembered (no password travels)', async () => {
    api.reply('session:login', {
      hubId: 'a',
      login: { user: 'operator', userType: 1, permission: 1, groupName: null, isHardware: true },
      remembered: false,
      refusedReason: null,
    });
    api.reply('monitor:refresh', { done: true });
    const w = mountWith(
      LoginDialog,
      { props: { target: { kind: 'hub', hubId: 'a' } }, attachTo: document.body },
      { initialState: state(true, { hasSavedPassword: true }), stubActions: false },
    );
    expect(w.get('[data-test="login-submit"]').text()).toContain('saved password');
    await w.get('[data-test="login-form"]').trigger('submit');
    await flushPromises();
    expect(api.callsTo('session:login')).toEqual([{ hubId: 'a', user: 'operator', remember: false }]);
    w.unmount();
  });

  it('logs in a whole site and lists the hubs that failed', async () => {
    api.reply('session:loginSite', {
      results: [{ hubId: 'a', ok: false, error: { code: 'UNREACHABLE', hubCode: null, message: 'refused' } }],
      remembered: false,
      refusedReason: null,
    });
    api.reply('monitor:refresh', { done: true });
    const w = mountWith(
      LoginDialog,
      { props: { target: { kind: 'site', siteId: 's1' } }, attachTo: document.body },
      { initialState: state(false), stubActions: false },
    );
    expect(w.text()).toContain('Log in to the 1 hub of Studio');
    await w.get('[data-test="login-password"]').setValue('pw');
    await w.get('[data-test="login-form"]').trigger('submit');
    await flushPromises();
    expect(api.callsTo('session:loginSite')).toEqual([
      { siteId: 's1', user: 'operator', password: 'pw', remember: false },
    ]);
    expect(w.get('[data-test="login-failures"]').text()).toContain('Hub a');
    expect(w.get('[data-test="login-failures"]').text()).toContain('Hub not reachable');
    w.unmount();
  });
});

describe('CertDialog', () => {
  const fp = (c: string) => `sha256:${c.repeat(64)}`;
  const cert = (stateName: 'unpinned' | 'matches' | 'changed') => ({
    hubId: 'a',
    port: 443,
    presented: {
      fingerprint: fp('b'),
      subject: 'CN=hub',
      issuer: 'CN=hub',
      validFrom: '2026-01-01T00:00:00Z',
      validTo: '2036-01-01T00:00:00Z',
    },
    pinned: stateName === 'unpinned' ? null : stateName === 'matches' ? fp('b') : fp('a'),
    state: stateName,
  });

  it('shows the fingerprint in byte pairs and trusts exactly what was shown', async () => {
    api
      .reply('cert:inspect', cert('unpinned'))
      .reply('cert:trust', cert('matches'))
      .reply('monitor:refresh', { done: true });
    const w = mountWith(
      CertDialog,
      { props: { hubId: 'a' }, attachTo: document.body },
      { initialState: state(true), stubActions: false },
    );
    await flushPromises();
    expect(w.get('[data-test="cert-fingerprint"]').text()).toContain('BB:BB:BB:BB:BB:BB:BB:BB');
    await w.get('[data-test="cert-trust"]').trigger('click');
    await flushPromises();
    expect(api.callsTo('cert:trust')).toEqual([{ hubId: 'a', fingerprint: fp('b') }]);
    expect(w.emitted('close')).toHaveLength(1);
    w.unmount();
  });

  it('warns plainly about a changed certificate and needs an explicit confirmation', async () => {
    api.reply('cert:inspect', cert('changed'));
    const w = mountWith(
      CertDialog,
      { props: { hubId: 'a' }, attachTo: document.body },
      { initialState: state(true), stubActions: false },
    );
    await flushPromises();
    expect(w.get('[data-test="cert-changed"]').text()).toContain('has changed');
    expect(w.text()).toContain('AA:AA');
    expect(w.get('[data-test="cert-trust"]').attributes('disabled')).toBeDefined();
    await w.get('[data-test="cert-confirm"]').setValue(true);
    expect(w.get('[data-test="cert-trust"]').attributes('disabled')).toBeUndefined();
    w.unmount();
  });
});
