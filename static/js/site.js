// Small progressive enhancements; every page works without this file.
document.addEventListener("keydown", (event) => {
  // Escape closes an open menu (the menus are <details> elements and work without JavaScript).
  if (event.key !== "Escape") return;
  document.querySelectorAll("details.nav-toggle[open], details.account-menu[open]").forEach((menu) => {
    menu.removeAttribute("open");
    menu.querySelector("summary")?.focus();
  });
});

document.addEventListener("click", (event) => {
  // A click outside an open account menu closes it.
  document.querySelectorAll("details.account-menu[open]").forEach((menu) => {
    if (!menu.contains(event.target)) menu.removeAttribute("open");
  });
});

// Every form shows it was sent: it is marked aria-busy and its submit buttons disabled until the
// next page arrives, so a second click sends nothing twice. htmx forms get the same while their
// request runs. Nothing here is needed for the form to work.
const SUBMITS = 'button:not([type]), button[type="submit"], input[type="submit"]';

function markBusy(form) {
  form.setAttribute("aria-busy", "true");
  // Disabled after the browser has read the form: a disabled button's name would be left out.
  setTimeout(() => form.querySelectorAll(SUBMITS).forEach((button) => { button.disabled = true; }), 0);
  // A response that is a download leaves the page as it was: give the buttons back.
  setTimeout(() => markReady(form), 10000);
}

function markReady(form) {
  form.removeAttribute("aria-busy");
  form.querySelectorAll(SUBMITS).forEach((button) => { button.disabled = false; });
}

document.addEventListener("submit", (event) => {
  const form = event.target;
  if (!(form instanceof HTMLFormElement) || event.defaultPrevented || form.hasAttribute("hx-get") || form.hasAttribute("hx-post")) return;
  markBusy(form);
});
document.addEventListener("htmx:beforeRequest", (event) => {
  if (event.target instanceof HTMLFormElement) event.target.setAttribute("aria-busy", "true");
});
document.addEventListener("htmx:afterRequest", (event) => {
  if (event.target instanceof HTMLFormElement) markReady(event.target);
});
// Back to a page kept in the browser's cache: its forms are usable again.
window.addEventListener("pageshow", (event) => {
  if (event.persisted) document.querySelectorAll("form[aria-busy]").forEach(markReady);
});
