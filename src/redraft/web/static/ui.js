// redraft: small enhancements. Every page works without this file.
"use strict";

// Folds: without JavaScript an expand link reloads the page with the fold open; with it, the
// same URL is fetched and only the fold's rows are swapped in, keeping the scroll position.
document.addEventListener("click", async (event) => {
  const link = event.target instanceof Element ? event.target.closest("a.fold-expand") : null;
  if (!link || event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey) {
    return;
  }
  const key = link.dataset.fold;
  const fold = key ? document.getElementById(key) : null;
  if (!fold) {
    return;
  }
  event.preventDefault();
  link.setAttribute("aria-busy", "true");
  try {
    const response = await fetch(link.href, { credentials: "same-origin" });
    if (!response.ok) {
      throw new Error(`HTTP ${response.status}`);
    }
    const page = new DOMParser().parseFromString(await response.text(), "text/html");
    const opened = page.getElementById(key);
    if (!opened || !opened.classList.contains("fold-open")) {
      throw new Error("fold missing from the response");
    }
    fold.replaceWith(document.importNode(opened, true));
    const first = document.getElementById(key)?.querySelector("td.code");
    if (first) {
      first.setAttribute("tabindex", "-1");
      first.focus({ preventScroll: true });
    }
  } catch {
    // Fall back to the plain link: the server renders the fold open.
    window.location.assign(link.href);
  }
});
