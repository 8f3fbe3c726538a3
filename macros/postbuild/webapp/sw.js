// The guide's service worker. macros/offline.py writes it into the built site as sw.js,
// filling in this build's precache list: every page and asset (address relative to the
// site's root -> hash of its bytes) and the cache version (a hash of that list).
"use strict";

const PRECACHE = self.__PRECACHE__;
const VERSION = self.__VERSION__;
const SCOPE = new URL(self.registration.scope);
// Named after the site's path: several sites on one origin (GitHub Pages project sites
// share user.github.io) each delete only their own old caches.
const PREFIX = `guide-offline:${SCOPE.pathname}:`;
const CACHE = PREFIX + VERSION;
const NOT_FOUND = "404.html";

// A cached file is stored under its address plus its revision, so a cache entry can only
// ever answer for the exact bytes the build listed.
const cacheKey = (path, revision) => `${new URL(path, SCOPE).href}?__rev=${revision}`;

async function sha256(buffer) {
  const digest = new Uint8Array(await crypto.subtle.digest("SHA-256", buffer));
  return Array.from(digest, (byte) => byte.toString(16).padStart(2, "0")).join("").slice(0, 16);
}

async function precache() {
  const cache = await caches.open(CACHE);
  await Promise.all(Object.entries(PRECACHE).map(async ([path, revision]) => {
    const key = cacheKey(path, revision);
    if (await cache.match(key)) return;
    // Unchanged since the previous build: copied from its cache, not downloaded again,
    // so an update fetches exactly the files that changed.
    for (const name of await caches.keys()) {
      if (!name.startsWith(PREFIX)) continue;
      const previous = await (await caches.open(name)).match(key);
      if (previous) return cache.put(key, previous);
    }
    // "no-cache": revalidated with the server, never an old copy from the HTTP cache.
    const response = await fetch(new URL(path, SCOPE), { cache: "no-cache" });
    if (!response.ok) throw new Error(`${path}: HTTP ${response.status}`);
    // A file that does not match the build's hash (a deploy still in progress) fails
    // the install; the browser tries again on a later visit.
    if (await sha256(await response.clone().arrayBuffer()) !== revision) throw new Error(`${path}: stale`);
    await cache.put(key, response);
  }));
}

self.addEventListener("install", (event) => event.waitUntil(precache()));

self.addEventListener("activate", (event) => event.waitUntil((async () => {
  for (const name of await caches.keys()) {
    if (name.startsWith(PREFIX) && name !== CACHE) await caches.delete(name);
  }
  // The first visit's page is controlled at once, so it works offline without a reload.
  await self.clients.claim();
})()));

// The page's "Reload" button (overrides/assets/javascripts/offline.js) applies a waiting update.
self.addEventListener("message", (event) => {
  if (event.data === "skip-waiting") self.skipWaiting();
});

self.addEventListener("fetch", (event) => {
  const request = event.request;
  const url = new URL(request.url);
  // Other hosts (the site uses none) and other sites on this host: not ours, never cached.
  if (request.method !== "GET" || url.origin !== SCOPE.origin || !url.pathname.startsWith(SCOPE.pathname)) return;
  // Pages are listed by the address readers use: technique/ for technique/index.html.
  // The query is ignored: the search shares its terms as ?q=.
  const path = url.pathname.slice(SCOPE.pathname.length).replace(/(^|\/)index\.html$/, "$1");
  const revision = PRECACHE[path];
  if (revision === undefined && request.mode !== "navigate") return;
  event.respondWith(respond(request, path, revision));
});

async function respond(request, path, revision) {
  const cache = await caches.open(CACHE);
  if (revision !== undefined) return (await cache.match(cacheKey(path, revision))) || fetch(request);
  // A page address without its final slash, as a static host redirects it.
  if (PRECACHE[path + "/"] !== undefined) {
    const url = new URL(request.url);
    url.pathname += "/";
    return Response.redirect(url.href, 301);
  }
  // An address the site does not have: the server's answer when online, else the
  // cached 404 page, with its status.
  try {
    return await fetch(request);
  } catch (error) {
    const page = await cache.match(cacheKey(NOT_FOUND, PRECACHE[NOT_FOUND]));
    if (!page) throw error;
    return new Response(page.body, { status: 404, statusText: "Not Found", headers: page.headers });
  }
}
