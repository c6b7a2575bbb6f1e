import { z } from 'zod';

/**
 * Site visits. Traffic follows the technician, not the inventory: only hubs of a site being
 * visited (or marked "always watched") are polled and logged in to with remembered passwords;
 * every other hub gets no traffic at all and shows its last-known state.
 */
export const siteVisitSchema = z.object({
  siteId: z.string(),
  /** Hubs of this site may get traffic now (a visit is on, or the site is always watched). */
  visited: z.boolean(),
  /** The site setting that keeps it visited permanently (VPN, lab). */
  alwaysWatched: z.boolean(),
  /** ISO start of the current visit, or of the last one when none is on; null when never visited. */
  startedAt: z.string().nullable(),
  /** ISO end of the last visit; null while one is on or when never visited. */
  endedAt: z.string().nullable(),
  /** The last visit ended because Hubkeeper quit: the window offers to resume it (nothing is sent until then). */
  resumable: z.boolean(),
});
export type SiteVisit = z.infer<typeof siteVisitSchema>;

/** Pushed whenever any site's visit state changes: the state of every site. */
export const visitsChangedSchema = z.object({ visits: z.array(siteVisitSchema) });
