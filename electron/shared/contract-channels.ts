/**
 * The names of every contract call and event, and nothing else. Kept free of zod so the
 * sandboxed preload can build its exact allow-lists from this file alone and stay tiny;
 * `contract.ts` is type-checked against these lists in both directions, so a channel cannot
 * exist in one place and not the other.
 */

export const CALL_CHANNELS = [
  // app
  'app:info',
  'app:openHubWebUi',
  // support diagnostics
  'app:diagnostics',
  // settings
  'settings:get',
  'settings:set',
  // inventory
  'inventory:list',
  'inventory:addSite',
  'inventory:updateSite',
  'inventory:removeSite',
  'inventory:updateHub',
  'inventory:removeHubs',
  'inventory:importFile',
  'inventory:importText',
  'inventory:export',
  // discovery
  'discovery:interfaces',
  'discovery:start',
  'discovery:cancel',
  'discovery:addFound',
  'discovery:addManual',
  // sessions and credentials
  'session:login',
  'session:loginSite',
  'session:logout',
  'credentials:forget',
  // certificate trust
  'cert:inspect',
  'cert:trust',
  // monitor
  'monitor:subscribe',
  'monitor:unsubscribe',
  'monitor:refresh',
  'monitor:pause',
  'monitor:resume',
  // history, timeline
  'history:page',
  'timeline:get',
  // reports
  'report:preview',
  'report:save',
  'report:printPdf',
  // site visits
  'visit:start',
  'visit:end',
  // managed devices
  'devices:list',
  'devices:refresh',
  // offline review bundles (read-only sites from a colleague's visit)
  'bundles:list',
  'bundles:get',
  'bundles:hub',
  'bundles:export',
  'bundles:openFile',
  'bundles:openText',
  'bundles:close',
  'bundles:adopt',
  'bundles:reportPreview',
  'bundles:reportSave',
  // a bundle sent from the page in pieces (the browser preview bounds one message's size)
  'bundles:uploadBegin',
  'bundles:uploadChunk',
  'bundles:uploadFinish',
] as const;

export const EVENT_CHANNELS = [
  'monitor:changed',
  'inventory:changed',
  'discovery:progress',
  'discovery:found',
  'discovery:finished',
  'tracking:updateEnded',
  'settings:changed',
  'menu:command',
  'visit:changed',
  'devices:changed',
  'bundles:changed',
] as const;

export type CallChannel = (typeof CALL_CHANNELS)[number];
export type EventChannel = (typeof EVENT_CHANNELS)[number];

/** The global name under which the preload and the web shim expose the RendererApi (`window.hubkeeper`). */
export const RENDERER_API_KEY = 'hubkeeper';
