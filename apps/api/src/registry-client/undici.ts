import { loadLater } from '../common/load-later';

/**
 * undici, loaded at the first call to a registry (a crawl, a tag deleted or read): about 60 ms of
 * start-up otherwise.
 */
export const undici = loadLater(() => import('undici'));
