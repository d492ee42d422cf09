// Job search and job pages: small enhancements. Everything works without this file.

// The filters are a <details> drawer on phones and an always-open sidebar on wider screens.
const wideScreen = window.matchMedia("(min-width: 60rem)");
function placeFilters() {
  const filters = document.getElementById("filters");
  if (filters && wideScreen.matches) filters.open = true;
}
placeFilters();
wideScreen.addEventListener("change", placeFilters);

// Searches through htmx leave empty parameters out, so the URL that follows stays readable.
document.addEventListener("htmx:configRequest", (event) => {
  if (event.detail.elt.id !== "job-search") return;
  const parameters = event.detail.parameters;
  for (const name of ["q", "location", "min_pay", "posted_within", "sort"]) {
    if (parameters[name] === "" || parameters[name] === undefined) delete parameters[name];
  }
  if (!parameters.location) delete parameters.radius;
});

// After a page link replaced the results, move focus to them (the link itself is gone).
document.addEventListener("htmx:afterSwap", (event) => {
  const results = document.getElementById("search-results");
  if (event.detail.target === results && !document.activeElement?.closest("#job-search")) {
    results.focus({ preventScroll: true });
  }
});

// "Copy link" on a job page: the field stays selectable by hand when the clipboard is refused.
document.querySelectorAll("[data-copy-target]").forEach((button) => {
  const field = document.getElementById(button.dataset.copyTarget);
  const status = button.closest(".copy-link")?.querySelector("[data-copy-status]");
  button.hidden = false;
  button.addEventListener("click", async () => {
    field.select();
    try {
      await navigator.clipboard.writeText(field.value);
      if (status) status.textContent = "Link copied.";
    } catch {
      if (status) status.textContent = "Press Ctrl+C (or ⌘+C) to copy the selected link.";
    }
  });
});
